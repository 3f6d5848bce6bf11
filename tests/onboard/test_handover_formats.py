"""A hand-over in the formats offices use, end to end: a city from the GIS's zipped shapefile, then the
statistics office's table as LibreOffice saves it (.xls, .ods, .xlsx) — the values written must be
the demonstration data the files were made from (tests/fixtures/formats/README.md)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator import paths
from generator.onboard.importer import import_workbook
from generator.onboard.init import init_city

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
OBERHAUSEN = paths.city_dir("oberhausen")


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def empty_city(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formats")
    return init_city("neustadt", FORMATS / "areas" / "sozialquartiere-shp.zip", data_dir=tmp, id_field="SQ_NR",
                     name_field="SQ_NAME", district_field="STADTBEZIR", edition=2022).directory


@pytest.mark.parametrize("name", ["sozialdaten-excel97.xls", "sozialdaten.ods", "sozialdaten-libreoffice.xlsx"])
def test_an_office_table_in_each_workbook_format_imports_exactly(empty_city, tmp_path, name):
    city = tmp_path / "neustadt"
    shutil.copytree(empty_city, city)
    report = import_workbook(FORMATS / "workbooks" / name, city)
    assert report.written[:2] == [paths.VALUES, paths.RESIDENTS]
    ours = {q["quartier_id"]: q["name"] for q in _rows(city / paths.QUARTERS)}
    theirs = {q["quartier_id"]: q["name"] for q in _rows(OBERHAUSEN / paths.QUARTERS)}
    expected = {(theirs[r["quartier_id"]], r["indikator_id"]): (int(r["zaehler"]), int(r["nenner"]))
                for r in _rows(OBERHAUSEN / paths.VALUES)
                if r["jahr"] == "2022" and r["indikator_id"] in ("sgb2", "kinderarmut")}
    got = {(ours[r["quartier_id"]], r["indikator_id"]): (int(r["zaehler"]), int(r["nenner"]))
           for r in _rows(city / paths.VALUES) if r["jahr"] == "2022"}
    assert got == expected
    people = {theirs[r["quartier_id"]]: int(r["einwohner"]) for r in _rows(OBERHAUSEN / paths.RESIDENTS)
              if r["jahr"] == "2022"}
    assert {ours[r["quartier_id"]]: int(r["einwohner"]) for r in _rows(city / paths.RESIDENTS)} == people
