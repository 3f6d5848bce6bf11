"""Stage 6 — render: Markdown pages from the Jinja2 templates in site_templates/.

Templates are contracts: StrictUndefined (a missing value is an error, never an empty
string) and autoescape (a name like "<script>" stays text). Links are relative, so the
site works from any folder and under any base URL.
"""

from __future__ import annotations

import dataclasses
import json
import math
from html import escape
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from . import engine, paths, text
from .fields import FIELDS
from .indices import EditionResult
from .maps import (INVALID_COLOUR, SEQUENTIAL, STATUS_COLOURS, TOOLTIP, MapBase, deck_geojson, deck_spec,
                   quantile_classes, trend_svg, view_state)
from .package import citation_text, package_name
from .settings import DYNAMICS_LABELS, STATUS_LABELS
from .tables import PublishedTables
from .validate import CityData

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md(value: Any) -> str:
    """Escape Markdown syntax in data values (autoescape then handles HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(de=text.de, integer=text.integer, md=md, compare=text.compare,
                       json=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    env.globals.update(STATUS_LABELS=STATUS_LABELS, DYNAMICS_LABELS=DYNAMICS_LABELS,
                       STATUS_COLOURS=STATUS_COLOURS, FIELDS=FIELDS, status_text=text.STATUS_TEXT,
                       dynamik_text=text.DYNAMICS_TEXT, status_adj=text.STATUS_ADJ, years_word=text.years_word)
    return env


ENV = make_env()


def render_text(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)


def slugify(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-") or "gebiet"


def page_url(page: str) -> str:
    """docs-relative Markdown path → directory URL ("quartiere/x.md" → "quartiere/x/")."""
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative(from_page: str, to: str) -> str:
    """A relative link from one page to another page or file of the site."""
    base = page_url(from_page)
    target = page_url(to)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if to.endswith(".md") and rel != ".":
        rel += "/"
    return "./" if rel == "." else rel


def _val(v):
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


@dataclass
class Scope:
    """One edition as shown on the site: the latest at the root, each edition under berichte/<year>/."""

    res: EditionResult
    tables: PublishedTables
    prefix: str
    frozen: bool
    stub: bool = False  # the latest edition's archive: forwarding pages until a newer edition exists

    @property
    def ed(self):
        return self.res.edition

    def page(self, rel: str) -> str:
        return self.prefix + rel

    def href(self, rel: str) -> str:
        """Where a link to one of this edition's pages goes (the current pages, for the latest)."""
        return rel if self.stub else self.prefix + rel


LARGE_CITY = 60  # from this many areas: locator maps and per-Bezirk tables instead of full lists


class SiteRenderer:
    def __init__(self, data: CityData, results: dict[int, EditionResult], tables: dict[int, PublishedTables],
                 docs: Path, files_root: Path | None = None):
        self.data = data
        self.city = data.city
        self.results = results
        self.tables = tables
        self.docs = docs
        self.files_root = files_root or docs  # where daten/… already lies when pages are rendered
        self.years = sorted(results)
        self.latest = self.years[-1]
        self.titles = data.indicators["kurzname"].to_dict()
        self.quarter_ids = list(data.quarters.index)
        self.large = len(self.quarter_ids) >= LARGE_CITY
        self.written: list[str] = []
        self.templates_used: set[str] = set()
        self._cache_indices: dict[int, dict] = {}
        self._cache_rows: dict[tuple, list[dict]] = {}
        self._cache_series: dict[int, tuple] = {}
        self._indicators = list(data.indicators.iterrows())
        self._features = {f["properties"]["quartier_id"]: f for f in data.geometry["features"]}
        self.view = view_state(data.geometry)
        groups = {q: str(_val(b) or "") for q, b in data.quarters["stadtbezirk"].items()}
        self.maps = MapBase(data.geometry, groups if self.large else None)
        self.package_name = package_name(data)

    def size(self, rel: str) -> str:
        """Human-readable size of a file already written into docs/ (packages come first)."""
        n = (self.files_root / rel).stat().st_size
        return f"{text.de(n / 1024, 0)} KB" if n < 1024 * 1024 else f"{text.de(n / 1024 / 1024, 1)} MB"

    def edition_page(self, year: int, rel: str) -> str:
        """The page ``rel`` (e.g. "quartiere/index.md") as shown for edition ``year``."""
        return rel if year == self.latest else f"{paths.EDITIONS_URL}/{year}/{rel}"

    def data_for(self, ed) -> CityData:
        """The city data with this edition's own publisher, licence and attribution."""
        return dataclasses.replace(self.data, city=ed.city(self.city))

    def citation(self, year: int) -> str:
        ed = self.results[year].edition
        return citation_text(self.data_for(ed), ed, self.city.homepage.rstrip("/") + f"/{paths.DATA_URL}/{year}/")

    # -- helpers ---------------------------------------------------------------------------
    def write(self, page: str, template: str, **context: Any) -> None:
        # u(): Markdown links, relative to the source file (MkDocs checks and rewrites them);
        # h(): links inside raw HTML, relative to the page's URL (MkDocs leaves them alone).
        u = lambda to: posixpath.relpath(to, posixpath.dirname(page) or ".")  # noqa: E731
        h = lambda to: relative(page, to)  # noqa: E731
        content = render_text(template, u=u, h=h, page=page, city=self.city, data=self.data, site=self,
                              **context)
        path = self.docs / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        self.written.append(page)
        self.templates_used.add(template)

    def scopes(self) -> list[Scope]:
        out = [Scope(self.results[self.latest], self.tables[self.latest], "", False)]
        out += [Scope(self.results[y], self.tables[y], f"{paths.EDITIONS_URL}/{y}/", True, y == self.latest)
                for y in self.years]
        return out

    def name(self, qid: str) -> str:
        return str(self.data.quarters.at[qid, "name"])

    def name_status(self, qid: str) -> str:
        v = _val(self.data.quarters.at[qid, "name_status"])
        return "" if v in (None, "amtlich", "belegt") else str(v)

    def rows(self, scope: Scope) -> list[dict]:
        """One dict per quarter for tables, in input order (made once per scope)."""
        key = (scope.ed.edition, scope.prefix, scope.stub)
        if key not in self._cache_rows:
            self._cache_rows[key] = self._make_rows(scope)
        return self._cache_rows[key]

    def _make_rows(self, scope: Scope) -> list[dict]:
        idx = self._indices(scope.ed.edition)
        q = scope.tables.quarters.set_index("quartier_id")
        out = []
        for qid in self.quarter_ids:
            r = idx[qid]
            out.append({
                "id": qid, "name": self.name(qid), "name_status": self.name_status(qid),
                "stadtbezirk": _val(q.at[qid, "stadtbezirk"]) or "", "sozialraum": _val(q.at[qid, "sozialraum"]) or "",
                "einwohner": _val(q.at[qid, "einwohner"]), "gueltig": bool(r["gueltig"]),
                "grund": r["ungueltig_grund"] or "",
                "statusindex": _val(r["statusindex"]), "status": _val(r["statuslabel"]),
                "statusklasse": _val(r["statusklasse"]),
                "dynamikindex": _val(r["dynamikindex"]), "dynamik": _val(r["dynamiklabel"]),
                "dynamikklasse": _val(r["dynamikklasse"]),
                "sozialindex": _val(r["sozialindex"]) or "", "fokus": bool(r["fokus"]),
                "status_abstand": _val(r["status_abstand"]), "dynamik_abstand": _val(r["dynamik_abstand"]),
                "status_stabil": _val(r["status_stabil"]), "dynamik_stabil": _val(r["dynamik_stabil"]),
                "status_kippt_ohne": r["status_kippt_ohne"] or "", "dynamik_kippt_ohne": r["dynamik_kippt_ohne"] or "",
                "page": scope.href(f"{paths.QUARTERS_URL}/{qid}.md"),
            })
        return out

    def status_map(self, scope: Scope, highlight: str | None = None, label: str | None = None) -> str:
        rows = self.rows(scope)
        fills = {r["id"]: STATUS_COLOURS[r["status"]] if r["status"] else INVALID_COLOUR for r in rows}
        titles = {r["id"]: f"{r['name']}: Status {r['status'] or 'keine Klasse'}, Dynamik {r['dynamik'] or 'keine Klasse'}"
                  for r in rows}
        label = label or (f"Karte der {self.city.gebiete} nach Statusklasse im {scope.ed.titel}. "
                          f"Die Tabelle unter der Karte enthält dieselben Angaben.")
        return self.maps.choropleth(fills, titles, label, highlight)

    def bezirke(self, scope: Scope, rows: list[dict]) -> list[dict]:
        """Section pages for large cities: one table per Stadtbezirk instead of one huge list."""
        groups: dict[str, list[dict]] = {}
        for r in rows:
            groups.setdefault(r["stadtbezirk"] or "ohne Zuordnung", []).append(r)
        return [{"name": name, "rows": members, "fokus": sum(r["fokus"] for r in members),
                 "page": scope.href(f"{paths.QUARTERS_URL}/bezirke/{slugify(name)}.md")}
                for name, members in groups.items()]

    def locator(self, scope: Scope, row: dict) -> str:
        label = f"Lage von {row['name']} in der Stadt (hervorgehoben)."
        if not self.large:
            return self.status_map(scope, row["id"], label)
        return self.maps.locator(row["id"], STATUS_COLOURS.get(row["status"] or "", INVALID_COLOUR), label)

    def matrix(self, scope: Scope) -> list[dict]:
        table = engine.matrix(scope.res.result)
        return [{"status": s, "cells": [int(c) for c in table.loc[s]], "total": int(table.loc[s].sum())}
                for s in table.index]

    def trajectory(self, qid: str) -> list[dict]:
        out = []
        for y in self.years:
            r = self._indices(y)[qid]
            out.append({"year": y, "status": _val(r["statuslabel"]), "dynamik": _val(r["dynamiklabel"]),
                        "sozialindex": _val(r["sozialindex"]) or "", "fokus": bool(r["fokus"]),
                        "page": (f"{paths.QUARTERS_URL}/{qid}.md" if y == self.latest
                                 else f"{paths.EDITIONS_URL}/{y}/{paths.QUARTERS_URL}/{qid}.md")})
        return out

    def _indices(self, year: int) -> dict[str, dict]:
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
                series.setdefault((q, k), []).append((int(y), _val(a), f))
            for v in series.values():
                v.sort(key=lambda t: t[0])
            shares = pd.to_numeric(vals["anteil"], errors="coerce")
            means = shares.groupby([vals["indikator_id"], vals["jahr"]]).mean().to_dict()
            self._cache_series[year] = (series, means)
        return self._cache_series[year]

    def indicator_rows(self, scope: Scope, qid: str) -> list[dict]:
        ed = scope.ed
        series_of, means = self._series(ed.edition)
        city = scope.res.city_shares
        prev = max([y for y in self.years if y < ed.edition], default=None)
        prev_year = self.results[prev].edition.status_jahr if prev else ed.dynamik_von
        out = []
        for k, ind in self._indicators:
            points = [p for p in series_of.get((qid, k), []) if p[0] <= ed.status_jahr]
            years = [p[0] for p in points]
            qv = [p[1] for p in points]
            by_year = {p[0]: p for p in points}
            cv = [(_val(city.at[k, y]) if (k in city.index and y in city.columns) else None) for y in years]
            now = by_year[ed.status_jahr][1] if ed.status_jahr in by_year else None
            city_now = _val(city.at[k, ed.status_jahr]) if k in city.index and ed.status_jahr in city.columns else None
            city_label = "in der Stadt"
            if city_now is None:  # ready-made shares (no counts): the unweighted mean of the areas
                city_now = _val(means.get((k, ed.status_jahr)))
                city_label = f"im Mittel der {self.city.gebiete}"
            before = by_year[prev_year][1] if prev_year in by_year else None
            change = (now - before) if now is not None and before is not None else None
            label = f"Verlauf {ind['kurzname']} in {self.name(qid)} und in der Stadt, {years[0] if years else ''}–{ed.status_jahr}"
            comparison = text.compare(now, city_now)
            if city_label != "in der Stadt":
                comparison = comparison.replace("Stadtdurchschnitt", "Durchschnitt")
            out.append({
                "id": k, "kurzname": ind["kurzname"], "titel": ind["titel"], "einheit": ind["einheit"],
                "wert": now, "stadt": city_now, "stadt_label": city_label, "vergleich": comparison,
                "veraenderung": change, "seit": prev_year,
                "kennzeichen": by_year[ed.status_jahr][2] if ed.status_jahr in by_year else "",
                "status": k in ed.status_indikatoren, "dynamik": k in ed.dynamik_indikatoren,
                "trend": trend_svg(years, {"Quartier": qv, "Stadt": cv}, label) if len(years) > 1 else "",
                "verlauf": list(zip(years, qv, cv)),
            })
        return out

    # -- pages -----------------------------------------------------------------------------
    def render_all(self) -> list[str]:
        for scope in self.scopes():
            self.edition_pages(scope)
        self.indicator_pages()
        latest = self.scopes()[0]
        for page, template in (("methodik.md", "methodik.md.j2"), ("daten.md", "daten.md.j2"),
                               (f"{paths.EDITIONS_URL}/index.md", "berichte.md.j2"),
                               ("barrierefreiheit.md", "barrierefreiheit.md.j2"),
                               ("leichte-sprache.md", "leichte-sprache.md.j2"),
                               ("impressum.md", "impressum.md.j2"), ("datenschutz.md", "datenschutz.md.j2")):
            self.write(page, template, scope=latest, results=self.results)
        return self.written

    def forward(self, page: str, target: str, title: str) -> None:
        """A static forwarding page (outside MkDocs): the permalink of the latest edition's archive
        leads to the current page; once a newer edition exists, a full frozen page replaces it."""
        path = self.files_root / page_url(page) / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        href = relative(page, target)
        t = escape(title)
        notice = (f"<p><strong>{escape(self.city.datenstand)}:</strong> Diese Website zeigt keine amtlichen Zahlen.</p>"
                  if self.city.is_demo else "")
        path.write_text(
            f'<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>{t}</title>'
            f'<meta name="robots" content="noindex"><link rel="canonical" href="{href}">'
            f'<meta http-equiv="refresh" content="0; url={href}"></head>'
            f'<body>{notice}<p>Dies ist die aktuelle Ausgabe: <a href="{href}">{t}</a>.</p></body></html>\n',
            encoding="utf-8")

    def edition_pages(self, scope: Scope) -> None:
        rows = self.rows(scope)
        self.write(scope.page("index.md"), "start.md.j2", scope=scope, rows=rows, matrix=self.matrix(scope),
                   karte=self.status_map(scope))
        if scope.stub:
            latest = f"{paths.QUARTERS_URL}/index.md"
            self.forward(scope.page(latest), latest, f"{self.city.gebiete} – {scope.ed.titel}")
            for row in rows:
                target = f"{paths.QUARTERS_URL}/{row['id']}.md"
                self.forward(scope.page(target), target, f"{row['name']} – {scope.ed.titel}")
            for b in (self.bezirke(scope, rows) if self.large else []):
                self.forward(scope.prefix + b["page"], b["page"], f"{b['name']} – {scope.ed.titel}")
            return
        self.write(scope.page(f"{paths.QUARTERS_URL}/index.md"), "quartiere.md.j2", scope=scope, rows=rows,
                   bezirke=self.bezirke(scope, rows) if self.large else [])
        if self.large:
            for b in self.bezirke(scope, rows):
                self.write(b["page"], "bezirk.md.j2", scope=scope, bezirk=b)
        spec_url = map_data_path(scope.ed.edition)
        for i, row in enumerate(rows):
            qid = row["id"]
            feature = self._features[qid]
            self.write(row["page"], "quartier.md.j2", scope=scope, q=row,
                       prev=rows[i - 1], next=rows[(i + 1) % len(rows)],
                       indikatoren=self.indicator_rows(scope, qid), trajectory=self.trajectory(qid),
                       karte=self.locator(scope, row),
                       deck=deck_spec(self.view, relative(row["page"], spec_url), feature),
                       tooltip=json.dumps(TOOLTIP, ensure_ascii=False, sort_keys=True),
                       citation=citation_text(self.data_for(scope.ed), scope.ed, self.city.homepage.rstrip("/") + "/" + page_url(row["page"])),
                       stab_status=text.stability(row["status_abstand"], row["status_stabil"], row["status_kippt_ohne"], "status", self.titles),
                       stab_dynamik=text.stability(row["dynamik_abstand"], row["dynamik_stabil"], row["dynamik_kippt_ohne"], "dynamik", self.titles))

    def indicator_pages(self) -> None:
        scope = self.scopes()[0]
        ed = scope.ed
        self.write(f"{paths.INDICATORS_URL}/index.md", "indikatoren.md.j2", scope=scope)
        vals = scope.tables.values
        for k, ind in self.data.indicators.iterrows():
            now = vals[(vals["indikator_id"] == k) & (vals["jahr"] == ed.status_jahr)].set_index("quartier_id")["anteil"]
            shares = {q: _val(now.get(q)) for q in self.quarter_ids}
            classes, breaks = quantile_classes({q: v for q, v in shares.items() if v is not None})
            fills = {q: SEQUENTIAL[c] for q, c in classes.items()}
            titles = {q: f"{self.name(q)}: {text.de(shares[q])} %" for q in self.quarter_ids}
            karte = self.maps.choropleth(fills, titles,
                            f"Karte: {ind['kurzname']} je {self.city.gebiet_kurz} {ed.status_jahr}. "
                            "Die Rangliste unter der Karte enthält dieselben Werte.")
            ranked = sorted(((q, v) for q, v in shares.items()), key=lambda t: (t[1] is None, -(t[1] or 0)))
            city = scope.res.city_shares
            trend = [(y, _val(city.at[k, y])) for y in city.columns if y <= ed.status_jahr] if k in city.index else []
            self.write(f"{paths.INDICATORS_URL}/{k}.md", "indikator.md.j2", scope=scope, k=k, ind=ind, karte=karte,
                       ranked=ranked, breaks=breaks, trend=trend, legend=SEQUENTIAL,
                       trend_svg=trend_svg([y for y, _ in trend], {"Stadt": [v for _, v in trend]},
                                           f"Verlauf {ind['kurzname']} in der Stadt") if len(trend) > 1 else "")


def map_data_path(year: int) -> str:
    return f"assets/karten/{year}.geojson"


def write_map_data(data: CityData, tables: dict[int, PublishedTables], docs: Path) -> None:
    """Per edition one GeoJSON for the interactive map (cached by the browser across pages)."""
    for year, t in tables.items():
        idx = t.indices.set_index("quartier_id")
        props = {q: {"name": str(data.quarters.at[q, "name"]), "statusklasse": _val(idx.at[q, "statuslabel"]) or "keine",
                     "dynamikklasse": _val(idx.at[q, "dynamiklabel"]) or "keine"} for q in data.quarters.index}
        fills = {q: STATUS_COLOURS.get(_val(idx.at[q, "statuslabel"]) or "", INVALID_COLOUR) for q in data.quarters.index}
        out = docs / map_data_path(year)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(deck_geojson(data.geometry, props, fills), ensure_ascii=False,
                                  separators=(",", ":")), encoding="utf-8")


def copy_assets(docs: Path, static: Path) -> None:
    """Our CSS/JS into the docs; the deck.gl bundle from the pydeck wheel (no CDN) straight into the
    finished files, since MkDocs has nothing to do with it."""
    shutil.copytree(paths.ASSETS_DIR, docs / "assets", dirs_exist_ok=True)
    vendor = static / paths.VENDOR_DECK
    vendor.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.pydeck_bundle(), vendor)
