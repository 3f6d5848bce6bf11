"""The one number parser (generator/inputs/numbers.py): German and English numbers by rules stated once.

Expected values come from the rules as an official-statistics reader applies them (Zeichenerklärung of
the statistical offices, DIN 1333 thousands groups) and, in the property tests, from Python's own
number formatting (``format(x, ",.2f")``), not from the parser.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.inputs.numbers import ENGLISH, GERMAN, canonical, decide, parse

# text, decimal mark → value (or marker, or problem code)
CASES = [
    ("1.234,5", GERMAN, 1234.5), ("1.234", GERMAN, 1234), ("12.345.678", GERMAN, 12345678), ("12,5", GERMAN, 12.5),
    ("0,125", GERMAN, 0.125), ("1 234", GERMAN, 1234), ("1\u00a0234,5", GERMAN, 1234.5), ("1\u202f234", GERMAN, 1234),
    ("1\u2009234,75", GERMAN, 1234.75), ("\u22123,5", GERMAN, -3.5), ("\u20133", GERMAN, -3), ("-3", GERMAN, -3),
    ("+7", GERMAN, 7), ("1,5E-05", GERMAN, 1.5e-05), ("  42 ", GERMAN, 42),
    ("1,234.5", ENGLISH, 1234.5), ("1,234", ENGLISH, 1234), ("12.5", ENGLISH, 12.5), ("1.3066", ENGLISH, 1.3066),
    ("1e308", ENGLISH, 1e308),
    # the transcription slips, in a file that writes decimal commas
    ("1.3066", GERMAN, "number-thousands-misplaced"), ("1.64", GERMAN, "number-thousands-misplaced"),
    ("1.5", GERMAN, "number-thousands-misplaced"), ("12.34.5", GERMAN, "number-thousands-misplaced"),
    ("1 23", GERMAN, "number-thousands-misplaced"), ("1,5", ENGLISH, "number-thousands-misplaced"),
    ("1,234.5", GERMAN, "number-decimal-mismatch"), ("1.234,5", ENGLISH, "number-decimal-mismatch"),
    ("1,2,3", GERMAN, "number-decimal-mismatch"),
    ("857°", GERMAN, "number-stray-character"), ("12a", GERMAN, "number-stray-character"),
    ("12,", GERMAN, "number-stray-character"),
    ("viel", GERMAN, "cell-not-number"), ("inf", ENGLISH, "cell-not-number"), ("nan", ENGLISH, "cell-not-number"),
    ("1e999", ENGLISH, "cell-not-number"),
]


@pytest.mark.parametrize("text, decimal, expected", CASES, ids=[f"{t}|{d}" for t, d, _ in CASES])
def test_numbers_by_the_stated_rules(text, decimal, expected):
    n = parse(text, decimal)
    if isinstance(expected, str):
        assert (n.code, n.value) == (expected, None) and n.message
    else:
        assert n.ok and n.value == pytest.approx(expected, rel=0, abs=0) and not n.marker


@pytest.mark.parametrize("text, percent", [("12,5 %", 12.5), ("12,5%", 12.5), ("12 %", 12), ("0,4\u00a0%", 0.4)])
def test_a_percent_sign_keeps_the_number_as_written(text, percent):
    n = parse(text, GERMAN)
    assert n.ok and n.percent and n.value == percent


# The Zeichenerklärung: a marker is never a number, never a zero.
@pytest.mark.parametrize("text, marker", [(".", "geheim"), ("x", "geheim"), ("X", "geheim"), ("*", "geheim"),
                                          ("-", "fehlt"), ("–", "fehlt"), ("—", "fehlt"), ("…", "fehlt"),
                                          ("...", "fehlt"), ("k.A.", "fehlt"), ("k. A.", "fehlt"), ("kA", "fehlt"),
                                          ("n.v.", "fehlt"), ("/", "fehlt"), ("K.A.", "fehlt")])
def test_markers_are_recorded_not_read_as_numbers(text, marker):
    for decimal in (GERMAN, ENGLISH):
        n = parse(text, decimal)
        assert n.ok and n.value is None and n.marker == marker


def test_the_message_says_what_might_be_meant():
    assert "„6,7341“ oder „67341“" in parse("6.7341", GERMAN).message


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.booleans())
def test_german_numbers_as_excel_writes_them_read_back_exactly(x, grouped):
    english = format(x, ",.2f" if grouped else ".2f")  # Python's formatting, not the parser's
    german = english.replace(",", "\0").replace(".", ",").replace("\0", ".")
    assert parse(german, GERMAN).value == float(english.replace(",", ""))
    assert parse(english, ENGLISH).value == float(english.replace(",", ""))
    assert canonical(german, GERMAN) == english.replace(",", "")


@given(st.integers(1, 999), st.integers(0, 9999).filter(lambda n: not 100 <= n <= 999))
def test_a_dot_before_anything_but_three_digits_is_never_guessed_in_a_german_file(head, tail):
    text = f"{head}.{tail}"
    assert parse(text, GERMAN).code == "number-thousands-misplaced"


def test_the_file_decides_its_decimal_mark_by_the_cells_votes():
    # German Excel with thousands points and one slip: German, and the slip is flagged
    assert decide(["6.807", "6.734", "6.658", "6.7341"], ",").mark == GERMAN
    # the issue's „1.64“ among values of 1,300–1,700 written with thousands points
    assert decide(["1.300", "1.512", "1.700", "1.64"], ",").mark == GERMAN
    # pandas writing `;` with decimal points
    assert decide(["12.345", "12.5", "0.1234", "3.75"], ",").mark == ENGLISH
    # no vote at all: the default
    assert decide(["12", "2022", "Innenstadt"], ENGLISH).mark == ENGLISH
    d = decide(["12,5", "3,25"], ENGLISH)
    assert d.mark == GERMAN and d.votes[GERMAN] == 2 and d.example == "12,5"


def test_in_workbooks_only_unambiguous_cells_make_text_numbers_english():
    assert decide(["1.64", "1.3066"], GERMAN, strong_only=True).mark == GERMAN
    assert decide(["1,234.5", "2,345.75"], GERMAN, strong_only=True).mark == ENGLISH
