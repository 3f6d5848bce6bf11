"""Figures to take away: every map and chart of the site as a standalone SVG (title, legend, source,
licence, edition and Stand drawn inside), a small embed page that needs no JavaScript and loads
nothing from other hosts, and the inline version its page shows. The PNG is drawn in the browser
from the same SVG (assets/javascripts/sozialbericht.js), at 1,200 px and more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from . import urls

WIDTH = 1200  # standalone figures: px
MARGIN = 40
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Figure:
    slug: str  # where its files live: grafiken/<slug>.svg, einbetten/<slug>/
    kind: str  # "karte" or "verlauf"
    title: str
    subtitle: str  # what, edition, Stand
    alt: str  # the text alternative
    width: float
    height: float
    body: str  # SVG elements, without links
    linked_body: str = ""  # the same with every area a link (maps on pages)
    legend: tuple[tuple[str, str], ...] = ()  # (swatch, label); swatch "#rrggbb", "line" or "dashed"
    page: str = ""  # the page the figure belongs to (the embed page links back)

    @property
    def svg_file(self) -> str:
        return urls.figure_file(self.slug)

    @property
    def embed_page(self) -> str:
        return urls.embed_page(self.slug)


@dataclass(frozen=True)
class FigureView:
    """What a page shows of a figure: the inline SVG and the links to take it away."""

    figure: Figure
    inline: str
    svg: str  # site path of the standalone SVG
    embed: str  # site path of the embed page
    embed_code: str  # the <iframe> snippet, with the public address
    legend: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    note: str = ""  # shown beside the embed code, e.g. that its address is a placeholder


def inline(fig: Figure, css_class: str) -> str:
    """The SVG on its page. A map whose areas are links is a group of links; anything else an image."""
    interactive = bool(fig.linked_body)
    role = "group" if interactive else "img"
    return (f'<svg class="{css_class}" viewBox="0 0 {fig.width:.0f} {fig.height:.0f}" role="{role}" '
            f'aria-label="{escape(fig.alt)}" xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" preserveAspectRatio="xMidYMid meet">'
            f'{fig.linked_body or fig.body}</svg>')


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of a text that fit ``width`` px at ``size`` px (average glyph about 0.55 em)."""
    per_line = max(10, int(width / (size * 0.55)))
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def _text(x: float, y: float, line: str, size: float, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size:.0f}"{extra}>{escape(line)}</text>'


def standalone(fig: Figure, source: list[str]) -> str:
    """The figure as a file of its own: readable without the page around it."""
    inner = WIDTH - 2 * MARGIN
    scale = inner / fig.width
    parts: list[str] = []
    y = MARGIN + 12
    for line in _wrap(fig.title, 30, inner):
        y += 34
        parts.append(_text(MARGIN, y, line, 30, font_weight="bold", fill="#1a1a1a"))
    for line in _wrap(fig.subtitle, 18, inner):
        y += 26
        parts.append(_text(MARGIN, y, line, 18, fill="#333333"))
    y += 24
    parts.append(f'<g transform="translate({MARGIN} {y:.0f}) scale({scale:.4f})">{fig.body}</g>')
    y += fig.height * scale + 24
    if fig.legend:  # swatches in rows, as many per row as fit
        col_w = 270
        per_row = max(1, int(inner // col_w))
        for i, (swatch, label) in enumerate(fig.legend):
            if i % per_row == 0:
                y += 30
            x = MARGIN + (i % per_row) * col_w
            if swatch in ("line", "dashed"):
                dash = ' stroke-dasharray="8 5"' if swatch == "dashed" else ""
                colour = "#08519c" if swatch == "line" else "#595959"
                parts.append(f'<line x1="{x}" y1="{y - 7:.0f}" x2="{x + 28}" y2="{y - 7:.0f}" stroke="{colour}" '
                             f'stroke-width="3"{dash}/>')
            else:
                parts.append(f'<rect x="{x}" y="{y - 18:.0f}" width="22" height="22" fill="{swatch}" stroke="#555555"/>')
            parts.append(_text(x + 36, y, label, 17, fill="#1a1a1a"))
        y += 14
    y += 12
    parts.append(f'<line x1="{MARGIN}" y1="{y:.0f}" x2="{WIDTH - MARGIN}" y2="{y:.0f}" stroke="#cccccc"/>')
    for entry in source:
        for line in _wrap(entry, 15, inner):
            y += 22
            parts.append(_text(MARGIN, y, line, 15, fill="#333333"))
    height = math.ceil(y + MARGIN)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" role="img" aria-label="{escape(fig.alt)}">'
            f'<title>{escape(fig.title)}</title><desc>{escape(fig.alt)}</desc>'
            f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(parts)}</svg>\n')


def embed_html(fig: Figure, source: list[str], svg_href: str, page_href: str, notice: str) -> str:
    """A page of its own for an <iframe>: the figure, its source and a link back. No script, no
    cookie, nothing from another host."""
    lines = "".join(f"<p>{escape(s)}</p>" for s in source)
    warning = f'<p class="hinweis">{escape(notice)}</p>' if notice else ""
    return ('<!doctype html>\n<html lang="de"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{escape(fig.title)}</title>'
            '<style>body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;'
            'color:#1a1a1a;background:#fff}img{display:block;width:100%;height:auto}'
            'p{margin:.3rem .6rem}.hinweis{background:#fff3cd;padding:.3rem .6rem;margin:0}a{color:#0b4f8a}'
            'h1{font-size:1rem;margin:.4rem .6rem}</style>'
            f'</head><body><main>{warning}<h1>{escape(fig.title)}</h1><img src="{escape(svg_href)}" alt="{escape(fig.alt)}">'
            f'{lines}<p><a href="{escape(page_href)}" target="_blank" rel="noopener">Zur Seite im Sozialbericht</a></p>'
            '</main></body></html>\n')


def embed_code(fig: Figure, absolute_url: str) -> str:
    height = round(600 * (fig.height / fig.width)) + 160
    return (f'<iframe src="{escape(absolute_url)}" title="{escape(fig.title)}" width="600" height="{height}" '
            'style="border:0;max-width:100%" loading="lazy"></iframe>')
