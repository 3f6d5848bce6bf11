"""Cells and headers (generator/inputs/cells.py): every cell parsed by its field definition, or a located problem.

Expected values are written by hand from the field definitions (generator/model/fields.py: type, minimum,
maximum, allowed values, the id rule) and from the sentences a user reads; nothing is copied from the
output of the code under test. Unit level only: no files, no site.
"""

from __future__ import annotations

import pandas as pd
import pytest

from generator.inputs import cells
from generator.inputs.cells import (CONTROL_HINT, FORMULA_HINT, HTML_HINT, ID_HINT, MAX_INTEGER, check_header,
                                    parse_cell, typed_table)
from generator.inputs.numbers import HINTS
from generator.inputs.read import RawTable
from generator.model.fields import FIELDS, ID_RULE, INPUT_TABLES, Field, Table

RESIDENTS = INPUT_TABLES["einwohner"]
VALUES = INPUT_TABLES["werte"]
AREAS = INPUT_TABLES["quartiere"]
# fields the input tables do not have, for the rules they would meet
FLAG = Field("stabil", "boolean", "Stabil", "Ob die Klasse stabil ist.")
SIGNED_COUNT = Field("saldo", "integer", "Saldo", "Zuzüge minus Fortzüge.")
SCORE = Field("note", "number", "Note", "Eine Note von 1 bis 6.", minimum=1, maximum=6)
FREE_TEXT = Field("bemerkung", "string", "Bemerkung", "Ein freier Text.")


def _raw(header, *rows, delimiter=",", decimal=".", file="einwohner.csv"):
    """A CSV as the reader hands it over: the header is row 1, the data start in row 2."""
    return RawTable(file, list(header), [list(r) for r in rows], list(range(2, 2 + len(rows))), delimiter, decimal)


# --- text cells ------------------------------------------------------------------------------------

def test_a_text_cell_is_kept_as_written():
    assert parse_cell("Alt-Oberhausen", FIELDS["name"], True) == ("Alt-Oberhausen", None, "")


def test_an_article_outside_der_die_das_is_refused_with_the_allowed_ones():
    assert parse_cell("Der", FIELDS["artikel"], True) == (
        None, "„Der“ ist nicht erlaubt; erlaubt sind: der, die, das.", "cell-not-allowed")
    assert parse_cell("die", FIELDS["artikel"], True) == ("die", None, "")


def test_an_id_with_a_space_breaks_the_id_rule():
    assert parse_cell("lirich nord", FIELDS["quartier_id"], True) == (
        None, f"„lirich nord“ ist keine gültige Kennung ({ID_RULE}).", "cell-bad-id")
    assert parse_cell("lirich-nord", FIELDS["quartier_id"], True) == ("lirich-nord", None, "")


def test_an_invisible_control_character_is_shown_and_named_by_its_code_point():
    assert parse_cell("Alt\x07stadt", FIELDS["name"], True) == (
        None, "„Alt�stadt“ enthält ein unsichtbares Steuerzeichen (U+0007).", "cell-control-character")


@pytest.mark.parametrize("text", ["<b>Mitte</b>", "Styrum &amp; Lirich", "Styrum &#38; Lirich"])
def test_html_in_a_name_is_refused(text):
    assert parse_cell(text, FIELDS["name"], True) == (
        None, f"„{text}“ enthält HTML-Zeichen (< oder &…;).", "cell-markup")


def test_a_name_that_starts_like_a_formula_is_refused():
    assert parse_cell("=SUMME(A1:A3)", FIELDS["name"], True) == (
        None, "„=SUMME(A1:A3)“ beginnt mit „=“ wie eine Excel-Formel.", "cell-formula")
    assert parse_cell("Lirich = Nord", FIELDS["name"], True) == ("Lirich = Nord", None, "")


def test_a_long_cell_is_quoted_with_its_first_60_characters():
    long_id = "a b" + "c" * 58  # 61 characters
    _, message, _ = parse_cell(long_id, FIELDS["quartier_id"], True)
    assert message.startswith("„a b" + "c" * 57 + "…“ ist keine")
    exactly_60 = "a b" + "c" * 57
    _, message, _ = parse_cell(exactly_60, FIELDS["quartier_id"], True)
    assert message.startswith(f"„{exactly_60}“ ist keine")


# --- yes/no cells ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("true", True), ("WAHR", True), ("Ja", True), ("1", True),
                                         ("false", False), ("Falsch", False), ("nein", False), ("0", False)])
def test_yes_and_no_in_english_german_and_digits(text, value):
    result = parse_cell(text, FLAG, True)
    assert result == (value, None, "") and type(result[0]) is bool


def test_anything_else_is_no_truth_value():
    assert parse_cell("vielleicht", FLAG, True) == (
        None, "„vielleicht“ ist kein Wahrheitswert (true/false).", "cell-not-boolean")


# --- numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["12,5", "1.234,5", "-3,5", "+3,5", "\u22123,5", " 12,5 "])
def test_a_decimal_comma_in_a_comma_separated_file_says_to_save_with_semicolons(text):
    assert parse_cell(text, FIELDS["anteil"], False, comma_separated=True) == (
        None, f"„{text}“ hat ein Dezimalkomma, die Datei ist aber mit Komma getrennt. Speichern Sie mit Semikolon "
              "als Trennzeichen oder schreiben Sie einen Dezimalpunkt.", "cell-decimal-comma")


def test_a_cell_is_taken_to_come_from_a_comma_separated_file_unless_told_otherwise():
    assert parse_cell("12,5", FIELDS["anteil"], False)[2] == "cell-decimal-comma"


def test_a_decimal_comma_is_read_where_the_file_writes_decimal_commas():
    assert parse_cell("12,5", FIELDS["anteil"], True, comma_separated=True) == (12.5, None, "")
    assert parse_cell("1.234,5", FIELDS["anteil"], True, comma_separated=False) == (1234.5, None, "")


def test_a_comma_in_a_semicolon_file_with_decimal_points_is_a_misplaced_thousands_separator():
    value, _, code = parse_cell("12,5", FIELDS["anteil"], False, comma_separated=False)
    assert (value, code) == (None, "number-thousands-misplaced")


def test_a_comma_grouped_english_number_in_a_semicolon_file_is_read():
    assert parse_cell("1,234.5", FIELDS["anteil"], False, comma_separated=False) == (1234.5, None, "")


@pytest.mark.parametrize("text, kind", [(".", "geheime"), ("x", "geheime"), ("-", "fehlende"), ("k.A.", "fehlende")])
def test_a_marker_in_a_number_column_is_no_number_and_says_which_marker(text, kind):
    assert parse_cell(text, FIELDS["zaehler"], True) == (
        None, f"„{text}“ ist ein Zeichen für {kind} Werte, keine Zahl.", "cell-not-number")


def test_a_number_with_a_unit_keeps_the_parsers_message():
    value, message, code = parse_cell("857°", FIELDS["einwohner"], True)
    assert (value, code) == (None, "number-stray-character") and message.startswith("„857°“")


def test_a_percentage_is_no_count():
    assert parse_cell("12 %", FIELDS["zaehler"], True) == (
        None, "„12 %“ ist ein Prozentwert, erwartet ist eine Anzahl.", "cell-not-integer")
    assert parse_cell("12,5 %", FIELDS["anteil"], True) == (12.5, None, "")


def test_a_count_with_decimals_is_no_whole_number():
    assert parse_cell("12,5", FIELDS["zaehler"], True) == (None, "„12,5“ ist keine ganze Zahl.", "cell-not-integer")


def test_a_count_written_with_a_zero_decimal_is_a_whole_number():
    value, message, code = parse_cell("12,0", FIELDS["zaehler"], True)
    assert (value, message, code) == (12, None, "") and type(value) is int


def test_a_share_stays_a_decimal_number():
    value, _, _ = parse_cell("12", FIELDS["anteil"], True)
    assert value == 12 and type(value) is float


def test_counts_beyond_two_to_the_53_are_too_large():
    assert MAX_INTEGER == 9007199254740992
    assert parse_cell("9007199254740992", FIELDS["einwohner"], True) == (9007199254740992, None, "")
    for text in ("9007199254740994", "10000000000000000"):
        assert parse_cell(text, FIELDS["einwohner"], True) == (
            None, f"„{text}“ ist zu groß für eine Zählung.", "cell-above-maximum")
    assert parse_cell("-10000000000000000", SIGNED_COUNT, True) == (
        None, "„-10000000000000000“ ist zu groß für eine Zählung.", "cell-above-maximum")
    assert parse_cell("-12", SIGNED_COUNT, True) == (-12, None, "")


def test_a_negative_count_is_below_the_minimum_and_called_negative():
    assert parse_cell("-3", FIELDS["zaehler"], True) == (None, "-3 ist kleiner als 0 (negativ).", "cell-below-minimum")
    assert parse_cell("0", FIELDS["zaehler"], True) == (0, None, "")


def test_a_year_before_1990_is_below_the_minimum_without_being_negative():
    assert parse_cell("1989", FIELDS["jahr"], True) == (None, "1989 ist kleiner als 1990.", "cell-below-minimum")
    assert parse_cell("1990", FIELDS["jahr"], True) == (1990, None, "")
    assert parse_cell("0", FIELDS["jahr"], True) == (None, "0 ist kleiner als 1990.", "cell-below-minimum")


def test_a_year_after_2100_is_above_the_maximum():
    assert parse_cell("2101", FIELDS["jahr"], True) == (None, "2101 ist größer als 2100.", "cell-above-maximum")
    assert parse_cell("2100", FIELDS["jahr"], True) == (2100, None, "")


def test_decimal_limits_are_compared_as_decimals():
    assert parse_cell("6,5", SCORE, True) == (None, "6,5 ist größer als 6.", "cell-above-maximum")
    assert parse_cell("0,5", SCORE, True) == (None, "0,5 ist kleiner als 1.", "cell-below-minimum")
    assert parse_cell("6", SCORE, True) == (6.0, None, "")


# --- the header ------------------------------------------------------------------------------------

def test_a_file_that_is_one_column_was_split_at_the_wrong_separator():
    problems = []
    assert check_header(_raw(["quartier_id|jahr|einwohner"], ["a|2022|5"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.file, p.row, p.code) == ("einwohner.csv", 1, "header-one-column")
    assert p.message == ("Die Datei hat nur eine Spalte („quartier_id|jahr|einwohner“): das Trennzeichen wurde "
                         "nicht erkannt.")
    assert p.hint == "Speichern Sie die Tabelle als CSV mit Komma oder Semikolon als Trennzeichen."


def test_the_one_column_message_quotes_at_most_60_characters():
    header = "quartier_id|jahr|einwohner|" + "x" * 60
    problems = []
    check_header(_raw([header], ["a"]), RESIDENTS, problems)
    assert f"(„{header[:60]}“)" in problems[0].message


def test_a_one_column_file_for_a_two_column_table_was_split_wrongly_too():
    problems = []
    pair = Table("paar", "Paar", "Zwei Spalten.", ("quartier_id", "name"), ("quartier_id",))
    assert check_header(_raw(["quartier_id;name"], ["a;A"]), pair, problems) is False
    assert [p.code for p in problems] == ["header-one-column"]


def test_a_one_column_table_may_have_one_column():
    problems = []
    names = Table("namen", "Namen", "Nur Namen.", ("name",), ("name",))
    assert check_header(_raw(["name"], ["Lirich"]), names, problems) is True and problems == []


def test_a_duplicate_column_is_named_once():
    problems = []
    header = ["quartier_id", "jahr", "jahr", "einwohner", "jahr"]
    assert check_header(_raw(header, ["a", "2022", "2022", "5", "2022"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.file, p.row, p.field, p.code) == ("einwohner.csv", 1, "jahr", "header-duplicate-column")
    assert (p.message, p.hint) == ("Die Spalte „jahr“ kommt mehrfach vor.", "Löschen Sie die doppelte Spalte.")


def test_a_missing_required_column_says_what_it_holds():
    problems = []
    assert check_header(_raw(["quartier_id", "jahr"], ["a", "2022"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.file, p.row, p.field, p.code) == ("einwohner.csv", 1, "einwohner", "header-missing-column")
    assert (p.message, p.hint) == ("Die Pflichtspalte „einwohner“ fehlt.", "Ergänzen Sie die Spalte „einwohner“ (Einwohner).")


def test_a_misspelt_required_column_is_named_as_renamed_and_not_also_as_unknown():
    problems = []
    assert check_header(_raw(["quartier_id", "jahr", "einwohnr"], ["a", "2022", "5"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.field, p.code) == ("einwohner", "header-missing-column")
    assert p.hint == "Die Spalte „einwohnr“ sieht umbenannt aus: benennen Sie sie in „einwohner“ um."


def test_a_column_written_twice_is_a_duplicate():
    problems = []
    check_header(_raw(["quartier_id", "jahr", "einwohner", "einwohner"], ["a", "2022", "5", "5"]), RESIDENTS, problems)
    assert [(p.field, p.code) for p in problems] == [("einwohner", "header-duplicate-column")]


def test_an_unknown_column_after_a_renamed_one_is_still_reported():
    problems = []
    check_header(_raw(["quartier_id", "jahr", "einwohnr", "bemerkung"], ["a", "2022", "5", "x"]), RESIDENTS, problems)
    assert [(p.field, p.code) for p in problems] == [("einwohner", "header-missing-column"),
                                                     ("bemerkung", "header-unknown-column")]


def test_an_unknown_column_lists_the_allowed_ones():
    problems = []
    header = ["quartier_id", "jahr", "einwohner", "bemerkung"]
    assert check_header(_raw(header, ["a", "2022", "5", "neu"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.row, p.field, p.code) == (1, "bemerkung", "header-unknown-column")
    assert p.message == "Die Spalte „bemerkung“ ist unbekannt."
    assert p.hint == "Erlaubt sind: quartier_id, jahr, einwohner. Löschen oder benennen Sie sie um."


def test_an_unknown_column_close_to_an_optional_one_is_named_as_renamed():
    problems = []
    header = ["quartier_id", "name", "sozialraeume"]
    assert check_header(_raw(header, ["a", "A", "Mitte"], file="quartiere.csv"), AREAS, problems) is False
    [p] = problems
    assert (p.file, p.field, p.code) == ("quartiere.csv", "sozialraeume", "header-unknown-column")
    assert p.hint == "Die Spalte sieht umbenannt aus: benennen Sie sie in „sozialraum“ um."


def test_an_unknown_column_is_not_offered_a_name_the_file_already_has():
    problems = []
    header = ["quartier_id", "name", "sozialraum", "sozialraeume"]
    check_header(_raw(header, ["a", "A", "Mitte", "Mitte"], file="quartiere.csv"), AREAS, problems)
    [p] = problems
    assert p.hint.startswith("Erlaubt sind: quartier_id, name, name_status,")


def test_a_file_with_only_its_header_has_no_data():
    problems = []
    assert check_header(_raw(["quartier_id", "jahr", "einwohner"]), RESIDENTS, problems) is False
    [p] = problems
    assert (p.file, p.row, p.field, p.code) == ("einwohner.csv", None, None, "table-no-rows")
    assert (p.message, p.hint) == ("Die Datei enthält nur die Kopfzeile, keine Daten.",
                                   "Exportieren Sie die Tabelle mit allen Zeilen erneut.")


def test_a_complete_header_passes():
    problems = []
    assert check_header(_raw(["jahr", "quartier_id", "einwohner"], ["2022", "a", "5"]), RESIDENTS, problems) is True
    assert problems == []


# --- the whole table -------------------------------------------------------------------------------

def test_every_cell_is_typed_by_its_column_and_the_rows_keep_their_numbers():
    problems = []
    frame = typed_table(_raw(["einwohner", "quartier_id", "jahr"], ["1.234", "lirich", "2022"], ["", "styrum", "2021"],
                             delimiter=";", decimal=","), RESIDENTS, problems)
    assert problems == []
    assert list(frame.columns) == ["quartier_id", "jahr", "einwohner", "_row", "_bad"]
    assert frame["quartier_id"].tolist() == ["lirich", "styrum"]
    assert frame["jahr"].tolist() == [2022, 2021] and str(frame["jahr"].dtype) == "Int64"
    assert frame["einwohner"].iloc[0] == 1234 and pd.isna(frame["einwohner"].iloc[1])
    assert frame["_row"].tolist() == [2, 3] and frame["_bad"].tolist() == [False, False]


def test_a_missing_optional_column_is_added_empty_with_its_type():
    problems = []
    frame = typed_table(_raw(["quartier_id", "indikator_id", "jahr", "anteil"], ["a", "sgb2", "2022", "12.5"],
                             file="werte.csv"), VALUES, problems)
    assert problems == []
    assert list(frame.columns) == [*VALUES.fields, "_row", "_bad"]
    assert str(frame["anteil"].dtype) == "Float64" and frame["anteil"].iloc[0] == 12.5
    assert str(frame["zaehler"].dtype) == "Int64" and frame["zaehler"].isna().all()
    assert frame["angabe"].dtype == object and frame["angabe"].tolist() == [None]  # as an empty cell reads


def test_a_bad_header_gives_no_table():
    problems = []
    assert typed_table(_raw(["quartier_id", "jahr"], ["a", "2022"]), RESIDENTS, problems) is None
    assert [p.code for p in problems] == ["header-missing-column"]


def test_a_row_with_an_extra_cell_in_a_comma_file_points_at_a_decimal_comma():
    problems = []
    frame = typed_table(_raw(["quartier_id", "jahr", "einwohner"], ["a", "2022", "12", "5"], ["b", "2022", "7"]),
                        RESIDENTS, problems)
    [p] = problems
    assert (p.file, p.row, p.code) == ("einwohner.csv", 2, "row-width")
    assert p.message == "Die Zeile hat 4 Zellen, die Kopfzeile 3."
    assert p.hint == ("Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile (ein Dezimalkomma in einer "
                      "kommagetrennten Datei teilt die Zahl in zwei Zellen).")
    assert frame["_bad"].tolist() == [True, False]
    assert pd.isna(frame["quartier_id"].iloc[0]) and pd.isna(frame["jahr"].iloc[0])
    assert frame["einwohner"].iloc[1] == 7


@pytest.mark.parametrize("delimiter, row", [(";", ["a", "2022", "12", "5"]), (",", ["a", "2022"])])
def test_a_row_of_the_wrong_width_without_a_comma_to_blame(delimiter, row):
    problems = []
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], row, delimiter=delimiter), RESIDENTS, problems)
    [p] = problems
    assert p.message == f"Die Zeile hat {len(row)} Zellen, die Kopfzeile 3."
    assert p.hint == "Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile."


def test_after_20_rows_of_the_wrong_width_the_rest_are_counted():
    problems = []
    rows = [["a", "2022"]] * 23
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], *rows), RESIDENTS, problems)
    located = [p for p in problems if p.row is not None]
    assert [p.row for p in located] == list(range(2, 22))
    [rest] = [p for p in problems if p.row is None]
    assert rest.file == "einwohner.csv"
    assert (rest.code, rest.message) == ("row-width", "… und 3 weitere Zeilen mit falscher Zellenzahl.")
    assert rest.hint == "Meist hat es für alle Zeilen dieselbe Ursache; beheben Sie die genannten zuerst."


def test_exactly_20_rows_of_the_wrong_width_are_all_located():
    problems = []
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], *[["a", "2022"]] * 20), RESIDENTS, problems)
    assert len(problems) == 20 and all(p.row is not None for p in problems)


def test_an_empty_required_cell_says_what_to_enter():
    problems = []
    frame = typed_table(_raw(["quartier_id", "jahr", "einwohner"], ["", "2022", "5"], ["b", "2022", ""]),
                        RESIDENTS, problems)
    [p] = problems
    assert (p.file, p.row, p.field, p.code) == ("einwohner.csv", 2, "quartier_id", "cell-required")
    assert (p.message, p.hint) == ("Die Zelle ist leer, der Wert ist Pflicht.", "Tragen Sie Quartier-ID ein.")
    assert frame["_bad"].tolist() == [True, False]
    assert pd.isna(frame["quartier_id"].iloc[0]) and frame["einwohner"].iloc[0] == 5


def test_a_bad_number_is_located_with_the_expected_range():
    problems = []
    frame = typed_table(_raw(["quartier_id", "jahr", "einwohner"], ["a", "2022", "-5"], ["b", "2022", "5"]),
                        RESIDENTS, problems)
    [p] = problems
    assert (p.file, p.row, p.field, p.code) == ("einwohner.csv", 2, "einwohner", "cell-below-minimum")
    assert p.message == "-5 ist kleiner als 0 (negativ)."
    assert p.hint == f"Erwartet: eine ganze Zahl (mindestens 0) – {FIELDS['einwohner'].description}"
    assert frame["_bad"].tolist() == [True, False] and pd.isna(frame["einwohner"].iloc[0])


def test_a_bad_year_hint_names_both_limits():
    problems = []
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], ["a", "22", "5"]), RESIDENTS, problems)
    assert problems[0].hint == "Erwartet: eine ganze Zahl (mindestens 1990, höchstens 2100) – Stichtagsjahr (31.12.)."


@pytest.mark.parametrize("column, text, hint", [
    ("name", "<b>A</b>", HTML_HINT), ("name", "=A1", FORMULA_HINT), ("quartier_id", "A B", ID_HINT),
    ("name", "A\x01", CONTROL_HINT), ("anteil", "12.5", HINTS["number-thousands-misplaced"]),
    ("anteil", "1,234.5", HINTS["number-decimal-mismatch"]), ("anteil", "12a", HINTS["number-stray-character"]),
    ("artikel", "Der", "Erwartet: einer der Werte der, die, das."),
    ("anteil", "viel", f"Erwartet: eine Zahl – {FIELDS['anteil'].description}"),
])
def test_each_kind_of_bad_cell_gets_its_own_hint(column, text, hint):
    table = Table("t", "T", "Test.", ("quartier_id", column) if column != "quartier_id" else ("quartier_id",),
                  ("quartier_id",))
    header = list(table.fields)
    row = ["a", text] if column != "quartier_id" else [text]
    problems = []
    typed_table(_raw(header, row, delimiter=";", decimal=","), table, problems)
    [p] = problems
    assert (p.field, p.hint) == (column, hint)


def test_after_20_bad_cells_in_a_column_the_rest_are_counted():
    problems = []
    rows = [["a", "1800", "5"]] * 22 + [["b", "2022", "-1"]]
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], *rows), RESIDENTS, problems)
    years = [p for p in problems if p.field == "jahr"]
    assert [p.row for p in years[:20]] == list(range(2, 22)) and all(p.code == "cell-below-minimum" for p in years[:20])
    assert len(years) == 21
    assert (years[20].file, years[20].row, years[20].code) == ("einwohner.csv", None, "cell-errors-more")
    assert years[20].message == "… und 2 weitere Fehler dieser Art."
    assert years[20].hint == "Meist hat es für alle Zeilen dieselbe Ursache; beheben Sie die genannten zuerst."
    assert [p.row for p in problems if p.field == "einwohner"] == [24]


def test_exactly_20_bad_cells_in_a_column_are_all_located():
    problems = []
    typed_table(_raw(["quartier_id", "jahr", "einwohner"], *[["a", "1800", "5"]] * 20), RESIDENTS, problems)
    assert len(problems) == 20 and all(p.row is not None for p in problems)


def test_a_comma_in_a_semicolon_file_with_decimal_points_is_no_decimal_comma_problem():
    table = Table("t", "T", "Test.", ("quartier_id", "anteil"), ("quartier_id",))
    problems = []
    typed_table(_raw(["quartier_id", "anteil"], ["a", "12,5"], delimiter=";", decimal="."), table, problems)
    assert [p.code for p in problems] == ["number-thousands-misplaced"]


def test_a_comma_file_refuses_a_decimal_comma_and_a_semicolon_file_reads_it():
    table = Table("t", "T", "Test.", ("quartier_id", "anteil"), ("quartier_id",))
    problems = []
    typed_table(_raw(["quartier_id", "anteil"], ["a", "12,5"], delimiter=",", decimal="."), table, problems)
    assert [p.code for p in problems] == ["cell-decimal-comma"]
    problems = []
    frame = typed_table(_raw(["quartier_id", "anteil"], ["a", "12,5"], delimiter=";", decimal=","), table, problems)
    assert problems == [] and frame["anteil"].iloc[0] == 12.5


def test_the_hint_for_a_field_without_limits_or_allowed_values_is_its_description():
    assert cells._hint(FREE_TEXT) == "Erwartet: Ein freier Text."
    assert cells._hint(SIGNED_COUNT) == "Erwartet: eine ganze Zahl – Zuzüge minus Fortzüge."
    assert cells._hint(SCORE) == "Erwartet: eine Zahl (mindestens 1, höchstens 6) – Eine Note von 1 bis 6."


def test_yes_no_columns_are_typed_as_booleans():
    assert [cells._dtype(f) for f in (FLAG, SIGNED_COUNT, SCORE, FREE_TEXT)] == ["boolean", "Int64", "Float64", "object"]
    assert cells._dtype(Field("tag", "date", "Tag", "Ein Datum.")) == "object"
