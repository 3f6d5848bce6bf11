"""One edition's data package, written from the manifest.

Per edition, under daten/<edition>/: canonical CSVs (UTF-8, no BOM), "CSV für Excel"
(`;`, decimal comma, UTF-8 with BOM), an XLSX workbook, GeoJSON, README.md, CITATION.cff,
datapackage.json, a ZIP of these, one small CSV per quarter (beside the ZIP, not in it) and
SHA256SUMS over every other file of the folder. Every file comes from the manifest, and every byte is a
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
from .disclosure import stricter_editions
from .datapackage import MISSING, descriptor, fields_of
from .manifest import SUMS, area_csv, planned
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
    areas = dict(zip(tables.quarters["quartier_id"].astype(str), tables.quarters["name"].astype(str)))
    entries = planned(city, name, ed.edition, tuple(tables.as_dict()), areas)
    fields = fields_of(tables, data.indicators["kurzname"].to_dict())
    files: dict[str, bytes] = {}
    for table, frame in tables.as_dict().items():
        files[f"{table}.csv"] = formats.csv_bytes(table, frame, fields(table))
        files[f"excel/{table}.csv"] = formats.csv_bytes(table, frame, fields(table), excel=True)
    readme = render_readme(city=city, ed=ed, files=[e for e in entries if not e.per_area], url=url,
                           citation=citation_text(city, ed, url),
                           grafiken=address.url(f"{paths.FIGURES_URL}/{ed.edition}/"),
                           description=description(city, ed), resources=PUBLISHED_TABLES, missing=MISSING,
                           stricter=stricter_editions(ed, data.editions))
    stem = f"{name}-{ed.edition}"
    files[f"{stem}.xlsx"] = formats.xlsx_bytes(tables, fields, readme, ed.titel, created)
    files["quartiere.geojson"] = json.dumps(formats.geojson(data, tables), ensure_ascii=False,
                                            separators=(",", ":")).encode()
    files["README.md"] = readme.encode()
    files["CITATION.cff"] = citation_cff(city, ed, url, created).encode()
    desc = descriptor(city, ed, name, tables, fields, created, url, files)
    files["datapackage.json"] = (json.dumps(desc, ensure_ascii=False, indent=2) + "\n").encode()
    files.update(area_csvs(tables, areas))
    zipped = [e.path for e in entries if e.zipped]
    files[f"{stem}.zip"] = formats.zip_bytes({rel: files[rel] for rel in zipped}, stem, created)
    files[SUMS] = checksums(files)
    planned_paths = [e.path for e in entries]
    if sorted(planned_paths) != sorted(files):  # the manifest is the contract: no file more, none less
        raise AssertionError(f"Manifest und Dateien weichen ab: {sorted(set(planned_paths) ^ set(files))}")
    for rel, blob in files.items():
        write_bytes(out, rel, blob)
    return Manifest(ed.edition, url, tuple(_sized(e, files[e.path]) for e in entries))


def checksums(files: dict[str, bytes]) -> bytes:
    """SHA256SUMS in the format of GNU coreutils (`sha256sum -c`): every file but itself, sorted."""
    return "".join(f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n" for rel in sorted(files) if rel != SUMS).encode()


def _sized(entry: FileEntry, blob: bytes) -> FileEntry:
    return replace(entry, size=len(blob), sha256=hashlib.sha256(blob).hexdigest())


def area_csvs(tables: PublishedTables, areas: dict[str, str]) -> dict[str, bytes]:
    """One small CSV per area: its indicator values (long) after disclosure control; an area without
    values gets the header only, so every area page's link leads to a file."""
    defs = PUBLISHED_TABLES["indikatorwerte"].field_defs()
    groups = dict(iter(tables.values.groupby("quartier_id", sort=False)))
    empty = tables.values.iloc[0:0]
    return {area_csv(a): formats.csv_bytes("indikatorwerte", groups.get(a, empty), defs) for a in areas}


def build_packages(data: CityData, results: dict[int, EditionResult], tables: dict[int, PublishedTables],
                   out: Path, address: PublicAddress) -> dict[int, Manifest]:
    return {year: build_package(data, res, tables[year], inside(out, str(year)), address)
            for year, res in results.items()}
