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
from urllib.parse import quote

from ..config.models import Barrier
from ..model.outputs import write_text
from ..model.records import CityData
from . import figures, text, urls
from .deck import TOOLTIP, deck_spec, view_state
from .env import render_text
from .figures import Figure, FigureView
from .forward import forward, package_folders
from .maps import (CHART, INVALID_COLOUR, OTHER_COLOUR, SEQUENTIAL, STATUS_COLOURS, MapBase, quantile_classes,
                   trend_chart)
from .views import QuarterRow, Scope, SiteViews, value

LEGAL_PAGES = ((urls.METHOD, "methodik.md.j2"), (urls.DATA, "daten.md.j2"), (urls.EDITIONS, "berichte.md.j2"),
               (urls.ACCESSIBILITY, "barrierefreiheit.md.j2"), (urls.EASY_LANGUAGE, "leichte-sprache.md.j2"),
               (urls.IMPRINT, "impressum.md.j2"), (urls.PRIVACY, "datenschutz.md.j2"))

LINKS = {"start": urls.START, "quartiere": urls.QUARTERS, "indikatoren": urls.INDICATORS, "methodik": urls.METHOD,
         "daten": urls.DATA, "berichte": urls.EDITIONS, "barrierefreiheit": urls.ACCESSIBILITY,
         "leichte_sprache": urls.EASY_LANGUAGE, "impressum": urls.IMPRINT, "datenschutz": urls.PRIVACY,
         "katalog": urls.CATALOGUE, "deck_bundle": urls.VENDOR_DECK}


def own_barriers(city) -> tuple[Barrier, ...]:
    """What the generator itself knows is not fully accessible, stated on every site's accessibility
    statement before the city's own entries (stadt.yaml: barrierefreiheit.barrieren)."""
    return (
        Barrier(inhalt="Interaktive Karte", grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Die Kartenbibliothek (deck.gl) zeichnet auf eine Zeichenfläche. Sie lässt sich mit der "
                            "Tastatur nur verschieben und vergrößern; die einzelnen "
                            f"{city.gebiete_kurz} sind darin für Screenreader nicht benannt. Sie wird nur auf Wunsch "
                            "geladen.",
                alternative=f"Die Kartengrafik auf derselben Seite: {city.jedes_kurz[0].upper()}{city.jedes_kurz[1:]} ist dort ein Link mit Namen und "
                            "Einstufung. Alle Werte stehen außerdem in Tabellen."),
        Barrier(inhalt="Grafiken zum Herunterladen (PNG)", grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Titel, Legende und Quelle sind im PNG-Bild Teil des Bildes, nicht Text.",
                alternative="Dieselbe Grafik als SVG-Datei (mit Text und Beschreibung) und die Seite, auf der sie steht."),
        Barrier(inhalt="Daten zum Herunterladen (CSV, XLSX, GeoJSON)",
                grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Die Dateien sind für die Weiterverarbeitung gedacht; die Excel-Arbeitsmappen haben keine "
                            "ausgezeichneten Tabellenköpfe für Screenreader.",
                alternative=f"Dieselben Zahlen stehen als Tabellen auf den Seiten der {city.gebiete} und Indikatoren."),
    )


STATUS_LEGEND = tuple((c, f"Status {label}") for label, c in STATUS_COLOURS.items()) + ((INVALID_COLOUR, "keine Klasse"),)


class SitePages:
    def __init__(self, views: SiteViews, docs: Path, static: Path):
        self.views = views
        self.data: CityData = views.data
        self.city = views.city
        self.docs = docs
        self.static = static  # finished files that bypass MkDocs (forwarding pages, figures)
        self.written: list[str] = []
        self.templates_used: set[str] = set()
        self.figures_written: set[str] = set()
        self._features = {f["properties"]["quartier_id"]: f for f in self.data.geometry["features"]}
        self.view = view_state(self.data.geometry)
        groups = {q: str(value(r) or "") for q, r in self.data.quarters["stadtbezirk"].items()}
        self.maps = MapBase(self.data.geometry, groups if views.large else None)
        self._linked: dict[tuple, str] = {}

    def write(self, page: str, template: str, **context: Any) -> None:
        content = render_text(template, u=lambda to: urls.markdown_link(page, to), h=lambda to: urls.relative(page, to),
                              page=page, city=self.city, links=LINKS, large=self.views.large, **context)
        write_text(self.docs, page, content)
        self.written.append(page)
        self.templates_used.add(template)

    # -- figures ---------------------------------------------------------------------------
    def source_lines(self, scope: Scope) -> list[str]:
        c, ed = scope.ed.city(self.city), scope.ed
        lines = [f"Quelle: {c.herausgeber.name} – {c.titel}, {ed.titel} (Stand {text.date(ed.stichtag)})",
                 f"Lizenz: {c.lizenz.titel} ({c.lizenz.pfad})"]
        lines += [f"Namensnennung: {n}" for n in c.namensnennung]
        if c.is_demo:
            lines.append(c.hinweis)
        return lines

    def figure(self, fig: Figure, scope: Scope, page: str) -> FigureView:
        """Write the figure's standalone SVG and embed page (once), and return what ``page`` shows."""
        fig = replace(fig, page=page)
        if fig.slug not in self.figures_written:
            self.figures_written.add(fig.slug)
            source = self.source_lines(scope)
            write_text(self.static, fig.svg_file, figures.standalone(fig, source))
            notice = self.city.hinweis
            write_text(self.static, fig.embed_page, figures.embed_html(
                fig, source, urls.relative(fig.embed_page, fig.svg_file), urls.relative(fig.embed_page, page), notice))
        css = "karte" if fig.kind == "karte" else "trend"
        embed_url = self.views.address.url(urls.page_url(fig.embed_page).removesuffix("index.html"))
        return FigureView(fig, figures.inline(fig, css), fig.svg_file, fig.embed_page,
                          figures.embed_code(fig, embed_url), fig.legend)

    def _status(self, scope: Scope) -> tuple[dict, dict]:
        rows = self.views.rows(scope)
        fills = {r.id: STATUS_COLOURS[r.status] if r.status else INVALID_COLOUR for r in rows}
        titles = {r.id: f"{r.name}: Status {r.status or 'keine Klasse'}, Dynamik {r.dynamik or 'keine Klasse'}"
                  for r in rows}
        return fills, titles

    def quarter_links(self, scope: Scope, page: str) -> dict[str, str]:
        return {r.id: urls.relative(page, r.page) for r in self.views.rows(scope)}

    def status_map(self, scope: Scope, page: str) -> FigureView:
        fills, titles = self._status(scope)
        body, linked = self.maps.choropleth(fills, titles, self.quarter_links(scope, page))
        w, h = self.maps.size
        fig = Figure(f"{scope.ed.edition}/karte-status", "karte", f"{self.city.gebiete} nach sozialem Status",
                     f"Statusklasse je {self.city.gebiet} · {self.city.stadt} · {scope.ed.titel}, Stand "
                     f"{text.date(scope.ed.stichtag)}",
                     f"Karte der {self.city.gebiete} nach Statusklasse im {scope.ed.titel}; jedes {self.city.gebiet} "
                     f"ist ein Link zu seiner Seite. Die Tabelle unter der Karte enthält dieselben Angaben.",
                     w, h, body, linked, STATUS_LEGEND)
        return self.figure(fig, scope, page)

    def locator(self, scope: Scope, row: QuarterRow) -> FigureView:
        page = row.page
        named = row.named.nominative()
        w, h = self.maps.size
        if not self.views.large:
            key = ("lage", scope.ed.edition, scope.prefix)
            fills, titles = self._status(scope)
            body, _ = self.maps.choropleth(fills, titles, None, highlight=row.id)
            if key not in self._linked:  # the quarter pages of one edition share their relative links
                self._linked[key] = self.maps.choropleth(fills, titles, self.quarter_links(scope, page))[1]
            linked = self._linked[key] + body[body.rindex("</g>") + 4:]  # … plus this quarter's outline
            alt = (f"So liegt {named} in der Stadt: schwarz umrandet, unter den übrigen {self.city.gebiete_dativ}, "
                   "gefärbt nach Statusklasse; jedes ist ein Link zu seiner Seite.")
        else:
            districts = {d.name: urls.relative(page, d.page) for d in self.views.districts(scope, self.views.rows(scope))}
            title = f"{row.name}: Status {row.status or 'keine Klasse'}, Dynamik {row.dynamik or 'keine Klasse'}"
            body, linked = self.maps.locator(row.id, STATUS_COLOURS.get(row.status or "", INVALID_COLOUR), title, districts)
            alt = (f"So liegt {named} in der Stadt: schwarz umrandet und gefärbt nach Statusklasse, in den grau "
                   f"gezeichneten {self.city.stadtbezirk}en; jeder {self.city.stadtbezirk} ist ein Link zu seiner Liste.")
        legend = STATUS_LEGEND if not self.views.large else (
            (STATUS_COLOURS.get(row.status or "", INVALID_COLOUR), f"{row.name}: Status {row.status or 'keine Klasse'}"),
            ("#f2f2f2", f"übrige {self.city.stadtbezirk}e"))
        fig = Figure(f"{scope.ed.edition}/lage/{row.id}", "karte", f"Lage: {row.name}",
                     f"{self.city.gebiet} in {self.city.stadt} · {scope.ed.titel}, Stand {text.date(scope.ed.stichtag)}",
                     alt, w, h, body, linked, legend)
        return self.figure(fig, scope, page)

    def trend(self, scope: Scope, row: QuarterRow, b) -> FigureView | None:
        if len(b.years) < 2:
            return None
        body = trend_chart(b.years, [(row.name, b.quarter_series), (b.stadt_label, b.city_series)], b.unit,
                           scope.ed.status_jahr)
        if not body:
            return None
        last = text.with_unit(b.wert, b.einheit) if b.wert is not None else "nicht veröffentlicht"
        fig = Figure(f"{scope.ed.edition}/verlauf/{row.id}/{b.id}", "verlauf", f"{b.kurzname}: {row.name}",
                     f"{b.titel} in {b.einheit}, {b.years[0]}–{b.years[-1]} · {scope.ed.titel}",
                     f"Verlauf {b.kurzname} {row.named.dative()} (durchgezogen) und {b.stadt_label} (gestrichelt), "
                     f"{b.years[0]} bis {b.years[-1]}; {scope.ed.status_jahr}: {last}. Die Zahlen stehen in der "
                     "Tabelle darunter.", *CHART, body, "",
                     (("line", row.name), ("dashed", b.stadt_label[:1].upper() + b.stadt_label[1:])))
        return self.figure(fig, scope, row.page)

    # -- pages -----------------------------------------------------------------------------
    def render_all(self) -> list[str]:
        scopes = self.views.scopes()
        for scope in scopes:
            self.edition_pages(scope)
        self.indicator_pages(scopes[0])
        summaries = self.views.summaries()
        for page, template in LEGAL_PAGES:
            self.write(page, template, scope=scopes[0], editions=summaries, latest=self.views.latest,
                       quarter_count=len(self.views.quarter_ids), site_url=self.views.address.url(""),
                       barrieren=(*own_barriers(self.city), *self.city.barrierefreiheit.barrieren))
        return self.written

    def edition_pages(self, scope: Scope) -> None:
        rows = self.views.rows(scope)
        start = scope.page(urls.START)
        changes = self.views.changes(scope)
        self.write(start, "start.md.j2", scope=scope, rows=rows, matrix=self.views.matrix(scope),
                   karte=self.status_map(scope, start), switcher=self.views.switcher(scope, urls.START),
                   fokus=[r for r in rows if r.fokus], changes=changes,
                   finder=self.finder(scope, start))
        districts = self.views.districts(scope, rows) if self.views.large else []
        package_folders(self.static, scope.ed.edition, scope.ed.titel, self.city)
        if scope.stub:
            for rel, title in ((urls.QUARTERS, self.city.gebiete), (urls.FOCUS, self.city.fokus_n),
                               *([(urls.CHANGES, "Veränderungen")] if changes else [])):
                forward(self.static, scope.page(rel), rel, f"{title} – {scope.ed.titel}", self.city)
            for row in rows:
                target = urls.quarter(row.id)
                forward(self.static, scope.page(target), target, f"{row.name} – {scope.ed.titel}", self.city)
            for d in districts:
                forward(self.static, scope.prefix + d.page, d.page, f"{d.name} – {scope.ed.titel}", self.city)
            return
        quarters = scope.page(urls.QUARTERS)
        self.write(quarters, "quartiere.md.j2", scope=scope, rows=rows, bezirke=districts,
                   switcher=self.views.switcher(scope, urls.QUARTERS), finder=self.finder(scope, quarters))
        for d in districts:
            self.write(d.page, "bezirk.md.j2", scope=scope, bezirk=d)
        self.fokus_page(scope, rows)
        if changes:
            self.write(scope.page(urls.CHANGES), "veraenderungen.md.j2", scope=scope, changes=changes)
        spec_url = urls.map_data(scope.ed.edition)
        for i, row in enumerate(rows):
            self.quarter_page(scope, row, rows[i - 1], rows[(i + 1) % len(rows)], spec_url)

    def finder(self, scope: Scope, page: str) -> dict:
        """What "Mein Quartier finden" needs: the areas' GeoJSON (the site's own) and the page links."""
        return {"daten": urls.relative(page, urls.map_data(scope.ed.edition)),
                "seiten": json.dumps({r.id: urls.relative(page, r.page) for r in self.views.rows(scope)},
                                     ensure_ascii=False, sort_keys=True)}

    def quarter_page(self, scope: Scope, row: QuarterRow, prev: QuarterRow, nxt: QuarterRow, spec_url: str) -> None:
        blocks = [replace(b, trend=self.trend(scope, row, b)) for b in self.views.indicator_blocks(scope, row)]
        self.write(row.page, "quartier.md.j2", scope=scope, q=row, prev=prev, next=nxt,
                   indikatoren=[b for b in blocks if b.art == "index"],
                   kontext=[b for b in blocks if b.art == "kontext"],
                   vertiefung=self.views.deepening(scope, row, blocks), trajectory=self.views.trajectory(row.id),
                   karte=self.locator(scope, row),
                   deck=deck_spec(self.view, urls.relative(row.page, spec_url), self._features[row.id]),
                   tooltip=json.dumps(TOOLTIP, ensure_ascii=False, sort_keys=True),
                   csv=urls.quarter_csv(scope.ed.edition, row.id),
                   citation=self.views.citation(scope.ed, urls.page_url(row.page)),
                   saetze=self.views.sentences(scope, row), feedback=self.feedback(scope, row))

    def feedback(self, scope: Scope, row: QuarterRow) -> str:
        """A mailto: link with the quarter and edition in the subject: no form service, no third party."""
        address = self.city.rueckmeldung or self.city.herausgeber.email
        if not address:
            return ""
        subject = f"Rückmeldung zu {row.name} ({self.city.gebiet}, {scope.ed.titel})"
        return f"mailto:{address}?subject={quote(subject)}"

    def fokus_page(self, scope: Scope, rows: list[QuarterRow]) -> None:
        """The edition's Fokusquartiere with their key facts and a map that shows where they lie."""
        page = scope.page(urls.FOCUS)
        items = [{"row": r, "deepening": self.views.deepening(scope, r, self.views.indicator_blocks(scope, r))}
                 for r in rows if r.fokus]
        fills = {r.id: (STATUS_COLOURS[r.status] if r.fokus else OTHER_COLOUR) for r in rows}
        titles = {r.id: f"{r.name}: {self.city.fokus1 if r.fokus else 'kein ' + self.city.fokus1}, Status "
                        f"{r.status or 'keine Klasse'}, Dynamik {r.dynamik or 'keine Klasse'}" for r in rows}
        body, linked = self.maps.choropleth(fills, titles, self.quarter_links(scope, page))
        w, h = self.maps.size
        legend = tuple((c, f"{self.city.fokus1}, Status {label}") for label, c in STATUS_COLOURS.items()
                       if label != "hoch") + ((OTHER_COLOUR, f"anderes {self.city.gebiet}"),)
        fig = Figure(f"{scope.ed.edition}/karte-fokus", "karte", f"{self.city.fokus_n} in {self.city.stadt}",
                     f"{scope.ed.titel}, Stand {text.date(scope.ed.stichtag)}",
                     f"Karte der {self.city.fokus_n} im {scope.ed.titel}: farbig nach Statusklasse, alle anderen "
                     f"{self.city.gebiete} hellgrau; jedes {self.city.gebiet} ist ein Link zu seiner Seite. Die Liste "
                     "unter der Karte nennt dieselben.", w, h, body, linked, legend)
        self.write(page, "fokus.md.j2", scope=scope, items=items, karte=self.figure(fig, scope, page),
                   switcher=self.views.switcher(scope, urls.FOCUS), count=len(rows))

    def indicator_pages(self, scope: Scope) -> None:
        infos = self.views.indicator_infos(scope.ed)
        self.write(urls.INDICATORS, "indikatoren.md.j2", scope=scope, indicators=infos,
                   richtung=self.views.directions_sentence(), herkunft=self.views.origin_sentence())
        for ind in infos:
            own = self.views.scope_with_values(ind.id)  # an indicator an edition dropped: its last edition
            page = urls.indicator(ind.id)
            unit = text.unit_short(ind.einheit)
            shares = self.views.indicator_shares(own, ind.id)
            classes, breaks = quantile_classes({q: v for q, v in shares.items() if v is not None})
            fills = {q: SEQUENTIAL[c] for q, c in classes.items()}
            titles = {q: f"{self.views.name(q)}: {text.with_unit(shares[q], ind.einheit)}" for q in self.views.quarter_ids}
            links = {r.id: urls.relative(page, r.page) for r in self.views.rows(own)}
            body, linked = self.maps.choropleth(fills, titles, links)
            w, h = self.maps.size
            legend = tuple(_legend(breaks, unit)) + ((INVALID_COLOUR, "kein Wert"),)
            karte = self.figure(Figure(
                f"{own.ed.edition}/indikator/{ind.id}", "karte", f"{ind.kurzname} je {self.city.gebiet}",
                f"{ind.titel} in {ind.einheit} am {text.date(own.ed.stichtag)} · {self.city.stadt} · {own.ed.titel}",
                f"Karte: {ind.kurzname} je {self.city.gebiet} {own.ed.status_jahr}, in fünf gleich großen Gruppen; "
                "jedes ist ein Link zu seiner Seite. Die Rangliste unter der Karte enthält dieselben Werte.",
                w, h, body, linked, legend), own, page)
            ranked = sorted(((q, v) for q, v in shares.items()), key=lambda t: (t[1] is None, -(t[1] or 0)))
            trend = self.views.city_trend(own, ind.id)
            where = self.views.city_value(own, ind.id, own.ed.status_jahr)[1]
            chart = None
            body = trend_chart([y for y, _ in trend], [(where, [v for _, v in trend])], unit, own.ed.status_jahr) \
                if len(trend) > 1 else ""
            if body:
                chart = self.figure(Figure(
                    f"{own.ed.edition}/indikator/{ind.id}-verlauf", "verlauf", f"{ind.kurzname} {where}",
                    f"{ind.titel} in {ind.einheit}, {trend[0][0]}–{trend[-1][0]} · {self.city.stadt}",
                    f"Verlauf {ind.kurzname} {where}, {trend[0][0]} bis {trend[-1][0]}. Die Werte stehen in der Tabelle.",
                    *CHART, body, "", (("line", where[:1].upper() + where[1:]),)), own, page)
            self.write(page, "indikator.md.j2", scope=own, ind=ind, karte=karte, unit=unit,
                       ranked=[(self.views.name(q), own.href(urls.quarter(q)), v) for q, v in ranked],
                       trend=trend, trend_where=where, chart=chart)


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

