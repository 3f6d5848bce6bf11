"""The city and edition configuration as typed, strict models (pydantic v2).

Unknown keys are refused (``extra="forbid"``), every field has a type that is checked without
silent conversion (``strict``: "dreihundert" is no integer, and neither is "2019"), and each
model checks its own values once. ``parse.py`` turns every error into a located problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..model.fields import ID_PATTERN
from ..model.classes import (DEFAULT_DYNAMICS_THRESHOLDS, DEFAULT_FOKUS_CODES, DEFAULT_STATUS_THRESHOLDS,
                             is_combined_code)

# Demonstrationsdaten: not a city's figures; Entwurf: a city's figures not yet released (a new city
# starts so after `sozialbericht init`); amtlich: released. Only amtlich pages carry no warning.
DATA_STATUSES = ("Demonstrationsdaten", "Entwurf", "amtlich")
DataStatus = Literal["Demonstrationsdaten", "Entwurf", "amtlich"]


def _list_as_tuple(value: Any) -> Any:
    # YAML has lists, the models keep tuples (immutable); anything else fails the type check.
    return tuple(value) if isinstance(value, list) else value


def _iso_date(value: Any) -> Any:
    # A quoted "2022-12-31" is a string in YAML, an unquoted one already a date: both are fine.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _none_as_empty(value: Any) -> Any:
    return () if value is None else value


Texts = Annotated[tuple[str, ...], BeforeValidator(_list_as_tuple), BeforeValidator(_none_as_empty)]
Numbers = Annotated[tuple[float, ...], BeforeValidator(_list_as_tuple)]
Codes = Annotated[tuple[int, ...], BeforeValidator(_list_as_tuple)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Year = Annotated[int, Field(ge=1000, le=9999)]


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_default=True)

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        # Every text ends up in pages and workbooks, which cannot hold control characters.
        texts = value if isinstance(value, tuple) else (value,)
        for t in texts:
            if isinstance(t, str) and CONTROL.search(t):
                raise ValueError(f"der Text enthält ein unsichtbares Steuerzeichen (U+{ord(CONTROL.search(t).group()):04X})")
        return value


class Party(Strict):
    name: str
    rolle: str = "publisher"
    email: str = ""
    adresse: str = ""
    pfad: str = ""


class Licence(Strict):
    name: str
    titel: str
    pfad: str


class Accessibility(Strict):
    stand: str
    kontakt: str
    schlichtungsstelle: str


class CityConfig(Strict):
    stadt: str
    titel: str
    datenstand: DataStatus
    datenstand_erlaeuterung: str
    herausgeber: Party
    datenhalter: Party
    homepage: str
    lizenz: Licence
    namensnennung: Texts
    barrierefreiheit: Accessibility
    impressum: str
    datenschutz: str
    ags: str = ""
    untertitel: str = ""
    gebiet: str = "Quartier"
    gebiet_artikel: Literal["der", "die", "das"] = "das"  # das Sozialquartier, der Planungsraum
    gebiete: str = "Quartiere"
    gebiet_kurz: str = "Quartier"
    gebiete_kurz: str = "Quartiere"
    stadtbezirk: str = "Stadtbezirk"
    schlagworte: Texts = ()
    rueckmeldung: str = ""  # e-mail for feedback on a quarter (mailto:); default: the publisher's
    fokus_gebiet: str = ""  # e.g. "Fokusquartier"; default: "Fokus" + gebiet_kurz
    fokus_gebiete: str = ""

    @property
    def gebiete_dativ(self) -> str:
        """ "in welchen Sozialquartieren", "in den Planungsräumen" """
        return self.gebiete if self.gebiete.endswith(("n", "s")) else self.gebiete + "n"

    @property
    def ein_gebiet(self) -> str:
        """ "ein Sozialquartier", "ein Planungsraum", "eine Region" """
        return ("eine " if self.gebiet_artikel == "die" else "ein ") + self.gebiet

    @property
    def jedes_gebiet(self) -> str:
        """Accusative after "für": "jedes Sozialquartier", "jeden Planungsraum", "jede Region" """
        return {"der": "jeden", "die": "jede", "das": "jedes"}[self.gebiet_artikel] + " " + self.gebiet

    @property
    def gebiet_pronomen(self) -> str:
        return {"der": "er", "die": "sie", "das": "es"}[self.gebiet_artikel]

    @property
    def fokus1(self) -> str:
        return self.fokus_gebiet or f"Fokus{self.gebiet_kurz.lower()}"

    @property
    def fokus_n(self) -> str:
        return self.fokus_gebiete or f"Fokus{self.gebiete_kurz.lower()}"

    @property
    def is_demo(self) -> bool:
        return self.datenstand != "amtlich"


class Disclosure(Strict):
    mindestfallzahl: Annotated[int, Field(ge=1)] = 3
    mindestnenner: Annotated[int, Field(ge=1)] = 100


class EditionConfig(Strict):
    edition: Year
    titel: str
    veroeffentlicht: Year
    stichtag: Date
    dynamik_von: Year
    dynamik_bis: Year
    datenstand: DataStatus
    status_indikatoren: Texts = ()
    dynamik_indikatoren: Texts = ()
    schwellen_status: Numbers = DEFAULT_STATUS_THRESHOLDS
    schwellen_dynamik: Numbers = DEFAULT_DYNAMICS_THRESHOLDS
    mindest_einwohner: Annotated[int, Field(ge=0)] = 300
    ausschluss: Texts = ()
    fokus_codes: Codes = DEFAULT_FOKUS_CODES
    fokus_regel: str = "Status niedrig oder sehr niedrig, oder Status mittel mit negativer Dynamik."
    geheimhaltung: Disclosure = Disclosure()
    aenderungen: str = ""
    # Optional, per edition: publisher, licence and attribution differ from stadt.yaml.
    herausgeber: Party | None = None
    lizenz: Licence | None = None
    namensnennung: Texts = ()

    @field_validator("schwellen_status", "schwellen_dynamik")
    @classmethod
    def _ascending(cls, values: tuple[float, ...], info) -> tuple[float, ...]:
        n = 3 if info.field_name == "schwellen_status" else 2
        if len(values) != n:
            raise ValueError(f"braucht genau {n} Zahlen, gefunden: {list(values)}")
        if list(values) != sorted(values) or len(set(values)) != n:
            raise ValueError(f"die Schwellen {list(values)} sind nicht aufsteigend geordnet")
        return values

    @field_validator("status_indikatoren", "dynamik_indikatoren", "ausschluss", "fokus_codes")
    @classmethod
    def _once(cls, values: tuple) -> tuple:
        # [sgb2, sgb2, kinderarmut] would silently give SGB II double weight in the index.
        twice = sorted({str(v) for v in values if values.count(v) > 1})
        if twice:
            raise ValueError("„" + "“, „".join(twice) + "“ steht mehrfach in der Liste; jeder Eintrag darf nur einmal vorkommen")
        return values

    @field_validator("fokus_codes")
    @classmethod
    def _combined_codes(cls, values: tuple[int, ...]) -> tuple[int, ...]:
        wrong = [c for c in values if not is_combined_code(c)]
        if wrong:
            raise ValueError(f"{wrong} sind keine Codes der Form 10 · Status + Dynamik (z. B. 25, 31)")
        return values

    @field_validator("dynamik_bis")
    @classmethod
    def _window(cls, value: int, info) -> int:
        start = info.data.get("dynamik_von")
        if start is not None and start >= value:
            raise ValueError(f"das Dynamik-Zeitfenster {start}–{value} ist leer oder verkehrt; "
                             "dynamik_von muss vor dynamik_bis liegen")
        return value

    def city(self, city: CityConfig) -> CityConfig:
        """The city configuration as it applies to this edition (its own publisher, licence, attribution)."""
        changes = {k: v for k, v in (("herausgeber", self.herausgeber), ("lizenz", self.lizenz),
                                     ("namensnennung", self.namensnennung)) if v}
        return city.model_copy(update=changes) if changes else city

    def with_indicators(self, index_indicators: tuple[str, ...]) -> "EditionConfig":
        """The one place defaults are resolved: an edition that names no indicators uses every
        index indicator of indikatoren.csv."""
        return self.model_copy(update={"status_indikatoren": self.status_indikatoren or index_indicators,
                                       "dynamik_indikatoren": self.dynamik_indikatoren or index_indicators})

    @property
    def status_jahr(self) -> int:
        return self.stichtag.year

    @property
    def window(self) -> int:
        return self.dynamik_bis - self.dynamik_von


Role = Literal["zaehler", "nenner", "anteil", "einwohner", "ignorieren"]


class ColumnRole(Strict):
    """What one workbook column holds: a part of an indicator, the residents, or nothing to import."""

    rolle: Role
    indikator: str | None = None

    @field_validator("indikator")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(ID_PATTERN, v):
            raise ValueError(f"„{v}“ ist keine Indikator-ID (klein, a–z, 0–9, - und _)")
        return v

    @model_validator(mode="after")
    def _needs_indicator(self) -> ColumnRole:
        if self.rolle in ("zaehler", "nenner", "anteil") and self.indikator is None:
            raise ValueError(f"die Rolle {self.rolle} braucht einen Indikator (indikator: …)")
        return self


class ImportMapping(Strict):
    """import.yaml: how an office's workbook maps to the input tables; saved by every import, so the
    next year's workbook imports with one command. Columns are keyed by their header without years."""

    version: Literal[1] = 1
    namen: dict[str, str] = Field(default_factory=dict)  # spelling in the workbook → quartier_id
    ignorieren: list[str] = Field(default_factory=list)  # rows that are no area (totals, districts)
    spalten: dict[str, ColumnRole] = Field(default_factory=dict)
    jahr: Year | None = None  # where neither sheet, header nor a column names the year
