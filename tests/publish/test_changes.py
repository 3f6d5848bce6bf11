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
    sizes = [abs(int(r["statusklasse"]) - int(r["statusklasse_vorher"])) * 10
             + abs(int(r["dynamikklasse"]) - int(r["dynamikklasse_vorher"])) for r in rows]
    assert sizes == sorted(sizes, reverse=True)  # largest change first


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



