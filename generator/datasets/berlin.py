"""Berlin's Monitoring Soziale Stadtentwicklung (MSS): read the published inputs, repair the one
known defect of the 2019 GeoJSON, and write Berlin as a city of this generator.

    python -m generator.datasets.berlin [--src tests/data/berlin-mss] [--out data/berlin-mss]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

from ..paths import DATA_DIR, ROOT

SRC = ROOT / "tests" / "data" / "berlin-mss"
BEZIRKE = {"01": "Mitte", "02": "Friedrichshain-Kreuzberg", "03": "Pankow", "04": "Charlottenburg-Wilmersdorf",
           "05": "Spandau", "06": "Steglitz-Zehlendorf", "07": "Tempelhof-Schöneberg", "08": "Neukölln",
           "09": "Treptow-Köpenick", "10": "Marzahn-Hellersdorf", "11": "Lichtenberg", "12": "Reinickendorf"}
S19 = ["s1_percentage_unemployed", "s3_percentage_transfer_payments_recipients",
       "s4_percentage_transfer_payments_recipients_below_15_years"]
D19 = [c.replace("s", "d", 1) for c in S19]
DUPLICATED_ID, CHARLOTTENBURG_ID = "06010102", "04030417"


def published_2019(src: Path = SRC) -> pd.DataFrame:
    frame = pd.read_csv(src / "2019" / "published-indices.csv", dtype={"id": str})
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return frame.set_index("id")


def mss2019(src: Path = SRC) -> tuple[pd.DataFrame, list[dict]]:
    """448 planning areas: inputs (index id) and their GeoJSON features, with the repair applied."""
    gj = json.loads((src / "2019" / "planning-areas.geojson").read_text(encoding="utf-8"))
    features = gj["features"]
    dups = [i for i, f in enumerate(features) if f["properties"]["id"] == DUPLICATED_ID]
    pub = published_2019(src)
    if len(dups) == 2:
        # The Charlottenburg copy lies west of 13.31°E (Steglitz's is south of 52.47°N).
        wrong = next(i for i in dups if shape(features[i]["geometry"]).centroid.y > 52.49)
        props = dict(features[wrong]["properties"])
        props["id"] = CHARLOTTENBURG_ID
        props["name"] = str(pub.at[CHARLOTTENBURG_ID, "name"])
        for c in [*S19, *D19, "inhabitants"]:
            props[c] = float(pub.at[CHARLOTTENBURG_ID, c])
        features[wrong] = {**features[wrong], "properties": props}
    frame = pd.DataFrame([f["properties"] for f in features]).set_index("id")
    frame.index = frame.index.astype(str)
    return frame, features


def mss2021(src: Path = SRC) -> pd.DataFrame:
    frame = pd.read_csv(src / "2021" / "index-indicators.csv", dtype={"PLR_ID": str, "BEZ_ID": str}).set_index("PLR_ID")
    for c in ["S1", "S3", "S4", "D1", "D3", "D4"]:
        frame.loc[frame[c] == -9999, c] = np.nan
    return frame


def published_2021(src: Path = SRC) -> pd.DataFrame:
    return pd.read_csv(src / "2021" / "published-indices.csv", dtype={"PLR_ID": str}).set_index("PLR_ID")


def published_z_2021(src: Path = SRC) -> pd.DataFrame:
    frame = pd.read_csv(src / "2021" / "published-z-values.csv", sep=";", encoding="utf-8-sig", dtype={"PLR-ID": str})
    frame.columns = [c.strip() for c in frame.columns]
    return frame.set_index("PLR-ID")


# --- Berlin as a city of the generator (issue: any city, any size) --------------------------

INDICATORS = [
    ("s1", "Arbeitslosigkeit (SGB II)", "Arbeitslose nach SGB II", "Einwohner von 15 bis unter 65 Jahren"),
    ("s3", "Transferbezug", "Nicht arbeitslose Empfänger von Transferleistungen (SGB II und XII)", "Einwohner"),
    ("s4", "Kinderarmut", "Kinder und Jugendliche unter 15 Jahren in Bedarfsgemeinschaften nach SGB II",
     "Einwohner unter 15 Jahren"),
]


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def build_city(src: Path = SRC, out: Path = DATA_DIR / "berlin-mss", tolerance: float = 0.00008) -> None:
    """Write data/berlin-mss/: 448 areas, ready shares (2018) and changes (2016→2018)."""
    frame, features = mss2019(src)
    out.mkdir(parents=True, exist_ok=True)
    ids = list(frame.index)
    bezirk = {i: i[:2] for i in ids}
    _write_csv(out / "quartiere.csv", ["quartier_id", "name", "name_status", "stadtbezirk"],
               [[i, frame.at[i, "name"], "amtlich", BEZIRKE[bezirk[i]]] for i in ids])
    # The 12 areas without published values have no inhabitants in the source (forests, trade fair,
    # stadium …); they are written as 0, which keeps them out of the index as in the MSS.
    _write_csv(out / "einwohner.csv", ["quartier_id", "jahr", "einwohner"],
               [[i, 2018, 0 if pd.isna(frame.at[i, "inhabitants"]) else int(frame.at[i, "inhabitants"])] for i in ids])
    values, changes = [], []
    for i in ids:
        for (k, *_), s, d in zip(INDICATORS, S19, D19):
            if not pd.isna(frame.at[i, s]):
                values.append([i, k, 2018, f"{frame.at[i, s]:.5f}"])
            if not pd.isna(frame.at[i, d]):
                changes.append([i, k, 2016, 2018, f"{frame.at[i, d]:.5f}"])
    _write_csv(out / "werte.csv", ["quartier_id", "indikator_id", "jahr", "anteil"], values)
    _write_csv(out / "veraenderungen.csv", ["quartier_id", "indikator_id", "von_jahr", "bis_jahr", "veraenderung"], changes)
    _write_csv(out / "indikatoren.csv",
               ["indikator_id", "kurzname", "titel", "zaehler_definition", "nenner_definition", "einheit", "quelle",
                "richtung", "indexindikator", "beschreibung", "hinweise"],
               [[k, short, short, num, den, "Prozent", "Amt für Statistik Berlin-Brandenburg; Bundesagentur für Arbeit",
                 "hoeher_benachteiligt", "true", "", "MSS 2019: fertige Anteile (31.12.2018) und Veränderungen (2016–2018)."]
                for k, short, num, den in INDICATORS])
    geo = []
    for f in features:
        g = shapely.simplify(shape(f["geometry"]), tolerance, preserve_topology=True)
        g = shapely.set_precision(g, 1e-6)
        geo.append({"type": "Feature", "properties": {"quartier_id": f["properties"]["id"]}, "geometry": mapping(g)})
    (out / "quartiere.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": geo},
                                                      ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    from ..inputs.describe import write_input_package
    write_input_package(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--src", type=Path, default=SRC)
    p.add_argument("--out", type=Path, default=DATA_DIR / "berlin-mss")
    args = p.parse_args(argv)
    build_city(args.src, args.out)
    print(f"Berlin MSS 2019 geschrieben nach {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
