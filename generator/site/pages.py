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

from ..config.models import Barrier
from ..language import captions, signs, voice
from ..language.names import capital
from ..language.numbers import date, unit_short, with_unit
from ..errors import BuildError
from ..model.outputs import inside, write_text
from ..model.records import CityData
from . import figures, late, signlanguage, urls
from .deck import TOOLTIP, deck_spec, view_state
from .env import render_text
from .figures import Figure, FigureData, FigureView
from .forward import forward, package_folders
from .legend import display_classes
from .maps import CHART, INVALID_COLOUR, OTHER_COLOUR, SEQUENTIAL, STATUS_COLOURS, MapBase, name_key, trend_chart
from .views import QuarterRow, Scope, SiteViews, value

LEGAL_PAGES = ((urls.METHOD, "methodik.md.j2"), (urls.DATA, "daten.md.j2"), (urls.EDITIONS, "berichte.md.j2"),
               (urls.ACCESSIBILITY, "barrierefreiheit.md.j2"), (urls.EASY_LANGUAGE, "leichte-sprache.md.j2"),
               (urls.SIGN_LANGUAGE, "gebaerdensprache.md.j2"),
               (urls.IMPRINT, "impressum.md.j2"), (urls.PRIVACY, "datenschutz.md.j2"))

LINKS = {"start": urls.START, "quartiere": urls.QUARTERS, "indikatoren": urls.INDICATORS, "methodik": urls.METHOD,
         "daten": urls.DATA, "berichte": urls.EDITIONS, "barrierefreiheit": urls.ACCESSIBILITY,
         "leichte_sprache": urls.EASY_LANGUAGE, "gebaerdensprache": urls.SIGN_LANGUAGE,
         "impressum": urls.IMPRINT, "datenschutz": urls.PRIVACY,
         "katalog": urls.CATALOGUE, "deck_bundle": urls.VENDOR_DECK}


def own_barriers(city) -> tuple[Barrier, ...]:
    """What is still not met on every site the generator builds: stated in the accessibility statement
    before the city's own entries (stadt.yaml: barrierefreiheit.barrieren), each with reason and
    alternative, and explained on the Leichte Sprache page in one sentence (`leicht`).

    This is the one place for what the generator knows it does not meet: add an entry here when an
    audit (BIK BITV-Test, issue 22) finds a step not met, remove it when it is fixed. The missing
    videos in Deutscher Gebärdensprache follow from the configuration (signlanguage.barrier)."""
    sign = signlanguage.barrier(city)
    return (*_generator_barriers(city), *((sign,) if sign else ()))


def _generator_barriers(city) -> tuple[Barrier, ...]:
    return (
        Barrier(inhalt="Interaktive Karte", grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Die Kartenbibliothek (deck.gl) zeichnet auf eine Zeichenfläche. Sie lässt sich mit der "
                            "Tastatur nur verschieben und vergrößern; die einzelnen "
                            f"{city.gebiete_kurz} sind darin für Screenreader nicht benannt. Sie wird nur auf Wunsch "
                            "geladen.",
                alternative=f"Die Kartengrafik auf derselben Seite: {capital(city.jedes_kurz)} ist dort ein Link mit Namen und "
                            "Einstufung. Alle Werte stehen außerdem in Tabellen.",
                leicht="Die bewegliche Karte können Sie nicht mit einem Vorlese-Programm benutzen."),
        Barrier(inhalt="Grafiken zum Herunterladen (PNG)", grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Titel, Legende und Quelle sind im PNG-Bild Teil des Bildes, nicht Text.",
                alternative="Dieselbe Grafik als SVG-Datei (mit Text und Beschreibung) und die Seite, auf der sie steht.",
                leicht="In den Bildern zum Herunter-Laden kann ein Vorlese-Programm den Text nicht lesen."),
        Barrier(inhalt="Farben der Kartenflächen", grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Die Klassen einer Karte unterscheiden sich nur durch die Farbe ihrer Flächen (ohne Muster); "
                            "benachbarte Klassen unterscheiden sich dabei teils nur schwach (Kontrast 1,3:1 bis 2,1:1). "
                            "Die Grenzen zwischen den Flächen sind sichtbar (weiße und dunkle Linie).",
                alternative="Name und Einstufung jeder Fläche stehen in ihrem Link, unter der Karte (bei Zeiger und "
                            "Tastaturfokus), in den Tabellen der Seite und in der Beschreibung der SVG-Datei.",
                leicht="Auf den Karten zeigen nur Farben, wie die Lage in einem Gebiet ist; dieselben Angaben stehen auch in Tabellen."),
        Barrier(inhalt="Karten und Diagramme in Kontrastmodi (erzwungene Farben)",
                grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Karten, Diagramme und Farbfelder der Legenden behalten ihre eigenen Farben auf weißem "
                            "Grund, statt die Farben des Kontrastmodus anzunehmen: Die Farbe ist ihr Inhalt.",
                alternative="Alle Werte stehen als Text in Tabellen, die den Farben des Kontrastmodus folgen.",
                leicht="Wenn Sie besondere Farben für Ihren Bildschirm eingestellt haben, behalten die Karten trotzdem ihre eigenen Farben."),
        Barrier(inhalt="Angaben zu einer Fläche in der interaktiven Karte",
                grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Name und Klassen einer Fläche erscheinen in der interaktiven Karte nur unter dem "
                            "Mauszeiger, nicht mit der Tastatur (Esc schließt sie).",
                alternative="Die Kartengrafik auf derselben Seite und die Tabellen.",
                leicht="In der beweglichen Karte sehen Sie den Namen eines Gebiets nur mit der Maus."),
        Barrier(inhalt="Daten zum Herunterladen (CSV, XLSX, GeoJSON)",
                grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
                begruendung="Die Dateien sind für die Weiterverarbeitung gedacht; die Excel-Arbeitsmappen haben keine "
                            "ausgezeichneten Tabellenköpfe für Screenreader.",
                alternative=f"Dieselben Zahlen stehen als Tabellen auf den Seiten der {city.gebiete} und Indikatoren.",
                leicht="Die Excel-Dateien zum Herunter-Laden sind schwer mit einem Vorlese-Programm zu lesen."),
    )


STATUS_LEGEND = tuple(zip((*STATUS_COLOURS.values(), INVALID_COLOUR), captions.status_legend()))


class SitePages:
    def __init__(self, views: SiteViews, docs: Path, static: Path, late_dir: Path | None = None):
        self.views = views
        self.data: CityData = views.data
        self.city = views.city
        self.docs = docs
        self.static = static  # finished files that bypass MkDocs (forwarding pages, figures)
        self.late = late_dir  # blocks that go into the built pages after MkDocs (late.py)
        self.written: list[str] = []
        self.templates_used: set[str] = set()
        self.figures_written: set[str] = set()
        # figure files not yet written (defer_figures: the build writes them while MkDocs runs)
        self.defer_figures = False
        self.pending_figures: list[tuple] = []
        self._features = {f["properties"]["quartier_id"]: f for f in self.data.geometry["features"]}
        self.view = view_state(self.data.geometry)
        groups = {q: str(value(r) or "") for q, r in self.data.quarters["stadtbezirk"].items()}
        self.maps = MapBase(self.data.geometry, groups if views.large else None)
        self._linked: dict[tuple, tuple] = {}
        self._blocks_only = False

    def write(self, page: str, template: str, **context: Any) -> None:
        with late.collecting() as blocks:
            content = render_text(template, u=lambda to: urls.markdown_link(page, to),
                                  h=lambda to: urls.relative(page, to), page=page, city=self.city, links=LINKS,
                                  large=self.views.large, **context)
        if self._blocks_only:  # final_blocks: the Markdown is written (and maybe read by MkDocs) already
            if self.late is None or inside(self.docs, page).read_text(encoding="utf-8") != content:
                raise BuildError(f"{page}: die Seite hängt außerhalb ihrer nachher-Blöcke von den Datenpaketen ab "
                                 f"({template}); was die Pakete nennt, gehört in einen Block „{{% filter nachher %}}“.")
            late.save(self.late, page, blocks)
            return
        write_text(self.docs, page, content)
        if self.late is not None:
            late.save(self.late, page, blocks)
        else:  # no folder for them: the blocks stay in the Markdown
            write_text(self.docs, page, late.fill_text(content, blocks.blocks))
        self.written.append(page)
        self.templates_used.add(template)

    # -- figures ---------------------------------------------------------------------------
    def source_lines(self, scope: Scope) -> list[str]:
        c, ed = scope.ed.city(self.city), scope.ed
        lines = [f"Quelle: {c.herausgeber.name} – {c.titel}, {ed.titel} (Stand {date(ed.stichtag)})",
                 f"Lizenz: {c.lizenz.titel} ({c.lizenz.pfad})"]
        lines += [f"Namensnennung: {n}" for n in c.namensnennung]
        if c.is_demo:
            lines.append(c.hinweis)
        return lines

    def figure(self, fig: Figure, scope: Scope, page: str) -> FigureView:
        """Write the figure's standalone SVG and embed page (once), and return what ``page`` shows.

        The latest edition's figures appear on its pages at the root and on the start page of its
        archive: the embed page always links back to the root page, whichever is written first."""
        home = page.removeprefix(scope.prefix) if scope.stub else page
        fig = replace(fig, page=home)
        if fig.slug not in self.figures_written:
            self.figures_written.add(fig.slug)
            job = (fig, tuple(self.source_lines(scope)), home)
            if self.defer_figures:  # the build writes them while MkDocs runs (write_figure_files)
                self.pending_figures.append(job)
            else:
                self.write_figure_files([job])
        css = "karte" if fig.kind == "karte" else "trend"
        embed_url = self.views.address.url(urls.page_url(fig.embed_page).removesuffix("index.html"))
        code = voice.embed_comment(embed_url) + figures.embed_code(fig, embed_url)
        return FigureView(fig, figures.inline(fig, css), fig.svg_file, fig.embed_page, code, fig.legend,
                          voice.embed_note(embed_url))

    def write_figure_files(self, jobs: list[tuple], atomic: bool = False) -> None:
        """A figure's standalone SVG and its embed page (files beside the site, not pages); ``atomic``:
        each file replaced in one step (another process may write the same figure at the same time)."""
        notice = self.city.hinweis
        for fig, source, home in jobs:
            write_text(self.static, fig.svg_file, figures.standalone(fig, list(source)), atomic=atomic)
            write_text(self.static, fig.embed_page, figures.embed_html(
                fig, list(source), urls.relative(fig.embed_page, fig.svg_file), urls.relative(fig.embed_page, home),
                notice), atomic=atomic)

    def _status(self, scope: Scope) -> tuple[dict, dict]:
        rows = self.views.rows(scope)
        fills = {r.id: STATUS_COLOURS[r.status] if r.status else INVALID_COLOUR for r in rows}
        titles = {r.id: captions.status_tooltip(r.name, r.status, r.dynamik) for r in rows}
        return fills, titles

    def quarter_links(self, scope: Scope, page: str) -> dict[str, str]:
        return {r.id: urls.relative(page, r.page) for r in self.views.rows(scope)}

    def status_data(self, scope: Scope, rows: list[QuarterRow] | None = None) -> FigureData:
        """Status and Dynamik of every area (or of ``rows``), by name: what a status map shows."""
        rows = sorted(rows if rows is not None else self.views.rows(scope), key=lambda r: name_key(r.name))
        return FigureData(f"Status und Dynamik je {self.city.gebiet} im {scope.ed.titel}",
                          (self.city.gebiet, "Status", "Dynamik"),
                          tuple((r.name, r.status or "keine Klasse", r.dynamik or "keine Klasse") for r in rows))

    def status_map(self, scope: Scope, page: str) -> FigureView:
        fills, titles = self._status(scope)
        body, linked = self.maps.choropleth(fills, titles, self.quarter_links(scope, page))
        w, h = self.maps.size
        title, subtitle, alt, note = captions.status_map(self.city.area, self.city.district, self.city.stadt,
                                                         scope.ed.titel, scope.im, scope.ed.stichtag, self.views.large)
        fig = Figure(f"{scope.ed.edition}/karte-status", "karte", title, subtitle, alt, w, h, body, linked, STATUS_LEGEND,
                     note=note, data=self.status_data(scope))
        return self.figure(fig, scope, page)

    def locator(self, scope: Scope, row: QuarterRow) -> tuple[FigureView, str]:
        """The map that shows where an area lies, and its caption."""
        page = row.page
        w, h = self.maps.size
        c = self.city
        title, subtitle, alt, caption, note = captions.locator(row.named, c.area, c.area_short, c.district, c.stadt,
                                                         scope.ed.titel, scope.ed.stichtag, self.views.large)
        if not self.views.large:
            key = ("lage", scope.ed.edition, scope.prefix)
            if key not in self._linked:  # the quarter pages of one edition share fills, titles and links,
                # made from a sibling page, so that no page's own link is "./" on every other page
                sibling = scope.href(urls.quarter("-"))
                self._linked[key] = (*self._status(scope), self.quarter_links(scope, sibling))
            fills, titles, links = self._linked[key]
            # this quarter's link is the current page, and its outline is drawn on top
            body, linked = self.maps.choropleth(fills, titles, links, highlight=row.id, current=row.id)
            legend = STATUS_LEGEND
            data = self.status_data(scope)
        else:
            districts = {d.name: urls.relative(page, d.page) for d in self.views.districts(scope, self.views.rows(scope))}
            body, linked = self.maps.locator(row.id, STATUS_COLOURS.get(row.status or "", INVALID_COLOUR),
                                             captions.status_tooltip(row.name, row.status, row.dynamik), districts)
            legend = tuple(zip((STATUS_COLOURS.get(row.status or "", INVALID_COLOUR), "#f2f2f2"),
                               captions.locator_legend(row.name, row.status, c.district)))
            data = self.status_data(scope, [row])
        neighbours = [self.views.name(q) for q in self.views.neighbours(row.id)]
        alt = " ".join((alt, figures.neighbours_sentence(sorted(neighbours, key=name_key))))
        fig = Figure(f"{scope.ed.edition}/lage/{row.id}", "karte", title, subtitle, alt, w, h, body, linked, legend,
                     note=note, data=data)
        return self.figure(fig, scope, page), caption

    def trend(self, scope: Scope, row: QuarterRow, b) -> FigureView | None:
        if len(b.years) < 2:
            return None
        body = trend_chart(b.years, [(row.name, b.quarter_series), (b.stadt_label, b.city_series)],
                           captions.axis_label(b.unit), scope.ed.status_jahr)
        if not body:
            return None
        title, subtitle, alt, note = captions.trend(b.kurzname, b.titel, b.einheit, row.named, b.stadt_label, b.years,
                                                    scope.ed.titel, scope.ed.status_jahr, b.wert, b.sign)
        names = captions.trend_legend(row.name, b.stadt_label)
        fig = Figure(f"{scope.ed.edition}/verlauf/{row.id}/{b.id}", "verlauf", title, subtitle, alt, *CHART, body, "",
                     tuple(zip(("line", "dashed"), names)), note=note,
                     data=FigureData(captions.titled(b.titel, b.einheit), ("Jahr", *names),
                                     tuple((str(r.year), _shown(r.quarter, b.einheit), _shown(r.city, b.einheit)) for r in b.verlauf)))
        return self.figure(fig, scope, row.page)

    # -- pages -----------------------------------------------------------------------------
    def render_all(self) -> list[str]:
        """Every page, in one process (the build spreads ``jobs()`` over several, then ``final_pages``)."""
        for job in self.jobs():
            self.run(job)
        self.final_pages()
        return self.written

    def jobs(self) -> list[tuple]:
        """The page-writing steps that need no data package, in a fixed order. Each is independent of
        the others: any process may take any share of them, and the pages come out byte for byte the
        same (tests/build/test_build.py)."""
        out: list[tuple] = []
        for i, scope in enumerate(self.views.scopes()):
            out.append(("edition", i))
            if not scope.stub:
                out += [("quarter", i, j) for j in range(len(self.views.rows(scope)))]
        out.append(("indicators",))
        return out

    def run(self, job: tuple) -> None:
        kind, *args = job
        scopes = self.views.scopes()
        if kind == "edition":
            self.edition_pages(scopes[args[0]])
        elif kind == "quarter":
            scope = scopes[args[0]]
            rows = self.views.rows(scope)
            j = args[1]
            self.quarter_page(scope, rows[j], rows[j - 1], rows[(j + 1) % len(rows)], urls.map_data(scope.ed.edition))
        elif kind == "indicators":
            self.indicator_pages(scopes[0])
        else:
            raise ValueError(f"unknown job {job!r}")

    def final_pages(self) -> None:
        """The pages that list the data packages' files and sizes. What they take from the packages
        stands in late blocks (``{% filter nachher %}``): the build writes these pages before the
        packages exist, runs MkDocs while the packages are written, then fills the blocks
        (``final_blocks``)."""
        scopes = self.views.scopes()
        summaries = self.views.summaries()
        if not self._blocks_only:
            signlanguage.copy_media(self.city, self.data.directory, self.static)
        dgs = signlanguage.sign_language(self.city, self.data.directory)
        for page, template in LEGAL_PAGES:
            self.write(page, template, scope=scopes[0], editions=summaries, latest=self.views.latest,
                       quarter_count=len(self.views.quarter_ids), site_url=self.views.address.url(""),
                       barrieren=(*own_barriers(self.city), *self.city.barrierefreiheit.barrieren),
                       t=self.views.general_words(scopes[0]), dgs=dgs)

    def final_blocks(self) -> None:
        """Once the packages exist (``views.manifests``): the late blocks of the final pages again,
        now with the packages' files. Their Markdown must come out as ``final_pages`` wrote it (a
        BuildError otherwise): only the late blocks may depend on the packages."""
        self._blocks_only = True
        try:
            self.final_pages()
        finally:
            self._blocks_only = False

    def edition_pages(self, scope: Scope) -> None:
        """An edition's own pages except the quarter pages (jobs of their own)."""
        rows = self.views.rows(scope)
        start = scope.page(urls.START)
        changes = self.views.changes(scope)
        self.write(start, "start.md.j2", scope=scope, rows=rows, matrix=self.views.matrix(scope),
                   karte=self.status_map(scope, start), switcher=self.views.switcher(scope, urls.START),
                   fokus=[r for r in rows if r.fokus], changes=changes,
                   finder=self.finder(scope, start), t=self.views.start_words(scope, rows))
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
                   switcher=self.views.switcher(scope, urls.QUARTERS), finder=self.finder(scope, quarters),
                   t=self.views.list_words(scope, rows))
        for d in districts:
            self.write(d.page, "bezirk.md.j2", scope=scope, bezirk=d, t=self.views.district_words(scope, d))
        self.fokus_page(scope, rows)
        if changes:
            self.write(scope.page(urls.CHANGES), "veraenderungen.md.j2", scope=scope, changes=changes)

    def finder(self, scope: Scope, page: str) -> dict:
        """What "Mein Quartier finden" needs: the areas' GeoJSON (the site's own) and the page links."""
        return {"daten": urls.relative(page, urls.map_data(scope.ed.edition)), "label": captions.find_mine(self.city.area_short),
                "liste": urls.relative(page, scope.page(urls.QUARTERS)),
                "seiten": json.dumps({r.id: urls.relative(page, r.page) for r in self.views.rows(scope)},
                                     ensure_ascii=False, sort_keys=True)}

    def quarter_page(self, scope: Scope, row: QuarterRow, prev: QuarterRow, nxt: QuarterRow, spec_url: str) -> None:
        blocks = [replace(b, trend=self.trend(scope, row, b)) for b in self.views.indicator_blocks(scope, row)]
        karte, lage = self.locator(scope, row)
        index_blocks = [b for b in blocks if b.art == "index"]
        context_blocks = [b for b in blocks if b.art == "kontext"]
        self.write(row.page, "quartier.md.j2", scope=scope, q=row, prev=prev, next=nxt,
                   indikatoren=index_blocks, kontext=context_blocks,
                   legenden={"indikatoren": self.views.table_legend(scope, index_blocks),
                             "kontext": self.views.table_legend(scope, context_blocks)},
                   vertiefung=self.views.deepening(scope, row), trajectory=self.views.trajectory(row.id),
                   karte=karte, lage=lage,
                   deck=deck_spec(self.view, urls.relative(row.page, spec_url), self._features[row.id]),
                   tooltip=json.dumps(TOOLTIP, ensure_ascii=False, sort_keys=True),
                   csv=urls.quarter_csv(scope.ed.edition, row.id),
                   citation=self.views.citation(scope.ed, urls.page_url(row.page)),
                   saetze=self.views.sentences(scope, row), t=self.views.quarter_words(scope, row),
                   feedback=self.views.feedback(scope, row))

    def fokus_page(self, scope: Scope, rows: list[QuarterRow]) -> None:
        """The edition's Fokusquartiere with their key facts and a map that shows where they lie."""
        page = scope.page(urls.FOCUS)
        items = [{"row": r, "deepening": self.views.deepening(scope, r)} for r in rows if r.fokus]
        fills = {r.id: (STATUS_COLOURS[r.status] if r.fokus else OTHER_COLOUR) for r in rows}
        titles = {r.id: captions.fokus_tooltip(r.name, r.fokus, self.city.fokus, r.status, r.dynamik) for r in rows}
        body, linked = self.maps.choropleth(fills, titles, self.quarter_links(scope, page))
        w, h = self.maps.size
        legend = tuple(zip((*(c for label, c in STATUS_COLOURS.items() if label != "hoch"), OTHER_COLOUR),
                           captions.fokus_legend(self.city.fokus, self.city.area)))
        title, subtitle, alt, caption, note = captions.fokus_map(self.city.fokus, self.city.area, self.city.stadt,
                                                                 scope.ed.titel, scope.im, scope.ed.stichtag, bool(items))
        data = FigureData(f"{self.city.fokus_n} {scope.im}",
                          (self.city.gebiet, self.city.fokus1, "Status", "Dynamik"),
                          tuple((r.name, "ja" if r.fokus else "nein", r.status or "keine Klasse",
                                 r.dynamik or "keine Klasse") for r in sorted(rows, key=lambda r: name_key(r.name))))
        fig = Figure(f"{scope.ed.edition}/karte-fokus", "karte", title, subtitle, alt, w, h, body, linked, legend,
                     note=note, data=data)
        self.write(page, "fokus.md.j2", scope=scope, items=items, karte=self.figure(fig, scope, page),
                   switcher=self.views.switcher(scope, urls.FOCUS), caption=caption,
                   t=self.views.fokus_words(scope, rows, len(items)))

    def indicator_pages(self, scope: Scope) -> None:
        infos = self.views.indicator_infos(scope.ed)
        self.write(urls.INDICATORS, "indikatoren.md.j2", scope=scope, indicators=infos,
                   richtung=self.views.directions_sentence(), herkunft=self.views.origin_sentence(),
                   t=self.views.indicators_words(scope))
        c = self.city
        for ind in infos:
            own = self.views.scope_with_values(ind.id)  # an indicator an edition dropped: its last edition
            page = urls.indicator(ind.id)
            unit = unit_short(ind.einheit)
            shares = self.views.indicator_shares(own, ind.id)
            classes, limits, sizes = display_classes({q: v for q, (v, _) in shares.items()})
            fills = {q: SEQUENTIAL[k] for q, k in classes.items()}
            cells = {q: signs.of_flag(f) if v is None else "" for q, (v, f) in shares.items()}
            titles = {q: captions.value_tooltip(self.views.name(q), v, ind.einheit, cells[q])
                      for q, (v, _) in shares.items()}
            links = {r.id: urls.relative(page, r.page) for r in self.views.rows(own)}
            body, linked = self.maps.choropleth(fills, titles, links)
            w, h = self.maps.size
            used = signs.signs_in(cells.values())
            legend = tuple(zip(SEQUENTIAL, captions.class_labels(limits, unit, sizes, c.area)))
            groups = dict(legend)
            if len(classes) < len(shares):
                legend += ((INVALID_COLOUR, captions.no_value_label(used)),)
            title, subtitle, alt, caption, note = captions.indicator_map(
                ind.kurzname, ind.titel, ind.einheit, c.area, c.area_short, c.stadt, own.ed.titel, own.ed.stichtag,
                own.ed.status_jahr, sizes)
            data = FigureData(f"{ind.kurzname} je {c.gebiet} am {date(own.ed.stichtag)}", (c.gebiet, "Wert", "Gruppe"),
                              tuple((self.views.name(q), _cell(shares[q][0], ind.einheit, cells[q]),
                                     groups.get(SEQUENTIAL[classes[q]], "") if q in classes else "kein Wert")
                                    for q in sorted(self.views.quarter_ids, key=lambda q: name_key(self.views.name(q)))))
            karte = self.figure(Figure(f"{own.ed.edition}/indikator/{ind.id}", "karte", title, subtitle, alt,
                                       w, h, body, linked, legend, note=note, data=data), own, page)
            ranked = sorted(shares.items(), key=lambda t: (t[1][0] is None, -(t[1][0] or 0), self.views.name(t[0])))
            trend = self.views.city_trend(own, ind.id)
            where = self.views.city_value(own, ind.id, own.ed.status_jahr)[1]
            chart = None
            body = trend_chart([y for y, _ in trend], [(where, [v for _, v in trend])], captions.axis_label(unit),
                               own.ed.status_jahr) \
                if len(trend) > 1 else ""
            if body:
                ctitle, csub, calt, cnote = captions.city_trend(ind.kurzname, ind.titel, ind.einheit, where,
                                                                [y for y, _ in trend], c.stadt)
                chart = self.figure(Figure(
                    f"{own.ed.edition}/indikator/{ind.id}-verlauf", "verlauf", ctitle, csub, calt, *CHART, body, "",
                    (("line", capital(where)),), note=cnote,
                    data=FigureData(captions.titled(f"{ind.kurzname} {where}", ind.einheit), ("Jahr", "Wert"),
                                    tuple((str(y), _cell(v, ind.einheit)) for y, v in trend))), own, page)
            self.write(page, "indikator.md.j2", scope=own, ind=ind, karte=karte, unit=unit, caption=caption,
                       ranked=[(self.views.name(q), own.href(urls.quarter(q)), v, cells[q]) for q, (v, _) in ranked],
                       trend=trend, trend_where=where, chart=chart,
                       t=self.views.indicator_words(own, ind, where, used))


def _shown(cell: str, einheit: str) -> str:
    """A displayed cell (number or sign) in a figure's values table: a number with its unit."""
    return f"{cell} {unit_short(einheit)}" if cell[:1].isdigit() or cell[:1] == "−" else cell


def _cell(v, einheit: str, sign: str = "") -> str:
    """A value in a figure's values table: with its unit, or its sign / "kein Wert"."""
    return (sign or "kein Wert") if v is None else with_unit(v, einheit)
