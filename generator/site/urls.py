"""Every address of the site, in one place.

Pages are named by their docs-relative Markdown path ("quartiere/innenstadt.md"); MkDocs turns
them into directory URLs ("quartiere/innenstadt/"). Templates never spell a path: views hand them
targets from here, and the per-page helpers u() (Markdown links) and h() (raw-HTML links) make
them relative, so the site works from any folder and under any base URL.
"""

from __future__ import annotations

import functools
import posixpath

from .. import paths

START = "index.md"
QUARTERS = f"{paths.QUARTERS_URL}/index.md"
FOCUS = "fokusquartiere/index.md"
CHANGES = "veraenderungen/index.md"
INDICATORS = f"{paths.INDICATORS_URL}/index.md"
METHOD = "methodik.md"
DATA = "daten.md"
EDITIONS = f"{paths.EDITIONS_URL}/index.md"
ACCESSIBILITY = "barrierefreiheit.md"
EASY_LANGUAGE = "leichte-sprache.md"
SIGN_LANGUAGE = "gebaerdensprache.md"
IMPRINT = "impressum.md"
PRIVACY = "datenschutz.md"
VENDOR_DECK = paths.VENDOR_DECK
CATALOGUE = f"{paths.DATA_URL}/dcat.jsonld"


def edition_prefix(year: int) -> str:
    """Where the frozen pages of an edition live."""
    return f"{paths.EDITIONS_URL}/{year}/"


def quarter(qid: str, prefix: str = "") -> str:
    return f"{prefix}{paths.QUARTERS_URL}/{qid}.md"


def quarters(prefix: str = "") -> str:
    return prefix + QUARTERS


def start(prefix: str = "") -> str:
    return prefix + START


def district(slug: str, prefix: str = "") -> str:
    return f"{prefix}{paths.QUARTERS_URL}/bezirke/{slug}.md"


def indicator(k: str) -> str:
    return f"{paths.INDICATORS_URL}/{k}.md"


def package_file(year: int, rel: str = "") -> str:
    return f"{paths.DATA_URL}/{year}/{rel}"


def quarter_csv(year: int, qid: str) -> str:
    return package_file(year, f"quartiere/{qid}.csv")


def figure_folder(year: int) -> str:
    """The standalone figures of one edition (named in the package README)."""
    return f"{paths.FIGURES_URL}/{year}/"


def figure_file(slug: str) -> str:
    """A standalone figure to download (SVG)."""
    return f"{paths.FIGURES_URL}/{slug}.svg"


def embed_page(slug: str) -> str:
    """The small page an <iframe> shows a figure with (a file of its own, outside MkDocs)."""
    return f"{paths.EMBED_URL}/{slug}/index.html"


def sign_media(rel: str) -> str:
    """A video, caption file or still image of the sign-language page (rel: its path in the city folder)."""
    return f"{paths.SIGN_MEDIA_URL}/{rel}"


def map_data(year: int) -> str:
    """Per edition one GeoJSON for the interactive map (cached by the browser across pages)."""
    return f"assets/karten/{year}.geojson"


def is_page(path: str) -> bool:
    """A Markdown page MkDocs turns into a directory URL. The data packages' files (README.md
    among them) bypass MkDocs and keep their names: they are files to open or download."""
    return path.endswith(".md") and not path.startswith(f"{paths.DATA_URL}/")


def page_url(page: str) -> str:
    """docs-relative Markdown path → directory URL ("quartiere/x.md" → "quartiere/x/"); a finished
    page's file → its directory ("einbetten/2022/karte/index.html" → "einbetten/2022/karte/")."""
    if page == "index.html" or page.endswith("/index.html"):
        return page[: -len("index.html")]
    if not is_page(page):
        return page
    stem = page[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for two paths below the site's root (no "..", no leading "/"), without asking
    the file system for the working directory on every call (a build makes 40,000 links)."""
    t = [p for p in target.split("/") if p and p != "."]
    b = [p for p in base.split("/") if p and p != "."]
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(b) - common) + t[common:]) or "."


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to: str) -> str:
    """A relative link from one page to another page or file of the site (for raw HTML)."""
    base = page_url(from_page)
    target = page_url(to)
    rel = _relpath(target, base)
    if is_page(to) and rel != ".":
        rel += "/"
    return "./" if rel == "." else rel


@functools.lru_cache(maxsize=65536)
def markdown_link(from_page: str, to: str) -> str:
    """A Markdown link relative to the source file (MkDocs checks and rewrites it)."""
    return _relpath(to, posixpath.dirname(from_page))
