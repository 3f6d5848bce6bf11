"""A second, real city: Berlin's MSS 2019 (448 planning areas) built with the same templates."""

from __future__ import annotations

import csv
import gzip
import re

import pytest

from generator.build import build
from generator.datasets import berlin

LABEL = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYN = {"+": "positiv", "+/-": "stabil", "-": "negativ"}


@pytest.fixture(scope="module")
def berlin_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("berlin") / "site"
    build("berlin-mss", site, docs_dir=None)
    return site


def test_city_data_is_what_the_script_makes(tmp_path):
    from generator.paths import city_dir
    out = tmp_path / "berlin-mss"
    berlin.build_city(out=out)
    for name in ("quartiere.csv", "einwohner.csv", "werte.csv", "veraenderungen.csv", "indikatoren.csv", "quartiere.geojson",
                 "datapackage.json"):
        assert (out / name).read_bytes() == (city_dir("berlin-mss") / name).read_bytes(), name


def test_published_classes_are_reproduced_and_shown(berlin_site):
    pub = berlin.published_2019()
    with open(berlin_site / "daten" / "2019" / "indizes.csv", encoding="utf-8") as f:
        ours = {r["quartier_id"]: r for r in csv.DictReader(f)}
    assert len(ours) == 448
    assert sum(r["gueltig"] == "true" for r in ours.values()) == 436
    shown = 0
    for pid, row in pub.iterrows():
        r = ours[pid]
        assert int(r["statusklasse"]) == int(row["status_index"]), pid
        assert r["sozialindex"] == row["status_dynamic_index"], pid
        html = (berlin_site / "quartiere" / pid / "index.html").read_text(encoding="utf-8")
        status, dynamik = LABEL[int(row["status_index"])], DYN[row["dynamic_index"]]
        assert re.search(rf"<dt>Status</dt><dd><span[^>]*>{status}</span>", html), pid
        assert f"<dt>Dynamik</dt><dd>{dynamik}</dd>" in html, pid
        shown += 1
    assert shown == 436


def test_labels_come_from_configuration_and_no_demo_notice(berlin_site):
    start = (berlin_site / "index.html").read_text(encoding="utf-8")
    assert "Planungsräume" in start and "Gebiete mit besonderem Aufmerksamkeitsbedarf" in start
    for page in list(berlin_site.rglob("*.html"))[:200]:
        html = page.read_text(encoding="utf-8")
        assert "Demonstrationsdaten" not in html, page
    assert "Senatsverwaltung für Stadtentwicklung" in start


def test_structure_scales(berlin_site):
    """No page lists every area in its navigation; area pages stay small."""
    pages = sorted((berlin_site / "quartiere").glob("*/index.html"))
    assert len(pages) == 448
    sizes = []
    for p in pages:
        raw = p.read_bytes()
        assert raw.count(b'class="md-nav__link"') < 40, p
        sizes.append(len(gzip.compress(raw)))
    assert max(sizes) < 150 * 1024
    bezirke = list((berlin_site / "quartiere" / "bezirke").glob("*/index.html"))
    assert len(bezirke) == 12


def test_berlin_package_is_valid(berlin_site):
    from frictionless import validate
    report = validate(str(berlin_site / "daten" / "2019" / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:5]
