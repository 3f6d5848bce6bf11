"""Keyboard and reflow audit beyond axe-core: tab through every page type at 320×256 (1280 px at
400 % zoom, the smallest height too) and 1280×800; every focus stop must be visible, inside the
viewport and not under the sticky header; the focus indicator must differ from the unfocused state
by at least 3:1; and no page may scroll sideways at 320 px, also with the WCAG 1.4.12 text spacing."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from browsing import NOT_FOUND, Recorder, all_pages, contrast

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "Start": "", "Quartiere": "quartiere/", "Quartier": "quartiere/innenstadt/",
    "Bezirk": None,  # filled from the site (first district list)
    "Indikator": "indikatoren/sgb2/", "Indikatoren": "indikatoren/", "Methodik": "methodik/", "Daten": "daten/",
    "Fokus": "fokusquartiere/", "Veränderungen": "veraenderungen/", "Leichte Sprache": "leichte-sprache/",
    "Barrierefreiheit": "barrierefreiheit/", "Archiv-Quartier": "berichte/2017/quartiere/innenstadt/",
}
SIZES = {"320×256": (320, 256), "1280×800": (1280, 800)}
MAX_TABS = 600

# What the focused element is and where, as the user sees it.
PROBE = """async () => {
  // measured once the page has settled: Material resizes its sticky sidebars on scroll, a frame later
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const hr = header ? header.getBoundingClientRect() : {bottom: 0};
  let visible = r.width > 0 && r.height > 0;
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.visibility === 'hidden' || cs.display === 'none' || parseFloat(cs.opacity) === 0) { visible = false; break; }
  }
  const inHeader = header ? header.contains(el) : false;
  const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  // obscured: at the element's visible centre something else is on top (the sticky header); for an
  // element taller than the room below the header, its first lines must show below the header
  const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  const probeY = r.height <= innerHeight - hr.bottom ? (top + bottom) / 2 : Math.max(top, hr.bottom) + 4;
  const hit = document.elementFromPoint(cx, Math.min(probeY, innerHeight - 1));
  // covered: what is on top at that point belongs to something pinned (header, tabs, back-to-top)
  const pinned = (n) => { for (; n && n.nodeType === 1; n = n.parentElement) { const p = getComputedStyle(n).position;
    if (p === 'fixed' || p === 'sticky') return n; } return null; };
  const related = hit && (el === hit || el.contains(hit) || hit.contains(el));
  const covered = hit && !related && pinned(hit) && pinned(hit) !== pinned(el);
  const partly = !inHeader && header && getComputedStyle(header).position !== 'static' && r.top < hr.bottom - 1
                 && r.bottom > hr.top && r.height <= innerHeight - hr.bottom;
  const obscured = !!covered || partly;
  const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || '').trim().slice(0, 40);
  if (!el.dataset.sbStop) el.dataset.sbStop = String(document.querySelectorAll('[data-sb-stop]').length + 1);
  return {key: el.dataset.sbStop,
          kind: el.tagName.toLowerCase() + '.' + (typeof el.className === 'string' ? el.className.split(' ')[0] : 'svg'),
          name, visible, inView, obscured, inHeader,
          rect: [r.left, r.top, r.width, r.height]};
}"""

TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
                " p { margin-bottom: 2em !important; }")


def _pages(site) -> dict[str, str]:
    pages = dict(PAGE_TYPES)
    bezirke = sorted((site / "quartiere" / "bezirke").glob("*/index.html")) if (site / "quartiere" / "bezirke").exists() else []
    if bezirke:
        pages["Bezirk"] = bezirke[0].parent.relative_to(site).as_posix() + "/"
    return {k: v for k, v in pages.items() if v is not None and (site / v / "index.html").exists()}


NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def tab_through(page) -> tuple[list[dict], list[dict]]:
    """(every focus stop, the stops that fail) of one page, from the top until focus cycles.
    Transitions are switched off, so each stop is measured as it looks once it has settled."""
    page.add_style_tag(content=NO_MOTION)
    page.keyboard.press("Tab")
    seen, stops, bad = set(), [], []
    for _ in range(MAX_TABS):
        info = page.evaluate(PROBE)
        if info is None:
            if stops:
                break
        else:
            if info["key"] in seen:
                break
            seen.add(info["key"])
            stops.append(info)
            if not (info["visible"] and info["inView"]) or info["obscured"]:
                bad.append(info)
        page.keyboard.press("Tab")
    return stops, bad


@pytest.mark.parametrize("size", list(SIZES))
def test_every_focus_stop_is_visible_and_not_under_the_header(built_site, server, browser, size):
    w, h = SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    report, failures = {}, {}
    for kind, rel in _pages(built_site).items():
        page.goto(server + rel, wait_until="load")
        stops, bad = tab_through(page)
        report[kind] = (len(stops), len(bad))
        if bad:
            failures[kind] = [f"{b['kind']} „{b['name']}“ visible={b['visible']} inView={b['inView']} "
                              f"obscured={b['obscured']} rect={[round(x) for x in b['rect']]}" for b in bad[:8]]
        assert len(stops) > 3, (kind, "no focus stops found")
    print(f"\nTastatur {size}: " + ", ".join(f"{k} {n} Stopps/{b} Fehler" for k, (n, b) in report.items()))
    ctx.close()
    assert failures == {}


def test_the_closed_menu_is_out_of_the_tab_order_and_opens_by_keyboard(server, browser):
    ctx = browser.new_context(viewport={"width": 320, "height": 256})
    page = ctx.new_page()
    page.goto(server + "quartiere/", wait_until="load")
    toggle = page.locator(".md-header__button[for=__drawer]")
    assert toggle.evaluate("e => e.tagName") == "BUTTON" and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-label")
    # nothing inside the closed drawer takes focus
    assert page.evaluate("document.querySelector('.md-sidebar--primary').hasAttribute('inert')")
    toggle.focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.getElementById('__drawer').checked")
    # the state follows in the next task after the click
    page.wait_for_function("document.querySelector('.md-header__button[for=__drawer]')"
                           ".getAttribute('aria-expanded') === 'true'", timeout=5_000)
    assert page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    # a section toggle in the navigation is a button too: Space toggles it and does not scroll
    section = page.locator(".md-sidebar--primary button.md-nav__link[for^=__nav]").first
    before = section.get_attribute("aria-expanded")
    section.focus()
    scroll = page.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop")
    page.keyboard.press("Space")
    page.wait_for_function("(b) => document.querySelector('.md-sidebar--primary button.md-nav__link[for^=__nav]')"
                           ".getAttribute('aria-expanded') !== b", arg=before)
    assert page.evaluate("document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop") == scroll
    ctx.close()


def focus_contrast(page, index: int) -> tuple[int, int]:
    """(pixels whose colour changes by ≥ 3:1 when the element takes focus, the element's perimeter)."""
    page.evaluate("(i) => { const el = document.querySelectorAll('[data-sb-audit]')[i]; el.focus(); "
                  "el.scrollIntoView({block: 'center'}); }", index)
    box = page.evaluate("(i) => { const r = document.querySelectorAll('[data-sb-audit]')[i].getBoundingClientRect();"
                        " return [r.left, r.top, r.width, r.height]; }", index)
    x, y, w, hgt = box
    clip = {"x": max(x - 6, 0), "y": max(y - 6, 0), "width": w + 12, "height": hgt + 12}
    focused = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.evaluate("() => document.activeElement.blur()")
    plain = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    strong = sum(1 for a, b in zip(focused.get_flattened_data(), plain.get_flattened_data())
                 if a != b and contrast(a, b) >= 3)
    return strong, int(2 * (w + hgt))


def test_the_focus_indicator_has_3_to_1_against_the_unfocused_state(server, browser):
    """Measured from screenshots, focused against unfocused, for one element of each kind: the
    pixels that change by at least 3:1 must at least go once round the element (a 1 px ring)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    results = {}
    for rel, selector in [("", ".md-search__input"), ("", "article a[href]"),
                          ("quartiere/", ".sb-sortieren"), ("quartiere/", ".sb-tabelle-rahmen"),
                          ("", "svg.karte a.sb-gebiet"), ("quartiere/innenstadt/", "details.sb-einbetten summary"),
                          ("", ".md-sidebar--primary a.md-nav__link"), ("methodik/", ".sb-formel")]:
        page.goto(server + rel, wait_until="load")
        page.keyboard.press("Tab")  # focus-visible: the page is used with the keyboard
        page.evaluate("(s) => [...document.querySelectorAll(s)].find(e => { const r = e.getBoundingClientRect(); "
                      "return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })"
                      ".setAttribute('data-sb-audit', '')", selector)
        strong, perimeter = focus_contrast(page, 0)
        results[f"{rel or 'start'} {selector}"] = (strong, perimeter)
    # search results: open the search, type, move into the results with the keyboard
    page.goto(server, wait_until="networkidle")
    page.locator(".md-search__input").focus()  # the index loads on first use
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('initialisiert')",
                           timeout=60_000)
    page.locator(".md-search__input").press_sequentially("Lirich")
    page.locator(".md-search-result__item a").first.wait_for(timeout=30_000)
    page.evaluate("() => document.querySelector('.md-search-result__item a').setAttribute('data-sb-audit', '')")
    results["Suchergebnis"] = focus_contrast(page, 0)
    ctx.close()
    # on a phone: the menu toggle in the header
    ctx = browser.new_context(viewport={"width": 320, "height": 256})
    page = ctx.new_page()
    page.goto(server, wait_until="load")
    page.keyboard.press("Tab")
    page.evaluate("() => document.querySelector('.md-header__button[for=__drawer]').setAttribute('data-sb-audit', '')")
    results["Menü (320 px)"] = focus_contrast(page, 0)
    ctx.close()
    print("\nFokus-Kontrast (Pixel ≥ 3:1 / Umfang):", results)
    assert all(strong >= perimeter > 0 for strong, perimeter in results.values()), results


def test_no_page_scrolls_sideways_at_320_px_with_text_spacing(built_site, server, browser):
    """Every page at 320 px with WCAG's text spacing: no sideways scrolling; and, on the same visit,
    no console error and no request to another host (the crawl in test_browser checks these on a
    sample at the desktop and phone sizes, with axe)."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    page = ctx.new_page()
    rec = Recorder(page, server)
    wide, errors = [], []
    pages = all_pages(built_site)
    for rel in pages:
        before = len(rec.errors)
        page.goto(server + rel, wait_until="load")
        errors += [f"{rel}: {e}" for e in rec.errors[before:] if not (rel == NOT_FOUND and "404" in e)]
        page.add_style_tag(content=TEXT_SPACING)
        over = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if over > 0:
            culprit = page.evaluate("""() => { const W = document.documentElement.clientWidth; const out = [];
              for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
                if (r.right > W + 1 && r.width > 0) { let s = el; let clipped = false;
                  for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX;
                    if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; } }
                  if (!clipped) out.push(el.tagName + '.' + el.className); } } return out.slice(0, 3); }""")
            wide.append((rel, over, culprit))
    print(f"\nUmbruch 320 px mit Textabständen: {len(pages)} Seiten, {len(wide)} mit seitlichem Scrollen")
    ctx.close()
    assert len(pages) > 100
    assert (wide, errors, rec.foreign()) == ([], [], [])
