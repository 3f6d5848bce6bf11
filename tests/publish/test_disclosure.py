"""Disclosure control, rule by rule: primary suppression cell by cell, the rule across editions, the
secondary rule (city values, index parts), and what a built package shows.

The fixture plants small counts (one in the status year, one in the first year of the dynamics
window) and a small denominator into the minimal city and builds the whole site. The attacker who
tries to recompute the suppressed counts from everything published – with a positive control for
every route – is in test_attacker.py (two editions with different rules).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from generator.build import build
from generator.inputs.validate import validate_city

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
EDITION = 2020
# (quarter, indicator, year) → planted (count, denominator)
PLANTED = {("bermensfeld", "kinderarmut", 2020): (2, 951),   # secret count in the status year
           ("styrum", "sgb2", 2018): (1, 4599),              # secret count at the start of the dynamics window
           ("marienviertel-ost", "kinderarmut", 2019): (20, 80)}  # small denominator (share not shown)
SECRET = {k: v for k, v in PLANTED.items() if v[0] < 3}


def plant(city: Path) -> None:
    path = city / "werte.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        q, k, y, *_ = line.split(",")
        if (q, k, int(y)) in PLANTED:
            count, den = PLANTED[(q, k, int(y))]
            line = f"{q},{k},{y},{count},{den}"
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("disclosure")
    city = tmp / "data" / "city"
    shutil.copytree(MINIMAL, city)
    plant(city)
    site = tmp / "site"
    build("city", site, data_dir=city.parent, docs_dir=None)
    data = validate_city(city)
    return site, data


# --- what a reader reads ----------------------------------------------------------------------

def _num(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_indices(site: Path) -> dict[str, dict[str, float | None]]:
    with open(site / "daten" / str(EDITION) / "indizes.csv", encoding="utf-8") as f:
        return {r["quartier_id"]: {k: _num(v) for k, v in r.items()} | {"gueltig": r["gueltig"] == "true"}
                for r in csv.DictReader(f)}


def read_values(site: Path) -> dict[tuple[str, str, int], dict[str, float | None]]:
    with open(site / "daten" / str(EDITION) / "indikatorwerte.csv", encoding="utf-8") as f:
        return {(r["quartier_id"], r["indikator_id"], int(r["jahr"])):
                {"zaehler": _num(r["zaehler"]), "nenner": _num(r["nenner"]), "anteil": _num(r["anteil"])}
                for r in csv.DictReader(f)}


def test_secret_cells_and_small_denominators_are_not_shown(published):
    site, data = published
    values = read_values(site)
    for cell, (count, den) in PLANTED.items():
        row = values[cell]
        assert row["anteil"] is None, cell
        if count < 3:
            assert row["zaehler"] is None, cell
    seen: dict[tuple, list[str]] = {cell: [] for cell in SECRET}
    for path in (site / "daten").rglob("*.csv"):  # canonical, "CSV für Excel" (semicolons), per quarter
        text = path.read_text(encoding="utf-8-sig")
        delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
        for row in csv.DictReader(text.splitlines(), delimiter=delimiter):
            cell = (row.get("quartier_id"), row.get("indikator_id"), row.get("jahr"))
            cell = (cell[0], cell[1], int(cell[2])) if cell[2] else cell
            if cell in seen:
                assert (row["zaehler"], row["anteil"], row["kennzeichen"]) == (".", ".", "geheim"), (path, row)
                seen[cell].append(path.relative_to(site).as_posix())
    for (q, _, _), paths in seen.items():  # every table that carries the cell was read
        assert sorted(paths) == [f"daten/{EDITION}/excel/indikatorwerte.csv", f"daten/{EDITION}/indikatorwerte.csv",
                                 f"daten/{EDITION}/quartiere/{q}.csv"]


def test_the_fixture_has_what_the_disclosure_tests_need(published):
    """The tests above would pass on data without small counts; this one makes sure there are some."""
    _, data = published
    raw = data.values
    assert (raw["zaehler"] < 3).sum() == len(SECRET) and (raw["nenner"] < 100).sum() == 1


def test_no_published_count_below_the_threshold_in_any_file(published):
    """Every CSV (canonical, Excel, per quarter) and every workbook cell: no count under 3."""
    import openpyxl
    site, _ = published
    checked = 0
    for path in (site / "daten").rglob("*.csv"):
        delimiter = ";" if "/excel/" in path.as_posix() else ","
        for row in csv.DictReader(path.open(encoding="utf-8-sig"), delimiter=delimiter):
            for col in ("zaehler", "nenner"):
                if row.get(col) not in (None, "", "."):
                    checked += 1
                    assert int(row[col]) >= 3, (path, row)
    for path in (site / "daten").rglob("*.xlsx"):
        sheet = openpyxl.load_workbook(path, read_only=True)["Indikatorwerte"]
        rows = list(sheet.iter_rows(values_only=True))
        cols = [rows[0].index(c) for c in ("zaehler", "nenner")]
        for row in rows[1:]:
            for c in cols:
                if isinstance(row[c], (int, float)):
                    checked += 1
                    assert row[c] >= 3, (path, row)
    assert checked > 100


def test_secret_counts_blank_the_index_numbers_but_not_the_classes(published):
    site, data = published
    indices = read_indices(site)
    ed = data.edition(EDITION)
    for q, row in indices.items():
        assert row["statusklasse"] is not None and row["dynamikklasse"] is not None
        for part, indicators, prefix in (("status", ed.status_indikatoren, "anteil"),
                                         ("dynamik", ed.dynamik_indikatoren, "veraenderung")):
            for col in [f"z_{prefix}_{k}" for k in indicators] + [f"{part}summe", f"{part}index", f"{part}_abstand"]:
                assert row[col] is None, (q, col)
    page = (site / "quartiere" / "bermensfeld" / "index.html").read_text(encoding="utf-8")
    assert "nicht veröffentlicht" in page and "Statusindex beträgt" not in page


def test_suppressed_cells_are_flagged_and_the_package_stays_valid(published):
    from frictionless import validate
    site, _ = published
    pkg = site / "daten" / str(EDITION)
    rows = {tuple(line.split(",")[:3]): line for line in (pkg / "indikatorwerte.csv").read_text(encoding="utf-8").splitlines()}
    for (q, k, y), (count, den) in PLANTED.items():
        line = rows[(q, k, str(y))]
        if count < 3:
            assert line == f"{q},{k},{y},.,{den},.,geheim"
        else:
            assert line == f"{q},{k},{y},{count},{den},.,nenner_klein"
    report = validate(str(pkg / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:5]


# --- primary suppression, cell by cell (the boundaries and the marks a reader sees) -----------------

def _cells(**angabe):
    import pandas as pd
    rows = [  # quartier, zaehler, nenner, anteil
        ("a", 2.0, 500.0, 0.4), ("b", 3.0, 500.0, 0.6), ("c", 40.0, 99.0, 40.40404), ("d", 40.0, 100.0, 40.0),
        ("e", 1.0, 2.0, 50.0), ("f", None, None, None), ("g", None, None, None), ("h", 50.0, 1000.0, 5.00049),
        ("i", 3.0, 3.0, 100.0),
    ]
    frame = pd.DataFrame([{"quartier_id": q, "indikator_id": "sgb2", "jahr": 2022, "zaehler": z, "nenner": n,
                           "anteil": a} for q, z, n, a in rows])
    if angabe:
        frame["angabe"] = frame["quartier_id"].map(angabe)
    return frame


def test_suppression_boundaries_and_marks():
    from generator.publish.disclosure import suppress
    out = suppress(_cells(f="geheim", g="fehlt"), min_count=3, min_denominator=100).set_index("quartier_id")
    marks = out["kennzeichen"].to_dict()
    assert marks == {"a": "geheim", "b": "", "c": "nenner_klein", "d": "", "e": "geheim", "f": "geheim_quelle",
                     "g": "fehlt", "h": "", "i": "nenner_klein"}
    # a denominator of exactly the minimum count is shown (its share is not: the denominator is small)
    assert out.at["i", "nenner"] == 3.0 and out.at["i", "zaehler"] == 3.0 and out.at["i", "anteil"] is None
    # a count below the minimum is withheld with its share; exactly the minimum is published
    assert out.at["a", "zaehler"] is None and out.at["a", "anteil"] is None and out.at["a", "nenner"] == 500.0
    assert out.at["b", "zaehler"] == 3.0 and out.at["b", "anteil"] == 0.6
    # a small denominator: counts shown, the unreliable share not; 100 is not small
    assert out.at["c", "zaehler"] == 40.0 and out.at["c", "nenner"] == 99.0 and out.at["c", "anteil"] is None
    assert out.at["d", "anteil"] == 40.0
    # a denominator below the minimum count would reveal a tiny group: withheld too
    assert out.at["e", "nenner"] is None and out.at["e", "zaehler"] is None
    # shares are published at three decimals
    assert out.at["h", "anteil"] == 5.0 and out.at["c", "nenner"] == 99.0


def test_without_an_angabe_column_nothing_is_marked_as_from_the_source():
    from generator.publish.disclosure import suppress
    out = suppress(_cells(), min_count=3, min_denominator=100).set_index("quartier_id")
    assert out.at["f", "kennzeichen"] == "" and out.at["a", "kennzeichen"] == "geheim"


# --- the rule across editions -----------------------------------------------------------------------

def _ed(edition: int, status_year: int, minimum: int):
    from types import SimpleNamespace
    return SimpleNamespace(edition=edition, status_jahr=status_year,
                           geheimhaltung=SimpleNamespace(mindestfallzahl=minimum, mindestnenner=100))


def test_a_cell_gets_the_strictest_minimum_of_the_editions_that_show_its_year():
    import pandas as pd
    from generator.publish.disclosure import min_counts
    years = pd.Series([2017, 2019, 2020, 2021, 2022, 2023], index=[10, 11, 12, 13, 14, 15])
    editions = [_ed(2019, 2019, 3), _ed(2020, 2020, 5), _ed(2022, 2022, 2)]
    out = min_counts(years, editions)
    # 2017 and 2019: all three show it (5); 2020: 2020 and 2022 (5); 2021, 2022: only 2022 (2); 2023: none
    assert out.to_dict() == {10: 5, 11: 5, 12: 5, 13: 2, 14: 2, 15: 0}
    assert out.dtype == "int64"
    assert min_counts(years, editions[::-1]).to_dict() == out.to_dict()  # the order of editions does not matter
    assert min_counts(years, [_ed(2020, 2020, 4)]).to_dict() == {10: 4, 11: 4, 12: 4, 13: 0, 14: 0, 15: 0}


def test_suppression_with_one_minimum_per_cell():
    import pandas as pd
    from generator.publish.disclosure import suppress
    cells = pd.DataFrame([{"quartier_id": q, "indikator_id": "sgb2", "jahr": 2019, "zaehler": z, "nenner": n,
                           "anteil": 100 * z / n} for q, z, n in (("a", 4, 500), ("b", 4, 500), ("c", 40, 4), ("d", 5, 500))])
    out = suppress(cells, pd.Series([5, 3, 5, 5]), 100).set_index("quartier_id")
    assert out["kennzeichen"].to_dict() == {"a": "geheim", "b": "", "c": "nenner_klein", "d": ""}
    assert out.at["a", "zaehler"] is None and out.at["a", "anteil"] is None and out.at["a", "nenner"] == 500
    assert out.at["b", "zaehler"] == 4 and out.at["b", "anteil"] == 0.8
    assert out.at["c", "nenner"] is None and out.at["c", "zaehler"] == 40  # a denominator below the cell's minimum
    assert out.at["d", "zaehler"] == 5


def test_the_readme_names_the_stricter_editions():
    from generator.publish.disclosure import stricter_editions
    own = _ed(2019, 2019, 3)
    others = [_ed(2017, 2016, 4), own, _ed(2020, 2020, 5), _ed(2022, 2022, 3), _ed(2023, 2023, 2)]
    assert stricter_editions(own, others) == [(2017, 2016, 4), (2020, 2019, 5)]
    assert stricter_editions(_ed(2020, 2020, 5), others) == []


class _Edition:  # the fields of EditionConfig that the rule reads
    status_jahr, dynamik_von, dynamik_bis = 2022, 2019, 2022
    status_indikatoren, dynamik_indikatoren = ("sgb2", "kinder"), ("sgb2", "alter")


def _secret(*cells):
    import pandas as pd
    rows = [{"indikator_id": k, "jahr": y, "kennzeichen": "geheim"} for k, y in cells]
    rows.append({"indikator_id": "sgb2", "jahr": 2022, "kennzeichen": "nenner_klein"})  # not secret
    return pd.DataFrame(rows)


@pytest.mark.parametrize("cells,parts", [
    ((), set()),
    ((("kinder", 2022),), {"status"}),
    ((("kinder", 2019),), set()),  # a status indicator, but not in the status year
    ((("alter", 2019),), {"dynamik"}),
    ((("alter", 2022),), {"dynamik"}),
    ((("sgb2", 2022),), {"status", "dynamik"}),
    ((("andere", 2022),), set()),
])
def test_the_rule_protects_exactly_the_parts_a_secret_cell_enters(cells, parts):
    from generator.publish.disclosure import protection
    rule = protection(_secret(*cells), _Edition())
    assert set(rule.parts) == parts
    assert set(rule.city_values) == set(cells)
    assert all(rule.hides(p) for p in parts) and not rule.hides("status" if "status" not in parts else "x")


def test_city_values_are_withheld_exactly_where_a_cell_is_secret():
    import pandas as pd
    from generator.publish.disclosure import Protection, protect_city_values
    city = pd.DataFrame({2019: [1.0, 2.0], 2022: [3.0, 4.0]}, index=["sgb2", "alter"])
    rule = Protection(frozenset({("sgb2", 2022), ("unbekannt", 2022), ("alter", 2030)}), frozenset())
    out = protect_city_values(city, rule)
    assert out.shape == city.shape and list(out.index) == ["sgb2", "alter"] and list(out.columns) == [2019, 2022]
    assert np.isnan(out.at["sgb2", 2022]) and out.at["sgb2", 2019] == 1.0 and out.at["alter", 2022] == 4.0
    assert city.at["sgb2", 2022] == 3.0  # the input is not changed


def test_index_numbers_are_withheld_for_the_protected_part_only():
    import pandas as pd
    from generator.publish.disclosure import Protection, protect_indices
    result = pd.DataFrame({"z_S1": [0.5], "z_D1": [0.2], "statussumme": [0.5], "statusindex": [1.1],
                           "status_abstand": [0.1], "statusklasse": [3], "dynamiksumme": [0.2],
                           "dynamikindex": [0.3], "dynamik_abstand": [0.7]})
    z_columns = [("z_S1", "S1", "status"), ("z_D1", "D1", "dynamik")]
    out = protect_indices(result, z_columns, Protection(frozenset(), frozenset({"status"})))
    for c in ("z_S1", "statussumme", "statusindex", "status_abstand"):
        assert np.isnan(out.at[0, c]), c
    assert out.at[0, "statusklasse"] == 3  # classes stay published
    assert (out.at[0, "z_D1"], out.at[0, "dynamikindex"], out.at[0, "dynamik_abstand"]) == (0.2, 0.3, 0.7)
    assert result.at[0, "z_S1"] == 0.5
