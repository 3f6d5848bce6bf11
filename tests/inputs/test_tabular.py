"""The one tabular reader (generator/inputs/tabular.py): every format and encoding an office hands over.

The workbooks and CSVs in tests/fixtures/formats/workbooks were written by LibreOffice from the
Oberhausen demonstration data (README there); every cell read here is compared with
data/oberhausen/*.csv, the numbers the files were made from.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator import paths
from generator.errors import InputError, Problem
from generator.inputs.tabular import (Decoded, detect_encoding, read_csv, read_workbook, sniff_delimiter,
                                      workbook_kind)

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
WORKBOOKS = FORMATS / "workbooks"
OBERHAUSEN = paths.city_dir("oberhausen")
YEAR = "2022"


def _truth() -> dict[str, tuple]:
    """name → (residents, SGB II count, reference, share in %, Kinderarmut count, reference) for 2022."""
    def rows(name):
        with open(OBERHAUSEN / name, encoding="utf-8") as f:
            return list(csv.DictReader(f))

    values = {(r["quartier_id"], r["indikator_id"]): (int(r["zaehler"]), int(r["nenner"]))
              for r in rows("werte.csv") if r["jahr"] == YEAR and r["zaehler"]}
    people = {r["quartier_id"]: int(r["einwohner"]) for r in rows("einwohner.csv") if r["jahr"] == YEAR}
    out = {}
    for q in rows("quartiere.csv"):
        z, n = values[(q["quartier_id"], "sgb2")]
        k, m = values[(q["quartier_id"], "kinderarmut")]
        out[q["name"]] = (people[q["quartier_id"]], z, n, 100 * z / n, k, m)
    return out


TRUTH = _truth()
ALL = ["sozialdaten-libreoffice.xlsx", "sozialdaten-excel97.xls", "sozialdaten.ods", "sozialdaten-excel-ansi.csv",
       "sozialdaten-utf8-komma.csv", "sozialdaten-unicode-text.txt"]


@pytest.mark.parametrize("name", ALL)
def test_every_format_gives_the_numbers_it_was_made_from(name):
    sheets = read_workbook(WORKBOOKS / name)
    assert len(sheets) == 1
    rows = {r[0].text: r for r in sheets[0].rows if r and r[0].text in TRUTH}
    assert set(rows) == set(TRUTH)  # every quarter, umlauts intact (Brücktorviertel, Dümpten, Königshardt)
    for quarter, (people, z, n, share, k, m) in TRUTH.items():
        cells = rows[quarter]
        assert [c.number for c in cells[1:4]] + [c.number for c in cells[5:7]] == [people, z, n, k, m], quarter
        # the share: a percent cell (fraction ×100, as the office sees it) or the shown text „31,3 %“
        assert cells[4].percent and cells[4].number == pytest.approx(share, abs=0.1)  # shown with one decimal
    assert rows["Innenstadt"][1].text == "6.534"  # typed as text with a thousands point: still a number


@pytest.mark.parametrize("name", ["sozialdaten-libreoffice.xlsx", "sozialdaten-excel97.xls", "sozialdaten.ods"])
def test_merged_cells_name_every_column_they_span(name):
    sheet = read_workbook(WORKBOOKS / name)[0]
    assert sheet.name == "2022"
    assert [c.text for c in sheet.rows[2][2:7]] == ["Leistungsberechtigte nach SGB II"] * 3 + ["Kinderarmut"] * 2
    assert [c.text for c in sheet.rows[3][:2]] == ["Sozialquartier", "Einwohner insgesamt"]  # merged downwards
    assert sheet.address(4, 2) == "C5"


@pytest.mark.parametrize("name, encoding, delimiter, note", [
    ("sozialdaten-excel-ansi.csv", "cp1252", ";", "note-encoding"),
    ("sozialdaten-utf8-komma.csv", "utf-8", ",", "note-decimal-comma"),
    ("sozialdaten-unicode-text.txt", "utf-16", "\t", "note-encoding"),
])
def test_csv_encoding_and_separator_are_detected_and_said(name, encoding, delimiter, note):
    problems, notes = [], []
    table = read_csv(WORKBOOKS / name, problems, notes, comma_means_point=False)
    assert not problems and (table.encoding, table.delimiter, table.decimal) == (encoding, delimiter, ",")
    assert note in [n.code for n in notes]
    if encoding != "utf-8":
        said = next(n for n in notes if n.code == "note-encoding")
        assert "Brücktorviertel" in said.message or "Dümpten" in said.message  # the example shows the umlauts right


def test_a_comma_file_is_english_for_the_citys_own_files():
    problems, notes = [], []
    table = read_csv(WORKBOOKS / "sozialdaten-utf8-komma.csv", problems, notes)
    assert table.decimal == "." and not notes


# --- encodings, from bytes as the codecs write them --------------------------------------------------

TEXT = "quartier_id,name\nbruecktorviertel,Brücktorviertel\nstrasse,Hauptstraße – Süd\n"


@pytest.mark.parametrize("codec, label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 mit BOM"), ("cp1252", "Windows-1252"),
                                          ("latin-1", "Windows-1252"), ("utf-16", "UTF-16 (Unicode-Text)"),
                                          ("utf-16-be", None)])
def test_encodings_offices_save_are_read_right(codec, label):
    data = TEXT.replace("–", "-").encode(codec) if codec == "latin-1" else TEXT.encode(codec)
    if codec == "utf-16-be":  # Excel always writes a BOM; without one it is a located problem, not mojibake
        data = b"\xfe\xff" + data
    found = detect_encoding(data, "x.csv")
    assert isinstance(found, Decoded)
    assert found.text == (TEXT.replace("–", "-") if codec == "latin-1" else TEXT)
    if label:
        assert found.label == label


def test_utf16_without_bom_is_a_problem_not_mojibake():
    found = detect_encoding(TEXT.encode("utf-16-le"), "x.csv")
    assert isinstance(found, Problem) and found.code == "encoding-utf16"


def test_a_dos_code_page_is_undecidable_with_line_and_byte():
    found = detect_encoding(TEXT.replace("–", "-").encode("cp850"), "x.csv")  # ü is 0x81: not in Windows-1252
    assert isinstance(found, Problem) and found.code == "encoding-undecidable" and found.row == 2
    assert "0x81" in found.message and "Br\\x81cktorviertel" in found.message


def test_utf8_and_windows_1252_mixed_in_one_file_is_located():
    data = "a,Brücktorviertel\n".encode() + "b,Dümpten\n".encode("cp1252")
    found = detect_encoding(data, "x.csv")
    assert isinstance(found, Problem) and found.code == "encoding-mixed" and found.row == 2
    assert "Zeile 1 ist UTF-8" in found.message and "0xFC" in found.message


def test_a_binary_file_is_not_read_as_windows_1252():
    found = detect_encoding(b"PK\x01\x02\x14" + "Größe".encode("cp1252") + b"\x03\x04", "x.csv")
    assert isinstance(found, Problem) and found.code == "encoding-undecidable"


# --- separators ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, delimiter", [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"), ("a|b|c\n1|2|3\n", "|"),
    ('name;wert\n"Mülheim, Süd";2,5\n', ";"), ("name,wert\nx;y,1\n", ","), ("nur eine spalte\n1\n", ","),
])
def test_the_separator_is_sniffed(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_an_excel_sep_line_names_the_separator(tmp_path):
    path = tmp_path / "werte.csv"
    path.write_text("sep=;\nquartier_id;jahr;einwohner\ninnenstadt;2020;6.807\n", encoding="utf-8")
    problems, notes = [], []
    table = read_csv(path, problems, notes)
    assert table.header == ["quartier_id", "jahr", "einwohner"] and table.records[1][2] == "6.807"
    assert "note-sep-line" in [n.code for n in notes]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings_of_any_system(tmp_path, ending):
    path = tmp_path / "t.csv"
    path.write_bytes(ending.join(["a;b", "1;2,5", "3;4"]).encode() + ending.encode())
    table = read_csv(path, [], [])
    assert table.records == [["a", "b"], ["1", "2,5"], ["3", "4"]] and table.line_ending == ending


# --- what is not a workbook ------------------------------------------------------------------------

def test_a_web_page_saved_as_xls_is_named_as_such(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
    assert workbook_kind(path) == "html"
    with pytest.raises(InputError) as err:
        read_workbook(path)
    assert err.value.codes == ["workbook-format"] and "Webseite" in err.value.problems[0].message


def test_a_damaged_workbook_is_a_problem_not_a_traceback(tmp_path):
    for suffix, blob in ((".xlsx", b"PK\x03\x04 kaputt"), (".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
                         (".ods", (WORKBOOKS / "sozialdaten.ods").read_bytes()[:2000])):
        path = tmp_path / f"kaputt{suffix}"
        path.write_bytes(blob)
        with pytest.raises(InputError) as err:
            read_workbook(path)
        assert err.value.codes == ["workbook-unreadable"], suffix
