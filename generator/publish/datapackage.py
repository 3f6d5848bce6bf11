"""The package descriptor: Frictionless Data Package v2, every column described from fields.py."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Callable

from ..config.models import CityConfig, EditionConfig
from ..language import signs
from ..model.fields import PUBLISHED_TABLES, Field, change_field, table_schema, z_field
from ..model.records import PublishedTables
from .citation import description, version
from .formats import EXCEL_FALSE, EXCEL_TRUE, SHEETS
from .manifest import XLSX

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
MISSING = [{"value": "", "label": "kein Wert"},
           *({"value": s, "label": signs.OFFICIAL[s]} for s in (signs.UNKNOWN, signs.UNCERTAIN, signs.NOT_APPLICABLE))]


def fields_of(tables: PublishedTables, titles: dict[str, str]) -> Callable[[str], list[Field]]:
    """The columns of each published table; the index table gains one z-value column per indicator."""
    def of(name: str) -> list[Field]:
        defs = PUBLISHED_TABLES[name].field_defs()
        if name == "indizes":
            z = [z_field(col, titles[k], kind) for col, k, kind in tables.z_columns]
            defs = defs[:3] + z + defs[3:]
        if name == "klassenwechsel" and tables.changes is not None:
            defs = defs + [change_field(c, titles[c.removeprefix("veraenderung_")]) for c in tables.changes.columns
                           if c.startswith("veraenderung_")]
        return defs
    return of


def _schema(name: str, defs: list[Field], suffix: str = "") -> dict:
    excel = suffix == "-excel"
    schema = table_schema(PUBLISHED_TABLES[name], missing_values=())
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


def _integrity(blob: bytes) -> dict:
    return {"bytes": len(blob), "hash": "sha256:" + hashlib.sha256(blob).hexdigest()}


def descriptor(city: CityConfig, ed: EditionConfig, name: str, tables: PublishedTables,
               fields: Callable[[str], list[Field]], created: dt.datetime, url: str, files: dict[str, bytes]) -> dict:
    resources: list[dict] = []
    xlsx = f"{name}-{ed.edition}.xlsx"
    variants = (("", "utf-8", ","), ("-excel", "utf-8-sig", ";"), ("-xlsx", None, None))
    for suffix, encoding, delimiter in variants:
        for table in tables.as_dict():
            t = PUBLISHED_TABLES[table]
            res: dict[str, Any] = {"name": table + suffix, "type": "table"}
            if suffix == "-xlsx":
                res.update({"path": xlsx, "title": f"{t.title} (Excel-Arbeitsmappe, Blatt „{SHEETS[table]}“)",
                            "description": t.description, "format": "xlsx", "mediatype": XLSX,
                            # sheetName: Table Dialect v2; excel.sheet: the same for frictionless-py 5
                            "dialect": {"sheetName": SHEETS[table], "excel": {"sheet": SHEETS[table]}}})
            else:
                rel = f"excel/{table}.csv" if suffix else f"{table}.csv"
                res.update({
                    "path": rel, "title": t.title + (" (CSV für Excel)" if suffix else ""),
                    "description": t.description + (" Semikolon, Dezimalkomma, UTF-8 mit BOM – öffnet sich in "
                                                    "deutschem Excel per Doppelklick richtig." if suffix else ""),
                    "format": "csv", "mediatype": "text/csv", "encoding": encoding,
                    "dialect": {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                                "delimiter": delimiter, "header": True},
                    **_integrity(files[rel])})
            res["schema"] = _schema(table, fields(table), suffix)
            resources.append(res)
    resources.append({"name": "geometrie", "path": "quartiere.geojson", "title": "Geometrie der Quartiere",
                      "description": "Flächen der Quartiere als GeoJSON (RFC 7946, WGS84, auf etwa 1 m gerundet) "
                                     "mit Namen und Klassen.",
                      "format": "geojson", "mediatype": "application/geo+json", **_integrity(files["quartiere.geojson"])})
    return {
        "$schema": PROFILE,
        "name": name,
        "title": f"{city.titel} – {ed.titel}",
        "description": description(city, ed),
        "version": version(ed),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": url,
        "keywords": list(city.schlagworte),
        "licenses": [{"name": city.lizenz.name, "path": city.lizenz.pfad, "title": city.lizenz.titel}],
        "sources": [{"title": s} for s in city.namensnennung],
        "contributors": [
            {"title": city.herausgeber.name, "roles": ["publisher"],
             **({"email": city.herausgeber.email} if city.herausgeber.email else {})},
            {"title": city.datenhalter.name, "roles": [city.datenhalter.rolle or "author"]},
        ],
        "datenstand": ed.datenstand,
        "namensnennung": list(city.namensnennung),
        "edition": ed.edition,
        "stichtag": ed.stichtag.isoformat(),
        "resources": resources,
    }
