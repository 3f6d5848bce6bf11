"""Stage 4 — package: a Frictionless Data Package v2 per edition, in the formats journalists use.

Per edition, under daten/<edition>/: canonical CSVs (UTF-8, no BOM), "CSV für Excel"
(`;`, decimal comma, UTF-8 with BOM), an XLSX workbook, GeoJSON, README.md, CITATION.cff,
datapackage.json, a ZIP of it all and SHA256SUMS. Every byte is a function of the inputs and
SOURCE_DATE_EPOCH, so two builds give identical files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import yaml
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table as XlTable, TableStyleInfo

from . import paths
from .fields import PUBLISHED_TABLES, SUPPRESSED, Field, table_schema, z_field
from .indices import EditionResult
from .tables import PublishedTables, published
from .validate import CityData

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MISSING = [{"value": "", "label": "kein Wert"},
           {"value": SUPPRESSED, "label": "geheim (Geheimhaltung: Fallzahl oder Nenner zu klein)"}]
EXCEL_TRUE, EXCEL_FALSE = "wahr", "falsch"


def build_date(ed) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else the edition's reference date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(ed.stichtag, dt.time())


def package_name(data: CityData) -> str:
    return f"sozialbericht-{data.slug}"


# --- cell formatting ----------------------------------------------------------------------

def fmt(value: Any, f: Field, excel: bool = False, suppressed: bool = False) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return SUPPRESSED if suppressed else ""
    if f.type == "boolean":
        return (EXCEL_TRUE if value else EXCEL_FALSE) if excel else ("true" if value else "false")
    if f.type == "integer":
        return str(int(value))
    if f.type == "number":
        text = repr(round(float(value), 6))
        text = text[:-2] if text.endswith(".0") else text
        return text.replace(".", ",") if excel else text
    return str(value)


def _fields_of(name: str, tables: PublishedTables, data: CityData) -> list[Field]:
    defs = PUBLISHED_TABLES[name].field_defs()
    if name == "indizes":
        titles = data.indicators["kurzname"].to_dict()
        z = [z_field(col, titles[k], kind) for col, k, kind in tables.z_columns]
        defs = defs[:3] + z + defs[3:]
    return defs


def write_table(path: Path, name: str, frame: pd.DataFrame, defs: list[Field], excel: bool = False) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    w.writerow([f.name for f in defs])
    flagged = (frame["kennzeichen"] != "").tolist() if name == "indikatorwerte" else [False] * len(frame)
    columns = []
    for f in defs:
        hide = f.name in ("zaehler", "nenner", "anteil")
        columns.append([fmt(v, f, excel, s and hide) for v, s in zip(frame[f.name].tolist(), flagged)])
    w.writerows(zip(*columns))
    path.write_bytes(("\ufeff" if excel else "").encode() + buf.getvalue().encode("utf-8"))


def _schema(name: str, defs: list[Field], suffix: str = "") -> dict:
    excel = suffix == "-excel"
    table = PUBLISHED_TABLES[name]
    schema = table_schema(table, missing_values=())
    schema["fields"] = []
    for f in defs:
        d = f.descriptor()
        if excel and f.type == "number":
            d["decimalChar"] = ","
        if excel and f.type == "boolean":
            d["trueValues"], d["falseValues"] = [EXCEL_TRUE], [EXCEL_FALSE]
        schema["fields"].append(d)
    schema["missingValues"] = MISSING
    for fk in schema.get("foreignKeys", []):  # keys point at the same variant's tables
        fk["reference"]["resource"] += suffix
    return schema


# --- geometry ----------------------------------------------------------------------------

def _round(coords, digits: int):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], digits), round(coords[1], digits)]
    return [_round(c, digits) for c in coords]


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


def _py(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v


# --- workbook ----------------------------------------------------------------------------

SHEETS = {"indizes": "Daten", "indikatorwerte": "Indikatorwerte", "quartiere": "Quartiere",
          "indikatoren": "Indikatoren"}


def write_xlsx(path: Path, data: CityData, res: EditionResult, tables: PublishedTables, readme: str,
               created: dt.datetime) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Lies mich"
    for line in readme.splitlines():
        ws.append([line.lstrip("# ")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110
    meta = wb.create_sheet("Metadaten")
    meta.append(["Tabelle", "Spalte", "Bezeichnung", "Einheit", "Beschreibung"])
    for name, frame in tables.as_dict().items():
        defs = _fields_of(name, tables, data)
        sheet = wb.create_sheet(SHEETS[name], index=len(wb.sheetnames) - 1)
        sheet.append([f.name for f in defs])
        flagged = (frame["kennzeichen"] != "").tolist() if name == "indikatorwerte" else [False] * len(frame)
        cols = [[_xl(v, f, s and f.name in ("zaehler", "nenner", "anteil")) for v, s in zip(frame[f.name].tolist(), flagged)]
                for f in defs]
        for row in zip(*cols):
            sheet.append(list(row))
        for f in defs:
            meta.append([SHEETS[name], f.name, f.title, f.unit or "", f.description])
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
    wb.properties.title = res.edition.titel
    wb.properties.created = wb.properties.modified = created
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue(), created))


def _xl(value, f: Field, suppressed: bool):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return SUPPRESSED if suppressed else None
    if f.type == "integer":
        return int(value)
    if f.type == "number":
        return float(value)
    if f.type == "boolean":
        return bool(value)
    return str(value)


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
            z.writestr(_zipinfo(name, when), content)
    return out.getvalue()


def _zipinfo(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=max(when, dt.datetime(1980, 1, 1)).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


# --- texts -------------------------------------------------------------------------------

def citation_text(data: CityData, ed, url: str) -> str:
    who = data.city.herausgeber.name
    return f"{who}: {ed.titel} – {data.city.titel}, Daten (Version {version(ed)}). {url}"


def version(ed) -> str:
    return f"{ed.edition}.1.0"


def citation_cff(data: CityData, ed, url: str, created: dt.datetime) -> str:
    doc = {
        "cff-version": "1.2.0",
        "message": "Bitte zitieren Sie die Daten so (siehe auch README.md).",
        "type": "dataset",
        "title": f"{data.city.titel} – {ed.titel}: Daten ({ed.datenstand})",
        "authors": [{"name": data.city.herausgeber.name}],
        "version": version(ed),
        "date-released": created.date().isoformat(),
        "license-url": data.city.lizenz.pfad,
        "url": url,
        "keywords": list(data.city.schlagworte),
        "abstract": _description(data, ed),
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def _description(data: CityData, ed) -> str:
    c = data.city
    text = (f"{c.gebiete} der Stadt {c.stadt} mit den Indikatoren des Sozialberichts, Status-, Dynamik- "
            f"und Sozialindex nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung. "
            f"Stichtag {ed.stichtag:%d.%m.%Y}, Dynamik {ed.dynamik_von}–{ed.dynamik_bis}. "
            f"Datenstand: {ed.datenstand}.")
    if ed.datenstand != "amtlich":
        text += " " + c.datenstand_erlaeuterung
    return text


def readme(data: CityData, ed, tables: PublishedTables, url: str) -> str:
    from .render import render_text  # the README is a template like every page
    return render_text("paket-readme.md.j2", city=data.city, ed=ed, tables=tables, url=url,
                       citation=citation_text(data, ed, url), description=_description(data, ed),
                       resources=PUBLISHED_TABLES, missing=MISSING)


# --- the package -------------------------------------------------------------------------

def descriptor(data: CityData, ed, tables: PublishedTables, created: dt.datetime, url: str,
               files: dict[str, str]) -> dict:
    c = data.city
    resources: list[dict] = []
    xlsx = f"{package_name(data)}-{ed.edition}.xlsx"
    variants = (("", "utf-8", ","), ("-excel", "utf-8-sig", ";"), ("-xlsx", None, None))
    for suffix, encoding, delimiter in variants:
        for name in tables.as_dict():
            t = PUBLISHED_TABLES[name]
            defs = _fields_of(name, tables, data)
            res: dict[str, Any] = {"name": name + suffix, "type": "table"}
            if suffix == "-xlsx":
                res.update({"path": xlsx, "title": f"{t.title} (Excel-Arbeitsmappe, Blatt „{SHEETS[name]}“)",
                            "description": t.description, "format": "xlsx",
                            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            # sheetName: Table Dialect v2; excel.sheet: the same for frictionless-py 5
                            "dialect": {"sheetName": SHEETS[name], "excel": {"sheet": SHEETS[name]}}})
            else:
                rel = f"excel/{name}.csv" if suffix else f"{name}.csv"
                res.update({
                    "path": rel, "title": t.title + (" (CSV für Excel)" if suffix else ""),
                    "description": t.description + (" Semikolon, Dezimalkomma, UTF-8 mit BOM – öffnet sich in "
                                                    "deutschem Excel per Doppelklick richtig." if suffix else ""),
                    "format": "csv", "mediatype": "text/csv", "encoding": encoding,
                    "dialect": {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                                "delimiter": delimiter, "header": True},
                    "bytes": len(files[rel]), "hash": "sha256:" + hashlib.sha256(files[rel]).hexdigest()})
            res["schema"] = _schema(name, defs, suffix)
            resources.append(res)
    resources.append({"name": "geometrie", "path": "quartiere.geojson", "title": "Geometrie der Quartiere",
                      "description": "Flächen der Quartiere als GeoJSON (RFC 7946, WGS84, auf etwa 1 m gerundet) "
                                     "mit Namen und Klassen.",
                      "format": "geojson", "mediatype": "application/geo+json", "bytes": len(files["quartiere.geojson"]),
                      "hash": "sha256:" + hashlib.sha256(files["quartiere.geojson"]).hexdigest()})
    sources = [{"title": s} for s in c.namensnennung]
    return {
        "$schema": PROFILE,
        "name": package_name(data),
        "title": f"{c.titel} – {ed.titel}",
        "description": _description(data, ed),
        "version": version(ed),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": url,
        "keywords": list(c.schlagworte),
        "licenses": [{"name": c.lizenz.name, "path": c.lizenz.pfad, "title": c.lizenz.titel}],
        "sources": sources,
        "contributors": [
            {"title": c.herausgeber.name, "roles": ["publisher"], **({"email": c.herausgeber.email} if c.herausgeber.email else {})},
            {"title": c.datenhalter.name, "roles": [c.datenhalter.rolle or "author"]},
        ],
        "datenstand": ed.datenstand,
        "namensnennung": list(c.namensnennung),
        "edition": ed.edition,
        "stichtag": ed.stichtag.isoformat(),
        "resources": resources,
    }


def build_package(data: CityData, res: EditionResult, out: Path, base_url: str = "") -> PublishedTables:
    """Write the complete package of one edition into ``out`` (daten/<edition>/)."""
    ed = res.edition
    data = dataclasses.replace(data, city=ed.city(data.city))  # the edition's own publisher and licence
    created = build_date(ed)
    url = (base_url or data.city.homepage).rstrip("/") + f"/{paths.DATA_URL}/{ed.edition}/"
    tables = published(data, res)
    out.mkdir(parents=True, exist_ok=True)
    (out / "excel").mkdir(exist_ok=True)
    files: dict[str, bytes] = {}
    for name, frame in tables.as_dict().items():
        defs = _fields_of(name, tables, data)
        for excel in (False, True):
            rel = f"excel/{name}.csv" if excel else f"{name}.csv"
            write_table(out / rel, name, frame, defs, excel)
            files[rel] = (out / rel).read_bytes()
    text = readme(data, ed, tables, url)
    xlsx = f"{package_name(data)}-{ed.edition}.xlsx"
    write_xlsx(out / xlsx, data, res, tables, text, created)
    files[xlsx] = (out / xlsx).read_bytes()
    gj = json.dumps(geojson(data, tables), ensure_ascii=False, separators=(",", ":")).encode()
    (out / "quartiere.geojson").write_bytes(gj)
    files["quartiere.geojson"] = gj
    files["README.md"] = text.encode()
    files["CITATION.cff"] = citation_cff(data, ed, url, created).encode()
    desc = descriptor(data, ed, tables, created, url, files)
    files["datapackage.json"] = (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode()
    for rel in ("README.md", "CITATION.cff", "datapackage.json"):
        (out / rel).write_bytes(files[rel])
    quarter_csvs(data, tables, out / "quartiere")
    zipname = f"{package_name(data)}-{ed.edition}.zip"
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(files):
            z.writestr(_zipinfo(f"{package_name(data)}-{ed.edition}/{rel}", created), files[rel])
    (out / zipname).write_bytes(zbuf.getvalue())
    files[zipname] = zbuf.getvalue()
    sums = "".join(f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n" for rel in sorted(files))
    (out / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return tables


def quarter_csvs(data: CityData, tables: PublishedTables, out: Path) -> None:
    """One small CSV per quarter: its indicator values (long) after disclosure control."""
    out.mkdir(parents=True, exist_ok=True)
    defs = PUBLISHED_TABLES["indikatorwerte"].field_defs()
    for qid, frame in tables.values.groupby("quartier_id", sort=False):
        write_table(out / f"{qid}.csv", "indikatorwerte", frame, defs)


def dcat_catalogue(data: CityData, results: dict[int, EditionResult], base_url: str = "") -> dict:
    """DCAT-AP.de catalogue (JSON-LD) of every edition's distributions, for GovData/Open.NRW."""
    c = data.city
    home = (base_url or c.homepage).rstrip("/")
    datasets = []
    for year, res in sorted(results.items()):
        ed = res.edition
        ce = ed.city(data.city)  # this edition's publisher, licence and attribution
        base = f"{home}/{paths.DATA_URL}/{year}/"
        dists = []
        for rel, title, media in (
            (f"{package_name(data)}-{year}.zip", "Datenpaket (ZIP)", "application/zip"),
            (f"{package_name(data)}-{year}.xlsx", "Excel-Tabelle (XLSX)",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("indizes.csv", "CSV (maschinenlesbar, UTF-8): Indizes", "text/csv"),
            ("indikatorwerte.csv", "CSV (maschinenlesbar, UTF-8): Indikatorwerte", "text/csv"),
            ("quartiere.geojson", "Geodaten (GeoJSON)", "application/geo+json"),
            ("datapackage.json", "Frictionless Data Package", "application/json"),
        ):
            dists.append({
                "@id": base + rel, "@type": "dcat:Distribution", "dct:title": title,
                "dcat:accessURL": {"@id": base + rel}, "dcat:downloadURL": {"@id": base + rel},
                "dcat:mediaType": media, "dct:license": {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"},
                "dcatde:licenseAttributionByText": "; ".join(ce.namensnennung),
            })
        datasets.append({
            "@id": base, "@type": "dcat:Dataset", "dct:title": f"{ce.titel} – {ed.titel}",
            "dct:description": _description(dataclasses.replace(data, city=ce), ed), "dct:identifier": f"{package_name(data)}-{year}",
            "dct:issued": {"@value": build_date(ed).date().isoformat(), "@type": "xsd:date"},
            "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{ed.dynamik_von}-12-31",
                             "dcat:endDate": ed.stichtag.isoformat()},
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": ce.herausgeber.name},
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": ce.herausgeber.name,
                                  **({"vcard:hasEmail": {"@id": f"mailto:{ce.herausgeber.email}"}} if ce.herausgeber.email else {})},
            "dcat:theme": [{"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"}],
            "dcat:keyword": list(ce.schlagworte),
            "dcatde:politicalGeocodingLevelURI": {"@id": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"},
            **({"dcatde:politicalGeocodingURI": {"@id": f"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{ce.ags}000"}} if ce.ags else {}),
            "dcat:landingPage": {"@id": f"{home}/{paths.EDITIONS_URL}/{year}/"},
            "dcat:distribution": dists,
        })
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "dcatde": "http://dcat-ap.de/def/dcatde/", "foaf": "http://xmlns.com/foaf/0.1/",
                     "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": f"{home}/{paths.DATA_URL}/dcat.jsonld", "@type": "dcat:Catalog",
        "dct:title": f"{c.titel}: offene Daten", "dct:description": c.datenstand_erlaeuterung if c.is_demo else c.titel,
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": c.herausgeber.name},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dcat:dataset": datasets,
    }


def write_dcat(data: CityData, results: dict[int, EditionResult], out: Path, base_url: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "dcat.jsonld").write_text(json.dumps(dcat_catalogue(data, results, base_url), ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")
