"""Markup that MkDocs has no business with goes into the built page after MkDocs has run.

A figure (inline SVG map with its area links, trend chart, legend, download links) is tens of
kilobytes of finished HTML. Passed through MkDocs, Python-Markdown's HTML parser (md_in_html) and
the search plugin's parser read every tag of it, although it is excluded from the search and
nothing in it is Markdown: that was most of the cost of a quarter page. So the templates hand such
blocks to ``later`` (a Jinja2 filter): the Markdown gets a one-line placeholder, the block is kept
beside the docs, and ``fill`` puts it back into the HTML that MkDocs wrote — the page a reader
gets is the same, the SVG still inline where its keyboard links need it.

The placeholder is an empty ``div`` block (Python-Markdown leaves raw HTML blocks alone); ``fill``
refuses a page whose placeholders do not match what was kept, so nothing can silently go missing.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import re
from pathlib import Path

from markupsafe import Markup

from ..errors import BuildError
from ..model.outputs import inside, write_text
from . import urls

PLACEHOLDER = '<div data-sb-nachher="{}"></div>'
_PATTERN = re.compile(r'<div data-sb-nachher="(\d+)"></div>')
SUFFIX = ".nachher.json"


class LateBlocks:
    """The blocks of one page, in the order of their placeholders."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def add(self, html: str) -> str:
        self.blocks.append(html)
        return PLACEHOLDER.format(len(self.blocks) - 1)


_current: contextvars.ContextVar[LateBlocks | None] = contextvars.ContextVar("late_blocks", default=None)


def later(html) -> Markup:
    """Jinja2 filter: the block now, or — while a page is collected (``collecting``) — its placeholder."""
    store = _current.get()
    if store is None:  # rendered on its own (tests, previews): the block itself
        return Markup(html)
    return Markup(store.add(str(html)))


@contextlib.contextmanager
def collecting():
    store = LateBlocks()
    token = _current.set(store)
    try:
        yield store
    finally:
        _current.reset(token)


def save(root: Path, page: str, store: LateBlocks) -> None:
    """Keep a page's blocks beside the docs (nothing when it has none)."""
    if store.blocks:
        write_text(root, page + SUFFIX, json.dumps(store.blocks, ensure_ascii=False))


def fill_text(text: str, blocks: list[str]) -> str:
    """The placeholders of ``text`` replaced by their blocks."""
    return _PATTERN.sub(lambda m: blocks[int(m.group(1))], text)


def built_page(site: Path, page: str) -> Path:
    """The HTML file MkDocs writes for a docs page ("quartiere/x.md" → site/quartiere/x/index.html)."""
    return inside(site, urls.page_url(page) + "index.html")


def fill_page(site: Path, root: Path, kept: Path) -> None:
    page = kept.relative_to(root).as_posix().removesuffix(SUFFIX)
    blocks = json.loads(kept.read_text(encoding="utf-8"))
    target = built_page(site, page)
    html = target.read_text(encoding="utf-8")
    found = [int(m) for m in _PATTERN.findall(html)]
    if found != list(range(len(blocks))):
        raise BuildError(f"{page}: MkDocs hat Platzhalter verändert ({len(found)} gefunden, {len(blocks)} erwartet).")
    target.write_text(fill_text(html, blocks), encoding="utf-8")


def kept_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*" + SUFFIX)) if root.is_dir() else []


def fill(site: Path, root: Path) -> int:
    """Put every kept block into its built page; returns the number of pages filled."""
    files = kept_files(root)
    for kept in files:
        fill_page(site, root, kept)
    return len(files)
