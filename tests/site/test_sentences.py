"""Every generated sentence of the demonstration site checked against the numbers it describes
(the reader in tests/sentences.py); and the reader shown to catch planted contradictions."""

from __future__ import annotations

import pytest

from sentences import check_page, check_site, read
from generator.language import compare as text  # the module moved; reader (branch) retires this file

PAGE = """<article><h1>Musterviertel</h1>
<p>Das Musterviertel hat im Sozialbericht 2022 einen mittleren sozialen Status; die Entwicklung in den drei Jahren
von 2019 bis 2022 ist stabil.</p>
<p>Status mittel: Das Sozialquartier liegt im Mittelfeld der Sozialquartiere; einzelne Werte können deutlich abweichen.</p>
<p>Der Statusindex beträgt 0,94; 0 ist der Durchschnitt aller Sozialquartiere. Je höher der Statusindex, desto
niedriger der soziale Status: unter −1,0 heißt „hoch“, von −1,0 bis 1,0 „mittel“, über 1,0 „niedrig“ und über 1,5
„sehr niedrig“. Die Statusklasse ist knapp: Der Index liegt nur 0,06 von der nächsten Klassengrenze entfernt.</p>
<p>Dynamik stabil: Die Anteile haben sich im Vergleich mit den anderen Sozialquartieren weder besonders günstig noch
besonders ungünstig entwickelt.</p>
<p>Der Sozialindex 2+/- verbindet beides: die Ziffer ist die Statusklasse (2 = mittel), das Zeichen die Dynamik
(„+/-“ = stabil).</p>
<table><tr><th>Indikator</th><th>Musterviertel</th><th>Stadt</th><th>Veränderung</th><th>im Vergleich</th></tr>
<tr><td>SGB II</td><td>22,0 %</td><td>15,2 %</td><td>−2,5</td><td>etwa anderthalbmal so hoch wie in der Stadt</td></tr>
</table>
<p>SGB II</p><p>22,0 % im Musterviertel, 15,2 % in der Stadt – etwa anderthalbmal so hoch wie in der Stadt.
Veränderung seit 2019: −2,5 Prozentpunkte (in der Stadt: −1,0).</p>
<p>Zuzüge</p><p>7,2 je 100 Einwohner im Musterviertel, 5,6 je 100 Einwohner in der Stadt – etwa ein Drittel höher als in der Stadt.</p>
</article>"""

PLANTED = [
    ("etwa anderthalbmal so hoch wie in der Stadt.", "etwa so hoch wie in der Stadt.", "Verhältnis 1.45"),
    ("<td>etwa anderthalbmal so hoch wie", "<td>etwas höher als", "Tabelle SGB II"),
    ("etwa ein Drittel höher als", "etwa doppelt so hoch wie", "Verhältnis 1.29"),
    ("Status mittel: Das Sozialquartier liegt im Mittelfeld der Sozialquartiere",
     "Status mittel: Armutsrisiken sind hier deutlich häufiger als in den meisten Sozialquartieren", "Klassentext"),
    ("Der Statusindex beträgt 0,94", "Der Statusindex beträgt 1,24", "passt nicht zur Klasse"),
    ("nur 0,06 von", "nur 0,16 von", "Abstand"),
    ("einen mittleren sozialen", "einen niedrigen sozialen", "Einleitung"),
    ("(2 = mittel)", "(2 = hoch)", "falsch erklärt"),
    ("Veränderung seit 2019: −2,5", "Veränderung seit 2019: −0,0", "−0,0"),
    ("<p>SGB II</p>", "<p>Ohne den Indikator „veraenderung_kinderreiche“</p>", "interne Kennung"),
    ("im Sozialbericht 2022", "des Sozialbericht 2022", "Genitiv"),
    ("<p>Zuzüge</p>", "<p>8 von 27 Sozialquartiere</p>", "Dativ"),
]


def test_the_reader_finds_no_fault_in_a_correct_page():
    assert check_page(read(PAGE), "muster") == []


@pytest.mark.parametrize("old,new,expected", PLANTED, ids=[p[2] for p in PLANTED])
def test_the_reader_catches_a_planted_contradiction(old, new, expected):
    assert old in PAGE
    problems = check_page(read(PAGE.replace(old, new)), "muster")
    assert any(expected in p for p in problems), problems


def test_code_and_copy_fields_are_not_read_as_text():
    page = read("<article><p>über <code>quartier_id</code> verknüpfen</p><textarea>a_b</textarea>"
                "<script>x_y</script><div hidden>z_q</div></article>")
    assert page.lines == ["über verknüpfen"]


@pytest.mark.parametrize("ratio", [0.1, 0.2, 0.24, 0.3, 0.45, 0.6, 0.74, 0.8, 0.93, 1.0, 1.07, 1.19, 1.31,
                                   1.5, 1.7, 2.0, 2.3, 2.65, 3.2, 4.0, 5.0])
def test_the_generator_words_agree_with_the_reader(ratio):
    """The comparison words the generator chooses for a ratio are words the reader accepts for it."""
    words = text.compare(ratio * 20, 20.0)
    assert check_page(read(f"<article><p>{ratio * 20:.4f} % hier, 20,0000 % in der Stadt – {words}.</p></article>"
                           .replace(".", ",", 1)), "r") == []


def test_every_sentence_of_the_demonstration_site_holds(built_site):
    problems, seen = check_site(built_site)
    print("\nSatzprüfung Oberhausen:", seen)
    assert problems == [], "\n".join(problems[:30])
    # minimum lowered from 2000: this reader knows only the old phrase list; the new phrases („ein Fünftel“,
    # „etwa 40 % niedriger“) are judged by tests/reader (branch reader), which retires this file
    assert seen["Seiten"] > 1000 and seen["Vergleiche"] > 1000 and seen["Klassentexte"] > 100
