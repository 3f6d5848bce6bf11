"""Markdown pages from the Jinja2 templates in site_templates/, one call per page.

The views (views.py) hold the numbers and links; this module draws the figures, picks the
template and writes the file. Links are relative, so the site works from any folder and under
any base URL.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model.outputs import write_text
from ..model.records import CityData
from . import text, urls
from .deck import TOOLTIP, deck_spec, view_state
from .env import render_text
from .forward import forward
from .maps import INVALID_COLOUR, OTHER_COLOUR, SEQUENTIAL, STATUS_COLOURS, MapBase, quantile_classes, trend_svg
from .views import QuarterRow, Scope, SiteViews, value

LEGAL_PAGES = ((urls.METHOD, "methodik.md.j2"), (urls.DATA, "daten.md.j2"), (urls.EDITIONS, "berichte.md.j2"),
               (urls.ACCESSIBILITY, "barrierefreiheit.md.j2"), (urls.EASY_LANGUAGE, "leichte-sprache.md.j2"),
               (urls.IMPRINT, "impressum.md.j2"), (urls.PRIVACY, "datenschutz.md.j2"))

LINKS = {"start": urls.START, "quartiere": urls.QUARTERS, "indikatoren": urls.INDICATORS, "methodik": urls.METHOD,
         "daten": urls.DATA, "berichte": urls.EDITIONS, "barrierefreiheit": urls.ACCESSIBILITY,
         "leichte_sprache": urls.EASY_LANGUAGE, "impressum": urls.IMPRINT, "datenschutz": urls.PRIVACY,
         "katalog": urls.CATALOGUE, "deck_bundle": urls.VENDOR_DECK}


class SitePages:
    def __init__(self, views: SiteViews, docs: Path, static: Path):
        self.views = views
        self.data: CityData = views.data
        self.city = views.city
        self.docs = docs
        self.static = static  # finished files that bypass MkDocs (forwarding pages)
        self.written: list[str] = []
        self.templates_used: set[str] = set()
        self._features = {f["properties"]["quartier_id"]: f for f in self.data.geometry["features"]}
        self.view = view_state(self.data.geometry)
        groups = {q: str(value(r) or "") for q, r in self.data.quarters["stadtbezirk"].items()}
        self.maps = MapBase(self.data.geometry, groups if views.large else None)

    def write(self, page: str, template: str, **context: Any) -> None:
        content = render_text(template, u=lambda to: urls.markdown_link(page, to), h=lambda to: urls.relative(page, to),
                              page=page, city=self.city, links=LINKS, large=self.views.large, **context)
        write_text(self.docs, page, content)
        self.written.append(page)
        self.templates_used.add(template)

    # -- figures ---------------------------------------------------------------------------
    def status_map(self, scope: Scope, highlight: str | None = None, label: str | None = None) -> str:
        rows = self.views.rows(scope)
        fills = {r.id: STATUS_COLOURS[r.status] if r.status else INVALID_COLOUR for r in rows}
        titles = {r.id: f"{r.name}: Status {r.status or 'keine Klasse'}, Dynamik {r.dynamik or 'keine Klasse'}"
                  for r in rows}
        label = label or (f"Karte der {self.city.gebiete} nach Statusklasse im {scope.ed.titel}. "
                          f"Die Tabelle unter der Karte enthält dieselben Angaben.")
        return self.maps.choropleth(fills, titles, label, highlight)

    def locator(self, scope: Scope, row: QuarterRow) -> str:
        label = f"So liegt {row.named.nominative()} in der Stadt (hervorgehoben)."
        if not self.views.large:
            return self.status_map(scope, row.id, label)
        return self.maps.locator(row.id, STATUS_COLOURS.get(row.status or "", INVALID_COLOUR), label)

    # -- pages -----------------------------------------------------------------------------
    def render_all(self) -> list[str]:
        scopes = self.views.scopes()
        for scope in scopes:
            self.edition_pages(scope)
        self.indicator_pages(scopes[0])
        summaries = self.views.summaries()
        for page, template in LEGAL_PAGES:
            self.write(page, template, scope=scopes[0], editions=summaries, latest=self.views.latest,
                       quarter_count=len(self.views.quarter_ids))
        return self.written

    def edition_pages(self, scope: Scope) -> None:
        rows = self.views.rows(scope)
        self.write(scope.page(urls.START), "start.md.j2", scope=scope, rows=rows, matrix=self.views.matrix(scope),
                   karte=self.status_map(scope), switcher=self.views.switcher(scope, urls.START),
                   fokus=[r for r in rows if r.fokus])
        districts = self.views.districts(scope, rows) if self.views.large else []
        if scope.stub:
            forward(self.static, scope.page(urls.FOCUS), urls.FOCUS, f"{self.city.fokus_n} – {scope.ed.titel}", self.city)
            forward(self.static, scope.page(urls.QUARTERS), urls.QUARTERS, f"{self.city.gebiete} – {scope.ed.titel}",
                    self.city)
            for row in rows:
                target = urls.quarter(row.id)
                forward(self.static, scope.page(target), target, f"{row.name} – {scope.ed.titel}", self.city)
            for d in districts:
                forward(self.static, scope.prefix + d.page, d.page, f"{d.name} – {scope.ed.titel}", self.city)
            return
        self.write(scope.page(urls.QUARTERS), "quartiere.md.j2", scope=scope, rows=rows, bezirke=districts,
                   switcher=self.views.switcher(scope, urls.QUARTERS))
        self.fokus_page(scope, rows)
        for d in districts:
            self.write(d.page, "bezirk.md.j2", scope=scope, bezirk=d)
        spec_url = urls.map_data(scope.ed.edition)
        for i, row in enumerate(rows):
            self.quarter_page(scope, row, rows[i - 1], rows[(i + 1) % len(rows)], spec_url)

    def quarter_page(self, scope: Scope, row: QuarterRow, prev: QuarterRow, nxt: QuarterRow, spec_url: str) -> None:
        blocks = []
        for b in self.views.indicator_blocks(scope, row):
            label = (f"Verlauf {b.kurzname} in {row.name} und in der Stadt, "
                     f"{b.years[0] if b.years else ''}–{scope.ed.status_jahr}")
            chart = trend_svg(b.years, {"Quartier": b.quarter_series, "Stadt": b.city_series}, label) \
                if len(b.years) > 1 else ""
            blocks.append(_with_trend(b, chart))
        self.write(row.page, "quartier.md.j2", scope=scope, q=row, prev=prev, next=nxt,
                   indikatoren=[b for b in blocks if b.art == "index"],
                   kontext=[b for b in blocks if b.art == "kontext"],
                   vertiefung=self.views.deepening(scope, row, blocks), trajectory=self.views.trajectory(row.id),
                   karte=self.locator(scope, row),
                   deck=deck_spec(self.view, urls.relative(row.page, spec_url), self._features[row.id]),
                   tooltip=json.dumps(TOOLTIP, ensure_ascii=False, sort_keys=True),
                   csv=urls.quarter_csv(scope.ed.edition, row.id),
                   citation=self.views.citation(scope.ed, urls.page_url(row.page)),
                   saetze=self.views.sentences(scope, row))

    def fokus_page(self, scope: Scope, rows: list[QuarterRow]) -> None:
        """The edition's Fokusquartiere with their key facts and a map that shows where they lie."""
        fokus = [r for r in rows if r.fokus]
        items = []
        for r in fokus:
            d = self.views.deepening(scope, r, self.views.indicator_blocks(scope, r))
            items.append({"row": r, "deepening": d})
        fills = {r.id: (STATUS_COLOURS[r.status] if r.fokus else OTHER_COLOUR) for r in rows}
        titles = {r.id: f"{r.name}: {self.city.fokus1 if r.fokus else 'kein ' + self.city.fokus1}, Status "
                        f"{r.status or 'keine Klasse'}, Dynamik {r.dynamik or 'keine Klasse'}" for r in rows}
        karte = self.maps.choropleth(fills, titles, f"Karte der {self.city.fokus_n} im {scope.ed.titel}: farbig die "
                                     f"{self.city.fokus_n} nach Statusklasse, grau alle anderen "
                                     f"{self.city.gebiete}. Die Liste unter der Karte nennt dieselben.")
        self.write(scope.page(urls.FOCUS), "fokus.md.j2", scope=scope, items=items, karte=karte,
                   switcher=self.views.switcher(scope, urls.FOCUS), count=len(rows))

    def indicator_pages(self, scope: Scope) -> None:
        ed = scope.ed
        infos = self.views.indicator_infos(ed)
        self.write(urls.INDICATORS, "indikatoren.md.j2", scope=scope, indicators=infos,
                   richtung=self.views.directions_sentence(), herkunft=self.views.origin_sentence())
        for ind in infos:
            own = self.views.scope_with_values(ind.id)  # an indicator an edition dropped: its last edition
            unit = text.unit_short(ind.einheit)
            shares = self.views.indicator_shares(own, ind.id)
            classes, breaks = quantile_classes({q: v for q, v in shares.items() if v is not None})
            fills = {q: SEQUENTIAL[c] for q, c in classes.items()}
            titles = {q: f"{self.views.name(q)}: {text.with_unit(shares[q], ind.einheit)}" for q in self.views.quarter_ids}
            karte = self.maps.choropleth(fills, titles,
                                         f"Karte: {ind.kurzname} je {self.city.gebiet_kurz} {own.ed.status_jahr}. "
                                         "Die Rangliste unter der Karte enthält dieselben Werte.")
            ranked = sorted(((q, v) for q, v in shares.items()), key=lambda t: (t[1] is None, -(t[1] or 0)))
            trend = self.views.city_trend(own, ind.id)
            where = self.views.city_value(own, ind.id, own.ed.status_jahr)[1]
            self.write(urls.indicator(ind.id), "indikator.md.j2", scope=own, ind=ind, karte=karte, unit=unit,
                       ranked=[(self.views.name(q), own.href(urls.quarter(q)), v) for q, v in ranked],
                       legend=_legend(breaks, unit), trend=trend, trend_where=where,
                       trend_svg=trend_svg([y for y, _ in trend], {"Stadt": [v for _, v in trend]},
                                           f"Verlauf {ind.kurzname} {where}") if len(trend) > 1 else "")


def _with_trend(block, chart: str):
    return replace(block, trend=chart)


def _legend(breaks: list[float], unit: str = "%") -> list[tuple[str, str]]:
    """(colour, label) of the five quintile classes of an indicator map."""
    if not breaks:
        return []
    out = []
    for i, colour in enumerate(SEQUENTIAL):
        if i == 0:
            label = f"unter {text.de(breaks[0])} {unit}"
        elif i == len(SEQUENTIAL) - 1:
            label = f"ab {text.de(breaks[-1])} {unit}"
        else:
            label = f"{text.de(breaks[i - 1])} bis unter {text.de(breaks[i])} {unit}"
        out.append((colour, label))
    return out
