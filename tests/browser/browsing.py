"""Browser fixtures: one server and one Chromium per test process, and a crawl per viewport.

A crawl loads every page of the built site once and records everything the checks need (axe-core
results, console errors, requests, widths), so the checks share each page load; each viewport's
crawl is one test, so pytest-xdist runs the viewports in parallel processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from generator.tools.serve import launch, serve

SIZES = {"handy": (390, 844), "desktop": (1280, 800)}
NOT_FOUND = "gibt-es-nicht/"  # served with the site's 404 page


def is_forwarding(page: Path) -> bool:
    return b'http-equiv="refresh"' in page.read_bytes()[:600]


def all_pages(site: Path) -> list[str]:
    """Every page of the site (forwarding permalinks and the embed pages of figures are checked on
    their own, in test_browser and test_figures)."""
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("index.html") if not is_forwarding(p)
                   and not p.relative_to(site).as_posix().startswith("einbetten/"))
    return pages + [NOT_FOUND]


def one_of_each_kind(site: Path, pages: list[str], other: bool = False) -> set[str]:
    """Every page that is one of a kind, and of each folder of like pages (quarters, indicators, an
    edition's quarters) the first and the largest (the page with the most content: a Fokus quarter);
    ``other``: the last and the smallest instead (a second size sees other pages)."""
    groups: dict[str, list[str]] = {}
    for rel in pages:
        groups.setdefault(rel.rstrip("/").rpartition("/")[0], []).append(rel)
    out: set[str] = set()
    for parent, group in groups.items():
        if not parent or len(group) < 3:
            out.update(group)
        else:
            size = {r: (site / r / "index.html").stat().st_size for r in group}
            out.add(group[-1] if other else group[0])
            out.add((min if other else max)(group, key=size.__getitem__))
    return out


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours (tuples or lists of 0…255)."""
    def lum(c):
        ch = [x / 255 for x in c[:3]]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Recorder:
    """Requests and console errors of one browser page."""

    def __init__(self, page, base: str):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.host = urlparse(base).netloc
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def foreign(self) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != self.host]


@dataclass
class PageResult:
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    scroll_width: int = 0


@dataclass
class Crawl:
    size: str
    pages: dict[str, PageResult]
    foreign: list[str]


@pytest.fixture(scope="session")
def server(built_site, oberhausen):
    """The demonstration site under its public path prefix, as a web host would serve it."""
    with serve(built_site, urlparse(oberhausen.city.homepage).path) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


def crawl(site: Path, base: str, browser, size: str, axe: bool | str = True, every_page: bool = True) -> Crawl:
    """Load every page at this size (or, ``every_page=False``, only those axe reads): console errors,
    requests, width; axe-core on every page (``axe=True``), on one page of each kind (``axe="kinds"``)
    or on none."""
    w, h = SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    rec = Recorder(page, base)
    checker = Axe() if axe else None
    results: dict[str, PageResult] = {}
    pages = all_pages(site)
    audited = (set(pages) if axe is True else one_of_each_kind(site, pages, other=size == "handy") if axe == "kinds"
               else set())
    if not every_page:
        pages = [p for p in pages if p in audited]
    for rel in pages:
        before = len(rec.errors)
        page.goto(base + rel, wait_until="load")  # axe then runs about a second: late requests are still seen
        if rel == NOT_FOUND:  # the browser logs the 404 status itself
            rec.errors[before:] = [e for e in rec.errors[before:] if "404" not in e]
        result = PageResult(errors=rec.errors[before:],
                            scroll_width=page.evaluate("document.documentElement.scrollWidth"))
        if checker is not None and rel in audited:
            for v in checker.run(page).response["violations"]:
                result.violations.append(f"axe {v['id']} ({v['impact']}) {v['nodes'][0]['target']}")
        results[rel] = result
    ctx.close()
    return Crawl(size, results, rec.foreign())
