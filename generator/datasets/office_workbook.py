"""A workbook and an area file as a statistics office would hand them over, made from the demonstration data.

    python -m generator.datasets.office_workbook OUT_DIR [--city oberhausen] [--years 2012-2022]

Writes OUT_DIR/sozialdaten.xlsx and OUT_DIR/quartiere-25832.geojson. The workbook has what office
exports have: a notes sheet, one sheet per year, title rows, a merged two-row header, the residents
and per indicator a count, its reference group and a share (one sheet formats shares as Excel
percentages), names instead of ids with a few spelling variants, a few numbers typed as German
text, a city total and a district row, secret („.“) and missing („-“) cells in years no edition
uses, and footnotes. The area file is in ETRS89 / UTM 32N with the office's own field names.
It exists to test `sozialbericht init` and `sozialbericht import` against the embedded data.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
import shapely
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from shapely.geometry import mapping, shape

from ..paths import DATA_DIR

# Spellings an office's table might use instead of the names in quartiere.csv.
VARIANTS = {"marienviertel-west": "Marienviertel West", "osterfeld-mitte-vonderort": "Osterfeld Mitte / Vonderort",
            "sterkrade-mitte": "STERKRADE-MITTE", "schmachtendorf": "schmachtendorf"}
# Cells the office marks: (year, quarter, indicator, marker). Years outside every edition's window.
MARKED = [(2014, "lirich-nord", "jugendarbeitslosigkeit", "."), (2014, "buschhausen-biefang", "jugendarbeitslosigkeit", "."),
          (2013, "holten-barmingholten", "altersarmut", "-")]
TEXT_NUMBERS = {(2022, "innenstadt"), (2019, "alstaden")}  # residents typed as text "7.123"
PERCENT_SHEET = 2019  # shares formatted as Excel percentages (0.153 shown as 15,3 %)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _german(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def write_workbook(city_dir: Path, out: Path, years: range, residents_header: str = "Einwohner insgesamt") -> Path:
    quarters = _read(city_dir / "quartiere.csv")
    indicators = [r for r in _read(city_dir / "indikatoren.csv") if r["art"] == "index"]
    values = {(r["quartier_id"], r["indikator_id"], int(r["jahr"])): (int(r["zaehler"]), int(r["nenner"]))
              for r in _read(city_dir / "werte.csv") if r["zaehler"]}
    people = {(r["quartier_id"], int(r["jahr"])): int(r["einwohner"]) for r in _read(city_dir / "einwohner.csv")}
    wb = Workbook()
    notes = wb.active
    notes.title = "Erläuterungen"
    for i, line in enumerate(["Sozialdaten der Sozialquartiere (Demonstrationsdaten, keine amtlichen Zahlen)",
                              "Je Jahr ein Tabellenblatt; Stand jeweils 31.12.",
                              "Zeichen: „.“ = Zahlenwert geheim zu halten, „-“ = nichts vorhanden"], start=1):
        notes.cell(i, 1, line)
    bold = Font(bold=True)
    for year in years:
        ws = wb.create_sheet(str(year))
        width = 3 + 3 * len(indicators)
        ws.cell(1, 1, f"Sozialbericht – Indikatoren nach Sozialquartieren, Stand 31.12.{year}").font = bold
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(2, 1, "Demonstrationsdaten – keine amtlichen Zahlen")
        for col, head in ((1, "Sozialquartier"), (2, "Stadtbezirk"), (3, residents_header)):
            ws.cell(4, col, head).font = bold
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
        for i, ind in enumerate(indicators):
            c = 4 + 3 * i
            ws.cell(4, c, ind["titel"] if i % 2 == 0 else ind["kurzname"]).font = bold
            ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 2)
            for j, sub in enumerate(("Anzahl", ind["nenner_definition"], "Anteil in %")):
                ws.cell(5, c + j, sub).alignment = Alignment(wrap_text=True)
        row = 6
        totals = np.zeros(1 + 2 * len(indicators), dtype=np.int64)
        for q in quarters:
            qid = q["quartier_id"]
            ws.cell(row, 1, VARIANTS.get(qid, q["name"]))
            ws.cell(row, 2, q["stadtbezirk"])
            p = people[(qid, year)]
            ws.cell(row, 3, _german(p) if (year, qid) in TEXT_NUMBERS else p)
            totals[0] += p
            for i, ind in enumerate(indicators):
                c = 4 + 3 * i
                z, n = values[(qid, ind["indikator_id"], year)]
                marker = next((m for y, mq, k, m in MARKED if (y, mq, k) == (year, qid, ind["indikator_id"])), None)
                if marker:
                    ws.cell(row, c, marker)
                    ws.cell(row, c + 1, n)
                    ws.cell(row, c + 2, marker)
                    continue
                ws.cell(row, c, z)
                ws.cell(row, c + 1, n)
                share = 100 * z / n
                if year == PERCENT_SHEET:
                    ws.cell(row, c + 2, round(share / 100, 4)).number_format = "0.0%"
                else:
                    ws.cell(row, c + 2, round(share, 1)).number_format = "0.0"
                totals[1 + 2 * i] += z
                totals[2 + 2 * i] += n
            row += 1
        ws.cell(row, 1, "Stadt insgesamt").font = bold
        ws.cell(row, 3, int(totals[0]))
        for i in range(len(indicators)):
            ws.cell(row, 4 + 3 * i, int(totals[1 + 2 * i]))
            ws.cell(row, 5 + 3 * i, int(totals[2 + 2 * i]))
        row += 2
        for note in ("Quelle: Demonstrationsdaten des Sozialbericht-Generators (synthetisch).",
                     "„.“ = Zahlenwert geheim zu halten; „-“ = nichts vorhanden.",
                     "1) Einwohner mit Hauptwohnsitz."):
            ws.cell(row, 1, note)
            row += 1
        ws.column_dimensions["A"].width = 28
    target = out / "sozialdaten.xlsx"
    out.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def write_areas(city_dir: Path, out: Path) -> Path:
    """The quarters in EPSG:25832 with the office's own fields (SQ_NR, SQ_NAME, STADTBEZIRK)."""
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    quarters = {r["quartier_id"]: r for r in _read(city_dir / "quartiere.csv")}
    order = list(quarters)
    geo = json.loads((city_dir / "quartiere.geojson").read_text(encoding="utf-8"))
    features = []
    for f in geo["features"]:
        qid = f["properties"]["quartier_id"]
        g = shapely.transform(shape(f["geometry"]), lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1])))
        g = shapely.set_precision(g, 0.01)
        features.append({"type": "Feature",
                         "properties": {"SQ_NR": f"{order.index(qid) + 1:02d}", "SQ_NAME": quarters[qid]["name"],
                                        "STADTBEZIRK": quarters[qid]["stadtbezirk"]},
                         "geometry": mapping(g)})
    data = {"type": "FeatureCollection", "name": "Sozialquartiere",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}, "features": features}
    target = out / "quartiere-25832.geojson"
    out.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--city", default="oberhausen")
    p.add_argument("--years", default="2012-2022", help="von-bis, z. B. 2012-2022")
    a = p.parse_args()
    start, end = (int(x) for x in a.years.split("-"))
    city_dir = DATA_DIR / a.city
    print(write_workbook(city_dir, a.out, range(start, end + 1)))
    print(write_areas(city_dir, a.out))


if __name__ == "__main__":
    main()
