"""No workbook crashes the import: whatever the grid holds, the answer is a result or located problems."""

from __future__ import annotations

import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError
from generator.onboard.importer import import_workbook

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
        import_workbook(path, city, dry_run=True)
    except InputError as exc:
        assert exc.problems and all(p.message and p.code for p in exc.problems)
