"""The site where it is deployed: served under a sub-path, as GitHub Pages serves a project site
(`https://<owner>.github.io/<repo>/`), every link of every file leads somewhere.

A static link checker reads every file of the built site (pages, embed pages, forwarding pages,
standalone SVGs, CSS, the search index, the sitemaps, the data packages' datapackage.json, README
and catalogue) and resolves each URL the way a browser does against the file's own address under
the site's path prefix. A path that climbs above the site root is broken even though a browser at
the server root would clamp it – that is how `einbetten/2017/karte-fokus/` came to load
`../../../../grafiken/2017/karte-fokus.svg`. Anchors must exist on their target page.

A browser check then serves the built site under its prefix (a server that knows nothing outside
it) and loads a sample: no request may fail, and every image, figure, script and download the
sample links to must answer 200.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

# --- the checker ------------------------------------------------------------------------------

URL_ATTRS = {"href", "src", "xlink:href", "poster", "action", "data", "formaction", "cite", "background"}
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:", "about:")
LOOKS_LIKE_PATH = re.compile(r"^(?:\.{1,2}/|/)?[\w%.~-]+(?:/[\w%.~-]*)*/?(?:#[\w%.~-]*)?$")
HAS_EXTENSION = re.compile(r"\.[a-z][a-z0-9]{1,7}(?:#.*)?$", re.I)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<(https?://[^>\s]+)>")
ABSOLUTE = re.compile(r"https?://[^\s\"'<>)\]}]+")


def _path_like(value: str) -> bool:
    """A data-* value (or a string inside its JSON) our script would treat as an address."""
    value = value.strip()
    if not value or value.startswith("#") or " " in value:
        return False
    if value.startswith(("http://", "https://")):
        return True
    return bool(LOOKS_LIKE_PATH.match(value)) and ("/" in value or bool(HAS_EXTENSION.search(value)))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


class _Collector(HTMLParser):
    """Every URL of an HTML or SVG file, with what it is (element/attribute), and every id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.base: str | None = None
        self.config: str | None = None
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("id", "name"):
            if a.get(name) and (name == "id" or tag == "a"):
                self.ids.add(a[name])
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRS and (name != "data" or tag == "object"):
                self.urls.append((f"{tag}@{name}", value))
            elif name in ("srcset", "imagesrcset"):
                for part in value.split(","):
                    if part.strip():
                        self.urls.append((f"{tag}@{name}", part.split()[0]))
            elif name == "style":
                self.urls += [(f"{tag}@style", m.group(2) or m.group(4)) for m in CSS_URL.finditer(value)]
            elif name == "content" and tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
                m = re.search(r"url\s*=\s*['\"]?([^'\"\s]+)", value, re.I)
                if m:
                    self.urls.append(("meta@refresh", m.group(1)))
            elif name.startswith("data-") and not name.startswith("data-md-"):
                try:
                    parsed = json.loads(value)
                except ValueError:
                    parsed = value
                for s in _strings(parsed) if not isinstance(parsed, str) else [parsed]:
                    if _path_like(s):
                        self.urls.append((f"{tag}@{name}", s))
        if tag == "style" or (tag == "script" and a.get("id") == "__config"):
            self._in, self._text = ("style" if tag == "style" else "config"), []

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._in and tag in ("style", "script"):
            text = "".join(self._text)
            if self._in == "style":
                self.urls += [("style@url", m.group(2) or m.group(4)) for m in CSS_URL.finditer(text)]
            else:  # Material's configuration: the site root and the search worker, relative to the page
                cfg = json.loads(text)
                self.urls += [("config@base", cfg["base"].rstrip("/") + "/"), ("config@search", cfg["search"])]
            self._in = None


@cache
def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    c.close()
    return c


@dataclass
class Broken:
    file: str
    where: str
    url: str
    why: str


@dataclass
class LinkReport:
    files: Counter = field(default_factory=Counter)  # files read, by kind
    checked: Counter = field(default_factory=Counter)  # links checked, by kind of the file they are in
    relative: int = 0
    external: int = 0
    broken: list[Broken] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.checked.values())

    def broken_by(self, key) -> Counter:
        return Counter(key(b) for b in self.broken)


def source_kind(rel: str, path: Path) -> str:
    if rel.startswith("einbetten/"):
        return "embed page"
    if rel.endswith(".html"):
        return "forwarding page" if is_forwarding(path) else "page"
    if rel.endswith(".svg"):
        return "standalone SVG"
    if rel.endswith(".css"):
        return "CSS"
    if rel == "search/search_index.json":
        return "search index"
    if rel.startswith("sitemap.xml"):
        return "sitemap"
    if rel.endswith("datapackage.json"):
        return "datapackage.json"
    if rel.endswith(".md"):
        return "package README"
    return "other"


class LinkChecker:
    """Resolves URLs as a browser does for a site served at ``site_url`` (a path below the host)."""

    def __init__(self, site: Path, site_url: str):
        self.site = site
        self.url = site_url if site_url.endswith("/") else site_url + "/"
        u = urlparse(self.url)
        self.host, self.prefix = u.netloc, u.path
        self.report = LinkReport()

    def address(self, rel: str) -> str:
        """The URL a file is served at (an index.html at its folder's address)."""
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.url + rel

    def check(self, rel: str, kind: str, where: str, url: str, base: str) -> None:
        url = url.strip()
        if not url or url.lower().startswith(SKIP_SCHEMES):
            return
        p = urlparse(url)
        if p.scheme and p.scheme not in ("http", "https"):
            return
        if p.netloc and p.netloc != self.host:
            self.report.external += 1
            return
        if not p.scheme and not p.netloc and not url.startswith("/"):
            self.report.relative += 1
        self.report.checked[kind] += 1
        why = self.resolve(urljoin(base, url), allow_folder=kind in ("datapackage.json",) and where == "homepage")
        if why:
            self.report.broken.append(Broken(rel, where, url, why))

    def resolve(self, absolute: str, allow_folder: bool = False) -> str:
        """Why ``absolute`` does not lead to a file of the site ("" if it does)."""
        p = urlparse(absolute)
        path = unquote(p.path)
        if not (path + "/").startswith(self.prefix):
            return f"outside the site root ({path})"
        local = path[len(self.prefix):]
        target = self.site / local
        if local.endswith("/") and not target.is_dir():
            return "missing folder"
        if local == "" or local.endswith("/") or target.is_dir():
            if not (target / "index.html").is_file():
                return "folder without index.html"
            target = target / "index.html"
        elif not target.is_file():
            return "missing file"
        if p.fragment and target.suffix in (".html", ".svg"):
            if unquote(p.fragment) not in _parse(target).ids:
                return f"anchor #{p.fragment} missing"
        return ""

    def run(self) -> LinkReport:
        for path in sorted(self.site.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(self.site).as_posix()
            kind = source_kind(rel, path)
            self.report.files[kind] += 1
            here = self.address(rel)
            suffix = path.suffix
            if suffix in (".html", ".svg"):
                doc = _parse(path)
                base = urljoin(here, doc.base) if doc.base else here
                if rel == "404.html":  # served at any missing address: only site-absolute links work
                    base = self.url + "gibt/es/nicht/"
                for where, url in doc.urls:
                    self.check(rel, kind, where, url, base)
            elif suffix == ".css":
                for m in CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                    self.check(rel, kind, "url()", m.group(2) or m.group(4), here)
            elif rel == "search/search_index.json":
                for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                    self.check(rel, kind, "location", doc["location"] or "./", self.url)
            elif rel in ("sitemap.xml", "sitemap.xml.gz"):
                text = (gzip.decompress(path.read_bytes()) if suffix == ".gz" else path.read_bytes()).decode()
                for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text):
                    self.check(rel, kind, "loc", loc, here)
            elif path.name == "datapackage.json":
                pkg = json.loads(path.read_text(encoding="utf-8"))
                for res in pkg.get("resources", []):
                    for p in [res["path"]] if isinstance(res["path"], str) else res["path"]:
                        self.check(rel, kind, f"resource {res.get('name')}", p, here)
                    schema = res.get("schema")
                    if isinstance(schema, str):
                        self.check(rel, kind, f"schema {res.get('name')}", schema, here)
                self._absolute(rel, kind, path.read_text(encoding="utf-8"), here, known={"homepage": pkg.get("homepage")})
            elif suffix == ".md":
                text = path.read_text(encoding="utf-8")
                for m in MD_LINK.finditer(text):
                    if m.group(1):
                        self.check(rel, kind, "markdown link", m.group(1), here)
                self._absolute(rel, kind, MD_LINK.sub("", text), here)
            elif suffix in (".json", ".jsonld", ".cff", ".geojson", ".xml"):
                self._absolute(rel, kind, path.read_text(encoding="utf-8", errors="replace"), here)
        return self.report

    def _absolute(self, rel: str, kind: str, text: str, base: str, known: dict | None = None) -> None:
        """Addresses of this site spelt out in full (citations, catalogues, package homepages)."""
        names = {v: k for k, v in (known or {}).items() if v}
        for url in ABSOLUTE.findall(text):
            url = url.rstrip(".,;")
            if urlparse(url).netloc == self.host:
                self.check(rel, kind, names.get(url, "absolute"), url, base)


def check_site(site: Path, site_url: str) -> LinkReport:
    _parse.cache_clear()
    return LinkChecker(site, site_url).run()


def summary(report: LinkReport, limit: int = 12) -> str:
    by_kind = report.broken_by(lambda b: f"{source_kind(b.file, Path('/nonexistent'))}: {b.why.split(' (')[0]}")
    lines = [f"{len(report.broken)} of {report.total} links broken: {dict(by_kind)}"]
    lines += [f"  {b.file} [{b.where}] {b.url} → {b.why}" for b in report.broken[:limit]]
    return "\n".join(lines)


# --- the checker itself: it finds each defect it exists for ----------------------------------

def _mini_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(body, encoding="utf-8")
    return root


MINI_URL = "https://example.org/projekt/"
GOOD = {
    "index.html": '<a href="a/">A</a><a href="a/#teil">Teil</a><img src="grafiken/k.svg"><a id="oben"></a>',
    "a/index.html": '<h2 id="teil">x</h2><a href="../">Start</a><a href="../#oben">oben</a>'
                    '<div data-bundle="../assets/x.js" data-seiten=\'{"q": "../a/"}\'></div>',
    "grafiken/k.svg": '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="../a/">A</a></svg>',
    "assets/x.js": "",
    "assets/s.css": "body{background:url(../grafiken/k.svg)}",
}


def test_checker_passes_a_sound_site_and_counts_every_link(tmp_path):
    report = check_site(_mini_site(tmp_path, GOOD), MINI_URL)
    assert report.broken == []
    assert report.total == 9
    assert report.checked == {"page": 7, "standalone SVG": 1, "CSS": 1}


@pytest.mark.parametrize("defect, page, why", [
    ("climbs-above-the-site-root", '<img src="../../grafiken/k.svg">', "outside the site root"),
    ("md-file-turned-into-a-folder", '<a href="../assets/README/">Lies mich</a>', "missing folder"),
    ("file-missing", '<a href="../assets/README.md">Lies mich</a>', "missing file"),
    ("folder-without-index", '<a href="../grafiken/">Grafiken</a>', "folder without index.html"),
    ("anchor-missing", '<a href="../#gibt-es-nicht">x</a>', "anchor #gibt-es-nicht missing"),
    ("data-attribute-to-nowhere", '<div data-deck=\'{"layers": [{"data": "../karten/2099.geojson"}]}\'></div>',
     "missing file"),
    ("forwarding-to-nowhere", '<meta http-equiv="refresh" content="0; url=../c/">', "missing folder"),
    ("search-worker-missing", '<script id="__config">{"base": "..", "search": "../w.js"}</script>', "missing file"),
])
def test_checker_finds_each_defect(tmp_path, defect, page, why):
    # "b/index.html" is served at /projekt/b/: one level up is the site root, two are outside it
    report = check_site(_mini_site(tmp_path, {**GOOD, "b/index.html": page}), MINI_URL)
    assert [(b.file, b.why.split(" (")[0]) for b in report.broken] == [("b/index.html", why)], defect


def test_checker_clamps_nothing_a_root_served_site_would_hide(tmp_path):
    """Served at the server root, ../../../grafiken/k.svg from /a/x/ lands on /grafiken/k.svg and works."""
    site = _mini_site(tmp_path, {**GOOD, "a/x/index.html": '<img src="../../../grafiken/k.svg">'})
    assert check_site(site, "https://example.org/").broken == []
    assert [b.why for b in check_site(site, MINI_URL).broken] == ["outside the site root (/grafiken/k.svg)"]


# --- the built site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site_url(oberhausen) -> str:
    return oberhausen.city.homepage


@pytest.fixture(scope="module")
def link_report(built_site, site_url) -> LinkReport:
    assert urlparse(site_url).path.strip("/"), "the demonstration site must live under a sub-path"
    return check_site(built_site, site_url)


def test_every_link_of_the_built_site_resolves_under_its_sub_path(link_report):
    assert link_report.broken == [], summary(link_report)


def test_the_link_checker_saw_every_kind_of_file(link_report, built_site):
    """Every kind of file was read and its links checked – a checker that read nothing would pass the
    test above. (The standalone SVGs and the style sheets have no links to other files today.)"""
    assert {"standalone SVG", "CSS"} <= {k for k, n in link_report.files.items() if n > 0}, link_report.files
    kinds = {"page", "embed page", "forwarding page", "search index", "sitemap", "datapackage.json", "package README"}
    assert kinds <= {k for k, n in link_report.checked.items() if n > 0}, link_report.checked
    assert link_report.files["standalone SVG"] == len(list((built_site / "grafiken").rglob("*.svg")))
    embeds = list((built_site / "einbetten").rglob("index.html"))
    assert embeds and link_report.checked["embed page"] >= 2 * len(embeds)  # its figure and its back link
    assert link_report.checked["search index"] == len(
        json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])
    print(f"\n{link_report.total} links checked ({link_report.relative} relative, "
          f"{link_report.external} external not followed): {dict(link_report.checked)}")


# --- a browser, under the sub-path ------------------------------------------------------------

def is_forwarding(page: Path) -> bool:
    return b'http-equiv="refresh"' in page.read_bytes()[:600]


def _sample(site: Path) -> list[str]:
    """Start, a quarter page, an indicator page, the Daten page, three embed pages (the 2017 Fokus
    map and the Innenstadt SGB II series, both 404 under a sub-path before, and a quarter's
    location map) and a forwarding page."""
    def first(pattern: str, test=lambda p: True) -> str:
        found = sorted(p for p in site.glob(pattern) if test(p))
        assert found, pattern
        return found[0].relative_to(site).as_posix().removesuffix("index.html")

    forwarding = is_forwarding
    return ["", first("quartiere/*/index.html", lambda p: not forwarding(p) and p.parent.name != "bezirke"),
            first("indikatoren/*/index.html"), first("daten/index.html"), first("einbetten/2017/karte-fokus/index.html"),
            first("einbetten/*/verlauf/innenstadt/sgb2/index.html"), first("einbetten/*/lage/*/index.html"),
            first("berichte/*/quartiere/*/index.html", forwarding)]


@pytest.mark.browser
def test_a_sample_of_pages_loads_completely_under_the_sub_path(built_site, site_url):
    from playwright.sync_api import sync_playwright

    from generator.tools.serve import launch, serve

    prefix = urlparse(site_url).path
    sample = _sample(built_site)
    failures: list[str] = []
    fetched: dict[str, int] = {}
    with serve(built_site, prefix) as base, sync_playwright() as pw:
        browser = launch(pw)
        ctx = browser.new_context()
        page = ctx.new_page()
        bad: list[str] = []
        page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
        for rel in sample:
            bad.clear()
            response = page.goto(base + rel, wait_until="load")
            assert response is not None and response.ok, (rel, response and response.status)
            if is_forwarding(built_site / rel / "index.html"):  # it must arrive somewhere that exists
                page.wait_for_url(lambda u: u != base + rel)
                page.wait_for_load_state("load")
                assert page.url.startswith(base) and page.title(), (rel, page.url)
            page.wait_for_load_state("networkidle")
            failures += [f"{rel}: {b}" for b in bad]
            links = page.evaluate("""() => [
                ...[...document.querySelectorAll('img[src], script[src], iframe[src], link[href]')]
                    .map(e => e.src || e.href),
                ...[...document.querySelectorAll('a[href]')].map(a => typeof a.href === 'string' ? a.href
                    : new URL(a.href.baseVal, document.baseURI).href),
                ...[...document.querySelectorAll('[data-bundle], [data-finden]')]
                    .map(e => new URL(e.dataset.bundle || e.dataset.finden, document.baseURI).href),
            ].map(u => u.split('#')[0])""")
            if rel.startswith("einbetten/"):
                assert any(u.endswith(".svg") for u in links), f"{rel}: no figure"
            for url in links:
                if urlparse(url).netloc != urlparse(base).netloc:
                    continue
                if url not in fetched:
                    fetched[url] = ctx.request.get(url).status
                if fetched[url] != 200:
                    failures.append(f"{rel}: {fetched[url]} {url}")
        ctx.close()
        browser.close()
    assert len(fetched) >= 4 * len(sample)
    assert failures == [], "\n".join(failures[:20])
