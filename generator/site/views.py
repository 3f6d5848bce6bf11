"""Page data as plain objects: templates only loop over these and print them.

Everything a page shows is computed here, once per edition, from the stage records (CityData,
EditionResult, PublishedTables, Manifest); every sentence about a number comes from text.py;
links are docs-relative targets from urls.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import shape

from ..config.models import CityConfig, EditionConfig
from ..index import engine
from ..model.address import PublicAddress
from ..model.classes import STATUS_LABELS
from ..model.records import CityData, EditionResult, Manifest, PublishedTables
from ..publish.citation import citation_text
from . import text, urls

LARGE_CITY = 60  # from this many areas: locator maps and per-Bezirk tables instead of full lists


def value(v: Any) -> Any:
    """A cell as templates see it: None for every kind of missing value."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def slugify(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    return re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-") or "gebiet"


@dataclass(frozen=True)
class SwitchItem:
    year: int
    target: str  # page of that edition
    current: bool


@dataclass(frozen=True)
class Scope:
    """One edition as shown on the site: the latest at the root, each edition under berichte/<year>/."""

    res: EditionResult
    tables: PublishedTables
    prefix: str
    frozen: bool
    stub: bool = False  # the latest edition's archive: forwarding pages until a newer edition exists

    @property
    def ed(self) -> EditionConfig:
        return self.res.edition

    def page(self, rel: str) -> str:
        return self.prefix + rel

    def href(self, rel: str) -> str:
        """Where a link to one of this edition's pages goes (the current pages, for the latest)."""
        return rel if self.stub else self.prefix + rel

    @property
    def quarters(self) -> str:
        return self.href(urls.QUARTERS)

    @property
    def fokus(self) -> str:
        return self.href(urls.FOCUS)


@dataclass(frozen=True)
class QuarterRow:
    id: str
    name: str
    name_status: str
    artikel: str
    stadtbezirk: str
    sozialraum: str
    einwohner: Any
    gueltig: bool
    grund: str
    statusindex: Any
    status: str | None
    statusklasse: Any
    dynamikindex: Any
    dynamik: str | None
    dynamikklasse: Any
    sozialindex: str
    fokus: bool
    status_abstand: Any
    dynamik_abstand: Any
    status_stabil: Any
    dynamik_stabil: Any
    status_kippt_ohne: str
    dynamik_kippt_ohne: str
    page: str

    @property
    def named(self) -> text.Named:
        return text.Named(self.name, self.artikel)


@dataclass(frozen=True)
class District:
    name: str
    rows: list[QuarterRow]
    fokus: int
    page: str


@dataclass(frozen=True)
class TrajectoryPoint:
    year: int
    status: str | None
    dynamik: str | None
    sozialindex: str
    fokus: bool
    page: str


@dataclass(frozen=True)
class IndicatorBlock:
    """One indicator on a quarter page: its value, the city's, the change, the series."""

    id: str
    kurzname: str
    titel: str
    einheit: str
    art: str  # index / kontext
    wert: Any
    stadt: Any
    stadt_label: str  # "in der Stadt" / "im Durchschnitt der Sozialquartiere"
    vergleich: str
    veraenderung: Any
    stadt_veraenderung: Any
    seit: int
    kennzeichen: str
    status: bool
    dynamik: bool
    years: list[int]
    quarter_series: list[Any]
    city_series: list[Any]
    page: str
    sentence: str = ""  # what the value means, from text.py
    trend: str = ""  # the SVG chart, filled in by the page writer

    @property
    def unit(self) -> str:
        return text.unit_short(self.einheit)

    @property
    def change_unit(self) -> str:
        return text.change_unit(self.einheit)

    @property
    def verlauf(self) -> list[tuple]:
        return list(zip(self.years, self.quarter_series, self.city_series))


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as its sheet and the list of indicators show it."""

    id: str
    kurzname: str
    titel: str
    zaehler_definition: str
    nenner_definition: str
    einheit: str
    quelle: str
    richtung: str
    richtung_text: str
    art: str
    beschreibung: str
    hinweise: str
    status: bool
    dynamik: bool
    page: str


@dataclass(frozen=True)
class Contribution:
    kurzname: str
    z: float


@dataclass(frozen=True)
class Deviation:
    """A context indicator where a quarter stands out from the city."""

    kurzname: str
    wert: str  # with unit
    stadt: str
    stadt_label: str
    rank: int
    count: int
    higher: bool
    page: str


@dataclass(frozen=True)
class Neighbour:
    name: str
    page: str
    status: str | None
    dynamik: str | None
    fokus: bool


@dataclass(frozen=True)
class Deepening:
    """The closer look at a Fokusquartier: why its status index is high, how close the next class
    is, how its class moved, where it stands out, who its neighbours are."""

    contributions: list[Contribution]
    contributions_text: str
    distances: list[str]
    trajectory: list[TrajectoryPoint]
    deviations: list[Deviation]
    neighbours: list[Neighbour]


@dataclass(frozen=True)
class FileLink:
    target: str
    title: str
    note: str
    size: str


@dataclass(frozen=True)
class EditionSummary:
    """An edition as the lists of editions, the method and the data page show it."""

    ed: EditionConfig
    start: str
    quarters: str
    files: list[FileLink] = field(default_factory=list)
    citation: str = ""


def direction_text(richtung: str) -> str:
    return {"hoeher_benachteiligt": "Ein höherer Wert bedeutet mehr Benachteiligung.",
            "niedriger_benachteiligt": "Ein niedrigerer Wert bedeutet mehr Benachteiligung; im Index wird das "
                                       "Vorzeichen umgekehrt.",
            "neutral": "Der Wert zeigt für sich keine Benachteiligung an; er beschreibt das Quartier."}[richtung]


def size_text(n: int) -> str:
    return f"{text.de(n / 1024, 0)} KB" if n < 1024 * 1024 else f"{text.de(n / 1024 / 1024, 1)} MB"


def neighbours_of(geometry: dict) -> dict[str, list[str]]:
    """Quarters that share a border (not just a corner), found once per site with a spatial index."""
    ids = [f["properties"]["quartier_id"] for f in geometry["features"]]
    shapes = [shape(f["geometry"]) for f in geometry["features"]]
    tree = shapely.STRtree(shapes)
    out: dict[str, list[str]] = {q: [] for q in ids}
    for i, g in enumerate(shapes):
        # 1e-6° (about 10 cm): tolerates the slivers of simplified borders, not a shared corner
        for j in tree.query(g.buffer(1e-6), predicate="intersects"):
            if j != i and g.buffer(1e-6).intersection(shapes[j]).area > 1e-10:
                out[ids[i]].append(ids[j])
    return out


class SiteViews:
    """The views of one site, computed lazily and cached per edition (pages look up, never filter)."""

    def __init__(self, data: CityData, results: dict[int, EditionResult], tables: dict[int, PublishedTables],
                 manifests: dict[int, Manifest], address: PublicAddress):
        self.data = data
        self.city: CityConfig = data.city
        self.results = results
        self.tables = tables
        self.manifests = manifests
        self.address = address
        self.years = sorted(results)
        self.latest = self.years[-1]
        self.titles = data.indicators["kurzname"].to_dict()
        self.quarter_ids = list(data.quarters.index)
        self.large = len(self.quarter_ids) >= LARGE_CITY
        self._names = {q: str(n) for q, n in data.quarters["name"].items()}
        articles = data.quarters["artikel"] if "artikel" in data.quarters else pd.Series(dtype=object)
        self._articles = {q: (value(articles.get(q)) or "") for q in self.quarter_ids}
        self._cache_indices: dict[int, dict] = {}
        self._cache_rows: dict[tuple, list[QuarterRow]] = {}
        self._cache_series: dict[int, tuple] = {}
        self._neighbours: dict[str, list[str]] | None = None
        self._cache_city: dict[int, dict] = {}
        self._cache_blocks: dict[tuple, list] = {}
        self._cache_column: dict[tuple, list[float]] = {}
        self.area = text.Named(self.city.gebiet, self.city.gebiet_artikel)  # "das Sozialquartier"

    # -- editions --------------------------------------------------------------------------
    def scopes(self) -> list[Scope]:
        out = [Scope(self.results[self.latest], self.tables[self.latest], "", False)]
        out += [Scope(self.results[y], self.tables[y], urls.edition_prefix(y), True, y == self.latest)
                for y in self.years]
        return out

    def edition_page(self, year: int, rel: str) -> str:
        """The page ``rel`` (e.g. "quartiere/index.md") as shown for edition ``year``."""
        return rel if year == self.latest else urls.edition_prefix(year) + rel

    def switcher(self, scope: Scope, rel: str) -> list[SwitchItem]:
        if len(self.years) < 2:
            return []
        return [SwitchItem(y, self.edition_page(y, rel), y == scope.ed.edition) for y in reversed(self.years)]

    def edition_city(self, ed: EditionConfig) -> CityConfig:
        """The city configuration with this edition's own publisher, licence and attribution."""
        return ed.city(self.city)

    def citation(self, ed: EditionConfig, rel: str) -> str:
        return citation_text(self.edition_city(ed), ed, self.address.url(rel))

    def summaries(self) -> list[EditionSummary]:
        """Every edition, oldest first, with its links, files and citation."""
        out = []
        for y in self.years:
            ed = self.results[y].edition
            files = [FileLink(urls.package_file(y, f.path), f.title, f.description, size_text(f.size))
                     for f in self.manifests[y].files if f.listed] if y in self.manifests else []
            out.append(EditionSummary(ed, urls.start(urls.edition_prefix(y)), self.edition_page(y, urls.QUARTERS),
                                      files, self.citation(ed, urls.package_file(y))))
        return out

    # -- quarters --------------------------------------------------------------------------
    def name(self, qid: str) -> str:
        return self._names[qid]

    def name_status(self, qid: str) -> str:
        v = value(self.data.quarters.at[qid, "name_status"])
        return "" if v in (None, "amtlich", "belegt") else str(v)

    def rows(self, scope: Scope) -> list[QuarterRow]:
        """One row per quarter for tables, in input order (made once per scope)."""
        key = (scope.ed.edition, scope.prefix, scope.stub)
        if key not in self._cache_rows:
            self._cache_rows[key] = self._make_rows(scope)
        return self._cache_rows[key]

    def _make_rows(self, scope: Scope) -> list[QuarterRow]:
        idx = self.indices(scope.ed.edition)
        q = scope.tables.quarters.set_index("quartier_id")
        out = []
        for qid in self.quarter_ids:
            r = idx[qid]
            out.append(QuarterRow(
                id=qid, name=self.name(qid), name_status=self.name_status(qid), artikel=self._articles[qid],
                stadtbezirk=value(q.at[qid, "stadtbezirk"]) or "", sozialraum=value(q.at[qid, "sozialraum"]) or "",
                einwohner=value(q.at[qid, "einwohner"]), gueltig=bool(r["gueltig"]),
                grund=r["ungueltig_grund"] or "",
                statusindex=value(r["statusindex"]), status=value(r["statuslabel"]),
                statusklasse=value(r["statusklasse"]),
                dynamikindex=value(r["dynamikindex"]), dynamik=value(r["dynamiklabel"]),
                dynamikklasse=value(r["dynamikklasse"]),
                sozialindex=value(r["sozialindex"]) or "", fokus=bool(r["fokus"]),
                status_abstand=value(r["status_abstand"]), dynamik_abstand=value(r["dynamik_abstand"]),
                status_stabil=value(r["status_stabil"]), dynamik_stabil=value(r["dynamik_stabil"]),
                status_kippt_ohne=value(r["status_kippt_ohne"]) or "",
                dynamik_kippt_ohne=value(r["dynamik_kippt_ohne"]) or "",
                page=scope.href(urls.quarter(qid)),
            ))
        return out

    def districts(self, scope: Scope, rows: list[QuarterRow]) -> list[District]:
        """Section pages for large cities: one table per Stadtbezirk instead of one huge list."""
        groups: dict[str, list[QuarterRow]] = {}
        for r in rows:
            groups.setdefault(r.stadtbezirk or "ohne Zuordnung", []).append(r)
        return [District(name, members, sum(r.fokus for r in members), scope.href(urls.district(slugify(name))))
                for name, members in groups.items()]

    def matrix(self, scope: Scope) -> list[dict]:
        table = engine.matrix(scope.res.result)
        return [{"status": s, "cells": [int(c) for c in table.loc[s]], "total": int(table.loc[s].sum())}
                for s in table.index]

    def trajectory(self, qid: str) -> list[TrajectoryPoint]:
        out = []
        for y in self.years:
            r = self.indices(y)[qid]
            out.append(TrajectoryPoint(y, value(r["statuslabel"]), value(r["dynamiklabel"]),
                                       value(r["sozialindex"]) or "", bool(r["fokus"]),
                                       self.edition_page(y, urls.quarter(qid))))
        return out

    def indices(self, year: int) -> dict[str, dict]:
        """Index rows by area id, built once per edition (pages look them up, never filter)."""
        if year not in self._cache_indices:
            frame = self.tables[year].indices
            self._cache_indices[year] = dict(zip(frame["quartier_id"], frame.to_dict("records")))
        return self._cache_indices[year]

    def _series(self, year: int) -> tuple[dict, dict]:
        """(area, indicator) → [(year, share, flag)], and (indicator, year) → mean share, per edition."""
        if year not in self._cache_series:
            vals = self.tables[year].values
            series: dict[tuple[str, str], list] = {}
            for q, k, y, a, f in zip(vals["quartier_id"], vals["indikator_id"], vals["jahr"], vals["anteil"],
                                     vals["kennzeichen"]):
                series.setdefault((q, k), []).append((int(y), value(a), f))
            for v in series.values():
                v.sort(key=lambda t: t[0])
            shares = pd.to_numeric(vals["anteil"], errors="coerce")
            means = shares.groupby([vals["indikator_id"], vals["jahr"]]).mean().to_dict()
            self._cache_series[year] = (series, means)
        return self._cache_series[year]

    def shown_indicators(self, scope: Scope) -> list[str]:
        """The indicators an edition publishes: those with values in its reference year."""
        key = ("shown", scope.ed.edition)
        if key not in self._cache_column:
            vals = scope.tables.values
            present = set(vals.loc[vals["jahr"] == scope.ed.status_jahr, "indikator_id"])
            self._cache_column[key] = [k for k in self.data.indicators.index if k in present]
        return self._cache_column[key]

    def city_value(self, scope: Scope, k: str, year: int) -> tuple[Any, str]:
        """The city's value of an indicator-year and how to call it: Σ counts where there are counts,
        else the unweighted mean of the quarters (ready-made shares such as Berlin's)."""
        key = scope.ed.edition
        if key not in self._cache_city:
            city = scope.tables.city_shares
            counted = self.data.values.dropna(subset=["zaehler"])
            with_counts = set(zip(counted["indikator_id"], counted["jahr"].astype(int)))
            means = self._series(key)[1]
            out: dict[tuple[str, int], tuple[Any, str]] = {}
            for (kk, yy), mean in means.items():
                yy = int(yy)
                if (kk, yy) in with_counts:  # Σ counts; withheld by disclosure control: no substitute
                    v = value(city.at[kk, yy]) if kk in city.index and yy in city.columns else None
                    out[(kk, yy)] = (v, "in der Stadt")
                else:
                    out[(kk, yy)] = (value(mean), f"im Durchschnitt der {self.city.gebiete}")
            for kk, yy in with_counts:
                if (kk, yy) not in out:
                    v = value(city.at[kk, yy]) if kk in city.index and yy in city.columns else None
                    out[(kk, yy)] = (v, "in der Stadt")
            self._cache_city[key] = out
        return self._cache_city[key].get((k, year), (None, "in der Stadt"))

    def indicator_blocks(self, scope: Scope, row: QuarterRow) -> list[IndicatorBlock]:
        key = (scope.ed.edition, row.id)
        if key not in self._cache_blocks:
            self._cache_blocks[key] = self._make_blocks(scope, row)
        return self._cache_blocks[key]

    def _make_blocks(self, scope: Scope, row: QuarterRow) -> list[IndicatorBlock]:
        ed = scope.ed
        series_of, _ = self._series(ed.edition)
        prev = max([y for y in self.years if y < ed.edition], default=None)
        prev_year = self.results[prev].edition.status_jahr if prev else ed.dynamik_von
        out = []
        for k in self.shown_indicators(scope):
            ind = self.data.indicators.loc[k]
            points = [p for p in series_of.get((row.id, k), []) if p[0] <= ed.status_jahr]
            years = [p[0] for p in points]
            by_year = {p[0]: p for p in points}
            city_series = [self.city_value(scope, k, y)[0] for y in years]
            now = by_year[ed.status_jahr][1] if ed.status_jahr in by_year else None
            city_now, city_label = self.city_value(scope, k, ed.status_jahr)
            before = by_year[prev_year][1] if prev_year in by_year else None
            change = (now - before) if now is not None and before is not None else None
            city_before = self.city_value(scope, k, prev_year)[0]
            city_change = (city_now - city_before) if city_now is not None and city_before is not None else None
            block = IndicatorBlock(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], einheit=ind["einheit"], art=ind["art"],
                wert=now, stadt=city_now, stadt_label=city_label,
                vergleich=text.compare(now, city_now, ind["einheit"], city_label),
                veraenderung=change, stadt_veraenderung=city_change, seit=prev_year,
                kennzeichen=by_year[ed.status_jahr][2] if ed.status_jahr in by_year else "",
                status=k in ed.status_indikatoren, dynamik=k in ed.dynamik_indikatoren,
                years=years, quarter_series=[p[1] for p in points], city_series=city_series, page=urls.indicator(k))
            out.append(_with(block, sentence=self.block_sentence(block, row)))
        return out

    def block_sentence(self, b: IndicatorBlock, row: QuarterRow) -> str:
        where = row.named.dative()
        if b.wert is None:
            reason = ("aus Gründen der Geheimhaltung nicht veröffentlicht" if b.kennzeichen == "geheim" else
                      "nicht veröffentlicht, weil der Nenner zu klein ist" if b.kennzeichen == "nenner_klein" else
                      "schon in der Quelle geheim gehalten" if b.kennzeichen == "geheim_quelle" else
                      "nicht vorhanden")
            city = f" {b.stadt_label[:1].upper() + b.stadt_label[1:]}: {text.with_unit(b.stadt, b.einheit)}." \
                if b.stadt is not None else ""
            return f"Der Wert {where} ist {reason}.{city}"
        city = (f", {text.with_unit(b.stadt, b.einheit)} {b.stadt_label} – {b.vergleich}" if b.stadt is not None
                else "; ein Vergleichswert ist nicht veröffentlicht")
        out = f"{text.with_unit(b.wert, b.einheit)} {where}{city}."
        if b.veraenderung is not None:
            out += f" Veränderung seit {b.seit}: {text.de(b.veraenderung, 1, True)} {b.change_unit}"
            if b.stadt_veraenderung is not None:
                out += f" ({b.stadt_label}: {text.de(b.stadt_veraenderung, 1, True)})"
            out += "."
        return out

    def sentences(self, scope: Scope, row: QuarterRow) -> dict[str, str]:
        """What a quarter page says about the quarter's classes, each sentence made from its numbers."""
        ed, c = scope.ed, self.city
        out = {"lead": text.lead(row.named, self.area, ed.titel, row.status if row.gueltig else None, row.dynamik,
                                 row.fokus, c.fokus_n, (ed.dynamik_von, ed.dynamik_bis), row.grund)}
        if not row.gueltig:
            out["invalid"] = (f"{row.named.nominative(capital=True)} geht in dieser Ausgabe nicht in den Index ein "
                              f"({row.grund}). {c.gebiete} unter {text.integer(ed.mindest_einwohner)} Einwohnerinnen "
                              "und Einwohnern oder mit fehlenden Werten erhalten keine Klasse.")
            return out
        out["status"] = text.meaning("status", row.status, c.gebiet, c.gebiete, c.gebiet_artikel)
        out["dynamik"] = text.meaning("dynamik", row.dynamik, c.gebiet, c.gebiete, c.gebiet_artikel)
        out["status_scale"] = text.status_scale(ed.schwellen_status)
        out["dynamik_scale"] = text.dynamics_scale(ed.schwellen_dynamik)
        out["sozialindex"] = text.social_index(row.sozialindex, row.status, row.dynamik)
        out["status_stability"] = text.stability(row.status_abstand, row.status_stabil, row.status_kippt_ohne,
                                                 "status", self.titles)
        out["dynamik_stability"] = text.stability(row.dynamik_abstand, row.dynamik_stabil, row.dynamik_kippt_ohne,
                                                  "dynamik", self.titles)
        return out

    def changes(self, scope: Scope) -> dict | None:
        """What changed since the previous edition (None for the first edition)."""
        frame = scope.tables.changes
        i = self.years.index(scope.ed.edition)
        if frame is None or i == 0:
            return None
        previous = self.results[self.years[i - 1]].edition
        rows = []
        for r in frame.to_dict("records"):
            rows.append({**{k: value(v) for k, v in r.items()}, "page": scope.href(urls.quarter(r["quartier_id"]))})
        up = [r for r in rows if r["status_wechsel"] == "besser"]
        down = [r for r in rows if r["status_wechsel"] == "schlechter"]
        return {"previous": previous, "rows": rows, "page": scope.href(urls.CHANGES), "count": len(rows),
                "status_up": len(up), "status_down": len(down),
                "dynamics_changed": sum(1 for r in rows if r["dynamik_wechsel"] != "gleich")}

    # -- the Fokus pages -----------------------------------------------------------------------
    def neighbours(self, qid: str) -> list[str]:
        if self._neighbours is None:
            self._neighbours = neighbours_of(self.data.geometry)
        return self._neighbours[qid]

    def deepening(self, scope: Scope, row: QuarterRow, blocks: list[IndicatorBlock]) -> Deepening | None:
        if not row.fokus:
            return None
        key = ("deepening", scope.ed.edition, row.id)
        if key not in self._cache_blocks:
            self._cache_blocks[key] = self._make_deepening(scope, row, blocks)
        return self._cache_blocks[key]

    def _make_deepening(self, scope: Scope, row: QuarterRow, blocks: list[IndicatorBlock]) -> Deepening:
        ed = scope.ed
        r = self.indices(ed.edition)[row.id]
        contributions = [Contribution(self.titles[k], float(r[f"z_anteil_{k}"])) for k in ed.status_indikatoren
                         if value(r.get(f"z_anteil_{k}")) is not None]
        contributions.sort(key=lambda c: -c.z)
        withheld = "status" in scope.tables.withheld
        if withheld:
            said = ("Die Beiträge der einzelnen Indikatoren sind in dieser Ausgabe nicht veröffentlicht, weil sie "
                    "eine geheim gehaltene kleine Fallzahl verraten würden.")
        elif contributions:
            first, rest = contributions[0], contributions[1:3]
            said = (f"Am stärksten trägt {first.kurzname} zum Statusindex bei (z-Wert {text.de(first.z, 2)})"
                    + (", danach " + " und ".join(f"{c.kurzname} ({text.de(c.z, 2)})" for c in rest) if rest else "")
                    + f". Ein z-Wert über 0 heißt: höher als im Durchschnitt der {self.city.gebiete}, "
                    + "gemessen in Standardabweichungen.")
        else:
            said = ""
        return Deepening(contributions if not withheld else [], said, self.distances(ed, row),
                         self.trajectory(row.id), self.deviations(scope, row, blocks),
                         [self.neighbour(scope, q) for q in self.neighbours(row.id)])

    def distances(self, ed: EditionConfig, row: QuarterRow) -> list[str]:
        """How far the indices are from the neighbouring classes, in index points."""
        out = []
        if row.statusindex is not None and row.statusklasse is not None:
            t = ed.schwellen_status
            k = int(row.statusklasse)
            if k > 1:  # the better class lies below the lower threshold
                lower = t[k - 2]
                better = STATUS_LABELS[k - 1]
                out.append(f"Bis zur Statusklasse „{better}“ müsste der Statusindex um {text.de(row.statusindex - lower, 2)} "
                           f"sinken (Grenze {text.de(lower)}).")
            if k < 4:
                upper = t[k - 1]
                worse = STATUS_LABELS[k + 1]
                out.append(f"Bis zur Statusklasse „{worse}“ fehlen {text.de(upper - row.statusindex, 2)} "
                           f"Indexpunkte (Grenze {text.de(upper)}).")
        if row.dynamikindex is not None and row.dynamik == "negativ":
            out.append(f"Bis zur Dynamik „stabil“ müsste der Dynamikindex um "
                       f"{text.de(row.dynamikindex - ed.schwellen_dynamik[1], 2)} sinken "
                       f"(Grenze {text.de(ed.schwellen_dynamik[1])}).")
        return out

    def deviations(self, scope: Scope, row: QuarterRow, blocks: list[IndicatorBlock], n: int = 3) -> list[Deviation]:
        """The context indicators in which the quarter stands out most from the others (by how many
        standard deviations it lies from their mean), with its rank among all quarters."""
        year = scope.ed.status_jahr
        found = []
        for b in blocks:
            if b.art != "kontext" or b.wert is None:
                continue
            others = self._column(scope, b.id, year)
            if len(others) < 3:
                continue
            mean = sum(others) / len(others)
            sd = (sum((x - mean) ** 2 for x in others) / len(others)) ** 0.5
            if sd == 0:
                continue
            rank = 1 + sum(1 for x in others if x > b.wert)
            found.append((abs(b.wert - mean) / sd, Deviation(
                b.kurzname, text.with_unit(b.wert, b.einheit), text.with_unit(b.stadt, b.einheit), b.stadt_label,
                rank, len(others), b.wert > mean, b.page)))
        found.sort(key=lambda t: -t[0])
        return [d for _, d in found[:n]]

    def _column(self, scope: Scope, k: str, year: int) -> list[float]:
        """Every quarter's published value of an indicator-year (made once)."""
        key = (scope.ed.edition, k, year)
        if key not in self._cache_column:
            series_of, _ = self._series(scope.ed.edition)
            self._cache_column[key] = [p[1] for q in self.quarter_ids for p in series_of.get((q, k), [])
                                       if p[0] == year and p[1] is not None]
        return self._cache_column[key]

    def neighbour(self, scope: Scope, qid: str) -> Neighbour:
        r = self.indices(scope.ed.edition)[qid]
        return Neighbour(self.name(qid), scope.href(urls.quarter(qid)), value(r["statuslabel"]),
                         value(r["dynamiklabel"]), bool(r["fokus"]))

    # -- indicators ------------------------------------------------------------------------
    def indicator_infos(self, ed: EditionConfig) -> list[IndicatorInfo]:
        out = []
        for k, ind in self.data.indicators.iterrows():
            out.append(IndicatorInfo(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], zaehler_definition=ind["zaehler_definition"],
                nenner_definition=ind["nenner_definition"], einheit=ind["einheit"], quelle=ind["quelle"],
                richtung=ind["richtung"], richtung_text=direction_text(ind["richtung"]), art=ind["art"],
                beschreibung=value(ind["beschreibung"]) or "", hinweise=value(ind["hinweise"]) or "",
                status=k in ed.status_indikatoren, dynamik=k in ed.dynamik_indikatoren, page=urls.indicator(k)))
        return out

    def directions_sentence(self) -> str:
        """What a higher value means, true for every index indicator of this city."""
        index = self.data.indicators[self.data.indicators["art"] == "index"]
        kinds = set(index["richtung"])
        if kinds == {"hoeher_benachteiligt"}:
            return "Bei allen Indexindikatoren bedeutet ein höherer Wert mehr Benachteiligung."
        if kinds == {"niedriger_benachteiligt"}:
            return "Bei allen Indexindikatoren bedeutet ein niedrigerer Wert mehr Benachteiligung."
        return ("Bei den meisten Indexindikatoren bedeutet ein höherer Wert mehr Benachteiligung; bei einigen ist es "
                "umgekehrt – das Indikatorblatt sagt es für jeden.")

    def origin_sentence(self) -> str:
        """Where the values come from: counted here, or taken as published."""
        counted = self.data.values["zaehler"].notna()
        if counted.all():
            return "Jeder Wert wird aus Zähler und Nenner berechnet, nicht eingetippt."
        if not counted.any():
            return "Die Werte sind übernommen, wie sie veröffentlicht wurden; Zähler und Nenner liegen nicht vor."
        return ("Die meisten Werte werden aus Zähler und Nenner berechnet; einige sind übernommen, wie sie "
                "veröffentlicht wurden.")

    def scope_with_values(self, k: str) -> Scope:
        """The newest edition whose reference year has values of ``k`` (for its indicator sheet)."""
        for scope in self.scopes()[:1] + list(reversed(self.scopes()[1:])):
            if k in self.shown_indicators(scope):
                return scope
        return self.scopes()[0]

    def indicator_shares(self, scope: Scope, k: str) -> dict[str, Any]:
        vals = scope.tables.values
        now = vals[(vals["indikator_id"] == k) & (vals["jahr"] == scope.ed.status_jahr)].set_index("quartier_id")["anteil"]
        return {q: value(now.get(q)) for q in self.quarter_ids}

    def city_trend(self, scope: Scope, k: str) -> list[tuple[int, Any]]:
        years = sorted({int(y) for y in scope.tables.values.loc[scope.tables.values["indikator_id"] == k, "jahr"]})
        return [(y, self.city_value(scope, k, y)[0]) for y in years if y <= scope.ed.status_jahr]


def _with(block: IndicatorBlock, **changes) -> IndicatorBlock:
    return replace(block, **changes)
