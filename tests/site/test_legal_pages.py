"""The legal pages contain every mandatory part, and what the accessibility statement claims of the
pages holds on the built demonstration site."""

from __future__ import annotations

import re

import pytest

from generator.site.env import angabe

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
                         "https://www.lbbp.nrw.de/ombudsstelle", "Leichter Sprache"],
}


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
