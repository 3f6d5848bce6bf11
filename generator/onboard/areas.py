"""Area files as offices have them: GeoJSON exports, often in ETRS89/UTM, with their own id and name
fields. Read, reprojected to WGS84 and normalised (RFC 7946: right-hand rule, 6 decimals)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from ..errors import InputError, Problem
from ..model.fields import ID_PATTERN

# Projected coordinate systems German cities use, and the guesses for the id, name and district fields.
KNOWN_CRS = {"25832": "ETRS89 / UTM Zone 32N", "25833": "ETRS89 / UTM Zone 33N", "31466": "DHDN / Gauß-Krüger Zone 2",
             "31467": "DHDN / Gauß-Krüger Zone 3", "4326": "WGS84", "4258": "ETRS89 (geografisch)", "3857": "Web Mercator"}
GEOGRAPHIC = ("4326", "4258", "4230", "4314")  # degrees: WGS84, ETRS89, ED50, DHDN
ID_FIELDS = ("quartier_id", "id", "ID", "schluessel", "Schluessel", "kennung", "Kennung", "nr", "NR", "Nummer", "PLR_ID",
             "code", "CODE")
NAME_FIELDS = ("name", "Name", "NAME", "bezeichnung", "Bezeichnung", "quartier", "Quartier", "PLR_NAME", "gebiet")
DISTRICT_FIELDS = ("stadtbezirk", "Stadtbezirk", "bezirk", "Bezirk", "BEZ_NAME", "STB_NAME")


@dataclass(frozen=True)
class Area:
    id: str  # safe: the identifier pattern
    original: str  # as the file has it
    name: str
    district: str
    geometry: dict  # GeoJSON, WGS84


def safe_id(text: str) -> str:
    """An id for URLs and file names: lower case, a–z, digits, - and _ (umlauts spelled out)."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    text = unicodedata.normalize("NFKD", str(text).translate(table)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:64]
    return text or "gebiet"


def _crs_of(data: dict, declared: str | None) -> str | None:
    if declared:
        return declared.upper().removeprefix("EPSG:")
    name = ((data.get("crs") or {}).get("properties") or {}).get("name", "")
    m = re.search(r"EPSG::?(\d+)", str(name))
    return m.group(1) if m else None


def _field(props: list[dict], given: str | None, guesses: tuple[str, ...], what: str, file: str,
           problems: list[Problem], required: bool = True) -> str | None:
    keys = list(dict.fromkeys(k for p in props for k in p))
    if given:
        if given not in keys:
            problems.append(Problem(file, f"Die Eigenschaft „{given}“ gibt es nicht.", f"Vorhanden: {', '.join(keys)}.",
                                    field=given, code="areas-field-missing"))
        return given
    found = next((g for g in guesses if g in keys), None)
    if found is None and required:
        problems.append(Problem(file, f"Keine Eigenschaft für {what} erkannt.",
                                f"Nennen Sie sie mit --{'id' if what == 'die Kennung' else 'name'}-field; vorhanden: "
                                f"{', '.join(keys)}.", code="areas-field-unknown"))
    return found


def read_areas(path: Path, id_field: str | None = None, name_field: str | None = None,
               district_field: str | None = None, crs: str | None = None,
               ids_from_names: bool = False) -> tuple[list[Area], str]:
    """The areas of a GeoJSON file in WGS84, and the CRS they came in. Raises InputError.

    ``ids_from_names``: quartier_id from the name ("innenstadt", readable in addresses) instead of
    the city's code; the code is kept either way."""
    file = path.name
    problems: list[Problem] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(file, f"Die Datei ist kein lesbares GeoJSON ({type(exc).__name__}).",
                                  "Exportieren Sie die Flächen in QGIS als GeoJSON.", code="areas-unreadable")]) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise InputError([Problem(file, "Die Datei enthält keine Flächen (FeatureCollection ohne Features).",
                                  "Exportieren Sie die Flächen in QGIS als GeoJSON.", code="areas-empty")])
    props = [f.get("properties") or {} for f in features if isinstance(f, dict)]
    fid = _field(props, id_field, ID_FIELDS, "die Kennung", file, problems)
    fname = _field(props, name_field, NAME_FIELDS, "den Namen", file, problems)
    fdistrict = _field(props, district_field, DISTRICT_FIELDS, "den Stadtbezirk", file, problems, required=False)
    code = _crs_of(data, crs)
    shapes = []
    for n, f in enumerate(features, start=1):
        try:
            g = shape(f["geometry"])
        except Exception:  # shapely raises many types for malformed geometry
            problems.append(Problem(file, f"Feature {n}: die Geometrie ist nicht lesbar.",
                                    "Reparieren Sie die Fläche in QGIS (Geometrien reparieren).", code="areas-geometry"))
            continue
        if g.geom_type not in ("Polygon", "MultiPolygon") or g.is_empty:
            problems.append(Problem(file, f"Feature {n}: „{g.geom_type}“ ist keine Fläche.",
                                    "Exportieren Sie die Gebiete als Polygone.", code="areas-geometry"))
        shapes.append(g)
    if problems:
        raise InputError(problems)
    minx, miny, maxx, maxy = shapely.union_all(shapes).bounds
    looks_projected = max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90
    if code is None:
        if looks_projected:
            raise InputError([Problem(file, f"Die Koordinaten (z. B. {minx:.0f}, {miny:.0f}) sind projiziert, die Datei "
                                            "nennt aber kein Koordinatensystem.",
                                      "Nennen Sie es mit --crs, z. B. --crs EPSG:25832 (ETRS89 / UTM 32N).",
                                      code="areas-crs-unknown")])
        code = "4326"
    if code not in GEOGRAPHIC and not looks_projected:
        raise InputError([Problem(file, f"Die Koordinaten (z. B. {minx:.4f}, {miny:.4f}) sind geografisch (Grad), "
                                        f"nicht EPSG:{code}.", "Lassen Sie --crs weg oder prüfen Sie den Export.",
                                  code="areas-crs-mismatch")])
    if code != "4326":
        from pyproj import Transformer  # only for projected input
        try:
            t = Transformer.from_crs(f"EPSG:{code}", "EPSG:4326", always_xy=True)
        except Exception:  # pyproj raises CRSError, and others for odd codes
            raise InputError([Problem(file, f"Das Koordinatensystem EPSG:{code} ist unbekannt.",
                                      f"Bekannt sind z. B. {', '.join('EPSG:' + k for k in KNOWN_CRS)}.",
                                      code="areas-crs-unknown")]) from None
        shapes = [shapely.transform(s, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1]))) for s in shapes]
    areas, seen = [], {}
    for n, (f, g) in enumerate(zip(features, shapes), start=1):
        p = f.get("properties") or {}
        original = str(p.get(fid, "")).strip()
        name = str(p.get(fname, "")).strip()
        if not original or not name:
            problems.append(Problem(file, f"Feature {n}: Kennung oder Name fehlt.", "Ergänzen Sie beide Eigenschaften.",
                                    code="areas-value-missing"))
            continue
        qid = safe_id(name) if ids_from_names else original if re.fullmatch(ID_PATTERN, original) else safe_id(original)
        if qid in seen:
            problems.append(Problem(file, f"Feature {n}: die Kennung „{original}“ ergibt „{qid}“ wie Feature {seen[qid]}.",
                                    "Kennungen müssen eindeutig sein.", code="areas-id-duplicate"))
            continue
        seen[qid] = n
        g = shapely.make_valid(g) if not g.is_valid else g
        g = shapely.set_precision(orient_all(g), 1e-6)
        areas.append(Area(qid, original, name, str(p.get(fdistrict, "") or "").strip() if fdistrict else "",
                          mapping(orient_all(g))))
    if problems:
        raise InputError(problems)
    return areas, code


def orient_all(g):
    """RFC 7946: exterior rings counter-clockwise, holes clockwise."""
    if g.geom_type == "Polygon":
        return orient(g, 1.0)
    if g.geom_type == "MultiPolygon":
        return shapely.MultiPolygon([orient(p, 1.0) for p in g.geoms])
    polys = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return orient_all(shapely.union_all(polys)) if polys else g


def feature_collection(areas: list[Area]) -> dict:
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"quartier_id": a.id}, "geometry": _rounded(a.geometry)}
                         for a in areas]}


def _rounded(geom: Any) -> Any:
    def r(c):
        return [round(c[0], 6), round(c[1], 6)] if isinstance(c[0], (int, float)) else [r(x) for x in c]
    return {"type": geom["type"], "coordinates": r(json.loads(json.dumps(geom["coordinates"])))}
