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


# --- the messages a user reads ------------------------------------------------------------------------

def test_a_dot_before_four_digits_says_both_readings_and_who_can_tell():
    assert parse("1.3066", GERMAN).message == (
        "„1.3066“: der Punkt trennt hier Tausender, steht aber nicht vor einer Dreiergruppe (die Datei schreibt "
        "Dezimalzahlen mit Komma). Gemeint ist vielleicht „1,3066“ oder „13066“ – das kann nur die Quelle sagen.")


def test_two_misplaced_dots_leave_only_the_number_without_them_as_a_reading():
    assert parse("12.34.5", GERMAN).message == (
        "„12.34.5“: der Punkt trennt hier Tausender, steht aber nicht vor einer Dreiergruppe (die Datei schreibt "
        "Dezimalzahlen mit Komma). Gemeint ist vielleicht „12345“ – das kann nur die Quelle sagen.")


@pytest.mark.parametrize("text", ["1 23", "1\u00a023", "1\u202f23,5"])
def test_a_space_before_two_digits_is_a_misplaced_thousands_space(text):
    n = parse(text, GERMAN)
    plain = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    assert (n.code, n.message) == ("number-thousands-misplaced",
        f"„{text}“: das Leerzeichen trennt hier Tausender, steht aber nicht vor einer Dreiergruppe (die Datei "
        f"schreibt Dezimalzahlen mit Komma). Gemeint ist vielleicht „{plain}“ – das kann nur die Quelle sagen.")


def test_spaces_and_dots_together_in_a_german_number_are_misplaced_thousands():
    n = parse("1 234.5", GERMAN)
    assert n.code == "number-thousands-misplaced" and n.message.startswith("„1 234.5“: das Leerzeichen trennt")
    assert "Gemeint ist vielleicht „1234.5“ –" in n.message


def test_a_misplaced_thousands_comma_is_called_das_komma():
    """Defect: the message said „der Komma“ (Komma is neuter, as is Leerzeichen; only Punkt is masculine)."""
    assert parse("1,5", ENGLISH).message == (
        "„1,5“: das Komma trennt hier Tausender, steht aber nicht vor einer Dreiergruppe (die Datei schreibt "
        "Dezimalzahlen mit Punkt). Gemeint ist vielleicht „1.5“ oder „15“ – das kann nur die Quelle sagen.")


def test_a_long_cell_is_quoted_with_its_first_60_characters_but_the_readings_are_whole():
    text = "1." + "2" * 70
    message = parse(text, GERMAN).message
    assert message.startswith(f"„{text[:60]}…“: der Punkt")
    assert f"„1,{'2' * 70}“ oder „1{'2' * 70}“" in message
    exactly_60 = "1." + "2" * 58
    assert parse(exactly_60, GERMAN).message.startswith(f"„{exactly_60}“: der Punkt")


@pytest.mark.parametrize("text, decimal, mark", [("1,234.5", GERMAN, "Komma"), ("1.234,5", ENGLISH, "Punkt"),
                                                 ("1,2,3", GERMAN, "Komma")])
def test_swapped_marks_name_the_files_decimal_mark(text, decimal, mark):
    assert parse(text, decimal).message == (
        f"„{text}“ ist anders geschrieben als die übrigen Zahlen der Datei (Dezimalzeichen {mark}): Punkt und Komma "
        "sind vertauscht oder doppelt.")


@pytest.mark.parametrize("text, message", [
    ("857°", "„857°“ enthält neben der Zahl andere Zeichen."), ("viel", "„viel“ ist keine Zahl."),
    ("12,", "„12,“ enthält neben der Zahl andere Zeichen."), (",5", "„,5“ ist keine vollständige Zahl."),
    ("12, 5", "„12, 5“ ist keine vollständige Zahl."),
    ("1e999", "„1e999“ ist keine endliche Zahl."), ("inf", "„inf“ ist keine Zahl."), ("-inf", "„-inf“ ist keine Zahl."),
])
def test_what_is_no_number_is_quoted(text, message):
    decimal = ENGLISH if "e" in text else GERMAN
    assert parse(text, decimal).message == message


# --- how the file's decimal mark was decided, as the note says it ------------------------------------

def test_the_note_counts_the_cells_that_decided_and_shows_the_first():
    assert decide(["12,5", "3,25", "Innenstadt", "7,5"], ENGLISH).said() == "(3 Zellen wie „12,5“)"
    assert decide(["  0,4 "], ENGLISH).said() == "(1 Zelle wie „0,4“)"
    assert decide(["12.5", "2.75"], GERMAN).said() == "(2 Zellen wie „12.5“)"


def test_without_votes_the_note_says_the_default_decided():
    d = decide(["12", "2022", "Innenstadt", ""], GERMAN)
    assert (d.mark, d.said()) == (GERMAN, "(Voreinstellung)")


def test_a_tie_is_decided_by_the_default_and_the_note_says_so():
    """Defect: a tie (or a caller's fixed mark) left the note as „(1 Zelle wie „“)“ with an empty example."""
    d = decide(["12,5", "12.5"], GERMAN)
    assert (d.mark, d.example, d.said()) == (GERMAN, "", "(Voreinstellung)")
    d = decide(["12,5", "12.5"], ENGLISH)
    assert (d.mark, d.said()) == (ENGLISH, "(Voreinstellung)")


def test_the_example_is_a_cell_of_the_winning_mark():
    d = decide(["12.5", "3,25", "4,5"], ENGLISH)
    assert (d.mark, d.votes, d.example) == (GERMAN, {GERMAN: 2, ENGLISH: 1}, "3,25")


def test_cells_longer_than_40_characters_do_not_vote():
    assert decide(["1" * 38 + ",25"], ENGLISH).votes == {GERMAN: 0, ENGLISH: 0}  # 41 characters
    assert decide(["1" * 37 + ",25"], ENGLISH).votes[GERMAN] == 1  # 40 characters still vote


def test_a_signed_english_number_with_thousands_is_strong_evidence_in_a_workbook():
    assert decide(["-1,234.5", "+2,345.75", "1,5"], GERMAN, strong_only=True).mark == ENGLISH
    assert decide(["1\u00a0234.5", "1,5"], GERMAN, strong_only=True).mark == GERMAN  # no comma group: not strong
    assert decide([" 1,234.5\n", "2,345.5\t", "1,5"], GERMAN, strong_only=True).mark == ENGLISH


@pytest.mark.parametrize("minus", ["\u2212", "\u2013"])
def test_a_typeset_minus_before_an_english_number_with_thousands_is_strong_evidence_too(minus):
    """Defect: only „-“ and „+“ were taken off before the check, so „−1,234.5“ (minus sign or dash, rule 4)
    did not count as unambiguous in a workbook while „-1,234.5“ did."""
    assert decide([f"{minus}1,234.5", f"{minus}2,345.75", "1,5"], GERMAN, strong_only=True).mark == ENGLISH


@pytest.mark.parametrize("text, mark", [
    ("12,5", GERMAN), ("0,1234", GERMAN), ("1.234,5", GERMAN), ("1.234", GERMAN), ("12.345.678", GERMAN),
    ("12,5 %", GERMAN), ("\u221212,5", GERMAN), ("1,5E-05", GERMAN), ("1\u00a0234,5", GERMAN), ("+3,5", GERMAN),
    ("12.5", ENGLISH), ("1.3066", ENGLISH), ("1,234.5", ENGLISH), ("-0.5", ENGLISH), ("2.5e3", ENGLISH),
    ("12,345", None), ("12", None), ("", None), ("12 %", None), ("ca. 12,5", None), (",5", None), ("1.2.3", None),
    ("12,5a", None), ("1.234.5", None),
])
def test_a_cell_votes_for_the_decimal_mark_it_shows(text, mark):
    from generator.inputs.numbers import evidence
    assert evidence(text) == mark


# --- the lossless rewrite --------------------------------------------------------------------------

@pytest.mark.parametrize("text, decimal, plain", [
    ("1.234,50", GERMAN, "1234.50"), ("\u22123,5", GERMAN, "-3.5"), ("+7", GERMAN, "7"), ("1,5E-05", GERMAN, "1.5e-05"),
    ("1,234.50", ENGLISH, "1234.50"), ("12 %", GERMAN, None), (".", GERMAN, None), ("", GERMAN, None),
    ("1.64", GERMAN, None), ("0042", GERMAN, "0042"),
])
def test_a_number_is_rewritten_digit_for_digit_with_a_decimal_point(text, decimal, plain):
    assert canonical(text, decimal) == plain


def test_the_rewrite_reads_german_numbers_unless_told_otherwise():
    assert canonical("12,5") == "12.5" and canonical("1.234") == "1234"


def test_a_weak_english_cell_in_a_workbook_does_not_stop_the_count_of_strong_ones():
    assert decide(["1.64", "1,234.5", "2,345.75", "1,5"], GERMAN, strong_only=True).mark == ENGLISH


def test_a_mark_no_cell_was_counted_for_is_the_default():
    from generator.inputs.numbers import Decision
    assert Decision(GERMAN, {}, "12,5").said() == "(Voreinstellung)"
    assert Decision(GERMAN, {ENGLISH: 3}, "12,5").said() == "(Voreinstellung)"
