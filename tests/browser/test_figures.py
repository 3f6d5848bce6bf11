"""For journalists and citizens, in the browser: figures to take away (SVG, PNG, embed pages), map
areas as keyboard-reachable links, "Mein Quartier finden", quarter search, page weight."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from axe_playwright_python.sync_playwright import Axe
from shapely.geometry import shape

from browsing import Recorder
from generator.tools.pageweight import measure

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"


def test_every_standalone_figure_is_valid_svg_with_title_source_and_licence(built_site, oberhausen):
    files = sorted((built_site / "grafiken").rglob("*.svg"))
    assert len(files) > 1000  # every map and chart of every edition
    licence = oberhausen.city.lizenz.titel
    for path in files:
        root = ET.parse(path).getroot()
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        title = root.find(f"{SVG}title").text
        assert title and title in " ".join(texts.split()) or title.split(":")[0] in texts, path
        assert "Quelle:" in texts and licence.split()[0] in texts and "Stand" in texts, path
        assert "Demonstrationsdaten" in texts, path
        assert int(root.get("width")) >= 1200


def test_no_text_of_a_standalone_figure_runs_into_another(server, browser):
    """Legend labels and their swatches take the room the city's words need ("Fokusquartier, Status sehr niedrig",
    "7,4 bis unter 13,0 % (6 Sozialquartiere)"): measured as the browser draws them, no two texts of a
    figure overlap and none leaves the picture."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    checked = 0
    for rel in ("grafiken/2022/karte-fokus.svg", "grafiken/2022/karte-status.svg", "grafiken/2022/indikator/sgb2.svg",
                "grafiken/2022/lage/innenstadt.svg", "grafiken/2022/verlauf/innenstadt/sgb2.svg"):
        page.goto(server + rel)
        boxes = page.evaluate("""() => [...document.querySelectorAll('svg > text, svg > rect[width="22"]')]
            .map(t => { const b = t.getBBox(); return [t.textContent || 'Farbfeld', b.x, b.y, b.width, b.height]; })""")
        width = page.evaluate("() => document.documentElement.viewBox.baseVal.width")
        assert len(boxes) > 5, rel
        for i, (a, ax, ay, aw, ah) in enumerate(boxes):
            assert ax >= 0 and ax + aw <= width + 0.5, f"{rel}: „{a}“ leaves the picture"
            for b, bx, by, bw, bh in boxes[i + 1:]:
                apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
                assert apart, f"{rel}: „{a}“ and „{b}“ overlap"
        checked += len(boxes)
    assert checked > 60
    page.close()


def test_png_download_decodes_and_is_at_least_1200_px_wide(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    rec = Recorder(page, server)
    page.goto(server + "quartiere/innenstadt/", wait_until="networkidle")
    widths = []
    for link in (page.locator("a[data-png]").first, page.locator("a[data-png]").nth(3)):  # the map, a chart
        with page.expect_download() as info:
            link.click()
        img = Image.open(io.BytesIO(open(info.value.path(), "rb").read()))
        img.load()
        assert info.value.suggested_filename.endswith(".png")
        widths.append(img.size[0])
    assert min(widths) >= 1200
    assert rec.foreign() == [] and rec.errors == []
    ctx.close()


def test_embed_pages_load_nothing_from_other_hosts_set_no_cookie_and_need_no_script(built_site, server, browser):
    pages = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "einbetten").rglob("index.html"))
    sample = pages[:: max(1, len(pages) // 12)]
    axe = Axe()
    for js in (True, False):
        ctx = browser.new_context(java_script_enabled=js)
        page = ctx.new_page()
        rec = Recorder(page, server)
        for rel in sample:
            page.goto(server + rel, wait_until="load")
            assert page.evaluate("document.querySelector('img').naturalWidth") >= 1200, rel
            assert page.locator("a[href]").count() == 1 and "Quelle:" in page.content()
            if js:
                assert axe.run(page).response["violations"] == [], rel
        assert rec.foreign() == [] and ctx.cookies() == []
        ctx.close()


def test_clicking_a_quarter_in_the_start_map_opens_its_page(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="networkidle")
    page.locator("svg.karte a.sb-gebiet[aria-label^='Lirich-Nord:']").click()
    page.wait_for_url("**/quartiere/lirich-nord/")
    assert page.locator("h1").inner_text() == "Lirich-Nord"
    page.close()


def test_tab_reaches_every_map_link_in_order(server, browser, oberhausen):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="networkidle")
    expected = page.eval_on_selector_all("svg.karte a.sb-gebiet", "els => els.map(e => e.getAttribute('aria-label'))")
    assert len(expected) == len(oberhausen.quarters)
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.matches('a.sb-gebiet') ? "
                              "document.activeElement.getAttribute('aria-label') : null")
        if label:
            reached.append(label)
            # the name is shown beside the map, and a ring round the area is drawn on top of the map
            assert page.locator(".sb-kartenname").first.inner_text() == label
            assert page.evaluate("""() => { const ring = document.querySelector('svg.karte > .sb-ring-fokus');
              const href = (e) => e.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
              return !!ring && ring === ring.parentNode.lastElementChild
                && href(ring.querySelector('use')) === href(document.activeElement.querySelector('use')); }""")
        elif reached:
            break
    assert reached == expected
    page.close()


def _point_in(oberhausen, qid: str):
    feat = next(f for f in oberhausen.geometry["features"] if f["properties"]["quartier_id"] == qid)
    p = shape(feat["geometry"]).representative_point()
    return {"latitude": p.y, "longitude": p.x}


@pytest.mark.parametrize("where,expected", [("innenstadt", "Innenstadt"), ("berlin", None)])
def test_mein_quartier_finden(server, browser, oberhausen, where, expected):
    position = _point_in(oberhausen, where) if where != "berlin" else {"latitude": 52.52, "longitude": 13.40}
    ctx = browser.new_context(geolocation=position, permissions=["geolocation"])
    page = ctx.new_page()
    rec = Recorder(page, server)
    page.goto(server, wait_until="networkidle")
    page.get_by_role("button", name="Mein Quartier finden").click()
    result = page.locator(".sb-finden-ergebnis")
    if expected:
        result.get_by_role("link", name=expected).click()
        page.wait_for_url(f"**/quartiere/{where}/")
    else:
        page.wait_for_function("document.querySelector('.sb-finden-ergebnis').textContent.includes('nicht in der Stadt')")
    assert rec.foreign() == [] and rec.errors == []
    ctx.close()


def test_without_javascript_the_finder_is_absent_and_the_map_links_remain(server, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server)
    assert not page.get_by_role("button", name="Mein Quartier finden").is_visible()
    assert page.locator("svg.karte a.sb-gebiet").count() > 20
    assert not page.locator("a[data-png]").first.is_visible()
    ctx.close()


@pytest.mark.parametrize("typed,expected", [("Lirich", r"quartiere/lirich-(nord|sued)/"),
                                            ("Brücktor", r"quartiere/bruecktorviertel/"),
                                            ("Sterkrade", r"quartiere/[^/]+/")])
def test_typing_a_quarter_or_district_finds_the_quarter_page_first(server, browser, typed, expected):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="networkidle")
    # The search index loads when the search is first used; the worker then builds it (on a busy
    # CI machine this took more than 15 s once). Focus the field, wait until ready, then type.
    page.locator(".md-search__input").focus()
    page.wait_for_function("!document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('initialisiert')", timeout=60_000)
    page.locator(".md-search__input").press_sequentially(typed)  # key events, as a person types
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=30_000)
    assert re.search(expected, first.get_attribute("href")), first.get_attribute("href")
    page.close()


@pytest.mark.parametrize("page", ["", "quartiere/innenstadt/", "indikatoren/sgb2/"],
                         ids=["start", "quarter", "indicator"])
def test_first_visit_weighs_at_most_100_kb_and_loads_no_search_or_sitemap(built_site, oberhausen, browser, page):
    from urllib.parse import urlparse
    result = measure(built_site, page, prefix=urlparse(oberhausen.city.homepage).path, browser=browser)
    print(f"\n{page or 'start'}: {result['requests']} requests, {result['bytes'] / 1024:.0f} KB, "
          f"{result['gzip'] / 1024:.1f} KB gzip")
    loaded = [f["url"] for f in result["files"]]
    assert not [u for u in loaded if "search" in u or "lunr" in u or "sitemap" in u], loaded
    assert result["gzip"] <= 100 * 1024


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_loads_on_first_use_and_works_by_keyboard_alone(server, browser, width):
    """No mouse: Tab to the search (or its shortcut), type at once – even while the index is still on
    its way (held back here by 1.5 s) – arrow into the results, Enter opens the quarter page."""
    import time
    ctx = browser.new_context(viewport={"width": width, "height": 844})
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))

    def slow(route):
        time.sleep(1.5)
        route.continue_()
    page.route("**/search/search_index.json", slow)
    page.goto(server + "indikatoren/", wait_until="networkidle")
    assert not [u for u in requested if "search_index" in u or "/workers/" in u or "sitemap" in u]
    for _ in range(30):  # Tab until the search field or the button that opens it
        page.keyboard.press("Tab")
        here = page.evaluate("() => { const e = document.activeElement; return (e.className || '') + ' ' + "
                             "(e.getAttribute('aria-label') || ''); }")
        if "md-search__input" in here or "Suche" in here:
            break
    else:
        raise AssertionError("the search cannot be reached with Tab")
    if "md-search__input" not in here:
        page.keyboard.press("Enter")
    page.keyboard.type("Lirich")  # at once: the index has not arrived yet
    page.locator(".md-search-result__item a").first.wait_for(timeout=30_000)
    assert [u for u in requested if "search_index" in u]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"quartiere/lirich-(nord|sued)/"), timeout=15_000)
    ctx.close()
