"""Page data as plain objects: templates only loop over these and print them.

Everything a page shows is computed here, once per edition, from the stage records (CityData,
EditionResult, PublishedTables, Manifest). Numbers stay numbers here; every word, label, sign and
sentence comes from the language module (generator/language), made from the numbers as
displayed. Links are docs-relative targets from urls.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from ..config.models import CityConfig, EditionConfig
from ..index import engine
from ..language import changes as change_words
from ..language import captions, classes, focus, indicators, names, pagetext, signs, voice
from ..language.compare import compare
from ..language.numbers import (date, de, integer, shown, size, threshold, title_with_unit, unit_short,
                                with_unit)
from ..model.address import PublicAddress
from ..model.classes import STATUS_LABELS
from ..model.records import CityData, EditionResult, Manifest, PublishedTables
from ..publish.citation import citation_prefix
from . import urls

LARGE_CITY = 60  # from this many areas: locator maps and per-Bezirk tables instead of full lists


def value(v: Any) -> Any:
    """A cell as views see it: None for every kind of missing value."""
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

    @property
    def im(self) -> str:
        """ "im Sozialbericht 2022" """
        return names.edition_in(self.ed.titel)

    @property
    def zum(self) -> str:
        return names.edition_zu(self.ed.titel)

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
    named: names.Name
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

    # what a table cell shows
    @property
    def status_text(self) -> str:
        return classes.label(self.status)

    @property
    def dynamik_text(self) -> str:
        return classes.label(self.dynamik)

    @property
    def sozialindex_text(self) -> str:
        return self.sozialindex or signs.NOT_APPLICABLE

    @property
    def fokus_text(self) -> str:
        return indicators.yes_no(self.fokus)

    @property
    def einwohner_text(self) -> str:
        return integer(self.einwohner)

    @property
    def name_note(self) -> str:
        return classes.name_short(self.name_status)


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

    @property
    def text(self) -> str:
        """ "mittel / stabil", or "keine Klasse" """
        return classes.pair(self.status, self.dynamik)


@dataclass(frozen=True)
class SeriesRow:
    year: int
    quarter: str  # displayed cell (number or sign)
    city: str


@dataclass(frozen=True)
class IndicatorBlock:
    """One indicator on a quarter page: its value, the city's, the change, the series – numbers as
    displayed, and the cells and sentence made from them."""

    id: str
    kurzname: str
    titel: str
    einheit: str
    art: str  # index / kontext
    wert: Any  # as displayed (rounded), None if not shown
    stadt: Any
    stadt_label: str  # "in der Stadt" / "im Durchschnitt der Sozialquartiere"
    veraenderung: Any  # displayed value minus displayed value of ``seit``
    stadt_veraenderung: Any
    seit: int
    kennzeichen: str
    status: bool
    dynamik: bool
    years: list[int]
    quarter_series: list[Any]
    city_series: list[Any]
    page: str
    sign: str  # the sign where ``wert`` is not shown
    city_sign: str
    wert_text: str
    stadt_text: str
    veraenderung_text: str
    vergleich: str
    sentence: str
    caption: str  # the series table's caption (title with unit, once)
    city_head: str  # "In der Stadt"
    series: list[SeriesRow]
    legend: str  # the signs used in the series table
    trend: Any = ""  # the chart, filled in by the page writer

    @property
    def unit(self) -> str:
        return unit_short(self.einheit)

    @property
    def verlauf(self) -> list[SeriesRow]:
        return self.series


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
    im_index: str
    status_text: str
    dynamik_text: str


@dataclass(frozen=True)
class Neighbour:
    name: str
    page: str
    text: str  # "Status mittel, Dynamik stabil, Fokusquartier"
    fokus: bool


@dataclass(frozen=True)
class DeviationItem:
    kurzname: str
    page: str
    text: str


@dataclass(frozen=True)
class Deepening:
    """The closer look at a Fokusquartier: the rule, the part that decided and what shaped it, how
    close the next class is, how its class moved, where it stands out, who its neighbours are."""

    title: str
    rule: str
    reason: str
    kind: str  # status / dynamik / beides / zusammen
    parts: list[focus.Part]
    summary: str  # one sentence for the list of Fokusquartiere
    distances: list[str]
    trajectory: list[TrajectoryPoint]
    deviations_title: str
    deviations_intro: str
    deviations: list[DeviationItem]
    neighbours: list[Neighbour]
    neighbours_head: str


@dataclass(frozen=True)
class FileLink:
    target: str
    title: str
    note: str
    size: str


@dataclass(frozen=True)
class Citation:
    """A citation: its text and the address it ends with (marked on pages when a placeholder)."""

    text: str
    url: str

    @property
    def placeholder(self) -> bool:
        return voice.is_placeholder(self.url)


@dataclass(frozen=True)
class EditionSummary:
    """An edition as the lists of editions, the method and the data page show it."""

    ed: EditionConfig
    start: str
    quarters: str
    files: list[FileLink] = field(default_factory=list)
    citation: Citation | None = None

    @property
    def window(self) -> str:
        return classes.window_words(self.ed.dynamik_von, self.ed.dynamik_bis)

    @property
    def ausschluss(self) -> str:
        return ", ".join(self.ed.ausschluss) or signs.NOTHING


@dataclass(frozen=True)
class ChangeRow:
    id: str
    name: str
    page: str
    cells: dict[str, Any]  # the published row (classes, indices, before and after)
    status_from: str
    status_to: str
    dynamik_from: str
    dynamik_to: str
    statusindex: str  # "0,94 → 1,16"
    dynamikindex: str
    direction: str
    status_crossed: str
    dynamik_crossed: str
    changes: str  # the indicator changes in percentage points


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


def _sd(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return (sum((x - mean) ** 2 for x in values) / len(values)) ** 0.5


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
        self.area = self.city.area
        self.named = {q: names.Name(self._names[q], value(articles.get(q)) or "", self.area) for q in self.quarter_ids}
        self._cache_indices: dict[int, dict] = {}
        self._cache_rows: dict[tuple, list[QuarterRow]] = {}
        self._cache_series: dict[int, tuple] = {}
        self._neighbours: dict[str, list[str]] | None = None
        self._cache_city: dict[int, dict] = {}
        self._cache_blocks: dict[tuple, Any] = {}
        self._cache_column: dict[tuple, Any] = {}

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

    def citation(self, ed: EditionConfig, rel: str) -> Citation:
        return Citation(citation_prefix(self.edition_city(ed), ed), self.address.url(rel))

    def summaries(self) -> list[EditionSummary]:
        """Every edition, oldest first, with its links, files and citation."""
        out = []
        for y in self.years:
            ed = self.results[y].edition
            files = [FileLink(urls.package_file(y, f.path), f.title, f.description, size(f.size))
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
                id=qid, name=self.name(qid), named=self.named[qid], name_status=self.name_status(qid),
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
            groups.setdefault(r.stadtbezirk or classes.NO_DISTRICT, []).append(r)
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
            in_city, mean_label = (indicators.reference_label(True, self.area),
                                   indicators.reference_label(False, self.area))
            for (kk, yy), mean in means.items():
                yy = int(yy)
                if (kk, yy) in with_counts:  # Σ counts; withheld by disclosure control: no substitute
                    v = value(city.at[kk, yy]) if kk in city.index and yy in city.columns else None
                    out[(kk, yy)] = (v, in_city)
                else:
                    out[(kk, yy)] = (value(mean), mean_label)
            for kk, yy in with_counts:
                if (kk, yy) not in out:
                    v = value(city.at[kk, yy]) if kk in city.index and yy in city.columns else None
                    out[(kk, yy)] = (v, in_city)
            self._cache_city[key] = out
        return self._cache_city[key].get((k, year), (None, indicators.IN_CITY))

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
            einheit = ind["einheit"]
            points = [p for p in series_of.get((row.id, k), []) if p[0] <= ed.status_jahr]
            years = [p[0] for p in points]
            by_year = {p[0]: p for p in points}
            city_series = [shown(self.city_value(scope, k, y)[0]) for y in years]
            quarter_series = [shown(p[1]) for p in points]
            now = shown(by_year[ed.status_jahr][1]) if ed.status_jahr in by_year else None
            flag = by_year[ed.status_jahr][2] if ed.status_jahr in by_year else ""
            city_now, city_label = self.city_value(scope, k, ed.status_jahr)
            city_now = shown(city_now)
            before = shown(by_year[prev_year][1]) if prev_year in by_year else None
            change = shown(now - before) if now is not None and before is not None else None
            ready = self.ready_changes().get((row.id, k, prev_year, ed.status_jahr))
            before_flag = by_year[prev_year][2] if prev_year in by_year else ""
            if ready is not None and now is not None and not before_flag:
                change = shown(ready)  # a change published as such (Berlin): shown as published, never around a secret
            city_before = shown(self.city_value(scope, k, prev_year)[0])
            city_change = shown(city_now - city_before) if city_now is not None and city_before is not None else None
            sign = signs.of_flag(flag)
            flags = [p[2] for p in points]
            series = [SeriesRow(y, de(q) if q is not None else signs.of_flag(f), de(c))
                      for y, q, c, f in zip(years, quarter_series, city_series, flags)]
            used = signs.signs_in([s.quarter for s in series] + [s.city for s in series])
            wert_text = with_unit(now, einheit) if now is not None else sign
            out.append(IndicatorBlock(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], einheit=einheit, art=ind["art"],
                wert=now, stadt=city_now, stadt_label=city_label, veraenderung=change, stadt_veraenderung=city_change,
                seit=prev_year, kennzeichen=flag, status=k in ed.status_indikatoren, dynamik=k in ed.dynamik_indikatoren,
                years=years, quarter_series=quarter_series, city_series=city_series, page=urls.indicator(k),
                sign=sign, city_sign=signs.UNKNOWN, wert_text=wert_text, stadt_text=with_unit(city_now, einheit),
                veraenderung_text=de(change, 1, True),
                vergleich=compare(now, city_now, einheit, city_label),
                sentence=indicators.value_sentence(row.named, now, city_now, city_label, einheit, flag, sign,
                                                   signs.UNKNOWN, change, city_change, prev_year),
                caption=title_with_unit(ind["titel"], einheit), city_head=names.capital(city_label),
                series=series, legend=signs.legend(used, ed.geheimhaltung.mindestnenner)))
        return out

    def ready_changes(self) -> dict[tuple[str, str, int, int], float]:
        """Changes the city publishes as such (veraenderungen.csv), by (area, indicator, from, to)."""
        if "ready" not in self._cache_column:
            c = self.data.changes
            self._cache_column["ready"] = {} if c is None else {
                (q, k, int(a), int(b)): float(v) for q, k, a, b, v in
                zip(c["quartier_id"], c["indikator_id"], c["von_jahr"], c["bis_jahr"], c["veraenderung"])
                if value(v) is not None}
        return self._cache_column["ready"]

    def table_legend(self, scope: Scope, blocks: list[IndicatorBlock]) -> str:
        """The signs used in the summary table of a quarter's indicators."""
        used = signs.signs_in([b.wert_text for b in blocks] + [b.stadt_text for b in blocks]
                              + [b.veraenderung_text for b in blocks])
        return signs.legend(used, scope.ed.geheimhaltung.mindestnenner)

    def sentences(self, scope: Scope, row: QuarterRow) -> dict[str, str]:
        """What a quarter page says about the quarter's classes, each sentence made from its numbers."""
        ed, c = scope.ed, self.city
        out = {"lead": classes.lead(row.named, scope.im, row.status if row.gueltig else None, row.dynamik,
                                    row.fokus, c.fokus, (ed.dynamik_von, ed.dynamik_bis), row.grund)}
        if not row.gueltig:
            out["invalid"] = classes.invalid(row.named, scope.im, row.grund, self.area, ed.mindest_einwohner)
            return out
        out["status"] = classes.meaning("status", row.status, self.area)
        out["dynamik"] = classes.meaning("dynamik", row.dynamik, self.area)
        for kind, index, thresholds, stable, flips in (
                ("status", row.statusindex, ed.schwellen_status, row.status_stabil, row.status_kippt_ohne),
                ("dynamik", row.dynamikindex, ed.schwellen_dynamik, row.dynamik_stabil, row.dynamik_kippt_ohne)):
            if index is None:
                out[f"{kind}_index"] = classes.index_withheld(kind)
                continue
            scale = classes.status_scale(thresholds) if kind == "status" else classes.dynamics_scale(thresholds)
            parts = [classes.index_value(kind, index, self.area), scale,
                     classes.stability(index, thresholds, stable, flips, kind, self.titles)]
            out[f"{kind}_index"] = " ".join(p for p in parts if p)
        out["sozialindex"] = classes.social_index(row.sozialindex, row.status, row.dynamik)
        return out

    def quarter_words(self, scope: Scope, row: QuarterRow) -> dict[str, str]:
        """The finished phrases of a quarter page besides the class sentences."""
        c = self.city
        out = {"untertitel": pagetext.subtitle(c.gebiet, c.district, row.stadtbezirk, row.sozialraum, row.name_status,
                                               scope.ed.titel, scope.frozen),
               "kontext": indicators.context_intro(row.named),
               "csv": indicators.csv_link(row.named),
               "alle_daten": indicators.all_data(scope.zum),
               "fokus_titel": focus.title(row.named, c.fokus),
               "fokus_alle": focus.all_link(c.fokus, scope.im)}
        return out

    def feedback(self, scope: Scope, row: QuarterRow) -> dict[str, str] | None:
        """A mailto: link with the quarter and edition in the subject: no form service, no third party."""
        from urllib.parse import quote
        publisher = self.edition_city(scope.ed).herausgeber
        address = self.city.rueckmeldung or publisher.email
        if not address:
            return None
        subject = voice.feedback_subject(row.named, self.city.gebiet, scope.ed.titel)
        return {"href": f"mailto:{address}?subject={quote(subject)}", "address": address,
                "heading": voice.feedback_heading(row.named), "sentence": voice.feedback_sentence(),
                "after": voice.feedback_after(self.area),
                "link": voice.feedback_link(publisher.name),
                "note": voice.email_note(address)}

    # -- the finished phrases of the other pages ----------------------------------------------
    def rows_legend(self, rows: list[QuarterRow]) -> str:
        return pagetext.rows_legend(any(not r.gueltig for r in rows))

    def start_words(self, scope: Scope, rows: list[QuarterRow]) -> dict[str, str]:
        ed, c = scope.ed, self.city
        fokus = sum(r.fokus for r in rows)
        return {"stub": pagetext.stub_note(ed.titel, ed.stichtag), "frozen": pagetext.frozen_note(ed.titel, ed.stichtag),
                "hinweis": pagetext.notice_title(c.hinweis), "fokus_intro": pagetext.fokus_intro(self.area, c.fokus),
                "karte": captions.status_map_caption(self.area, scope.im),
                "tabelle": pagetext.all_table_caption(self.area, scope.im), "legende": self.rows_legend(rows),
                "fokus": pagetext.fokus_count(ed.fokus_regel, fokus, len(rows), self.area, c.fokus)}

    def list_words(self, scope: Scope, rows: list[QuarterRow]) -> dict[str, str]:
        ed = scope.ed
        return {"intro": pagetext.list_intro(len(rows), self.area, scope.im, ed.stichtag,
                                             self.city.district if self.large else None),
                "tabelle": pagetext.list_caption(self.area, scope.im), "legende": self.rows_legend(rows)}

    def district_words(self, scope: Scope, d: District) -> dict[str, str]:
        c = self.city
        return {"intro": pagetext.district_intro(len(d.rows), self.area, c.district, d.name, scope.ed.titel),
                "alle": pagetext.all_districts(c.district),
                "tabelle": pagetext.district_caption(self.area, d.name, scope.ed.titel),
                "legende": self.rows_legend(d.rows)}

    def fokus_words(self, scope: Scope, rows: list[QuarterRow], n: int) -> dict[str, str]:
        c = self.city
        return {"intro": pagetext.fokus_count(scope.ed.fokus_regel, n, len(rows), self.area, c.fokus) + ".",
                "explain": pagetext.fokus_explain(self.area), "keine": pagetext.fokus_none(self.area, c.fokus),
                "rule": focus.rule(scope.ed.fokus_codes, self.area, c.fokus),
                "tabelle": pagetext.list_caption(c.fokus, scope.im)}

    def indicators_words(self, scope: Scope) -> dict[str, str]:
        return {"index": indicators.index_caption(scope.im)}

    def indicator_words(self, scope: Scope, ind: IndicatorInfo, where: str, used: set[str]) -> dict[str, str]:
        counted = where == indicators.IN_CITY
        trend_cells = [de(v) for _, v in self.city_trend(scope, ind.id)]
        mindest = scope.ed.geheimhaltung.mindestnenner
        return {"entwicklung": indicators.city_table_caption(ind.kurzname, where, ind.einheit, counted),
                "rangliste": indicators.ranking_caption(ind.kurzname, self.city.area_short, date(scope.ed.stichtag)),
                "legende": signs.legend(used, mindest),
                "trend_legende": signs.legend(signs.signs_in(trend_cells), mindest)}

    def general_words(self, scope: Scope) -> dict[str, Any]:
        """The method, data and legal pages: rules said in words."""
        ed, c = scope.ed, self.city
        rule = ed.geheimhaltung
        return {"gueltig": pagetext.valid_rule(self.area, ed.mindest_einwohner),
                "sicher": pagetext.firmness_intro(self.area), "sicher_punkte": pagetext.firmness_points(),
                "vergleiche": pagetext.comparison_rules(self.area),
                "zeichen": pagetext.signs_rules(rule.mindestfallzahl, rule.mindestnenner),
                "fokus": pagetext.focus_rules(self.area, c.fokus), "fokus_regel": focus.rule(ed.fokus_codes, self.area, c.fokus),
                "wechsel": pagetext.change_rules(self.area), "zurueckhalten": pagetext.withheld_rule(self.area),
                "quelle": pagetext.source_rule(self.area),
                "hinweis": pagetext.notice_title(c.hinweis),
                "schwellen_status": [threshold(t) for t in ed.schwellen_status],
                "schwellen_dynamik": [threshold(t) for t in ed.schwellen_dynamik]}

    # -- changes between editions ------------------------------------------------------------
    def changes(self, scope: Scope) -> dict | None:
        """What changed since the previous edition (None for the first edition)."""
        frame = scope.tables.changes
        i = self.years.index(scope.ed.edition)
        if frame is None or i == 0:
            return None
        ed = scope.ed
        previous = self.results[self.years[i - 1]].edition
        before_in = names.edition_dative(previous.titel)
        means = self.mean_changes(scope)
        rows = []
        for r in frame.to_dict("records"):
            r = {k: value(v) for k, v in r.items()}
            items = [(self.titles[k], value(r.get(f"veraenderung_{k}")), means.get(k)) for k in ed.dynamik_indikatoren]
            rows.append(ChangeRow(
                id=r["quartier_id"], name=r["name"], page=scope.href(urls.quarter(r["quartier_id"])), cells=r,
                status_from=classes.label(r["statuslabel_vorher"]), status_to=classes.label(r["statuslabel"]),
                dynamik_from=classes.label(r["dynamiklabel_vorher"]), dynamik_to=classes.label(r["dynamiklabel"]),
                statusindex=change_words.index_change(r["statusindex_vorher"], r["statusindex"]),
                dynamikindex=change_words.index_change(r["dynamikindex_vorher"], r["dynamikindex"]),
                direction=change_words.direction(r["status_wechsel"], r["dynamik_wechsel"]),
                status_crossed=change_words.crossed("status", r.get("status_abstand_grenze"), r.get("status_grenze")),
                dynamik_crossed=change_words.crossed("dynamik", r.get("dynamik_abstand_grenze"), r.get("dynamik_grenze")),
                changes=change_words.indicator_changes(items)))
        status = [r for r in rows if r.cells["status_wechsel"] != "gleich"]
        dynamics = [r for r in rows if r.cells["dynamik_wechsel"] != "gleich"]
        both = [r for r in status if r.cells["dynamik_wechsel"] != "gleich"]
        better = sum(1 for r in status if r.cells["status_wechsel"] == "besser")
        now_idx, before_idx = self.indices(ed.edition), self.indices(previous.edition)
        new = [self.name(q) for q in self.quarter_ids if now_idx[q]["fokus"] and not before_idx[q]["fokus"]]
        lost = [self.name(q) for q in self.quarter_ids if before_idx[q]["fokus"] and not now_idx[q]["fokus"]]
        window_now, window_before = (ed.dynamik_von, ed.dynamik_bis), (previous.dynamik_von, previous.dynamik_bis)
        return {
            "previous": previous, "rows": rows, "page": scope.href(urls.CHANGES), "count": len(rows),
            "summary": change_words.summary(len(rows), len(status), better, len(status) - better, len(dynamics),
                                            len(both), self.area, before_in),
            "better": change_words.better_means(), "relative": change_words.relative(self.area),
            "window": change_words.window_warning(previous.titel, window_before, ed.titel, window_now),
            "fokus": change_words.focus_changes(new, lost, self.city.fokus, names.edition_in(previous.titel)),
            "order": change_words.order(), "knapp": change_words.knapp_means(),
            "changes_intro": change_words.indicator_changes_intro(window_now, self.area),
            "title": change_words.title(previous.titel), "caption": change_words.caption(previous.titel, ed.titel),
            "page_title": change_words.page_title(previous.edition, ed.titel),
            "head": change_words.table_head(self.city.gebiet_kurz, previous.edition, ed.edition),
        }

    def mean_changes(self, scope: Scope) -> dict[str, float | None]:
        """Per dynamics indicator, the average change of the valid quarters in the edition's window
        (None where a change is not published, so the mean cannot give a hidden one away)."""
        res, idx = scope.res, scope.tables.indices.set_index("quartier_id")
        valid = idx["gueltig"].astype(bool)
        out: dict[str, float | None] = {}
        for k in scope.ed.dynamik_indikatoren:
            col = f"z_veraenderung_{k}"
            if col not in idx or idx.loc[valid, col].isna().any():
                out[k] = None
                continue
            sign = -1.0 if self.data.indicators.at[k, "richtung"] == "niedriger_benachteiligt" else 1.0
            changes = sign * res.inputs.loc[valid[valid].index, f"veraenderung_{k}"]
            out[k] = float(changes.mean())
        return out

    # -- the Fokus pages -----------------------------------------------------------------------
    def neighbours(self, qid: str) -> list[str]:
        if self._neighbours is None:
            self._neighbours = neighbours_of(self.data.geometry)
        return self._neighbours[qid]

    def deepening(self, scope: Scope, row: QuarterRow) -> Deepening | None:
        if not row.fokus:
            return None
        key = ("deepening", scope.ed.edition, row.id)
        if key not in self._cache_blocks:
            self._cache_blocks[key] = self._make_deepening(scope, row, self.indicator_blocks(scope, row))
        return self._cache_blocks[key]

    def sigma(self, scope: Scope, part: str) -> float | None:
        """σ of the sums of one part of the index (the same for every area): sum / index."""
        r = scope.res.result
        if f"{part}summe" not in r:
            return None
        ok = r["gueltig"].astype(bool) & (r[f"{part}index"].abs() > 0.5)
        if not ok.any():
            return None
        return float(np.median(r.loc[ok, f"{part}summe"] / r.loc[ok, f"{part}index"]))

    def _contributions(self, scope: Scope, row: QuarterRow, part: str,
                       blocks: list[IndicatorBlock]) -> list[focus.Contribution]:
        ed, r = scope.ed, self.indices(scope.ed.edition)[row.id]
        sigma = self.sigma(scope, part)
        out = []
        if sigma is None:
            return out
        ks = ed.status_indikatoren if part == "status" else ed.dynamik_indikatoren
        series_of, _ = self._series(ed.edition)
        means = self.mean_changes(scope) if part == "dynamik" else {}
        for k in ks:
            z = value(r.get(f"z_anteil_{k}" if part == "status" else f"z_veraenderung_{k}"))
            if z is None:
                return []  # one hidden z-value: no contributions (they would give it away)
            lower = self.data.indicators.at[k, "richtung"] == "niedriger_benachteiligt"
            if part == "status":
                v = next((p[1] for p in series_of.get((row.id, k), []) if p[0] == ed.status_jahr), None)
            else:  # the change as the indicator's block shows it, when it covers the same window
                block = next((b for b in blocks if b.id == k and b.seit == ed.dynamik_von), None)
                v = block.veraenderung if block is not None and block.veraenderung is not None else \
                    float(scope.res.inputs.at[row.id, f"veraenderung_{k}"]) * (-1 if lower else 1)
            unit = unit_short(self.data.indicators.at[k, "einheit"])
            out.append(focus.Contribution(self.titles[k], v, float(z), float(z) / sigma, means.get(k), unit, lower))
        return out

    def _make_deepening(self, scope: Scope, row: QuarterRow, blocks: list[IndicatorBlock]) -> Deepening:
        ed = scope.ed
        kind = focus.reason_kind(int(row.statusklasse), int(row.dynamikklasse), ed.fokus_codes)
        decisive = {"status": ["status"], "dynamik": ["dynamik"]}.get(kind, ["dynamik", "status"])
        parts = []
        for part in decisive:
            index = row.statusindex if part == "status" else row.dynamikindex
            parts.append(focus.part(part, self._contributions(scope, row, part, blocks), index, self.sigma(scope, part),
                                    (ed.dynamik_von, ed.dynamik_bis), ed.status_jahr, self.area,
                                    part in scope.tables.withheld))
        (deviations_title, intro), deviations = self.deviations(scope, row, blocks)
        dist = classes.distances(row.statusindex, row.statusklasse, ed.schwellen_status, row.dynamikindex,
                                 row.dynamik, ed.schwellen_dynamik, STATUS_LABELS)
        reason = focus.reason(kind, row.status, row.dynamik, row.statusindex, row.dynamikindex)
        return Deepening(
            title=focus.title(row.named, self.city.fokus), rule=focus.rule(ed.fokus_codes, self.area, self.city.fokus),
            reason=reason, kind=kind, parts=parts, summary=focus.summary(reason, parts, dist, kind),
            distances=[text for _, text in dist], trajectory=self.trajectory(row.id), deviations_title=deviations_title, deviations_intro=intro,
            deviations=deviations,
            neighbours=[self.neighbour(scope, q) for q in self.neighbours(row.id)],
            neighbours_head=focus.neighbours_head(self.area))

    def deviations(self, scope: Scope, row: QuarterRow,
                   blocks: list[IndicatorBlock]) -> tuple[tuple[str, str], list[DeviationItem]]:
        """The context indicators in which the quarter clearly stands out (|z| ≥ 1 or the highest or
        lowest value), from the displayed values of all quarters, largest deviation first."""
        year = scope.ed.status_jahr
        found = []
        for b in blocks:
            if b.art != "kontext" or b.wert is None:
                continue
            others = [shown(x) for x in self._column(scope, b.id, year)]
            if len(others) < 3 or _sd(others) == 0:
                continue
            mean, sd = sum(others) / len(others), _sd(others)
            z = (b.wert - mean) / sd
            rank = 1 + sum(1 for x in others if x > b.wert)
            if focus.clear(z, rank, len(others)):
                d = focus.Deviation(b.kurzname, b.wert, b.unit, rank, len(others), mean, z, b.page)
                found.append((abs(z), DeviationItem(b.kurzname, b.page, focus.deviation_line(d, self.area))))
        found.sort(key=lambda t: -t[0])
        if not any(b.art == "kontext" and b.wert is not None for b in blocks):
            return ("", ""), []  # no context indicator in this edition: nothing to say
        return focus.deviations_intro(row.named, self.area, bool(found)), [d for _, d in found]

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
        fokus = bool(r["fokus"])
        return Neighbour(self.name(qid), scope.href(urls.quarter(qid)),
                         focus.neighbour(value(r["statuslabel"]), value(r["dynamiklabel"]), fokus, self.city.fokus),
                         fokus)

    # -- indicators ------------------------------------------------------------------------
    def indicator_infos(self, ed: EditionConfig) -> list[IndicatorInfo]:
        out = []
        for k, ind in self.data.indicators.iterrows():
            status, dynamik = k in ed.status_indikatoren, k in ed.dynamik_indikatoren
            out.append(IndicatorInfo(
                id=k, kurzname=ind["kurzname"], titel=ind["titel"], zaehler_definition=ind["zaehler_definition"],
                nenner_definition=ind["nenner_definition"], einheit=ind["einheit"], quelle=ind["quelle"],
                richtung=ind["richtung"], richtung_text=indicators.direction(ind["richtung"]), art=ind["art"],
                beschreibung=value(ind["beschreibung"]) or "", hinweise=value(ind["hinweise"]) or "",
                status=status, dynamik=dynamik, page=urls.indicator(k),
                im_index=indicators.in_index(ind["art"], status, dynamik, ed.titel),
                status_text=indicators.yes_no(status), dynamik_text=indicators.yes_no(dynamik)))
        return out

    def directions_sentence(self) -> str:
        """What a higher value means, true for every index indicator of this city."""
        index = self.data.indicators[self.data.indicators["art"] == "index"]
        return indicators.directions(set(index["richtung"]))

    def origin_sentence(self) -> str:
        """Where the values come from: counted here, or taken as published."""
        counted = self.data.values["zaehler"].notna()
        return indicators.origin(bool(counted.all()), not counted.any())

    def scope_with_values(self, k: str) -> Scope:
        """The newest edition whose reference year has values of ``k`` (for its indicator sheet)."""
        for scope in self.scopes()[:1] + list(reversed(self.scopes()[1:])):
            if k in self.shown_indicators(scope):
                return scope
        return self.scopes()[0]

    def indicator_shares(self, scope: Scope, k: str) -> dict[str, tuple[Any, str]]:
        """Every quarter's displayed value of ``k`` in the reference year, with its flag."""
        vals = scope.tables.values
        now = vals[(vals["indikator_id"] == k) & (vals["jahr"] == scope.ed.status_jahr)].set_index("quartier_id")
        return {q: (shown(value(now.at[q, "anteil"])) if q in now.index else None,
                    str(now.at[q, "kennzeichen"]) if q in now.index else "fehlt") for q in self.quarter_ids}

    def city_trend(self, scope: Scope, k: str) -> list[tuple[int, Any]]:
        years = sorted({int(y) for y in scope.tables.values.loc[scope.tables.values["indikator_id"] == k, "jahr"]})
        return [(y, shown(self.city_value(scope, k, y)[0])) for y in years if y <= scope.ed.status_jahr]
