"""One edition's data package, written from the manifest.

Per edition, under daten/<edition>/: canonical CSVs (UTF-8, no BOM), "CSV für Excel"
(`;`, decimal comma, UTF-8 with BOM), an XLSX workbook, GeoJSON, README.md, CITATION.cff,
datapackage.json, a ZIP of it all and SHA256SUMS, and one small CSV per quarter. Every byte is a
function of the inputs and SOURCE_DATE_EPOCH, so two builds give identical files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from .. import paths
from ..model.address import PublicAddress
from ..model.fields import PUBLISHED_TABLES
from ..model.outputs import inside, write_bytes
from ..model.records import CityData, EditionResult, FileEntry, Manifest, PublishedTables
from . import formats
from .citation import build_date, citation_cff, citation_text, description, package_name
from .datapackage import MISSING, descriptor, fields_of
from .manifest import planned
from .readme import render_readme


def package_url(address: PublicAddress, year: int) -> str:
    return address.url(f"{paths.DATA_URL}/{year}/")


def build_package(data: CityData, res: EditionResult, tables: PublishedTables, out: Path,
                  address: PublicAddress) -> Manifest:
    """Write the complete package of one edition into ``out`` (daten/<edition>/)."""
    ed = res.edition
    city = ed.city(data.city)  # the edition's own publisher and licence
    created = build_date(ed)
    url = package_url(address, ed.edition)
    name = package_name(data.slug)
    entries = planned(city, name, ed.edition, tuple(tables.as_dict()))
    fields = fields_of(tables, data.indicators["kurzname"].to_dict())
    files: dict[str, bytes] = {}
    for table, frame in tables.as_dict().items():
        files[f"{table}.csv"] = formats.csv_bytes(table, frame, fields(table))
        files[f"excel/{table}.csv"] = formats.csv_bytes(table, frame, fields(table), excel=True)
    readme = render_readme(city=city, ed=ed, files=entries, url=url, citation=citation_text(city, ed, url),
                           grafiken=address.url(f"{paths.FIGURES_URL}/{ed.edition}/"),
                           description=description(city, ed), resources=PUBLISHED_TABLES, missing=MISSING)
    stem = f"{name}-{ed.edition}"
    files[f"{stem}.xlsx"] = formats.xlsx_bytes(tables, fields, readme, ed.titel, created)
    files["quartiere.geojson"] = json.dumps(formats.geojson(data, tables), ensure_ascii=False,
                                            separators=(",", ":")).encode()
    files["README.md"] = readme.encode()
    files["CITATION.cff"] = citation_cff(city, ed, url, created).encode()
    desc = descriptor(city, ed, name, tables, fields, created, url, files)
    files["datapackage.json"] = (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode()
    files[f"{stem}.zip"] = formats.zip_bytes(files, stem, created)
    files["SHA256SUMS"] = "".join(f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n"
                                  for rel in sorted(files)).encode()
    planned_paths = [e.path for e in entries]
    if sorted(planned_paths) != sorted(files):  # the manifest is the contract: no file more, none less
        raise AssertionError(f"Manifest und Dateien weichen ab: {sorted(set(planned_paths) ^ set(files))}")
    for rel, blob in files.items():
        write_bytes(out, rel, blob)
    quarter_csvs(tables, out)
    return Manifest(ed.edition, url, tuple(_sized(e, files[e.path]) for e in entries))


def _sized(entry: FileEntry, blob: bytes) -> FileEntry:
    return replace(entry, size=len(blob), sha256=hashlib.sha256(blob).hexdigest())


def quarter_csvs(tables: PublishedTables, out: Path) -> None:
    """One small CSV per quarter: its indicator values (long) after disclosure control."""
    (out / "quartiere").mkdir(parents=True, exist_ok=True)
    defs = PUBLISHED_TABLES["indikatorwerte"].field_defs()
    for qid, frame in tables.values.groupby("quartier_id", sort=False):
        write_bytes(out, f"quartiere/{qid}.csv", formats.csv_bytes("indikatorwerte", frame, defs))


def build_packages(data: CityData, results: dict[int, EditionResult], tables: dict[int, PublishedTables],
                   out: Path, address: PublicAddress) -> dict[int, Manifest]:
    return {year: build_package(data, res, tables[year], inside(out, str(year)), address)
            for year, res in results.items()}
