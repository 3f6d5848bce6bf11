"""What changed: klassenwechsel.csv (each edition) and zeitreihe.csv (the latest) agree with the
editions' indizes.csv, are valid Frictionless tables and are in every format."""

from __future__ import annotations

import csv
import re
import json

import openpyxl
import pytest
from frictionless import validate

EDITIONS = (2017, 2020, 2022)


def _rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _indices(site, year):
    return {r["quartier_id"]: r for r in _rows(site / "daten" / str(year) / "indizes.csv")}


@pytest.mark.parametrize("year", EDITIONS)
def test_class_changes_agree_with_both_editions(built_site, year):
    rows = _rows(built_site / "daten" / str(year) / "klassenwechsel.csv")
    if year == EDITIONS[0]:
        assert rows == []  # nothing to compare with
        return
    previous = EDITIONS[EDITIONS.index(year) - 1]
    now, before = _indices(built_site, year), _indices(built_site, previous)
    changed = {q for q in now if now[q]["gueltig"] == before[q]["gueltig"] == "true"
               and (now[q]["statusklasse"], now[q]["dynamikklasse"]) != (before[q]["statusklasse"], before[q]["dynamikklasse"])}
    assert {r["quartier_id"] for r in rows} == changed and changed
    for r in rows:
        q = r["quartier_id"]
        assert int(r["vorige_edition"]) == previous and int(r["edition"]) == year
        for col in ("statusklasse", "statusindex", "dynamikklasse", "dynamikindex", "fokus"):
            assert r[col] == now[q][col] and r[f"{col}_vorher"] == before[q][col], (q, col)
        s_before, s_now = int(r["statusklasse_vorher"]), int(r["statusklasse"])
        assert r["status_wechsel"] == ("gleich" if s_now == s_before else "besser" if s_now < s_before else "schlechter")
    # the order the page and the README state: most class steps first (dynamics codes 1, 3, 5 are one step
    # apart), then alphabetical
    steps = [abs(int(r["statusklasse"]) - int(r["statusklasse_vorher"]))
             + abs(int(r["dynamikklasse"]) - int(r["dynamikklasse_vorher"])) // 2 for r in rows]
    assert [int(r["stufen"]) for r in rows] == steps
    din = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})  # DIN 5007-1
    keys = [(-n, r["name"].casefold().translate(din)) for n, r in zip(steps, rows)]
    assert keys == sorted(keys)


@pytest.mark.parametrize("year", EDITIONS[1:])
def test_class_changes_carry_windows_distances_and_indicator_changes(built_site, oberhausen, year):
    """What a journalist needs beside a change: both windows (from the editions' configuration), the distance
    of the new index to the limit it crossed (recomputed from the displayed index and the thresholds), "knapp"
    below 0,1, and each dynamics indicator's change (recomputed from the published shares)."""
    rows = _rows(built_site / "daten" / str(year) / "klassenwechsel.csv")
    ed, old = oberhausen.edition(year), oberhausen.edition(EDITIONS[EDITIONS.index(year) - 1])
    values = {(v["quartier_id"], v["indikator_id"], int(v["jahr"])): v["anteil"]
              for v in _rows(built_site / "daten" / str(year) / "indikatorwerte.csv")}
    for r in rows:
        assert (int(r["dynamik_von_vorher"]), int(r["dynamik_bis_vorher"])) == (old.dynamik_von, old.dynamik_bis)
        assert (int(r["dynamik_von"]), int(r["dynamik_bis"])) == (ed.dynamik_von, ed.dynamik_bis)
        for part, limits in (("status", ed.schwellen_status), ("dynamik", ed.schwellen_dynamik)):
            if r[f"{part}_wechsel"] == "gleich":
                assert r[f"{part}_grenze"] == r[f"{part}_abstand_grenze"] == r[f"{part}_knapp"] == ""
                continue
            index = round(float(r[f"{part}index"]), 2)
            before = float(r[f"{part}index_vorher"])
            crossed = [t for t in limits if min(before, index) <= t <= max(before, index)]
            limit = min(crossed, key=lambda t: abs(t - index))
            assert float(r[f"{part}_grenze"]) == limit
            assert abs(float(r[f"{part}_abstand_grenze"]) - abs(index - limit)) < 1e-9
            assert r[f"{part}_knapp"] == ("true" if abs(index - limit) < 0.1 - 1e-9 else "false")
        for k in ed.dynamik_indikatoren:
            a, b = values.get((r["quartier_id"], k, ed.dynamik_bis)), values.get((r["quartier_id"], k, ed.dynamik_von))
            if a and b:
                assert abs(float(r[f"veraenderung_{k}"]) - (float(a) - float(b))) < 0.002, (r["quartier_id"], k)


def test_time_series_has_every_quarter_and_edition(built_site, oberhausen):
    rows = _rows(built_site / "daten" / "2022" / "zeitreihe.csv")
    assert len(rows) == len(oberhausen.quarters) * len(EDITIONS)
    indices = {y: _indices(built_site, y) for y in EDITIONS}
    for r in rows:
        i = indices[int(r["edition"])][r["quartier_id"]]
        assert (r["statusklasse"], r["dynamikklasse"], r["sozialindex"], r["fokus"]) == \
               (i["statusklasse"], i["dynamikklasse"], i["sozialindex"], i["fokus"])
    assert not (built_site / "daten" / "2020" / "zeitreihe.csv").exists()  # only in the latest package


def test_new_tables_are_described_and_in_every_format(built_site):
    pkg = built_site / "daten" / "2022"
    assert validate(str(pkg / "datapackage.json")).valid
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in desc["resources"]}
    for table in ("klassenwechsel", "zeitreihe"):
        assert {table, f"{table}-excel", f"{table}-xlsx"} <= names
        assert (pkg / "excel" / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    wb = openpyxl.load_workbook(pkg / "sozialbericht-oberhausen-2022.xlsx", read_only=True)
    assert {"Klassenwechsel", "Zeitreihe"} <= set(wb.sheetnames)
    readme = (pkg / "README.md").read_text(encoding="utf-8")
    assert "klassenwechsel.csv" in readme and "zeitreihe.csv" in readme and "Grafik" in readme


def test_changes_page_and_start_page_name_the_count(built_site):
    rows = _rows(built_site / "daten" / "2022" / "klassenwechsel.csv")
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"{len(rows)} Sozialquartiere wechselten gegenüber dem Sozialbericht 2020 die Klasse" in start
    status = [r for r in rows if r["status_wechsel"] != "gleich"]
    dynamics = [r for r in rows if r["dynamik_wechsel"] != "gleich"]
    both = [r for r in status if r["dynamik_wechsel"] != "gleich"]
    better = sum(r["status_wechsel"] == "besser" for r in status)
    # the counts add up: status + dynamics − both = all
    assert len(status) + len(dynamics) - len(both) == len(rows)
    assert (f"{len(status)} im Status ({better} höher, {len(status) - better} niedriger), {len(dynamics)} in der "
            f"Dynamik, {len(both)} davon in beidem") in start
    page = (built_site / "veraenderungen" / "index.html").read_text(encoding="utf-8")
    assert all(r["name"] in page for r in rows)
    assert not (built_site / "berichte" / "2017" / "veraenderungen").exists()


def test_every_quarter_page_asks_for_feedback_by_mail(built_site, oberhausen):
    from urllib.parse import unquote
    html = (built_site / "quartiere" / "lirich-nord" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(mailto:[^"]+)"', html).group(1)
    assert link.startswith(f"mailto:{oberhausen.city.herausgeber.email}?subject=")
    assert "Lirich-Nord" in unquote(link) and "Sozialbericht 2022" in unquote(link)



