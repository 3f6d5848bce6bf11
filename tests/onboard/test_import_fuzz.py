"""No workbook crashes the import: whatever the grid holds, the answer is a result or located problems."""

from __future__ import annotations

import csv
import io
import math
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.onboard.importer import import_workbook
from generator.onboard.workbook import german_number

from .test_init import _projected

NAMES = ["Innenstadt", "Styrum", "01", "2", "Stadt insgesamt", "Alt-Oberhausen", "Marienviertel West", "", "Atlantis"]
HEADERS = ["Einwohner", "SGB II | Anzahl", "SGB II | Anteil in %", "Kinderarmut 2022", "Jahr", "Altersarmut | Einwohner ab 65 Jahren",
           "x", "", "Veränderung 2019-2022", "Nichtdeutsche | Einwohner insgesamt"]
CELL = st.one_of(st.sampled_from(NAMES + HEADERS + [".", "-", "x", "…", "k.A.", "1.234,5", "12,5 %", "-3", "1e308",
                                                    "=1+1", "\x07"]),
                 st.integers(-10, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.none(),
                 st.text(max_size=8))
GRID = st.lists(st.lists(CELL, min_size=1, max_size=7), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from generator.onboard.init import init_city

    tmp = tmp_path_factory.mktemp("fuzz")
    src = _projected(tmp, "25832", props=lambda n, f: {"NR": f"{n:02d}", "NAME": ["Innenstadt", "Styrum"][n % 2] + str(n)
                                                       if n > 2 else ["Innenstadt", "Styrum"][n - 1]})
    return init_city("fuzzstadt", src, data_dir=tmp / "data", id_field="NR", name_field="NAME").directory


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(grid=GRID, sheet=st.sampled_from(["2022", "Tabelle1", "Stand 2019 und 2022"]))
def test_any_grid_gives_a_result_or_located_problems(city, tmp_path_factory, grid, sheet):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(grid, start=1):
        for c, v in enumerate(row, start=1):
            try:
                ws.cell(r, c, v)
            except Exception:  # openpyxl refuses some values itself (control characters, odd types)
                ws.cell(r, c, "?")
    path = tmp_path_factory.mktemp("book") / "mappe.xlsx"
    wb.save(path)
    try:
        report = import_workbook(path, city, dry_run=True)
    except InputError as exc:
        assert exc.problems and all(p.message and p.code for p in exc.problems)
        return
    # A result is never empty (importing nothing is a problem), every number in it stands in the grid (a share
    # perhaps as a fraction), and the summary counts exactly the rows it would write.
    rows = [r for m in (report.values, report.residents) for r in csv.DictReader(io.StringIO(m.text))]
    assert rows and sum(report.counts.values()) == len(rows)
    shown = {float(c.value) for row in wb.active.iter_rows() for c in row
             if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and math.isfinite(c.value)}
    shown |= {german_number(str(c.value)) for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)}
    for r in rows:
        for column in ("zaehler", "nenner", "einwohner", "anteil"):
            if r.get(column):
                v = float(r[column])
                assert any(x is not None and (math.isclose(x, v, abs_tol=1e-6) or math.isclose(100 * x, v, abs_tol=1e-6))
                           for x in shown), (column, v)


@st.composite
def _residents_table(draw):
    """A small table an office could hand over: title, header, areas in any of their spellings, residents,
    perhaps a city total and a footnote; and the residents it holds, by area number."""
    numbers = draw(st.lists(st.integers(1, 27), min_size=1, max_size=8, unique=True))
    people = draw(st.lists(st.integers(0, 60_000), min_size=len(numbers), max_size=len(numbers)))
    rows = []
    if draw(st.booleans()):
        rows += [[draw(st.sampled_from(["Einwohner nach Quartieren", "Tabelle 3.1", "Bevölkerung am 31.12."]))], []]
    header = draw(st.sampled_from(["Einwohner", "Einwohner insgesamt", "EW insg.", "Bevölkerung insgesamt",
                                   "Einwohnerinnen und Einwohner"]))
    rows.append([draw(st.sampled_from(["Gebiet", "Quartier", None])), header])
    for n, p in zip(numbers, people):
        name = "Innenstadt" if n == 1 else "Styrum" if n == 2 else ["Innenstadt", "Styrum"][n % 2] + str(n)
        spelled = draw(st.sampled_from([name, name.upper(), f"{n:02d} {name}", f"{name} (Bezirk)", n, f"{n:02d}"]))
        rows.append([spelled, p])
    if draw(st.booleans()):
        rows.append(["Stadt insgesamt", sum(people)])
    if draw(st.booleans()):
        rows += [[], ["Quelle: Einwohnermelderegister"]]
    return rows, {f"{n:02d}": p for n, p in zip(numbers, people)}


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=_residents_table())
def test_any_plain_residents_table_imports_exactly(city, tmp_path_factory, case):
    """Whatever the spelling of the areas, titles, totals and footnotes: every value of the table, no more."""
    grid, expected = case
    wb = openpyxl.Workbook()
    wb.active.title = "2022"
    for row in grid:
        wb.active.append(row)
    path = tmp_path_factory.mktemp("book") / "einwohner.xlsx"
    wb.save(path)
    report = import_workbook(path, city, dry_run=True)
    got = {r["quartier_id"]: int(r["einwohner"]) for r in csv.DictReader(io.StringIO(report.residents.text))
           if r["jahr"] == "2022"}
    assert got == expected
