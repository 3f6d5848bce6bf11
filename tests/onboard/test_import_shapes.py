"""`sozialbericht import` on hand-overs shaped as offices shape them, written by hand in each test.

The city: seven quarters with codes (STGT01 …) in three districts, one of them named like its district
(Sterkrade-Mitte), and Oberhausen's fourteen indicators (the hardest case for recognising columns: many
share words such as „Einwohner“, „Haushalte“, „unter … Jahren“). The numbers below were typed by hand;
every workbook is written from them cell by cell with openpyxl (never by the project's own generators),
and what the import writes is compared with them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil

import openpyxl
import pytest

from generator import paths
from generator.cli import main
from generator.errors import InputError
from generator.onboard.importer import MAPPING_FILE, import_files, import_workbook

QUARTERS = """quartier_id,kennung,name,stadtbezirk
altstadt,STGT01,Altstadt,Mitte
innenstadt,STGT02,Innenstadt,Mitte
westliche-hoehe,STGT03,Westliche Höhe,Mitte
osterfeld-mitte-vondern,STGT04,Osterfeld-Mitte/Vondern,Osterfeld
grosse-heide,STGT05,Große Heide,Osterfeld
sterkrade-mitte,STGT06,Sterkrade-Mitte,Sterkrade-Mitte
tackenberg,STGT07,Tackenberg,Sterkrade-Mitte
"""
ORDER = ["altstadt", "innenstadt", "westliche-hoehe", "osterfeld-mitte-vondern", "grosse-heide", "sterkrade-mitte",
         "tackenberg"]
NAMES = dict(zip(ORDER, ["Altstadt", "Innenstadt", "Westliche Höhe", "Osterfeld-Mitte/Vondern", "Große Heide",
                         "Sterkrade-Mitte", "Tackenberg"]))
# residents; SGB II under 65 and residents under 65; children under 15 in SGB II and residents under 15;
# Grundsicherung im Alter and residents 65+; households with children; households with 3+ children (2022)
DATA = {
    "altstadt": (7225, 1715, 5474, 592, 1175, 101, 1490, 1020, 133),
    "innenstadt": (6534, 1523, 5120, 511, 1032, 97, 1310, 940, 121),
    "westliche-hoehe": (8410, 866, 6590, 301, 1190, 54, 1702, 1230, 148),
    "osterfeld-mitte-vondern": (5870, 764, 4623, 350, 768, 62, 1190, 812, 96),
    "grosse-heide": (4213, 312, 3350, 120, 611, 21, 902, 640, 71),
    "sterkrade-mitte": (9186, 1204, 7210, 470, 1352, 88, 1850, 1333, 160),
    "tackenberg": (3105, 201, 2410, 77, 390, 11, 688, 455, 52),
}
# SGB II counts and residents under 65 over five years (a series per quarter), for the layouts with years.
SERIES = {q: {y: (round(v[1] * f), round(v[2] * g)) for y, f, g in
              ((2018, 0.93, 0.99), (2019, 0.95, 0.99), (2020, 0.99, 1.0), (2021, 0.98, 1.0), (2022, 1.0, 1.0))}
          for q, v in DATA.items()}


@pytest.fixture()
def city(tmp_path):
    folder = tmp_path / "data" / "teststadt"
    folder.mkdir(parents=True)
    (folder / paths.QUARTERS).write_text(QUARTERS, encoding="utf-8")
    shutil.copy(paths.city_dir("oberhausen") / paths.INDICATORS, folder / paths.INDICATORS)
    (folder / paths.CITY_CONFIG).write_text("stadt: Teststadt\n", encoding="utf-8")
    return folder


def _book(path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(r, c, v)
        for m in (merges or {}).get(name, []):
            ws.merge_cells(m)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _values(city) -> dict[tuple[str, str, str], dict[str, str]]:
    text = (city / paths.VALUES).read_text(encoding="utf-8")
    return {(r["quartier_id"], r["indikator_id"], r["jahr"]): r for r in csv.DictReader(io.StringIO(text))}


def _residents(city) -> dict[tuple[str, str], str]:
    text = (city / paths.RESIDENTS).read_text(encoding="utf-8")
    return {(r["quartier_id"], r["jahr"]): r["einwohner"] for r in csv.DictReader(io.StringIO(text))}


def _counts(city, indicator, year="2022") -> dict[str, tuple[int, int]]:
    return {q: (int(r["zaehler"]), int(r["nenner"])) for (q, k, y), r in _values(city).items()
            if k == indicator and y == year}


def _snapshot(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _office_wording_sheet(first_name="Innenstadt (Mitte)"):
    """One sheet per year, two header rows under a title, the wording of a real office."""
    rows = [["Sozialdaten nach Sozialquartieren, Stand 31.12.2022"], [],
            ["Sozialquartier", "Einwohner insg.", "Leistungsberechtigte SGB II (u. 65 J.)", None,
             "Kinder u. 15 J. in SGB-II-BG", None, "HH mit Kindern", "Haushalte mit 3+ Kindern", "Empfänger",
             "Bev. 65 u. älter"],
            [None, None, "Anzahl", "Bev. u. 65 J.", "Anzahl", "Bev. u. 15 J.", None, None, None, None]]
    order = ["innenstadt"] + [q for q in ORDER if q != "innenstadt"]  # the qualified name comes first
    for q in order:
        e, lb, e65, k, e15, gs, e65p, hhk, hh3 = DATA[q]
        rows.append([first_name if q == "innenstadt" else NAMES[q], e, lb, e65, k, e15, hhk, hh3, gs, e65p])
    rows += [[], ["Quelle: Einwohnermelderegister; Bundesagentur für Arbeit. Empfänger: Grundsicherung im Alter."]]
    return rows


# -- finding the table and reading the words -----------------------------------------------------------

def test_a_first_row_with_a_qualifier_is_found_from_the_sheets_shape(city, tmp_path):
    """The header is the block between the title and the first row with numbers, whatever the first
    area is called („Innenstadt (Mitte)“ is no name in quartiere.csv)."""
    book = _book(tmp_path / "sozialdaten.xlsx", {"2022": _office_wording_sheet()}, {"2022": ["C3:D3", "E3:F3"]})
    report = import_workbook(book, city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert report.variants["Innenstadt (Mitte)"] == ("innenstadt", "Zusatz in Klammern weggelassen")


def test_the_wording_of_statistics_offices_is_understood(city, tmp_path):
    """„Leistungsberechtigte SGB II (u. 65 J.) | Anzahl“ / „Bev. u. 65 J.“, „Kinder u. 15 J. in SGB-II-BG“,
    „HH mit Kindern“, „Haushalte mit 3+ Kindern“, „Einwohner insg.“, „Empfänger“, „Bev. 65 u. älter“:
    each column lands where it belongs, and no column is taken twice."""
    book = _book(tmp_path / "sozialdaten.xlsx", {"2022": _office_wording_sheet()}, {"2022": ["C3:D3", "E3:F3"]})
    report = import_workbook(book, city)
    roles = {p.header: (p.role.rolle, p.role.indikator) for p in report.placed}
    assert roles == {
        "Einwohner insg.": ("einwohner", None),
        "Leistungsberechtigte SGB II (u. 65 J.) | Anzahl": ("zaehler", "sgb2"),
        "Leistungsberechtigte SGB II (u. 65 J.) | Bev. u. 65 J.": ("nenner", "sgb2"),
        "Kinder u. 15 J. in SGB-II-BG | Anzahl": ("zaehler", "kinderarmut"),
        "Kinder u. 15 J. in SGB-II-BG | Bev. u. 15 J.": ("nenner", "kinderarmut"),
        "HH mit Kindern": ("zaehler", "haushalte_kinder"),
        "Haushalte mit 3+ Kindern": ("zaehler", "kinderreiche"),
        "Empfänger": ("zaehler", "altersarmut"),
        "Bev. 65 u. älter": ("nenner", "altersarmut"),
    }
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _counts(city, "kinderarmut") == {q: (v[3], v[4]) for q, v in DATA.items()}
    assert _counts(city, "altersarmut") == {q: (v[5], v[6]) for q, v in DATA.items()}
    # „HH mit Kindern“ is the reference group of the 3+ households (one group in indikatoren.csv).
    assert _counts(city, "kinderreiche") == {q: (v[8], v[7]) for q, v in DATA.items()}
    assert _residents(city) == {(q, "2022"): str(v[0]) for q, v in DATA.items()}


def test_the_dry_run_shows_each_proposal_with_its_evidence(city, tmp_path, capsys):
    book = _book(tmp_path / "sozialdaten.xlsx", {"2022": _office_wording_sheet()}, {"2022": ["C3:D3", "E3:F3"]})
    before = _snapshot(city)
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert _snapshot(city) == before
    block = out[out.index("„Leistungsberechtigte SGB II (u. 65 J.) | Bev. u. 65 J.“"):]
    block = block[:block.index("\n  „")]
    assert "Nenner von sgb2" in block and "nenner_definition „Einwohner unter 65 Jahren“" in block
    assert "„u.“ = unter" in block and "„J.“ = Jahre" in block and "„Bev.“ = Bevölkerung" in block
    assert "Daten: Nenner ≥ Zähler in 7 von 7 Zeilen" in block
    assert "„Innenstadt (Mitte)“ → innenstadt (Zusatz in Klammern weggelassen)" in out
    # the summary: values per indicator and year
    table = out[out.index("Übernommene Werte je Indikator und Jahr:"):].splitlines()
    assert table[1].split() == ["Indikator", "2022"]
    assert {line.split()[0]: line.split()[1] for line in table[2:8]}.items() >= {"sgb2": "7", "kinderarmut": "7",
                                                                        "altersarmut": "7", "kinderreiche": "7"}.items()


def test_two_count_columns_never_fill_one_slot(city, tmp_path):
    """The old import took „SGB II | Anzahl“ and „Kinder u. 15 J. in SGB-II-BG“ both as the numerator of
    sgb2 (the short name „SGB II“ is inside the second). Each now fills its own indicator."""
    rows = [["Quartier", "SGB II", None, "Kinder u. 15 J. in SGB-II-BG", "Bev. u. 15 J."],
            [None, "Anzahl", "Bev. u. 65 J.", None, None]]
    rows += [[NAMES[q], v[1], v[2], v[3], v[4]] for q, v in DATA.items()]
    book = _book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}, {"2022": ["B1:C1"]})
    import_workbook(book, city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _counts(city, "kinderarmut") == {q: (v[3], v[4]) for q, v in DATA.items()}


def test_two_columns_equally_fit_for_one_slot_are_a_conflict_not_a_guess(city, tmp_path):
    rows = [["Quartier", "Einwohner insgesamt", "Bevölkerung insgesamt"]]
    rows += [[NAMES[q], v[0], v[0] + 7] for q, v in DATA.items()]
    book = _book(tmp_path / "einwohner-2022.xlsx", {"2022": rows})
    with pytest.raises(InputError) as err:
        import_workbook(book, city)
    problem = next(p for p in err.value.problems if p.code == "import-column-twice")
    assert "B" in problem.message and "C" in problem.message and "Einwohner" in problem.message
    assert MAPPING_FILE in problem.hint


def test_the_data_decide_between_equally_worded_columns(city, tmp_path):
    """„Anzahl“ and „Anzahl“ under one title, no other word: whichever is never above the other is the
    numerator (a count never exceeds its reference group) — and where the words do not decide it is a
    conflict; here the reference column says „Bezugsgröße“, so words and data agree."""
    rows = [["SGB II nach Quartieren 2022"], [], ["Quartier", "Bezugsgröße", "Anzahl"]]
    rows += [[NAMES[q], v[2], v[1]] for q, v in DATA.items()]
    import_workbook(_book(tmp_path / "mappe.xlsx", {"Tabelle1": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}


# -- layouts -------------------------------------------------------------------------------------------

def test_sheet_per_indicator_with_years_in_the_headers(city, tmp_path):
    years = sorted(SERIES["altstadt"])
    rows = [["SGB II nach Sozialquartieren 2018 bis 2022"], [],
            ["Quartier"] + [f"Anzahl {y}" for y in years] + [f"Bezugsgröße {y}" for y in years]]
    rows += [[NAMES[q]] + [SERIES[q][y][0] for y in years] + [SERIES[q][y][1] for y in years] for q in ORDER]
    book = _book(tmp_path / "indikatoren.xlsx", {"SGB II": rows})
    report = import_workbook(book, city)
    for y in years:
        assert _counts(city, "sgb2", str(y)) == {q: SERIES[q][y] for q in ORDER}
    assert report.counts == {("sgb2", y): 7 for y in years}


def test_years_as_a_header_row_of_numbers(city, tmp_path):
    years = sorted(SERIES["altstadt"])
    rows = [["Quartier", "Leistungsberechtigte SGB II"] + [None] * 4 + ["Einwohner unter 65 Jahren"] + [None] * 4,
            [None] + years + years]
    rows += [[NAMES[q]] + [SERIES[q][y][0] for y in years] + [SERIES[q][y][1] for y in years] for q in ORDER]
    book = _book(tmp_path / "mappe.xlsx", {"Tabelle1": rows}, {"Tabelle1": ["B1:F1", "G1:K1"]})
    import_workbook(book, city)
    for y in years:
        assert _counts(city, "sgb2", str(y)) == {q: SERIES[q][y] for q in ORDER}


def test_a_year_column(city, tmp_path):
    rows = [["Jahr", "Gebiet", "SGB II Anzahl", "Einwohner u. 65 J."]]
    rows += [[y, NAMES[q], *SERIES[q][y]] for y in (2021, 2022) for q in ORDER]
    import_workbook(_book(tmp_path / "mappe.xlsx", {"Daten": rows}), city)
    for y in (2021, 2022):
        assert _counts(city, "sgb2", str(y)) == {q: SERIES[q][y] for q in ORDER}


def test_long_format_export(city, tmp_path):
    """area; year; characteristic; count; reference — one row per area × year × indicator, as a CSV."""
    lines = ["Gebiet;Jahr;Merkmal;Anzahl;Bezugsgröße"]
    for y in (2021, 2022):
        for q in ORDER:
            lines.append(f"{NAMES[q]};{y};Leistungsberechtigte SGB II u. 65 J.;{SERIES[q][y][0]};{SERIES[q][y][1]}")
            if y == 2022:
                v = DATA[q]
                lines.append(f"{NAMES[q]};{y};Grundsicherung im Alter;{v[5]};{v[6]}")
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_workbook(path, city)
    for y in (2021, 2022):
        assert _counts(city, "sgb2", str(y)) == {q: SERIES[q][y] for q in ORDER}
    assert _counts(city, "altersarmut") == {q: (v[5], v[6]) for q, v in DATA.items()}


def test_long_format_with_one_value_column_per_group(city, tmp_path):
    """The characteristic names the group counted („Bev. u. 65 J.“), one column holds every number."""
    rows = [["Stadtteil", "Jahr", "Merkmal", "Wert"]]
    for q in ORDER:
        rows.append([NAMES[q], 2022, "LB SGB II u. 65 J.", DATA[q][1]])
        rows.append([NAMES[q], 2022, "Bev. u. 65 J.", DATA[q][2]])
        rows.append([NAMES[q], 2022, "EW insgesamt", DATA[q][0]])
    import_workbook(_book(tmp_path / "lang.xlsx", {"Export": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _residents(city) == {(q, "2022"): str(v[0]) for q, v in DATA.items()}


def test_one_file_per_indicator_in_one_call(city, tmp_path, capsys):
    """`import a.xlsx b.csv`: the file names say the indicator where the headers say only „Anzahl“."""
    a = [["Quartier", "Anzahl", "Bezugsgröße"]] + [[NAMES[q], v[1], v[2]] for q, v in DATA.items()]
    first = _book(tmp_path / "eingang" / "SGB II 2022.xlsx", {"Tabelle1": a})
    second = tmp_path / "eingang" / "kinderarmut_2022.csv"
    second.write_text("Quartier;Anzahl;Bezugsgröße\n" + "".join(f"{NAMES[q]};{v[3]};{v[4]}\n" for q, v in DATA.items()),
                      encoding="utf-8")
    assert main(["import", str(first), str(second), "--city", "teststadt", "--data-dir", str(city.parent)]) == 0
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _counts(city, "kinderarmut") == {q: (v[3], v[4]) for q, v in DATA.items()}
    out = capsys.readouterr().out
    assert "Dateien SGB II 2022.xlsx, kinderarmut_2022.csv" in out and "Dateiname" in out


# -- rows to areas ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("written,rule", [
    ("03 Westliche Höhe", "Kennziffer vorangestellt"),
    ("Westliche_Höhe", "Unterstrich als Leerzeichen"),
    ("Westliche Hoehe", "Umlaut als ae/oe/ue"),
    ("WESTLICHE HÖHE", "Groß-/Kleinschreibung"),
    ("Westliche Höhe (Mitte)", "Zusatz in Klammern weggelassen"),
    ("3", "Kennziffer ohne Präfix"),
    ("STGT3", "Kennziffer in anderer Schreibweise"),
])
def test_every_spelling_of_an_area_is_matched_and_said_with_its_rule(city, tmp_path, written, rule):
    rows = [["Gebiet", "Einwohner"]] + [[written if q == "westliche-hoehe" else NAMES[q], v[0]] for q, v in DATA.items()]
    report = import_workbook(_book(tmp_path / "ew-2022.xlsx", {"2022": rows}), city)
    assert report.variants == {written: ("westliche-hoehe", rule)}
    assert _residents(city)[("westliche-hoehe", "2022")] == "8410"


def test_slashes_dashes_and_sharp_s_are_matched(city, tmp_path):
    spelled = {"osterfeld-mitte-vondern": "Osterfeld Mitte / Vondern", "grosse-heide": "Grosse Heide"}
    rows = [["Gebiet", "Einwohner"]] + [[spelled.get(q, NAMES[q]), v[0]] for q, v in DATA.items()]
    report = import_workbook(_book(tmp_path / "ew-2022.xlsx", {"2022": rows}), city)
    assert report.variants == {
        "Osterfeld Mitte / Vondern": ("osterfeld-mitte-vondern", "Schrägstrich mit oder ohne Leerzeichen, "
                                                                "Bindestrich oder Leerzeichen"),
        "Grosse Heide": ("grosse-heide", "ß als ss")}
    assert len(_residents(city)) == 7


def test_numeric_codes_name_the_areas(city, tmp_path):
    """A table naming the areas only by `1`, `2`, … where quartiere.csv says STGT01, STGT02, …"""
    rows = [["Nr.", "Einwohner"]] + [[i + 1, DATA[q][0]] for i, q in enumerate(ORDER)]
    import_workbook(_book(tmp_path / "ew-2022.xlsx", {"2022": rows}), city)
    assert _residents(city) == {(q, "2022"): str(v[0]) for q, v in DATA.items()}


def test_an_area_two_areas_fit_is_a_problem_never_a_guess(tmp_path):
    folder = tmp_path / "data" / "holten"
    folder.mkdir(parents=True)
    (folder / paths.QUARTERS).write_text("quartier_id,name\nholten-nord,Holten (Nord)\nholten-sued,Holten (Süd)\n"
                                         "biefang,Biefang\n", encoding="utf-8")
    shutil.copy(paths.city_dir("oberhausen") / paths.INDICATORS, folder / paths.INDICATORS)
    rows = [["Gebiet", "Einwohner"], ["Holten", 5000], ["Biefang", 3000]]
    with pytest.raises(InputError) as err:
        import_workbook(_book(tmp_path / "ew-2022.xlsx", {"2022": rows}), folder)
    problem, = err.value.problems
    assert problem.code == "import-area-ambiguous" and problem.cell == "A2"
    assert "holten-nord" in problem.message and "holten-sued" in problem.message and "namen:" in problem.hint


def test_district_subtotals_are_recognised_by_name_and_by_their_sums(city, tmp_path):
    """„Mitte“ (a district of quartiere.csv), „Summe Osterfeld“, an unnamed row holding the sum of the
    rows above, „Sterkrade-Mitte“ twice — once the quarter, once its district's subtotal, told apart by
    the sums — and the city total: none of them is read as an area."""
    def row(name, qs):
        return [name, sum(DATA[q][1] for q in qs), sum(DATA[q][2] for q in qs)]

    rows = [["Sozialquartier", "SGB II | Anzahl", "SGB II | Bezugsgröße"]]
    for district, qs, label in (("Mitte", ORDER[:3], "Mitte"), ("Osterfeld", ORDER[3:5], "Summe Osterfeld"),
                                ("Sterkrade", ORDER[5:], "Sterkrade-Mitte")):
        rows += [row(NAMES[q], [q]) for q in qs]
        rows.append(row(label, qs))
    rows.append(row(None, ORDER))  # the city total without a name
    rows.append(row("Stadt insgesamt", ORDER))
    report = import_workbook(_book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    skipped = {what: why for what, _, why in report.skipped}
    assert "Mitte" in skipped["Zeile „Mitte“"] and "Osterfeld" in skipped["Zeile „Summe Osterfeld“"]
    assert "Summe der Zeilen 9–10" in skipped["Zeile „Sterkrade-Mitte“"]
    assert skipped["Zeile ohne Namen"].startswith("Summe der Zeilen")
    assert "Zeile „Stadt insgesamt“" in skipped


def test_a_district_subtotal_above_its_scattered_areas_is_told_apart_from_the_area_of_the_same_name(city, tmp_path):
    """The districts' sums first, then the areas in alphabetical order (so a district's areas are not
    next to each other): the row „Sterkrade-Mitte“ at the top holds the sum of its district's areas,
    wherever they stand, and is no area; the quarter „Sterkrade-Mitte“ further down is."""
    def row(name, qs):
        return [name, sum(DATA[q][1] for q in qs), sum(DATA[q][2] for q in qs)]

    rows = [["Sozialquartier", "SGB II | Anzahl", "SGB II | Bezugsgröße"], row("Sterkrade-Mitte", ORDER[5:])]
    rows += [row(NAMES[q], [q]) for q in sorted(ORDER, key=lambda q: NAMES[q])]
    report = import_workbook(_book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    skipped = {what: why for what, _, why in report.skipped}
    assert "Summe seiner" in skipped["Zeile „Sterkrade-Mitte“"]


# -- nothing imported, unplaced columns, the one line to add --------------------------------------------

def test_importing_nothing_exits_2_with_the_reason(city, tmp_path, capsys):
    """Once a silent exit 0: a workbook whose sheets give no value."""
    notes = [["Erläuterungen"], ["Zeichen: „.“ = geheim"]]
    foreign = [["Gebiet", "Einwohner"], ["Atlantis", 100], ["Lemuria", 200]]
    book = _book(tmp_path / "fremd.xlsx", {"Hinweise": notes, "Daten": foreign})
    before = _snapshot(city)
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "„Hinweise“: keine Zeile mit Zahlen" in err and "„Daten“: keine Spalte mit bekannten Gebieten" in err
    assert _snapshot(city) == before


def test_a_column_that_cannot_be_placed_names_the_import_yaml_line_that_places_it(city, tmp_path, capsys):
    """„Personen 65+ mit Hilfe“ is worded as no indicator of the city is; the problem names the line (its
    best guess: the numerator its reference group „Bev. 65+“ lacks), and with that line, copied as printed,
    the same workbook imports."""
    rows = [["Gebiet", "Personen 65+ mit Hilfe", "Bev. 65+"]] + [[NAMES[q], v[5], v[6]] for q, v in DATA.items()]
    book = _book(tmp_path / "alter-2022.xlsx", {"2022": rows})
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent)]) == 2
    err = capsys.readouterr().err
    assert "Zelle B1" in err and "Personen 65+ mit Hilfe" in err
    line, = set(re.findall(r"spalten: \{.*?\}\}", err))
    assert line == 'spalten: {"Personen 65+ mit Hilfe": {rolle: zaehler, indikator: altersarmut}}'
    (city / MAPPING_FILE).write_text(line + "\n", encoding="utf-8")
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent)]) == 0
    assert _counts(city, "altersarmut") == {q: (v[5], v[6]) for q, v in DATA.items()}


def test_a_column_of_no_indicator_is_refused_while_indicators_lack_values(city, tmp_path, capsys):
    """„Fläche in ha“ fits no indicator, and the city's indicators got no value from this file: the column
    might be one of them, so the import stops until import.yaml says what it is (here: to pass it over)."""
    rows = [["Gebiet", "Einwohner", "Fläche in ha"]] + [[NAMES[q], v[0], 100 + i] for i, (q, v) in enumerate(DATA.items())]
    book = _book(tmp_path / "ew-2022.xlsx", {"2022": rows})
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent)]) == 2
    err = capsys.readouterr().err
    assert "Zelle C1" in err and 'spalten: {"Fläche in ha": {rolle: ignorieren}}' in err and "sgb2" in err
    (city / MAPPING_FILE).write_text('spalten: {"Fläche in ha": {rolle: ignorieren}}\n', encoding="utf-8")
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent)]) == 0
    assert '"Fläche in ha": {rolle: ignorieren}' in (city / MAPPING_FILE).read_text(encoding="utf-8")


def _one_indicator(city):
    rows = list(csv.DictReader(io.StringIO((city / paths.INDICATORS).read_text(encoding="utf-8"))))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerow(next(r for r in rows if r["indikator_id"] == "sgb2"))
    (city / paths.INDICATORS).write_text(out.getvalue(), encoding="utf-8")


def test_a_published_tables_other_columns_are_said_and_left_when_every_indicator_has_its_values(city, tmp_path, capsys):
    """A city with one indicator imports a table with more: what fits none is listed with its line, exit 0."""
    _one_indicator(city)
    rows = [["Gebiet", "Einwohner", "SGB II | Anzahl", "Bev. u. 65 J.", "Fläche in ha", "Geburten"]]
    rows += [[NAMES[q], v[0], v[1], v[2], 100 + i, 50 + i] for i, (q, v) in enumerate(DATA.items())]
    book = _book(tmp_path / "profil-2022.xlsx", {"2022": rows})
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent), "--dry-run"]) == 0
    out = capsys.readouterr().out
    left = out[out.index("Nicht übernommen:"):]
    assert 'spalten: {"Fläche in ha": {rolle: ignorieren}}' in left and 'spalten: {"Geburten": {rolle: ignorieren}}' in left


def test_a_number_column_no_word_places_is_refused_when_the_citys_only_indicator_got_nothing(city, tmp_path, capsys):
    """„Quote A“ (as a report calls its SGB II rate): guessing would be a silent error, leaving it out an exit 0
    with fewer values than the table holds. The line to add is named, with the one indicator lacking."""
    _one_indicator(city)
    rows = [["Stadtteil", "Einwohner", "Quote A"]] + [[NAMES[q], v[0], round(100 * v[1] / v[2], 1)] for q, v in DATA.items()]
    book = _book(tmp_path / "Datenreport 2022.xlsx", {"Daten": rows})
    assert main(["import", str(book), "--city", "teststadt", "--data-dir", str(city.parent)]) == 2
    err = capsys.readouterr().err
    assert 'spalten: {"Quote A": {rolle: anteil, indikator: sgb2}}' in err
    assert not (city / paths.VALUES).exists()


def test_the_same_import_twice_changes_no_byte(city, tmp_path):
    book = _book(tmp_path / "sozialdaten.xlsx", {"2022": _office_wording_sheet()}, {"2022": ["C3:D3", "E3:F3"]})
    import_workbook(book, city)
    mapping = (city / MAPPING_FILE).read_text(encoding="utf-8")
    assert '"Bev. 65 u. älter": {rolle: nenner, indikator: altersarmut}' in mapping
    before = _snapshot(city)
    again = import_workbook(book, city)
    assert _snapshot(city) == before and again.written == []
    assert all(p.source == "import.yaml" for p in again.placed)


def test_a_sheet_without_numbers_is_skipped_and_said_why(city, tmp_path):
    notes = [["Erläuterungen zur Tabelle"], ["„.“ = geheim, „-“ = nichts vorhanden"]]
    data = [["Gebiet", "Einwohner"]] + [[NAMES[q], v[0]] for q, v in DATA.items()]
    report = import_workbook(_book(tmp_path / "ew-2022.xlsx", {"Erläuterungen": notes, "2022": data}), city)
    assert ("Tabellenblatt „Erläuterungen“", "ew-2022.xlsx:Erläuterungen", "keine Zeile mit Zahlen (nur Text)") \
        in report.skipped


# -- implausible cells -----------------------------------------------------------------------------------

def test_a_share_off_by_more_than_rounding_is_a_located_problem_in_percentage_points(city, tmp_path):
    """100 · 1715 / 5474 = 31.33 %: „31,3“ agrees (rounded), „31,9“ does not (0.6 points). A check done
    in fractions (0.319 − 0.313 < 0.1) would let it pass."""
    rows = [["Quartier", "SGB II | Anzahl", "SGB II | Einwohner unter 65 Jahren", "SGB II | Anteil in %"]]
    rows += [[NAMES[q], v[1], v[2], round(100 * v[1] / v[2], 1)] for q, v in DATA.items()]
    rows[1][3] = 31.3
    good = _book(tmp_path / "gut-2022.xlsx", {"2022": rows})
    import_workbook(good, city, dry_run=True)
    rows[1][3] = 31.9
    with pytest.raises(InputError) as err:
        import_workbook(_book(tmp_path / "schlecht-2022.xlsx", {"2022": rows}), city, dry_run=True)
    problem, = err.value.problems
    assert (problem.code, problem.sheet, problem.cell) == ("import-share-mismatch", "2022", "D2")
    assert "31.33 %" in problem.message and "B2" in problem.message and "C2" in problem.message


def test_a_count_above_its_reference_is_a_located_problem(city, tmp_path):
    rows = [["Quartier", "SGB II | Anzahl", "SGB II | Bezugsgröße"]] + [[NAMES[q], v[1], v[2]] for q, v in DATA.items()]
    rows[3][1] = 6590 + 1  # Westliche Höhe
    with pytest.raises(InputError) as err:
        import_workbook(_book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}), city, dry_run=True)
    problem, = err.value.problems
    assert (problem.code, problem.cell) == ("import-numerator-exceeds", "B4")
    assert "6.591" in problem.message and "6.590" in problem.message and "C4" in problem.message


def test_a_value_far_out_of_line_with_its_neighbours_is_a_located_problem(city, tmp_path):
    """„13066“ among 1,300–1,700 in one quarter's series (a separator in the wrong place), and „17“ where the
    column and the other years hold about 1,700: both located, in the dry run too."""
    years = sorted(SERIES["altstadt"])
    rows = [["Quartier"] + [f"Anzahl {y}" for y in years] + [f"Bezugsgröße {y}" for y in years]]
    rows += [[NAMES[q]] + [SERIES[q][y][0] for y in years] + [SERIES[q][y][1] for y in years] for q in ORDER]
    rows[2][3] = 13066  # Innenstadt 2020 (1,447 and 1,493 around it), written into D3
    rows[1][5] = 17  # Altstadt 2022 (1,715)
    rows[1][10] = 17000  # … and its reference group that year, so the count check cannot be what finds it
    with pytest.raises(InputError) as err:
        import_workbook(_book(tmp_path / "sgb2.xlsx", {"SGB II": rows}), city, dry_run=True)
    found = {(p.code, p.cell) for p in err.value.problems}
    assert ("import-value-out-of-line", "D3") in found and ("import-value-out-of-line", "F2") in found
    problem = next(p for p in err.value.problems if p.cell == "D3")
    assert "13066" in problem.message and "1.416 bis 1.523" in problem.message  # its other years


def test_plausible_series_with_small_and_large_areas_are_not_flagged(city, tmp_path):
    """A tiny quarter (30 residents) among quarters of thousands is no typing error: its own years agree."""
    years = (2020, 2021, 2022)
    rows = [["Quartier"] + [f"Einwohner {y}" for y in years]]
    rows += [[NAMES[q]] + [DATA[q][0] + i for i, _ in enumerate(years)] for q in ORDER if q != "tackenberg"]
    rows.append([NAMES["tackenberg"], 30, 31, 29])
    import_workbook(_book(tmp_path / "ew.xlsx", {"Einwohner": rows}), city)
    assert _residents(city)[("tackenberg", "2021")] == "31"


def test_several_files_are_checked_together_and_nothing_is_written_on_a_problem(city, tmp_path):
    a = [["Quartier", "Anzahl", "Bezugsgröße"]] + [[NAMES[q], v[1], v[2]] for q, v in DATA.items()]
    b = [["Quartier", "Anzahl", "Bezugsgröße"]] + [[NAMES[q], v[3], v[4]] for q, v in DATA.items()]
    b[2][1] = 5000  # above its reference group
    before = _snapshot(city)
    with pytest.raises(InputError) as err:
        import_files([_book(tmp_path / "sgb2-2022.xlsx", {"T": a}), _book(tmp_path / "kinderarmut-2022.xlsx", {"T": b})],
                     city)
    problem, = err.value.problems
    assert problem.file == "kinderarmut-2022.xlsx" and problem.cell == "B3"
    assert _snapshot(city) == before
