"""Builds the two real cases of the corpus from the published files (see the corpus README for where
they come from and under which licence):

    python tests/onboard/corpus/make/transcribe_real.py HAMBURG_XLSX KOELN_CSV KOELN_SHAPEFILE_DIR KOELN_SHP_SIMPLIFIED_DIR

The published files go into the cases unchanged (Hamburg) or cut to fewer rows (Köln table) or with
simplified geometry (Köln areas); how is said below and in the README. The expected values are
transcribed from the published cells, chosen by column letter (Hamburg) or by the table's own
`tabelle`/`zeile` labels (Köln), i.e. as a person reading the table would. Nothing here comes from
`generator`; openpyxl and csv only.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_cases import (
    INDICATOR_HEADER,
    WERTE,
    city_config,
    describe,
    fresh,
    squares,
    wgs84_bbox,
    write_csv,
)


def slug(name: str) -> str:
    t = name.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def indicator(k, short, title, num, den, source, art="index") -> list[str]:
    return [k, short, title, num, den, "Prozent", source, "hoeher_benachteiligt", art,
            f"Anteil: {num} je 100 {den}.", "Indikator, wie ihn die Quelle veröffentlicht."]


# ---------------------------------------------------------------- Hamburg

HAMBURG_DISTRICTS = [(5, 20, "Hamburg-Mitte"), (21, 34, "Altona"), (35, 43, "Eimsbüttel"), (44, 56, "Hamburg-Nord"),
                     (57, 74, "Wandsbek"), (75, 88, "Bergedorf"), (89, 103, "Harburg")]
HAMBURG_SOURCE = "Statistikamt Nord; Bundesagentur für Arbeit; Melderegister (Stadtteil-Profile 2014)"


def hamburg(xlsx: Path) -> None:
    case = "real-hamburg-stadtteilprofile-2014"
    f = fresh(case)
    shutil.copy(xlsx, f / "input" / "Daten_fuer_die_Stadtteilprofile_2014.xlsx")
    ws = openpyxl.load_workbook(xlsx, data_only=True).active
    areas = []
    for first, last, district in HAMBURG_DISTRICTS:
        for r in range(first, last + 1):
            name = ws[f"A{r}"].value
            areas.append((slug(name), name, district, r))
    assert len(areas) == 99 and len({a[0] for a in areas}) == 99
    c = f / "city"
    city_config(c, "Hamburg", [2013], ["sgb2", "kinderarmut", "arbeitslose", "jugendarbeitslosigkeit", "alleinerziehende"])
    write_csv(c / "indikatoren.csv", INDICATOR_HEADER, [
        indicator("sgb2", "SGB II", "Leistungsempfänger/-innen nach SGB II",
                  "Leistungsempfängerinnen und Leistungsempfänger nach SGB II", "Bevölkerung unter 65 Jahren",
                  HAMBURG_SOURCE),
        indicator("kinderarmut", "Kinder in Mindestsicherung", "Unter 15-Jährige in Mindestsicherung",
                  "Leistungsempfängerinnen und Leistungsempfänger unter 15 Jahren in Mindestsicherung",
                  "Bevölkerung unter 15 Jahren", HAMBURG_SOURCE),
        indicator("arbeitslose", "Arbeitslose", "Arbeitslose", "Arbeitslose nach SGB II und SGB III",
                  "Bevölkerung von 15 bis unter 65 Jahren", HAMBURG_SOURCE),
        indicator("jugendarbeitslosigkeit", "Jüngere Arbeitslose", "Jüngere Arbeitslose",
                  "Arbeitslose im Alter von 15 bis unter 25 Jahren", "Bevölkerung von 15 bis unter 25 Jahren",
                  HAMBURG_SOURCE),
        indicator("alleinerziehende", "Alleinerziehende", "Haushalte von Alleinerziehenden",
                  "Haushalte, in denen Alleinerziehende leben", "Haushalte mit Kindern", HAMBURG_SOURCE),
        indicator("nichtdeutsche", "Ausländer", "Ausländerinnen und Ausländer", "Ausländische Einwohnerinnen und Einwohner",
                  "Bevölkerung", HAMBURG_SOURCE, art="kontext"),
    ])
    write_csv(c / "quartiere.csv", ["quartier_id", "name", "stadtbezirk"], [[q, n, d] for q, n, d, _r in areas])
    geo = squares([(q,) for q, *_ in areas], x0=9.75, y0=53.45, size=0.02)
    (c / "quartiere.geojson").write_text(json.dumps(geo, indent=1) + "\n", encoding="utf-8")

    def cell(col: str, r: int):
        v = ws[f"{col}{r}"].value
        assert isinstance(v, (int, float)), (col, r, v)
        return v

    def count(col: str, r: int) -> int:
        v = cell(col, r)
        assert float(v).is_integer(), (col, r, v)
        return int(v)

    werte, people = [], []
    for q, _n, _d, r in areas:
        people.append([q, 2013, count("B", r)])
        werte.append([q, "sgb2", 2013, "", "", cell("AM", r), ""])  # count AL, share AM; reference not published
        werte.append([q, "kinderarmut", 2013, "", "", cell("AO", r), ""])  # count AN, share AO
        werte.append([q, "arbeitslose", 2013, "", "", cell("AG", r), ""])  # count AF, share AG
        werte.append([q, "jugendarbeitslosigkeit", 2013, "", "", cell("AI", r), ""])  # count AH, share AI
        werte.append([q, "alleinerziehende", 2013, count("S", r), count("Q", r), "", ""])  # share T of Q
        werte.append([q, "nichtdeutsche", 2013, count("G", r), count("B", r), "", ""])  # share H of B
    write_csv(f / "expected" / "werte.csv", WERTE, werte)
    write_csv(f / "expected" / "einwohner.csv", ["quartier_id", "jahr", "einwohner"], people)
    describe(f, """Die veröffentlichte Arbeitsmappe „Daten für die Stadtteilprofile 2014“ des Statistikamts Nord,
unverändert: ein Blatt „Stadtteilprofile 2014“, Titelzeile, dreizeiliger Kopf (Gruppen in
verbundenen Zellen, Kurzbezeichnung, Definition), 69 Spalten, von denen die Stadt sechs Indikatoren
und die Einwohner braucht; 99 Stadtteile, danach die sieben Bezirke und Hamburg. Das Jahr der Daten
ist 2013 („31.12.2013“ in der verbundenen Gruppenzelle, „(Dez 2013)“ im Kopf), nicht 2014 wie im
Blattnamen. Vier Bezirke heißen wie ein Stadtteil (Eimsbüttel, Wandsbek, Bergedorf, Harburg): die
Zeile im Bezirksblock am Ende ist der Bezirk (quartiere.csv nennt ihn als stadtbezirk), nicht ein
zweiter Wert des Stadtteils. Für SGB II, Kinder in Mindestsicherung und Arbeitslose veröffentlicht
die Tabelle Anzahl und Anteil, aber nicht die Bezugsgruppe: eingelesen wird der Anteil. „Ältere
Arbeitslose“ und „Arbeitslosenanteil Älterer“ sind nicht „Arbeitslose“; „Jüngere Arbeitslose“ ist
der Indikator der Stadt mit diesem Namen. Alleinerziehende (Anteil an den Haushalten mit Kindern)
und Ausländer (an der Bevölkerung) kommen als Zähler und Nenner. Eine Stadt würde genau diese Datei
übergeben; es gibt keine einzelne import.yaml-Zeile, die die doppelten Namen löst, also muss sie
ohne Zuordnung stimmen.""",
             ["input/Daten_fuer_die_Stadtteilprofile_2014.xlsx"],
             quelle="Statistisches Amt für Hamburg und Schleswig-Holstein (Statistikamt Nord), „Daten für die "
                    "Stadtteilprofile 2014“, https://www.statistik-nord.de/fileadmin/Dokumente/Datenbanken_und_Karten/"
                    "Daten_fuer_die_Stadtteilprofile_2014.xlsx (GovData-Datensatz „stadtteil-profile“); Kopie in "
                    "github.com/DJCordhose/big-data-visualization, data/Daten_fuer_die_Stadtteilprofile_2014.xlsx, "
                    "Commit 64b2465e5f4552ef70a9f0d5f2b9922818f97081, abgerufen 2026-12-02",
             lizenz="Datenlizenz Deutschland – Namensnennung – 2.0 (dl-de/by-2-0), © Statistikamt Nord; siehe README")


# ---------------------------------------------------------------- Köln

KOELN_YEARS = ("2011", "2012")
KOELN_TABLES = ("Einwohner in Köln", "Einwohner mit Migrationshintergrund")
KOELN_LINES = ("Einwohner", "Ausländer", "Deutsche mit Migrationshintergrund", "Einwohner mit Migrationshintergrund",
               "Eingebürgerte", "Türkei", "Europäische Union")
KOELN_SOURCE = "Stadt Köln, Amt für Stadtentwicklung und Statistik (Offene Daten Köln)"


def koeln(table: Path, shapefile: Path, simplified: Path) -> None:
    case = "real-koeln-stadtteile-shapefile-long-format"
    f = fresh(case)
    # The area file: the published .dbf, .prj, .sbn, .sbx byte for byte; .shp/.shx with the boundaries
    # simplified by 4 m (ogr2ogr -simplify 4, same features in the same order) to keep the file small.
    with zipfile.ZipFile(f / "input" / "Stadtteil.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for ext in ("dbf", "prj", "sbn", "sbx"):
            z.write(shapefile / f"Stadtteil.{ext}", f"Stadtteil/Stadtteil.{ext}")
        for ext in ("shp", "shx"):
            z.write(simplified / f"Stadtteil.{ext}", f"Stadtteil/Stadtteil.{ext}")
    # The table: the lines of two years and two of its tables, cut from the file, each kept byte for byte.
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [lines[0]]
    rows = []
    for line in lines[1:]:
        r = next(csv.DictReader(io.StringIO(lines[0] + line)))
        if r["jahr"] in KOELN_YEARS and r["tabelle"] in KOELN_TABLES and r["zeile"] in KOELN_LINES:
            keep.append(line)
            rows.append(r)
    (f / "input" / "bevoelkerung_2011_2012.csv").write_text("".join(keep), encoding="utf-8")
    c = f / "city"
    c.mkdir()
    write_csv(c / "indikatoren.csv", INDICATOR_HEADER, [
        indicator("nichtdeutsche", "Ausländer", "Ausländerinnen und Ausländer", "Ausländer", "Einwohner", KOELN_SOURCE,
                  art="kontext"),
        indicator("migration", "Migrationshintergrund", "Einwohner mit Migrationshintergrund",
                  "Einwohner mit Migrationshintergrund", "Einwohner", KOELN_SOURCE, art="kontext"),
    ])
    value = {(r["raum_id"], r["jahr"], r["tabelle"], r["zeile"]): float(r["zahl"]) for r in rows}
    stadtteile = sorted({r["raum_id"] for r in rows if int(r["raum_id"]) >= 100})
    assert len(stadtteile) == 86

    def n(key) -> int:
        v = value[key]
        assert v.is_integer()
        return int(v)

    werte, people = [], []
    for s in stadtteile:
        for y in KOELN_YEARS:
            e = n((s, y, "Einwohner in Köln", "Einwohner"))
            people.append([s, y, e])
            werte.append([s, "nichtdeutsche", y, n((s, y, KOELN_TABLES[1], "Ausländer")), e, "", ""])
            werte.append([s, "migration", y, n((s, y, KOELN_TABLES[1], "Einwohner mit Migrationshintergrund")), e, "", ""])
    write_csv(f / "expected" / "werte.csv", ["kennung"] + WERTE[1:], werte)
    write_csv(f / "expected" / "einwohner.csv", ["kennung", "jahr", "einwohner"], people)
    describe(f, """Zwei veröffentlichte Dateien der Stadt Köln. Die Stadtteile als Shapefile im ZIP (Ordner
„Stadtteil/“, .shp .shx .dbf .prj .sbn .sbx, keine .cpg): DBF in Windows-1252 (Kennzeichen 0x57),
Felder STT_NR („101“ … „909“) und STT_NAME („Altstadt/Süd“, „Dellbrück“), Koordinaten in einer
UTM-32N-Abbildung mit 2.500.000 m Rechtswert-Verschiebung, die nur die .prj beschreibt (kein
EPSG-Code passt). Die Bevölkerung im Langformat (id, tab_id, tabelle, jahr, raum_id, raum, zei_id,
zeile, zahl; Komma, UTF-8): eine Zeile je Gebiet, Jahr und Merkmal, Zahlen als „27515.0“; unter den
Gebieten auch „000 Stadt Köln“ und die neun Stadtbezirke „001“ … „009“, von denen acht wie ein
Stadtteil heißen (Rodenkirchen, Lindenthal, …) – die Kennung raum_id unterscheidet sie. Die Stadt
hat nach init ihre indikatoren.csv angepasst (city/indikatoren.csv: Ausländer,
Migrationshintergrund, beide je Einwohner). Erwartet: init legt 86 Gebiete an; import liest
Einwohner und beide Indikatoren (Zähler aus dem Merkmal, Nenner aus dem Merkmal „Einwohner“) für
2011 und 2012 ein, ohne Zuordnung.""",
             ["input/bevoelkerung_2011_2012.csv"],
             quelle="Stadt Köln, Offene Daten Köln: Stadtteile (http://offenedaten-koeln.de/sites/default/files/"
                    "2013-06-25_shape_stadtteil_0.zip) und Bevölkerung (http://www.offenedaten-koeln.de/node/303), in "
                    "der Fassung des Repositories github.com/KoelnAPI/data (data/geo-base/stadtteile/_source/Stadtteil/, "
                    "data/structure/bevoelkerung/bevoelkerung.csv), Commit 08b0255c8ea12c8efc5e8d03b473a3d8bdcaeb93, "
                    "abgerufen 2026-12-02",
             lizenz="CC BY 3.0 DE, Stadt Köln (laut KoelnAPI/data: „licensed under CC-BY license by the Cologne city "
                    "administration“)",
             init={"areas": "input/Stadtteil.zip",
                   "args": ["--name", "Köln", "--id-field", "STT_NR", "--name-field", "STT_NAME", "--edition", "2012"],
                   "expect": {"areas": 86, "kennung": ["101", "303", "909"], "crs_from": "prj",
                              "bbox": wgs84_bbox(simplified / "Stadtteil.shp")}})


if __name__ == "__main__":
    hamburg(Path(sys.argv[1]))
    koeln(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
