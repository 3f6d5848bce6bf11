"""`sozialbericht import`: an office's workbook → werte.csv / einwohner.csv, checked against the embedded data.

The workbook is made from the demonstration data by generator.datasets.office_workbook (title rows,
merged two-row header, German number text, Excel percentages, spelling variants, a city total,
secret and missing cells, footnotes), so every number it holds is known.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest

from generator import paths
from generator.cli import main
from generator.datasets.office_workbook import MARKED, write_areas, write_workbook
from generator.errors import InputError
from generator.index.edition import compute_all
from generator.inputs.validate import validate_city
from generator.onboard.importer import MAPPING_FILE, import_workbook
from generator.onboard.init import init_city

OBERHAUSEN = paths.city_dir("oberhausen")
INDEX_COLUMNS = ["gueltig", "statussumme", "statusindex", "statusklasse", "dynamiksumme", "dynamikindex",
                 "dynamikklasse", "gesamtcode", "fokus"]


def _snapshot(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def office(tmp_path):
    """An empty city made by init from an EPSG:25832 file, and the office's workbook."""
    inbox = tmp_path / "eingang"
    book = write_workbook(OBERHAUSEN, inbox, range(2012, 2023))
    areas = write_areas(OBERHAUSEN, inbox)
    report = init_city("neustadt", areas, data_dir=tmp_path / "data", id_field="SQ_NR", name_field="SQ_NAME",
                       district_field="STADTBEZIRK", edition=2022)
    # The office sets up its editions as Oberhausen's (the windows are a decision, not data).
    for f in (report.directory / paths.EDITIONS).glob("*.yaml"):
        f.unlink()
    for f in (OBERHAUSEN / paths.EDITIONS).glob("*.yaml"):
        shutil.copy(f, report.directory / paths.EDITIONS / f.name)
    return report.directory, book


def _by_name(data, results) -> dict[int, pd.DataFrame]:
    out = {}
    for year, r in results.items():
        frame = r.result[INDEX_COLUMNS].copy()
        frame.index = [data.quarters.loc[q, "name"] for q in frame.index]
        out[year] = frame.sort_index()
    return out


def test_init_and_import_give_the_indices_of_the_embedded_data(office, tmp_path):
    city, book = office
    import_workbook(book, city)
    mine = validate_city(city)
    embedded = validate_city(OBERHAUSEN)
    got, want = _by_name(mine, compute_all(mine)), _by_name(embedded, compute_all(embedded))
    assert sorted(got) == [2017, 2020, 2022]
    for year in got:
        pd.testing.assert_frame_equal(got[year], want[year], check_exact=True)


def test_the_built_site_publishes_those_indices(office, tmp_path):
    from generator.build import build

    city, book = office
    import_workbook(book, city)
    site = tmp_path / "site"
    build("neustadt", site, data_dir=city.parent, docs_dir=None)
    embedded = validate_city(OBERHAUSEN)
    want = _by_name(embedded, compute_all(embedded))
    for year, frame in want.items():
        published = pd.read_csv(site / paths.DATA_URL / str(year) / "indizes.csv", dtype={"quartier_id": str})
        names = pd.read_csv(site / paths.DATA_URL / str(year) / "quartiere.csv", dtype={"quartier_id": str})
        published.index = published["quartier_id"].map(dict(zip(names["quartier_id"], names["name"])))
        published = published.sort_index()
        assert list(published.index) == list(frame.index)
        assert (published["statusklasse"].fillna(0).astype(int) == frame["statusklasse"].fillna(0).astype(int)).all()
        assert (published["gesamtcode"].fillna(0).astype(int) == frame["gesamtcode"].fillna(0).astype(int)).all()
        assert np.allclose(published["statusindex"], frame["statusindex"].astype(float), atol=5e-4, equal_nan=True)


def test_importing_the_same_workbook_twice_changes_no_byte(office):
    city, book = office
    first = import_workbook(book, city)
    assert first.values.added == 7 * 27 * 11 and first.residents.added == 27 * 11
    before = _snapshot(city)
    again = import_workbook(book, city)
    assert _snapshot(city) == before
    assert again.written == [] and again.values.unchanged == 7 * 27 * 11 and not again.values.changed


def test_the_saved_mapping_imports_a_new_years_sheet_in_one_command(office, tmp_path, capsys):
    city, _ = office
    # The office's header for residents is one the import does not know: the report says it left the column
    # (the residents come from the equal reference group „Einwohner insgesamt“) and names the line …
    header = "Köpfe laut Register"
    old = write_workbook(OBERHAUSEN, tmp_path / "alt", range(2012, 2022), residents_header=header)
    assert main(["import", str(old), "--city", "neustadt", "--data-dir", str(city.parent), "--dry-run"]) == 0
    out = capsys.readouterr().out
    line, = set(re.findall(r"spalten: \{.*?\}\}", out[out.index("Nicht übernommen:"):]))
    assert line == f'spalten: {{"{header}": {{rolle: ignorieren}}}}'
    # … the office gives the column its role in that line, and the import saves the whole mapping.
    (city / MAPPING_FILE).write_text(line.replace("ignorieren", "einwohner") + "\n", encoding="utf-8")
    assert main(["import", str(old), "--city", "neustadt", "--data-dir", str(city.parent)]) == 0
    assert f'„{header}“ → Einwohner  [import.yaml;' in capsys.readouterr().out
    assert (city / MAPPING_FILE).read_text(encoding="utf-8").count(header) == 1
    # Next year: a workbook with only the new sheet, imported with one command.
    new = write_workbook(OBERHAUSEN, tmp_path / "neu", range(2022, 2023), residents_header=header)
    assert main(["import", str(new), "--city", "neustadt", "--data-dir", str(city.parent)]) == 0
    out = capsys.readouterr().out
    assert "[import.yaml;" in out and "Prüfung: alles in Ordnung" in out
    def people(data):
        return {(data.quarters.loc[q, "name"], int(y)): int(n)
                for q, y, n in data.residents[["quartier_id", "jahr", "einwohner"]].itertuples(index=False)}

    assert people(validate_city(city)) == people(validate_city(OBERHAUSEN))


def test_markers_are_recorded_never_as_zero(office):
    city, book = office
    report = import_workbook(book, city)
    rows = list(csv.DictReader(io.StringIO((city / paths.VALUES).read_text(encoding="utf-8"))))
    names = {r["quartier_id"]: r["name"] for r in csv.DictReader(io.StringIO((city / paths.QUARTERS).read_text(encoding="utf-8")))}
    embedded_names = {r["quartier_id"]: r["name"] for r in csv.DictReader(io.StringIO((OBERHAUSEN / paths.QUARTERS).read_text(encoding="utf-8")))}
    marked = {(names[r["quartier_id"]], r["indikator_id"], int(r["jahr"])): r for r in rows if r["angabe"]}
    expected = {(embedded_names[q], k, y): ("geheim" if m == "." else "fehlt") for y, q, k, m in MARKED}
    assert {k: r["angabe"] for k, r in marked.items()} == expected
    assert all(r["zaehler"] == r["nenner"] == "" for r in marked.values())
    assert report.markers == {"geheim": 4, "fehlt": 2}  # count and share cell of each


def test_dry_run_changes_nothing_and_says_what_would_change(office, capsys):
    city, book = office
    before = _snapshot(city)
    assert main(["import", str(book), "--city", "neustadt", "--data-dir", str(city.parent), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert _snapshot(city) == before
    assert "werte.csv: 2079 Zeilen neu" in out and "Probelauf: nichts geschrieben" in out


def test_a_changed_value_is_reported_with_old_and_new(office, tmp_path):
    city, book = office
    import_workbook(book, city)
    wb = openpyxl.load_workbook(book)
    ws = wb["2022"]
    ws["D6"] = ws["D6"].value + 5  # SGB II count of the first quarter
    ws["F6"] = None  # its share goes, so the changed count does not contradict it
    changed = tmp_path / "korrigiert.xlsx"
    wb.save(changed)
    report = import_workbook(changed, city)
    assert len(report.values.changed) == 1
    (key, column, old, new), = report.values.changed
    assert key == ("01", "sgb2", "2022") and column == "zaehler" and int(new) == int(old) + 5


# -- bad workbooks: every problem at once, with sheet and cell; exit 2; nothing written ---------------

def _broken(tmp_path, book):
    wb = openpyxl.load_workbook(book)
    ws = wb["2022"]
    ws["D7"] = "zwölf"  # text where a count belongs
    ws["A8"] = "Marienviertl Ost"  # misspelt beyond recognition
    ws["G9"] = -4  # a negative count
    ws["F10"] = 99.9  # a share that contradicts its counts
    path = tmp_path / "kaputt.xlsx"
    wb.save(path)
    return path


def test_bad_workbook_reports_every_problem_with_sheet_and_cell(office, tmp_path):
    city, book = office
    with pytest.raises(InputError) as err:
        import_workbook(_broken(tmp_path, book), city)
    found = {(p.code, p.sheet, p.cell) for p in err.value.problems}
    assert found == {("import-cell-text", "2022", "D7"), ("import-area-unknown", "2022", "A8"),
                     ("import-count-invalid", "2022", "G9"), ("import-share-mismatch", "2022", "F10")}
    unknown = next(p for p in err.value.problems if p.code == "import-area-unknown")
    assert "Marienviertel-Ost" in unknown.hint  # the nearest name as a suggestion
    assert "Tabelle „2022“, Zelle D7" in next(p for p in err.value.problems if p.code == "import-cell-text").format()


def test_bad_workbook_exits_2_and_writes_nothing(office, tmp_path, capsys):
    city, book = office
    before = _snapshot(city)
    assert main(["import", str(_broken(tmp_path, book)), "--city", "neustadt", "--data-dir", str(city.parent)]) == 2
    assert _snapshot(city) == before
    assert "Zelle A8" in capsys.readouterr().err


def test_a_workbook_without_any_known_area_says_how_areas_must_be_named(office, tmp_path):
    city, _ = office
    wb = openpyxl.Workbook()
    wb.active.append(["Gebiet", "Einwohner"])
    wb.active.append(["Atlantis", 100])
    path = tmp_path / "fremd.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as err:
        import_workbook(path, city)
    assert err.value.codes == ["import-no-table"]


# -- other shapes offices use -------------------------------------------------------------------------

def test_german_csv_with_a_year_column_and_ready_shares(office, tmp_path):
    city, _ = office
    quarters = list(csv.DictReader(io.StringIO((city / paths.QUARTERS).read_text(encoding="utf-8"))))
    lines = ["Kinderarmut nach Quartieren;;", "", "Quartier;Jahr;Kinderarmut Anteil in %;Einwohner"]
    for n, q in enumerate(quarters):
        for year in (2021, 2022):
            share, people = f"{10 + n / 10:.1f}".replace(".", ","), f"{1000 + n:,}".replace(",", ".")
            lines.append(f"{q['kennung']};{year};{share};{people}")
    lines += ["", "Quelle: Jugendamt"]
    path = tmp_path / "kinderarmut.csv"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    report = import_workbook(path, city)
    rows = list(csv.DictReader(io.StringIO((city / paths.VALUES).read_text(encoding="utf-8"))))
    assert report.values.added == 2 * len(quarters)
    first = next(r for r in rows if r["quartier_id"] == quarters[1]["quartier_id"] and r["jahr"] == "2022")
    assert first["anteil"] == "10.1" and "zaehler" not in first and first["indikator_id"] == "kinderarmut"
    people = list(csv.DictReader(io.StringIO((city / paths.RESIDENTS).read_text(encoding="utf-8"))))
    assert {r["einwohner"] for r in people if r["quartier_id"] == quarters[1]["quartier_id"]} == {"1001"}


def test_excel_percentages_are_read_as_percent(office):
    city, book = office
    import_workbook(book, city)  # the 2019 sheet formats shares as Excel percentages; counts must agree
    rows = [r for r in csv.DictReader(io.StringIO((city / paths.VALUES).read_text(encoding="utf-8")))
            if r["jahr"] == "2019"]
    assert len(rows) == 7 * 27 and all(r["zaehler"] for r in rows)


def test_a_share_column_marked_percent_and_a_share_too_big_is_refused(office, tmp_path):
    city, book = office
    wb = openpyxl.load_workbook(book)
    ws = wb["2019"]
    ws["F6"].number_format = "0.0"  # 0.153 now reads as 0.153 %, not 15.3 %: contradicts the counts
    path = tmp_path / "format.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as err:
        import_workbook(path, city)
    assert [(p.code, p.cell) for p in err.value.problems] == [("import-share-mismatch", "F6")]


@pytest.mark.parametrize("marker,angabe", [(".", "geheim"), ("x", "geheim"), ("-", "fehlt"), ("…", "fehlt"),
                                           ("k.A.", "fehlt")])
def test_every_marker_is_understood(office, tmp_path, marker, angabe):
    city, book = office
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets[1:]:
        if ws.title != "2022":
            wb.remove(ws)
    wb["2022"]["D6"] = marker
    path = tmp_path / "zeichen.xlsx"
    wb.save(path)
    import_workbook(path, city)
    row = next(r for r in csv.DictReader(io.StringIO((city / paths.VALUES).read_text(encoding="utf-8")))
               if (r["quartier_id"], r["indikator_id"], r["jahr"]) == ("01", "sgb2", "2022"))
    assert row["angabe"] == angabe and row["zaehler"] == "" and row["nenner"] == ""


def test_a_marked_value_leaves_the_quarter_unclassified_not_zero(office):
    city, book = office
    wb = openpyxl.load_workbook(book)
    wb["2022"]["D6"] = "."
    wb.save(book)
    import_workbook(book, city)
    data = validate_city(city)
    result = compute_all(data)[2022].result
    assert not result.loc["01", "gueltig"] and result.loc["01", "ungueltig_grund"] == "Indikatorwert fehlt"


def test_a_mapping_with_an_unknown_role_is_a_located_problem(office, tmp_path):
    city, book = office
    bad = tmp_path / "import.yaml"
    bad.write_text('version: 1\nspalten:\n  "Einwohner insgesamt": {rolle: bewohner}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_workbook(book, city, mapping_path=bad)
    problem = err.value.problems[0]
    assert problem.code == "config-value" and problem.row == 3 and "zaehler" in problem.hint


def test_import_needs_an_initialised_city(tmp_path):
    with pytest.raises(InputError) as err:
        import_workbook(tmp_path / "x.xlsx", tmp_path / "nirgends")
    assert err.value.codes == ["import-city-missing"]


def test_unreadable_workbook_is_a_problem_not_a_traceback(office, tmp_path):
    city, _ = office
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as err:
        import_workbook(path, city)
    assert err.value.codes == ["workbook-unreadable"]
