"""Writes the hand-made hand-overs of the corpus: inputs as offices keep them, the city folder they go
into, and the values that must come out.

    python tests/onboard/corpus/make/make_cases.py            # from the repository root

Independent of the importer on purpose: this script imports nothing from `generator` (only openpyxl,
csv, json, zipfile and the standard library). The truth of each case is a small table of counts drawn
here from a seeded random generator; every input is that table laid out as an office would (title
rows, merged headers, abbreviations, German numbers, Windows-1252, …) and every expected file is the
same table in the project's input format. `.ods`, `.xls`, the shapefile and the GeoPackage are made
with LibreOffice and GDAL (`soffice`, `ogr2ogr`) from files this script writes first; the commands are
in the corpus README. The produced files are committed, so the tests need neither program.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import tempfile
import textwrap
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

CORPUS = Path(__file__).resolve().parents[1]
MINIMAL_CITY = CORPUS.parents[1] / "fixtures" / "minimal-city"

WERTE = ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "angabe"]

# The areas of the Oberhausen-like test city: (quartier_id, name, stadtbezirk).
AREAS = [
    ("innenstadt", "Innenstadt", "Alt-Oberhausen"),
    ("marienviertel-west", "Marienviertel-West", "Alt-Oberhausen"),
    ("bruecktorviertel", "Brücktorviertel", "Alt-Oberhausen"),
    ("lirich-sued", "Lirich-Süd", "Alt-Oberhausen"),
    ("osterfeld-mitte-vonderort", "Osterfeld-Mitte/Vonderort", "Osterfeld"),
    ("eisenheim-heide", "Eisenheim/Heide", "Osterfeld"),
    ("sterkrade-mitte", "Sterkrade-Mitte", "Sterkrade"),
    ("koenigshardt", "Königshardt", "Sterkrade"),
]

# indikatoren.csv rows: the seven usual indicators, worded as a city would define them.
INDICATORS = {
    "sgb2": ("SGB II", "Leistungsberechtigte nach SGB II",
             "Leistungsberechtigte in Bedarfsgemeinschaften nach SGB II unter 65 Jahren", "Einwohner unter 65 Jahren",
             "Bundesagentur für Arbeit; Einwohnermelderegister", "index"),
    "kinderarmut": ("Kinderarmut", "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
                    "Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II", "Einwohner unter 15 Jahren",
                    "Bundesagentur für Arbeit; Einwohnermelderegister", "index"),
    "jugendarbeitslosigkeit": ("Junge Arbeitslose", "Arbeitslose von 15 bis unter 25 Jahren",
                               "Arbeitslose von 15 bis unter 25 Jahren (SGB II und III)",
                               "Einwohner von 15 bis unter 25 Jahren", "Bundesagentur für Arbeit; Einwohnermelderegister",
                               "index"),
    "altersarmut": ("Altersarmut", "Empfänger von Grundsicherung im Alter",
                    "Empfänger von Grundsicherung im Alter (SGB XII Kapitel 4) ab 65 Jahren", "Einwohner ab 65 Jahren",
                    "Sozialamt; Einwohnermelderegister", "index"),
    "alleinerziehende": ("Alleinerziehende", "Haushalte von Alleinerziehenden",
                         "Haushalte von Alleinerziehenden mit Kindern unter 18 Jahren",
                         "Haushalte mit Kindern unter 18 Jahren", "Haushaltegenerierung aus dem Einwohnermelderegister",
                         "index"),
    "kinderreiche": ("Kinderreiche", "Kinderreiche Haushalte", "Haushalte mit drei und mehr Kindern unter 18 Jahren",
                     "Haushalte mit Kindern unter 18 Jahren", "Haushaltegenerierung aus dem Einwohnermelderegister",
                     "index"),
    "nichtdeutsche": ("Nichtdeutsche", "Einwohner ohne deutsche Staatsangehörigkeit",
                      "Einwohner ohne deutsche Staatsangehörigkeit", "Einwohner insgesamt", "Einwohnermelderegister",
                      "kontext"),
    "wohngeld": ("Wohngeld", "Haushalte mit Wohngeld", "Haushalte mit Wohngeld (Mietzuschuss oder Lastenzuschuss)",
                 "Haushalte insgesamt", "Wohngeldstelle; Einwohnermelderegister", "kontext"),
}
INDICATOR_HEADER = ["indikator_id", "kurzname", "titel", "zaehler_definition", "nenner_definition", "einheit", "quelle",
                    "richtung", "art", "beschreibung", "hinweise"]


# ---------------------------------------------------------------- the truth of a case

def truth(seed: int, areas, years) -> dict:
    """Counts per (quartier_id, year): residents, reference groups and the counts of every indicator."""
    rng = random.Random(seed)
    out = {}
    for qid, *_ in areas:
        ew = rng.randint(3500, 14000)
        poverty = rng.uniform(0.04, 0.30)
        foreign = rng.uniform(0.06, 0.35)
        for i, year in enumerate(years):
            e = int(ew * (1 + 0.006 * i) + rng.randint(-40, 40))
            u65 = int(e * rng.uniform(0.76, 0.82))
            u15 = int(e * rng.uniform(0.12, 0.16))
            a1525 = int(e * rng.uniform(0.09, 0.12))
            ab65 = e - u65
            hh_kinder = int(e * rng.uniform(0.09, 0.12))
            p = poverty * (1 + rng.uniform(-0.05, 0.05))
            out[(qid, year)] = {
                "einwohner": e, "u65": u65, "u15": u15, "a1525": a1525, "ab65": ab65, "hh_kinder": hh_kinder,
                "sgb2": int(u65 * p), "kinderarmut": int(u15 * p * 1.6),
                "jugendarbeitslosigkeit": int(a1525 * p * 0.35), "altersarmut": int(ab65 * p * 0.4),
                "alleinerziehende": int(hh_kinder * rng.uniform(0.15, 0.30)),
                "kinderreiche": int(hh_kinder * rng.uniform(0.08, 0.18)),
                "nichtdeutsche": int(e * foreign), "hh": int(e * 0.52), "wohngeld_anteil": round(rng.uniform(0.8, 4.5), 1),
            }
    return out


REFERENCE = {"sgb2": "u65", "kinderarmut": "u15", "jugendarbeitslosigkeit": "a1525", "altersarmut": "ab65",
             "alleinerziehende": "hh_kinder", "kinderreiche": "hh_kinder", "nichtdeutsche": "einwohner"}


def share(t: dict, k: str) -> float:
    return round(100 * t[k] / t[REFERENCE[k]], 1)


def german(n: float, decimals: int = 0) -> str:
    """12345 → "12.345", 12.5 → "12,5" (as German Excel shows and exports numbers)."""
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


# ---------------------------------------------------------------- files

def write_csv(path: Path, header: list[str], rows: list[list], *, delimiter=",", encoding="utf-8", bom=False,
              newline="\n") -> None:
    buffer = io.StringIO()
    w = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def fresh(case: str) -> Path:
    folder = CORPUS / case
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "input").mkdir(parents=True)
    return folder


HAND = "handgeschrieben (make/make_cases.py)"
CC0 = "CC0 1.0 (Testdaten des Projekts)"
IMPORTED = {"exit": 0, "werte": "expected/werte.csv", "einwohner": "expected/einwohner.csv"}


def describe(folder: Path, beschreibung: str, files: list[str], *, expect: dict | None = None, quelle: str = HAND,
             lizenz: str = CC0, init: dict | None = None, city: bool = True) -> None:
    """case.yaml (JSON scalars and lists are YAML, so every value is written with json.dumps)."""
    def q(v) -> str:
        return json.dumps(v, ensure_ascii=False)

    lines = ["beschreibung: >-", *textwrap.wrap(" ".join(beschreibung.split()), 104, initial_indent="  ",
                                                subsequent_indent="  ", break_on_hyphens=False),
             f"quelle: {q(quelle)}", f"lizenz: {q(lizenz)}"]
    if init:
        lines.append("init:")
        for k, v in init.items():
            lines += [f"  {k}:", *(f"    {k2}: {q(v2)}" for k2, v2 in v.items())] if isinstance(v, dict) else [f"  {k}: {q(v)}"]
    if city:
        lines.append("city: city/")
    lines += ["import:", f"  files: {q(files)}", "expect:", *(f"  {k}: {q(v)}" for k, v in (expect or IMPORTED).items())]
    (folder / "case.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def city_config(c: Path, name: str, years: list[int], status: list[str]) -> None:
    """stadt.yaml and the edition of the last year, copied from tests/fixtures/minimal-city and adapted: the
    status of `status`, their dynamics over the years the case has (none with a single year)."""
    (c / "editionen").mkdir(parents=True, exist_ok=True)
    text = (MINIMAL_CITY / "stadt.yaml").read_text(encoding="utf-8")
    if name != "Oberhausen":
        text = text.replace("stadt: Oberhausen", f"stadt: {name}").replace("Sozialbericht Oberhausen",
                                                                          f"Sozialbericht {name}")
    (c / "stadt.yaml").write_text(text, encoding="utf-8")
    edition = max(years)
    start, dynamics = (min(years), status) if len(years) > 1 else (edition - 1, [])
    ed = (MINIMAL_CITY / "editionen" / "2020.yaml").read_text(encoding="utf-8")
    ed = (ed.replace("edition: 2020", f"edition: {edition}").replace("Testbericht 2020", f"Testbericht {edition}")
          .replace("veroeffentlicht: 2021", f"veroeffentlicht: {edition + 1}")
          .replace('stichtag: "2020-12-31"', f'stichtag: "{edition}-12-31"')
          .replace("dynamik_von: 2018", f"dynamik_von: {start}").replace("dynamik_bis: 2020", f"dynamik_bis: {edition}")
          .replace("status_indikatoren: [sgb2, kinderarmut]", f"status_indikatoren: [{', '.join(status)}]")
          .replace("dynamik_indikatoren: [sgb2, kinderarmut]", f"dynamik_indikatoren: [{', '.join(dynamics)}]"))
    (c / "editionen" / f"{edition}.yaml").write_text(ed, encoding="utf-8")


def city(folder: Path, indicators: list[str], years: list[int], areas=AREAS, name: str = "Oberhausen") -> Path:
    """A city folder as `sozialbericht init` plus an office would leave it: stadt.yaml and the edition,
    quartiere.csv, indikatoren.csv, schematic areas."""
    c = folder / "city"
    city_config(c, name, years, [k for k in indicators if INDICATORS[k][5] == "index"])
    write_csv(c / "quartiere.csv", ["quartier_id", "name", "stadtbezirk"], [list(a) for a in areas])
    write_csv(c / "indikatoren.csv", INDICATOR_HEADER, [indicator_row(k) for k in indicators])
    (c / "quartiere.geojson").write_text(json.dumps(squares(areas), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return c


def indicator_row(k: str) -> list[str]:
    short, title, num, den, source, art = INDICATORS[k]
    richtung = "hoeher_benachteiligt"
    return [k, short, title, num, den, "Prozent", source, richtung, art, f"Anteil: {num} je 100 {den}.",
            "Testdaten des Korpus (keine amtlichen Zahlen)."]


def squares(areas, x0=6.80, y0=51.45, size=0.012) -> dict:
    """Schematic areas: a row of squares in WGS84 (import-only cases need ids, not real boundaries)."""
    feats = []
    for i, (qid, *_rest) in enumerate(areas):
        x, y = x0 + (i % 4) * size, y0 + (i // 4) * size
        ring = [[round(x, 6), round(y, 6)], [round(x + size, 6), round(y, 6)], [round(x + size, 6), round(y + size, 6)],
                [round(x, 6), round(y + size, 6)], [round(x, 6), round(y, 6)]]
        feats.append({"type": "Feature", "properties": {"quartier_id": qid},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": feats}


def expected(folder: Path, data: dict, years, indicators: list[str], *, residents=True, areas=AREAS,
             id_column="quartier_id", ids=None, markers=None, shares_only=()) -> None:
    """expected/werte.csv and einwohner.csv: counts as zaehler/nenner, marked cells as angabe."""
    markers = markers or {}
    ids = ids or {a[0]: a[0] for a in areas}
    rows = []
    for qid, *_ in areas:
        for k in indicators:
            for y in years:
                t = data[(qid, y)]
                if (qid, k, y) in markers:
                    rows.append([ids[qid], k, y, "", "", "", markers[(qid, k, y)]])
                elif k in shares_only:
                    rows.append([ids[qid], k, y, "", "", shares_only[k](t), ""])
                else:
                    rows.append([ids[qid], k, y, t[k], t[REFERENCE[k]], "", ""])
    header = [id_column] + WERTE[1:]
    if indicators:
        write_csv(folder / "expected" / "werte.csv", header, rows)
    if residents:
        write_csv(folder / "expected" / "einwohner.csv", [id_column, "jahr", "einwohner"],
                  [[ids[q], y, data[(q, y)]["einwohner"]] for q, *_ in areas for y in years])


def workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def save(wb: Workbook, path: Path) -> None:
    import datetime as dt
    stamp = dt.datetime(2023, 3, 1, 9, 0, 0)
    wb.properties.creator = "Statistikstelle"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


BOLD = Font(bold=True)


def title(ws, *lines: str) -> int:
    for i, line in enumerate(lines, start=1):
        ws.cell(i, 1, line).font = BOLD if i == 1 else Font(italic=True)
    return len(lines) + 2  # one blank row, then the header


# ---------------------------------------------------------------- the cases

def first_row_parenthetical_qualifier() -> None:
    case = "first-row-parenthetical-qualifier"
    f = fresh(case)
    years = [2021, 2022]
    data = truth(101, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    wb = workbook()
    notes = wb.create_sheet("Hinweise")
    notes["A1"] = "Sozialdaten der Sozialquartiere"
    notes["A2"] = "Je Jahr ein Tabellenblatt, Stand jeweils 31.12."
    for y in years:
        ws = wb.create_sheet(str(y))
        r = title(ws, f"Sozialdaten der Sozialquartiere, Stand 31.12.{y}",
                  "Quelle: Bundesagentur für Arbeit, Einwohnermelderegister")
        head = ["Sozialquartier (Stadtbezirk)", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II",
                "Einwohner unter 65 Jahren", "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
                "Einwohner unter 15 Jahren"]
        for c, h in enumerate(head, start=1):
            ws.cell(r, c, h).font = BOLD
        sums = [0] * 5
        for i, (qid, name, district) in enumerate(AREAS, start=1):
            t = data[(qid, y)]
            vals = [t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]]
            ws.cell(r + i, 1, f"{name} ({district})")
            for c, v in enumerate(vals, start=2):
                ws.cell(r + i, c, v).number_format = "#,##0"
            sums = [a + b for a, b in zip(sums, vals)]
        last = r + len(AREAS) + 1
        ws.cell(last, 1, "Oberhausen insgesamt").font = BOLD
        for c, v in enumerate(sums, start=2):
            ws.cell(last, c, v)
        ws.cell(last + 2, 1, "Einwohner mit Hauptwohnsitz. Leistungsberechtigte: Regelleistungsberechtigte unter 65 Jahren.")
    save(wb, f / "input" / "Sozialdaten Sozialquartiere.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Arbeitsmappe (XLSX), ein Tabellenblatt je Jahr, zwei Titelzeilen über dem Kopf, die Gebiete mit
ihrem Stadtbezirk in Klammern („Innenstadt (Alt-Oberhausen)“ in der ersten Datenzeile), Summenzeile
„Oberhausen insgesamt“ und Fußnote. Die Wörter des Kopfes sind die aus indikatoren.csv; die Klammer
ist ein Zusatz, kein anderer Name. Muss ohne Zuordnung vollständig eingelesen werden (früher: Kopf
nicht gefunden, nichts eingelesen, Exit 0).""",
             ["input/Sozialdaten Sozialquartiere.xlsx"])


def sheet_per_indicator_years_in_headers() -> None:
    case = "sheet-per-indicator-years-in-headers"
    f = fresh(case)
    years = list(range(2012, 2023))
    data = truth(102, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    wb = workbook()
    notes = wb.create_sheet("Erläuterungen")
    notes["A1"] = "Zeitreihen 2012 bis 2022, je Indikator ein Tabellenblatt"
    notes["A2"] = "Anzahl: Personen im Gebiet; Bezugsgröße: Einwohner der Altersgruppe"
    # SGB II: count and reference alternate per year
    ws = wb.create_sheet("SGB II")
    r = title(ws, "Leistungsberechtigte nach SGB II (unter 65 Jahren) je Sozialquartier")
    head = ["Sozialquartier"] + [h for y in years for h in (f"Anzahl {y}", f"Bezugsgröße {y}")]
    for c, h in enumerate(head, start=1):
        ws.cell(r, c, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        ws.cell(r + i, 1, name)
        for j, y in enumerate(years):
            ws.cell(r + i, 2 + 2 * j, data[(qid, y)]["sgb2"])
            ws.cell(r + i, 3 + 2 * j, data[(qid, y)]["u65"])
    # Kinderarmut: all counts first, then all references
    ws = wb.create_sheet("Kinderarmut")
    r = title(ws, "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften je Sozialquartier")
    head = ["Sozialquartier"] + [f"Anzahl {y}" for y in years] + [f"Bezugsgröße {y}" for y in years]
    for c, h in enumerate(head, start=1):
        ws.cell(r, c, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        ws.cell(r + i, 1, name)
        for j, y in enumerate(years):
            ws.cell(r + i, 2 + j, data[(qid, y)]["kinderarmut"])
            ws.cell(r + i, 2 + len(years) + j, data[(qid, y)]["u15"])
    # Residents: the years alone are the headers
    ws = wb.create_sheet("Einwohner")
    r = title(ws, "Einwohner mit Hauptwohnsitz je Sozialquartier, jeweils 31.12.")
    ws.cell(r, 1, "Sozialquartier").font = BOLD
    for j, y in enumerate(years):
        ws.cell(r, 2 + j, y).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        ws.cell(r + i, 1, name)
        for j, y in enumerate(years):
            ws.cell(r + i, 2 + j, data[(qid, y)]["einwohner"])
    save(wb, f / "input" / "Zeitreihen Sozialquartiere.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Je Indikator ein Tabellenblatt („SGB II“, „Kinderarmut“, „Einwohner“), die Jahre 2012–2022 im
Spaltenkopf: „Anzahl 2012“, „Bezugsgröße 2012“, … abwechselnd (SGB II), erst alle Anzahlen, dann
alle Bezugsgrößen (Kinderarmut), nur die Jahreszahl als Kopf (Einwohner). Welcher Indikator gemeint
ist, sagt allein der Name des Tabellenblatts, der dem Kurznamen in indikatoren.csv gleicht. Muss
vollständig eingelesen werden (früher: Exit 0 ohne einen Wert).""",
             ["input/Zeitreihen Sozialquartiere.xlsx"])


def long_format_cp1252() -> None:
    case = "long-format-cp1252-semicolon"
    f = fresh(case)
    years = [2021, 2022]
    data = truth(103, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    rows = []
    for y in years:
        for qid, name, _d in AREAS:
            t = data[(qid, y)]
            rows.append([name, y, "Einwohner insgesamt", german(t["einwohner"]), "", ""])
            rows.append([name, y, "Leistungsberechtigte nach SGB II", german(t["sgb2"]), german(t["u65"]),
                         german(share(t, "sgb2"), 1)])
            rows.append([name, y, "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", german(t["kinderarmut"]),
                         german(t["u15"]), german(share(t, "kinderarmut"), 1)])
    write_csv(f / "input" / "export_sozialmonitoring.csv",
              ["Gebiet", "Jahr", "Merkmal", "Anzahl", "Bezugsgröße", "Anteil in %"], rows,
              delimiter=";", encoding="cp1252", newline="\r\n")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Langformat aus einer Fachanwendung (Gebiet; Jahr; Merkmal; Anzahl; Bezugsgröße; Anteil in %), von
deutschem Excel als „CSV (Trennzeichen-getrennt)“ gespeichert: Windows-1252 (Brücktorviertel,
Lirich-Süd, Königshardt, „Bezugsgröße“), Semikolon, CRLF, Tausenderpunkt („6.807“) und Dezimalkomma
(„12,4“) in derselben Datei. Das Merkmal nennt die Bezeichnung aus indikatoren.csv; „Einwohner
insgesamt“ hat keine Bezugsgröße. Muss vollständig eingelesen werden (früher: Exit 0 ohne einen
Wert).""",
             ["input/export_sozialmonitoring.csv"])


OFFICE_SEVEN = ["sgb2", "kinderarmut", "jugendarbeitslosigkeit", "altersarmut", "alleinerziehende", "kinderreiche",
                "nichtdeutsche"]


def office_wording() -> None:
    case = "office-wording-abbreviations"
    f = fresh(case)
    years = [2022]
    data = truth(104, AREAS, years)
    city(f, OFFICE_SEVEN, years)
    wb = workbook()
    ws = wb.create_sheet("2022")
    r = title(ws, "Kleinräumige Sozialdaten 2022", "Stand: 31.12.2022; Quelle: BA-Statistik, Melderegister, Sozialamt")
    groups = [("Sozialquartier", 1, 1), ("Einwohner insg.", 2, 2),
              ("Leistungsberechtigte SGB II (u. 65 J.)", 3, 4), ("Kinder u. 15 J. in SGB-II-BG", 5, 6),
              ("Arbeitslose 15 bis u. 25 J.", 7, 8), ("Empfänger Grundsicherung im Alter", 9, 10),
              ("Haushalte", 11, 13), ("Nichtdeutsche EW", 14, 14)]
    subs = {3: "Anzahl", 4: "Bev. u. 65 J.", 5: "Anzahl", 6: "Bev. u. 15 J.", 7: "Anzahl", 8: "Bev. 15 bis u. 25 J.",
            9: "Anzahl", 10: "Bev. 65+ J.", 11: "HH mit Kindern", 12: "HH von Alleinerziehenden",
            13: "Haushalte mit 3+ Kindern"}
    for text, c1, c2 in groups:
        ws.cell(r, c1, text).font = BOLD
        if c2 > c1:
            ws.merge_cells(start_row=r, start_column=c1, end_row=r, end_column=c2)
        elif c1 not in subs:
            ws.merge_cells(start_row=r, start_column=c1, end_row=r + 1, end_column=c1)
    for c, text in subs.items():
        ws.cell(r + 1, c, text).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        t = data[(qid, 2022)]
        vals = [t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"], t["jugendarbeitslosigkeit"], t["a1525"],
                t["altersarmut"], t["ab65"], t["hh_kinder"], t["alleinerziehende"], t["kinderreiche"], t["nichtdeutsche"]]
        ws.cell(r + 1 + i, 1, name)
        for c, v in enumerate(vals, start=2):
            ws.cell(r + 1 + i, c, v).number_format = "#,##0"
    ws.cell(r + len(AREAS) + 3, 1, "BG = Bedarfsgemeinschaft; HH = Haushalte; EW = Einwohner; Bev. = Bevölkerung")
    save(wb, f / "input" / "Sozialdaten 2022.xlsx")
    expected(f, data, years, OFFICE_SEVEN)
    describe(f, """Amtsdeutsch im Kopf, zweizeilig mit verbundenen Gruppenzellen: „Einwohner insg.“,
„Leistungsberechtigte SGB II (u. 65 J.) | Anzahl“ neben „Bev. u. 65 J.“, „Kinder u. 15 J. in
SGB-II-BG | Anzahl“ neben „Bev. u. 15 J.“ (zwei Zählerspalten, die beide „SGB II“ nennen – nur eine
ist sgb2), „Arbeitslose 15 bis u. 25 J.“, „Empfänger Grundsicherung im Alter“ mit „Bev. 65+ J.“ (65+
= ab 65), „HH mit Kindern“ als Nenner zweier Indikatoren, „HH von Alleinerziehenden“, „Haushalte mit
3+ Kindern“ (3+ = drei und mehr), „Nichtdeutsche EW“ (Nenner: Einwohner insgesamt). Das sind die
üblichen Abkürzungen der Statistiktabellen (Issue 20, Punkt 5); die sieben Indikatoren sind die, die
init anlegt. Muss vollständig und richtig zugeordnet eingelesen werden.""",
             ["input/Sozialdaten 2022.xlsx"])


def convert(source: Path, fmt: str, out_dir: Path) -> Path:
    """LibreOffice, headless: the file an office using LibreOffice or old Excel would save."""
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True)
    return out_dir / (source.stem + "." + fmt.split(":")[0])


def ods_sheet_per_year(scratch: Path) -> None:
    case = "ods-sheet-per-year-markers"
    f = fresh(case)
    years = [2020, 2021, 2022]
    data = truth(105, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    markers = {("lirich-sued", "kinderarmut", 2020): "geheim", ("koenigshardt", "kinderarmut", 2021): "fehlt"}
    wb = workbook()
    for y in years:
        ws = wb.create_sheet(f"Jahr {y}")
        r = title(ws, f"Sozialquartiere {y}")
        head = ["Gebiet", "Einwohner", "SGB II Anzahl", "Einwohner unter 65 Jahren", "SGB II Anteil in %",
                "Kinderarmut Anzahl", "Einwohner unter 15 Jahren"]
        for c, h in enumerate(head, start=1):
            ws.cell(r, c, h).font = BOLD
        for i, (qid, name, _d) in enumerate(AREAS, start=1):
            t = data[(qid, y)]
            ws.cell(r + i, 1, name)
            ws.cell(r + i, 2, t["einwohner"])
            ws.cell(r + i, 3, t["sgb2"])
            ws.cell(r + i, 4, t["u65"])
            ws.cell(r + i, 5, round(t["sgb2"] / t["u65"], 4)).number_format = "0.0%"
            mark = markers.get((qid, "kinderarmut", y))
            ws.cell(r + i, 6, {"geheim": ".", "fehlt": "-"}[mark] if mark else t["kinderarmut"])
            ws.cell(r + i, 7, t["u15"])
        ws.cell(r + len(AREAS) + 2, 1, "Zeichen: . = Zahlenwert geheim zu halten; - = nichts vorhanden")
    src = scratch / "Sozialquartiere.xlsx"
    save(wb, src)
    shutil.copy(convert(src, "ods", scratch), f / "input" / "Sozialquartiere.ods")
    expected(f, data, years, ["sgb2", "kinderarmut"], markers=markers)
    describe(f, """LibreOffice-Tabellendokument (.ods, von LibreOffice aus einer XLSX gespeichert), ein Blatt je Jahr
(„Jahr 2020“ …), der SGB-II-Anteil als Prozentformat (0,153 angezeigt als 15,3 %), Zeichen „.“
(geheim) und „-“ (nichts vorhanden) in der Kinderarmut. Viele Verwaltungen arbeiten mit LibreOffice;
.ods muss gelesen werden wie .xlsx. Ein Zeichen wird als angabe übernommen, nie als 0.""",
             ["input/Sozialquartiere.ods"],
             quelle="handgeschrieben (make/make_cases.py), umgewandelt mit soffice --headless --convert-to ods")


def xls_year_column(scratch: Path) -> None:
    case = "xls-year-column"
    f = fresh(case)
    years = [2020, 2021, 2022]
    data = truth(106, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    wb = workbook()
    ws = wb.create_sheet("Daten")
    r = title(ws, "SGB II und Kinderarmut nach Sozialquartieren, 2020 bis 2022")
    head = ["Jahr", "Sozialquartier", "Einwohner", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
            "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren"]
    for c, h in enumerate(head, start=1):
        ws.cell(r, c, h).font = BOLD
    i = r
    for y in years:
        for qid, name, _d in AREAS:
            i += 1
            t = data[(qid, y)]
            for c, v in enumerate([y, name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]], start=1):
                ws.cell(i, c, v)
    src = scratch / "SGB2_Kinderarmut_2020-2022.xlsx"
    save(wb, src)
    shutil.copy(convert(src, "xls:MS Excel 97", scratch), f / "input" / "SGB2_Kinderarmut_2020-2022.xls")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Excel-97–2003-Arbeitsmappe (.xls, BIFF8, von LibreOffice geschrieben), ein Blatt „Daten“ mit einer
Spalte „Jahr“ links vor dem Gebiet, drei Jahre untereinander; der Titel nennt einen Zeitraum (2020
bis 2022), die Jahre stehen in der Spalte. Ältere Fachverfahren exportieren noch .xls; sie muss
gelesen werden wie .xlsx.""",
             ["input/SGB2_Kinderarmut_2020-2022.xls"],
             quelle="handgeschrieben (make/make_cases.py), umgewandelt mit soffice --headless --convert-to \"xls:MS Excel 97\"")


def cp1252_wide_csv() -> None:
    case = "cp1252-csv-umlauts"
    f = fresh(case)
    years = [2022]
    data = truth(107, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    rows = []
    for qid, name, _d in AREAS:
        t = data[(qid, 2022)]
        rows.append([name, german(t["einwohner"]), german(t["sgb2"]), german(t["u65"]), german(share(t, "sgb2"), 1),
                     german(t["kinderarmut"]), german(t["u15"]), german(share(t, "kinderarmut"), 1)])
    write_csv(f / "input" / "Sozialdaten 2022.csv",
              ["Sozialquartier", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II", "Bevölkerung unter 65 Jahren",
               "Anteil SGB II in %", "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
               "Bevölkerung unter 15 Jahren", "Anteil Kinderarmut in %"],
              rows, delimiter=";", encoding="cp1252", newline="\r\n")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Breite Tabelle als „CSV (Trennzeichen-getrennt)“ aus deutschem Excel: Windows-1252 mit Umlauten in
Gebietsnamen (Brücktorviertel, Lirich-Süd, Königshardt) und im Kopf („Bevölkerung unter 65 Jahren“),
Semikolon, CRLF, Tausenderpunkt und Dezimalkomma; das Jahr steht nur im Dateinamen. „Bevölkerung“
ist „Einwohner“ (Bev. steht in der Liste der Abkürzungen). Muss vollständig eingelesen werden; die
Kodierung wird erkannt und gemeldet, nie zu Mojibake.""",
             ["input/Sozialdaten 2022.csv"])


def existing_files_saved_by_excel() -> None:
    case = "existing-files-saved-by-excel"
    f = fresh(case)
    years = [2020, 2021, 2022]
    data = truth(108, AREAS, years)
    c = city(f, ["sgb2", "kinderarmut", "wohngeld"], years)
    old = [2020, 2021]
    # werte.csv and einwohner.csv as German Excel saves them ("CSV UTF-8"): BOM, semicolon, CRLF, decimal comma.
    rows = []
    for qid, *_ in AREAS:
        for k in ("sgb2", "kinderarmut"):
            for y in old:
                t = data[(qid, y)]
                rows.append([qid, k, y, t[k], t[REFERENCE[k]], "", ""])
        for y in old:
            rows.append([qid, "wohngeld", y, "", "", german(data[(qid, y)]["wohngeld_anteil"], 1), ""])
    write_csv(c / "werte.csv", WERTE, rows, delimiter=";", bom=True, newline="\r\n")
    write_csv(c / "einwohner.csv", ["quartier_id", "jahr", "einwohner"],
              [[q, y, data[(q, y)]["einwohner"]] for q, *_ in AREAS for y in old], delimiter=";", bom=True, newline="\r\n")
    wb = workbook()
    ws = wb.create_sheet("2022")
    r = title(ws, "Sozialdaten 2022")
    head = ["Sozialquartier", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
            "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren",
            "Haushalte mit Wohngeld, Anteil in %"]
    for col, h in enumerate(head, start=1):
        ws.cell(r, col, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        t = data[(qid, 2022)]
        for col, v in enumerate([name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"],
                                 t["wohngeld_anteil"]], start=1):
            ws.cell(r + i, col, v)
    save(wb, f / "input" / "Sozialdaten 2022.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut", "wohngeld"],
             shares_only={"wohngeld": lambda t: f"{t['wohngeld_anteil']:.1f}"})
    describe(f, """Der Datenverlust aus Issue 20: die Stadt hat werte.csv und einwohner.csv in deutschem Excel
bearbeitet und als „CSV UTF-8“ gespeichert (BOM, Semikolon, CRLF, Dezimalkomma im fertigen Anteil
von wohngeld), was validate annimmt; dann wird die Arbeitsmappe des nächsten Jahres (2022)
eingelesen. Erwartet: jede frühere Zeile (2020, 2021) Wert für Wert erhalten, dazu die neuen.
Früher: gemischter Kopf, Zeilen ohne Kennung, alles Frühere unlesbar – und die Meldung „Nichts wurde
verändert“.""",
             ["input/Sozialdaten 2022.xlsx"])


def semicolon_city_files() -> None:
    case = "semicolon-indikatoren-csv"
    f = fresh(case)
    years = [2022]
    data = truth(109, AREAS, years)
    c = city(f, ["sgb2", "kinderarmut"], years)
    # indikatoren.csv and quartiere.csv re-saved by German Excel: BOM, semicolon, CRLF
    for name in ("indikatoren.csv", "quartiere.csv"):
        rows = list(csv.reader(io.StringIO((c / name).read_text(encoding="utf-8"))))
        write_csv(c / name, rows[0], rows[1:], delimiter=";", bom=True, newline="\r\n")
    wb = workbook()
    ws = wb.create_sheet("2022")
    head = ["Sozialquartier", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
            "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren"]
    for col, h in enumerate(head, start=1):
        ws.cell(1, col, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=2):
        t = data[(qid, 2022)]
        for col, v in enumerate([name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]], start=1):
            ws.cell(i, col, v)
    save(wb, f / "input" / "Sozialdaten 2022.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Die Stadt hat indikatoren.csv und quartiere.csv in Excel geöffnet und wieder gespeichert: Semikolon,
BOM, CRLF, Texte mit Kommas in Anführungszeichen. validate nimmt das an, also muss import es auch
(früher: KeyError mit Traceback). Die Arbeitsmappe selbst ist gewöhnlich (ein Blatt „2022“, Kopf in
Zeile 1).""",
             ["input/Sozialdaten 2022.xlsx"])


def transcription_errors() -> None:
    case = "transcription-errors-refused"
    f = fresh(case)
    years = [2021, 2022]
    data = truth(110, AREAS, years)
    # values of 1,300-1,700 in the SGB II column, as in the transcribed tables of the issue
    rng = random.Random(1100)
    for key in data:
        data[key]["sgb2"] = rng.randint(1300, 1700)
        data[key]["u65"] = rng.randint(8000, 12000)
        data[key]["einwohner"] = int(data[key]["u65"] / 0.79)
    c = city(f, ["sgb2", "kinderarmut"], years)
    write_csv(c / "werte.csv", WERTE, [[q, k, 2021, data[(q, 2021)][k], data[(q, 2021)][REFERENCE[k]], "", ""]
                                       for q, *_ in AREAS for k in ("sgb2", "kinderarmut")])
    write_csv(c / "einwohner.csv", ["quartier_id", "jahr", "einwohner"],
              [[q, 2021, data[(q, 2021)]["einwohner"]] for q, *_ in AREAS])
    wb = workbook()
    ws = wb.create_sheet("2022")
    r = title(ws, "Sozialdaten 2022 (abgeschrieben aus dem gedruckten Bericht)")
    head = ["Sozialquartier", "Einwohner", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
            "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren"]
    for col, h in enumerate(head, start=1):
        ws.cell(r, col, h).font = BOLD
    bad = {"marienviertel-west": "1.3066", "osterfeld-mitte-vonderort": "857°", "koenigshardt": "1.64"}
    cells = {}
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        t = data[(qid, 2022)]
        for col, v in enumerate([name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]], start=1):
            ws.cell(r + i, col, v)
        if qid in bad:
            ws.cell(r + i, 3, bad[qid])  # typed as text, as a transcription leaves it
            cells[qid] = f"C{r + i}"
    save(wb, f / "input" / "Sozialdaten 2022 abgeschrieben.xlsx")
    mentions = [x for q in bad for x in (cells[q], bad[q])]
    describe(f, """Aus einem gedruckten Bericht abgeschrieben: in der Spalte der SGB-II-Leistungsberechtigten (Werte
1.300–1.700) stehen „1.3066“ (Tausenderpunkt an falscher Stelle), „857°“ (Fremdzeichen) und „1.64“
(weder deutsche noch englische Schreibweise einer Anzahl dieser Größe). Jede dieser Zellen muss mit
Adresse und Text gemeldet werden, auch im Probelauf; eingelesen wird nichts (Exit 2), werte.csv und
einwohner.csv bleiben Byte für Byte, wie sie sind.""",
             ["input/Sozialdaten 2022 abgeschrieben.xlsx"],
             expect={"exit": 2, "mentions": mentions, "writes_nothing": True})


def unplaceable_column() -> None:
    case = "unplaceable-column-mapping-hint"
    f = fresh(case)
    years = [2021, 2022]
    data = truth(111, AREAS, years)
    c = city(f, ["sgb2"], years)
    write_csv(c / "werte.csv", WERTE, [[q, "sgb2", 2021, data[(q, 2021)]["sgb2"], data[(q, 2021)]["u65"], "", ""]
                                       for q, *_ in AREAS])
    write_csv(c / "einwohner.csv", ["quartier_id", "jahr", "einwohner"],
              [[q, 2021, data[(q, 2021)]["einwohner"]] for q, *_ in AREAS])
    wb = workbook()
    ws = wb.create_sheet("2022")
    r = title(ws, "Sozialbericht – Datenreport 2022")
    for col, h in enumerate(["Stadtteil", "Einwohner", "Quote A"], start=1):
        ws.cell(r, col, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        t = data[(qid, 2022)]
        ws.cell(r + i, 1, name)
        ws.cell(r + i, 2, t["einwohner"])
        ws.cell(r + i, 3, share(t, "sgb2"))
    ws.cell(r + len(AREAS) + 2, 1, "Quote A: siehe Methodenteil des Berichts")
    save(wb, f / "input" / "Datenreport 2022.xlsx")
    describe(f, """Eine Spalte, die nur der Bericht erklärt: „Quote A“ (so heißen im Freiburger Datenreport die
SGB-II-Quoten). Nichts im Kopf verbindet sie mit einem Indikator aus indikatoren.csv; raten wäre ein
stiller Fehler, weglassen hieße Exit 0 mit weniger Werten, als die Tabelle hat (der einzige
Indikator der Stadt bekäme keinen Wert, obwohl eine Zahlenspalte übrig bleibt). Erwartet: Exit 2,
die Meldung nennt die Spalte und die eine Zeile für import.yaml (etwa „"Quote A": {rolle: anteil,
indikator: sgb2}“); nichts wird geschrieben.""",
             ["input/Datenreport 2022.xlsx"],
             expect={"exit": 2, "mentions": ["Quote A", "import.yaml"], "mapping_hint": True, "writes_nothing": True})


def no_year_anywhere() -> None:
    case = "no-year-anywhere-refused"
    f = fresh(case)
    years = [2021, 2022]
    data = truth(112, AREAS, years)
    c = city(f, ["sgb2", "kinderarmut"], years)
    write_csv(c / "einwohner.csv", ["quartier_id", "jahr", "einwohner"],
              [[q, 2021, data[(q, 2022)]["einwohner"] - 17] for q, *_ in AREAS])
    wb = workbook()
    ws = wb.create_sheet("Tabelle1")
    r = title(ws, "Sozialdaten der Sozialquartiere")
    head = ["Sozialquartier", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
            "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren"]
    for col, h in enumerate(head, start=1):
        ws.cell(r, col, h).font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=1):
        t = data[(qid, 2022)]
        for col, v in enumerate([name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]], start=1):
            ws.cell(r + i, col, v)
    save(wb, f / "input" / "Sozialdaten.xlsx")
    describe(f, """Weder Dateiname noch Tabellenblatt („Tabelle1“) noch Titel oder Spaltenkopf nennen ein Jahr. Das
Jahr zu raten (etwa das Vorjahr) wäre ein stiller Fehler. Erwartet: Exit 2 mit der Zeile für
import.yaml („jahr: …“, gleichwertig --jahr); nichts wird geschrieben.""",
             ["input/Sozialdaten.xlsx"],
             expect={"exit": 2, "mentions": ["Jahr", "import.yaml"], "mapping_hint": True, "writes_nothing": True})


def one_file_per_indicator() -> None:
    case = "one-file-per-indicator"
    f = fresh(case)
    years = [2022]
    data = truth(113, AREAS, years)
    city(f, ["sgb2", "kinderarmut"], years)
    for label, k in (("SGB II", "sgb2"), ("Kinderarmut", "kinderarmut")):
        wb = workbook()
        ws = wb.create_sheet("Tabelle1")
        for col, h in enumerate(["Sozialquartier", "Anzahl", "Bezugsgröße", "Anteil in %"], start=1):
            ws.cell(1, col, h).font = BOLD
        for i, (qid, name, _d) in enumerate(AREAS, start=2):
            t = data[(qid, 2022)]
            for col, v in enumerate([name, t[k], t[REFERENCE[k]], share(t, k)], start=1):
                ws.cell(i, col, v)
        save(wb, f / "input" / f"{label} 2022.xlsx")
    wb = workbook()
    ws = wb.create_sheet("Tabelle1")
    ws.cell(1, 1, "Sozialquartier").font = BOLD
    ws.cell(1, 2, "Einwohner insgesamt").font = BOLD
    for i, (qid, name, _d) in enumerate(AREAS, start=2):
        ws.cell(i, 1, name)
        ws.cell(i, 2, data[(qid, 2022)]["einwohner"])
    save(wb, f / "input" / "Einwohner 2022.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut"])
    describe(f, """Eine Datei je Indikator, wie sie verschiedene Stellen liefern: „SGB II 2022.xlsx“ und „Kinderarmut
2022.xlsx“ mit den Köpfen „Anzahl“, „Bezugsgröße“, „Anteil in %“ (der Indikator steht nur im
Dateinamen, dem Kurznamen aus indikatoren.csv), dazu „Einwohner 2022.xlsx“. Alle drei in einem
Aufruf von import; das Jahr steht im Dateinamen. Muss vollständig eingelesen werden.""",
             ["input/SGB II 2022.xlsx", "input/Kinderarmut 2022.xlsx", "input/Einwohner 2022.xlsx"])


# ---------------------------------------------------------------- area files: shapefile and GeoPackage

# Hand-drawn areas in ETRS89 / UTM 32N (EPSG:25832): a 3 x 2 grid of blocks, each with a vertex in the
# middle of its top edge (shared with nothing, so the neighbours still meet without gaps or overlaps).
def grid_rings(x0: float, y0: float, w: float, h: float, cols: int, rows: int) -> list[list[list[float]]]:
    out = []
    for j in range(rows):
        for i in range(cols):
            x, y = x0 + i * w, y0 + j * h
            out.append([[x, y], [x + w, y], [x + w, y + h], [x + w / 2, y + h], [x, y + h], [x, y]])
    return out


def wgs84_bbox(path: Path, *layer: str) -> list[float]:
    """[west, south, east, north] of an area file in WGS84, as GDAL reprojects it (ogr2ogr -t_srs EPSG:4326,
    then ogrinfo's extent): what init must arrive at when it reads the coordinate system from the file."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "wgs84.geojson"
        subprocess.run(["ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", str(target), str(path), *layer],
                       check=True, capture_output=True)
        info = subprocess.run(["ogrinfo", "-so", "-al", str(target)], check=True, capture_output=True, text=True).stdout
    x1, y1, x2, y2 = map(float, re.search(r"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)", info).groups())
    return [round(x1, 4), round(y1, 4), round(x2, 4), round(y2, 4)]


STGT = [("STGT01", "01 Altstadt", "Altstadt"), ("STGT02", "02 Westliche Höhe", "Westliche_Höhe"),
        ("STGT03", "03 Nördliche Vorstadt", "Nördliche_Vorstadt"), ("STGT04", "04 Südstadt", "Südstadt"),
        ("STGT05", "05 Große Heide", "Große_Heide"), ("STGT06", "06 Weststraße", "Weststraße")]


def zipped_shapefile(scratch: Path) -> None:
    case = "zipped-shapefile-stgt-codes"
    f = fresh(case)
    rings = grid_rings(360000.0, 5700000.0, 1500.0, 1200.0, 3, 2)
    gj = {"type": "FeatureCollection", "name": "Stadtteile",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
          "features": [{"type": "Feature", "properties": {"STGT": code, "NAME": name, "FLAECHE_HA": 180.0},
                        "geometry": {"type": "Polygon", "coordinates": [ring]}}
                       for (code, name, _t), ring in zip(STGT, rings)]}
    src = scratch / "stadtteile_25832.geojson"
    src.write_text(json.dumps(gj, ensure_ascii=False), encoding="utf-8")
    out = scratch / "shp"
    out.mkdir()
    subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=CP1252", "-a_srs", "EPSG:25832",
                    str(out / "Stadtteile.shp"), str(src)], check=True, capture_output=True)
    # What ArcGIS adds beside a shapefile: its spatial index (.sbn/.sbx, read by nobody here, so only the
    # 100-byte header ArcGIS writes, with the file code 9994 and the bounding box) and its metadata (.shp.xml).
    header = (out / "Stadtteile.shp").read_bytes()[:100]
    for ext, length_words in ((".sbn", 50), (".sbx", 50)):
        (out / f"Stadtteile{ext}").write_bytes(header[:24] + length_words.to_bytes(4, "big") + header[28:100])
    (out / "Stadtteile.shp.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<metadata xml:lang="de"><Esri><CreaDate>20230301</CreaDate>'
        "<ArcGISFormat>1.0</ArcGISFormat></Esri><dataIdInfo><idCitation><resTitle>Stadtteile</resTitle>"
        "</idCitation><idAbs>Statistische Stadtteile (Testdaten)</idAbs></dataIdInfo></metadata>\n", encoding="utf-8")
    with zipfile.ZipFile(f / "input" / "Stadtteile.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(out.iterdir()):
            z.write(p, p.name)
    years = [2022]
    areas = [(code, t, "") for code, _n, t in STGT]
    data = truth(114, areas, years)
    wb = workbook()
    ws = wb.create_sheet("2022")
    r = title(ws, "Stadtteile 2022", "Nr. = Stadtteilnummer der Statistikstelle")
    head = ["Nr.", "Stadtteil", "Einwohner", "SGB II Anzahl", "Einwohner unter 65 Jahren", "Kinderarmut Anzahl",
            "Einwohner unter 15 Jahren"]
    for col, h in enumerate(head, start=1):
        ws.cell(r, col, h).font = BOLD
    for i, (code, table_name, _d) in enumerate(areas, start=1):
        t = data[(code, 2022)]
        for col, v in enumerate([i, table_name, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]], start=1):
            ws.cell(r + i, col, v)
    save(wb, f / "input" / "Stadtteile 2022.xlsx")
    expected(f, data, years, ["sgb2", "kinderarmut"], areas=areas, id_column="kennung")
    describe(f, """Das GIS liefert ein gezipptes Shapefile (.shp .shx .dbf .prj .cpg .sbn .sbx .shp.xml) in ETRS89/UTM
32N (EPSG:25832, aus der .prj), die DBF in Windows-1252 („Westliche Höhe“, „Große Heide“,
„Weststraße“), Kennung STGT01 … STGT06, Namen mit Nummer davor („01 Altstadt“): init teilt sie in
Nummer und Namen, weil alle so beginnen. Die Statistik nennt die Stadtteile mit der bloßen Nummer (1
… 6) und mit Namen wie „Westliche_Höhe“ (Unterstrich statt Leerzeichen). Erwartet: init legt sechs
Gebiete an, import ordnet 1 ↔ STGT01 zu und liest alles ohne Zuordnung ein.""",
             ["input/Stadtteile 2022.xlsx"],
             quelle="handgeschrieben (make/make_cases.py), Shapefile mit ogr2ogr aus handgezeichnetem GeoJSON",
             init={"areas": "input/Stadtteile.zip",
                   "args": ["--id-field", "STGT", "--name-field", "NAME", "--edition", "2022"],
                   "expect": {"areas": 6, "kennung": ["STGT01", "STGT02", "STGT06"], "crs_from": "prj",
                              "bbox": wgs84_bbox(out / "Stadtteile.shp")}},
             city=False)


GPKG_AREAS = [(1, "Altstadt", "Mitte"), (2, "Neustadt", "Mitte"), (3, "Hafen", "Mitte"), (4, "Am Berg", "Nord"),
              (5, "Feldmark", "Nord")]


def geopackage_two_layers(scratch: Path) -> None:
    case = "geopackage-two-layers"
    f = fresh(case)
    # ETRS89 / UTM 33N (EPSG:25833): five areas in a row, two districts covering them
    x0, y0, w, h = 390000.0, 5800000.0, 1000.0, 1400.0
    feats = []
    for i, (nr, name, district) in enumerate(GPKG_AREAS):
        x = x0 + i * w
        ring = [[x, y0], [x + w, y0], [x + w, y0 + h], [x + w / 2, y0 + h + 150.0], [x, y0 + h], [x, y0]]
        feats.append({"type": "Feature", "properties": {"STT_NR": nr, "STT_NAME": name, "BEZIRK": district},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    districts = [{"type": "Feature", "properties": {"BEZ_NR": 1, "BEZ_NAME": "Mitte"},
                  "geometry": {"type": "Polygon", "coordinates": [[[x0, y0], [x0 + 3 * w, y0], [x0 + 3 * w, y0 + h],
                                                                   [x0, y0 + h], [x0, y0]]]}},
                 {"type": "Feature", "properties": {"BEZ_NR": 2, "BEZ_NAME": "Nord"},
                  "geometry": {"type": "Polygon", "coordinates": [[[x0 + 3 * w, y0], [x0 + 5 * w, y0],
                                                                   [x0 + 5 * w, y0 + h], [x0 + 3 * w, y0 + h],
                                                                   [x0 + 3 * w, y0]]]}}]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    a, b = scratch / "stadtteile.geojson", scratch / "stadtbezirke.geojson"
    a.write_text(json.dumps({"type": "FeatureCollection", "name": "stadtteile", "crs": crs, "features": feats}), "utf-8")
    b.write_text(json.dumps({"type": "FeatureCollection", "name": "stadtbezirke", "crs": crs, "features": districts}),
                 "utf-8")
    gpkg = f / "input" / "gebiete.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-nln", "stadtbezirke", str(gpkg), str(b)], check=True, capture_output=True)
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", "-nln", "stadtteile", str(gpkg), str(a)], check=True,
                   capture_output=True)
    years = [2021, 2022]
    areas = [(str(nr), name, d) for nr, name, d in GPKG_AREAS]
    data = truth(115, areas, years)
    rows = []
    for y in years:
        for nr, name, _d in areas:
            t = data[(nr, y)]
            rows.append([f"{int(nr):02d} {name}", y, t["einwohner"], t["sgb2"], t["u65"], t["kinderarmut"], t["u15"]])
    write_csv(f / "input" / "Sozialdaten Stadtteile.csv",
              ["Stadtteil", "Jahr", "Einwohner insgesamt", "Leistungsberechtigte nach SGB II", "Einwohner unter 65 Jahren",
               "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften", "Einwohner unter 15 Jahren"], rows,
              delimiter=";", bom=True, newline="\r\n")
    expected(f, data, years, ["sgb2", "kinderarmut"], areas=areas, id_column="kennung")
    describe(f, """Das GIS liefert eine GeoPackage-Datei mit zwei Ebenen („stadtbezirke“ mit 2, „stadtteile“ mit 5
Flächen) in ETRS89/UTM 33N (EPSG:25833, aus den Metadaten der Datei); die Ebene wird gewählt
(--layer), die Kennung ist eine ganze Zahl (STT_NR 1 … 5). Die Statistik (CSV UTF-8 mit BOM,
Semikolon, Spalte Jahr) nennt die Stadtteile „01 Altstadt“, „02 Neustadt“ … – Nummer mit führender
Null vor dem Namen. Erwartet: init legt fünf Gebiete an; import ordnet „01 Altstadt“ der Kennung 1 /
dem Namen Altstadt zu und liest alles ohne Zuordnung ein.""",
             ["input/Sozialdaten Stadtteile.csv"],
             quelle="handgeschrieben (make/make_cases.py), GeoPackage mit ogr2ogr aus handgezeichnetem GeoJSON",
             init={"areas": "input/gebiete.gpkg",
                   "args": ["--layer", "stadtteile", "--id-field", "STT_NR", "--name-field", "STT_NAME",
                            "--district-field", "BEZIRK", "--edition", "2022"],
                   "expect": {"areas": 5, "kennung": ["1", "5"], "crs_from": "gpkg",
                              "bbox": wgs84_bbox(gpkg, "stadtteile")}},
             city=False)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        first_row_parenthetical_qualifier()
        sheet_per_indicator_years_in_headers()
        long_format_cp1252()
        office_wording()
        ods_sheet_per_year(scratch)
        xls_year_column(scratch)
        cp1252_wide_csv()
        existing_files_saved_by_excel()
        semicolon_city_files()
        transcription_errors()
        unplaceable_column()
        no_year_anywhere()
        one_file_per_indicator()
        zipped_shapefile(scratch)
        geopackage_two_layers(scratch)


if __name__ == "__main__":
    main()
