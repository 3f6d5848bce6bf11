"""Figures as SVG: city maps (every area a link), locator maps and trend charts.

SVGs are the accessible, JavaScript-free default; each comes with a table or list on its page
and a legend. A map returns a Figure (figures.py), which the page shows inline and which is also
written as a standalone file to download and embed.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from html import escape

import numpy as np
import shapely
from shapely.geometry import mapping, shape

# Status classes light to dark; even the lightest stands 3:1 against the white page via the
# dark line in every border (BORDER, 12.6:1 on white), so no class relies on its fill against the background.
STATUS_COLOURS = {"hoch": "#fef0d9", "mittel": "#fdcc8a", "niedrig": "#fc8d59", "sehr niedrig": "#d7301f"}
INVALID_COLOUR = "#d9d9d9"
OTHER_COLOUR = "#f0f0f0"  # areas a map is not about (e.g. no Fokusquartier)
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
HIGHLIGHT = "#1a1a1a"
# Borders between areas, in screen pixels (vector-effect): a white band with a dark line in it. On a
# light fill the dark line stands out (≥ 9:1), on a dark fill the white band (≥ 3:1 for every
# class), so two neighbours of the same class, or of classes close in colour, stay apart.
BORDER, BORDER_WIDTH = "#1a1a1a", 1.6
BORDER_LIGHT, BORDER_LIGHT_WIDTH = "#ffffff", 4.4
# The current area (a quarter's own page): a white band with a black dashed line in it.
CURRENT_WIDTH, CURRENT_DASH = (7, 3), "7 4"
NON_SCALING = 'vector-effect="non-scaling-stroke"'
# Map areas link with xlink:href: Material's instant navigation rewrites every [href] it finds and
# fails on SVG links (their href is read-only); [href] does not match the namespaced attribute.
LINK = "xlink:href"
WIDTH = 600


def name_key(name: str) -> str:
    """Alphabetical order of German names (DIN 5007-1: ä as a, ß as ss), case-blind."""
    plain = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in plain if not unicodedata.combining(c))


@dataclass(frozen=True)
class Projection:
    """Equirectangular with cos φ scaling: true to shape for a city, and simple."""

    minx: float
    maxy: float
    k: float
    scale: float
    height: float
    width: float = WIDTH

    @classmethod
    def fit(cls, geometry: dict, width: float = WIDTH) -> "Projection":
        bounds = np.array([shape(f["geometry"]).bounds for f in geometry["features"]])
        minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
        maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
        k = math.cos(math.radians((miny + maxy) / 2))
        scale = width / ((maxx - minx) * k)
        return cls(minx, maxy, k, scale, (maxy - miny) * scale, width)

    def path(self, geom: dict) -> str:
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        parts = []
        for poly in polys:
            for ring in poly:
                pts = [f"{(x - self.minx) * self.k * self.scale:.1f} {(self.maxy - y) * self.scale:.1f}" for x, y in ring]
                pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]  # drop repeats after rounding
                parts.append("M" + "L".join(pts) + "Z")
        return "".join(parts)


class MapBase:
    """Projected SVG paths of every area (and of the Stadtbezirke), computed once per site.

    Paths are simplified to half a pixel of the 600-px map, so a city of 2,000 areas still makes
    small pages; every map only assembles strings.
    """

    def __init__(self, geometry: dict, groups: dict[str, str] | None = None, width: float = WIDTH):
        self.proj = Projection.fit(geometry, width)
        tol = 0.5 / self.proj.scale
        self.ids: list[str] = []
        self.paths: dict[str, str] = {}
        shapes = {}
        for feat in geometry["features"]:
            qid = feat["properties"]["quartier_id"]
            g = shape(feat["geometry"])
            shapes[qid] = g
            self.ids.append(qid)
            self.paths[qid] = self.proj.path(mapping(shapely.simplify(g, tol, preserve_topology=True)))
        self.group_paths: dict[str, str] = {}
        if groups:
            by_group: dict[str, list] = {}
            for qid, g in shapes.items():
                by_group.setdefault(groups.get(qid, ""), []).append(g)
            for name, members in by_group.items():
                # Close the slivers between independently simplified areas, keep outer rings only.
                merged = shapely.union_all([m.buffer(2 * tol) for m in members]).buffer(-2 * tol)
                polys = getattr(merged, "geoms", [merged])
                outline = shapely.MultiPolygon([shapely.Polygon(p.exterior) for p in polys if p.area > 0])
                self.group_paths[name] = self.proj.path(mapping(shapely.simplify(outline, tol)))
        self.centres = {q: self._point(g.representative_point()) for q, g in shapes.items()}
        self._index = {q: i for i, q in enumerate(self.ids)}
        self._group_index = {name: i for i, name in enumerate(self.group_paths)}
        self._defs: str | None = None

    @property
    def size(self) -> tuple[float, float]:
        return self.proj.width, self.proj.height

    # SVG links carry role="link": axe-core does not take xlink:href for a link, and would find the
    # name (aria-label) on an element without a role.
    def choropleth(self, fills: dict[str, str], titles: dict[str, str], links: dict[str, str] | None = None,
                   highlight: str | None = None, current: str | None = None) -> tuple[str, str]:
        """(plain body, linked body) of a map that colours every area.

        Geometry is drawn once, in <defs>; the areas' fills, the borders between them and the
        outline of ``highlight`` all use it. The borders are a layer of their own on top of the fills
        (a white band with a dark line in it: one of the two stands ≥ 3:1 against any fill, so two
        areas of the same class stay apart). In the plain body each area carries its <title>; in the
        linked body each area is a link named once (aria-label, no <title>), in alphabetical order,
        the one of ``current`` marked aria-current="page"."""
        defs = self.defs(self.ids)
        plain = [f'<use {LINK}="#{self.ref(q)}" fill="{fills.get(q, INVALID_COLOUR)}">'
                 f'<title>{escape(titles.get(q, q))}</title></use>' for q in self.ids]
        linked = []
        for q in sorted(self.ids, key=lambda q: name_key(titles.get(q, q))):
            use = f'<use {LINK}="#{self.ref(q)}" fill="{fills.get(q, INVALID_COLOUR)}"/>'
            href = (links or {}).get(q)
            if href:
                mark = ' aria-current="page"' if q == current else ""
                use = (f'<a {LINK}="{escape(href)}" role="link" aria-label="{escape(titles.get(q, q))}" class="sb-gebiet"'
                       f'{mark}>{use}</a>')
            linked.append(use)
        top = self.borders(self.ids) + (self.outline(highlight) if highlight in self.paths else "")
        return (defs + '<g class="sb-flaechen">' + "".join(plain) + "</g>" + top,
                defs + '<g class="sb-flaechen">' + "".join(linked) + "</g>" + top)

    def locator(self, highlight: str, fill: str, title: str, links: dict[str, str] | None = None) -> tuple[str, str]:
        """Locator map for large cities: the Stadtbezirke (each a link to its list), the area highlighted."""
        x, y = self.centres[highlight]
        defs = ['<defs>'] + [f'<path id="{self.group_ref(name)}" d="{d}" {NON_SCALING}/>'
                             for name, d in self.group_paths.items()] + ['</defs>']
        plain, linked = [], []
        for name in sorted(self.group_paths, key=name_key):
            ref = f'{LINK}="#{self.group_ref(name)}"'
            plain.append(f'<use {ref}><title>{escape(name)}</title></use>')
            href = (links or {}).get(name)
            linked.append(f'<a {LINK}="{escape(href)}" role="link" aria-label="{escape(name)}" class="sb-gebiet">'
                          f'<use {ref}/></a>'
                          if href else f'<use {ref}/>')
        refs = [self.group_ref(n) for n in self.group_paths]
        top = (self._border_uses(refs) +
               f'<use {LINK}="#{self.ref(highlight)}" fill="{fill}" pointer-events="none">'
               f'<title>{escape(title)}</title></use>' + self.outline(highlight) +
               f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="none" stroke="#ffffff" stroke-width="6" '
               'pointer-events="none"/>'
               f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="none" stroke="{HIGHLIGHT}" stroke-width="3" '
               'pointer-events="none"/>')
        group = '<g class="sb-flaechen" fill="#f2f2f2">'
        head = "".join(defs) + self.defs([highlight])
        return head + group + "".join(plain) + "</g>" + top, head + group + "".join(linked) + "</g>" + top

    # -- shared geometry and the layers drawn on top of the fills ---------------------------
    def ref(self, qid: str) -> str:
        """The id of an area's geometry in <defs> (unique on a page: one map per page has defs)."""
        return f"sb-f-{self._index[qid]}"

    def group_ref(self, name: str) -> str:
        return f"sb-b-{self._group_index[name]}"

    def defs(self, ids: list[str]) -> str:
        """The geometry of these areas, each once, strokes in screen pixels at any map size."""
        if ids is self.ids:
            if self._defs is None:
                self._defs = self.defs(list(self.ids))
            return self._defs
        return "<defs>" + "".join(f'<path id="{self.ref(q)}" d="{self.paths[q]}" {NON_SCALING}/>' for q in ids) + "</defs>"

    def _border_uses(self, refs: list[str]) -> str:
        uses = "".join(f'<use {LINK}="#{r}"/>' for r in refs)
        return (f'<g class="sb-grenzen" fill="none" stroke-linejoin="round" pointer-events="none" aria-hidden="true">'
                f'<g stroke="{BORDER_LIGHT}" stroke-width="{BORDER_LIGHT_WIDTH}">{uses}</g>'
                f'<g stroke="{BORDER}" stroke-width="{BORDER_WIDTH}">{uses}</g></g>')

    def borders(self, ids: list[str]) -> str:
        return self._border_uses([self.ref(q) for q in ids])

    def outline(self, qid: str) -> str:
        """The current area: a black dashed line on a white band, drawn above every border. It is
        not the focus ring (solid, dark edges with a white core, sozialbericht.js), so focus on it
        still changes what is seen."""
        ref = f'{LINK}="#{self.ref(qid)}"'
        return (f'<g class="sb-auswahl" fill="none" stroke-linejoin="round" pointer-events="none" aria-hidden="true">'
                f'<use {ref} stroke="#ffffff" stroke-width="{CURRENT_WIDTH[0]}"/>'
                f'<use {ref} stroke="{HIGHLIGHT}" stroke-width="{CURRENT_WIDTH[1]}" stroke-dasharray="{CURRENT_DASH}"/>'
                '</g>')

    def _point(self, p) -> tuple[float, float]:
        return (p.x - self.proj.minx) * self.proj.k * self.proj.scale, (self.proj.maxy - p.y) * self.proj.scale


CHART = (360, 190)  # width, height of a trend chart
QUARTER_LINE, CITY_LINE = "#08519c", "#595959"


def _nice_ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    span = hi - lo or 1.0
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _num(v: float) -> str:
    """An axis label: German decimal comma, minus sign, no needless decimals."""
    text = f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.1f}"
    return text.replace(".", ",").replace("-", "−")


def trend_chart(years: list[int], series: list[tuple[str, list[float | None]]], axis: str, mark_year: int) -> str:
    """A line chart body (quarter solid, comparison dashed): y axis with unit and light gridlines,
    the edition's reference year marked, the last value of each line labelled."""
    w, h = CHART
    pad_l, pad_r, pad_t, pad_b = 46, 64, 26, 26
    vals = [v for _, s in series for v in s if v is not None]
    if not vals or len(years) < 2:
        return ""
    lo, hi = min(0.0, min(vals)), max(vals)
    ticks = _nice_ticks(lo, hi * 1.05 if hi > 0 else hi + 1)
    lo, hi = min(ticks[0], lo), max(ticks[-1], hi)
    x = lambda yr: pad_l + (yr - years[0]) * (w - pad_l - pad_r) / (years[-1] - years[0])  # noqa: E731
    y = lambda v: pad_t + (hi - v) * (h - pad_t - pad_b) / ((hi - lo) or 1)  # noqa: E731
    parts = [f'<text x="{pad_l - 6}" y="{pad_t - 12}" text-anchor="start" font-size="11" fill="#333">{escape(axis)}</text>']
    for t in ticks:
        parts.append(f'<line x1="{pad_l}" y1="{y(t):.1f}" x2="{w - pad_r}" y2="{y(t):.1f}" stroke="#e3e3e3"/>'
                     f'<text x="{pad_l - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{_num(t)}</text>')
    parts.append(f'<line x1="{pad_l}" y1="{h - pad_b}" x2="{w - pad_r}" y2="{h - pad_b}" stroke="#6b6b6b"/>')
    xm = x(mark_year) if years[0] <= mark_year <= years[-1] else None
    if xm is not None:
        parts.append(f'<line x1="{xm:.1f}" y1="{pad_t - 4}" x2="{xm:.1f}" y2="{h - pad_b}" stroke="#9a9a9a" '
                     'stroke-dasharray="2 2"/>')
    labels = [(years[0], "start"), (years[-1], "end")] + ([(mark_year, "middle")] if mark_year not in (years[0], years[-1]) and xm else [])
    for yr, anchor in labels:
        parts.append(f'<text x="{x(yr):.1f}" y="{h - 8}" text-anchor="{anchor}" font-size="11" fill="#333">{yr}</text>')
    styles = {0: (QUARTER_LINE, ""), 1: (CITY_LINE, ' stroke-dasharray="5 3"')}
    ends = []
    for i, (_, s) in enumerate(series):
        colour, dash = styles[min(i, 1)]
        pts = [(x(yr), y(v), v) for yr, v in zip(years, s) if v is not None]
        if len(pts) > 1:
            parts.append(f'<polyline points="{" ".join(f"{a:.1f},{b:.1f}" for a, b, _ in pts)}" fill="none" '
                         f'stroke="{colour}" stroke-width="2.2"{dash}/>')
        if pts:
            a, b, v = pts[-1]
            parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>')
            ends.append([a, b, v, colour])
    if len(ends) == 2 and abs(ends[0][1] - ends[1][1]) < 12:  # keep the two end labels apart
        upper, lower = sorted(ends, key=lambda e: e[1])
        upper[1] -= 6
        lower[1] += 6
    for a, b, v, colour in ends:
        parts.append(f'<text x="{a + 6:.1f}" y="{b + 4:.1f}" font-size="11" fill="{colour}" font-weight="bold">'
                     f'{_num(round(v, 1))}</text>')
    return "".join(parts)
