"""Files the pages load: our CSS/JS, the vendored deck.gl bundle and the interactive map's data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .. import paths
from ..model.outputs import write_text
from ..model.records import CityData, PublishedTables
from . import urls
from .deck import deck_geojson
from .maps import INVALID_COLOUR, STATUS_COLOURS
from .views import value


def write_map_data(data: CityData, tables: dict[int, PublishedTables], docs: Path) -> None:
    """Per edition one GeoJSON for the interactive map (cached by the browser across pages)."""
    for year, t in tables.items():
        idx = t.indices.set_index("quartier_id")
        props = {q: {"quartier_id": q, "name": str(data.quarters.at[q, "name"]), "statusklasse": value(idx.at[q, "statuslabel"]) or "keine",
                     "dynamikklasse": value(idx.at[q, "dynamiklabel"]) or "keine"} for q in data.quarters.index}
        fills = {q: STATUS_COLOURS.get(value(idx.at[q, "statuslabel"]) or "", INVALID_COLOUR) for q in data.quarters.index}
        write_text(docs, urls.map_data(year), json.dumps(deck_geojson(data.geometry, props, fills),
                                                         ensure_ascii=False, separators=(",", ":")))


def copy_assets(docs: Path, static: Path) -> None:
    """Our CSS/JS into the docs; the deck.gl bundle from the pydeck wheel (no CDN) straight into the
    finished files, since MkDocs has nothing to do with it."""
    shutil.copytree(paths.ASSETS_DIR, docs / "assets", dirs_exist_ok=True)
    vendor = static / urls.VENDOR_DECK
    vendor.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.pydeck_bundle(), vendor)
