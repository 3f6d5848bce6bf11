"""Every path the project knows. Imports nothing of ours, so any module may use it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
TEMPLATES_DIR = ROOT / "site_templates"
ASSETS_DIR = TEMPLATES_DIR / "assets"
BASE_MKDOCS = ROOT / "mkdocs.yml"
DOCS_DIR = ROOT / "docs"
SITE_DIR = ROOT / "site"
SHARED_DIR = ROOT.parent / "shared"

DEFAULT_CITY = "oberhausen"

# Input files of one city, relative to data/<city>/.
CITY_CONFIG = "stadt.yaml"
QUARTERS = "quartiere.csv"
RESIDENTS = "einwohner.csv"
INDICATORS = "indikatoren.csv"
VALUES = "werte.csv"
CHANGES = "veraenderungen.csv"  # optional: ready-made changes (e.g. Berlin MSS)
GEOMETRY = "quartiere.geojson"
OUTLINE = "stadtgrenze.geojson"
EDITIONS = "editionen"
INPUT_PACKAGE = "datapackage.json"

# Where a built site keeps things (relative to the docs/site root).
DATA_URL = "daten"
QUARTERS_URL = "quartiere"
INDICATORS_URL = "indikatoren"
EDITIONS_URL = "berichte"
FIGURES_URL = "grafiken"  # standalone figures (SVG)
EMBED_URL = "einbetten"  # embed pages of the figures
SIGN_MEDIA_URL = "gebaerdensprache/medien"  # videos in Deutscher Gebärdensprache, their captions and stills
VENDOR_DECK = "assets/vendor/deckgl/deckgl-jupyter-widget.js"


def fingerprint_file(site_dir: Path) -> Path:
    """What the last build of ``site_dir`` was made from; beside the site, never published."""
    return site_dir.parent / f".{site_dir.name}.fingerprint.json"


def city_dir(city: str, data_dir: Path | None = None) -> Path:
    return (data_dir or DATA_DIR) / city


def pydeck_bundle() -> Path:
    """The deck.gl bundle that ships inside the pydeck wheel."""
    import pydeck  # third-party, not ours

    return Path(pydeck.__file__).parent / "nbextension" / "static" / "index.js"
