"""The built site in Debian's chromium (Playwright): no third-party requests, no console errors,
no axe-core violations at phone and desktop size, no horizontal scrolling, maps with alternatives."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from generator import paths
from generator.tools.serve import launch, serve

pytestmark = pytest.mark.browser
SIZES = {"handy": (390, 844), "desktop": (1280, 800)}


def is_forwarding(page: Path) -> bool:
    return b'http-equiv="refresh"' in page.read_bytes()[:600]


def all_pages(site: Path) -> list[str]:
    """Every page of the site (forwarding permalinks are checked in test_forwarding_pages)."""
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("index.html") if not is_forwarding(p))
    return pages + ["gibt-es-nicht/"]  # served with the site's 404 page


def test_forwarding_pages_lead_to_existing_pages(built_site):
    stubs = [p for p in built_site.rglob("index.html") if is_forwarding(p)]
    assert len(stubs) == 28  # the latest edition's archive: 27 quarters and their list
    for stub in stubs:
        html = stub.read_text(encoding="utf-8")
        href = html.split('url=', 1)[1].split('"', 1)[0]
        assert (stub.parent / href / "index.html").resolve().is_file(), stub
        assert 'lang="de"' in html and "<title>" in html


@pytest.fixture(scope="module")
def server(built_site, oberhausen):
    with serve(built_site, urlparse(oberhausen.city.homepage).path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = launch(pw)
        yield b
        b.close()


class Recorder:
    def __init__(self, page, base: str):
        self.requests: list[str] = []
        self.errors: list[str] = []
        host = urlparse(base).netloc
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.host = host

    def foreign(self) -> list[str]:
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != self.host]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_is_clean(built_site, server, browser, size):
    """Every built page: 0 foreign requests, 0 console errors, 0 axe violations."""
    w, h = SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    rec = Recorder(page, server)
    axe = Axe()
    problems = []
    pages = all_pages(built_site)
    assert len(pages) > 100
    for rel in pages:
        before = len(rec.errors)
        page.goto(server + rel, wait_until="networkidle")
        if rel == "gibt-es-nicht/":  # the browser logs the 404 status itself
            rec.errors[before:] = [e for e in rec.errors[before:] if "404" not in e]
        result = axe.run(page)
        for v in result.response["violations"]:
            problems.append(f"{rel}: axe {v['id']} ({v['impact']}) {v['nodes'][0]['target']}")
        problems += [f"{rel}: console {e}" for e in rec.errors[before:]]
    ctx.close()
    assert rec.foreign() == []
    assert problems == []


def test_no_horizontal_scrolling_at_360px(built_site, server, browser):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    wide = []
    for rel in all_pages(built_site):
        page.goto(server + rel, wait_until="load")
        sw = page.evaluate("document.documentElement.scrollWidth")
        if sw > 360:
            wide.append((rel, sw))
    ctx.close()
    assert wide == []


def _painted(png: bytes) -> tuple[int, int]:
    """Pixels that differ from the background, and how many distinct fill colours cover > 500 px."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    bg = img.getpixel((2, 2))
    painted = [px for px in img.get_flattened_data() if sum(abs(a - b) for a, b in zip(px, bg)) > 30]
    counts: dict[tuple, int] = {}
    for px in painted:
        key = tuple(c // 16 for c in px)
        counts[key] = counts.get(key, 0) + 1
    return len(painted), sum(1 for n in counts.values() if n > 500)


def test_interactive_map_loads_only_on_request_and_draws_the_quarters(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    rec = Recorder(page, server)
    page.goto(server + "quartiere/innenstadt/", wait_until="networkidle")
    assert not any(paths.VENDOR_DECK in u for u in rec.requests)
    assert page.locator(".sb-deck").is_hidden()
    page.get_by_role("button", name="Interaktive Karte laden").click()
    canvas = page.locator(".sb-deck canvas").first
    canvas.wait_for(state="visible", timeout=20_000)
    page.wait_for_function("document.querySelector('.sb-kartenstatus').textContent.includes('geladen.')", timeout=20_000)
    page.wait_for_timeout(1500)
    box = page.locator(".sb-deck")
    painted, colours = _painted(box.screenshot())
    size = box.bounding_box()
    # the city covers part of the box; an empty canvas paints nothing
    assert painted > 0.05 * size["width"] * size["height"], painted
    assert colours >= 3, colours  # several status classes are drawn
    assert any(paths.VENDOR_DECK in u for u in rec.requests)
    assert rec.foreign() == [] and rec.errors == []
    ctx.close()


def test_interactive_map_survives_instant_navigation(server, browser):
    """Material's instant navigation swaps pages without reloading scripts."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    rec = Recorder(page, server)
    page.goto(server + "quartiere/", wait_until="networkidle")
    page.get_by_role("link", name="Styrum").first.click()
    page.wait_for_url("**/quartiere/styrum/")
    page.get_by_role("button", name="Interaktive Karte laden").click()
    page.locator(".sb-deck canvas").first.wait_for(state="visible", timeout=20_000)
    assert rec.errors == [] and rec.foreign() == []
    ctx.close()


def test_without_javascript_maps_and_tables_are_there(server, browser):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    for rel, tables in (("", 2), ("quartiere/innenstadt/", 7), ("indikatoren/sgb2/", 2), ("quartiere/", 1)):
        page.goto(server + rel)
        if rel != "quartiere/":
            svg = page.locator("svg.karte")
            assert svg.count() >= 1 and svg.first.is_visible()
            assert svg.first.get_attribute("role") == "img" and svg.first.get_attribute("aria-label")
        assert page.locator("table").count() >= tables
    rows = page.locator("table.sb-tabelle tbody tr")
    assert rows.count() == 27
    ctx.close()


def test_sortable_table(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server + "quartiere/", wait_until="networkidle")
    page.get_by_role("button", name="Status").click()
    first = page.locator("table.sb-tabelle tbody tr").first.locator("td").nth(2).text_content()
    assert first == "hoch"
    page.get_by_role("button", name="Status").click()
    first = page.locator("table.sb-tabelle tbody tr").first.locator("td").nth(2).text_content()
    assert first == "sehr niedrig"
    assert page.locator("th[aria-sort]").count() == 1
    ctx.close()


def test_data_status_notice_on_every_page(built_site):
    for p in built_site.rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        assert "Demonstrationsdaten:" in html and "keine amtlichen Zahlen" in html, p


@pytest.mark.parametrize("quarter", ["innenstadt", "styrum", "koenigshardt"])
def test_quarter_page_prints_as_a_two_page_profile(server, browser, quarter):
    import re
    page = browser.new_page()
    page.goto(server + f"quartiere/{quarter}/", wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    page.close()
