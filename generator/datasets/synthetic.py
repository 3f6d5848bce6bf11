"""A synthetic city of N areas on a grid, with plausible counts: for benchmarks and scale tests.

    python -m generator.datasets.synthetic --areas 2000 --out /tmp/data/synth-2000
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
from pathlib import Path

import numpy as np

from ..paths import DATA_DIR

YEARS = [2017, 2018, 2019, 2020]
INDICATORS = {"sgb2": 15.0, "kinderarmut": 27.0, "jugendarbeitslosigkeit": 7.0, "altersarmut": 5.5,
              "alleinerziehende": 23.0, "kinderreiche": 12.0, "nichtdeutsche": 16.0}


def make_city(out: Path, n: int, seed: int = 7) -> Path:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "editionen").mkdir(exist_ok=True)
    cols = math.ceil(math.sqrt(n))
    size = 0.01  # degrees of latitude per cell
    lon0, lat0 = 7.0, 51.0
    k = math.cos(math.radians(lat0))
    ids = [f"{i + 1:05d}" for i in range(n)]
    per_district = max(1, n // 12 + 1)
    features, quarters = [], []
    latent = rng.normal(0, 1, n)
    for i, qid in enumerate(ids):
        r, c = divmod(i, cols)
        x0, y0 = lon0 + c * size / k, lat0 - r * size
        ring = [[round(x0, 6), round(y0, 6)], [round(x0 + size / k, 6), round(y0, 6)],
                [round(x0 + size / k, 6), round(y0 - size, 6)], [round(x0, 6), round(y0 - size, 6)],
                [round(x0, 6), round(y0, 6)]]
        features.append({"type": "Feature", "properties": {"quartier_id": qid},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
        quarters.append([qid, f"Gebiet {qid}", "amtlich", f"Bezirk {i // per_district + 1}", ""])
    (out / "quartiere.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    with open(out / "quartiere.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quartier_id", "name", "name_status", "stadtbezirk", "sozialraum"])
        w.writerows(quarters)
    pop = rng.integers(150, 12_000, n)
    with open(out / "einwohner.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quartier_id", "jahr", "einwohner"])
        for qid, p in zip(ids, pop):
            for y in YEARS:
                w.writerow([qid, y, int(p)])
    with open(out / "werte.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["quartier_id", "indikator_id", "jahr", "zaehler", "nenner"])
        for j, (ind, mean) in enumerate(INDICATORS.items()):
            base = np.log(mean / (100 - mean)) + 0.5 * latent + rng.normal(0, 0.3, n)
            trend = rng.normal(0, 0.05, n)
            for qid, p, b, t in zip(ids, pop, base, trend):
                den = int(p * (0.8 if ind == "sgb2" else 0.15 if ind != "nichtdeutsche" else 1.0))
                for t_i, y in enumerate(YEARS):
                    share = 1 / (1 + math.exp(-(b + t * t_i)))
                    w.writerow([qid, ind, y, int(round(den * share)), den])
    src = DATA_DIR / "oberhausen"
    shutil.copyfile(src / "indikatoren.csv", out / "indikatoren.csv")
    city = (src / "stadt.yaml").read_text(encoding="utf-8").replace("stadt: Oberhausen", "stadt: Synthetika")
    city = city.replace("titel: Sozialbericht Oberhausen", f"titel: Sozialbericht Synthetika ({n} Gebiete)")
    (out / "stadt.yaml").write_text(city, encoding="utf-8")
    (out / "editionen" / "2020.yaml").write_text(
        "edition: 2020\ntitel: Sozialbericht 2020\nveroeffentlicht: 2021\nstichtag: \"2020-12-31\"\n"
        "dynamik_von: 2017\ndynamik_bis: 2020\nmindest_einwohner: 300\ndatenstand: Demonstrationsdaten\n"
        "aenderungen: Synthetische Stadt für Leistungsmessungen.\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--areas", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    make_city(args.out, args.areas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
