"""`sozialbericht init`: a new city's folder from an area file, in any of the CRSs German offices use."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from generator import paths
from generator.cli import main
from generator.errors import InputError
from generator.inputs.validate import validate_city
from generator.onboard.areas import safe_id
from generator.onboard.init import init_city

OBERHAUSEN = paths.city_dir("oberhausen")


def _projected(tmp_path, epsg: str, props=None, declare=True):
    """The demonstration quarters in ``epsg``, with an office's own field names."""
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    geo = json.loads((OBERHAUSEN / paths.GEOMETRY).read_text(encoding="utf-8"))
    features = []
    for n, f in enumerate(geo["features"], start=1):
        g = shapely.transform(shape(f["geometry"]), lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))
        p = props(n, f) if props else {"NR": f"{n:02d}", "NAME": f["properties"]["quartier_id"].title()}
        features.append({"type": "Feature", "properties": p, "geometry": shapely.geometry.mapping(g)})
    data = {"type": "FeatureCollection", "features": features}
    if declare:
        data["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    path = tmp_path / f"gebiete-{epsg}.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("epsg", ["25832", "25833", "31466", "31467"])
def test_projected_areas_come_back_to_wgs84_within_a_metre(tmp_path, epsg):
    src = _projected(tmp_path, epsg)
    report = init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME")
    assert report.crs == epsg and report.areas == 27
    back = json.loads((report.directory / paths.GEOMETRY).read_text(encoding="utf-8"))["features"]
    orig = json.loads((OBERHAUSEN / paths.GEOMETRY).read_text(encoding="utf-8"))["features"]
    for a, b in zip(back, orig):
        ca, cb = shape(a["geometry"]).centroid, shape(b["geometry"]).centroid
        # 1e-5 degrees is about 0.7 m (latitude) and 1.1 m (longitude) here
        assert abs(ca.x - cb.x) < 1e-5 and abs(ca.y - cb.y) < 1e-5


def test_geometry_is_rfc7946_counter_clockwise_with_six_decimals(tmp_path):
    report = init_city("neustadt", _projected(tmp_path, "25832"), data_dir=tmp_path / "data", id_field="NR",
                       name_field="NAME")
    for f in json.loads((report.directory / paths.GEOMETRY).read_text(encoding="utf-8"))["features"]:
        g = shape(f["geometry"])
        polys = [g] if g.geom_type == "Polygon" else list(g.geoms)
        for p in polys:
            assert p.exterior.is_ccw
            assert all(not ring.is_ccw for ring in p.interiors)
        text = json.dumps(f["geometry"]["coordinates"])
        assert not any(len(x.split(".")[1]) > 6 for x in text.replace("[", " ").replace("]", " ").replace(",", " ").split()
                       if "." in x)


def test_the_new_city_validates_before_any_data_except_values(tmp_path):
    report = init_city("neustadt", _projected(tmp_path, "25832"), data_dir=tmp_path / "data", id_field="NR",
                       name_field="NAME", edition=2022)
    with pytest.raises(InputError) as err:
        validate_city(report.directory)
    # Only the data the office still has to import are missing; every configuration file is valid.
    assert set(err.value.codes) <= {"file-missing"}, [p.format() for p in err.value.problems]
    assert {p.file for p in err.value.problems} == {paths.RESIDENTS, paths.VALUES}


def test_ids_are_made_safe_and_the_original_is_kept(tmp_path):
    src = _projected(tmp_path, "25832", props=lambda n, f: {"SCHLUESSEL": f"SQ {n}.1", "BEZ": f"Gebiet Nr. {n}"})
    report = init_city("neustadt", src, data_dir=tmp_path / "data", id_field="SCHLUESSEL", name_field="BEZ")
    rows = (report.directory / paths.QUARTERS).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("quartier_id,name,")
    assert rows[1].startswith("sq-1-1,Gebiet Nr. 1,") and ",SQ 1.1," in rows[1]
    assert ("SQ 1.1", "sq-1-1") in report.renamed


def test_ids_from_names_give_readable_addresses(tmp_path):
    src = _projected(tmp_path, "25832", props=lambda n, f: {"NR": str(n), "NAME": ["Mülheim-Süd", "Groß Straße"][n % 2]
                                                            + f" {n}"})
    report = init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME",
                       ids_from_names=True)
    ids = [r.split(",")[0] for r in (report.directory / paths.QUARTERS).read_text(encoding="utf-8").splitlines()[1:]]
    assert ids[0] == "gross-strasse-1" and ids[1] == "muelheim-sued-2"


def test_safe_id_keeps_only_the_identifier_alphabet():
    assert safe_id("Öffentl. Straße/Nord") == "oeffentl-strasse-nord"
    assert safe_id("§$%") == "gebiet"


def test_an_existing_city_is_never_overwritten(tmp_path):
    target = tmp_path / "data" / "neustadt"
    target.mkdir(parents=True)
    (target / "stadt.yaml").write_text("stadt: Neustadt\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        init_city("neustadt", _projected(tmp_path, "25832"), data_dir=tmp_path / "data", id_field="NR", name_field="NAME")
    assert err.value.codes == ["init-city-exists"]
    assert sorted(p.name for p in target.iterdir()) == ["stadt.yaml"]


def test_projected_coordinates_without_a_declared_crs_are_refused(tmp_path):
    src = _projected(tmp_path, "25832", declare=False)
    with pytest.raises(InputError) as err:
        init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME")
    assert err.value.codes == ["areas-crs-unknown"]
    assert "--crs" in err.value.problems[0].hint
    # … and accepted when the office names it
    report = init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME", crs="EPSG:25832")
    assert report.areas == 27


def test_degrees_declared_as_a_projected_crs_are_refused(tmp_path):
    with pytest.raises(InputError) as err:
        init_city("neustadt", OBERHAUSEN / paths.GEOMETRY, data_dir=tmp_path / "data", id_field="quartier_id",
                  name_field="quartier_id", crs="EPSG:25832")
    assert err.value.codes == ["areas-crs-mismatch"]


def test_unknown_fields_are_named_with_what_exists(tmp_path):
    with pytest.raises(InputError) as err:
        init_city("neustadt", _projected(tmp_path, "25832"), data_dir=tmp_path / "data", id_field="GIBTS_NICHT")
    problem = next(p for p in err.value.problems if p.code == "areas-field-missing")
    assert "NR" in problem.hint and "NAME" in problem.hint


def test_duplicate_codes_after_making_them_safe_are_refused(tmp_path):
    src = _projected(tmp_path, "25832", props=lambda n, f: {"NR": "A 1" if n < 3 else f"B{n}", "NAME": f"G{n}"})
    with pytest.raises(InputError) as err:
        init_city("neustadt", src, data_dir=tmp_path / "data", id_field="NR", name_field="NAME")
    assert "areas-id-duplicate" in err.value.codes


def test_cli_init_prints_the_next_steps(tmp_path, capsys):
    src = _projected(tmp_path, "25832")
    code = main(["init", "neustadt", "--areas", str(src), "--id-field", "NR", "--name-field", "NAME",
                 "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr().out
    assert code == 0
    assert "27 Gebiete" in out and "EPSG:25832" in out and "sozialbericht import" in out
    assert main(["init", "neustadt", "--areas", str(src), "--id-field", "NR", "--name-field", "NAME",
                 "--data-dir", str(tmp_path / "data")]) == 2
