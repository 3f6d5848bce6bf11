"""City and edition configuration (YAML), read strictly: unknown keys and bad values are problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

from .errors import Problem, SettingsError
from .settings import DEFAULT_FOKUS_CODES, IndexSettings

DATA_STATUSES = ("Demonstrationsdaten", "amtlich")


@dataclass(frozen=True)
class Party:
    name: str
    rolle: str = "publisher"
    email: str = ""
    adresse: str = ""
    pfad: str = ""


@dataclass(frozen=True)
class Licence:
    name: str
    titel: str
    pfad: str


@dataclass(frozen=True)
class Accessibility:
    stand: str
    kontakt: str
    schlichtungsstelle: str


@dataclass(frozen=True)
class CityConfig:
    stadt: str
    titel: str
    datenstand: str
    datenstand_erlaeuterung: str
    herausgeber: Party
    datenhalter: Party
    homepage: str
    lizenz: Licence
    namensnennung: tuple[str, ...]
    barrierefreiheit: Accessibility
    impressum: str
    datenschutz: str
    ags: str = ""
    untertitel: str = ""
    gebiet: str = "Quartier"
    gebiete: str = "Quartiere"
    gebiet_kurz: str = "Quartier"
    gebiete_kurz: str = "Quartiere"
    stadtbezirk: str = "Stadtbezirk"
    schlagworte: tuple[str, ...] = ()
    fokus_gebiet: str = ""  # e.g. "Fokusquartier"; default: "Fokus" + gebiet_kurz
    fokus_gebiete: str = ""

    @property
    def gebiete_dativ(self) -> str:
        """ "in welchen Sozialquartieren", "in den Planungsräumen" """
        return self.gebiete if self.gebiete.endswith(("n", "s")) else self.gebiete + "n"

    @property
    def fokus1(self) -> str:
        return self.fokus_gebiet or f"Fokus{self.gebiet_kurz.lower()}"

    @property
    def fokus_n(self) -> str:
        return self.fokus_gebiete or f"Fokus{self.gebiete_kurz.lower()}"

    @property
    def is_demo(self) -> bool:
        return self.datenstand != "amtlich"


@dataclass(frozen=True)
class Disclosure:
    mindestfallzahl: int = 3
    mindestnenner: int = 100


@dataclass(frozen=True)
class EditionConfig:
    edition: int
    titel: str
    veroeffentlicht: int
    stichtag: dt.date
    dynamik_von: int
    dynamik_bis: int
    datenstand: str
    status_indikatoren: tuple[str, ...] = ()
    dynamik_indikatoren: tuple[str, ...] = ()
    schwellen_status: tuple[float, float, float] = (-1.0, 1.0, 1.5)
    schwellen_dynamik: tuple[float, float] = (-1.0, 1.0)
    mindest_einwohner: float = 300
    ausschluss: tuple[str, ...] = ()
    fokus_codes: tuple[int, ...] = DEFAULT_FOKUS_CODES
    fokus_regel: str = "Status niedrig oder sehr niedrig, oder Status mittel mit negativer Dynamik."
    geheimhaltung: Disclosure = field(default_factory=Disclosure)
    aenderungen: str = ""
    # Optional, per edition: publisher, licence and attribution differ from stadt.yaml.
    herausgeber: Party | None = None
    lizenz: Licence | None = None
    namensnennung: tuple[str, ...] = ()

    def city(self, city: CityConfig) -> CityConfig:
        """The city configuration as it applies to this edition (its own publisher, licence, attribution)."""
        changes = {k: v for k, v in (("herausgeber", self.herausgeber), ("lizenz", self.lizenz),
                                     ("namensnennung", self.namensnennung)) if v}
        return replace(city, **changes) if changes else city

    @property
    def status_jahr(self) -> int:
        return self.stichtag.year

    @property
    def window(self) -> int:
        return self.dynamik_bis - self.dynamik_von

    def index_settings(self) -> IndexSettings:
        return IndexSettings(
            status_columns=tuple(f"anteil_{k}" for k in self.status_indikatoren),
            dynamics_columns=tuple(f"veraenderung_{k}" for k in self.dynamik_indikatoren),
            population_column="einwohner",
            min_population=self.mindest_einwohner,
            exclude=self.ausschluss,
            status_thresholds=self.schwellen_status,
            dynamics_thresholds=self.schwellen_dynamik,
            fokus_codes=self.fokus_codes,
        )


_NESTED = {"herausgeber": Party, "datenhalter": Party, "lizenz": Licence,
           "barrierefreiheit": Accessibility, "geheimhaltung": Disclosure}
_TUPLES = {"namensnennung", "schlagworte", "status_indikatoren", "dynamik_indikatoren",
           "schwellen_status", "schwellen_dynamik", "ausschluss", "fokus_codes"}


def _build(cls: type, data: Any, file: str, prefix: str, problems: list[Problem]):
    """Instantiate a config dataclass from YAML data, collecting every problem."""
    if not isinstance(data, dict):
        problems.append(Problem(file, f"{prefix or 'Die Datei'} muss eine Zuordnung „Schlüssel: Wert“ sein.",
                                "Vergleichen Sie mit der Beispielkonfiguration in data/oberhausen/."))
        return None
    known = {f.name: f for f in fields(cls)}
    ok = True
    for key in data:
        if key not in known:
            problems.append(Problem(file, f"Unbekannter Schlüssel „{prefix}{key}“.",
                                    f"Erlaubt sind: {', '.join(known)}.", field=f"{prefix}{key}"))
            ok = False
    kwargs: dict[str, Any] = {}
    for name, f in known.items():
        if name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                problems.append(Problem(file, f"Pflichtangabe „{prefix}{name}“ fehlt.",
                                        "Ergänzen Sie den Schlüssel in der YAML-Datei.", field=prefix + name))
                ok = False
            continue
        value = data[name]
        if name in _NESTED:
            value = _build(_NESTED[name], value, file, f"{name}.", problems)
            ok = ok and value is not None
        elif name in _TUPLES:
            if value is None:
                value = ()
            if not isinstance(value, list):
                problems.append(Problem(file, f"„{prefix}{name}“ muss eine Liste sein, z. B. [a, b].",
                                        field=prefix + name))
                ok = False
                continue
            value = tuple(value)
        elif name == "stichtag":
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    pass
            if not isinstance(value, dt.date):
                problems.append(Problem(file, f"„stichtag“ ist kein Datum: {value!r}.",
                                        "Schreiben Sie das Datum als \"JJJJ-MM-TT\", z. B. \"2022-12-31\".",
                                        field="stichtag"))
                ok = False
                continue
        kwargs[name] = value
    if not ok:
        return None
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        problems.append(Problem(file, f"Ungültige Angaben: {exc}"))
        return None


def parse_city(data: Any, file: str, problems: list[Problem]) -> CityConfig | None:
    city = _build(CityConfig, data, file, "", problems)
    if city is not None and city.datenstand not in DATA_STATUSES:
        problems.append(Problem(file, f"„datenstand“ ist „{city.datenstand}“.",
                                f"Erlaubt sind: {', '.join(DATA_STATUSES)}.", field="datenstand"))
    return city


def parse_edition(data: Any, file: str, problems: list[Problem]) -> EditionConfig | None:
    before = len(problems)
    ed = _build(EditionConfig, data, file, "", problems)
    if ed is None:
        return None
    if ed.datenstand not in DATA_STATUSES:
        problems.append(Problem(file, f"„datenstand“ ist „{ed.datenstand}“.",
                                f"Erlaubt sind: {', '.join(DATA_STATUSES)}.", field="datenstand"))
    if ed.dynamik_von >= ed.dynamik_bis:
        problems.append(Problem(file, f"Das Dynamik-Zeitfenster {ed.dynamik_von}–{ed.dynamik_bis} ist leer oder verkehrt.",
                                "dynamik_von muss vor dynamik_bis liegen.", field="dynamik_von"))
    for name, n in (("schwellen_status", 3), ("schwellen_dynamik", 2)):
        values = getattr(ed, name)
        if len(values) != n or not all(isinstance(v, (int, float)) for v in values):
            problems.append(Problem(file, f"„{name}“ braucht genau {n} Zahlen, gefunden: {list(values)}.",
                                    field=name))
        elif list(values) != sorted(values) or len(set(values)) != n:
            problems.append(Problem(file, f"Die Schwellen „{name}“ {list(values)} sind nicht aufsteigend geordnet.",
                                    "Ordnen Sie die Schwellen von klein nach groß, z. B. [-1.0, 1.0, 1.5].",
                                    field=name))
    if len(problems) == before and (ed.status_indikatoren or ed.dynamik_indikatoren):  # empty: defaults come later
        try:
            ed.index_settings()
        except SettingsError as exc:
            problems.append(Problem(file, str(exc)))
    return ed if len(problems) == before else None
