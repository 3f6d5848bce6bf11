"""What the reader takes from the city's *input* files (never from the generator): the quarters'
names and articles, the indicators' short names, the labels of stadt.yaml, and each edition's
thresholds, dynamics window and Fokus rule."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Edition:
    year: int
    status_thresholds: tuple[float, ...]
    dynamics_thresholds: tuple[float, ...]
    window: tuple[int, int]
    fokus_codes: frozenset[int]
    fokus_rule: str


@dataclass
class City:
    name: str
    quarters: dict[str, tuple[str, str]]           # id → (name, article: "" | die | der | das)
    indicators: dict[str, str]                     # id → short name
    editions: dict[int, Edition]
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def latest(self) -> int:
        return max(self.editions)

    def edition_dir(self, year: int) -> str:
        """Where an edition's report pages live in the site (the latest at the root)."""
        return "" if year == self.latest else f"berichte/{year}/"

    @property
    def area(self) -> str:
        return self.labels.get("gebiet", "Sozialquartier")

    @property
    def fokus_label(self) -> str:
        return self.labels.get("fokus_gebiet", "Fokusquartier")


def load(city_dir: Path) -> City:
    city_dir = Path(city_dir)
    stadt = yaml.safe_load((city_dir / "stadt.yaml").read_text(encoding="utf-8"))
    with open(city_dir / "quartiere.csv", encoding="utf-8-sig") as f:
        quarters = {r["quartier_id"]: (r["name"], (r.get("artikel") or "").strip()) for r in csv.DictReader(f)}
    with open(city_dir / "indikatoren.csv", encoding="utf-8-sig") as f:
        indicators = {r["indikator_id"]: r.get("kurzname") or r["indikator_id"] for r in csv.DictReader(f)}
    editions = {}
    for path in sorted((city_dir / "editionen").glob("*.yaml")):
        e = yaml.safe_load(path.read_text(encoding="utf-8"))
        editions[int(e["edition"])] = Edition(
            int(e["edition"]), tuple(float(x) for x in e["schwellen_status"]),
            tuple(float(x) for x in e["schwellen_dynamik"]), (int(e["dynamik_von"]), int(e["dynamik_bis"])),
            frozenset(int(c) for c in e.get("fokus_codes") or ()), str(e.get("fokus_regel") or ""))
    labels = {k: str(v) for k, v in stadt.items() if isinstance(v, str)}
    return City(str(stadt.get("stadt", "")), quarters, indicators, editions, labels)


STATUS = ("hoch", "mittel", "niedrig", "sehr niedrig")      # classes 1..4
DYNAMICS = ("positiv", "stabil", "negativ")                 # classes 1, 3, 5 in the codes


def code(status: str, dynamics: str) -> int:
    """The Fokus code of a class pair: 10 × status class + dynamics digit (1 positiv, 3 stabil, 5 negativ)."""
    return 10 * (STATUS.index(status) + 1) + (1, 3, 5)[DYNAMICS.index(dynamics)]


def deciding(e: Edition, status: str, dynamics: str) -> set[str]:
    """The parts of the Fokus rule that decide for this quarter: a part decides when another class in
    that part (the other part unchanged) would take the quarter out of focus."""
    parts = set()
    if any(code(s, dynamics) not in e.fokus_codes for s in STATUS):
        parts.add("Status")
    if any(code(status, d) not in e.fokus_codes for d in DYNAMICS):
        parts.add("Dynamik")
    return parts


def explained(e: Edition, status: str, dynamics: str) -> set[str]:
    """The part a Fokus page must explain: a part that alone puts the quarter in focus (every class of
    the other part would keep it there); if neither does, the dynamics — the part that, with this
    status, tips the quarter into focus (Status mittel with negative dynamics)."""
    alone = set()
    if all(code(status, d) in e.fokus_codes for d in DYNAMICS):
        alone.add("Status")
    if all(code(s, dynamics) in e.fokus_codes for s in STATUS):
        alone.add("Dynamik")
    return alone or ({"Dynamik"} if "Dynamik" in deciding(e, status, dynamics) else {"Status"})


def split_path(rel: str, city: City) -> tuple[int, str]:
    """A page's edition and its path inside that edition („quartiere/x/index.html“)."""
    if m := re.match(r"(?:berichte|einbetten|daten|grafiken)/(\d{4})/(.*)$", rel):
        if rel.startswith("berichte/"):
            return int(m.group(1)), m.group(2)
        return int(m.group(1)), rel
    return city.latest, rel
