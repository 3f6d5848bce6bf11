"""The page in Leichte Sprache keeps the rules of the Netzwerk Leichte Sprache that a machine can
check, and covers what a reader needs: the classes, the focus areas, the data status, help."""

from __future__ import annotations

import re

from sentences import read

NUMBER_WORDS = r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert)\b"
PASSIVE = r"\b(wird|werden|wurde|wurden|worden)\b"


def _page(site) -> str:
    return (site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")


def test_one_statement_per_line_and_simple_grammar(built_site):
    lines = read(_page(built_site)).lines
    assert len(lines) > 30
    for line in lines:
        sentences = re.findall(r"[.!?](?=\s|$)", line)
        assert len(sentences) <= 1, line
        assert not re.search(PASSIVE, line), f"Passiv: {line}"
        assert not re.search(r"\bdes\b|\bdeines\b|\bihres\b", line), f"Genitiv: {line}"
        assert not re.search(NUMBER_WORDS, line, re.IGNORECASE), f"Zahlwort: {line}"
        assert "Website" not in line and "Sozialbericht" not in line, line


def test_every_class_the_focus_areas_the_data_status_and_help_are_explained(built_site):
    text = read(_page(built_site)).text
    for words in ("Status hoch heißt", "Status mittel heißt", "Status niedrig heißt", "Status sehr niedrig heißt",
                  "Dynamik positiv heißt", "Dynamik stabil heißt", "Dynamik negativ heißt",
                  "Stabil heißt nicht: Alles ist gleich geblieben", "Fokus-Quartier", "nicht echt",
                  "Barriere-Freiheit"):
        assert words in text, words
    assert 'href="../barrierefreiheit/' in _page(built_site)


def test_the_accessibility_statement_is_explained_barrier_by_barrier(built_site):
    lines = read(_page(built_site)).lines
    assert "Was ist die Erklärung zur Barriere-Freiheit?" in lines
    listed = lines[lines.index("Diese Teile sind noch nicht barriere-frei:") + 1:
                   lines.index("Alle Zahlen stehen auch in Tabellen auf den Internet-Seiten.")]
    statement = (built_site / "barrierefreiheit" / "index.html").read_text(encoding="utf-8")
    section = statement[statement.index('id="nicht-barrierefreie-inhalte"'):statement.index('id="erstellung"')]
    # one sentence in Leichter Sprache for each barrier the statement lists, the missing videos among them
    assert len(listed) == section.count("<h3") >= 4
    assert "Es gibt noch keine Videos in Gebärden-Sprache." in listed


def test_how_to_report_a_barrier_and_where_to_turn_next(built_site):
    html = _page(built_site)
    lines = read(html).lines
    for line in ("Sie finden eine Barriere?", "Schreiben Sie uns eine E-Mail: barrierefreiheit@example.org",
                 "Oder schreiben Sie uns mit dem Kontakt-Formular: [Platzhalter] Adresse eines barrierefreien "
                 "Kontaktformulars", "Die Antwort hilft Ihnen nicht?", "Die Hilfe kostet nichts."):
        assert line in lines, line
    # the placeholder form address is marked, the enforcement body is linked as stadt.yaml names it (NRW default)
    assert '<mark class="sb-platzhalter">[Platzhalter] Adresse eines barrierefreien Kontaktformulars</mark>' in html
    assert 'href="https://www.lbbp.nrw.de/ombudsstelle"' in html


def test_the_way_in_is_the_button_the_start_page_shows_and_the_position_stays_on_the_device(built_site):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    button = re.search(r'<button type="button" class="md-button">([^<]+)</button>', start).group(1)
    text = read(_page(built_site)).text
    assert f"Auf dem Knopf steht: {button}." in text
    for words in ("Ihr Stand-Ort bleibt auf Ihrem Handy oder Ihrem Computer.", "Wir bekommen Ihren Stand-Ort nicht.",
                  "Sie wollen Ihren Stand-Ort nicht zeigen?", "Auf jeder Seite gibt es ein Menü."):
        assert words in text, words


def test_sign_language_is_pointed_to_and_each_section_has_the_anchor_the_sign_language_page_uses(built_site):
    html = _page(built_site)
    assert 'href="../gebaerdensprache/"' in html
    assert "Es gibt noch keine Videos in Gebärden-Sprache." in read(html).text
    dgs = (built_site / "gebaerdensprache" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'href="\.\./leichte-sprache/#([^"]+)"', dgs))
    assert len(anchors) == 4
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor
