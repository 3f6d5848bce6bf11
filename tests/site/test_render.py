"""Site — templates are contracts: every one renders, nothing undefined, everything escaped."""

from __future__ import annotations

import dataclasses
import json
import re

import jinja2
import pytest

from generator import paths
from generator.build import build, public_address
from generator.index.edition import compute_all
from generator.site import urls, views
from generator.site.env import ENV
from generator.site import figures
from generator.site.maps import MapBase, trend_chart
from generator.site.pages import SitePages
from generator.language.compare import compare
from generator.language.numbers import de

EVIL = "<script>alert(1)</script>"


def test_every_template_is_rendered_by_a_build(oberhausen, tmp_path, monkeypatch):
    from generator.publish.package import build_packages
    from generator.publish.tables import published_all
    results = compute_all(oberhausen)
    address = public_address(oberhausen)
    tables = published_all(oberhausen, results)
    manifests = build_packages(oberhausen, results, tables, tmp_path / "daten", address)

    def pages(docs):
        return SitePages(views.SiteViews(oberhausen, results, tables, manifests, address), docs, tmp_path)
    renderer = pages(tmp_path / "docs")
    renderer.render_all()
    # a large city gets per-Bezirk section pages and locator maps instead of full lists
    monkeypatch.setattr(views, "LARGE_CITY", 10)
    large = pages(tmp_path / "docs-large")
    large.render_all()
    assert large.views.large and any("/bezirke/" in p for p in large.written)
    on_disk = {p.name for p in paths.TEMPLATES_DIR.glob("*.j2") if not p.name.startswith("_")}
    # the package README is rendered by every package build (publish/readme.py)
    assert on_disk - {"paket-readme.md.j2"} == renderer.templates_used | large.templates_used
    assert (tmp_path / "daten" / "2022" / "README.md").read_text(encoding="utf-8").startswith("# ")
    # 27 quarter pages for the latest edition and each frozen edition
    assert sum(1 for p in renderer.written if re.fullmatch(r"quartiere/[^/]+\.md", p) and not p.endswith("index.md")) == 27


def test_strict_undefined_fails_loudly():
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ nicht_da }}").render()


def test_autoescape_and_markdown_escaping():
    out = ENV.from_string("{{ x|md }}").render(x="<b>*fett*</b> | [a](b)")
    assert "<b>" not in out and "&lt;b&gt;" in out and "\\*fett\\*" in out and "\\|" in out and "\\[a\\]" in out


def test_relative_links():
    assert urls.relative("quartiere/x.md", "index.md") == "../../"
    assert urls.relative("index.md", "quartiere/index.md") == "quartiere/"
    assert urls.relative("berichte/2020/quartiere/x.md", "assets/a.js") == "../../../../assets/a.js"
    assert urls.relative("quartiere/index.md", "quartiere/index.md") == "./"


def test_german_wording():
    assert de(1234.56) == "1.234,6" and de(-0.5, 2) == "−0,50" and de(None) == "."  # the official sign for an unknown or secret number
    assert compare(30.0, 15.0) == "etwa doppelt so hoch wie in der Stadt"
    assert compare(15.2, 15.0) == "etwa so hoch wie in der Stadt"
    assert compare(5.0, 15.0) == "etwa ein Drittel so hoch wie in der Stadt"


def _map(oberhausen, titles: dict, label: str, links: dict | None = None) -> str:
    maps = MapBase(oberhausen.geometry)
    body, linked = maps.choropleth({}, titles, links, highlight="innenstadt")
    fig = figures.Figure("t/karte", "karte", label, label, label, *maps.size, body, linked if links else "")
    return figures.inline(fig, "karte")


def test_svg_map_has_text_alternative_and_escapes(oberhausen):
    svg = _map(oberhausen, {"innenstadt": EVIL}, f"Karte {EVIL}")
    assert 'role="img"' in svg and 'aria-label="Karte &lt;script&gt;' in svg
    assert EVIL not in svg and svg.count("<path") == 27  # each area's geometry once, used by fill, border, outline
    linked = _map(oberhausen, {"innenstadt": EVIL}, "Karte", {"innenstadt": "../x/"})
    assert 'role="group"' in linked and linked.count("<a ") == 1 and EVIL not in linked
    assert trend_chart([2020, 2021], [("a", [1.0, 2.0])], "%", 2021).startswith("<text")


def test_a_script_in_a_name_stays_text_everywhere(oberhausen, tmp_path):
    """Validation refuses markup in names; if one got through anyway, every page still shows text."""
    quarters = oberhausen.quarters.copy()
    quarters.loc["innenstadt", "name"] = EVIL
    data = dataclasses.replace(oberhausen, quarters=quarters)
    site = tmp_path / "site"
    build("oberhausen", site, docs_dir=None, data=data)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert EVIL not in html, page
        assert "<script>alert" not in html, page
    profile = (site / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in profile
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d for d in index["docs"] if d["location"].startswith("quartiere/innenstadt/")]
    assert titles and all(EVIL not in d["text"] and EVIL not in d["title"] for d in index["docs"])
    assert any("alert(1)" in d["title"] for d in titles)  # shown, as text
    deck = json.loads((site / "assets" / "karten" / "2022.geojson").read_text(encoding="utf-8"))
    assert any(f["properties"]["name"] == EVIL for f in deck["features"])  # data; the browser test shows it as text
    tooltip = json.loads(profile.split('data-tooltip="', 1)[1].split('"', 1)[0].replace("&#34;", '"').replace("&quot;", '"'))
    assert "html" not in tooltip and "{name}" in tooltip["text"]  # deck.gl sets innerText for "text"


QUOTE = 'x" onload="alert(1)" data-y="'


def test_attribute_values_are_escaped_with_quotes(oberhausen, tmp_path):
    """Every attribute we write ourselves survives a value with quotes: parsed as XML, it comes back whole."""
    import xml.etree.ElementTree as ET
    from generator.site.forward import forward
    svg = _map(oberhausen, {"innenstadt": QUOTE}, QUOTE, {"innenstadt": QUOTE})
    root = ET.fromstring(svg)
    assert root.get("aria-label").startswith(QUOTE) and root.get("onload") is None
    assert not [e for e in root.iter() if e.get("onload") is not None]
    link = next(e for e in root.iter("{http://www.w3.org/2000/svg}a"))
    assert link.get("aria-label") == QUOTE and link.get("{http://www.w3.org/1999/xlink}href") == QUOTE
    fig = figures.Figure("t/x", "verlauf", QUOTE, QUOTE, QUOTE, 360, 190, "")
    alone = ET.fromstring(figures.standalone(fig, [QUOTE]).split("\n", 1)[1])
    assert alone.find("{http://www.w3.org/2000/svg}desc").text == QUOTE and alone.get("onload") is None
    embed = figures.embed_html(fig, [QUOTE], QUOTE, QUOTE, "")
    assert 'onload="alert' not in embed and "&quot;" in embed
    forward(tmp_path, "x/y.md", "index.md", QUOTE, oberhausen.city)
    html = (tmp_path / "x" / "y" / "index.html").read_text(encoding="utf-8")
    assert 'onload="alert' not in html and "&quot;" in html
