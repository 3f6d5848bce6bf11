"""The comparison judge: the editor's phrase families read to the figures they name, the ±6 % band
at its edges, exact differences, unknown phrases; and planted wrong words on real built pages."""

from __future__ import annotations

import math
import re

import pytest

from reader import comparisons as C
from reader.audit import check_page
from reader.page import read, sentences
from reader.report import Report

# The editor's contract, written out by hand (not derived from the parser): phrase → named figure.
CONTRACT = [
    ("etwa so hoch wie", 1.0),
    ("etwas höher als", 1.1), ("etwas niedriger als", 0.9),
    ("etwa ein Zehntel höher als", 1.1), ("etwa ein Zehntel niedriger als", 0.9),
    ("etwa ein Fünftel höher als", 1.2), ("etwa ein Viertel höher als", 1.25), ("etwa ein Drittel höher als", 4 / 3),
    ("etwa ein Fünftel niedriger als", 0.8), ("etwa ein Viertel niedriger als", 0.75),
    ("etwa ein Drittel niedriger als", 2 / 3),
    ("etwa die Hälfte höher als", 1.5), ("etwa anderthalbmal so hoch wie", 1.5),
    ("etwa halb so hoch wie", 0.5), ("etwa ein Drittel so hoch wie", 1 / 3), ("etwa ein Viertel so hoch wie", 0.25),
    ("etwa ein Fünftel so hoch wie", 0.2), ("etwa zwei Drittel so hoch wie", 2 / 3),
    ("etwa drei Viertel so hoch wie", 0.75),
    ("etwa doppelt so hoch wie", 2.0), ("etwa zweieinhalbmal so hoch wie", 2.5), ("etwa dreimal so hoch wie", 3.0),
    ("etwa viermal so hoch wie", 4.0), ("etwa fünfmal so hoch wie", 5.0), ("etwa sechsmal so hoch wie", 6.0),
    ("etwa siebenmal so hoch wie", 7.0), ("etwa achtmal so hoch wie", 8.0), ("etwa neunmal so hoch wie", 9.0),
    ("etwa zehnmal so hoch wie", 10.0),
    ("etwa 15 % höher als", 1.15), ("etwa 12 % niedriger als", 0.88), ("etwa 3,5-mal so hoch wie", 3.5),
]


def _judge(phrase: str, a: str, b: str) -> list[C.Comparison]:
    return C.in_sentence(f"{a} % in Musterdorf, {b} % in der Stadt – {phrase} in der Stadt.", "muster")


@pytest.mark.parametrize("phrase,figure", CONTRACT, ids=[p for p, _ in CONTRACT])
def test_each_phrase_names_its_figure_and_holds_only_inside_the_band(phrase, figure):
    b = 1000.0
    for factor, holds in ((1.0, True), (1.059, True), (1 / 1.059, True), (1.062, False), (1 / 1.062, False)):
        a = round(b * figure * factor, 1)
        [c] = _judge(phrase, f"{a:.1f}".replace(".", ","), "1000,0")
        assert c.claim.kind != "unknown" and math.isclose(c.claim.figure, figure), c.claim
        assert (c.problem is None) == holds, (phrase, a, c.problem)


def test_bounds_beyond_the_named_figures():
    assert _judge("weniger als ein Zehntel so hoch wie", "0,9", "10,0")[0].problem is None
    assert _judge("weniger als ein Zehntel so hoch wie", "1,0", "10,0")[0].problem is not None
    assert _judge("mehr als zehnmal so hoch wie", "10,1", "1,0")[0].problem is None
    assert _judge("mehr als zehnmal so hoch wie", "10,0", "1,0")[0].problem is not None


def test_a_ratio_is_judged_from_the_numbers_as_displayed():
    # 14,8 against 15,6 is 0,949: „etwas niedriger“ (0,9) needs ≤ 0,954, „etwa so hoch“ ≥ 0,943: both hold
    assert _judge("etwas niedriger als", "14,8", "15,6")[0].problem is None
    # 33,2 against 27,0 is 1,23: not „ein Drittel höher“ (1,258 … 1,413)
    assert "außerhalb" in _judge("etwa ein Drittel höher als", "33,2", "27,0")[0].problem
    # 1,0 against 1,8 is 0,56: not „ein Drittel niedriger“
    assert _judge("etwa ein Drittel niedriger als", "1,0", "1,8")[0].problem
    # zero against zero is as high, anything against zero infinitely higher, negatives have no ratio
    assert _judge("etwa so hoch wie", "0,0", "0,0")[0].problem is None
    assert _judge("mehr als zehnmal so hoch wie", "0,3", "0,0")[0].problem is None
    assert _judge("etwa so hoch wie", "0,1", "0,2")[0].problem
    [c] = C.in_sentence("−1,5 Prozentpunkte in Musterdorf, −1,4 Prozentpunkte in der Stadt – etwa so hoch wie "
                        "in der Stadt.", "m")
    assert "negativ" in c.problem


def test_differences_are_checked_exactly_against_the_displayed_difference():
    s = "1,9 Prozentpunkte in Musterdorf, 1,0 Prozentpunkte in der Stadt – {} als in der Stadt."
    [ok] = C.in_sentence(s.format("0,9 Prozentpunkte mehr"), "m")
    [off] = C.in_sentence(s.format("0,8 Prozentpunkte mehr"), "m")
    [wrong_way] = C.in_sentence(s.format("0,9 Prozentpunkte weniger"), "m")
    assert ok.problem is None and off.problem and wrong_way.problem
    assert ok.claim.kind == "difference"


def test_the_reference_is_the_number_named_after_wie_or_als():
    [c] = C.in_sentence("Mit 23,0 % ist der Anteil in Lirich-Nord etwa anderthalbmal so hoch wie in der Stadt "
                        "(15,3 %).", "m")
    assert c.problem is None and (c.a.text, c.b.text) == ("23,0", "15,3")
    [c] = C.in_sentence("In der Stadt sind es 15,3 %, in Lirich-Nord 23,0 % – etwa anderthalbmal so hoch wie "
                        "in der Stadt.", "m")
    assert (c.a.text, c.b.text) == ("23,0", "15,3") and c.problem is None
    [c] = C.in_sentence("Der Anteil ist mit 23,0 % etwa anderthalbmal so hoch wie der Stadtwert von 15,3 %.", "m")
    assert (c.a.text, c.b.text) == ("23,0", "15,3") and c.problem is None
    [c] = C.in_sentence("Wohngeld: 4,5 % (1,8 % in der Stadt) – etwa zweieinhalbmal so hoch wie in der Stadt.", "m")
    assert (c.a.text, c.b.text) == ("4,5", "1,8") and c.problem is None
    [c] = C.in_sentence("14,0 je 100 Kinder unter 6 Jahren in X, 5,6 je 100 Kinder unter 6 Jahren in der Stadt – "
                        "etwa zweieinhalbmal so hoch wie in der Stadt.", "m")
    assert (c.a.text, c.b.text) == ("14,0", "5,6") and c.problem is None


def test_unknown_phrases_and_phrases_without_numbers_are_findings():
    [c] = C.in_sentence("25,7 % in X, 15,3 % in der Stadt – deutlich höher als in der Stadt.", "m")
    assert c.claim.kind == "unknown" and c.problem
    [c] = C.in_sentence("25,7 % in X, 15,3 % in der Stadt – etwas so hoch wie in der Stadt.", "m")
    assert c.claim.kind == "unknown"
    [c] = C.in_sentence("Der Anteil ist etwa doppelt so hoch wie in der Stadt.", "m")
    assert c.a is None and c.problem
    # explanations without numbers and quantities are no comparisons
    assert C.in_sentence("Ein z-Wert über 0 heißt: höher als im Durchschnitt der Sozialquartiere.", "m") == []
    assert C.in_sentence("Gebiete mit mehr als 300 Einwohnern werden eingestuft.", "m") == []


def test_a_table_row_is_judged_against_its_own_numbers():
    header = ["Indikator", "Wrangelkiez", "Vergleich", "Veränderung", "im Vergleich"]
    [c] = C.in_row(header, ["SGB II", "23,0 %", "15,3 %", "+2,0", "etwa anderthalbmal so hoch wie in der Stadt"], "t")
    assert c.problem is None and (c.a.text, c.b.text) == ("23,0", "15,3")
    [c] = C.in_row(header, ["SGB II", "25,7 %", "15,3 %", "+2,0", "etwas höher als in der Stadt"], "t")
    assert c.problem


def test_the_same_displayed_pair_with_two_phrases_is_inconsistent():
    one = _judge("etwas niedriger als", "14,8", "15,6")
    two = [C.Comparison("b", c.claim, c.a, c.b, c.problem, c.context) for c in _judge("etwa so hoch wie", "14,8", "15,6")]
    assert C.inconsistent(one + one) == {}
    assert list(C.inconsistent(one + two)) == [("14,8 %", "15,6 %")]


# --- planted on real pages ---------------------------------------------------------------------

def _wrong_phrase(ratio: float) -> str:
    """A phrase whose band is far from the ratio."""
    return "etwa so hoch wie" if ratio > 1.3 or ratio < 0.75 else "etwa dreimal so hoch wie"


def _report(html: str, where: str) -> Report:
    r = Report()
    check_page(read(html, where), r)
    return r


def _quarter_page(site):
    """A real quarter page of the latest edition with a comparison that holds in prose and in a table."""
    for path in sorted((site / "quartiere").glob("*/index.html")):
        page = read(path.read_text(encoding="utf-8"), "p")
        prose = [c for b in page.prose for s in sentences(b.text) for c in C.in_sentence(s, "p")
                 if c.problem is None and c.claim.kind not in ("unknown", "difference")]
        rows = [(t, r, c) for t in page.tables for r in t.rows[1:] for c in C.in_row(t.header, r, "p")
                if c.problem is None and c.claim.kind not in ("unknown", "difference")]
        if prose and rows:
            return path.read_text(encoding="utf-8"), prose[0], rows[0]
    pytest.fail("no quarter page with a holding comparison")


def _new(planted: Report, base: Report, check: str) -> list:
    before = {(f.where, f.detail) for f in base.of(check)}
    return [f for f in planted.of(check) if (f.where, f.detail) not in before]


def test_planted_wrong_word_in_a_sentence_is_caught(built_site):
    html, c, _ = _quarter_page(built_site)
    sentence_start = html.find(c.context[:40])
    assert sentence_start > 0, "the sentence stands in the page as written"
    at = html.index(c.claim.phrase, sentence_start)
    wrong = _wrong_phrase(C.ratio(c.a, c.b))
    planted = html[:at] + wrong + html[at + len(c.claim.phrase):]
    base, new = _report(html, "p"), _report(planted, "p")
    found = _new(new, base, "vergleich-band")
    assert len(found) == 1 and wrong in found[0].detail, found
    assert len(new.findings) == len(base.findings) + 1


def test_planted_wrong_word_in_a_table_cell_is_caught(built_site):
    html, _, (table, row, c) = _quarter_page(built_site)
    cell = next(x for x in row if c.claim.phrase in x)
    at = html.index(f">{cell}<", html.index(f">{row[1]}<", html.index(f">{row[0]}<")))
    wrong = _wrong_phrase(C.ratio(c.a, c.b))
    planted = html[:at] + ">" + cell.replace(c.claim.phrase, wrong) + html[at + len(cell) + 1:]
    found = _new(_report(planted, "p"), _report(html, "p"), "vergleich-band")
    assert len(found) == 1 and wrong in found[0].detail and row[0] in found[0].detail, found


def test_planted_unknown_phrase_and_wrong_difference_are_caught(built_site):
    html, c, _ = _quarter_page(built_site)
    at = html.index(c.claim.phrase, html.find(c.context[:40]))
    unknown = html[:at] + "merklich höher als" + html[at + len(c.claim.phrase):]
    assert len(_new(_report(unknown, "p"), _report(html, "p"), "vergleich-unbekannt")) == 1
    diff = round(abs(c.a.value - c.b.value), 1) + 0.3
    word = "mehr" if c.a.value >= c.b.value else "weniger"
    wrong = f"{diff:.1f}".replace(".", ",") + f" Prozentpunkte {word} als"
    planted = html[:at] + wrong + html[at + len(c.claim.phrase):]
    found = _new(_report(planted, "p"), _report(html, "p"), "vergleich-differenz")
    assert len(found) == 1 and re.search("angezeigte Differenz", found[0].detail), found
