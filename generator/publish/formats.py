"""The file formats of a package: CSV, "CSV für Excel", XLSX, GeoJSON, and reproducible ZIPs.

Every byte is a function of the inputs and the build date, so two builds give identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table as XlTable, TableStyleInfo

from ..language.signs import package_sign
from ..model.fields import Field
from ..model.records import CityData, PublishedTables

EXCEL_TRUE, EXCEL_FALSE = "wahr", "falsch"
SHEETS = {"indizes": "Daten", "indikatorwerte": "Indikatorwerte", "klassenwechsel": "Klassenwechsel",
          "zeitreihe": "Zeitreihe", "quartiere": "Quartiere", "indikatoren": "Indikatoren"}
# Spreadsheets evaluate a cell that begins with one of these (CSV/formula injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text for "CSV für Excel": a leading apostrophe keeps Excel and LibreOffice from evaluating it.
    Only text columns pass through here; numbers stay numbers (a negative change is no formula)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def fmt(value: Any, f: Field, excel: bool = False, sign: str = "") -> str:
    """A cell of a CSV file; an empty cell of "CSV für Excel" gets its sign (language/signs.py)."""
    if missing(value):
        return sign if excel else ""
    if f.type == "boolean":
        return (EXCEL_TRUE if value else EXCEL_FALSE) if excel else ("true" if value else "false")
    if f.type == "integer":
        return str(int(value))
    if f.type == "number":
        text = repr(round(float(value), 6))
        text = text[:-2] if text.endswith(".0") else text
        return text.replace(".", ",") if excel else text
    return spreadsheet_text(str(value)) if excel else str(value)


def _signs(name: str, frame: pd.DataFrame, defs: list[Field]) -> list[list[str]]:
    """Per column, the sign each empty cell gets in Excel and "CSV für Excel" ("" = stays empty)."""
    rows = frame.to_dict("records")
    return [[package_sign(name, r, f.name, f.type) if missing(r.get(f.name)) else "" for r in rows] for f in defs]


def csv_bytes(name: str, frame: pd.DataFrame, defs: list[Field], excel: bool = False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    w.writerow([f.name for f in defs])
    marks = _signs(name, frame, defs) if excel else [[""] * len(frame) for _ in defs]
    columns = [[fmt(v, f, excel, m) for v, m in zip(frame[f.name].tolist(), col)] for f, col in zip(defs, marks)]
    w.writerows(zip(*columns))
    return ("\ufeff" if excel else "").encode() + buf.getvalue().encode("utf-8")


def _xl(value, f: Field, sign: str):
    if missing(value):
        return sign or None
    if f.type == "integer":
        return int(value)
    if f.type == "number":
        return float(value)
    if f.type == "boolean":
        return bool(value)
    return str(value)


def _row(sheet, values: list) -> None:
    """Append a row in which every text is a string cell: openpyxl would store "=…" as a formula."""
    cells = []
    for v in values:
        if isinstance(v, str):  # validation refuses control characters; this keeps a bug from crashing
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
        cell = Cell(sheet, value=v)
        if isinstance(v, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)


def xlsx_bytes(tables: PublishedTables, fields_of, readme: str, title: str, created: dt.datetime) -> bytes:
    """The workbook: "Lies mich", one sheet per table, "Metadaten" (every column explained)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Lies mich"
    for line in readme.splitlines():
        _row(ws, [line.lstrip("# ")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
    meta = wb.create_sheet("Metadaten")
    _row(meta, ["Tabelle", "Spalte", "Bezeichnung", "Einheit", "Beschreibung"])
    for name, frame in tables.as_dict().items():
        defs = fields_of(name)
        sheet = wb.create_sheet(SHEETS[name], index=len(wb.sheetnames) - 1)
        _row(sheet, [f.name for f in defs])
        marks = _signs(name, frame, defs)
        cols = [[_xl(v, f, m) for v, m in zip(frame[f.name].tolist(), col)] for f, col in zip(defs, marks)]
        for row in zip(*cols):
            _row(sheet, list(row))
        for f in defs:
            _row(meta, [SHEETS[name], f.name, f.title, f.unit or "", f.description])
        for i, f in enumerate(defs, start=1):
            sheet.cell(1, i).font = Font(bold=True)
            sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = max(12, min(40, len(f.name) + 4))
        sheet.freeze_panes = "B2"
        ref = f"A1:{openpyxl.utils.get_column_letter(len(defs))}{len(frame) + 1}"
        t = XlTable(displayName=f"T_{name}", ref=ref)
        t.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(t)
    for c in "ABCDE":
        meta.column_dimensions[c].width = 30 if c != "E" else 90
    wb.properties.creator = "Sozialbericht-Generator"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = created
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue(), created)


def normalise_zip(blob: bytes, when: dt.datetime) -> bytes:
    """Rewrite a ZIP with fixed timestamps and order, so it is byte-identical across builds."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            content = src.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps "modified" with the wall clock
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            z.writestr(zipinfo(name, when), content)
    return out.getvalue()


def zipinfo(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=max(when, dt.datetime(1980, 1, 1)).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def zip_bytes(files: dict[str, bytes], folder: str, when: dt.datetime) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(files):
            z.writestr(zipinfo(f"{folder}/{rel}", when), files[rel])
    return buf.getvalue()


def _round(coords, digits: int):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round(c, digits) for c in coords]


def _py(v):
    return None if missing(v) else v


def geojson(data: CityData, tables: PublishedTables, digits: int = 5) -> dict:
    """RFC 7946 FeatureCollection (WGS84, ~1 m precision) with names and classes as properties."""
    q = tables.quarters.set_index("quartier_id")
    idx = tables.indices.set_index("quartier_id")
    feats = []
    for feat in data.geometry["features"]:
        qid = feat["properties"]["quartier_id"]
        props = {"quartier_id": qid, "name": q.at[qid, "name"], "statusklasse": _py(idx.at[qid, "statuslabel"]),
                 "dynamikklasse": _py(idx.at[qid, "dynamiklabel"]), "sozialindex": _py(idx.at[qid, "sozialindex"]),
                 "fokus": bool(idx.at[qid, "fokus"])}
        geom = feat["geometry"]
        feats.append({"type": "Feature", "properties": props,
                      "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"], digits)}})
    return {"type": "FeatureCollection", "features": feats}
