"""The one list of the files of a package: the writer, the DCAT catalogue, the package README and
the Daten page all read it, so a file is named, titled and typed in exactly one place. Every file the
writer puts into a package folder is on it, and so in SHA256SUMS: the writer refuses to write a file
the list does not name."""

from __future__ import annotations

from ..config.models import CityConfig
from ..model.fields import PUBLISHED_TABLES
from ..model.records import FileEntry

CSV_NOTE = "Komma, Dezimalpunkt, UTF-8"
EXCEL_NOTE = "Semikolon, Dezimalkomma, UTF-8 mit BOM"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_title(name: str, city: CityConfig) -> str:
    return city.gebiete if name == "quartiere" else PUBLISHED_TABLES[name].title


# The tables in the order the Daten page lists them; the first ones also in the DCAT catalogue.
SUMS = "SHA256SUMS"
AREA_FOLDER = "quartiere"  # one small CSV per area: quartiere/<id>.csv

TABLE_ORDER = ("indizes", "indikatorwerte", "klassenwechsel", "zeitreihe", "quartiere", "indikatoren")
LISTED_EXCEL = ("indizes", "indikatorwerte", "klassenwechsel", "zeitreihe")
CATALOGUED = ("indizes", "indikatorwerte", "zeitreihe")


def area_csv(area: str) -> str:
    return f"{AREA_FOLDER}/{area}.csv"


def planned(city: CityConfig, package: str, year: int, tables: tuple[str, ...],
            areas: dict[str, str] | None = None) -> list[FileEntry]:
    """Every file of the package of edition ``year`` (without sizes), in the order pages list them;
    last the per-area CSVs of ``areas`` (id → name)."""
    stem = f"{package}-{year}"
    names = [n for n in TABLE_ORDER if n in tables]
    entries = [FileEntry(f"{stem}.xlsx", "Excel-Tabelle (XLSX)", "xlsx", XLSX,
                         "Arbeitsmappe mit „Lies mich“, Daten und Metadaten", catalogue=True)]
    for name in names:
        entries.append(FileEntry(f"excel/{name}.csv", f"CSV für Excel (Semikolon): {table_title(name, city)}", "csv",
                                 "text/csv", EXCEL_NOTE, listed=name in LISTED_EXCEL))
    for name in names:
        entries.append(FileEntry(f"{name}.csv", f"CSV (maschinenlesbar, UTF-8): {table_title(name, city)}", "csv",
                                 "text/csv", CSV_NOTE, catalogue=name in CATALOGUED))
    entries += [
        FileEntry("quartiere.geojson", "Geodaten (GeoJSON)", "geojson", "application/geo+json",
                  "WGS84, für QGIS und Webkarten", catalogue=True),
        FileEntry(f"{stem}.zip", "Datenpaket (ZIP)", "zip", "application/zip", "alle Dateien mit Beschreibung",
                  catalogue=True, zipped=False),
        FileEntry("datapackage.json", "Beschreibung (datapackage.json)", "json", "application/json",
                  "Frictionless Data Package v2", catalogue=True),
        FileEntry("README.md", "Lies mich (README.md)", "md", "text/markdown",
                  "Text: Inhalt, Lizenz, Zitieren, Geheimhaltung"),
        FileEntry("CITATION.cff", "Zitierangaben (CITATION.cff)", "cff", "application/x-yaml", "Text"),
        FileEntry(SUMS, "Prüfsummen (SHA256SUMS)", "txt", "text/plain", "Text", zipped=False),
    ]
    entries += [FileEntry(area_csv(a), f"CSV (maschinenlesbar, UTF-8): Indikatorwerte – {name}", "csv", "text/csv",
                          CSV_NOTE, listed=False, zipped=False, per_area=True) for a, name in (areas or {}).items()]
    return entries
