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


# --- Berlin as a city of the generator: MSS 2013, 2015, 2017 and 2019 on one grid -------------
# Each edition publishes shares at its reference date (31.12. of the year before) and two-year
# changes; Berlin publishes no counts. Editions 2013–2017 come as tables of their classified areas
# (open-lifeworlds CSVs), 2019 as the repaired GeoJSON. Areas absent from an edition's table were
# not classified there (fewer than 300 residents): they get no resident count for that year.

EDITIONS = {2013: 2012, 2015: 2014, 2017: 2016, 2019: 2018}  # edition → reference year
PUBLISHED = {2013: 2013, 2015: 2015, 2017: 2017, 2019: 2020}
# id, short name, title, numerator, denominator, unit, column in the source, MSS symbol
INDEX = [
    ("arbeitslose", "Arbeitslose", "Arbeitslose (SGB II und SGB III)", "Arbeitslose nach SGB II und SGB III",
     "Einwohner von 15 bis unter 65 Jahren", "s1_percentage_unemployed", "S1 (2013–2017)"),
    ("arbeitslose_sgb2", "Arbeitslose (SGB II)", "Arbeitslose nach SGB II", "Arbeitslose nach SGB II",
     "Einwohner von 15 bis unter 65 Jahren", "s1_percentage_unemployed", "S1 (ab 2019)"),
    ("langzeitarbeitslose", "Langzeitarbeitslose", "Langzeitarbeitslose", "Arbeitslose, die ein Jahr oder länger "
     "arbeitslos sind", "Einwohner von 15 bis unter 65 Jahren", "s2_percentage_long_term_unemployed", "S2 (bis 2017)"),
    ("transferbezug", "Transferbezug", "Nicht arbeitslose Empfänger von Transferleistungen",
     "Nicht arbeitslose Empfänger von Transferleistungen (SGB II und SGB XII)", "Einwohner",
     "s3_percentage_transfer_payments_recipients", "S3"),
    ("kinderarmut", "Kinderarmut", "Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II",
     "Kinder und Jugendliche unter 15 Jahren in Bedarfsgemeinschaften nach SGB II", "Einwohner unter 15 Jahren",
     "s4_percentage_transfer_payments_recipients_below_15_years", "S4"),
]
INDEX_OF = {2013: ["arbeitslose", "langzeitarbeitslose", "transferbezug", "kinderarmut"],
            2015: ["arbeitslose", "langzeitarbeitslose", "transferbezug", "kinderarmut"],
            2017: ["arbeitslose", "langzeitarbeitslose", "transferbezug", "kinderarmut"],
            2019: ["arbeitslose_sgb2", "transferbezug", "kinderarmut"]}
# id, short name, title, unit, direction, source column
CONTEXT = [
    ("jugendarbeitslosigkeit", "Jugendarbeitslosigkeit", "Arbeitslose unter 25 Jahren", "Prozent",
     "hoeher_benachteiligt", "k01_youth_unemployment"),
    ("alleinerziehende", "Alleinerziehende", "Haushalte von Alleinerziehenden", "Prozent", "hoeher_benachteiligt",
     "k02_single_parent_households"),
    ("altersarmut", "Altersarmut", "Empfänger von Grundsicherung im Alter", "Prozent", "hoeher_benachteiligt",
     "k03_old_age_poverty"),
    ("kinder_migrationshintergrund", "Kinder mit Migrationshintergrund",
     "Kinder und Jugendliche unter 18 Jahren mit Migrationshintergrund", "Prozent", "neutral",
     "k04_children_with_migration_background"),
    ("migrationshintergrund", "Migrationshintergrund", "Einwohner mit Migrationshintergrund", "Prozent", "neutral",
     "k05_inhabitants_with_migration_background"),
    ("veraenderung_auslaenderanteil", "Veränderung Ausländeranteil", "Veränderung des Anteils der Ausländerinnen "
     "und Ausländer", "Prozentpunkte", "neutral", "k06_change_proportion_of_foreigner"),
    ("auslaendische_transferbezieher", "Ausländische Transferbezieher",
     "Ausländerinnen und Ausländer, die Transferleistungen beziehen", "Prozent", "hoeher_benachteiligt",
     "k07_foreign_transfer_recipients"),
    ("staedtische_wohnungen", "Städtische Wohnungen", "Wohnungen städtischer Wohnungsbaugesellschaften",
     "Prozent", "neutral", "k08_urban_apartments"),
    ("einfache_wohnlage", "Einfache Wohnlage", "Wohnungen in einfacher Wohnlage", "Prozent", "hoeher_benachteiligt",
     "k09_simple_residential_area"),
    ("wohndauer", "Wohndauer ab 5 Jahren", "Einwohner mit mindestens fünf Jahren Wohndauer an derselben Adresse",
     "Prozent", "niedriger_benachteiligt", "k10_duration_of_residence_over_5_years"),
    ("wanderungsvolumen", "Wanderungsvolumen", "Zu- und Fortzüge", "je 100 Einwohner", "neutral",
     "k11_migration_volume"),
    ("wanderungssaldo", "Wanderungssaldo", "Zuzüge minus Fortzüge", "je 100 Einwohner", "neutral",
     "k12_balance_of_migration"),
    ("wanderungssaldo_kinder", "Wanderungssaldo Kinder", "Zuzüge minus Fortzüge von Kindern unter 6 Jahren",
     "je 100 Kinder unter 6 Jahren", "neutral", "k13_balance_of_migration_of_children_below_6"),
]
# The source files of 2015 and 2017 carry columns k06–k13 whose values do not fit their names:
# their ranges differ from 2013's, and none of them correlates with the same-named column of 2013
# (k01–k05 do, r ≥ 0.77; 2017 has no k02). Only the verified columns are published.
CONTEXT_OF = {2013: [c[0] for c in CONTEXT],
              2015: ["jugendarbeitslosigkeit", "alleinerziehende", "altersarmut", "kinder_migrationshintergrund",
                     "migrationshintergrund"],
              2017: ["jugendarbeitslosigkeit", "altersarmut", "kinder_migrationshintergrund", "migrationshintergrund"],
              2019: []}
SOURCE = "Amt für Statistik Berlin-Brandenburg; Bundesagentur für Arbeit"


def edition_table(year: int, src: Path = SRC) -> pd.DataFrame:
    """An edition's classified areas with the published classes, inputs and context values."""
    if year == 2019:
        frame, _ = mss2019(src)
        pub = published_2019(src)
        frame = frame[frame.index.isin(pub.index)].copy()
        for c in ("status_index", "dynamic_index", "status_dynamic_index"):
            frame[c] = pub[c].reindex(frame.index)
        return frame
    frame = pd.read_csv(src / str(year) / "planning-areas.csv", dtype={"id": str},
                        na_values={"k02_single_parent_households": ["-"]})  # "-": not published
    return frame.loc[:, ~frame.columns.duplicated()].set_index("id")


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def _num(value: float) -> str:
    return f"{value:.5f}"


def build_city(src: Path = SRC, out: Path = DATA_DIR / "berlin-mss", tolerance: float = 0.00008) -> None:
    """Write data/berlin-mss/: 448 areas, four editions with ready shares and changes."""
    frame19, features = mss2019(src)
    out.mkdir(parents=True, exist_ok=True)
    (out / "editionen").mkdir(exist_ok=True)
    ids = list(frame19.index)
    _write_csv(out / "quartiere.csv", ["quartier_id", "name", "name_status", "stadtbezirk"],
               [[i, frame19.at[i, "name"], "amtlich", BEZIRKE[i[:2]]] for i in ids])
    residents, values, changes = [], [], []
    for edition, year in EDITIONS.items():
        table = edition_table(edition, src)
        for i in ids:
            inhabitants = table.at[i, "inhabitants"] if i in table.index else np.nan
            residents.append([i, year, "" if pd.isna(inhabitants) else int(inhabitants)])
        source_column = {k: col for k, *_, col, _ in INDEX}
        context_column = {k: col for k, *_, col in CONTEXT}
        for i in ids:
            if i not in table.index:
                continue
            for k in INDEX_OF[edition]:
                share = table.at[i, source_column[k]]
                change = table.at[i, source_column[k].replace("s", "d", 1)]
                if not pd.isna(share):
                    values.append([i, k, year, _num(share)])
                if not pd.isna(change):
                    changes.append([i, k, year - 2, year, _num(change)])
            for k in CONTEXT_OF[edition]:
                v = table.at[i, context_column[k]]
                if not pd.isna(v):
                    values.append([i, k, year, _num(float(v))])
    _write_csv(out / "einwohner.csv", ["quartier_id", "jahr", "einwohner"], residents)
    _write_csv(out / "werte.csv", ["quartier_id", "indikator_id", "jahr", "anteil"], values)
    _write_csv(out / "veraenderungen.csv", ["quartier_id", "indikator_id", "von_jahr", "bis_jahr", "veraenderung"],
               changes)
    header = ["indikator_id", "kurzname", "titel", "zaehler_definition", "nenner_definition", "einheit", "quelle",
              "richtung", "art", "beschreibung", "hinweise"]
    rows = [[k, short, title, num, den, "Prozent", SOURCE, "hoeher_benachteiligt", "index", "",
             f"MSS-Indikator {symbol}; fertige Anteile und Veränderungen aus der Veröffentlichung."]
            for k, short, title, num, den, _, symbol in INDEX]
    rows += [[k, short, title, title, "(wie veröffentlicht)", unit, SOURCE, direction, "kontext", "",
              "Kontextindikator des MSS; Werte wie veröffentlicht "
              f"({', '.join(str(e) for e, ks in CONTEXT_OF.items() if k in ks)})."]
             for k, short, title, unit, direction, _ in CONTEXT]
    _write_csv(out / "indikatoren.csv", header, rows)
    geo = []
    for f in features:
        g = shapely.simplify(shape(f["geometry"]), tolerance, preserve_topology=True)
        g = shapely.set_precision(g, 1e-6)
        geo.append({"type": "Feature", "properties": {"quartier_id": f["properties"]["id"]}, "geometry": mapping(g)})
    (out / "quartiere.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": geo},
                                                      ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    for edition in EDITIONS:
        (out / "editionen" / f"{edition}.yaml").write_text(edition_yaml(edition), encoding="utf-8")
    from ..inputs.describe import write_input_package
    write_input_package(out)


CHANGES = {
    2013: "MSS 2013: Indikatoren S1–S4 (Arbeitslose nach SGB II und III, Langzeitarbeitslose, Transferbezug, "
          "Kinderarmut), Dynamik 31.12.2010–31.12.2012. Dreizehn Kontextindikatoren.",
    2015: "MSS 2015: dieselben vier Indikatoren, Dynamik 2012–2014. Von den Kontextindikatoren der Quelldatei sind nur "
          "fünf veröffentlicht; die übrigen Spalten passen nicht zu ihren Bezeichnungen.",
    2017: "MSS 2017: dieselben vier Indikatoren, Dynamik 2014–2016. Vier geprüfte Kontextindikatoren "
          "(Alleinerziehende fehlen in der Quelldatei).",
    2019: "MSS 2019: S2 (Langzeitarbeitslose) entfällt, S1 zählt nur noch Arbeitslose nach SGB II; Dynamik 2016–2018. "
          "Die Quelldatei enthält keine Kontextindikatoren.",
}


def edition_yaml(edition: int) -> str:
    year = EDITIONS[edition]
    indicators = ", ".join(INDEX_OF[edition])
    return f"""# MSS {edition}: Stichtag 31.12.{year}, Dynamik {year - 2}–{year} (zwei Jahre).
# Erzeugt von `python -m generator.datasets.berlin` aus tests/data/berlin-mss/ (siehe QUELLEN.md).
edition: {edition}
titel: MSS {edition}
veroeffentlicht: {PUBLISHED[edition]}
stichtag: "{year}-12-31"
dynamik_von: {year - 2}
dynamik_bis: {year}
status_indikatoren: [{indicators}]
dynamik_indikatoren: [{indicators}]
schwellen_status: [-1.0, 1.0, 1.5]
schwellen_dynamik: [-1.0, 1.0]
mindest_einwohner: 300
ausschluss: []
fokus_codes: [31, 33, 35, 41, 43, 45, 25]
fokus_regel: "Gebiete mit besonderem Aufmerksamkeitsbedarf: Status niedrig oder sehr niedrig, oder Status mittel mit negativer Dynamik."
datenstand: Nachberechnung
geheimhaltung:
  mindestfallzahl: 3
  mindestnenner: 100
aenderungen: >-
  {CHANGES[edition]} Planungsräume, die die Veröffentlichung nicht einstuft (weniger als 300 Einwohner),
  stehen hier ohne Einwohnerzahl und ohne Klasse.
namensnennung:
  - "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen Berlin – Monitoring Soziale Stadtentwicklung {edition}; Datengrundlage: Amt für Statistik Berlin-Brandenburg, Bundesagentur für Arbeit"
  - "Geometrie und Werte: open-lifeworlds (CC BY 4.0), vereinfacht für das Web"
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--src", type=Path, default=SRC)
    p.add_argument("--out", type=Path, default=DATA_DIR / "berlin-mss")
    args = p.parse_args(argv)
    build_city(args.src, args.out)
    print(f"Berlin MSS {', '.join(map(str, EDITIONS))} geschrieben nach {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
