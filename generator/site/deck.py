"""The interactive map: a pydeck Deck serialised with Deck.to_json() (never to_html, which loads
third-party hosts). Its data is a URL to a GeoJSON file of the site, so every page carries only a
few hundred bytes of spec; our own script reads it with the deck.gl bundle from the pydeck wheel.
"""

from __future__ import annotations

import functools
import json
import math

import numpy as np
import pydeck
from shapely.geometry import shape

from .maps import INVALID_COLOUR


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def deck_geojson(geometry: dict, props: dict[str, dict], fills: dict[str, str]) -> dict:
    """The map layer's data: geometry with display properties (name, classes, colour)."""
    feats = []
    for feat in geometry["features"]:
        qid = feat["properties"]["quartier_id"]
        p = {**props[qid], "farbe": _rgb(fills.get(qid, INVALID_COLOUR))}
        feats.append({"type": "Feature", "properties": p, "geometry": feat["geometry"]})
    return {"type": "FeatureCollection", "features": feats}


def view_state(geometry: dict) -> pydeck.ViewState:
    """Centre and zoom that show the whole city (computed once per site)."""
    bounds = np.array([shape(f["geometry"]).bounds for f in geometry["features"]])
    minx, miny = bounds[:, 0].min(), bounds[:, 1].min()
    maxx, maxy = bounds[:, 2].max(), bounds[:, 3].max()
    # deck.gl's world is 512 px wide at zoom 0; fit the city into about 560 × 360 px.
    lat = math.radians((miny + maxy) / 2)
    fit_x = 560 / ((maxx - minx) / 360 * 512)
    fit_y = 360 / ((maxy - miny) / 360 * 512 / math.cos(lat))
    zoom = max(1.0, math.log2(min(fit_x, fit_y)))
    return pydeck.ViewState(latitude=round((miny + maxy) / 2, 6), longitude=round((minx + maxx) / 2, 6),
                            zoom=round(zoom, 2), pitch=0, bearing=0)


_DATA, _FEATURE = "@@daten@@", {"type": "Feature", "properties": {}, "geometry": None}


@functools.lru_cache(maxsize=8)
def _template(view: pydeck.ViewState) -> str:
    """Deck.to_json() once per view, with placeholders for what differs between pages.

    pydeck builds a Deck in milliseconds but imports optional modules on every construction; at
    thousands of pages that was a third of the rendering time."""
    layers = [pydeck.Layer("GeoJsonLayer", _DATA, id="gebiete", pickable=True, stroked=True, filled=True,
                           get_fill_color="properties.farbe", get_line_color=[255, 255, 255, 255],
                           line_width_min_pixels=1),
              pydeck.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": [_FEATURE]},
                           id="auswahl", pickable=False, stroked=True, filled=False,
                           get_line_color=[26, 26, 26, 255], line_width_min_pixels=4)]
    deck = pydeck.Deck(layers=layers, map_provider=None, map_style=None, initial_view_state=view)
    return json.dumps(_nan_to_none(json.loads(deck.to_json())))  # json.loads reads NaN; JSON has no NaN


def deck_spec(view: pydeck.ViewState, data_url: str, highlight_feature: dict | None) -> str:
    """The interactive map's spec (from Deck.to_json()): the areas, one highlighted."""
    spec = json.loads(_template(view))
    layers = []
    for layer in spec["layers"]:
        if layer["id"] == "gebiete":
            layer["data"] = data_url
        elif highlight_feature is None:
            continue
        else:
            layer["data"]["features"] = [highlight_feature]
        layers.append(layer)
    spec["layers"] = layers
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)


def _nan_to_none(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_to_none(v) for v in value]
    return value


# "text", never "html": deck.gl fills the template with the data and sets innerText for "text" but
# innerHTML for "html" – a quarter name with markup would become markup.
TOOLTIP = {"text": "{name}\nStatus: {statusklasse}\nDynamik: {dynamikklasse}",
           "style": {"backgroundColor": "#1a1a1a", "color": "#ffffff", "fontSize": "14px"}}
