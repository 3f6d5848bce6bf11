"""`sozialbericht init` from the area files a GIS hands over: zipped shapefiles, a .shp with its siblings,
GeoPackages — written by GDAL (tests/fixtures/formats/README.md), compared with the demonstration
quarters they were made from (data/oberhausen)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from shapely.geometry import shape

from generator import paths
from generator.cli import main
from generator.errors import InputError
from generator.inputs.validate import validate_city
from generator.onboard.init import init_city

AREAS = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "areas"
OBERHAUSEN = paths.city_dir("oberhausen")


def _source() -> dict[str, tuple[str, object]]:
    """name → (code SQ_NR, centroid) of the demonstration quarters."""
    with open(OBERHAUSEN / paths.QUARTERS, encoding="utf-8") as f:
        quarters = list(csv.DictReader(f))
    order = [q["quartier_id"] for q in quarters]
    geo = json.loads((OBERHAUSEN / paths.GEOMETRY).read_text(encoding="utf-8"))["features"]
    centroid = {f["properties"]["quartier_id"]: shape(f["geometry"]).centroid for f in geo}
    return {q["name"]: (f"{order.index(q['quartier_id']) + 1:02d}", centroid[q["quartier_id"]]) for q in quarters}


SOURCE = _source()
# GDAL wrote the Gauß-Krüger file with one DHDN→ETRS89 datum shift, pyproj reads it back with another;
# they differ by about 1.5 m here (the datum shift itself is uncertain by metres without the BeTA2007 grid).
DHDN = 3.0


def _check_city(directory: Path, codes: bool = True, metres: float = 1.5) -> None:
    """Every quarter with its name (umlauts right), its code, and its place within ``metres``."""
    with open(directory / paths.QUARTERS, encoding="utf-8") as f:
        rows = {r["quartier_id"]: r for r in csv.DictReader(f)}
    names = {r["name"] for r in rows.values()}
    assert names == set(SOURCE), names ^ set(SOURCE)
    if codes:
        assert {r["name"]: r["kennung"] for r in rows.values()} == {n: c for n, (c, _) in SOURCE.items()}
    for f in json.loads((directory / paths.GEOMETRY).read_text(encoding="utf-8"))["features"]:
        c = shape(f["geometry"]).centroid
        expected = SOURCE[rows[f["properties"]["quartier_id"]]["name"]][1]
        # 1e-5 degrees ≈ 0.7 m east–west, 1.1 m north–south here
        assert abs(c.x - expected.x) < metres * 1.4e-5 and abs(c.y - expected.y) < metres * 0.9e-5


def test_a_zipped_shapefile_in_a_subfolder_with_windows_1252_names(tmp_path):
    report = init_city("neustadt", AREAS / "sozialquartiere-shp.zip", data_dir=tmp_path, id_field="SQ_NR",
                       name_field="SQ_NAME", district_field="STADTBEZIR", edition=2022)
    assert (report.areas, report.crs) == (27, "25832")
    _check_city(report.directory)
    assert "Osterfeld" in (report.directory / paths.QUARTERS).read_text(encoding="utf-8")  # the district field
    with pytest.raises(InputError) as err:  # the new city validates, but for the data still to import
        validate_city(report.directory)
    assert set(err.value.codes) <= {"file-missing"}


def test_fields_are_found_without_being_named(tmp_path):
    report = init_city("neustadt", AREAS / "sozialquartiere-shp.zip", data_dir=tmp_path)
    assert report.areas == 27


def test_a_shapefile_that_does_not_say_its_encoding(tmp_path):
    report = init_city("neustadt", AREAS / "ohne-cpg.shp", data_dir=tmp_path, id_field="SQ_NR", name_field="SQ_NAME")
    _check_city(report.directory)
    assert [n.code for n in report.notes] == ["note-encoding"]


def test_a_utf8_dbf_without_cpg_is_not_read_as_latin_1(tmp_path):
    for ext in ("shp", "shx", "dbf"):  # the UTF-8 shapefile, without its .cpg
        shutil.copy(AREAS / f"ohne-prj.{ext}", tmp_path / f"utf8.{ext}")
    dbf = bytearray((tmp_path / "utf8.dbf").read_bytes())
    dbf[29] = 0
    (tmp_path / "utf8.dbf").write_bytes(bytes(dbf))
    report = init_city("neustadt", tmp_path / "utf8.shp", data_dir=tmp_path / "data", id_field="SQ_NR",
                       name_field="SQ_NAME", crs="EPSG:31466")
    _check_city(report.directory, metres=DHDN)


def test_a_shapefile_without_prj_asks_for_the_crs(tmp_path):
    with pytest.raises(InputError) as err:
        init_city("neustadt", AREAS / "ohne-prj.shp", data_dir=tmp_path, id_field="SQ_NR", name_field="SQ_NAME")
    assert err.value.codes == ["areas-crs-unknown"]
    assert ".prj" in err.value.problems[0].message and "--crs" in err.value.problems[0].hint
    report = init_city("neustadt", AREAS / "ohne-prj.shp", data_dir=tmp_path, id_field="SQ_NR", name_field="SQ_NAME",
                       crs="EPSG:31466")
    assert report.crs == "31466"
    _check_city(report.directory, metres=DHDN)


def test_an_incomplete_shapefile_names_what_is_missing(tmp_path):
    with pytest.raises(InputError) as err:
        init_city("neustadt", AREAS / "ohne-dbf.zip", data_dir=tmp_path)
    assert err.value.codes == ["areas-shapefile-incomplete"] and "sozialquartiere.dbf" in err.value.problems[0].message
    for ext in ("shp", "dbf", "prj"):
        shutil.copy(AREAS / f"ohne-cpg.{ext}", tmp_path / f"teil.{ext}")
    with pytest.raises(InputError) as err:
        init_city("neustadt", tmp_path / "teil.shp", data_dir=tmp_path / "data")
    assert err.value.codes == ["areas-shapefile-incomplete"] and "teil.shx" in err.value.problems[0].message


def test_a_geopackage_with_two_layers_asks_which(tmp_path, capsys):
    with pytest.raises(InputError) as err:
        init_city("neustadt", AREAS / "gebiete.gpkg", data_dir=tmp_path)
    assert err.value.codes == ["areas-layer-choice"]
    assert "„sozialquartiere“" in err.value.problems[0].message and "„stadtbezirke“" in err.value.problems[0].message
    assert "--layer" in err.value.problems[0].hint
    assert main(["init", "neustadt", "--data-dir", str(tmp_path), "--areas", str(AREAS / "gebiete.gpkg"),
                 "--layer", "sozialquartiere", "--id-field", "SQ_NR", "--name-field", "SQ_NAME"]) == 0
    assert "Koordinatensystem EPSG:25833" in capsys.readouterr().out
    _check_city(tmp_path / "neustadt")
    report = init_city("bezirke", AREAS / "gebiete.gpkg", data_dir=tmp_path, layer="stadtbezirke", id_field="NAME",
                       name_field="NAME")
    assert report.areas == 3
    with pytest.raises(InputError) as err:
        init_city("x", AREAS / "gebiete.gpkg", data_dir=tmp_path, layer="quartiere")
    assert err.value.codes == ["areas-layer-choice"] and "sozialquartiere" in err.value.problems[0].hint


def test_codes_in_front_of_every_name_are_split_off_and_said(tmp_path, capsys):
    assert main(["init", "neustadt", "--data-dir", str(tmp_path), "--areas", str(AREAS / "nummer-im-namen.gpkg")]) == 0
    err = capsys.readouterr().err
    assert "note" not in err and "„01 Innenstadt“ → Name „Innenstadt“, Nummer „01“" in err
    _check_city(tmp_path / "neustadt")


def test_names_are_kept_whole_unless_every_one_has_a_code(tmp_path):
    from tests.onboard.test_init import _projected

    src = _projected(tmp_path, "25832", props=lambda n, f: {"NR": f"S{n}", "NAME": f"{n:02d} Gebiet" if n > 1 else "Mitte"})
    report = init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME")
    names = [r.split(",")[1] for r in (report.directory / paths.QUARTERS).read_text(encoding="utf-8").splitlines()[1:]]
    assert names[:2] == ["Mitte", "02 Gebiet"] and not report.notes


def test_an_unknown_format_is_named(tmp_path):
    kml = tmp_path / "gebiete.kml"
    kml.write_text("<kml/>", encoding="utf-8")
    with pytest.raises(InputError) as err:
        init_city("neustadt", kml, data_dir=tmp_path / "data")
    assert err.value.codes == ["areas-format"] and "GeoPackage" in err.value.problems[0].hint
