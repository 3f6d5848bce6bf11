"""The built site in Debian's chromium (Playwright): no third-party requests, no console errors,
no axe-core violations at phone and desktop size, no horizontal scrolling, maps with alternatives.

The per-page checks read one shared crawl per viewport (conftest.py); the rest drive single pages.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image
from shapely.geometry import shape

from generator import paths
from generator.build import build
from generator.inputs.validate import validate_city
from generator.tools.serve import serve

from browsing import SIZES, Recorder, crawl, is_forwarding

pytestmark = pytest.mark.browser


def test_forwarding_pages_lead_to_existing_pages(built_site):
    stubs = [p for p in built_site.rglob("index.html") if is_forwarding(p)]
    # the latest edition's archive (27 quarters, their list, Fokus and changes page) and, per edition
    # (3), the package folder daten/<Jahr>/ and the figure folder grafiken/<Jahr>/
    assert len(stubs) == 30 + 2 * 3
    for stub in stubs:
        html = stub.read_text(encoding="utf-8")
        href, _, anchor = html.split('url=', 1)[1].split('"', 1)[0].partition("#")
        target = (stub.parent / href / "index.html").resolve()
        assert target.is_file(), stub
        assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), (stub, anchor)
        assert 'lang="de"' in html and "<title>" in html


@pytest.mark.parametrize("size", list(SIZES))
def test_each_kind_of_page_is_clean(built_site, server, browser, size):
    """At each size, on each page that is one of a kind and on two of each folder of like pages
    (pages of a kind share their template; another two at each size): 0 axe-core violations, 0
    console errors, 0 requests to other hosts, no page wider than the screen. axe takes 1–3 s a
    page: on all 117 pages at both sizes the two crawls took 672 s of the suite. Every page is
    loaded by test_keyboard's reflow test (320 px with text spacing), which checks console errors
    and other hosts on the same visit."""
    result = crawl(built_site, server, browser, size, axe="kinds", every_page=False)
    assert len(result.pages) > 20
    width = SIZES[size][0]
    problems = {
        "axe": [f"{rel}: {v}" for rel, r in result.pages.items() for v in r.violations],
        "console": [f"{rel}: {e}" for rel, r in result.pages.items() for e in r.errors],
        "other hosts": result.foreign,
        "wider than the screen": [(rel, r.scroll_width) for rel, r in result.pages.items() if r.scroll_width > width],
    }
    assert problems == {k: [] for k in problems}


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
    # the loaded map has the focus, visibly, and its description says which keys move it
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('aria-label') || '',"
                            " getComputedStyle(document.activeElement).outlineStyle, (document.getElementById("
                            "document.activeElement.getAttribute('aria-describedby')) || {}).textContent || '']")
    assert focused[0] == "CANVAS" and focused[1] and "Pfeiltasten" in focused[3] and focused[2] != "none", focused
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
            # a map whose areas are links is a named group of links, other figures named images
            assert svg.first.get_attribute("role") in ("img", "group") and svg.first.get_attribute("aria-label")
        assert page.locator("table").count() >= tables
    rows = page.locator("table.sb-tabelle tbody tr")
    assert rows.count() == 27
    ctx.close()


def test_sortable_table(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server + "quartiere/", wait_until="networkidle")
    page.get_by_role("button", name="Status").click()
    first = page.locator("table.sb-tabelle tbody tr").first.locator("th, td").nth(2).text_content()
    assert first == "hoch"
    page.get_by_role("button", name="Status").click()
    first = page.locator("table.sb-tabelle tbody tr").first.locator("th, td").nth(2).text_content()
    assert first == "sehr niedrig"
    assert page.locator("th[aria-sort]").count() == 1
    # named by the column alone (exact: no arrow glyph in the name), and the new order is announced
    assert page.get_by_role("button", name="Status", exact=True).count() >= 1
    assert page.get_by_role("status").filter(has_text="Sortiert nach „Status“, absteigend").count() >= 1
    ctx.close()


def test_data_status_notice_on_every_page(built_site):
    for p in built_site.rglob("*.html"):
        html = p.read_text(encoding="utf-8")
        assert "Demonstrationsdaten:" in html and "keine amtlichen Zahlen" in html, p


@pytest.mark.parametrize("quarter", ["innenstadt", "lirich-nord", "styrum", "koenigshardt"])
def test_quarter_page_prints_as_a_two_page_profile(server, browser, quarter):
    import re
    page = browser.new_page()
    page.goto(server + f"quartiere/{quarter}/", wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    page.close()


MARKUP = '<img src=x onerror="window.__angriff=1">Innenstadt<b>fett</b>'


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    """Validation refuses markup in names; if one got through anyway, the map must show it as text."""
    minimal = paths.ROOT / "tests" / "fixtures" / "minimal-city"
    data = validate_city(minimal)
    quarters = data.quarters.copy()
    quarters.loc["innenstadt", "name"] = MARKUP
    site = tmp_path_factory.mktemp("markup") / "site"
    build("minimal-city", site, docs_dir=None, data=dataclasses.replace(data, quarters=quarters))
    feature = next(f for f in data.geometry["features"] if f["properties"]["quartier_id"] == "innenstadt")
    point = shape(feature["geometry"]).representative_point()
    return site, (point.x, point.y)


def test_map_tooltip_shows_a_name_with_markup_as_text(markup_site, browser):
    site, (lon, lat) = markup_site
    with serve(site) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        rec = Recorder(page, base)
        page.goto(base + "quartiere/innenstadt/", wait_until="networkidle")
        page.get_by_role("button", name="Interaktive Karte laden").click()
        page.locator(".sb-deck canvas").first.wait_for(state="visible", timeout=20_000)
        page.wait_for_function("document.querySelector('.sb-deck').deck && "
                               "document.querySelector('.sb-deck').deck.isInitialized", timeout=20_000)
        page.wait_for_timeout(1000)
        x, y = page.evaluate("([lon, lat]) => document.querySelector('.sb-deck').deck.getViewports()[0]"
                             ".project([lon, lat])", [lon, lat])
        box = page.locator(".sb-deck").bounding_box()
        page.mouse.move(box["x"] + x, box["y"] + y)
        tooltip = page.locator(".deck-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        assert MARKUP in tooltip.inner_text()  # literally, tags and all
        assert tooltip.locator("img, b, script").count() == 0
        assert page.evaluate("window.__angriff") is None
        assert rec.foreign() == [] and rec.errors == []
        ctx.close()
