"""Stage 2 — validate: turn the raw files into typed tables, or say everything that is wrong.

Every problem names the file, the spreadsheet row, the column, what is wrong and what to do.
All problems are collected; the stage fails once, at the end.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from . import paths
from .config import CityConfig, EditionConfig, parse_city, parse_edition
from .errors import InputError, Problem
from .fields import FIELDS, INPUT_FILES, INPUT_TABLES, Field, Table
from .load import RawCity, RawTable, load_city

MARKUP = re.compile(r"<[A-Za-z/!]|&#?\w+;")
MAX_PROBLEMS_PER_COLUMN = 20
HTML_HINT = ("Schreiben Sie den Wert als reinen Text, ohne spitze Klammern oder HTML-Entitäten; "
             "die Website setzt Sonderzeichen selbst richtig.")


@dataclass
class CityData:
    """Validated input of one city. Frames are typed; ids are strings."""

    directory: Path
    city: CityConfig
    editions: list[EditionConfig]
    quarters: pd.DataFrame  # index quartier_id
    residents: pd.DataFrame  # quartier_id, jahr, einwohner
    indicators: pd.DataFrame  # index indikator_id, in file order
    values: pd.DataFrame  # quartier_id, indikator_id, jahr, zaehler, nenner, anteil
    changes: pd.DataFrame | None
    geometry: dict  # GeoJSON FeatureCollection, features keyed by quartier_id in order of quarters
    outline: dict | None
    notes: list[Problem] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.directory.name

    def edition(self, year: int) -> EditionConfig:
        return next(e for e in self.editions if e.edition == year)

    @property
    def latest(self) -> EditionConfig:
        return self.editions[-1]


# --- cells -------------------------------------------------------------------------------

def _parse_cell(text: str, f: Field, decimal_comma: bool) -> tuple[object, str | None]:
    """(value, None) or (None, German message)."""
    if f.type == "string":
        if f.enum is not None and text not in f.enum:
            return None, f"„{text}“ ist nicht erlaubt; erlaubt sind: {', '.join(f.enum)}."
        if f.pattern is not None and not re.fullmatch(f.pattern, text):
            return None, f"„{text}“ ist keine gültige Kennung (nur Buchstaben, Ziffern, . _ -, ohne Leerzeichen)."
        if MARKUP.search(text):
            return None, f"„{text}“ enthält HTML-Zeichen (< oder &…;)."
        return text, None
    if f.type == "boolean":
        low = text.lower()
        if low in ("true", "wahr", "ja", "1"):
            return True, None
        if low in ("false", "falsch", "nein", "0"):
            return False, None
        return None, f"„{text}“ ist kein Wahrheitswert (true/false)."
    number = text.replace("\u00a0", "").replace(" ", "")
    if decimal_comma:
        number = number.replace(".", "").replace(",", ".") if "," in number else number
    elif re.fullmatch(r"-?\d+,\d+", number):
        return None, (f"„{text}“ hat ein Dezimalkomma, die Datei ist aber mit Komma getrennt. "
                      "Speichern Sie mit Semikolon als Trennzeichen oder schreiben Sie einen Dezimalpunkt.")
    try:
        value = float(number)
    except ValueError:
        return None, f"„{text}“ ist keine Zahl."
    if f.type == "integer":
        if not value.is_integer():
            return None, f"„{text}“ ist keine ganze Zahl."
        value = int(value)
    if f.minimum is not None and value < f.minimum:
        return None, f"{text} ist kleiner als {f.minimum:g}" + (" (negativ)." if value < 0 else ".")
    if f.maximum is not None and value > f.maximum:
        return None, f"{text} ist größer als {f.maximum:g}."
    return value, None


def _header(raw: RawTable, table: Table, problems: list[Problem]) -> bool:
    ok = True
    cols = raw.header
    if len(cols) == 1 and len(table.fields) > 1:
        problems.append(Problem(raw.file, f"Die Datei hat nur eine Spalte („{cols[0][:60]}“): das Trennzeichen wurde nicht erkannt.",
                                "Speichern Sie die Tabelle als CSV mit Komma oder Semikolon als Trennzeichen.", row=1))
        return False
    for dup in sorted({c for c in cols if cols.count(c) > 1}):
        problems.append(Problem(raw.file, f"Die Spalte „{dup}“ kommt mehrfach vor.", "Löschen Sie die doppelte Spalte.",
                                row=1, field=dup))
        ok = False
    unknown = [c for c in cols if c not in table.fields]
    for col in table.required_columns:
        if col not in cols:
            close = difflib.get_close_matches(col, unknown, n=1, cutoff=0.6)
            hint = (f"Die Spalte „{close[0]}“ sieht umbenannt aus: benennen Sie sie in „{col}“ um."
                    if close else f"Ergänzen Sie die Spalte „{col}“ ({FIELDS[col].title}).")
            problems.append(Problem(raw.file, f"Die Pflichtspalte „{col}“ fehlt.", hint, row=1, field=col))
            ok = False
    for col in unknown:
        if any(difflib.get_close_matches(r, [col], n=1, cutoff=0.6) for r in table.required_columns if r not in cols):
            continue  # already reported as a renamed required column
        close = difflib.get_close_matches(col, [f for f in table.fields if f not in cols], n=1, cutoff=0.6)
        hint = (f"Die Spalte sieht umbenannt aus: benennen Sie sie in „{close[0]}“ um." if close else
                f"Erlaubt sind: {', '.join(table.fields)}. Löschen oder benennen Sie sie um.")
        problems.append(Problem(raw.file, f"Die Spalte „{col}“ ist unbekannt.", hint, row=1, field=col))
        ok = False
    if not raw.rows:
        problems.append(Problem(raw.file, "Die Datei enthält nur die Kopfzeile, keine Daten.",
                                "Exportieren Sie die Tabelle mit allen Zeilen erneut."))
        ok = False
    return ok


def typed_table(raw: RawTable, table: Table, problems: list[Problem]) -> pd.DataFrame | None:
    """Parse every cell by its field definition; the frame keeps a ``_row`` column."""
    if not _header(raw, table, problems):
        return None
    columns = [c for c in raw.header if c in table.fields]
    index = {c: raw.header.index(c) for c in columns}
    data: dict[str, list] = {c: [] for c in columns}
    per_column: dict[str, int] = {}
    bad_rows: list[bool] = []
    width = len(raw.header)
    bad_width = 0
    for rec, rownum in zip(raw.rows, raw.row_numbers):
        if len(rec) != width:
            bad_width += 1
            if bad_width > MAX_PROBLEMS_PER_COLUMN:
                for c in columns:
                    data[c].append(None)
                bad_rows.append(True)
                continue
            problems.append(Problem(
                raw.file, f"Die Zeile hat {len(rec)} Zellen, die Kopfzeile {width}.",
                "Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile"
                + (" (ein Dezimalkomma in einer kommagetrennten Datei teilt die Zahl in zwei Zellen)."
                   if len(rec) > width and raw.delimiter == "," else "."), row=rownum))
            for c in columns:
                data[c].append(None)
            bad_rows.append(True)
            continue
        bad = False
        for c in columns:
            text = rec[index[c]]
            f = FIELDS[c]
            if text == "":
                if f.required:
                    problems.append(Problem(raw.file, "Die Zelle ist leer, der Wert ist Pflicht.",
                                            f"Tragen Sie {f.title} ein.", row=rownum, field=c))
                    bad = True
                data[c].append(None)
                continue
            value, err = _parse_cell(text, f, raw.decimal_comma)
            if err:
                bad = True
                per_column[c] = per_column.get(c, 0) + 1
                if per_column[c] <= MAX_PROBLEMS_PER_COLUMN:
                    hint = (HTML_HINT if "HTML" in err else _hint(f))
                    problems.append(Problem(raw.file, err, hint, row=rownum, field=c))
            data[c].append(value)
        bad_rows.append(bad)
    if bad_width > MAX_PROBLEMS_PER_COLUMN:
        problems.append(Problem(raw.file, f"… und {bad_width - MAX_PROBLEMS_PER_COLUMN} weitere Zeilen mit falscher Zellenzahl."))
    for c, n in per_column.items():
        if n > MAX_PROBLEMS_PER_COLUMN:
            problems.append(Problem(raw.file, f"… und {n - MAX_PROBLEMS_PER_COLUMN} weitere Fehler dieser Art.",
                                    field=c))
    frame = pd.DataFrame({c: pd.Series(data[c], dtype=_dtype(FIELDS[c])) for c in columns})
    for c in table.fields:
        if c not in frame:
            frame[c] = pd.Series([None] * len(frame), dtype=_dtype(FIELDS[c]))
    frame["_row"] = raw.row_numbers
    frame["_bad"] = bad_rows  # rows with a cell error: kept for cross-table checks, skipped by value checks
    return frame[[*table.fields, "_row", "_bad"]]


def _dtype(f: Field) -> str:
    return {"string": "object", "integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(f.type, "object")


def _hint(f: Field) -> str:
    if f.type in ("integer", "number"):
        rng = []
        if f.minimum is not None:
            rng.append(f"mindestens {f.minimum:g}")
        if f.maximum is not None:
            rng.append(f"höchstens {f.maximum:g}")
        kind = "eine ganze Zahl" if f.type == "integer" else "eine Zahl"
        return f"Erwartet: {kind}" + (f" ({', '.join(rng)})" if rng else "") + f" – {f.description}"
    if f.enum:
        return f"Erwartet: einer der Werte {', '.join(f.enum)}."
    return f"Erwartet: {f.description}"


def _duplicates(frame: pd.DataFrame, keys: tuple[str, ...], file: str, problems: list[Problem]) -> None:
    dup = frame[frame.duplicated(list(keys), keep=False)]
    for _, group in dup.groupby(list(keys), sort=False):
        rows = group["_row"].tolist()
        what = ", ".join(f"{k}={group.iloc[0][k]}" for k in keys)
        problems.append(Problem(file, f"Der Schlüssel {what} kommt mehrfach vor (Zeilen {', '.join(map(str, rows))}).",
                                "Jede Kombination darf nur einmal vorkommen; löschen Sie die doppelte Zeile.",
                                row=rows[1], field=keys[0]))


def _unknown_refs(frame: pd.DataFrame, column: str, known: set[str], file: str, target: str,
                  problems: list[Problem]) -> None:
    bad = frame[frame[column].notna() & ~frame[column].isin(known)]
    for value, group in list(bad.groupby(column, sort=False))[:MAX_PROBLEMS_PER_COLUMN]:
        close = difflib.get_close_matches(str(value), sorted(known), n=1)
        hint = f"Meinten Sie „{close[0]}“?" if close else f"Ergänzen Sie „{value}“ in {target} oder korrigieren Sie die Kennung."
        rows = group["_row"].tolist()
        more = f" (und {len(rows) - 1} weitere Zeilen)" if len(rows) > 1 else ""
        problems.append(Problem(file, f"„{value}“ gibt es in {target} nicht{more}.", hint,
                                row=rows[0], field=column))


# --- tables ------------------------------------------------------------------------------

def _check_values(all_values: pd.DataFrame, file: str, problems: list[Problem]) -> pd.DataFrame:
    """Checks rows without cell errors; returns every row, with the share computed from the counts."""
    values = all_values[~all_values["_bad"]]
    has_counts = values["zaehler"].notna() & values["nenner"].notna()
    partial = values["zaehler"].notna() ^ values["nenner"].notna()
    for _, r in values[partial].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        col = "nenner" if pd.isna(r["nenner"]) else "zaehler"
        problems.append(Problem(file, "Zähler und Nenner müssen beide angegeben sein.",
                                f"Ergänzen Sie {col} oder lassen Sie beide leer und geben den Anteil an.",
                                row=int(r["_row"]), field=col))
    neither = ~has_counts & values["anteil"].isna() & ~partial
    for _, r in values[neither].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, "Weder Zähler/Nenner noch ein Anteil ist angegeben.",
                                "Tragen Sie Zähler und Nenner ein (bevorzugt) oder den fertigen Anteil in Prozent.",
                                row=int(r["_row"]), field="zaehler"))
    zero = has_counts & (values["nenner"] == 0)
    for _, r in values[zero].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, "Der Nenner ist 0; ein Anteil ist nicht berechenbar.",
                                "Lassen Sie die Zeile weg, wenn es keine Bezugsbevölkerung gibt, oder korrigieren Sie den Nenner.",
                                row=int(r["_row"]), field="nenner"))
    over = has_counts & (values["zaehler"] > values["nenner"])
    for _, r in values[over].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, f"Der Zähler ({r['zaehler']}) ist größer als der Nenner ({r['nenner']}).",
                                "Prüfen Sie, ob Zähler und Nenner vertauscht sind.", row=int(r["_row"]), field="zaehler"))
    values = all_values.copy()
    has_counts = values["zaehler"].notna() & values["nenner"].notna()
    computed = 100 * values["zaehler"].astype("Float64") / values["nenner"].astype("Float64").where(values["nenner"] != 0)
    values["anteil"] = computed.where(has_counts, values["anteil"]).astype("Float64")
    return values


def _check_geometry(raw_geo: dict, quarter_ids: list[str], outline_geom, problems: list[Problem]) -> dict | None:
    file = paths.GEOMETRY
    if not isinstance(raw_geo, dict) or raw_geo.get("type") != "FeatureCollection" or not isinstance(raw_geo.get("features"), list):
        problems.append(Problem(file, "Die Datei ist keine GeoJSON-FeatureCollection.",
                                "Exportieren Sie die Quartiere in QGIS als GeoJSON (EPSG:4326)."))
        return None
    by_id: dict[str, dict] = {}
    before = len(problems)
    for n, feat in enumerate(raw_geo["features"], start=1):
        props = (feat or {}).get("properties") or {}
        qid = props.get("quartier_id")
        where = f"Feature {n}" + (f" (quartier_id {qid})" if qid else "")
        if qid is None:
            problems.append(Problem(file, f"{where} hat keine Eigenschaft „quartier_id“.",
                                    "Jedes Feature braucht properties.quartier_id wie in quartiere.csv.", field="quartier_id"))
            continue
        qid = str(qid)
        if qid in by_id:
            problems.append(Problem(file, f"{where}: die quartier_id kommt mehrfach vor.",
                                    "Fassen Sie die Teilflächen zu einem MultiPolygon zusammen.", field="quartier_id"))
            continue
        try:
            geom = shape(feat.get("geometry"))
        except Exception as exc:  # shapely raises several types for malformed input
            problems.append(Problem(file, f"{where}: die Geometrie ist nicht lesbar ({exc}).", field="geometry"))
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            problems.append(Problem(file, f"{where}: erwartet wird eine Fläche (Polygon), gefunden {geom.geom_type}.",
                                    field="geometry"))
            continue
        minx, miny, maxx, maxy = geom.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            problems.append(Problem(file, f"{where}: Koordinaten außerhalb von WGS84 (z. B. {minx:.0f}, {miny:.0f}).",
                                    "Die Geometrie muss in EPSG:4326 (Längen-/Breitengrad) vorliegen; in QGIS beim "
                                    "Export das KBS EPSG:4326 wählen.", field="geometry"))
            continue
        if not geom.is_valid:
            problems.append(Problem(file, f"{where}: die Geometrie ist ungültig ({explain_validity(geom)}).",
                                    "In QGIS: Verarbeitung → „Geometrien reparieren“, dann erneut exportieren.",
                                    field="geometry"))
            continue
        if outline_geom is not None and not outline_geom.buffer(0.002).contains(geom):
            problems.append(Problem(file, f"{where}: die Fläche liegt (teilweise) außerhalb der Stadtgrenze.",
                                    "Prüfen Sie Koordinatensystem und Lage des Quartiers.", field="geometry"))
            continue
        by_id[qid] = {"type": "Feature", "properties": {"quartier_id": qid}, "geometry": feat["geometry"]}
    for qid in quarter_ids:
        if qid not in by_id and len(problems) == before:
            problems.append(Problem(file, f"Für das Quartier „{qid}“ gibt es keine Geometrie.",
                                    "Ergänzen Sie ein Feature mit properties.quartier_id = " + qid + ".",
                                    field="quartier_id"))
    for qid in by_id:
        if qid not in quarter_ids:
            problems.append(Problem(file, f"Die Geometrie „{qid}“ gehört zu keinem Quartier in quartiere.csv.",
                                    "Löschen Sie das Feature oder ergänzen Sie das Quartier.", field="quartier_id"))
    if len(problems) > before:
        return None
    return {"type": "FeatureCollection", "features": [by_id[q] for q in quarter_ids]}


def _check_editions(editions: list[tuple[str, EditionConfig]], indicators: pd.DataFrame | None,
                    values: pd.DataFrame | None, changes: pd.DataFrame | None, residents: pd.DataFrame | None,
                    quarter_ids: set[str], problems: list[Problem], small: set[str] = frozenset()) -> list[EditionConfig]:
    out = []
    seen: dict[int, str] = {}
    for file, ed in editions:
        if ed.edition in seen:
            problems.append(Problem(file, f"Die Ausgabe {ed.edition} ist schon in {seen[ed.edition]} beschrieben.",
                                    field="edition"))
            continue
        seen[ed.edition] = file
        if indicators is not None:
            default = tuple(indicators.index[indicators["indexindikator"].fillna(False).astype(bool)])
            if not ed.status_indikatoren or not ed.dynamik_indikatoren:
                ed = replace(ed, status_indikatoren=ed.status_indikatoren or default,
                              dynamik_indikatoren=ed.dynamik_indikatoren or default)
            for key in ("status_indikatoren", "dynamik_indikatoren"):
                for k in getattr(ed, key):
                    if k not in indicators.index:
                        close = difflib.get_close_matches(k, list(indicators.index), n=1)
                        problems.append(Problem(file, f"„{key}“ nennt den unbekannten Indikator „{k}“.",
                                                f"Meinten Sie „{close[0]}“?" if close else
                                                f"Bekannt sind: {', '.join(indicators.index)}.", field=key))
        for qid in ed.ausschluss:
            if str(qid) not in quarter_ids:
                problems.append(Problem(file, f"„ausschluss“ nennt das unbekannte Quartier „{qid}“.", field="ausschluss"))
        if residents is not None:
            have = set(residents.loc[residents["jahr"] == ed.status_jahr, "quartier_id"])
            missing = sorted(quarter_ids - have)
            if missing:
                problems.append(Problem(paths.RESIDENTS, f"Für die Ausgabe {ed.edition} fehlen Einwohnerzahlen {ed.status_jahr} "
                                        f"für {len(missing)} Quartier(e): {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}.",
                                        f"Ergänzen Sie die Zeilen mit jahr = {ed.status_jahr}.", field="jahr"))
        known = set(indicators.index) if indicators is not None else set()
        if values is not None and indicators is not None and set(ed.status_indikatoren + ed.dynamik_indikatoren) <= known:
            _check_years(file, ed, values, changes, quarter_ids - small, problems)
        out.append(ed)
    return sorted(out, key=lambda e: e.edition)


def _always_small(residents: pd.DataFrame | None, editions: list[EditionConfig]) -> set[str]:
    """Areas below every edition's minimum population: they never get a class, so they may
    have no indicator values (parks, forests, industrial areas)."""
    if residents is None or not editions:
        return set()
    small = None
    for ed in editions:
        year = residents[residents["jahr"] == ed.status_jahr]
        below = set(year.loc[year["einwohner"].fillna(0) < ed.mindest_einwohner, "quartier_id"])
        small = below if small is None else small & below
    return small or set()


def _check_years(file: str, ed: EditionConfig, values: pd.DataFrame, changes: pd.DataFrame | None,
                 quarter_ids: set[str], problems: list[Problem]) -> None:
    have = set(zip(values["quartier_id"], values["indikator_id"], values["jahr"]))
    ready = set()
    if changes is not None:
        ready = set(zip(changes["quartier_id"], changes["indikator_id"], changes["von_jahr"], changes["bis_jahr"]))
    needs: list[tuple[str, int]] = [(k, ed.status_jahr) for k in ed.status_indikatoren]
    for k in ed.dynamik_indikatoren:
        needs += [(k, ed.dynamik_von), (k, ed.dynamik_bis)]
    for k, year in dict.fromkeys(needs):
        missing = sorted(q for q in quarter_ids if (q, k, year) not in have
                         and not ((q, k, ed.dynamik_von, ed.dynamik_bis) in ready and year != ed.status_jahr))
        if missing:
            problems.append(Problem(
                paths.VALUES, f"Die Ausgabe {ed.edition} ({file}) braucht Werte des Indikators „{k}“ für {year}; "
                              f"es fehlen {len(missing)} Quartier(e): {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}.",
                f"Ergänzen Sie werte.csv um das Jahr {year} oder ändern Sie das Zeitfenster der Ausgabe.",
                field="jahr"))


def validate_raw(raw: RawCity) -> CityData:
    problems = list(raw.problems)
    frames: dict[str, pd.DataFrame | None] = {}
    for name, table in INPUT_TABLES.items():
        r = raw.tables.get(name)
        frames[name] = typed_table(r, table, problems) if r is not None else None
        if frames[name] is not None:
            _duplicates(frames[name], table.primary_key, INPUT_FILES[name], problems)

    quarters, residents, indicators = frames["quartiere"], frames["einwohner"], frames["indikatoren"]
    values, changes = frames["werte"], frames["veraenderungen"]
    quarter_ids: list[str] = list(dict.fromkeys(quarters["quartier_id"])) if quarters is not None else []
    qset = set(quarter_ids)
    city = parse_city(raw.city, paths.CITY_CONFIG, problems) if raw.city is not None else None
    parsed = [(f, parse_edition(d, f, problems)) for f, d in raw.editions.items() if d is not None]
    small = _always_small(residents, [e for _, e in parsed if e is not None])
    if quarters is not None:
        for name in ("einwohner", "werte", "veraenderungen"):
            if frames[name] is not None:
                _unknown_refs(frames[name], "quartier_id", qset, INPUT_FILES[name], paths.QUARTERS, problems)
        for name in ("einwohner", "werte"):
            if frames[name] is not None:
                exempt = small if name == "werte" else set()
                present = set(frames[name]["quartier_id"])
                missing = [q for q in quarter_ids if q not in present and q not in exempt]
                for q in missing:
                    row = int(quarters.loc[quarters["quartier_id"] == q, "_row"].iloc[0])
                    problems.append(Problem(paths.QUARTERS, f"Das Quartier „{q}“ hat keine Zeilen in {INPUT_FILES[name]}.",
                                            f"Ergänzen Sie die Daten in {INPUT_FILES[name]} oder löschen Sie das Quartier.",
                                            row=row, field="quartier_id"))
    if indicators is not None:
        for name in ("werte", "veraenderungen"):
            if frames[name] is not None:
                _unknown_refs(frames[name], "indikator_id", set(indicators["indikator_id"]), INPUT_FILES[name],
                              "indikatoren.csv", problems)
    if values is not None:
        values = _check_values(values, paths.VALUES, problems)
    if residents is not None and values is not None:
        _check_denominators(values, residents, problems)

    ind_frame = indicators.set_index("indikator_id", drop=False) if indicators is not None else None
    editions = _check_editions([(f, e) for f, e in parsed if e is not None], ind_frame, values, changes,
                               residents, qset, problems, small)

    outline_geom = None
    if isinstance(raw.outline, dict):
        try:
            outline_geom = shapely.union_all([shape(f["geometry"]) for f in raw.outline["features"]])
        except Exception:
            problems.append(Problem(paths.OUTLINE, "Die Stadtgrenze ist keine lesbare GeoJSON-Fläche."))
    geometry = (_check_geometry(raw.geometry, quarter_ids, outline_geom, problems)
                if raw.geometry is not None and quarters is not None else None)

    if problems:
        raise InputError(problems, raw.notes)
    helper = ["_row", "_bad"]
    return CityData(
        directory=raw.directory, city=city, editions=editions,
        quarters=quarters.drop(columns=helper).set_index("quartier_id", drop=False),
        residents=residents.drop(columns=helper), indicators=ind_frame.drop(columns=helper),
        values=values.drop(columns=helper),
        changes=changes.drop(columns=helper) if changes is not None else None,
        geometry=geometry, outline=raw.outline, notes=raw.notes,
    )


def _check_denominators(values: pd.DataFrame, residents: pd.DataFrame, problems: list[Problem]) -> None:
    """A denominator of persons can never exceed the residents of the quarter that year."""
    merged = values.merge(residents[["quartier_id", "jahr", "einwohner"]], on=["quartier_id", "jahr"], how="inner")
    bad = merged[merged["nenner"].notna() & (merged["nenner"] > merged["einwohner"])]
    for _, r in bad.head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(paths.VALUES, f"Der Nenner {r['nenner']} ist größer als die Einwohnerzahl "
                                f"{r['einwohner']} von „{r['quartier_id']}“ im Jahr {r['jahr']}.",
                                "Prüfen Sie Nenner und einwohner.csv.", row=int(r["_row"]), field="nenner"))


def validate_city(directory: Path) -> CityData:
    """Load and validate; raises InputError with every problem found."""
    return validate_raw(load_city(directory))
