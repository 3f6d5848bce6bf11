"""Plain tables an office could hand over, in every spelling of their areas, import exactly: every value of
the table and no other (the mapping side of the import fuzz; `test_import_fuzz.py` fuzzes the formats)."""

from __future__ import annotations

import csv
import io
import os

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.onboard.importer import import_workbook

from .test_init import _projected


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from generator.onboard.init import init_city

    tmp = tmp_path_factory.mktemp("fuzz")
    src = _projected(tmp, "25832", props=lambda n, f: {"NR": f"{n:02d}", "NAME": ["Innenstadt", "Styrum"][n % 2] + str(n)
                                                       if n > 2 else ["Innenstadt", "Styrum"][n - 1]})
    return init_city("fuzzstadt", src, data_dir=tmp / "data", id_field="NR", name_field="NAME").directory


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
