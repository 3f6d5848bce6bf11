"""Figures as SVG: city maps (every area a link), locator maps and trend charts.

SVGs are the accessible, JavaScript-free default; each comes with a table or list on its page
and a legend. A map returns a Figure (figures.py), which the page shows inline and which is also
written as a standalone file to download and embed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np
import shapely
from shapely.geometry import mapping, shape

# Status classes light to dark; even the lightest stands 3:1 against the white page via the
# dark area borders (BORDER, 5.7:1 on white), so no class relies on its fill against the background.
STATUS_COLOURS = {"hoch": "#fef0d9", "mittel": "#fdcc8a", "niedrig": "#fc8d59", "sehr niedrig": "#d7301f"}
INVALID_COLOUR = "#d9d9d9"
OTHER_COLOUR = "#f0f0f0"  # areas a map is not about (e.g. no Fokusquartier)
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
HIGHLIGHT = "#1a1a1a"
BORDER = "#6b6b6b"
# Map areas link with xlink:href: Material's instant navigation rewrites every [href] it finds and
# fails on SVG links (their href is read-only); [href] does not match the namespaced attribute.
LINK = "xlink:href"
WIDTH = 600


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

    @property
    def size(self) -> tuple[float, float]:
        return self.proj.width, self.proj.height

    def choropleth(self, fills: dict[str, str], titles: dict[str, str], links: dict[str, str] | None = None,
                   highlight: str | None = None) -> tuple[str, str]:
        """(plain body, linked body): one path per area; in the linked body each area is a link
        whose accessible name is its title (name and classes)."""
        plain, linked = [], []
        for q in self.ids:
            title = escape(titles.get(q, q))
            path = f'<path d="{self.paths[q]}" fill="{fills.get(q, INVALID_COLOUR)}"><title>{title}</title></path>'
            plain.append(path)
            href = (links or {}).get(q)
            linked.append(f'<a {LINK}="{escape(href)}" aria-label="{title}" class="sb-gebiet">{path}</a>' if href else path)
        top = (f'<path d="{self.paths[highlight]}" fill="none" stroke="{HIGHLIGHT}" stroke-width="4" '
               f'pointer-events="none"/>' if highlight in self.paths else "")
        group = f'<g stroke="{BORDER}" stroke-width="0.8" stroke-linejoin="round">'
        return group + "".join(plain) + "</g>" + top, group + "".join(linked) + "</g>" + top

    def locator(self, highlight: str, fill: str, title: str, links: dict[str, str] | None = None) -> tuple[str, str]:
        """Locator map for large cities: the Stadtbezirke (each a link to its list), the area highlighted."""
        x, y = self.centres[highlight]
        plain, linked = [], []
        for name, d in self.group_paths.items():
            path = f'<path d="{d}"><title>{escape(name)}</title></path>'
            plain.append(path)
            href = (links or {}).get(name)
            linked.append(f'<a {LINK}="{escape(href)}" aria-label="{escape(name)}" class="sb-gebiet">{path}</a>'
                          if href else path)
        top = (f'<path d="{self.paths[highlight]}" fill="{fill}" stroke="{HIGHLIGHT}" stroke-width="2" '
               f'pointer-events="none"><title>{escape(title)}</title></path>'
               f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="none" stroke="{HIGHLIGHT}" stroke-width="3" '
               'pointer-events="none"/>')
        group = f'<g fill="#f2f2f2" stroke="{BORDER}" stroke-width="1">'
        return group + "".join(plain) + "</g>" + top, group + "".join(linked) + "</g>" + top

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
