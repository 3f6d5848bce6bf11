"""Disclosure control that holds: an attacker who reads everything the site publishes cannot
recompute a suppressed count to within ±1.5 persons.

The fixture plants small counts (one in the status year, one in the first year of the dynamics
window) and a small denominator into the minimal city, builds the whole site and then tries every
recovery route we can think of. Each route reads only published files and pages.
"""

from __future__ import annotations

import csv
import re
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
TOLERANCE = 1.5


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


# --- what an attacker reads -------------------------------------------------------------------

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


def city_values(site: Path, data) -> dict[tuple[str, int], float]:
    """City shares as the pages print them (quarter pages: the print table; indicator pages: trend)."""
    out: dict[tuple[str, int], float] = {}
    for k in data.indicators.index:
        html = (site / "indikatoren" / k / "index.html").read_text(encoding="utf-8")
        table = html.split("<caption>Entwicklung: ", 1)[-1].split("</table>", 1)[0]
        years = [int(y) for y in re.findall(r'<th scope="col" class="zahl">(\d{4})</th>', table)]
        cells = re.findall(r'<td class="zahl">([^<]*)</td>', table)
        for y, cell in zip(years, cells):
            v = _num(cell.replace(".", "").replace(",", "."))
            if v is not None:
                out[(k, y)] = v
    return out


# --- the routes -----------------------------------------------------------------------------

def fit_scale(pairs: list[tuple[float, float]]) -> tuple[float, float] | None:
    """mean and SD of an indicator from published (value, z) pairs: x = mean + sd · z."""
    if len(pairs) < 2:
        return None
    x, z = np.array(pairs).T
    if np.ptp(z) == 0:
        return None
    sd, mean = np.polyfit(z, x, 1)
    return mean, sd


def column_pairs(indices, inputs, column, skip) -> list[tuple[float, float]]:
    return [(inputs[q], r[f"z_{column}"]) for q, r in indices.items()
            if q != skip and r.get(f"z_{column}") is not None and inputs.get(q) is not None]


def part_of(data, k: str, year: int):
    ed = data.edition(EDITION)
    if year == ed.status_jahr and k in ed.status_indikatoren:
        return "status", f"anteil_{k}", [f"anteil_{m}" for m in ed.status_indikatoren]
    if year in (ed.dynamik_von, ed.dynamik_bis) and k in ed.dynamik_indikatoren:
        return "dynamik", f"veraenderung_{k}", [f"veraenderung_{m}" for m in ed.dynamik_indikatoren]
    return None


def published_inputs(values, data, column: str) -> dict[str, float | None]:
    """The published value of an index column per quarter (a share, or a change of shares)."""
    ed = data.edition(EDITION)
    kind, k = column.split("_", 1)
    out = {}
    for q in data.quarters.index:
        if kind == "anteil":
            out[q] = values.get((q, k, ed.status_jahr), {}).get("anteil")
        else:
            a = values.get((q, k, ed.dynamik_bis), {}).get("anteil")
            b = values.get((q, k, ed.dynamik_von), {}).get("anteil")
            out[q] = None if a is None or b is None else a - b
    return out


def z_to_count(z: float | None, q, k, year, column, indices, values, data) -> float | None:
    """From an estimated z-value of the secret cell's index column back to its count."""
    if z is None:
        return None
    inputs = published_inputs(values, data, column)
    scale = fit_scale(column_pairs(indices, inputs, column, q))
    den = values[(q, k, year)]["nenner"]
    if scale is None or den is None:
        return None
    x = scale[0] + scale[1] * z
    ed = data.edition(EDITION)
    if column.startswith("veraenderung_"):  # a change: the other year's share is published
        other = ed.dynamik_bis if year == ed.dynamik_von else ed.dynamik_von
        other_share = values.get((q, k, other), {}).get("anteil")
        if other_share is None:
            return None
        x = other_share - x if year == ed.dynamik_von else other_share + x
    return x * den / 100


def own_z_values(q, columns, indices, values, data) -> dict[str, float | None]:
    """The quarter's z-values of a part: published, or recomputed from its published inputs."""
    out = {}
    for c in columns:
        z = indices[q].get(f"z_{c}")
        if z is None:
            inputs = published_inputs(values, data, c)
            scale = fit_scale(column_pairs(indices, inputs, c, q))
            z = None if scale is None or inputs.get(q) is None else (inputs[q] - scale[0]) / scale[1]
        out[c] = z
    return out


def routes(site: Path, data, cell, truth: float) -> dict[str, float | None]:
    q, k, year = cell
    indices, values = read_indices(site), read_values(site)
    found = part_of(data, k, year)
    estimates: dict[str, float | None] = {}
    valid = [p for p, r in indices.items() if r["gueltig"]]
    if found:
        part, column, columns = found
        others = own_z_values(q, [c for c in columns if c != column], indices, values, data)
        rest = None if any(v is None for v in others.values()) else sum(others.values())
        # 1. the quarter's own sum minus its other z-values
        total = indices[q].get(f"{part}summe")
        estimates["sum minus z-values"] = z_to_count(None if total is None or rest is None else total - rest,
                                                     q, k, year, column, indices, values, data)
        # 2. z-values of one indicator sum to zero over the valid quarters
        zs = [indices[p].get(f"z_{column}") for p in valid if p != q]
        estimates["z-values sum to zero"] = z_to_count(None if None in zs else -sum(zs), q, k, year, column,
                                                       indices, values, data)
        # 3. indices sum to zero; the scale from any other quarter's sum and index
        idx = [indices[p].get(f"{part}index") for p in valid if p != q]
        scales = [indices[p][f"{part}summe"] / indices[p][f"{part}index"] for p in valid if p != q
                  and indices[p].get(f"{part}summe") is not None and indices[p].get(f"{part}index")]
        own = indices[q].get(f"{part}index")
        candidates = [own] if own is not None else ([-sum(idx)] if None not in idx else [])
        distance = indices[q].get(f"{part}_abstand")
        if distance is not None:  # the distance to the nearest threshold pins the index, too
            ed = data.edition(EDITION)
            for t in (ed.schwellen_status if part == "status" else ed.schwellen_dynamik):
                candidates += [t - distance, t + distance]
        best = None
        if scales and rest is not None:  # of two candidates the attacker may try both: count the better one
            for c in candidates:
                est = z_to_count(float(np.median(scales)) * c - rest, q, k, year, column, indices, values, data)
                if est is not None and (best is None or abs(est - truth) < abs(best - truth)):
                    best = est
        estimates["index back to sum"] = best
    # 4. city total minus the other quarters
    city = city_values(site, data).get((k, year))
    rows = [values.get((p, k, year), {}) for p in data.quarters.index]
    others = [r.get("zaehler") for p, r in zip(data.quarters.index, rows) if p != q]
    dens = [r.get("nenner") for r in rows]
    estimates["city total minus the other quarters"] = (
        None if city is None or None in others or None in dens else city * sum(dens) / 100 - sum(others))
    return estimates


@pytest.mark.parametrize("cell", sorted(SECRET), ids=lambda c: "-".join(map(str, c)))
def test_no_route_recovers_a_suppressed_count(published, cell):
    site, data = published
    truth = SECRET[cell][0]
    estimates = routes(site, data, cell, truth)
    assert set(estimates) >= {"city total minus the other quarters"}
    recovered = {name: round(est, 2) for name, est in estimates.items() if est is not None and abs(est - truth) <= TOLERANCE}
    assert recovered == {}, f"count {truth} of {cell} recovered by {recovered}"


@pytest.fixture(scope="module")
def unprotected(tmp_path_factory):
    """The minimal city without planted cells: nothing is secret, every number is published."""
    site = tmp_path_factory.mktemp("no-secrets") / "site"
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=None)
    return site, validate_city(MINIMAL)


@pytest.mark.parametrize("cell", [("bermensfeld", "kinderarmut", 2020), ("styrum", "sgb2", 2018)],
                         ids=lambda c: "-".join(map(str, c)))
def test_the_attacker_recovers_counts_where_nothing_is_secret(unprotected, cell):
    """Positive control: on a publication without secrets the same routes pin the count, so a
    pass above means the numbers are protected, not that the attacker is blind."""
    site, data = unprotected
    truth = read_values(site)[cell]["zaehler"]
    estimates = routes(site, data, cell, truth)
    assert sum(est is not None and abs(est - truth) <= TOLERANCE for est in estimates.values()) >= 2, estimates


def test_secret_cells_and_small_denominators_are_not_shown(published):
    site, data = published
    values = read_values(site)
    for cell, (count, den) in PLANTED.items():
        row = values[cell]
        assert row["anteil"] is None, cell
        if count < 3:
            assert row["zaehler"] is None, cell
    for path in site.rglob("*.csv"):
        for cell, (count, den) in SECRET.items():
            q, k, y = cell
            assert f"{q},{k},{y},{count}," not in path.read_text(encoding="utf-8-sig"), path


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
    excel = {tuple(line.split(";")[:3]): line
             for line in (pkg / "excel" / "indikatorwerte.csv").read_text(encoding="utf-8-sig").splitlines()}
    for (q, k, y), (count, den) in PLANTED.items():
        # machine-readable CSV: empty cells and the flag; CSV für Excel: the official signs („.“ secret, „/“ too uncertain)
        line, shown = rows[(q, k, str(y))], excel[(q, k, str(y))]
        if count < 3:
            assert line == f"{q},{k},{y},,{den},,geheim" and shown == f"{q};{k};{y};.;{den};.;geheim"
        else:
            assert line == f"{q},{k},{y},{count},{den},,nenner_klein" and shown == f"{q};{k};{y};{count};{den};/;nenner_klein"
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
