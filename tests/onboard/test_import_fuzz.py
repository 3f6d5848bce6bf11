"""No hand-over crashes `import` or `init`: whatever the file holds, the answer is a result or located problems —
and a result is right: every value written is a value of the fuzzed table, in a row that names its area.

Formats: XLSX (openpyxl), CSV in the encodings and dialects offices save (Python's csv and codecs),
ODS and XLS written by LibreOffice (committed fixtures, mutated here), and the area files of `init`
(zipped shapefile, GeoPackage; mutated fixtures written by GDAL).
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import paths
from generator.errors import InputError
from generator.onboard.importer import import_workbook
from generator.onboard.init import init_city

from .test_init import _projected

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
NAMES = ["Innenstadt", "Styrum", "01", "2", "Stadt insgesamt", "Alt-Oberhausen", "Marienviertel West", "", "Atlantis"]
HEADERS = ["Einwohner", "SGB II | Anzahl", "SGB II | Anteil in %", "Kinderarmut 2022", "Jahr", "Altersarmut | Einwohner ab 65 Jahren",
           "x", "", "Veränderung 2019-2022", "Nichtdeutsche | Einwohner insgesamt"]
MARKS = {".": "geheim", "x": "geheim", "-": "fehlt", "…": "fehlt", "k.A.": "fehlt"}
CELL = st.one_of(st.sampled_from(NAMES + HEADERS + list(MARKS) + ["1.234,5", "12,5 %", "-3", "1e308", "=1+1", "\x07",
                                                                 "1.3066", "857°", "6.534"]),
                 st.integers(-10, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.none(),
                 st.text(max_size=8))
RANDOM_GRID = st.lists(st.lists(CELL, min_size=1, max_size=7), min_size=1, max_size=12)
# tables shaped like an office's, so that many examples import and the written values are checked
AREA = st.sampled_from(["Innenstadt", "Styrum", "Styrum3", "innenstadt4", "01", "2", "05", "Stadt insgesamt", "Atlantis"])
HEAD = st.sampled_from(["Einwohner", "Einwohner insgesamt", "SGB II | Anzahl", "Leistungsberechtigte nach SGB II",
                        "Kinderarmut | Anzahl", "Einwohner unter 15 Jahren", "Anteil in %", "Bemerkung", "Jahr"])
VALUE = st.one_of(st.integers(0, 50000), st.integers(0, 50000), st.integers(0, 50000), st.none(),
                  st.sampled_from([*MARKS, "1.234", "12.345", "12,5 %", "1.3066", "857°", "2022", "-3"]))
SHAPED = st.integers(1, 4).flatmap(lambda w: st.tuples(
    st.lists(HEAD, min_size=w, max_size=w),
    st.lists(st.tuples(AREA, st.lists(VALUE, min_size=w, max_size=w)), min_size=1, max_size=10))).map(
    lambda t: [["Gebiet", *t[0]]] + [[a, *values] for a, values in t[1]])
GRID = st.one_of(RANDOM_GRID, SHAPED)
# (encoding, delimiter, decimal mark) as offices save CSV
DIALECTS = [("utf-8", ",", "."), ("utf-8-sig", ";", ","), ("cp1252", ";", ","), ("utf-16", "\t", ","), ("utf-8", "|", ".")]
SETTINGS = dict(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    src = _projected(tmp, "25832", props=lambda n, f: {"NR": f"{n:02d}", "NAME": ["Innenstadt", "Styrum"][n % 2] + str(n)
                                                       if n > 2 else ["Innenstadt", "Styrum"][n - 1]})
    return init_city("fuzzstadt", src, data_dir=tmp / "data", id_field="NR", name_field="NAME").directory


# --- the oracle: what a reader of the table sees, independently of the importer ----------------------

def _number(value) -> float | None:
    """A cell's number as a person reads it (German text, English text, typed numbers); None for text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    t = str(value).strip().replace("\u2212", "-")
    t = re.sub(r"\s*%$", "", t)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+,\d+", t):
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?\d+(\.\d+)?([eE][+-]?\d+)?", t):
        try:
            x = float(t)
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def _names_area(value, quarter: dict) -> bool:
    t = str(value if value is not None else "").strip()
    if not t:
        return False
    if t.casefold() in (quarter["name"].casefold(), quarter["kennung"].casefold(), quarter["quartier_id"].casefold()):
        return True
    return t.isdigit() and quarter["kennung"].isdigit() and int(t) == int(quarter["kennung"])


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def assert_written_values_are_in_the_table(city_dir: Path, grid: list[list], before: dict[str, list]) -> None:
    quarters = {q["quartier_id"]: q for q in _rows(city_dir / paths.QUARTERS)}
    for name, columns in ((paths.VALUES, ("zaehler", "nenner", "anteil")), (paths.RESIDENTS, ("einwohner",))):
        new = [r for r in _rows(city_dir / name) if r not in before[name]]
        for r in new:
            q = quarters[r["quartier_id"]]
            rows = [row for row in grid if any(_names_area(v, q) for v in row)]
            assert rows, f"{name}: a row for {q['name']} was written, but no row of the table names it: {r}"

            def found(row, text, column):
                if column == "angabe":
                    return any(MARKS.get(str(v).strip()) == text for v in row if v is not None)
                x = float(text)
                return any(n is not None and math.isclose(n, x, rel_tol=1e-6, abs_tol=1e-6)
                           for n in map(_number, row))

            wanted = [(c, r[c]) for c in (*columns, "angabe") if r.get(c)]
            assert any(all(found(row, v, c) for c, v in wanted) for row in rows), \
                f"{name}: {r} is not in any table row naming {q['name']}"


def _write_xlsx(grid, sheet: str, path: Path) -> list[list]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    seen = []
    for r, row in enumerate(grid, start=1):
        kept = []
        for c, v in enumerate(row, start=1):
            try:
                ws.cell(r, c, v)
                kept.append(v)
            except Exception:  # openpyxl refuses some values itself (control characters, odd types)
                ws.cell(r, c, "?")
                kept.append("?")
        seen.append(kept)
    wb.save(path)
    return seen


def _write_csv(grid, dialect, path: Path) -> list[list]:
    """The grid as an office's CSV; returns what a reader of the file sees in each cell."""
    encoding, delimiter, decimal = dialect
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    seen = []
    for row in grid:
        cells, shown = [], []
        for v in row:
            if isinstance(v, float) and math.isfinite(v):
                text = repr(v)  # Python's shortest repr, then the office's decimal mark
                shown.append(float(text))
                text = text.replace(".", ",") if decimal == "," else text
            elif isinstance(v, int) and not isinstance(v, bool):
                text = str(v)
                shown.append(v)
            else:
                text = "" if v is None else str(v).replace("\r", " ").replace("\n", " ")
                text = text.encode(encoding, "replace").decode(encoding)
                shown.append(text)
            cells.append(text)
        seen.append(shown)
        w.writerow(cells)
    path.write_bytes(out.getvalue().encode(encoding, "replace"))
    return seen


def _import(book: Path, city_dir: Path, tmp: Path, grid: list[list]) -> None:
    work = tmp / "city"
    shutil.copytree(city_dir, work)
    before = {n: _rows(work / n) for n in (paths.VALUES, paths.RESIDENTS)}
    try:
        import_workbook(book, work)
    except InputError as exc:
        assert exc.problems and all(p.message and p.code for p in exc.problems)
        assert {n: _rows(work / n) for n in before} == before  # refused: nothing written
        return
    assert_written_values_are_in_the_table(work, grid, before)


@settings(**SETTINGS)
@given(grid=GRID, sheet=st.sampled_from(["2022", "Tabelle1", "Stand 2019 und 2022"]))
def test_any_grid_gives_a_result_or_located_problems(city, tmp_path_factory, grid, sheet):
    tmp = tmp_path_factory.mktemp("book")
    seen = _write_xlsx(grid, sheet, tmp / "mappe.xlsx")
    _import(tmp / "mappe.xlsx", city, tmp, seen)


@settings(**SETTINGS)
@given(grid=GRID, dialect=st.sampled_from(DIALECTS))
def test_any_csv_in_any_encoding_gives_a_result_or_located_problems(city, tmp_path_factory, grid, dialect):
    tmp = tmp_path_factory.mktemp("csv")
    book = tmp / "werte 2022.csv"
    seen = _write_csv(grid, dialect, book)
    _import(book, city, tmp, seen)


# --- LibreOffice's ODS and XLS, mutated ------------------------------------------------------------

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


@pytest.fixture(scope="module")
def shp_city(tmp_path_factory):
    return init_city("neustadt", FORMATS / "areas" / "sozialquartiere-shp.zip", data_dir=tmp_path_factory.mktemp("shp"),
                     id_field="SQ_NR", name_field="SQ_NAME", edition=2022).directory


def _ods_cells(root):
    """(row, cell element) of every cell written out (LibreOffice repeats only empty cells)."""
    for r, row in enumerate(root.iter(f"{TABLE}table-row")):
        for cell in row:
            yield r, cell


def _ods_grid(root) -> list[list]:
    grid: dict[int, list] = {}
    for r, cell in _ods_cells(root):
        kind = cell.get(f"{OFFICE}value-type")
        p = cell.find(f"{TEXT}p")
        value = (float(cell.get(f"{OFFICE}value")) * (100 if kind == "percentage" else 1)
                 if kind in ("float", "percentage") else (p.text if p is not None else None))
        grid.setdefault(r, []).append(value)
    return [grid[r] for r in sorted(grid)]


@settings(**{**SETTINGS, "max_examples": max(EXAMPLES // 2, 10)})
@given(changes=st.lists(st.tuples(st.integers(0, 400), st.one_of(
    st.integers(0, 10**6), st.sampled_from([".", "-", "k.A.", "1.3066", "857°", "12,5 %", "", "Atlantis", "Styrum"]))),
    min_size=1, max_size=6))
def test_a_mutated_libreoffice_ods_gives_its_own_values_or_located_problems(shp_city, tmp_path_factory, changes):
    tmp = tmp_path_factory.mktemp("ods")
    src = FORMATS / "workbooks" / "sozialdaten.ods"
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    ET.register_namespace("table", TABLE[1:-1])
    ET.register_namespace("office", OFFICE[1:-1])
    ET.register_namespace("text", TEXT[1:-1])
    root = ET.fromstring(parts["content.xml"])
    cells = [c for _, c in _ods_cells(root) if c.tag == f"{TABLE}table-cell"]
    for index, value in changes:
        cell = cells[index % len(cells)]
        for key in [k for k in cell.attrib if k.startswith(OFFICE)]:
            del cell.attrib[key]
        for child in list(cell):
            cell.remove(child)
        if isinstance(value, int):
            cell.set(f"{OFFICE}value-type", "float")
            cell.set(f"{OFFICE}value", str(value))
        elif value:
            cell.set(f"{OFFICE}value-type", "string")
            ET.SubElement(cell, f"{TEXT}p").text = value
    parts["content.xml"] = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
    book = tmp / "sozialdaten.ods"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))  # stored first, as ODF requires
        for name, data in parts.items():
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
    _import(book, shp_city, tmp, _ods_grid(root))


@settings(**{**SETTINGS, "max_examples": max(EXAMPLES // 2, 10)})
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.integers(0, 10**5)))
def test_a_damaged_libreoffice_xls_gives_a_result_or_located_problems(shp_city, tmp_path_factory, flips, cut):
    tmp = tmp_path_factory.mktemp("xls")
    data = bytearray((FORMATS / "workbooks" / "sozialdaten-excel97.xls").read_bytes())
    for at, byte in flips:
        data[512 + at % (len(data) - 512)] = byte  # the header stays, so it is still taken for a workbook
    book = tmp / "sozialdaten.xls"
    book.write_bytes(bytes(data[: cut if cut is not None else len(data)]))
    work = tmp / "city"
    shutil.copytree(shp_city, work)
    try:
        report = import_workbook(book, work)
    except InputError as exc:
        assert exc.problems and all(p.message and p.code for p in exc.problems)
        return
    # a flipped byte may change a number but never invent an area, a year or a quarter's row twice
    values = _rows(work / paths.VALUES)
    assert len({(r["quartier_id"], r["indikator_id"], r["jahr"]) for r in values}) == len(values) == report.values.added
    assert {r["jahr"] for r in values} <= {"2022"}


# --- the area files of `init`, mutated --------------------------------------------------------------

@settings(**{**SETTINGS, "max_examples": max(EXAMPLES // 2, 10)})
@given(source=st.sampled_from(["sozialquartiere-shp.zip", "gebiete.gpkg"]),
       mutation=st.sampled_from(["flip", "truncate", "drop-member", "rename-member", "empty"]),
       at=st.integers(0, 10**6), byte=st.integers(0, 255))
def test_a_damaged_area_file_gives_a_city_or_located_problems(tmp_path_factory, source, mutation, at, byte):
    tmp = tmp_path_factory.mktemp("areas")
    data = bytearray((FORMATS / "areas" / source).read_bytes())
    path = tmp / source
    if mutation == "flip":
        for i in range(4):
            data[(at + 997 * i) % len(data)] = (byte + i) % 256
        path.write_bytes(bytes(data))
    elif mutation == "truncate":
        path.write_bytes(bytes(data[: at % len(data)]))
    elif mutation == "empty":
        path.write_bytes(b"")
    else:
        if source.endswith(".gpkg"):
            path.write_bytes(bytes(data[: len(data) // 2]))
        else:
            with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
                members = [n for n in z.namelist() if not n.endswith("/")]
                victim = members[at % len(members)]
                with zipfile.ZipFile(path, "w") as out:
                    for n in members:
                        if n == victim and mutation == "drop-member":
                            continue
                        out.writestr(n.replace(".", "_x.", 1) if n == victim else n, z.read(n))
    layer = "sozialquartiere" if source.endswith(".gpkg") else None
    try:
        report = init_city("neustadt", path, data_dir=tmp / "data", layer=layer)
    except InputError as exc:
        assert exc.problems and all(p.message and p.code for p in exc.problems)
        assert not (tmp / "data" / "neustadt").exists()  # refused: no half-made city
        return
    rows = _rows(report.directory / paths.QUARTERS)
    assert len(rows) == report.areas and len({r["quartier_id"] for r in rows}) == len(rows)
    assert all(r["name"] and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", r["quartier_id"]) for r in rows)
