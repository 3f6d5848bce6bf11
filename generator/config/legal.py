"""Which mandatory parts of the legal pages a city configuration still lacks.

The parts and their sources: ../shared/docs/legal-pages-nrw.md (Impressum: DDG § 5, MStV § 18 (2);
Datenschutzerklärung: DSGVO Art. 13, DSG NRW; Erklärung zur Barrierefreiheit: BGG NRW § 10b,
BITV NRW § 4). A demonstration or draft may show marked placeholders; an `amtlich` site may not
(validate.py turns every gap into a located problem).

Videos in Deutscher Gebärdensprache are not among them: a site without them is published, and its
accessibility statement names their absence as a barrier with reason and alternative (BITV 2.0 § 4
with Anlage 2, adopted by BITV NRW). Refusing the build would not bring the videos; it would take
the figures and the Leichte Sprache page away as well.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .models import CityConfig

# A value still holding the template's placeholder, the init command's "BITTE PRÜFEN" or an
# example address is not filled in.
PLACEHOLDER = re.compile(r"\[Platzhalter|BITTE PRÜFEN|@example\.(org|com|net)\b|//example\.(org|com|net)\b",
                         re.IGNORECASE)

MANDATORY: tuple[tuple[str, str], ...] = (
    ("impressum.anbieter", "Name des Anbieters (§ 5 DDG)"),
    ("impressum.rechtsform", "Rechtsform (§ 5 DDG)"),
    ("impressum.vertreten_durch", "vertretungsberechtigte Person (§ 5 DDG)"),
    ("impressum.adresse", "Anschrift des Anbieters (§ 5 DDG)"),
    ("impressum.telefon", "Telefon als zweiter schneller Kontaktweg (§ 5 DDG)"),
    ("impressum.email", "E-Mail-Adresse des Anbieters (§ 5 DDG)"),
    ("impressum.aufsichtsbehoerde", "Aufsichtsbehörde (§ 5 DDG)"),
    ("impressum.verantwortlich.name", "verantwortliche natürliche Person (§ 18 Abs. 2 MStV)"),
    ("impressum.verantwortlich.adresse", "Anschrift der verantwortlichen Person (§ 18 Abs. 2 MStV)"),
    ("datenschutz.datenschutzbeauftragte.name", "Datenschutzbeauftragte/r (Art. 13 Abs. 1 b DSGVO)"),
    ("datenschutz.datenschutzbeauftragte.email", "Kontakt der/des Datenschutzbeauftragten (Art. 13 Abs. 1 b DSGVO)"),
    ("datenschutz.rechtsgrundlage", "Rechtsgrundlage der Verarbeitung (Art. 13 Abs. 1 c DSGVO)"),
    ("datenschutz.hoster", "Empfänger: Hosting-Anbieter (Art. 13 Abs. 1 e DSGVO)"),
    ("datenschutz.speicherdauer", "Speicherdauer der Server-Protokolle (Art. 13 Abs. 2 a DSGVO)"),
    ("datenschutz.rueckmeldung_empfaenger", "Empfänger von E-Mails an die Adressen der Website (Art. 13 Abs. 1 e DSGVO)"),
    ("datenschutz.rueckmeldung_speicherdauer", "Speicherdauer von E-Mails an die Adressen der Website "
                                               "(Art. 13 Abs. 2 a DSGVO)"),
    ("datenschutz.aufsichtsbehoerde.name", "Aufsichtsbehörde für Beschwerden (Art. 13 Abs. 2 d DSGVO)"),
    ("barrierefreiheit.kontakt.email", "Kontakt für Rückmeldungen zur Barrierefreiheit (§ 10b Abs. 2 BGG NRW)"),
    ("barrierefreiheit.kontaktformular", "barrierefreies elektronisches Kontaktformular (§ 10b Abs. 2 BGG NRW)"),
    ("barrierefreiheit.rechtsgrundlage", "Rechtsgrundlage der Erklärung (BITV NRW § 4)"),
    ("barrierefreiheit.durchsetzung.name", "Ombuds- oder Durchsetzungsstelle (§ 10d BGG NRW)"),
)


def value_at(city: CityConfig, path: str) -> Any:
    value: Any = city
    for part in path.split("."):
        value = getattr(value, part)
    return value


def is_missing(value: Any) -> bool:
    return not str(value).strip() or bool(PLACEHOLDER.search(str(value)))


def gaps(city: CityConfig) -> list[tuple[str, str, str]]:
    """(key path, what it is, its value) of every mandatory part that is empty or a placeholder."""
    return [(path, label, str(value_at(city, path))) for path, label in MANDATORY
            if is_missing(value_at(city, path))]


def review_overdue(city: CityConfig, today: dt.date | None = None) -> int | None:
    """Days since the accessibility statement was made or last reviewed, if more than a year."""
    days = ((today or dt.date.today()) - city.barrierefreiheit.stand).days
    return days if days > 366 else None
