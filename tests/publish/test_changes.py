"""What changed: klassenwechsel.csv (each edition) and zeitreihe.csv (the latest) hold the classes
that the input counts give (recomputed here by the published method, without the generator), agree
with the editions' indizes.csv, are valid Frictionless tables and are in every format."""

from __future__ import annotations

import csv
import functools
import json
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import yaml
from frictionless import validate

EDITIONS = (2017, 2020, 2022)
CITY = Path(__file__).resolve().parents[2] / "data" / "oberhausen"
SYMBOL = {1: "+", 3: "+/-", 5: "-"}


def _rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _indices(site, year):
    return {r["quartier_id"]: r for r in _rows(site / "daten" / str(year) / "indizes.csv")}


@functools.cache
def expected(year: int) -> dict[str, dict]:
    """The classes of edition ``year`` recomputed here from the input counts (werte.csv, einwohner.csv,
    the edition's YAML), by the published method and without the generator: shares = 100 · Zähler /
    Nenner, z-values over the valid quarters (unweighted mean, population SD), sum, standardised
    again, classes by the thresholds. quarter → {status, dynamik, statusindex, dynamikindex, fokus};
    None for a quarter without classes."""
    ed = yaml.safe_load((CITY / "editionen" / f"{year}.yaml").read_text(encoding="utf-8"))
    share = {(r["quartier_id"], r["indikator_id"], int(r["jahr"])): 100 * float(r["zaehler"]) / float(r["nenner"])
             for r in _rows(CITY / "werte.csv") if r["zaehler"] and r["nenner"]}
    status_year = int(str(ed["stichtag"])[:4])
    people = {r["quartier_id"]: int(r["einwohner"]) for r in _rows(CITY / "einwohner.csv")
              if int(r["jahr"]) == status_year}
    sign = {r["indikator_id"]: -1.0 if r["richtung"] == "niedriger_benachteiligt" else 1.0
            for r in _rows(CITY / "indikatoren.csv")}
    quarters = [r["quartier_id"] for r in _rows(CITY / "quartiere.csv")]
    columns = {"status": {k: {q: share.get((q, k, status_year)) for q in quarters} for k in ed["status_indikatoren"]},
               "dynamik": {k: {q: None if (q, k, ed["dynamik_bis"]) not in share or (q, k, ed["dynamik_von"]) not in share
                               else share[(q, k, ed["dynamik_bis"])] - share[(q, k, ed["dynamik_von"])]
                               for q in quarters} for k in ed["dynamik_indikatoren"]}}
    valid = [q for q in quarters if people.get(q, 0) >= ed["mindest_einwohner"] and q not in ed["ausschluss"]
             and all(col[q] is not None for part in columns.values() for col in part.values())]

    def standardised(values: dict[str, float]) -> dict[str, float]:
        v = np.array([values[q] for q in valid])
        return {q: (values[q] - v.mean()) / v.std() for q in valid}

    index = {}
    for part, cols in columns.items():
        z = {k: standardised({q: sign[k] * col[q] for q in valid}) for k, col in cols.items()}
        index[part] = standardised({q: sum(z[k][q] for k in cols) for q in valid})
    t, d = ed["schwellen_status"], ed["schwellen_dynamik"]
    out: dict[str, dict | None] = {q: None for q in quarters}
    for q in valid:
        s, x = index["status"][q], index["dynamik"][q]
        status = 1 if s < t[0] else 2 if s <= t[1] else 3 if s <= t[2] else 4
        dynamik = 1 if x < d[0] else 3 if x <= d[1] else 5
        out[q] = {"status": status, "dynamik": dynamik, "statusindex": s, "dynamikindex": x,
                  "fokus": 10 * status + dynamik in ed["fokus_codes"]}
    return out


def _same_index(published: str, computed: float) -> bool:
    """A published index value (4 decimals) is the computed one, or withheld (empty)."""
    return published == "" or abs(float(published) - computed) <= 0.00005 + 1e-9


@pytest.mark.parametrize("year", EDITIONS)
def test_class_changes_are_the_changes_of_the_classes_computed_from_the_counts(built_site, year):
    rows = _rows(built_site / "daten" / str(year) / "klassenwechsel.csv")
    if year == EDITIONS[0]:
        assert rows == []  # nothing to compare with
        return
    previous = EDITIONS[EDITIONS.index(year) - 1]
    now, before = expected(year), expected(previous)
    changed = {q for q in now if now[q] and before[q]
               and (now[q]["status"], now[q]["dynamik"]) != (before[q]["status"], before[q]["dynamik"])}
    assert {r["quartier_id"] for r in rows} == changed and len(changed) >= 3
    for r in rows:
        q = r["quartier_id"]
        assert int(r["vorige_edition"]) == previous and int(r["edition"]) == year
        for suffix, truth in (("", now[q]), ("_vorher", before[q])):
            assert (int(r[f"statusklasse{suffix}"]), int(r[f"dynamikklasse{suffix}"])) == (truth["status"], truth["dynamik"])
            assert r[f"fokus{suffix}"] == str(truth["fokus"]).lower(), (q, suffix)
            assert _same_index(r[f"statusindex{suffix}"], truth["statusindex"]), (q, suffix)
            assert _same_index(r[f"dynamikindex{suffix}"], truth["dynamikindex"]), (q, suffix)
        s_before, s_now = before[q]["status"], now[q]["status"]
        assert r["status_wechsel"] == ("gleich" if s_now == s_before else "besser" if s_now < s_before else "schlechter")
    assert sum(r["statusindex"] != "" for r in rows) >= len(rows) // 2  # the index values are mostly shown
    sizes = [abs(int(r["statusklasse"]) - int(r["statusklasse_vorher"])) * 10
             + abs(int(r["dynamikklasse"]) - int(r["dynamikklasse_vorher"])) for r in rows]
    assert sizes == sorted(sizes, reverse=True)  # largest change first
    published = _indices(built_site, year)  # and the change table agrees with the edition's own table
    assert all(r["statusindex"] == published[r["quartier_id"]]["statusindex"] for r in rows)


def test_time_series_has_every_quarter_and_edition_with_the_classes_computed_from_the_counts(built_site, oberhausen):
    rows = _rows(built_site / "daten" / "2022" / "zeitreihe.csv")
    assert len(rows) == len(oberhausen.quarters) * len(EDITIONS)
    assert {(r["quartier_id"], int(r["edition"])) for r in rows} == {(q, y) for q in expected(2022) for y in EDITIONS}
    shown = 0
    for r in rows:
        truth = expected(int(r["edition"]))[r["quartier_id"]]
        if truth is None:
            assert r["statusklasse"] == r["dynamikklasse"] == r["sozialindex"] == "" and r["fokus"] == "false"
            continue
        assert (int(r["statusklasse"]), int(r["dynamikklasse"])) == (truth["status"], truth["dynamik"]), r
        assert r["sozialindex"] == f"{truth['status']}{SYMBOL[truth['dynamik']]}"
        assert r["fokus"] == str(truth["fokus"]).lower()
        assert _same_index(r["statusindex"], truth["statusindex"]) and _same_index(r["dynamikindex"], truth["dynamikindex"])
        shown += r["statusindex"] != ""
    assert shown >= len(rows) // 2
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
    assert f"{len(rows)} Sozialquartiere haben eine andere Status- oder Dynamikklasse" in start
    page = (built_site / "veraenderungen" / "index.html").read_text(encoding="utf-8")
    assert all(r["name"] in page for r in rows)
    assert not (built_site / "berichte" / "2017" / "veraenderungen").exists()


def test_every_quarter_page_asks_for_feedback_by_mail(built_site, oberhausen):
    from urllib.parse import unquote
    html = (built_site / "quartiere" / "lirich-nord" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(mailto:[^"]+)"', html).group(1)
    assert link.startswith(f"mailto:{oberhausen.city.herausgeber.email}?subject=")
    assert "Lirich-Nord" in unquote(link) and "Sozialbericht 2022" in unquote(link)



