"""Static SVG maps (choropleth, locator) and trend charts.

SVGs are the accessible, JavaScript-free default; each comes with a table on its page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np
import shapely
from shapely.geometry import mapping, shape

STATUS_COLOURS = {"hoch": "#fef0d9", "mittel": "#fdcc8a", "niedrig": "#fc8d59", "sehr niedrig": "#d7301f"}
INVALID_COLOUR = "#d9d9d9"
OTHER_COLOUR = "#f0f0f0"  # areas a map is not about (e.g. no Fokusquartier)
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
HIGHLIGHT = "#1a1a1a"
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
    small pages; every page only assembles strings.
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
        self.group_paths: list[str] = []
        self.centres: dict[str, tuple[float, float]] = {}
        if groups:
            by_group: dict[str, list] = {}
            for qid, g in shapes.items():
                by_group.setdefault(groups.get(qid, ""), []).append(g)
            for members in by_group.values():
                # Close the slivers between independently simplified areas, keep outer rings only.
                merged = shapely.union_all([m.buffer(2 * tol) for m in members]).buffer(-2 * tol)
                polys = getattr(merged, "geoms", [merged])
                outline = shapely.MultiPolygon([shapely.Polygon(p.exterior) for p in polys if p.area > 0])
                self.group_paths.append(self.proj.path(mapping(shapely.simplify(outline, tol))))
        self.centres = {q: self._point(g.representative_point()) for q, g in shapes.items()}

    def _svg(self, body: str, label: str, css_class: str) -> str:
        return (f'<svg class="{css_class}" viewBox="0 0 {self.proj.width:.0f} {self.proj.height:.0f}" role="img" '
                f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
                f'{body}</svg>')

    def choropleth(self, fills: dict[str, str], titles: dict[str, str], label: str, highlight: str | None = None,
                   css_class: str = "karte") -> str:
        """A map as inline SVG with role=img and a text alternative; one <path> per area."""
        parts = [f'<path d="{self.paths[q]}" fill="{fills.get(q, INVALID_COLOUR)}"><title>{escape(titles.get(q, q))}</title></path>'
                 for q in self.ids]
        top = (f'<path d="{self.paths[highlight]}" fill="none" stroke="{HIGHLIGHT}" stroke-width="4"/>'
               if highlight in self.paths else "")
        return self._svg(f'<g stroke="#ffffff" stroke-width="1" stroke-linejoin="round">{"".join(parts)}</g>{top}',
                         label, css_class)

    def locator(self, highlight: str, fill: str, label: str, css_class: str = "karte") -> str:
        """Small locator map for large cities: the Stadtbezirke in grey, the area highlighted."""
        groups = "".join(f'<path d="{d}"/>' for d in self.group_paths)
        x, y = self.centres[highlight]
        return self._svg(f'<g fill="#e8e8e8" stroke="#6b6b6b" stroke-width="1">{groups}</g>'
                         f'<path d="{self.paths[highlight]}" fill="{fill}" stroke="{HIGHLIGHT}" stroke-width="2"/>'
                         f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="none" stroke="{HIGHLIGHT}" stroke-width="3"/>',
                         label, css_class)

    def _point(self, p) -> tuple[float, float]:
        return (p.x - self.proj.minx) * self.proj.k * self.proj.scale, (self.proj.maxy - p.y) * self.proj.scale


def svg_map(geometry: dict, fills: dict[str, str], titles: dict[str, str], label: str,
            highlight: str | None = None, css_class: str = "karte") -> str:
    """One-off choropleth (tests, small uses); the site renderer keeps one MapBase instead."""
    return MapBase(geometry).choropleth(fills, titles, label, highlight, css_class)


def quantile_classes(values: dict[str, float], n: int = 5) -> tuple[dict[str, int], list[float]]:
    """Class 0…n-1 per area by quantiles of the valid values, plus the class breaks."""
    clean = {k: v for k, v in values.items() if v is not None and not math.isnan(v)}
    if not clean:
        return {}, []
    arr = np.array(sorted(clean.values()))
    breaks = [float(np.quantile(arr, i / n)) for i in range(1, n)]
    return {k: int(np.searchsorted(breaks, v, side="right")) for k, v in clean.items()}, breaks


def trend_svg(years: list[int], series: dict[str, list[float | None]], label: str, unit: str = "%") -> str:
    """A small line chart (quarter vs. city) as inline SVG; numbers are in a table beside it."""
    w, h, pad_l, pad_b, pad_t, pad_r = 320, 150, 40, 22, 10, 10
    vals = [v for s in series.values() for v in s if v is not None]
    if not vals or len(years) < 2:
        return ""
    lo, hi = min(0.0, min(vals)), max(vals) * 1.1 or 1.0
    x = lambda i: pad_l + i * (w - pad_l - pad_r) / (len(years) - 1)  # noqa: E731
    y = lambda v: pad_t + (hi - v) * (h - pad_t - pad_b) / (hi - lo)  # noqa: E731
    styles = [("#08519c", ""), ("#6b6b6b", ' stroke-dasharray="4 3"')]
    lines = []
    for (name, s), (colour, dash) in zip(series.items(), styles):
        pts = [f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(s) if v is not None]
        lines.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
    axis = (f'<line x1="{pad_l}" y1="{h - pad_b}" x2="{w - pad_r}" y2="{h - pad_b}" stroke="#6b6b6b"/>'
            f'<text x="{pad_l - 4}" y="{y(hi) + 4:.1f}" text-anchor="end">{_de(hi)}</text>'
            f'<text x="{pad_l - 4}" y="{y(lo) + 4:.1f}" text-anchor="end">{_de(lo)}</text>'
            f'<text x="{pad_l}" y="{h - 6}" text-anchor="start">{years[0]}</text>'
            f'<text x="{w - pad_r}" y="{h - 6}" text-anchor="end">{years[-1]}</text>')
    return (f'<svg class="trend" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(label)}" '
            f'xmlns="http://www.w3.org/2000/svg"><g font-size="11" fill="#333">{axis}</g>{"".join(lines)}</svg>')


def _de(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 else f"{v:.1f}".replace(".", ",")
