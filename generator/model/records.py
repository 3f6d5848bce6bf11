"""The records passed from one stage to the next. Plain data, no behaviour beyond lookups.

    inputs  → CityData        validated tables of one city, typed configuration
    index   → EditionResult   the engine's result for one edition
    publish → PublishedTables the numbers every format and page shows (after disclosure control)
    publish → Manifest        the files of a package, with their sizes after writing
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import Problem

if TYPE_CHECKING:  # annotations only: configuration is the layer above this one
    from ..config.models import CityConfig, EditionConfig


@dataclass
class CityData:
    """Validated input of one city. Frames are typed; ids are strings."""

    directory: Path
    city: "CityConfig"
    editions: list["EditionConfig"]
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

    def edition(self, year: int) -> "EditionConfig":
        return next(e for e in self.editions if e.edition == year)

    @property
    def latest(self) -> "EditionConfig":
        return self.editions[-1]

    def with_city(self, city: "CityConfig") -> "CityData":
        """The same data under another configuration (an edition's own publisher and licence)."""
        return replace(self, city=city)


@dataclass(frozen=True)
class EditionResult:
    edition: "EditionConfig"
    inputs: pd.DataFrame  # index quartier_id: einwohner, anteil_<k>, veraenderung_<k>
    result: pd.DataFrame  # engine output, index quartier_id
    city_shares: pd.DataFrame  # indikator_id × jahr: city-wide share (Σ Zähler / Σ Nenner)

    @property
    def year(self) -> int:
        return self.edition.edition


@dataclass(frozen=True)
class PublishedTables:
    quarters: pd.DataFrame
    indicators: pd.DataFrame
    values: pd.DataFrame  # long, suppressed cells are None with a kennzeichen
    indices: pd.DataFrame
    z_columns: list[tuple[str, str, str]]  # (column, indicator id, "status"|"dynamik")
    city_shares: pd.DataFrame  # indikator_id × jahr; empty where a secret count would be given away
    withheld: frozenset[str] = frozenset()  # index parts published as classes only (secondary rule)
    changes: pd.DataFrame | None = None  # class changes since the previous edition
    series: pd.DataFrame | None = None  # every edition's classes (the latest edition's package only)

    def as_dict(self) -> dict[str, pd.DataFrame]:
        out = {"quartiere": self.quarters, "indikatoren": self.indicators,
               "indikatorwerte": self.values, "indizes": self.indices}
        if self.changes is not None:
            out["klassenwechsel"] = self.changes
        if self.series is not None:
            out["zeitreihe"] = self.series
        return out


@dataclass(frozen=True)
class FileEntry:
    """One file of a package: where it lies (relative to daten/<edition>/), what it is, how big."""

    path: str
    title: str
    format: str
    mediatype: str
    description: str = ""
    size: int = 0
    sha256: str = ""
    catalogue: bool = False  # listed as a distribution in the DCAT catalogue
    listed: bool = True  # shown on the Daten page
    zipped: bool = True  # inside the package's ZIP (not the ZIP itself, SHA256SUMS or the per-area CSVs)
    per_area: bool = False  # one of the per-area CSVs (quartiere/<id>.csv), named once by pattern in the README


@dataclass(frozen=True)
class Manifest:
    """The files of one edition's package, in the order pages and catalogues list them."""

    edition: int
    url: str  # public address of the package folder
    files: tuple[FileEntry, ...]

    def get(self, path: str) -> FileEntry:
        return next(f for f in self.files if f.path == path)
