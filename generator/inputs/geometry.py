"""The quarters' GeoJSON: one readable, valid polygon per quarter, in WGS84, inside the city."""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from .. import paths
from ..errors import Problem

_EXPORT = "Exportieren Sie die Quartiere in QGIS erneut als GeoJSON (EPSG:4326), eine Fläche je Quartier."


def _shape(geometry: Any):
    """A shapely geometry, or None for anything that is not a readable GeoJSON geometry."""
    if not isinstance(geometry, dict) or not isinstance(geometry.get("coordinates"), list):
        return None
    try:
        geom = shape(geometry)
        geom.is_valid  # forces GEOS to read every ring; raises on rings of one or two points
        return geom
    except Exception:  # shapely raises many types (ValueError, TypeError, GEOSException) for malformed input
        return None


_GEOS_REASONS = {  # GEOS speaks English; a user reads German
    "Ring Self-intersection": "ein Ring überschneidet sich selbst",
    "Self-intersection": "die Fläche überschneidet sich selbst",
    "Too few points": "zu wenige Punkte",
    "Hole lies outside shell": "ein Loch liegt außerhalb der Fläche",
    "Nested shells": "Flächen liegen ineinander",
    "Interior is disconnected": "das Innere ist zerteilt",
    "Duplicate Rings": "doppelte Ringe",
    "Invalid Coordinate": "ungültige Koordinate",
    "Nested holes": "Löcher liegen ineinander",
    "Ring is not closed": "ein Ring ist nicht geschlossen",
}


def _invalid_reason(geom) -> str:
    text = explain_validity(geom)
    reason, _, where = text.partition("[")
    words = _GEOS_REASONS.get(reason.strip(), "die Ringe sind nicht gültig")
    return f"{words} bei {where.rstrip(']')}" if where else words


def outline_shape(raw_outline: Any, problems: list[Problem]):
    """The city boundary as one shape (None if there is none or it cannot be read)."""
    if not isinstance(raw_outline, dict):
        return None
    try:
        shapes = [_shape(f.get("geometry")) for f in raw_outline["features"]]
        if not shapes or any(s is None for s in shapes):
            raise ValueError("unlesbare Fläche")
        return shapely.union_all(shapes)
    except Exception:  # shapely and the GeoJSON structure raise many types for malformed input
        problems.append(Problem(paths.OUTLINE, "Die Stadtgrenze ist keine lesbare GeoJSON-Fläche.",
                                "Exportieren Sie die Stadtgrenze in QGIS erneut als GeoJSON (EPSG:4326).",
                                code="outline-unreadable"))
        return None


def check_geometry(raw_geo: Any, quarter_ids: list[str], outline_geom, problems: list[Problem]) -> dict | None:
    file = paths.GEOMETRY
    if not isinstance(raw_geo, dict) or raw_geo.get("type") != "FeatureCollection" or not isinstance(raw_geo.get("features"), list):
        problems.append(Problem(file, "Die Datei ist keine GeoJSON-FeatureCollection.",
                                "Exportieren Sie die Quartiere in QGIS als GeoJSON (EPSG:4326).",
                                code="geometry-not-collection"))
        return None
    by_id: dict[str, dict] = {}
    before = len(problems)
    for n, feat in enumerate(raw_geo["features"], start=1):
        if not isinstance(feat, dict):
            problems.append(Problem(file, f"Feature {n} ist kein GeoJSON-Feature.", _EXPORT, code="geometry-not-feature"))
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        qid = props.get("quartier_id")
        where = f"Feature {n}" + (f" (quartier_id {str(qid)[:40]})" if qid not in (None, "") else "")
        if qid is None or qid == "":
            problems.append(Problem(file, f"{where} hat keine Eigenschaft „quartier_id“.",
                                    "Jedes Feature braucht properties.quartier_id wie in quartiere.csv.",
                                    field="quartier_id", code="geometry-no-id"))
            continue
        if isinstance(qid, (dict, list, bool, float)):
            problems.append(Problem(file, f"Feature {n}: die quartier_id ist keine Kennung.",
                                    "Schreiben Sie die Kennung wie in quartiere.csv, als Text.", field="quartier_id",
                                    code="geometry-bad-id"))
            continue
        qid = str(qid)
        if qid in by_id:
            problems.append(Problem(file, f"{where}: die quartier_id kommt mehrfach vor.",
                                    "Fassen Sie die Teilflächen zu einem MultiPolygon zusammen.", field="quartier_id",
                                    code="geometry-duplicate-id"))
            continue
        geom = _shape(feat.get("geometry"))
        if geom is None:
            problems.append(Problem(file, f"{where}: die Geometrie fehlt oder ist nicht lesbar (erwartet: "
                                          "„type“ Polygon oder MultiPolygon mit „coordinates“).", _EXPORT,
                                    field="geometry", code="geometry-unreadable"))
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            problems.append(Problem(file, f"{where}: erwartet wird eine Fläche (Polygon), gefunden {geom.geom_type}.",
                                    _EXPORT, field="geometry", code="geometry-not-polygon"))
            continue
        minx, miny, maxx, maxy = geom.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            problems.append(Problem(file, f"{where}: Koordinaten außerhalb von WGS84 (z. B. {minx:.0f}, {miny:.0f}).",
                                    "Die Geometrie muss in EPSG:4326 (Längen-/Breitengrad) vorliegen; in QGIS beim "
                                    "Export das KBS EPSG:4326 wählen.", field="geometry", code="geometry-not-wgs84"))
            continue
        if not geom.is_valid:
            problems.append(Problem(file, f"{where}: die Geometrie ist ungültig ({_invalid_reason(geom)}).",
                                    "In QGIS: Verarbeitung → „Geometrien reparieren“, dann erneut exportieren.",
                                    field="geometry", code="geometry-invalid"))
            continue
        if outline_geom is not None and not outline_geom.buffer(0.002).contains(geom):
            problems.append(Problem(file, f"{where}: die Fläche liegt (teilweise) außerhalb der Stadtgrenze.",
                                    "Prüfen Sie Koordinatensystem und Lage des Quartiers.", field="geometry",
                                    code="geometry-outside"))
            continue
        by_id[qid] = {"type": "Feature", "properties": {"quartier_id": qid}, "geometry": feat["geometry"]}
    for qid in quarter_ids:
        if qid not in by_id and len(problems) == before:
            problems.append(Problem(file, f"Für das Quartier „{qid}“ gibt es keine Geometrie.",
                                    "Ergänzen Sie ein Feature mit properties.quartier_id = " + qid + ".",
                                    field="quartier_id", code="geometry-missing-for-quarter"))
    for qid in by_id:
        if qid not in quarter_ids:
            problems.append(Problem(file, f"Die Geometrie „{qid}“ gehört zu keinem Quartier in quartiere.csv.",
                                    "Löschen Sie das Feature oder ergänzen Sie das Quartier.", field="quartier_id",
                                    code="geometry-unknown-quarter"))
    if len(problems) > before:
        return None
    return {"type": "FeatureCollection", "features": [by_id[q] for q in quarter_ids]}
