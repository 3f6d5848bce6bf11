"""A second, real city: Berlin's MSS 2013, 2015, 2017 and 2019 (448 planning areas) built with the same templates."""

from __future__ import annotations

import csv
import gzip
import html
import re
import xml.etree.ElementTree as ET

import pytest

from generator.datasets import berlin

LABEL = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYN = {"+": "positiv", "+/-": "stabil", "-": "negativ"}

pytestmark = pytest.mark.xdist_group("berlin")  # the site is built once per run (conftest.shared)


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


def test_figure_alternatives_of_a_large_city_promise_only_what_is_there(berlin_site):
    """A large city's start page has no table under its map (the tables are per Bezirk), its locator
    maps link Bezirke, not areas; embed pages carry the values as a table and SVG files name every
    value in German (BIK BITV-Test 9.1.1.1b)."""
    start = (berlin_site / "index.html").read_text(encoding="utf-8")
    label = html.unescape(re.search(r'<svg class="karte"[^>]*aria-label="([^"]*)"', start).group(1))
    assert "Tabelle unter der Karte" not in label and "Tabellen je Bezirk" in label, label
    assert 'class="sb-tabelle"' not in start.split("sb-grafik-karte", 1)[1].split("<h2", 1)[0]
    with open(berlin_site / "daten" / "2019" / "indizes.csv", encoding="utf-8") as f:
        published = {r["quartier_id"]: r for r in csv.DictReader(f)}
    with open(berlin_site / "daten" / "2019" / "quartiere.csv", encoding="utf-8") as f:
        names = {r["quartier_id"]: r["name"] for r in csv.DictReader(f)}
    embed = (berlin_site / "einbetten" / "2019" / "karte-status" / "index.html").read_text(encoding="utf-8")
    rows = [(html.unescape(n), html.unescape(s)) for n, s in
            re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td>', embed)]
    assert sorted(n for n, _ in rows) == sorted(names.values())
    by_name = dict(rows)
    for qid, r in published.items():
        assert by_name[names[qid]] == (r["statuslabel"] or "keine Klasse"), qid
    alt = html.unescape(re.search(r'<img [^>]*alt="([^"]*)"', embed).group(1))
    assert "Link" not in alt and "Tabelle unter der Grafik" in alt
    svg = ET.parse(berlin_site / "grafiken" / "2019" / "karte-status.svg").getroot()
    assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    desc = svg.find("{http://www.w3.org/2000/svg}desc").text
    assert "Link" not in desc and "Tabelle" not in desc and all(n in desc for n in names.values())
    qid = "01011101"
    page = (berlin_site / "quartiere" / qid / "index.html").read_text(encoding="utf-8")
    locator = page.split("sb-grafik-karte", 1)[1].split("</svg>", 1)[0]
    assert "Jeder Bezirk ist ein Link zu seiner Liste." in html.unescape(locator) and "aria-current" not in locator
    lage = (berlin_site / "einbetten" / "2019" / "lage" / qid / "index.html").read_text(encoding="utf-8")
    assert [html.unescape(n) for n in re.findall(r'<tr><th scope="row">([^<]*)</th>', lage)] == [names[qid]]
    assert "Link" not in re.search(r'<img [^>]*alt="([^"]*)"', lage).group(1)
