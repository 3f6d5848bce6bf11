"""The package writer at unit level (generator/publish/formats.py, manifest.py, tables.py): small tables
made by hand, written in each format to tmp_path and read back with independent readers (the csv
module, python-calamine and openpyxl, json, zipfile, hashlib). No site builds.

The rules (README, "Für Journalistinnen und Journalisten", and the modules' docstrings): the CSV files
are comma, decimal point, UTF-8 without BOM, and leave a cell empty where a number is not shown;
"CSV für Excel" is semicolon, decimal comma, UTF-8 with BOM, CRLF, and shows the signs of official
statistics („.“ secret or unknown, „/“ too uncertain, „x“ no classification) and "wahr"/"falsch"; text
that a spreadsheet would evaluate gets a leading apostrophe there (OWASP CSV injection), numbers never;
the workbook has the sheets „Lies mich“, one per table, „Metadaten“, typed cells, and never a formula;
every byte depends only on the inputs and the build date; SHA256SUMS lists every other file."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import math
import zipfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from generator.model.fields import Field
from generator.model.records import PublishedTables
from generator.publish import formats, manifest
from generator.publish.package import checksums
from generator.publish.tables import INDEX_DECIMALS, area_km2, published, published_all

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
BUILT = dt.datetime(2021, 3, 1, 12, 30, 15)


def write(tmp_path: Path, name: str, blob: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return path


def read_csv(path: Path, excel: bool = False) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig" if excel else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


# --- a small values table by hand ------------------------------------------------------------------

VALUE_FIELDS = [Field("quartier_id", "string", "Quartier", "Kennung des Quartiers"),
                Field("indikator_id", "string", "Indikator", "Kennung des Indikators"),
                Field("jahr", "integer", "Jahr", "Berichtsjahr"),
                Field("zaehler", "integer", "Zähler", "Fallzahl"),
                Field("nenner", "integer", "Nenner", "Bezugsgröße"),
                Field("anteil", "number", "Anteil", "Zähler je Nenner", unit="Prozent"),
                Field("kennzeichen", "string", "Kennzeichen", "Warum ein Wert fehlt")]
VALUES = pd.DataFrame([
    ("innenstadt", "sgb2", 2020, 120, 1000, 12.0, ""),
    ("styrum", "sgb2", 2020, None, None, None, "geheim"),             # a secret count
    ("schlad", "sgb2", 2020, 20, 80, None, "nenner_klein"),           # too small a denominator
    ("alstaden", "sgb2", 2020, 7, 3000, 0.2333333333, ""),
    ("osterfeld", "sgb2", 2020, None, None, None, ""),                # a share taken as published, no counts
], columns=[f.name for f in VALUE_FIELDS])


def test_the_machine_readable_csv_is_comma_point_utf8_and_leaves_hidden_numbers_empty(tmp_path):
    path = write(tmp_path, "indikatorwerte.csv", formats.csv_bytes("indikatorwerte", VALUES, VALUE_FIELDS))
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw and raw.endswith(b"\n")
    assert read_csv(path) == [
        ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "kennzeichen"],
        ["innenstadt", "sgb2", "2020", "120", "1000", "12", ""],
        ["styrum", "sgb2", "2020", "", "", "", "geheim"],
        ["schlad", "sgb2", "2020", "20", "80", "", "nenner_klein"],
        ["alstaden", "sgb2", "2020", "7", "3000", "0.233333", ""],
        ["osterfeld", "sgb2", "2020", "", "", "", ""],
    ]


def test_csv_for_excel_is_semicolon_comma_bom_crlf_and_shows_the_official_signs(tmp_path):
    path = write(tmp_path, "excel/indikatorwerte.csv",
                 formats.csv_bytes("indikatorwerte", VALUES, VALUE_FIELDS, excel=True))
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.count(b"\r\n") == 6 and b"\n" not in raw.replace(b"\r\n", b"")
    assert read_csv(path, excel=True) == [
        ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "kennzeichen"],
        ["innenstadt", "sgb2", "2020", "120", "1000", "12", ""],
        ["styrum", "sgb2", "2020", ".", ".", ".", "geheim"],
        ["schlad", "sgb2", "2020", "20", "80", "/", "nenner_klein"],
        ["alstaden", "sgb2", "2020", "7", "3000", "0,233333", ""],
        ["osterfeld", "sgb2", "2020", "", "", "", ""],
    ]


INDEX_FIELDS = [Field("quartier_id", "string", "Quartier", "Kennung"),
                Field("gueltig", "boolean", "Eingestuft", "Ob das Gebiet eingestuft ist"),
                Field("ungueltig_grund", "string", "Grund", "Warum nicht eingestuft"),
                Field("statusindex", "number", "Statusindex", "Index"),
                Field("statusklasse", "integer", "Statusklasse", "Klasse 1 bis 4"),
                Field("status_stabil", "boolean", "Stabil", "Klasse ohne jeden Indikator gleich")]
INDICES = pd.DataFrame({
    "quartier_id": ["innenstadt", "schlad", "styrum"],
    "gueltig": [True, False, True],
    "ungueltig_grund": ["", "weniger als 300 Einwohner", ""],
    "statusindex": [-1.2345, np.nan, np.nan],
    "statusklasse": pd.array([1, None, 3], dtype="Int64"),
    "status_stabil": [False, None, True],
})


def test_booleans_are_true_false_in_csv_and_wahr_falsch_for_excel(tmp_path):
    plain = read_csv(write(tmp_path, "indizes.csv", formats.csv_bytes("indizes", INDICES, INDEX_FIELDS)))
    excel = read_csv(write(tmp_path, "excel/indizes.csv", formats.csv_bytes("indizes", INDICES, INDEX_FIELDS, True)),
                     excel=True)
    assert plain == [["quartier_id", "gueltig", "ungueltig_grund", "statusindex", "statusklasse", "status_stabil"],
                     ["innenstadt", "true", "", "-1.2345", "1", "false"],
                     ["schlad", "false", "weniger als 300 Einwohner", "", "", ""],
                     ["styrum", "true", "", "", "3", "true"]]
    # an unclassified area has nothing sensible („x“), a classified one's withheld index is secret („.“)
    assert excel == [["quartier_id", "gueltig", "ungueltig_grund", "statusindex", "statusklasse", "status_stabil"],
                     ["innenstadt", "wahr", "", "-1,2345", "1", "falsch"],
                     ["schlad", "falsch", "weniger als 300 Einwohner", "x", "x", "x"],
                     ["styrum", "wahr", "", ".", "3", "wahr"]]


QUARTER_FIELDS = [Field("quartier_id", "string", "Quartier", "Kennung"),
                  Field("name", "string", "Name", "Name des Quartiers"),
                  Field("sozialraum", "string", "Sozialraum", "Zuordnung"),
                  Field("einwohner", "integer", "Einwohner", "am Stichtag"),
                  Field("flaeche_km2", "number", "Fläche", "in km²", unit="km²")]
QUARTERS = pd.DataFrame({
    "quartier_id": ["a", "b", "c", "d"],
    "name": ["=HYPERLINK(\"http://x\")", "+49 Alstaden", "Lirich, Nord \"Süd\"", "-Mitte"],
    "sozialraum": ["@Ost", "\tTab", None, "Sterkrade"],
    "einwohner": pd.array([1234567, None, 0, 5], dtype="Int64"),
    "flaeche_km2": [-0.5, 1234.5678901, np.nan, 2.0],
})


def test_text_a_spreadsheet_would_evaluate_gets_an_apostrophe_in_csv_for_excel_only(tmp_path):
    excel = read_csv(write(tmp_path, "excel/quartiere.csv", formats.csv_bytes("quartiere", QUARTERS, QUARTER_FIELDS,
                                                                              True)), excel=True)
    plain = read_csv(write(tmp_path, "quartiere.csv", formats.csv_bytes("quartiere", QUARTERS, QUARTER_FIELDS)))
    assert excel[1:] == [["a", "'=HYPERLINK(\"http://x\")", "'@Ost", "1234567", "-0,5"],
                         ["b", "'+49 Alstaden", "'\tTab", ".", "1234,56789"],
                         ["c", "Lirich, Nord \"Süd\"", "", "0", "."],
                         ["d", "'-Mitte", "Sterkrade", "5", "2"]]
    assert plain[1:] == [["a", "=HYPERLINK(\"http://x\")", "@Ost", "1234567", "-0.5"],
                         ["b", "+49 Alstaden", "\tTab", "", "1234.56789"],
                         ["c", "Lirich, Nord \"Süd\"", "", "0", ""],
                         ["d", "-Mitte", "Sterkrade", "5", "2"]]


@pytest.mark.parametrize("text,safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Alstaden", "Alstaden"), ("a=b", "a=b"), ("", ""), (" =1", " =1"), ("'=1", "'=1"),
])
def test_only_text_that_begins_like_a_formula_is_escaped(text, safe):
    assert formats.spreadsheet_text(text) == safe


@pytest.mark.parametrize("value,missing", [(None, True), (pd.NA, True), (float("nan"), True), (np.nan, True),
                                           (np.float64("nan"), True), (0, False), (0.0, False), ("", False),
                                           (False, False), ("nan", False)])
def test_what_counts_as_an_empty_cell(value, missing):
    assert formats.missing(value) is missing


@pytest.mark.parametrize("value,ftype,plain,excel", [
    (3.0, "integer", "3", "3"), (np.int64(-7), "integer", "-7", "-7"),
    (1.5, "number", "1.5", "1,5"), (2.0, "number", "2", "2"), (0.1 + 0.2, "number", "0.3", "0,3"),
    (12.3456789, "number", "12.345679", "12,345679"), (-0.25, "number", "-0.25", "-0,25"),
    (1234567.5, "number", "1234567.5", "1234567,5"), (100, "number", "100", "100"),
    (True, "boolean", "true", "wahr"), (False, "boolean", "false", "falsch"), (np.True_, "boolean", "true", "wahr"),
    ("Alstaden", "string", "Alstaden", "Alstaden"), ("=A1", "string", "=A1", "'=A1"), (2020, "string", "2020", "2020"),
])
def test_each_cell_type_as_written(value, ftype, plain, excel):
    f = Field("spalte", ftype, "Spalte", "")
    assert formats.fmt(value, f) == plain
    assert formats.fmt(value, f, excel=True) == excel
    assert formats.fmt(value, f, excel=True, sign=".") == excel  # a sign only ever fills an empty cell


@pytest.mark.parametrize("ftype", ["integer", "number", "boolean", "string"])
def test_an_empty_cell_is_empty_in_csv_and_its_sign_for_excel(ftype):
    f = Field("spalte", ftype, "Spalte", "")
    for value in (None, float("nan"), pd.NA):
        assert formats.fmt(value, f) == "" and formats.fmt(value, f, sign=".") == ""
        assert formats.fmt(value, f, excel=True) == "" and formats.fmt(value, f, excel=True, sign="/") == "/"


def test_an_empty_table_is_its_header_line(tmp_path):
    empty = VALUES.iloc[0:0]
    assert formats.csv_bytes("indikatorwerte", empty, VALUE_FIELDS) == \
        b"quartier_id,indikator_id,jahr,zaehler,nenner,anteil,kennzeichen\n"
    assert formats.csv_bytes("indikatorwerte", empty, VALUE_FIELDS, excel=True) == \
        "\ufeffquartier_id;indikator_id;jahr;zaehler;nenner;anteil;kennzeichen\r\n".encode()


def test_only_the_listed_columns_are_written_in_their_order(tmp_path):
    defs = [VALUE_FIELDS[5], VALUE_FIELDS[0]]
    assert formats.csv_bytes("indikatorwerte", VALUES.head(2), defs) == b"anteil,quartier_id\n12,innenstadt\n,styrum\n"
    assert formats.csv_bytes("indikatorwerte", VALUES.head(2), defs, excel=True) == \
        "\ufeffanteil;quartier_id\r\n12;innenstadt\r\n.;styrum\r\n".encode()


# --- the workbook ----------------------------------------------------------------------------------

def small_tables(with_changes: bool) -> tuple[PublishedTables, dict[str, list[Field]]]:
    indicators = pd.DataFrame({"indikator_id": ["sgb2"], "titel": ["SGB-II-Quote"]})
    ind_fields = [Field("indikator_id", "string", "Indikator", "Kennung"),
                  Field("titel", "string", "Titel", "Bezeichnung")]
    changes = pd.DataFrame({"quartier_id": ["innenstadt"], "stufen": [2], "status_knapp": [None]})
    change_fields = [Field("quartier_id", "string", "Quartier", "Kennung"),
                     Field("stufen", "integer", "Stufen", "Zahl der Klassenstufen"),
                     Field("status_knapp", "boolean", "Knapp", "Abstand unter 0,1")]
    series = pd.DataFrame({"quartier_id": ["innenstadt", "schlad"], "edition": [2020, 2020],
                           "statusklasse": [1.0, np.nan], "statusindex": [-1.2345, np.nan]})
    series_fields = [Field("quartier_id", "string", "Quartier", "Kennung"),
                     Field("edition", "integer", "Ausgabe", "Berichtsjahr"),
                     Field("statusklasse", "integer", "Statusklasse", "Klasse"),
                     Field("statusindex", "number", "Statusindex", "Index")]
    tables = PublishedTables(QUARTERS, indicators, VALUES, INDICES, [], pd.DataFrame(),
                             changes=changes if with_changes else None, series=series if with_changes else None)
    fields = {"quartiere": QUARTER_FIELDS, "indikatoren": ind_fields, "indikatorwerte": VALUE_FIELDS,
              "indizes": INDEX_FIELDS, "klassenwechsel": change_fields, "zeitreihe": series_fields}
    return tables, fields


README = ("# Sozialbericht Teststadt 2020\n\nDiese Daten sind Demonstrationsdaten.\n## Geheimhaltung\n=Kein Formel\n"
          "XLSX-Datei: die Arbeitsmappe\n")


@pytest.fixture()
def workbook(tmp_path):
    """Written anew for each test (mutation testing sees every test that reads it)."""
    tables, fields = small_tables(with_changes=True)
    blob = formats.xlsx_bytes(tables, fields.__getitem__, README, "Sozialbericht Teststadt 2020", BUILT)
    return write(tmp_path, "paket-2020.xlsx", blob), blob


def test_the_workbook_has_readme_one_sheet_per_table_and_metadata_in_order(workbook):
    path, _ = workbook
    assert CalamineWorkbook.from_path(str(path)).sheet_names == [
        "Lies mich", "Quartiere", "Indikatoren", "Indikatorwerte", "Daten", "Klassenwechsel", "Zeitreihe", "Metadaten"]


def test_a_workbook_without_class_changes_has_no_sheets_for_them(tmp_path):
    tables, fields = small_tables(with_changes=False)
    path = write(tmp_path, "p.xlsx", formats.xlsx_bytes(tables, fields.__getitem__, README, "T", BUILT))
    assert CalamineWorkbook.from_path(str(path)).sheet_names == [
        "Lies mich", "Quartiere", "Indikatoren", "Indikatorwerte", "Daten", "Metadaten"]


def test_the_readme_sheet_is_the_readme_without_markdown_and_never_a_formula(workbook):
    path, _ = workbook
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Lies mich").to_python()
    texts = [r[0] for r in rows]
    assert texts == ["Sozialbericht Teststadt 2020", "", "Diese Daten sind Demonstrationsdaten.", "Geheimhaltung",
                     "=Kein Formel", "XLSX-Datei: die Arbeitsmappe"]
    ws = openpyxl.load_workbook(path)["Lies mich"]
    assert ws["A5"].data_type == "s" and ws["A5"].value == "=Kein Formel"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert ws.column_dimensions["A"].width == 110


def test_the_data_sheets_hold_typed_cells_and_the_official_signs(workbook):
    path, _ = workbook
    book = CalamineWorkbook.from_path(str(path))
    values = book.get_sheet_by_name("Indikatorwerte").to_python()
    assert values == [
        ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "kennzeichen"],
        ["innenstadt", "sgb2", 2020, 120, 1000, 12.0, ""],
        ["styrum", "sgb2", 2020, ".", ".", ".", "geheim"],
        ["schlad", "sgb2", 2020, 20, 80, "/", "nenner_klein"],
        ["alstaden", "sgb2", 2020, 7, 3000, 0.2333333333, ""],
        ["osterfeld", "sgb2", 2020, "", "", "", ""],
    ]
    wb = openpyxl.load_workbook(path)
    ws = wb["Indikatorwerte"]
    assert [type(c.value) for c in ws[2]][:5] == [str, str, int, int, int]
    assert type(ws["F5"].value) is float and ws["F5"].data_type == "n"
    assert ws["A6"].value == "osterfeld" and ws["D6"].value is None  # empty, no sign: taken as published
    daten = wb["Daten"]
    assert [[c.value for c in row] for row in daten.iter_rows()] == [
        ["quartier_id", "gueltig", "ungueltig_grund", "statusindex", "statusklasse", "status_stabil"],
        ["innenstadt", True, None, -1.2345, 1, False],
        ["schlad", False, "weniger als 300 Einwohner", "x", "x", "x"],
        ["styrum", True, None, ".", 3, True],
    ]
    assert daten["B2"].data_type == "b" and daten["E2"].data_type == "n"
    zeitreihe = wb["Zeitreihe"]
    assert [[c.value for c in row] for row in zeitreihe.iter_rows()][1:] == [
        ["innenstadt", 2020, 1, -1.2345], ["schlad", 2020, "x", "x"]]
    assert type(zeitreihe["C2"].value) is int
    assert [[c.value for c in row] for row in wb["Klassenwechsel"].iter_rows()] == [
        ["quartier_id", "stufen", "status_knapp"], ["innenstadt", 2, "."]]


def test_text_in_the_workbook_is_text_never_a_formula(workbook):
    path, _ = workbook
    ws = openpyxl.load_workbook(path)["Quartiere"]
    assert ws["B2"].value == "=HYPERLINK(\"http://x\")" and ws["B2"].data_type == "s"
    assert ws["C2"].value == "@Ost" and ws["C2"].data_type == "s"
    assert ws["B5"].value == "-Mitte"
    assert ws["D2"].value == 1234567 and ws["D3"].value == "." and ws["E2"].value == -0.5
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) for n in sheets)


def test_control_characters_are_dropped_from_workbook_text(tmp_path):
    tables, fields = small_tables(with_changes=False)
    q = tables.quarters.copy()
    q.loc[0, "name"] = "Alt\x01sta\x1fden"
    blob = formats.xlsx_bytes(dataclasses.replace(tables, quarters=q), fields.__getitem__, "Lies\x02 mich", "T", BUILT)
    wb = openpyxl.load_workbook(write(tmp_path, "p.xlsx", blob))
    assert wb["Quartiere"]["B2"].value == "Altstaden"
    assert wb["Lies mich"]["A1"].value == "Lies mich"


def test_each_data_sheet_is_a_table_with_a_bold_frozen_header(workbook):
    path, _ = workbook
    wb = openpyxl.load_workbook(path)
    for sheet, name, ref in (("Indikatorwerte", "indikatorwerte", "A1:G6"), ("Daten", "indizes", "A1:F4"),
                             ("Quartiere", "quartiere", "A1:E5"), ("Zeitreihe", "zeitreihe", "A1:D3"),
                             ("Klassenwechsel", "klassenwechsel", "A1:C2"), ("Indikatoren", "indikatoren", "A1:B2")):
        ws = wb[sheet]
        (table,) = ws.tables.values()
        assert table.displayName == f"T_{name}" and table.ref == ref, sheet
        assert table.tableStyleInfo.name == "TableStyleLight9" and table.tableStyleInfo.showRowStripes
        assert ws.freeze_panes == "B2"
        assert all(c.font.b for c in ws[1]), sheet
        assert not ws["A2"].font.b
    ws = wb["Indikatorwerte"]
    # width: the name plus four, at least 12, at most 40
    assert ws.column_dimensions["A"].width == 15 and ws.column_dimensions["C"].width == 12
    assert ws.column_dimensions["G"].width == 15


def test_a_long_column_name_gets_at_most_forty_wide_a_column(tmp_path):
    tables, fields = small_tables(with_changes=False)
    long = "ein_sehr_langer_spaltenname_der_nicht_aufhoert_45"
    q = tables.quarters.rename(columns={"name": long})
    f = dict(fields, quartiere=[QUARTER_FIELDS[0], dataclasses.replace(QUARTER_FIELDS[1], name=long)])
    wb = openpyxl.load_workbook(write(tmp_path, "p.xlsx", formats.xlsx_bytes(
        dataclasses.replace(tables, quarters=q), f.__getitem__, README, "T", BUILT)))
    assert wb["Quartiere"].column_dimensions["B"].width == 40
    assert wb["Quartiere"].column_dimensions["A"].width == 15


def test_the_metadata_sheet_explains_every_column_of_every_table(workbook):
    path, _ = workbook
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Metadaten").to_python()
    assert rows[0] == ["Tabelle", "Spalte", "Bezeichnung", "Einheit", "Beschreibung"]
    assert rows[1:6] == [["Quartiere", "quartier_id", "Quartier", "", "Kennung"],
                         ["Quartiere", "name", "Name", "", "Name des Quartiers"],
                         ["Quartiere", "sozialraum", "Sozialraum", "", "Zuordnung"],
                         ["Quartiere", "einwohner", "Einwohner", "", "am Stichtag"],
                         ["Quartiere", "flaeche_km2", "Fläche", "km²", "in km²"]]
    assert ["Indikatorwerte", "anteil", "Anteil", "Prozent", "Zähler je Nenner"] in rows
    assert ["Daten", "gueltig", "Eingestuft", "", "Ob das Gebiet eingestuft ist"] in rows
    assert len(rows) == 1 + 5 + 2 + 7 + 6 + 3 + 4
    ws = openpyxl.load_workbook(path)["Metadaten"]
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [30, 30, 30, 30, 90]


def test_the_workbook_names_its_title_creator_and_the_build_date(workbook):
    path, _ = workbook
    props = openpyxl.load_workbook(path).properties
    assert props.title == "Sozialbericht Teststadt 2020" and props.creator == "Sozialbericht-Generator"
    assert props.created == BUILT and props.modified == BUILT
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
        assert ">2021-03-01T12:30:15Z</dcterms:modified>" in core
        assert {i.date_time for i in z.infolist()} == {(2021, 3, 1, 12, 30, 14)}  # ZIP stores even seconds


def test_the_workbook_is_the_same_bytes_every_time(workbook):
    _, blob = workbook
    tables, fields = small_tables(with_changes=True)
    again = formats.xlsx_bytes(tables, fields.__getitem__, README, "Sozialbericht Teststadt 2020", BUILT)
    assert again == blob
    other = formats.xlsx_bytes(tables, fields.__getitem__, README, "Sozialbericht Teststadt 2020",
                               BUILT + dt.timedelta(days=1))
    assert other != blob


# --- ZIP files -------------------------------------------------------------------------------------

def test_the_package_zip_holds_every_file_in_its_folder_sorted_with_the_build_date(tmp_path):
    files = {"indizes.csv": b"a,b\n1,2\n", "README.md": "Lies mich äöü".encode(), "excel/indizes.csv": b"\xef\xbb\xbfa;b\r\n"}
    path = write(tmp_path, "paket-2020.zip", formats.zip_bytes(files, "paket-2020", BUILT))
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.namelist() == ["paket-2020/README.md", "paket-2020/excel/indizes.csv", "paket-2020/indizes.csv"]
        for info in z.infolist():
            assert z.read(info) == files[info.filename.removeprefix("paket-2020/")]
            assert info.date_time == (2021, 3, 1, 12, 30, 14)  # ZIP stores even seconds
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr >> 16 == 0o644 and info.create_system == 3
    assert formats.zip_bytes(files, "paket-2020", BUILT) == path.read_bytes()


def test_a_build_date_before_1980_is_stored_as_the_first_date_a_zip_can_hold():
    info = formats.zipinfo("a.csv", dt.datetime(1970, 1, 1))
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert formats.zipinfo("a.csv", dt.datetime(1980, 1, 1)).date_time == (1980, 1, 1, 0, 0, 0)
    assert formats.zipinfo("a.csv", dt.datetime(2024, 2, 29, 23, 59, 58)).date_time == (2024, 2, 29, 23, 59, 58)


def test_rewriting_a_zip_fixes_its_dates_and_keeps_its_order_and_contents():
    src = io.BytesIO()
    with zipfile.ZipFile(src, "w") as z:
        z.writestr(zipfile.ZipInfo("z.xml", (2030, 5, 5, 5, 5, 6)), b"<z/>")
        z.writestr(zipfile.ZipInfo("docProps/core.xml", (2031, 1, 1, 0, 0, 0)),
                   b'<cp><dcterms:modified xsi:type="dcterms:W3CDTF">2031-01-01T00:00:00Z</dcterms:modified>'
                   b'<dcterms:created>2000-01-01T00:00:00Z</dcterms:created></cp>')
        z.writestr(zipfile.ZipInfo("a.xml", (2030, 5, 5, 5, 5, 6)), b"<a/>")
    out = zipfile.ZipFile(io.BytesIO(formats.normalise_zip(src.getvalue(), BUILT)))
    assert out.namelist() == ["z.xml", "docProps/core.xml", "a.xml"]
    assert all(i.date_time == (2021, 3, 1, 12, 30, 14) for i in out.infolist())
    assert out.read("z.xml") == b"<z/>" and out.read("a.xml") == b"<a/>"
    assert out.read("docProps/core.xml") == (
        b'<cp><dcterms:modified xsi:type="dcterms:W3CDTF">2021-03-01T12:30:15Z</dcterms:modified>'
        b'<dcterms:created>2000-01-01T00:00:00Z</dcterms:created></cp>')


def test_only_the_core_properties_get_the_build_date_as_modified():
    src = io.BytesIO()
    text = b"<dcterms:modified>2031-01-01T00:00:00Z</dcterms:modified>"
    with zipfile.ZipFile(src, "w") as z:
        z.writestr("docProps/app.xml", text)
    out = zipfile.ZipFile(io.BytesIO(formats.normalise_zip(src.getvalue(), BUILT)))
    assert out.read("docProps/app.xml") == text


# --- GeoJSON ---------------------------------------------------------------------------------------

GEOMETRY = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"quartier_id": "a"},
     "geometry": {"type": "Polygon", "coordinates": [[[6.8617954, 51.4710951], [6.863329, 51.46962849],
                                                       [6.86, 51.4], [6.8617954, 51.4710951]]]}},
    {"type": "Feature", "properties": {"quartier_id": "b"},
     "geometry": {"type": "MultiPolygon", "coordinates": [[[[7, 51], [7.123456789, 51.000004999], [7, 52], [7, 51]]]]}},
]}


def geo_tables():
    quarters = pd.DataFrame({"quartier_id": ["b", "a"], "name": ["Schlad", "Innenstadt"]})
    indices = pd.DataFrame({"quartier_id": ["a", "b"], "statuslabel": ["sehr niedrig", np.nan],
                            "dynamiklabel": ["stabil", None], "sozialindex": ["4+/-", np.nan],
                            "fokus": [np.True_, np.False_]})
    return SimpleNamespace(quarters=quarters, indices=indices)


def test_the_geojson_has_names_and_classes_and_about_one_metre_precision(tmp_path):
    out = formats.geojson(SimpleNamespace(geometry=GEOMETRY), geo_tables())
    path = write(tmp_path, "quartiere.geojson", json.dumps(out).encode())
    back = json.loads(path.read_text(encoding="utf-8"))
    assert back == {"type": "FeatureCollection", "features": [
        {"type": "Feature",
         "properties": {"quartier_id": "a", "name": "Innenstadt", "statusklasse": "sehr niedrig",
                        "dynamikklasse": "stabil", "sozialindex": "4+/-", "fokus": True},
         "geometry": {"type": "Polygon", "coordinates": [[[6.8618, 51.4711], [6.86333, 51.46963], [6.86, 51.4],
                                                          [6.8618, 51.4711]]]}},
        {"type": "Feature",
         "properties": {"quartier_id": "b", "name": "Schlad", "statusklasse": None, "dynamikklasse": None,
                        "sozialindex": None, "fokus": False},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[7, 51], [7.12346, 51.0], [7, 52], [7, 51]]]]}},
    ]}
    assert out["features"][0]["properties"]["fokus"] is True and out["features"][1]["properties"]["fokus"] is False


def test_the_geojson_precision_can_be_chosen():
    out = formats.geojson(SimpleNamespace(geometry=GEOMETRY), geo_tables(), digits=2)
    assert out["features"][0]["geometry"]["coordinates"] == [[[6.86, 51.47], [6.86, 51.47], [6.86, 51.4],
                                                               [6.86, 51.47]]]


# --- the manifest ----------------------------------------------------------------------------------

CITY = SimpleNamespace(gebiete="Planungsräume")
ALL = ("quartiere", "indikatoren", "indikatorwerte", "indizes", "klassenwechsel", "zeitreihe")


def test_every_file_of_a_package_in_the_order_the_pages_list_them():
    entries = manifest.planned(CITY, "sozialbericht-teststadt", 2020, ALL, {"a": "Alstaden", "b": "Schlad"})
    assert [e.path for e in entries] == [
        "sozialbericht-teststadt-2020.xlsx",
        "excel/indizes.csv", "excel/indikatorwerte.csv", "excel/klassenwechsel.csv", "excel/zeitreihe.csv",
        "excel/quartiere.csv", "excel/indikatoren.csv",
        "indizes.csv", "indikatorwerte.csv", "klassenwechsel.csv", "zeitreihe.csv", "quartiere.csv",
        "indikatoren.csv",
        "quartiere.geojson", "sozialbericht-teststadt-2020.zip", "datapackage.json", "README.md", "CITATION.cff",
        "SHA256SUMS", "quartiere/a.csv", "quartiere/b.csv"]


def test_each_file_has_its_title_format_and_media_type():
    by = {e.path: e for e in manifest.planned(CITY, "p", 2022, ALL, {"a": "Alstaden"})}
    xlsx = by["p-2022.xlsx"]
    assert (xlsx.title, xlsx.format, xlsx.mediatype, xlsx.description) == (
        "Excel-Tabelle (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Arbeitsmappe mit „Lies mich“, Daten und Metadaten")
    assert (by["excel/indizes.csv"].title, by["excel/indizes.csv"].format, by["excel/indizes.csv"].mediatype,
            by["excel/indizes.csv"].description) == (
        "CSV für Excel (Semikolon): Indizes", "csv", "text/csv", "Semikolon, Dezimalkomma, UTF-8 mit BOM")
    assert by["excel/quartiere.csv"].title == "CSV für Excel (Semikolon): Planungsräume"
    assert (by["indikatorwerte.csv"].title, by["indikatorwerte.csv"].format, by["indikatorwerte.csv"].mediatype,
            by["indikatorwerte.csv"].description) == (
        "CSV (maschinenlesbar, UTF-8): Indikatorwerte", "csv", "text/csv", "Komma, Dezimalpunkt, UTF-8")
    assert by["quartiere.csv"].title == "CSV (maschinenlesbar, UTF-8): Planungsräume"
    assert by["zeitreihe.csv"].title == "CSV (maschinenlesbar, UTF-8): Zeitreihe"
    assert [(by[p].title, by[p].format, by[p].mediatype, by[p].description) for p in
            ("quartiere.geojson", "p-2022.zip", "datapackage.json", "README.md", "CITATION.cff", "SHA256SUMS")] == [
        ("Geodaten (GeoJSON)", "geojson", "application/geo+json", "WGS84, für QGIS und Webkarten"),
        ("Datenpaket (ZIP)", "zip", "application/zip", "alle Dateien mit Beschreibung"),
        ("Beschreibung (datapackage.json)", "json", "application/json", "Frictionless Data Package v2"),
        ("Lies mich (README.md)", "md", "text/markdown", "Text: Inhalt, Lizenz, Zitieren, Geheimhaltung"),
        ("Zitierangaben (CITATION.cff)", "cff", "application/x-yaml", "Text"),
        ("Prüfsummen (SHA256SUMS)", "txt", "text/plain", "Text"),
    ]
    area = by["quartiere/a.csv"]
    assert (area.title, area.format, area.mediatype, area.description) == (
        "CSV (maschinenlesbar, UTF-8): Indikatorwerte – Alstaden", "csv", "text/csv", "Komma, Dezimalpunkt, UTF-8")
    assert all(e.size == 0 and e.sha256 == "" for e in by.values())


def test_the_zip_holds_everything_but_itself_the_checksums_and_the_area_files():
    entries = manifest.planned(CITY, "p", 2020, ALL, {"a": "Alstaden"})
    outside = [e.path for e in entries if not e.zipped]
    assert outside == ["p-2020.zip", "SHA256SUMS", "quartiere/a.csv"]


def test_the_daten_page_lists_the_excel_csvs_of_the_main_tables_and_not_the_area_files():
    entries = manifest.planned(CITY, "p", 2020, ALL, {"a": "Alstaden"})
    unlisted = [e.path for e in entries if not e.listed]
    assert unlisted == ["excel/quartiere.csv", "excel/indikatoren.csv", "quartiere/a.csv"]
    assert [e.path for e in entries if e.per_area] == ["quartiere/a.csv"]


def test_the_catalogue_names_the_workbook_main_csvs_geodata_zip_and_description():
    entries = manifest.planned(CITY, "p", 2020, ALL, {"a": "Alstaden"})
    assert [e.path for e in entries if e.catalogue] == [
        "p-2020.xlsx", "indizes.csv", "indikatorwerte.csv", "zeitreihe.csv", "quartiere.geojson", "p-2020.zip",
        "datapackage.json"]


def test_an_edition_without_class_changes_or_series_plans_no_files_for_them_and_no_area_files():
    entries = manifest.planned(CITY, "p", 2019, ("indizes", "quartiere", "indikatoren", "indikatorwerte"))
    assert [e.path for e in entries if e.path.endswith(".csv")] == [
        "excel/indizes.csv", "excel/indikatorwerte.csv", "excel/quartiere.csv", "excel/indikatoren.csv",
        "indizes.csv", "indikatorwerte.csv", "quartiere.csv", "indikatoren.csv"]
    assert entries[0].path == "p-2019.xlsx" and entries[-1].path == "SHA256SUMS"
    assert manifest.planned(CITY, "p", 2019, ("indizes",), {})[-1].path == "SHA256SUMS"


def test_each_area_file_lies_in_the_area_folder():
    assert manifest.area_csv("innenstadt") == "quartiere/innenstadt.csv"


def test_sha256sums_lists_every_other_planned_file_with_its_hash(tmp_path):
    entries = manifest.planned(CITY, "p", 2020, ALL, {"a": "Alstaden"})
    files = {e.path: f"Inhalt von {e.path}".encode() for e in entries if e.path != manifest.SUMS}
    sums = checksums(files)
    for rel, blob in files.items():
        write(tmp_path, rel, blob)
    lines = write(tmp_path, manifest.SUMS, sums).read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        digest, sep, rel = line.partition("  ")
        assert sep and len(digest) == 64
        listed[rel] = digest
    assert sorted(listed) == sorted(e.path for e in entries if e.path != manifest.SUMS)
    for rel, digest in listed.items():
        assert hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest() == digest


# --- the published tables --------------------------------------------------------------------------

def square(qid: str, west: float, south: float, side: float) -> dict:
    ring = [[west, south], [west + side, south], [west + side, south + side], [west, south + side], [west, south]]
    return {"type": "Feature", "properties": {"quartier_id": qid}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_the_area_of_a_quarter_in_square_kilometres():
    """One hundredth of a degree is 1,1132 km east–west at the equator (times cos φ elsewhere) and 1,10574 km
    north–south: a square of that side has 1,231 km² at the equator and 0,615 km² at 60° north."""
    areas = area_km2({"type": "FeatureCollection", "features": [
        square("aequator", -0.005, -0.005, 0.01), square("nord", 7.0, 59.995, 0.01), square("gross", 6.8, 51.4, 0.1)]})
    assert areas == {"aequator": 1.231, "nord": 0.615, "gross": round(11.1320 * math.cos(math.radians(51.45)) * 11.0574, 3)}
    assert list(areas) == ["aequator", "nord", "gross"]


@pytest.fixture(scope="module")
def city():
    from generator.inputs.validate import validate_city
    return validate_city(MINIMAL)


def with_values(data, changes: dict[tuple[str, str, int], tuple[int, int]], extra_year: int | None = None):
    """The city with some counts replaced (quarter, indicator, year) → (count, denominator)."""
    v = data.values.copy()
    for (q, k, y), (count, den) in changes.items():
        at = (v["quartier_id"] == q) & (v["indikator_id"] == k) & (v["jahr"] == y)
        assert at.sum() == 1
        v.loc[at, ["zaehler", "nenner"]] = [count, den]
        v.loc[at, "anteil"] = 100 * count / den
    if extra_year:
        later = v[v["jahr"] == v["jahr"].max()].copy()
        later["jahr"] = extra_year
        v = pd.concat([v, later], ignore_index=True)
    return dataclasses.replace(data, values=v)


def one_edition(data):
    from generator.index.edition import compute_all
    (res,) = compute_all(data).values()
    return res


def file_rows(name: str) -> list[dict[str, str]]:
    with open(MINIMAL / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_published_areas_have_residents_of_the_status_year_and_their_area(city):
    res = one_edition(city)
    t = published(city, res)
    year = str(res.edition.stichtag.year)
    residents = {r["quartier_id"]: int(r["einwohner"]) for r in file_rows("einwohner.csv") if r["jahr"] == year}
    assert dict(zip(t.quarters["quartier_id"], t.quarters["einwohner"])) == residents
    assert list(t.quarters["quartier_id"]) == [r["quartier_id"] for r in file_rows("quartiere.csv")]
    areas = area_km2(city.geometry)
    assert dict(zip(t.quarters["quartier_id"], t.quarters["flaeche_km2"])) == areas
    assert list(t.quarters.index) == list(range(len(residents)))
    assert list(t.indicators["indikator_id"]) == [r["indikator_id"] for r in file_rows("indikatoren.csv")]
    assert list(t.indicators.index) == [0, 1, 2]
    assert list(t.indicators.columns) == list(city.indicators.columns)
    assert all(0.1 < a < 20 for a in areas.values())  # quarters of a city, not degrees or m²


def test_the_published_values_follow_the_input_files_and_stop_at_the_status_year(city):
    data = with_values(city, {}, extra_year=2021)
    shuffled = dataclasses.replace(data, values=data.values.sample(frac=1, random_state=7).reset_index(drop=True))
    t = published(shuffled, one_edition(city))
    quarters = [r["quartier_id"] for r in file_rows("quartiere.csv")]
    indicators = [r["indikator_id"] for r in file_rows("indikatoren.csv")]
    expected = [(q, k, y) for q in quarters for k in indicators for y in (2018, 2019, 2020)]
    assert list(zip(t.values["quartier_id"], t.values["indikator_id"], t.values["jahr"])) == expected
    assert list(t.values.index) == list(range(len(expected)))
    assert list(t.values.columns) == ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil",
                                      "kennzeichen"]


def test_the_published_values_follow_the_order_of_the_quarters_and_indicators_as_given(city):
    data = dataclasses.replace(city, quarters=city.quarters.iloc[::-1], indicators=city.indicators.iloc[::-1])
    t = published(data, one_edition(city))
    order = list(dict.fromkeys(zip(t.values["quartier_id"], t.values["indikator_id"])))
    assert order == [(q, k) for q in reversed(city.quarters.index) for k in reversed(city.indicators.index)]


def test_a_share_that_is_not_shown_takes_its_z_value_with_it(city):
    """Too small a denominator hides the share; its z-value would give it away, so it is empty too –
    in the status year for the status z-values, at either end of the window for the dynamics."""
    data = with_values(city, {("marienviertel-ost", "kinderarmut", 2020): (20, 80),
                              ("styrum", "sgb2", 2018): (30, 90)})
    res = one_edition(data)
    t = published(data, res)
    idx = t.indices.set_index("quartier_id")
    assert math.isnan(idx.at["marienviertel-ost", "z_anteil_kinderarmut"])
    assert math.isnan(idx.at["marienviertel-ost", "z_veraenderung_kinderarmut"])  # 2020 ends the window
    assert math.isnan(idx.at["styrum", "z_veraenderung_sgb2"])
    # the other z-values of these quarters, and everybody else's, stay published
    assert not math.isnan(idx.at["marienviertel-ost", "z_anteil_sgb2"])
    assert not math.isnan(idx.at["styrum", "z_anteil_sgb2"])
    hidden = {(q, c) for q in idx.index for c in idx.columns if c.startswith("z_") and pd.isna(idx.at[q, c])}
    assert hidden == {("marienviertel-ost", "z_anteil_kinderarmut"), ("marienviertel-ost", "z_veraenderung_kinderarmut"),
                      ("styrum", "z_veraenderung_sgb2")}
    assert not idx["statusindex"].isna().any() and t.withheld == frozenset()


def test_a_share_hidden_in_a_year_outside_the_dynamics_window_hides_no_dynamics_z_value(city):
    data = with_values(city, {("styrum", "sgb2", 2019): (30, 90)})
    t = published(data, one_edition(data))
    idx = t.indices.set_index("quartier_id")
    assert not idx.filter(like="z_").isna().any().any()


def test_a_secret_count_withholds_the_numbers_of_its_index_part(city):
    """2020 is the status year and the end of the dynamics window: both parts lose their numbers."""
    data = with_values(city, {("bermensfeld", "kinderarmut", 2020): (2, 951)})
    t = published(data, one_edition(data))
    assert t.withheld == frozenset({"status", "dynamik"})
    assert t.indices["statusindex"].isna().all() and not t.indices["statusklasse"].isna().any()
    assert t.indices["dynamikindex"].isna().all() and not t.indices["dynamikklasse"].isna().any()
    assert t.indices.filter(like="z_").isna().all().all()


def test_a_secret_count_at_the_start_of_the_window_withholds_only_the_dynamics_numbers(city):
    data = with_values(city, {("styrum", "sgb2", 2018): (1, 4599)})
    t = published(data, one_edition(data))
    assert t.withheld == frozenset({"dynamik"})
    assert t.indices["dynamikindex"].isna().all() and not t.indices["statusindex"].isna().any()
    assert not t.indices[["z_anteil_sgb2", "z_anteil_kinderarmut"]].isna().any().any()
    assert t.z_columns == [("z_anteil_sgb2", "sgb2", "status"), ("z_anteil_kinderarmut", "kinderarmut", "status"),
                           ("z_veraenderung_sgb2", "sgb2", "dynamik"),
                           ("z_veraenderung_kinderarmut", "kinderarmut", "dynamik")]


def test_index_numbers_are_published_with_four_decimals(city):
    res = one_edition(city)
    t = published(city, res)
    idx = t.indices.set_index("quartier_id")
    engine = res.result
    for col in ("statussumme", "statusindex", "status_abstand", "dynamiksumme", "dynamikindex", "dynamik_abstand",
                "z_anteil_sgb2", "z_veraenderung_kinderarmut"):
        for q in idx.index:
            assert idx.at[q, col] == round(float(engine.at[q, col]), INDEX_DECIMALS), (q, col)
            assert idx.at[q, col] == round(idx.at[q, col], 4)
    assert INDEX_DECIMALS == 4
    assert list(idx["statusklasse"]) == list(engine["statusklasse"])
    assert list(idx["sozialindex"]) == list(engine["sozialindex"])


def test_the_published_indices_have_the_columns_of_the_index_table_in_order(city):
    t = published(city, one_edition(city))
    assert list(t.indices.columns) == [
        "quartier_id", "gueltig", "ungueltig_grund", "z_anteil_sgb2", "z_anteil_kinderarmut", "z_veraenderung_sgb2",
        "z_veraenderung_kinderarmut", "statussumme", "statusindex", "statusklasse", "statuslabel", "status_abstand",
        "status_stabil", "status_kippt_ohne", "dynamiksumme", "dynamikindex", "dynamikklasse", "dynamiklabel",
        "dynamik_abstand", "dynamik_stabil", "dynamik_kippt_ohne", "gesamtcode", "sozialindex", "fokus"]
    assert list(t.indices["quartier_id"]) == list(city.quarters.index)
    assert all(isinstance(q, str) for q in t.indices["quartier_id"])


def test_the_indicators_that_tip_a_class_are_named_by_their_ids(city):
    res = one_edition(city)
    r = res.result.copy()
    r["status_kippt_ohne"] = ["anteil_sgb2,anteil_kinderarmut", "", None, "anteil_alg_ii_u25", np.nan,
                              "anteil_kinderarmut,"]
    r["dynamik_kippt_ohne"] = ["veraenderung_kinderarmut", "", "", "", "", ""]
    t = published(city, dataclasses.replace(res, result=r))
    tips = list(t.indices["status_kippt_ohne"])
    assert tips[0] == "sgb2,kinderarmut" and tips[1] == "" and tips[3] == "alg_ii_u25"
    assert pd.isna(tips[2]) and pd.isna(tips[4])  # no statement stays no statement
    assert t.indices["status_kippt_ohne"].iloc[5] == "kinderarmut"
    assert t.indices["dynamik_kippt_ohne"].iloc[0] == "kinderarmut"


def test_the_city_values_lose_only_the_cells_a_secret_count_would_give_away(city):
    data = with_values(city, {("bermensfeld", "kinderarmut", 2020): (2, 951)})
    res = one_edition(data)
    t = published(data, res)
    assert math.isnan(t.city_shares.loc["kinderarmut", 2020])
    assert t.city_shares.loc["kinderarmut", 2019] == res.city_shares.loc["kinderarmut", 2019]
    assert t.city_shares.loc["sgb2", 2020] == res.city_shares.loc["sgb2", 2020]


def test_every_edition_says_what_changed_and_the_latest_holds_the_series(city):
    from generator.index.edition import compute_all
    results = compute_all(city)
    out = published_all(city, results)
    (year,) = out
    assert out[year].changes is not None and out[year].changes.empty
    s = out[year].series
    assert list(zip(s["quartier_id"], s["edition"])) == [(q, year) for q in city.quarters.index]
    assert list(s["statusklasse"]) == list(out[year].indices["statusklasse"])


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """The minimal city with an earlier edition 2019 (window 2018 to 2019) beside 2020."""
    import shutil
    from generator.inputs.validate import validate_city
    city = tmp_path_factory.mktemp("zwei") / "stadt"
    shutil.copytree(MINIMAL, city)
    text = (MINIMAL / "editionen" / "2020.yaml").read_text(encoding="utf-8")
    text = (text.replace("edition: 2020", "edition: 2019").replace("Testbericht 2020", "Testbericht 2019")
            .replace("veroeffentlicht: 2021", "veroeffentlicht: 2020").replace("2020-12-31", "2019-12-31")
            .replace("dynamik_bis: 2020", "dynamik_bis: 2019"))
    (city / "editionen" / "2019.yaml").write_text(text, encoding="utf-8")
    return validate_city(city)


def test_each_edition_compares_with_the_one_before_and_only_the_latest_holds_the_series(two_editions):
    from generator.index.edition import compute_all
    out = published_all(two_editions, compute_all(two_editions))
    assert sorted(out) == [2019, 2020]
    assert out[2019].changes.empty and out[2019].series is None
    assert not out[2020].changes.empty  # some classes of the minimal city change from 2019 to 2020
    assert set(out[2020].changes["vorige_edition"]) == {2019} and set(out[2020].changes["edition"]) == {2020}
    s = out[2020].series
    assert list(zip(s["quartier_id"], s["edition"])) == [(q, y) for q in two_editions.quarters.index
                                                          for y in (2019, 2020)]
    for year in (2019, 2020):
        assert list(s[s["edition"] == year]["statusklasse"]) == list(out[year].indices["statusklasse"])


def test_a_class_change_names_each_dynamics_indicators_change_in_percentage_points(two_editions):
    """veraenderung_<k> of 2020 = share 2020 − share 2018 (the 2020 window), from the counts in werte.csv."""
    from generator.index.edition import compute_all
    changes = published_all(two_editions, compute_all(two_editions))[2020].changes
    share = {(r["quartier_id"], r["indikator_id"], int(r["jahr"])): 100 * int(r["zaehler"]) / int(r["nenner"])
             for r in file_rows("werte.csv")}
    assert len(changes) > 0
    for _, row in changes.iterrows():
        for k in ("sgb2", "kinderarmut"):
            expected = share[(row["quartier_id"], k, 2020)] - share[(row["quartier_id"], k, 2018)]
            assert row[f"veraenderung_{k}"] == pytest.approx(expected, abs=1e-4), (row["quartier_id"], k)


def test_published_residents_are_whole_numbers_and_a_missing_count_stays_missing(city):
    res = one_edition(city)
    year = res.edition.stichtag.year
    residents = city.residents[~((city.residents["quartier_id"] == "styrum") & (city.residents["jahr"] == year))]
    t = published(dataclasses.replace(city, residents=residents), res)
    einwohner = dict(zip(t.quarters["quartier_id"], t.quarters["einwohner"]))
    assert pd.isna(einwohner.pop("styrum"))
    assert pd.api.types.is_integer_dtype(t.quarters["einwohner"])
    assert all(isinstance(v, (int, np.integer)) for v in einwohner.values())
    assert formats.csv_bytes("quartiere", t.quarters, [QUARTER_FIELDS[0], QUARTER_FIELDS[3]]).decode().count(
        "styrum,\n") == 1
