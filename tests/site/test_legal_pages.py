"""The legal pages contain every mandatory part, and what the accessibility statement claims of the
pages holds on the built demonstration site."""

from __future__ import annotations

import re

import pytest

from generator.site.env import angabe
from sentences import read

PARTS = {
    "impressum": ["§ 5 Digitale-Dienste-Gesetz", "vertreten durch", "Telefon", "E-Mail", "Aufsichtsbehörde",
                  "§ 18 Abs. 2 Medienstaatsvertrag", "Körperschaft des öffentlichen Rechts"],
    "datenschutz": ["Verantwortliche Stelle", "Datenschutzbeauftragte", "Art. 6 Abs. 1 Buchstabe e DSGVO",
                    "DSG NRW", "Empfänger", "Art. 28 DSGVO", "Speicherdauer", "Art. 15", "Art. 16", "Art. 17",
                    "Art. 18", "Art. 21", "Landesbeauftragte für Datenschutz und Informationsfreiheit",
                    "außerhalb der EU"],
    "barrierefreiheit": ["BGG NRW", "BITV NRW", "teilweise vereinbar", "Nicht barrierefreie Inhalte", "Grund:",
                         "Barrierefreie Alternative:", "24.11.2026", "Kontaktformular",
                         "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
                         "https://www.lbbp.nrw.de/ombudsstelle", "Leichter Sprache",
                         "Erläuterungen in Deutscher Gebärdensprache"],
}

# Art. 13 DSGVO point by point, with what a reader of the privacy page must find for it (the
# regulation's items, written out here; not the generator's list).
ART13 = {
    "(1) a Verantwortlicher mit Kontaktdaten": ["Verantwortliche Stelle", "Musterstraße 1, 46045 Oberhausen"],
    "(1) b Datenschutzbeauftragte": ["Datenschutzbeauftragte", "datenschutz@example.org"],
    "(1) c Zwecke und Rechtsgrundlage": ["Zweck:", "Rechtsgrundlage:", "Art. 6 Abs. 1 Buchstabe e DSGVO"],
    "(1) e Empfänger": ["Empfänger:", "Art. 28 DSGVO"],
    "(1) f Drittländer": ["außerhalb der EU"],
    "(2) a Speicherdauer": ["Speicherdauer:"],
    "(2) b Rechte": ["Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21"],
    "(2) c Widerruf einer Einwilligung": ["Einwilligung"],
    "(2) d Beschwerde": ["Art. 77", "Landesbeauftragte für Datenschutz und Informationsfreiheit"],
    "(2) e Pflicht zur Bereitstellung": ["weder gesetzlich noch vertraglich verpflichtet", "freiwillig",
                                         "technisch nicht ausliefern", "nicht per E-Mail antworten"],
    "(2) f automatisierte Entscheidung": ["Art. 22 DSGVO", "Profiling"],
}


def _sections(lines: list[str], headings: list[str]) -> dict[str, str]:
    """The text under each of the given headings (up to the next one of them)."""
    at = [lines.index(h) for h in headings]
    ends = at[1:] + [len(lines)]
    return {h: " ".join(lines[a + 1:e]) for h, a, e in zip(headings, at, ends)}


@pytest.mark.parametrize("page", list(PARTS))
def test_each_legal_page_has_its_mandatory_parts(built_site, page):
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    missing = [p for p in PARTS[page] if p not in html]
    assert missing == []
    assert "weitgehend" not in html and "Schlichtungsstelle" not in html
    # the demonstration's placeholders are marked, never passed off as facts
    assert 'class="sb-platzhalter"' in html


def test_placeholders_and_gaps_are_marked_and_facts_are_not():
    assert angabe("0208 825-0") == "0208 825-0"
    assert 'class="sb-platzhalter"' in angabe("[Platzhalter] Telefonnummer")
    assert "[Angabe fehlt]" in angabe("")
    assert 'class="sb-platzhalter"' in angabe("info@example.org")
    assert "&lt;b&gt;" in angabe("<b>")


def test_every_map_has_a_table_on_its_page_or_linked_below_it(built_site):
    """The statement says: the classes of every map are also in a table, on the same page or, for the
    locator maps of quarter pages, in the overview linked below the map."""
    checked = 0
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="karte' not in html or "einbetten" in page.parts:
            continue
        checked += 1
        has_table = "<table" in html
        link = re.search(r'<p class="[^"]*sb-tabellenlink[^"]*"><a href="([^"]+)"', html)
        assert has_table or link, page
        if not has_table:
            target = (page.parent / next(g for g in link.groups() if g)).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert "<table" in target.read_text(encoding="utf-8"), (page, target)
    assert checked > 100


@pytest.mark.parametrize("item", list(ART13))
def test_the_privacy_page_answers_each_item_of_article_13(built_site, item):
    text = read((built_site / "datenschutz" / "index.html").read_text(encoding="utf-8")).text
    missing = [p for p in ART13[item] if p not in text]
    assert missing == []


def test_each_processing_has_purpose_basis_recipients_retention_and_whether_it_is_required(built_site):
    html = (built_site / "datenschutz" / "index.html").read_text(encoding="utf-8")
    lines = read(html).lines
    parts = _sections(lines, ["Aufruf der Seiten: Server-Protokolle", "E-Mails an uns", "Was nur in Ihrem Browser geschieht",
                              "Keine Cookies, kein Tracking, keine fremden Server", "Widerspruchsrecht",
                              "Beschwerde bei der Aufsichtsbehörde"])
    for name in ("Aufruf der Seiten: Server-Protokolle", "E-Mails an uns"):
        for label in ("Welche Daten:", "Zweck:", "Rechtsgrundlage:", "Empfänger:", "Speicherdauer:",
                      "Müssen Sie die Daten bereitstellen?"):
            assert label in parts[name], (name, label)
    mail = parts["E-Mails an uns"]
    # the retention and the recipients of e-mails come from stadt.yaml, marked while placeholders
    assert "bis Ihr Anliegen erledigt ist" in mail and "E-Mail-Dienstleister" in mail
    assert "Nein. Eine E-Mail an uns ist freiwillig" in mail and "Einwilligung" in mail
    assert html.count('class="sb-platzhalter"') >= 4
    # the location never reaches the provider: said in those words, for the button the pages show
    finder = parts["Was nur in Ihrem Browser geschieht"]
    assert "„Mein Quartier finden“" in finder
    assert "Der Standort wird weder an den Server dieser Website noch an die verantwortliche Stelle oder an Dritte " \
           "übermittelt und nicht gespeichert" in finder
    assert "diese Anfrage enthält Ihren Standort nicht" in finder
    # the right to object stands apart from the other information (Art. 21 (4) DSGVO)
    assert parts["Widerspruchsrecht"].startswith("Sie haben das Recht, aus Gründen, die sich aus Ihrer besonderen Situation")
    assert "<strong>Sie haben das Recht, aus Gründen" in html
