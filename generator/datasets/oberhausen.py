"""Build the Oberhausen demonstration dataset, deterministically, from public facts.

    python -m generator.datasets.oberhausen [--out data/oberhausen]

Real: the city outline (BKG VG250), the 27 quarter names with their attested/assumed status,
and the published calibration figures in data/oberhausen/quellen/. Synthetic: everything else
(quarter polygons, residents per quarter, all counts). Re-running gives byte-identical files.

How the counts are made: every quarter has a latent "disadvantage" L at 2012, 2016, 2019 and
2022 (linear in between), chosen by hand so that the published qualitative results hold (see
ANCHORS). Each indicator's share is logit⁻¹(a_k(year) + b_k·(L + e_qk) + noise), where a_k is
solved so the city-wide share meets the year's target (CITY_TARGETS) and e_qk is a fixed
quarter-specific deviation, pinned for the quarters whose 2010 shares are published.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import nearest_points

from ..paths import DATA_DIR

SEED = 20231
YEARS = list(range(2012, 2023))
ANCHOR_YEARS = (2012, 2016, 2019, 2022)
NAME_STATUS = {"attested": "belegt", "assumed": "angenommen"}
# The names that are said with an article ("in der Innenstadt", "im Brücktorviertel"); the others
# are place names without one ("in Alstaden").
ARTIKEL = {"innenstadt": "die", "bruecktorviertel": "das", "marienviertel-west": "das", "marienviertel-ost": "das",
           "walsumermark": "die", "schwarze-heide-alsfeld": "die"}

# Latent disadvantage per quarter at ANCHOR_YEARS. Chosen so that, with the engine:
# 2022: the seven quarters named low/very low (Innenstadt, Lirich-Süd, Marienviertel-Ost/-West,
#       Brücktorviertel, Osterfeld-Mitte/Vonderort, Sterkrade-Mitte) have the highest status
#       index, Lirich-Nord sits just below the threshold, and Walsumermark, Königshardt,
#       Schmachtendorf, Holten/Barmingholten, Klosterhardt have the lowest;
# 2017: Lirich-Süd and Innenstadt lowest status, Schlad with positive dynamics;
# 2020: Innenstadt very low with negative dynamics, Holten and Schmachtendorf high status with
#       positive dynamics, no quarter of Sozialraum Sterkrade-Nord with negative dynamics.
ANCHORS: dict[str, tuple[float, float, float, float]] = {
    "innenstadt": (2.1, 2.3, 2.9, 2.5),
    "lirich-sued": (2.3, 2.45, 2.2, 2.1),
    "marienviertel-ost": (1.5, 1.7, 1.6, 1.75),
    "marienviertel-west": (1.3, 1.4, 1.5, 1.55),
    "bruecktorviertel": (1.5, 1.5, 1.45, 1.6),
    "osterfeld-mitte-vonderort": (1.2, 1.5, 1.4, 1.6),
    "sterkrade-mitte": (1.1, 1.5, 1.4, 1.6),
    "rothebusch": (0.85, 1.3, 1.0, 0.7),
    "tackenberg-ost": (0.6, 1.1, 0.8, 0.6),
    "lirich-nord": (0.8, 0.9, 0.9, 1.2),
    "vondern-osterfeld-sued": (0.6, 0.7, 0.7, 0.65),
    "eisenheim-heide": (0.5, 0.5, 0.55, 0.5),
    "styrum": (0.4, 0.5, 0.45, 0.5),
    "schlad": (1.0, 0.3, 0.3, 0.3),
    "bermensfeld": (0.2, 0.2, 0.25, 0.2),
    "duempten": (0.0, 0.05, 0.0, 0.05),
    "borbeck-neue-mitte-grafenbusch": (0.2, 0.15, 0.1, 0.1),
    "alstaden": (-0.2, -0.2, -0.25, -0.2),
    "buschhausen-biefang": (-0.3, -0.3, -0.3, -0.3),
    "schwarze-heide-alsfeld": (-0.4, -0.45, -0.5, -0.45),
    "sterkrade-nord": (-0.6, -0.65, -0.7, -0.7),
    "tackenberg-west": (-0.8, -1.1, -1.2, -0.9),
    "klosterhardt": (-1.0, -1.2, -1.25, -1.3),
    "holten-barmingholten": (-0.8, -0.9, -1.35, -1.3),
    "schmachtendorf": (-0.9, -1.0, -1.45, -1.4),
    "walsumermark": (-1.2, -1.3, -1.3, -1.45),
    "koenigshardt": (-1.5, -1.6, -1.6, -1.7),
}

# City-wide share (%) per indicator and year 2012…2022, from the published facts where they
# exist (SGB II/Mindestsicherung 15–16 %, child poverty "more than one in four" in 2016,
# 11 % large families and ~35 % single parents in the worst quarters in 2010); the rest are
# plausible assumptions.
CITY_TARGETS: dict[str, list[float]] = {
    "sgb2": [15.2, 15.4, 15.6, 15.9, 16.2, 16.1, 15.7, 15.2, 15.4, 15.1, 15.3],
    "kinderarmut": [26.5, 27.0, 27.5, 28.0, 28.5, 28.3, 27.8, 27.0, 27.2, 26.8, 27.0],
    "jugendarbeitslosigkeit": [8.0, 8.2, 7.9, 7.6, 7.3, 7.0, 6.8, 6.6, 7.4, 7.1, 6.7],
    "altersarmut": [4.3, 4.5, 4.7, 4.9, 5.1, 5.3, 5.4, 5.6, 5.8, 6.0, 6.3],
    "alleinerziehende": [22.5, 22.8, 23.0, 23.2, 23.4, 23.5, 23.6, 23.7, 23.8, 23.9, 24.0],
    "kinderreiche": [11.0, 11.1, 11.3, 11.6, 12.0, 12.2, 12.3, 12.4, 12.5, 12.5, 12.6],
    "nichtdeutsche": [11.5, 12.2, 13.0, 14.6, 15.8, 16.3, 16.8, 17.2, 17.6, 18.0, 19.0],
}
# Logit change per unit of latent disadvantage: the spread between quarters.
LOADINGS = {"sgb2": 0.55, "kinderarmut": 0.5, "jugendarbeitslosigkeit": 0.5, "altersarmut": 0.45,
            "alleinerziehende": 0.25, "kinderreiche": 0.3, "nichtdeutsche": 0.5}
# Published 2010 quarter shares (Familienbefragung 2010, WAZ): pinned for 2012.
PINNED_2012 = {
    ("bruecktorviertel", "alleinerziehende"): 35.8, ("innenstadt", "alleinerziehende"): 35.1,
    ("lirich-sued", "kinderreiche"): 19.4, ("osterfeld-mitte-vonderort", "kinderreiche"): 17.3,
    ("innenstadt", "kinderreiche"): 16.0, ("marienviertel-west", "kinderreiche"): 15.6,
    ("vondern-osterfeld-sued", "kinderreiche"): 14.7, ("koenigshardt", "kinderreiche"): 6.6,
    ("buschhausen-biefang", "kinderreiche"): 7.5,
}
# Residents: 2012 from the register (211,173), 2023 IT.NRW 211,099; in between assumed.
CITY_RESIDENTS = [211173, 210600, 210300, 210900, 211500, 211200, 210900, 210700, 210400, 210000, 210600]
# Published Stadtbezirk populations (2016/2017): their shares split the city total.
BEZIRK_RESIDENTS = {"Alt-Oberhausen": 92390, "Sterkrade": 81799, "Osterfeld": 38081}


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def expit(x):
    return 1 / (1 + np.exp(-x))


def read_sources(src: Path) -> tuple[list[dict], dict]:
    with open(src / "sozialquartiere.csv", encoding="utf-8") as f:
        quarters = list(csv.DictReader(f))
    outline = json.loads((src / "stadtgrenze_vg250.geojson").read_text(encoding="utf-8"))
    return quarters, outline


# --- geometry --------------------------------------------------------------------------

def _scale(lat0: float) -> float:
    return math.cos(math.radians(lat0))


def quarter_polygons(quarters: list[dict], outline_geom) -> dict[str, object]:
    """Voronoi cells around the anchor points, clipped to the outline: they tile it exactly.

    The cells are made in a locally equidistant plane (longitude scaled by cos φ) so that they
    look right on a map; anchors outside the outline are moved 300 m inside first.
    """
    k = _scale(outline_geom.centroid.y)
    to_plane = lambda g: shapely.transform(g, lambda c: c * np.array([k, 1.0]))  # noqa: E731
    from_plane = lambda g: shapely.transform(g, lambda c: c / np.array([k, 1.0]))  # noqa: E731
    area = to_plane(outline_geom)
    points = []
    for q in quarters:
        p = to_plane(Point(float(q["anchor_lon"]), float(q["anchor_lat"])))
        if not area.contains(p):
            inner = area.buffer(-300 / 111_320)  # 300 m in degrees of latitude
            p = nearest_points(inner, p)[0]
        points.append(p)
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=area.envelope.buffer(0.1))
    out: dict[str, object] = {}
    for q, p in zip(quarters, points):
        cell = next(c for c in cells.geoms if c.contains(p))
        out[q["slug"]] = from_plane(cell.intersection(area))
    return out


def _round_coords(geom, digits: int = 6):
    return shapely.set_precision(geom, 10 ** -digits)


def feature_collection(features: list[dict], **extra) -> dict:
    return {"type": "FeatureCollection", **extra, "features": features}


# --- numbers ---------------------------------------------------------------------------

def latent(slug: str, year: int) -> float:
    return float(np.interp(year, ANCHOR_YEARS, ANCHORS[slug]))


def split_integer(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to weights that add up to total exactly (largest remainder)."""
    raw = total * weights / weights.sum()
    base = np.floor(raw).astype(int)
    rest = total - base.sum()
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:rest]] += 1
    return base


def residents(quarters: list[dict], rng: np.random.Generator) -> dict[tuple[str, int], int]:
    slugs = [q["slug"] for q in quarters]
    bezirk = {q["slug"]: q["stadtbezirk"] for q in quarters}
    weight = {s: float(rng.lognormal(0.0, 0.25)) for s in slugs}
    trend = {s: float(rng.normal(0.0, 0.004)) for s in slugs}
    shares = np.array(list(BEZIRK_RESIDENTS.values()), dtype=float)
    out: dict[tuple[str, int], int] = {}
    for t, year in enumerate(YEARS):
        per_bezirk = split_integer(CITY_RESIDENTS[t], shares)
        for b, total in zip(BEZIRK_RESIDENTS, per_bezirk):
            members = [s for s in slugs if bezirk[s] == b]
            w = np.array([weight[s] * (1 + trend[s]) ** t for s in members])
            for s, n in zip(members, split_integer(int(total), w)):
                out[(s, year)] = int(n)
    return out


def denominators(slug: str, year: int, n: int, noise: dict) -> dict[str, int]:
    """Age groups and households that fit the residents: u15 + a15_24 ≤ u65 ≤ n."""
    L = latent(slug, year)
    p65 = min(max(0.215 - 0.025 * L + noise["p65"], 0.12), 0.30)
    p15 = min(max(0.135 + 0.012 * L + noise["p15"], 0.09), 0.19)
    p1524 = min(max(0.105 + 0.006 * L + noise["p1524"], 0.08), 0.14)
    a65 = round(n * p65)
    u65 = n - a65
    return {
        "u65": u65, "a65": a65, "u15": round(n * p15), "a1524": round(n * p1524), "alle": n,
        "hh_kinder": round(n * (0.105 + 0.006 * L + noise["hh"])),
    }


DENOMINATOR_OF = {"sgb2": "u65", "kinderarmut": "u15", "jugendarbeitslosigkeit": "a1524",
                  "altersarmut": "a65", "alleinerziehende": "hh_kinder", "kinderreiche": "hh_kinder",
                  "nichtdeutsche": "alle"}


def _solve_intercept(target: float, x: np.ndarray, den: np.ndarray) -> float:
    """a such that Σ den·expit(a + x) / Σ den = target (bisection; monotone in a)."""
    lo, hi = -15.0, 15.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if (den * expit(mid + x)).sum() / den.sum() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def counts(quarters: list[dict], pop: dict, rng: np.random.Generator) -> tuple[list[dict], dict]:
    """The index indicators' counts, and the age groups and households they rest on."""
    slugs = [q["slug"] for q in quarters]
    den_noise = {s: {"p65": rng.normal(0, 0.02), "p15": rng.normal(0, 0.01),
                     "p1524": rng.normal(0, 0.008), "hh": rng.normal(0, 0.008)} for s in slugs}
    dens = {(s, y): denominators(s, y, pop[(s, y)], den_noise[s]) for s in slugs for y in YEARS}
    rows: list[dict] = []
    for k, targets in CITY_TARGETS.items():
        b = LOADINGS[k]
        dev = {s: float(rng.normal(0, 0.3)) for s in slugs}
        yearly = {(s, y): float(rng.normal(0, 0.025)) for s in slugs for y in YEARS}
        # pin published 2010 shares in 2012, relative to the first year's intercept
        den0 = np.array([dens[(s, YEARS[0])][DENOMINATOR_OF[k]] for s in slugs], dtype=float)
        x0 = np.array([b * (latent(s, YEARS[0]) + dev[s]) for s in slugs])
        a0 = _solve_intercept(targets[0] / 100, x0, den0)
        for s in slugs:
            if (s, k) in PINNED_2012:
                dev[s] = (logit(PINNED_2012[(s, k)] / 100) - a0) / b - latent(s, YEARS[0])
        for t, year in enumerate(YEARS):
            den = np.array([dens[(s, year)][DENOMINATOR_OF[k]] for s in slugs], dtype=float)
            x = np.array([b * (latent(s, year) + dev[s]) + yearly[(s, year)] for s in slugs])
            a = _solve_intercept(targets[t] / 100, x, den)
            shares = expit(a + x)
            for s, d, p in zip(slugs, den.astype(int), shares):
                rows.append({"quartier_id": s, "indikator_id": k, "jahr": year,
                             "zaehler": int(round(d * p)), "nenner": int(d)})
    return rows, dens


# --- context indicators -------------------------------------------------------------------
# They explain the index and never enter it. Made with a generator of their own (CONTEXT_SEED), so
# adding them changed no count of the index indicators. Calibrated to the published figures where
# there are any (minors 15.7 % in 2012, 101,545 households and 20.7 % households with children in
# 2010); the other city-wide levels are plausible assumptions, stated in indikatoren.csv.
CONTEXT_SEED = SEED + 1
CONTEXT = ("minderjaehrige", "senioren", "wohndauer", "haushalte_kinder", "einpersonenhaushalte", "wohngeld",
           "zuzuege")
CONTEXT_TARGETS: dict[str, tuple[list[float], float]] = {  # city share per year, logit loading on L
    "wohndauer": ([61.0, 60.8, 60.5, 60.1, 59.6, 59.4, 59.3, 59.2, 59.4, 59.3, 58.6], -0.30),
    "einpersonenhaushalte": ([39.0, 39.2, 39.4, 39.6, 39.8, 40.0, 40.2, 40.4, 40.6, 40.8, 41.0], 0.15),
    "wohngeld": ([1.9, 1.8, 1.7, 1.6, 1.9, 1.8, 1.7, 1.6, 2.0, 1.9, 1.8], 0.40),
    "zuzuege": ([4.3, 4.5, 4.8, 5.6, 5.2, 4.9, 4.8, 4.7, 4.2, 4.4, 5.6], 0.35),
}
HOUSEHOLDS_2012 = 101_545  # Familienbefragung 2010 (WAZ), taken for 2012


def context_counts(quarters: list[dict], pop: dict, dens: dict) -> list[dict]:
    rng = np.random.default_rng(CONTEXT_SEED)
    slugs = [q["slug"] for q in quarters]
    size_noise = {s: float(rng.normal(0, 0.05)) for s in slugs}
    teen_noise = {s: float(rng.normal(0, 0.002)) for s in slugs}
    mean_size = sum(pop[(s, YEARS[0])] for s in slugs) / HOUSEHOLDS_2012
    households = {(s, y): int(round(pop[(s, y)] / (mean_size - 0.04 * (latent(s, y) - 0.3) + size_noise[s])))
                  for s in slugs for y in YEARS}
    rows: list[dict] = []

    def add(k: str, s: str, y: int, zaehler: int, nenner: int) -> None:
        rows.append({"quartier_id": s, "indikator_id": k, "jahr": y, "zaehler": int(zaehler), "nenner": int(nenner)})

    for s in slugs:
        for y in YEARS:
            d, n = dens[(s, y)], pop[(s, y)]
            # under 18 = under 15 (the denominator of child poverty) + those aged 15 to 17
            add("minderjaehrige", s, y, d["u15"] + round(n * (0.018 + 0.001 * latent(s, y) + teen_noise[s])), n)
            add("senioren", s, y, d["a65"], n)
            add("haushalte_kinder", s, y, d["hh_kinder"], households[(s, y)])
    for k, (targets, b) in CONTEXT_TARGETS.items():
        # a quarter's own deviation, large enough that context indicators are no copy of the index
        dev = {s: float(rng.normal(0, 0.8)) for s in slugs}
        for t, y in enumerate(YEARS):
            base = households if k in ("einpersonenhaushalte", "wohngeld") else pop
            den = np.array([base[(s, y)] for s in slugs], dtype=float)
            x = np.array([b * (latent(s, y) + dev[s]) + float(rng.normal(0, 0.02)) for s in slugs])
            shares = expit(_solve_intercept(targets[t] / 100, x, den) + x)
            for s, dn, p in zip(slugs, den.astype(int), shares):
                add(k, s, y, round(dn * p), dn)
    return rows


def sort_rows(rows: list[dict]) -> list[dict]:
    order = [*CITY_TARGETS, *CONTEXT]
    return sorted(rows, key=lambda r: (r["quartier_id"], order.index(r["indikator_id"]), r["jahr"]))


# --- writing ---------------------------------------------------------------------------

def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build(out: Path) -> None:
    src = out / "quellen"
    quarters, outline = read_sources(src)
    rng = np.random.default_rng(SEED)
    outline_geom = shape(outline["features"][0]["geometry"])
    polys = quarter_polygons(quarters, outline_geom)
    pop = residents(quarters, rng)
    rows, dens = counts(quarters, pop, rng)
    rows = sort_rows(rows + context_counts(quarters, pop, dens))

    write_csv(out / "quartiere.csv", ["quartier_id", "name", "name_status", "artikel", "stadtbezirk", "sozialraum"], [
        {"quartier_id": q["slug"], "name": q["name"], "name_status": NAME_STATUS[q["name_status"]],
         "artikel": ARTIKEL.get(q["slug"], ""), "stadtbezirk": q["stadtbezirk"], "sozialraum": q["sozialraum"]}
        for q in quarters])
    write_csv(out / "einwohner.csv", ["quartier_id", "jahr", "einwohner"], [
        {"quartier_id": q["slug"], "jahr": y, "einwohner": pop[(q["slug"], y)]}
        for q in quarters for y in YEARS])
    write_csv(out / "werte.csv", ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner"], rows)
    attribution = outline["source"]
    write_json(out / "quartiere.geojson", feature_collection(
        [{"type": "Feature", "properties": {"quartier_id": q["slug"]},
          "geometry": mapping(_round_coords(polys[q["slug"]]))} for q in quarters],
        name="Sozialquartiere Oberhausen (schematisch, Demonstrationsdaten)",
        attribution=f"Schematische Voronoi-Zellen; Umriss {attribution}"))
    write_json(out / "stadtgrenze.geojson", feature_collection(
        [{"type": "Feature", "properties": {"name": "Oberhausen", "ags": "05119"},
          "geometry": mapping(_round_coords(outline_geom))}],
        name="Stadtgrenze Oberhausen", attribution=attribution))
    from ..inputs.describe import write_input_package
    write_input_package(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "oberhausen")
    args = parser.parse_args(argv)
    build(args.out)
    print(f"Demonstrationsdaten geschrieben nach {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
