"""Who speaks, and honest addresses: the publisher is named (never "die Stadt" when the city does not
publish), and a placeholder address is marked wherever it appears – pages, embed codes, citations,
package README, CITATION.cff, DCAT."""

from __future__ import annotations

import re

from .names import Name, Noun

# A value still holding the template's placeholder, the init command's "BITTE PRÜFEN" or an
# example address is not filled in (also used by the legal pages, config/legal.py).
PLACEHOLDER = re.compile(r"\[Platzhalter|BITTE PRÜFEN|@example\.(org|com|net)\b|//example\.(org|com|net)\b",
                         re.IGNORECASE)
ADDRESS_MARK = "[Platzhalter-Adresse]"
ADDRESS_NOTE = ("Platzhalter: Diese Adresse ist eine Beispieladresse (example.org); die Seiten stehen noch nicht "
                "unter ihrer endgültigen Adresse.")

FILES_NOTE = ("Platzhalter: Die Web-Adressen in dieser Datei sind Beispieladressen (example.org); die Daten stehen "
              "noch nicht unter ihrer endgültigen Adresse.")


def is_placeholder(value) -> bool:
    return bool(PLACEHOLDER.search(str(value)))


def address(url: str) -> str:
    """An address in plain text (README, citation in a file): marked when it is a placeholder."""
    return f"{url} {ADDRESS_MARK}" if is_placeholder(url) else url


def embed_comment(url: str) -> str:
    """The first line of a copy-paste embed code whose address is a placeholder ("" otherwise)."""
    if not is_placeholder(url):
        return ""
    return "<!-- Platzhalter-Adresse (example.org): vor dem Einbetten durch die endgültige Adresse ersetzen -->\n"


def embed_note(url: str) -> str:
    return ADDRESS_NOTE if is_placeholder(url) else ""


def feedback_sentence() -> str:
    return "Sie wohnen oder arbeiten hier und möchten etwas zu den Zahlen sagen?"


def feedback_after(area: Noun) -> str:
    """What follows the link: how the mail is sent."""
    return (f"Ihr E-Mail-Programm öffnet sich mit einem Betreff zu {area.this('dat')}; es gibt kein Formular und "
            "keinen fremden Dienst.")


def feedback_link(publisher: str) -> str:
    """ "Schreiben Sie dem Herausgeber dieser Seiten eine E-Mail" – naming who that is, never "die Stadt"
    unless the city publishes (stadt.yaml: herausgeber)."""
    return f"Schreiben Sie dem Herausgeber dieser Seiten, {publisher}, eine E-Mail"


def email_note(address: str) -> str:
    """A placeholder e-mail address, said plainly ("" for a real one)."""
    if not is_placeholder(address):
        return ""
    return f"Platzhalter: Die E-Mail-Adresse {address} ist eine Beispieladresse; Nachrichten an sie kommen nicht an."


def feedback_heading(name: Name) -> str:
    """ "Rückmeldung zur Innenstadt", "Rückmeldung zu Lirich-Nord"."""
    return f"Rückmeldung {name.zu()}"


def feedback_subject(name: Name, area: str, edition: str) -> str:
    """The subject line of the feedback e-mail: "Rückmeldung zur Innenstadt (Sozialquartier, Sozialbericht 2022)"."""
    return f"Rückmeldung {name.zu()} ({area}, {edition})"


def files_note(url: str) -> str:
    """A sentence for a file (catalogue, citation file) whose addresses are placeholders ("" otherwise)."""
    return f" {FILES_NOTE}" if is_placeholder(url) else ""
