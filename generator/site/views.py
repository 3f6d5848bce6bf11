"""Page data as plain objects: templates only loop over these and print them.

Everything a page shows is computed here, once per edition, from the stage records (CityData,
EditionResult, PublishedTables, Manifest); links are docs-relative targets from urls.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config.models import CityConfig, EditionConfig
from ..index import engine
from ..model.address import PublicAddress
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


@dataclass(frozen=True)
class QuarterRow:
    id: str
    name: str
    name_status: str
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
    """One indicator on a quarter page."""

    id: str
    kurzname: str
    titel: str
    einheit: str
    wert: Any
    stadt: Any
    stadt_label: str
    vergleich: str
    veraenderung: Any
    seit: int
    kennzeichen: str
    status: bool
    dynamik: bool
    years: list[int]
    quarter_series: list[Any]
    city_series: list[Any]
    verlauf: list[tuple]
    page: str
    trend: str = ""  # the SVG chart, filled in by the page writer


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
    beschreibung: str
    hinweise: str
    status: bool
    dynamik: bool
    page: str


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
    return ("Ein höherer Wert bedeutet mehr Benachteiligung." if richtung == "hoeher_benachteiligt" else
            "Ein niedrigerer Wert bedeutet mehr Benachteiligung; im Index wird das Vorzeichen umgekehrt.")


def size_text(n: int) -> str:
    return f"{text.de(n / 1024, 0)} KB" if n < 1024 * 1024 else f"{text.de(n / 1024 / 1024, 1)} MB"


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
        self._cache_indices: dict[int, dict] = {}
        self._cache_rows: dict[tuple, list[QuarterRow]] = {}
        self._cache_series: dict[int, tuple] = {}

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
                id=qid, name=self.name(qid), name_status=self.name_status(qid),
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
                status_kippt_ohne=r["status_kippt_ohne"] or "", dynamik_kippt_ohne=r["dynamik_kippt_ohne"] or "",
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

    def indicator_blocks(self, scope: Scope, qid: str) -> list[IndicatorBlock]:
        ed = scope.ed
        series_of, means = self._series(ed.edition)
        city = scope.tables.city_shares
        prev = max([y for y in self.years if y < ed.edition], default=None)
        prev_year = self.results[prev].edition.status_jahr if prev else ed.dynamik_von
        out = []
        for k, ind in self.data.indicators.iterrows():
            points = [p for p in series_of.get((qid, k), []) if p[0] <= ed.status_jahr]
            years = [p[0] for p in points]
            qv = [p[1] for p in points]
            by_year = {p[0]: p for p in points}
            cv = [(value(city.at[k, y]) if (k in city.index and y in city.columns) else None) for y in years]
            now = by_year[ed.status_jahr][1] if ed.status_jahr in by_year else None
            city_now = value(city.at[k, ed.status_jahr]) if k in city.index and ed.status_jahr in city.columns else None
            city_label = "in der Stadt"
            if city_now is None:  # ready-made shares (no counts): the unweighted mean of the areas
                city_now = value(means.get((k, ed.status_jahr)))
                city_label = f"im Mittel der {self.city.gebiete}"
            before = by_year[prev_year][1] if prev_year in by_year else None
            change = (now - before) if now is not None and before is not None else None
            comparison = text.compare(now, city_now)
            if city_label != "in der Stadt":
                comparison = comparison.replace("Stadtdurchschnitt", "Durchschnitt")
            out.append(IndicatorBlock(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], einheit=ind["einheit"],
                wert=now, stadt=city_now, stadt_label=city_label, vergleich=comparison,
                veraenderung=change, seit=prev_year,
                kennzeichen=by_year[ed.status_jahr][2] if ed.status_jahr in by_year else "",
                status=k in ed.status_indikatoren, dynamik=k in ed.dynamik_indikatoren,
                years=years, quarter_series=qv, city_series=cv,
                verlauf=list(zip(years, qv, cv)), page=urls.indicator(k),
            ))
        return out

    # -- indicators ------------------------------------------------------------------------
    def indicator_infos(self, ed: EditionConfig) -> list[IndicatorInfo]:
        out = []
        for k, ind in self.data.indicators.iterrows():
            out.append(IndicatorInfo(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], zaehler_definition=ind["zaehler_definition"],
                nenner_definition=ind["nenner_definition"], einheit=ind["einheit"], quelle=ind["quelle"],
                richtung=ind["richtung"], richtung_text=direction_text(ind["richtung"]),
                beschreibung=value(ind["beschreibung"]) or "", hinweise=value(ind["hinweise"]) or "",
                status=k in ed.status_indikatoren, dynamik=k in ed.dynamik_indikatoren, page=urls.indicator(k)))
        return out

    def directions_sentence(self) -> str:
        """What a higher value means, true for every indicator of this city."""
        kinds = set(self.data.indicators["richtung"])
        if kinds == {"hoeher_benachteiligt"}:
            return "Ein höherer Wert bedeutet bei allen Indikatoren mehr Benachteiligung."
        if kinds == {"niedriger_benachteiligt"}:
            return "Ein niedrigerer Wert bedeutet bei allen Indikatoren mehr Benachteiligung."
        return ("Bei den meisten Indikatoren bedeutet ein höherer Wert mehr Benachteiligung; bei einigen ist es "
                "umgekehrt – die Spalte „Richtung“ sagt es für jeden.")

    def indicator_shares(self, scope: Scope, k: str) -> dict[str, Any]:
        vals = scope.tables.values
        now = vals[(vals["indikator_id"] == k) & (vals["jahr"] == scope.ed.status_jahr)].set_index("quartier_id")["anteil"]
        return {q: value(now.get(q)) for q in self.quarter_ids}

    def city_trend(self, scope: Scope, k: str) -> list[tuple[int, Any]]:
        city = scope.tables.city_shares
        return ([(y, value(city.at[k, y])) for y in city.columns if y <= scope.ed.status_jahr]
                if k in city.index else [])
