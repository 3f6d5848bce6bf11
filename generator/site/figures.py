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


# -- words of the figures' alternatives (new; to move into the language module) -------------
LINK_ORDER = "Die Links folgen dem Alphabet."  # the order of a map's area links on its page
EMBED_VALUES = "Die Werte stehen in der Tabelle unter der Grafik."  # the embed page's promise, kept there
EMBED_TABLE = "Die Werte als Tabelle"  # the embed page's disclosure of the values table


def neighbours_sentence(names: list[str]) -> str:
    """Where a locator map's area lies, in words: its neighbours."""
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
    return f"Angrenzend: {listed}."


@dataclass(frozen=True)
class FigureData:
    """The values a figure shows, as a table; the first column names each row."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def text(self) -> str:
        """The values as one sentence, for the standalone file's <desc>: "caption: a: x 1, y 2; b: …"."""
        lines = [f"{r[0]}: " + ", ".join(f"{h} {v}" for h, v in zip(self.head[1:], r[1:])) for r in self.rows]
        return f"{self.caption}: {'; '.join(lines)}."

    def html(self) -> str:
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.head)
        body = "".join("<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(v)}</td>" for v in r[1:])
                       + "</tr>" for r in self.rows)
        return (f"<table><caption>{escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")


@dataclass(frozen=True)
class Figure:
    slug: str  # where its files live: grafiken/<slug>.svg, einbetten/<slug>/
    kind: str  # "karte" or "verlauf"
    title: str
    subtitle: str  # what, edition, Stand
    alt: str  # what the figure shows, true wherever it is seen (page, embed page, file)
    width: float
    height: float
    body: str  # SVG elements, without links
    linked_body: str = ""  # the same with every area a link (maps on pages)
    legend: tuple[tuple[str, str], ...] = ()  # (swatch, label); swatch "#rrggbb", "line" or "dashed"
    page: str = ""  # the page the figure belongs to (the embed page links back)
    note: str = ""  # what only its page offers (links, the table below it): said there and nowhere else
    data: FigureData | None = None  # the values, as a table on the embed page and as text in the file

    @property
    def page_alt(self) -> str:
        """The alternative on its page: what it shows, what the page offers, the order of its links."""
        return " ".join(t for t in (self.alt, self.note, LINK_ORDER if self.linked_body else "") if t)

    @property
    def file_alt(self) -> str:
        """The standalone file's description: what it shows and every value it shows."""
        return " ".join(t for t in (self.alt, self.data.text() if self.data else "") if t)

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
            f'aria-label="{escape(fig.page_alt)}" xmlns="http://www.w3.org/2000/svg" '
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
    if fig.legend:  # swatches in rows, each as wide as its label (estimated generously), wrapped at the margin
        x, y = MARGIN + inner, y  # start a new row at the first swatch
        for swatch, label in fig.legend:
            width = 36 + math.ceil(len(label) * 17 * 0.6) + 28
            if x + width - 28 > MARGIN + inner:
                x, y = MARGIN, y + 30
            if swatch in ("line", "dashed"):
                dash = ' stroke-dasharray="8 5"' if swatch == "dashed" else ""
                colour = "#08519c" if swatch == "line" else "#595959"
                parts.append(f'<line x1="{x}" y1="{y - 7:.0f}" x2="{x + 28}" y2="{y - 7:.0f}" stroke="{colour}" '
                             f'stroke-width="3"{dash}/>')
            else:
                parts.append(f'<rect x="{x}" y="{y - 18:.0f}" width="22" height="22" fill="{swatch}" stroke="#555555"/>')
            parts.append(_text(x + 36, y, label, 17, fill="#1a1a1a"))
            x += width
        y += 14
    y += 12
    parts.append(f'<line x1="{MARGIN}" y1="{y:.0f}" x2="{WIDTH - MARGIN}" y2="{y:.0f}" stroke="#cccccc"/>')
    for entry in source:
        for line in _wrap(entry, 15, inner):
            y += 22
            parts.append(_text(MARGIN, y, line, 15, fill="#333333"))
    height = math.ceil(y + MARGIN)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xml:lang="de" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" role="img" '
            'aria-labelledby="sb-titel" aria-describedby="sb-beschreibung">'
            f'<title id="sb-titel">{escape(fig.title)}</title><desc id="sb-beschreibung">{escape(fig.file_alt)}</desc>'
            f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(parts)}</svg>\n')


def embed_html(fig: Figure, source: list[str], svg_href: str, page_href: str, notice: str) -> str:
    """A page of its own for an <iframe>: the figure, its values as a table, its source and a link
    back. No script, no cookie, nothing from another host. Its alternative promises only what is
    here: no links in the picture, the table below it."""
    lines = "".join(f"<p>{escape(s)}</p>" for s in source)
    warning = f'<p class="hinweis">{escape(notice)}</p>' if notice else ""
    alt = " ".join(t for t in (fig.alt, EMBED_VALUES if fig.data else "") if t)
    table = (f'<details class="werte"><summary>{escape(EMBED_TABLE)}</summary>{fig.data.html()}</details>'
             if fig.data else "")
    return ('<!doctype html>\n<html lang="de"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{escape(fig.title)}</title>'
            '<style>body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;'
            'color:#1a1a1a;background:#fff}img{display:block;width:100%;height:auto}'
            'p{margin:.3rem .6rem}.hinweis{background:#fff3cd;padding:.3rem .6rem;margin:0}a{color:#0b4f8a}'
            'h1{font-size:1rem;margin:.4rem .6rem}.werte{margin:.3rem .6rem}summary{cursor:pointer;font-weight:700}'
            'table{border-collapse:collapse;margin:.3rem 0}caption{text-align:left;font-weight:700}'
            'th,td{text-align:left;padding:.1rem .6rem .1rem 0;border-bottom:1px solid #ddd;vertical-align:top}'
            ':focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}</style>'
            f'</head><body><main>{warning}<h1>{escape(fig.title)}</h1><img src="{escape(svg_href)}" alt="{escape(alt)}">'
            f'{table}{lines}<p><a href="{escape(page_href)}" target="_blank" rel="noopener">Zur Seite im Sozialbericht</a></p>'
            '</main></body></html>\n')


def embed_code(fig: Figure, absolute_url: str) -> str:
    height = round(600 * (fig.height / fig.width)) + 160
    return (f'<iframe src="{escape(absolute_url)}" title="{escape(fig.title)}" width="600" height="{height}" '
            'style="border:0;max-width:100%" loading="lazy"></iframe>')
