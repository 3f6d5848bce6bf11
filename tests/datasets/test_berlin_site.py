"""A second, real city: Berlin's MSS 2013, 2015, 2017 and 2019 (448 planning areas) built with the same templates."""

from __future__ import annotations

import csv
import gzip
import re

import pytest

from generator.datasets import berlin

LABEL = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYN = {"+": "positiv", "+/-": "stabil", "-": "negativ"}

pytestmark = pytest.mark.xdist_group("berlin")  # one worker builds the shared site (conftest.berlin_site)


def test_city_data_is_what_the_script_makes(tmp_path):
    from generator.paths import city_dir
    out = tmp_path / "berlin-mss"
    berlin.build_city(out=out)
    for name in ("quartiere.csv", "einwohner.csv", "werte.csv", "veraenderungen.csv", "indikatoren.csv", "quartiere.geojson",
                 "datapackage.json", "editionen/2013.yaml", "editionen/2015.yaml", "editionen/2017.yaml",
                 "editionen/2019.yaml"):
        assert (out / name).read_bytes() == (city_dir("berlin-mss") / name).read_bytes(), name


EDITIONS = {2013: 434, 2015: 435, 2017: 436, 2019: 436}  # classified areas as published


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_published_classes_are_reproduced_and_shown(berlin_site, edition):
    """Every class Berlin published in this edition is the class computed here, and the class
    that edition's area page shows."""
    pub = berlin.edition_table(edition)
    assert len(pub) == EDITIONS[edition]
    with open(berlin_site / "daten" / str(edition) / "indizes.csv", encoding="utf-8") as f:
        ours = {r["quartier_id"]: r for r in csv.DictReader(f)}
    assert len(ours) == 448
    assert {q for q, r in ours.items() if r["gueltig"] == "true"} == set(pub.index)
    base = berlin_site if edition == max(EDITIONS) else berlin_site / "berichte" / str(edition)
    shown = 0
    for pid, row in pub.iterrows():
        r = ours[pid]
        assert int(r["statusklasse"]) == int(row["status_index"]), pid
        assert r["sozialindex"] == row["status_dynamic_index"], pid
        html = (base / "quartiere" / pid / "index.html").read_text(encoding="utf-8")
        status, dynamik = LABEL[int(row["status_index"])], DYN[row["dynamic_index"]]
        assert re.search(rf"<dt>Status</dt><dd><span[^>]*>{status}</span>", html), pid
        assert f"<dt>Dynamik</dt><dd>{dynamik}</dd>" in html, pid
        shown += 1
    assert shown == EDITIONS[edition]


def test_trajectories_cross_four_editions_and_the_method_change_is_told(berlin_site):
    html = (berlin_site / "quartiere" / "01011101" / "index.html").read_text(encoding="utf-8")
    assert all(f">{y}</a>:" in html for y in EDITIONS)
    berichte = (berlin_site / "berichte" / "index.html").read_text(encoding="utf-8")
    assert "S2 (Langzeitarbeitslose) entfällt" in berichte


def test_context_indicators_of_each_edition(berlin_site):
    """2013 publishes thirteen context indicators, 2015 and 2017 the verified ones, 2019 none."""
    import pandas as pd
    for edition, expected in ((2013, 13), (2015, 5), (2017, 4), (2019, 0)):
        values = pd.read_csv(berlin_site / "daten" / str(edition) / "indikatorwerte.csv", dtype={"quartier_id": str})
        kinds = pd.read_csv(berlin_site / "daten" / str(edition) / "indikatoren.csv").set_index("indikator_id")["art"]
        year = edition - 1
        shown = set(values.loc[values["jahr"] == year, "indikator_id"])
        assert sum(kinds[k] == "kontext" for k in shown) == expected, edition


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

