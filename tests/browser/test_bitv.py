"""The steps of the BIK BITV-Test (Web) that axe-core and the keyboard walk do not see, measured in
Chromium as an auditor would: focus on map areas (9.2.4.7, 9.1.4.11) from screenshots, text
alternatives of embed pages and SVG files (9.1.1.1b), forced colours (11.7), table semantics and
sorting (9.1.3.1), map links and the interactive map's keys (9.2.1.1, 9.2.4.1, 9.1.4.13), class
boundaries (9.1.4.11), word breaks in names (9.1.4.10) and the geolocation hint (9.3.3.2)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from browsing import contrast

pytestmark = pytest.mark.browser
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _rgb(css: str) -> tuple[int, int, int]:
    """"rgb(1, 2, 3)" or "#010203" as a tuple."""
    if css.startswith("#"):
        return tuple(int(css[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(x)) for x in re.findall(r"[\d.]+", css)[:3])


# -- focus on map areas: 9.2.4.7 (focus visible), 9.1.4.11 (contrast of graphics) ----------------

# An area's geometry: the <path> it uses (or is).
GEOMETRY = ("(shape => shape.tagName === 'path' ? shape : document.getElementById("
            "shape.getAttributeNS('http://www.w3.org/1999/xlink', 'href').slice(1)))")

# The area's shape, its fill and its outline length, and which pixels of the clip lie inside it
# (isPointInFill of its geometry at each pixel centre): independent of how the map draws anything.
AREA = """([i, pad]) => {
  const a = document.querySelectorAll('svg.karte a.sb-gebiet')[i];
  const use = a.querySelector('use, path');
  const path = GEOMETRY(use);
  a.scrollIntoView({block: 'center'});
  const r = use.getBoundingClientRect();
  const x0 = Math.max(Math.floor(r.left - pad), 0), y0 = Math.max(Math.floor(r.top - pad), 0);
  const x1 = Math.min(Math.ceil(r.right + pad), innerWidth), y1 = Math.min(Math.ceil(r.bottom + pad), innerHeight);
  const m = a.ownerSVGElement.getScreenCTM(), inv = m.inverse();
  let mask = '';
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const p = new DOMPoint(x + 0.5, y + 0.5).matrixTransform(inv);
    mask += path.isPointInFill(p) ? '1' : '0';
  }
  return {name: a.getAttribute('aria-label'), fill: getComputedStyle(use).fill, current: a.getAttribute('aria-current'),
          perimeter: path.getTotalLength() * m.a, clip: {x: x0, y: y0, width: x1 - x0, height: y1 - y0}, mask};
}""".replace("GEOMETRY", GEOMETRY)


def ring_contrast(page, i: int) -> dict:
    """One area, before and after it takes the keyboard focus: the ring's pixels (those that change)
    inside the area with ≥ 3:1 against its fill, and outside with ≥ 3:1 against what was there (the
    neighbouring fill, a border, the page), each against the area's outline length."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    area = page.evaluate(AREA, [i, 8])
    before = _image(page.screenshot(clip=area["clip"]))
    page.evaluate("(i) => document.querySelectorAll('svg.karte a.sb-gebiet')[i].focus()", i)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    after = _image(page.screenshot(clip=area["clip"]))
    fill = _rgb(area["fill"])
    inside = outside = changed = 0
    for flag, b, a in zip(area["mask"], before.get_flattened_data(), after.get_flattened_data()):
        if a == b:
            continue
        strong = contrast(a, b) >= 3
        changed += strong
        if flag == "1":
            inside += contrast(a, fill) >= 3
        else:
            outside += strong
    return {"name": area["name"].split(":")[0], "fill": area["fill"], "current": area["current"],
            "inside": inside, "outside": outside, "changed": changed, "perimeter": round(area["perimeter"])}


def _focus_page(browser, server, rel: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server + rel, wait_until="networkidle")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }"
                               " .md-top { display: none !important; }")  # "back to top" would cover the map
    page.keyboard.press("Tab")  # used with the keyboard
    return ctx, page


def test_focus_ring_of_every_area_of_an_indicator_map_stands_3_to_1_against_area_and_surroundings(server, browser):
    """Every area of one indicator map (five blue classes from #eff3ff to #08519c): the focus ring
    must show at least once round the area inside it (≥ 3:1 against its own fill) and once outside
    (≥ 3:1 against the neighbours, borders or page it covers)."""
    ctx, page = _focus_page(browser, server, "indikatoren/sgb2/")
    count = page.locator("svg.karte a.sb-gebiet").count()
    assert count == 27
    results = [ring_contrast(page, i) for i in range(count)]
    ctx.close()
    fills = {r["fill"] for r in results}
    assert len(fills) >= 5, fills  # every class is measured
    print("\nFokusring (Pixel innen/außen ≥ 3:1, Umfang):",
          [(r["name"], r["fill"], r["inside"], r["outside"], r["perimeter"]) for r in results])
    weak = [r for r in results if r["inside"] < r["perimeter"] or r["outside"] < r["perimeter"]]
    assert weak == []


def test_focus_on_the_own_quarter_differs_from_its_outline_by_3_to_1(server, browser):
    """On a quarter page its own area is outlined (dashed, aria-current); focus must still change a
    ring of pixels by ≥ 3:1, inside and outside the area."""
    ctx, page = _focus_page(browser, server, "quartiere/innenstadt/")
    links = page.locator("svg.karte a.sb-gebiet")
    current = page.locator("svg.karte a.sb-gebiet[aria-current='page']")
    assert current.count() == 1 and current.get_attribute("aria-label").startswith("Innenstadt:")
    index = [links.nth(i).get_attribute("aria-current") for i in range(links.count())].index("page")
    result = ring_contrast(page, index)
    ctx.close()
    print("\nFokus auf dem eigenen Quartier:", result)
    assert result["current"] == "page"
    assert result["changed"] >= 2 * result["perimeter"]
    assert result["inside"] >= result["perimeter"] and result["outside"] >= result["perimeter"], result


# -- class boundaries: 9.1.4.11 ------------------------------------------------------------------

# Points along every area's outline (in the middle of each of its edges' pieces), with the
# outward normal: where the test reads the pixels across the boundary.
OUTLINE = """(step) => {
  const svg = document.querySelector('svg.karte');
  const m = svg.getScreenCTM();
  const out = [];
  for (const a of svg.querySelectorAll('a.sb-gebiet')) {
    const path = GEOMETRY(a.querySelector('use, path'));
    const n = path.getTotalLength();
    for (let s = step / 2; s < n; s += step) {
      const p = path.getPointAtLength(s), q = path.getPointAtLength(Math.min(s + 0.5, n));
      const c = new DOMPoint(p.x, p.y).matrixTransform(m), d = new DOMPoint(q.x, q.y).matrixTransform(m);
      const len = Math.hypot(d.x - c.x, d.y - c.y) || 1;
      out.push([c.x, c.y, -(d.y - c.y) / len, (d.x - c.x) / len]);
    }
  }
  const r = svg.getBoundingClientRect();
  return {points: out, box: [r.left, r.top, r.width, r.height]};
}""".replace("GEOMETRY", GEOMETRY)


def boundary_visibility(page) -> tuple[int, int]:
    """(boundary points where the colours on both sides are told apart by a line, all points): across
    the boundary, from 5 px on one side to 5 px on the other, some pixel must stand ≥ 3:1 against
    the colour on each side – also where both sides have the same class."""
    page.evaluate("() => window.scrollTo(0, document.querySelector('svg.karte').getBoundingClientRect().top "
                  "+ scrollY - 60)")
    data = page.evaluate(OUTLINE, 6)
    img = _image(page.screenshot())
    w, h = img.size
    seen = total = 0
    for x, y, nx, ny in data["points"]:
        samples = [(round(x + nx * t - 0.5), round(y + ny * t - 0.5)) for t in range(-5, 6)]
        if not all(0 <= sx < w and 60 <= sy < h for sx, sy in samples):
            continue
        colours = [img.getpixel(s) for s in samples]
        a, b = colours[0], colours[-1]
        total += 1
        seen += any(contrast(c, a) >= 3 for c in colours) and any(contrast(c, b) >= 3 for c in colours)
    return seen, total


@pytest.mark.parametrize("rel", ["indikatoren/sgb2/", ""])
def test_boundaries_between_areas_are_visible_also_within_a_class(server, browser, rel):
    ctx = browser.new_context(viewport={"width": 1280, "height": 2000})
    page = ctx.new_page()
    page.goto(server + rel, wait_until="networkidle")
    seen, total = boundary_visibility(page)
    ctx.close()
    print(f"\nGrenzen {rel or 'Start'}: {seen} von {total} Punkten sichtbar (≥ 3:1 zu beiden Seiten)")
    assert total > 300 and seen >= 0.97 * total, (seen, total)


# -- map links: 9.2.4.1 (skip), 9.2.4.3 (order), 9.4.1.2 (names, aria-current) --------------------

def _german_key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def test_map_links_have_a_skip_link_an_order_that_is_said_and_one_name_each(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server, wait_until="networkidle")
    svg = page.locator("svg.karte").first
    links = svg.locator("a.sb-gebiet")
    names = [links.nth(i).get_attribute("aria-label").split(":")[0] for i in range(links.count())]
    assert len(names) == 27 and names == sorted(names, key=_german_key)  # alphabetical …
    assert "Alphabet" in svg.get_attribute("aria-label")  # … and the map's alternative says so
    assert svg.locator("a.sb-gebiet title").count() == 0  # named once: no <title> read after the link name
    # what a screen reader gets (Chromium's accessibility tree): a link, named once, no description
    cdp = ctx.new_cdp_session(page)
    node = cdp.send("DOM.querySelector", {"nodeId": cdp.send("DOM.getDocument")["root"]["nodeId"],
                                          "selector": "svg.karte a.sb-gebiet"})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    assert ax["role"]["value"] == "link" and ax["name"]["value"].startswith("Alstaden: Status"), ax
    assert not (ax.get("description") or {}).get("value"), ax
    # the skip link is the stop before the first area, visible once it has the focus …
    skip = page.get_by_role("link", name="Kartenlinks überspringen")
    assert skip.count() == 1
    skip.focus()
    box = skip.bounding_box()
    assert box["width"] > 40 and box["height"] > 10 and 0 <= box["y"] < 800
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(names[0])
    # … and Enter on it moves past all 27 links: the next Tab reaches what follows the map
    skip.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate("""() => { const el = document.activeElement, svg = document.querySelector('svg.karte');
      return [el.matches('a.sb-gebiet'), !!(svg.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
              el.textContent.trim().slice(0, 20)]; }""")
    assert after[0] is False and after[1] is True, after
    ctx.close()


def test_the_current_quarter_is_aria_current_on_its_own_page_only(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    for rel, name in (("quartiere/lirich-nord/", "Lirich-Nord"), ("quartiere/styrum/", "Styrum")):
        page.goto(server + rel, wait_until="load")
        current = page.locator("svg.karte a[aria-current='page']")
        assert current.count() == 1 and current.get_attribute("aria-label").startswith(name + ":")
    page.goto(server, wait_until="load")
    assert page.locator("svg.karte a[aria-current]").count() == 0
    ctx.close()


# -- the interactive map: 9.2.1.1 (keyboard), 9.1.4.13 (content on hover) ---------------------------

def _open_interactive_map(page, server):
    page.goto(server + "quartiere/innenstadt/", wait_until="networkidle")
    page.get_by_role("button", name="Interaktive Karte laden").click()
    page.wait_for_function("document.querySelector('.sb-deck') && document.querySelector('.sb-deck').deck && "
                           "document.querySelector('.sb-deck').deck.isInitialized", timeout=30_000)
    page.wait_for_timeout(500)


def test_interactive_map_consumes_its_keys_shows_its_help_and_esc_closes_the_tooltip(server, browser, oberhausen):
    from shapely.geometry import shape
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    _open_interactive_map(page, server)
    canvas = page.locator(".sb-deck canvas").first
    assert page.evaluate("document.activeElement.tagName") == "CANVAS"
    # the key help is visible while the map has the focus, and is its description
    help_id = canvas.get_attribute("aria-describedby")
    help_ = page.locator(f"#{help_id}")
    assert help_.is_visible() and "Pfeiltasten" in help_.inner_text() and "Esc" in help_.inner_text()
    box = help_.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 800  # in view with the focused map
    # arrow keys move the map, not the page
    view = ("(() => { const v = document.querySelector('.sb-deck').deck.getViewports()[0]; "
            "return [v.longitude, v.latitude, v.zoom]; })()")
    scroll, centre = page.evaluate("scrollY"), page.evaluate(view)
    for key in ("ArrowDown", "ArrowDown", "ArrowRight"):
        page.keyboard.press(key)
    page.wait_for_timeout(600)
    assert page.evaluate("scrollY") == scroll
    moved = page.evaluate(view)
    assert moved[:2] != centre[:2] and moved[2] == pytest.approx(centre[2]), (centre, moved)
    # "+" and "-" zoom, as typed (a German keyboard has "+" where a US one has "]")
    page.keyboard.press("+")
    page.wait_for_timeout(300)
    assert page.evaluate(view)[2] == pytest.approx(centre[2] + 1)
    page.keyboard.press("-")
    page.keyboard.press("-")
    page.wait_for_timeout(300)
    assert page.evaluate(view)[2] == pytest.approx(centre[2] - 1) and page.evaluate("scrollY") == scroll
    # Tab leaves the map: the help goes
    page.keyboard.press("Tab")
    assert not help_.is_visible()
    # Esc closes the tooltip of the area under the pointer
    feat = next(f for f in oberhausen.geometry["features"] if f["properties"]["quartier_id"] == "innenstadt")
    p = shape(feat["geometry"]).representative_point()
    x, y = page.evaluate("([lon, lat]) => document.querySelector('.sb-deck').deck.getViewports()[0].project([lon, lat])",
                         [p.x, p.y])
    page.locator(".sb-deck").scroll_into_view_if_needed()
    deck_box = page.locator(".sb-deck").bounding_box()
    page.mouse.move(deck_box["x"] + x, deck_box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert "Innenstadt" in tooltip.inner_text()
    page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=5_000)
    ctx.close()


# -- text alternatives of embed pages and SVG files: 9.1.1.1b --------------------------------------

PROMISES = re.compile(r"Link|unter der Karte|darunter|Rangliste|Liste unter|Tabelle(?! unter der Grafik)")


def _published(built_site, name: str) -> list[dict]:
    with open(built_site / "daten" / "2022" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_embed_pages_and_svg_files_carry_their_values_and_promise_nothing_they_lack(built_site, server, browser):
    """A sample of every kind: status, Fokus and indicator maps, a locator map, trend charts. The
    values (checked against the published data package) are on the embed page as a table and in the
    file as text; the alternatives say nothing of links or tables the file or page does not have."""
    quarters = {r["quartier_id"]: r["name"] for r in _published(built_site, "quartiere.csv")}
    indices = {r["quartier_id"]: r for r in _published(built_site, "indizes.csv")}
    sample = ["2022/karte-status", "2022/karte-fokus", "2022/indikator/sgb2", "2022/lage/innenstadt",
              "2022/verlauf/innenstadt/sgb2", "2022/indikator/sgb2-verlauf", "2017/karte-status"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    for slug in sample:
        page.goto(server + f"einbetten/{slug}/", wait_until="load")
        alt = page.locator("img").get_attribute("alt")
        assert not PROMISES.search(alt), (slug, alt)
        assert "Tabelle unter der Grafik" in alt  # … which is true: the values table follows
        table = page.locator("details table")
        assert table.count() == 1 and table.locator("caption").text_content()
        assert table.locator("tbody th[scope=row]").count() == table.locator("tbody tr").count() > 1
        page.locator("details summary").click()
        rows = {r[0]: r[1:] for r in (page.evaluate(
            "() => [...document.querySelectorAll('details tbody tr')].map(tr => [...tr.cells].map(c => c.textContent))"))}
        svg_text = page.evaluate("(u) => fetch(u).then(r => r.text())", page.locator("img").get_attribute("src"))
        root = ET.fromstring(svg_text.split("\n", 1)[1])
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de", slug
        title, desc = root.find(f"{SVG}title").text, root.find(f"{SVG}desc").text
        assert title and desc and not re.search(r"Link|Tabelle|Liste|unter der|darunter", desc), (slug, desc)
        if slug.startswith("2017/"):
            assert rows and all(name in desc for name in rows)
        elif "verlauf" not in slug:  # a map
            assert set(rows) == set(quarters.values()), slug  # every area, by name
            for qid, name in quarters.items():
                assert name in desc, (slug, name)
                if slug in ("2022/karte-status", "2022/lage/innenstadt", "2022/karte-fokus"):
                    status = indices[qid]["statuslabel"] or "keine Klasse"
                    assert status in rows[name], (slug, name, rows[name], status)
                    assert f"{name}: " in desc and status in desc.split(f"{name}: ", 1)[1].split(";")[0]
        else:  # a chart: one row per year with the values
            assert all(re.fullmatch(r"\d{4}", y) for y in rows), rows
            assert all(re.search(r"\d+,\d %|kein Wert", v) for vs in rows.values() for v in vs)
            assert all(y in desc for y in rows)
    ctx.close()


def test_the_page_alternatives_promise_only_what_their_page_has(server, browser):
    """On the site a map's alternative may speak of links and a table below it: both must be there."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    for rel in ("", "indikatoren/sgb2/", "quartiere/innenstadt/", "fokusquartiere/"):
        page.goto(server + rel, wait_until="load")
        for fig in page.locator("figure.sb-grafik svg").all():
            alt = fig.get_attribute("aria-label")
            if "Link" in alt:
                assert fig.locator("a").count() > 1, (rel, alt)
            if re.search(r"Tabelle|Rangliste|Liste", alt):
                following = page.evaluate("""(svg) => { const all = [...document.querySelectorAll('table')];
                  return all.filter(t => svg.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING).length; }""",
                                          fig.element_handle())
                assert following > 0, (rel, alt)
    ctx.close()


# -- forced colours and contrast themes: 11.7 -------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_legends_and_charts_stay_decodable_in_forced_colours(server, browser, scheme):
    """Windows contrast themes: the legend's five class colours stay five colours, each of them
    painted on the map; a chart's labels keep 4.5:1 and its lines 3:1 against what is behind them."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1600})
    page = ctx.new_page()
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    page.goto(server + "indikatoren/sgb2/", wait_until="networkidle")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    legend = page.locator("ul.sb-legende:has(.sb-farbe)").first
    swatches = legend.locator(".sb-farbe").evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)")
    classes = [_rgb(c) for c in swatches[:5]]
    assert len(set(classes)) == 5, swatches
    page_bg = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    map_svg = page.locator("figure.sb-grafik-karte svg.karte")
    map_svg.scroll_into_view_if_needed()
    shot = _image(map_svg.screenshot())
    counts: dict[tuple, int] = {}
    for px in shot.get_flattened_data():
        counts[px] = counts.get(px, 0) + 1
    for colour in classes:
        near = sum(n for px, n in counts.items() if max(abs(a - b) for a, b in zip(px, colour)) <= 3)
        assert near > 200, (colour, "not on the map")
    # each swatch is framed against the page
    frame = legend.locator(".sb-farbe").first.evaluate("e => getComputedStyle(e).borderTopColor")
    assert contrast(_rgb(frame), page_bg) >= 3, (frame, page_bg)
    # the charts: texts and lines against the pixels behind the chart
    page.goto(server + "quartiere/innenstadt/", wait_until="networkidle")
    chart = page.locator("svg.trend").first
    chart.scroll_into_view_if_needed()
    ground = _image(chart.screenshot()).getpixel((3, 3))
    texts = chart.locator("text").evaluate_all("els => els.map(e => getComputedStyle(e).fill)")
    lines = chart.locator("polyline").evaluate_all("els => els.map(e => getComputedStyle(e).stroke)")
    low_text = [(t, round(contrast(_rgb(t), ground), 2)) for t in texts if contrast(_rgb(t), ground) < 4.5]
    low_line = [(s, round(contrast(_rgb(s), ground), 2)) for s in lines if contrast(_rgb(s), ground) < 3]
    ctx.close()
    assert texts and lines and low_text == [] and low_line == [], (ground, low_text, low_line)


# -- tables: 9.1.3.1 (structure), sorting -------------------------------------------------------------

def test_tables_have_captions_scopes_row_headers_and_an_initial_sort(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server + "indikatoren/sgb2/", wait_until="load")
    facts = page.locator("table.sb-merkmale")
    assert facts.locator("caption").inner_text().strip()
    assert facts.locator("thead th[scope=col]").count() == 2
    assert facts.locator("tbody th[scope=row]").count() == facts.locator("tbody tr").count() == 6
    assert facts.locator("td strong").count() == 0
    ranking = page.locator("table[data-sortierbar]")
    assert ranking.locator("tbody th[scope=row]").count() == 27
    sorted_by = ranking.locator("thead th[aria-sort]")
    assert sorted_by.count() == 1 and sorted_by.get_attribute("aria-sort") == "descending"
    assert sorted_by.inner_text().startswith("Wert")
    for rel in ("", "quartiere/", "veraenderungen/"):
        page.goto(server + rel, wait_until="load")
        for table in page.locator("table.sb-tabelle[data-sortierbar]").all():
            assert table.locator("caption").count() == 1
            assert table.locator("tbody tr").count() == table.locator("tbody th[scope=row]").count() > 0, rel
    ctx.close()


def _number(text: str) -> float | None:
    """A cell as a reader reads it: German number (of "a → b" the later b), or None when missing."""
    last = text.split("→")[-1].strip().replace("\u202f", "").replace(" %", "").replace("%", "")
    if last in (".", "–", "/", "x", "-", ""):
        return None
    return float(last.replace(".", "").replace(",", ".").replace("−", "-"))


def _column(page, index: int) -> list[str]:
    return page.evaluate("(i) => [...document.querySelectorAll('table[data-sortierbar] tbody tr')]"
                         ".map(tr => tr.cells[i].textContent.trim())", index)


def _assert_ordered(values: list[str], ascending: bool) -> None:
    numbers = [_number(v) for v in values]
    present = [n for n in numbers if n is not None]
    assert numbers[:len(present)] == present, values  # missing values last
    assert present == sorted(present, reverse=not ascending), values


def test_sorting_understands_minus_signs_decimal_commas_arrows_and_missing_values(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(server + "veraenderungen/", wait_until="networkidle")
    head = page.locator("table[data-sortierbar] thead th")
    names = [head.nth(i).inner_text() for i in range(head.count())]
    col = next(i for i, n in enumerate(names) if n.startswith("Statusindex"))
    cells = _column(page, col)
    assert any("−" in c for c in cells) and any("," in c for c in cells) and all("→" in c for c in cells)
    # planted rows: thousands dots, a percent sign, each sign of a missing value
    page.evaluate("""(i) => { const body = document.querySelector('table[data-sortierbar] tbody');
      for (const v of ['1.234,50 → 1.234,50', '.', '–', '/', 'x', '0,5 → −12,5 %', '3 → 0,25']) {
        const tr = body.rows[0].cloneNode(true); tr.cells[i].textContent = v; tr.cells[i].removeAttribute('data-wert');
        body.appendChild(tr); } }""", col)
    button = page.locator("table[data-sortierbar] thead th").nth(col).get_by_role("button")
    label = button.inner_text().replace("⇅", "").replace("▲", "").replace("▼", "").strip()
    button.click()
    _assert_ordered(_column(page, col), ascending=True)
    caption = page.locator("table[data-sortierbar] caption").inner_text()
    assert f"sortiert nach „{label}“, aufsteigend" in caption, caption
    assert page.locator("table[data-sortierbar] thead th").nth(col).get_attribute("aria-sort") == "ascending"
    button.click()
    _assert_ordered(_column(page, col), ascending=False)
    assert f"sortiert nach „{label}“, absteigend" in page.locator("table[data-sortierbar] caption").inner_text()
    # the ranking of an indicator: starts descending, its caption follows a new order
    page.goto(server + "indikatoren/sgb2/", wait_until="networkidle")
    _assert_ordered(_column(page, 2), ascending=False)
    page.locator("table[data-sortierbar] thead th").nth(2).get_by_role("button").click()
    _assert_ordered(_column(page, 2), ascending=True)
    caption = page.locator("table[data-sortierbar] caption").inner_text()
    assert "aufsteigend" in caption and "absteigend" not in caption, caption
    ctx.close()


# -- names in tables: 9.1.4.10 (reflow without breaking words) --------------------------------------

# Each word of each name in a table (a cell whose content is a link to a quarter or district; a
# piece ends at a space or after a hyphen) must lie on one line.
BROKEN_WORDS = """() => { const broken = []; let words = 0;
  for (const cell of document.querySelectorAll('table.sb-tabelle tbody :is(td, th):has(> a)')) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        words++;
        if (lines.size > 1) broken.push(m[0]);
      } } }
  return {words, broken}; }"""


@pytest.mark.parametrize("width", [1280, 320])
def test_no_name_in_a_table_breaks_inside_a_word(server, browser, width):
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    found = {}
    for rel in ("veraenderungen/", "quartiere/", "indikatoren/sgb2/", "", "fokusquartiere/"):
        page.goto(server + rel, wait_until="load")
        result = page.evaluate(BROKEN_WORDS)
        assert result["words"] > 10, rel
        if result["broken"]:
            found[rel] = result["broken"]
    ctx.close()
    assert found == {}


# -- "Mein Quartier finden": 9.3.3.2 (instructions tied to their control) -----------------------------

def test_the_geolocation_hint_belongs_to_its_button_and_the_error_links_the_list(server, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, permissions=[])
    page = ctx.new_page()
    page.goto(server, wait_until="networkidle")
    button = page.get_by_role("button", name="Mein Quartier finden")
    hint = page.locator("#" + button.get_attribute("aria-describedby"))
    assert "Standort" in hint.inner_text() and hint.is_visible()
    page.evaluate("() => { navigator.geolocation.getCurrentPosition = (ok, fail) => "
                  "fail({code: 1, message: 'User denied Geolocation'}); }")  # as when permission is refused
    button.click()
    link = page.locator(".sb-finden-ergebnis a")
    link.wait_for(timeout=5_000)
    assert "Liste" in link.inner_text()
    link.click()
    page.wait_for_url("**/quartiere/")
    assert page.locator("table.sb-tabelle tbody tr").count() == 27
    ctx.close()
