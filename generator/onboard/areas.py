"""Area files as offices have them: GeoJSON exports, zipped shapefiles (.shp .shx .dbf .prj .cpg, often
.sbn .sbx .shp.xml, maybe in a subfolder), a .shp with its siblings, GeoPackages (a layer to choose),
often in ETRS89/UTM, with their own id and name fields. Shapefiles and GeoPackages are read through GDAL
(pyogrio's wheels bring it); the CRS comes from the .prj or the GeoPackage's metadata, the DBF's
encoding from its .cpg or code page byte (else detected like a CSV's). Read, reprojected to WGS84 and
normalised (RFC 7946: right-hand rule, 6 decimals)."""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from ..errors import InputError, Problem
from ..inputs.tabular import detect_encoding
from ..model.fields import ID_PATTERN

# Projected coordinate systems German cities use, and the guesses for the id, name and district fields.
KNOWN_CRS = {"25832": "ETRS89 / UTM Zone 32N", "25833": "ETRS89 / UTM Zone 33N", "31466": "DHDN / Gauß-Krüger Zone 2",
             "31467": "DHDN / Gauß-Krüger Zone 3", "4326": "WGS84", "4258": "ETRS89 (geografisch)", "3857": "Web Mercator"}
GEOGRAPHIC = ("4326", "4258", "4230", "4314")  # degrees: WGS84, ETRS89, ED50, DHDN
ID_FIELDS = ("quartier_id", "id", "ID", "schluessel", "Schluessel", "kennung", "Kennung", "nr", "NR", "Nummer", "PLR_ID",
             "code", "CODE")
NAME_FIELDS = ("name", "Name", "NAME", "bezeichnung", "Bezeichnung", "quartier", "Quartier", "PLR_NAME", "gebiet")
# Words in field names, when none of the names above fits (tokens of „SQ_NAME“, „STT_NR“, „STADTBEZIR“)
FIELD_WORDS = {"die Kennung": ("nr", "id", "schl", "kenn", "code", "key"), "den Namen": ("name", "bezeich", "gebiet"),
               "den Stadtbezirk": ("stadtbez", "bezirk", "stb")}
FIELD_WORDS_NOT = {"den Namen": ("stadtbez", "bezirk", "stb"), "die Kennung": ("stadtbez", "bezirk", "stb")}
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
    lower = {k.lower(): k for k in reversed(keys)}
    found = next((lower[g.lower()] for g in guesses if g.lower() in lower), None)
    if found is None and what in FIELD_WORDS:  # SQ_NAME, STT_NR, STADTBEZIR (shapefiles cut names at 10 letters)
        words = FIELD_WORDS[what]
        for k in keys:
            tokens = [t for t in re.split(r"[_\W]+|(?<=[a-z])(?=[A-Z])", k.lower()) if t]
            if any(t.startswith(w) for t in tokens for w in words) and not any(
                    t.startswith(x) for t in tokens for x in FIELD_WORDS_NOT.get(what, ())):
                values = [str(p.get(k) or "").strip() for p in props]
                if what == "den Stadtbezirk" or (all(values) and len(set(values)) == len(values)):
                    found = k
                    break
    if found is None and required:
        problems.append(Problem(file, f"Keine Eigenschaft für {what} erkannt.",
                                f"Nennen Sie sie mit --{'id' if what == 'die Kennung' else 'name'}-field; vorhanden: "
                                f"{', '.join(keys)}.", code="areas-field-unknown"))
    return found


AREA_SUFFIXES = (".geojson", ".json", ".zip", ".shp", ".gpkg")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
# „03 Nordstadt“, „1.2 Altstadt-Nord“, „07 - Westliche Höhe“: a code before every name
CODE_PREFIX = re.compile(r"^\s*(\d{1,4}(?:[.]\d{1,3})*[a-zA-Z]?)(?:\s*[-–:.)]\s*|\s+)(\S.*)$")


@dataclass
class Loaded:
    """An area file's features before any interpretation: properties, geometries, the CRS it declares."""
    props: list[dict]
    shapes: list[Any]  # shapely geometries; None where a feature has none
    crs: str | None  # anything pyproj reads ("EPSG:25832", WKT), or None
    notes: list[Problem]


def _geojson(path: Path) -> Loaded:
    file = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(file, f"Die Datei ist kein lesbares GeoJSON ({type(exc).__name__}).",
                                  "Exportieren Sie die Flächen in QGIS als GeoJSON.", code="areas-unreadable")]) from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise InputError([Problem(file, "Die Datei enthält keine Flächen (FeatureCollection ohne Features).",
                                  "Exportieren Sie die Flächen in QGIS als GeoJSON.", code="areas-empty")])
    features = [f for f in features if isinstance(f, dict)]
    shapes = []
    for f in features:
        try:
            shapes.append(shape(f["geometry"]))
        except Exception:  # shapely raises many types for malformed geometry
            shapes.append(None)
    code = _crs_of(data, None)
    return Loaded([f.get("properties") or {} for f in features], shapes, f"EPSG:{code}" if code else None, [])


def _shapefile_parts(stem_path: str, names: list[str], file: str) -> None:
    """A located problem for each missing sibling of a .shp (names: the files beside it)."""
    have = {n.lower() for n in names}
    base = stem_path.lower()
    missing = [ext for ext in SHAPEFILE_PARTS[1:] if base + ext not in have]
    if missing:
        raise InputError([Problem(file, f"Zum Shapefile „{Path(stem_path).name}.shp“ fehlt "
                                        f"{' und '.join(f'„{Path(stem_path).name}{m}“' for m in missing)}.",
                                  "Ein Shapefile besteht aus mehreren Dateien (.shp, .shx, .dbf, meist .prj und .cpg); "
                                  "geben Sie alle zusammen weiter, am besten als ZIP-Archiv.",
                                  code="areas-shapefile-incomplete")])


def _dbf_encoding(dbf: bytes, file: str, notes: list[Problem]) -> str | None:
    """The encoding of a DBF without .cpg and without a code page byte, decided like a CSV's (tabular.py)."""
    if len(dbf) < 32 or dbf[29] != 0:
        return None  # GDAL reads the code page byte (LDID) itself
    header = int.from_bytes(dbf[8:10], "little")
    found = detect_encoding(dbf[header:].replace(b"\x1a", b"").replace(b"\x00", b""), file)
    if isinstance(found, Problem):
        raise InputError([Problem(file, found.message.replace("Zeile", "Datensatzbereich, Zeile"),
                                  "Geben Sie die .cpg-Datei mit (sie nennt die Kodierung) oder exportieren Sie die "
                                  "Flächen erneut mit Kodierung UTF-8.", code=found.code)])
    codec = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "CP1252"}.get(found.encoding)
    if codec == "CP1252" and any(b > 127 for b in dbf[header:]):
        notes.append(Problem(file, "Die Sachdaten (.dbf) nennen keine Kodierung (keine .cpg-Datei); Windows-1252 "
                                   "erkannt und so gelesen.", "Prüfen Sie die Umlaute in quartiere.csv.",
                             code="note-encoding", severity="note"))
    return codec


def _ogr(path: Path, layer: str | None, file: str) -> Loaded:
    """A shapefile (.shp with siblings, or zipped) or a GeoPackage, through GDAL (pyogrio)."""
    import pyogrio
    import pyogrio.raw

    notes: list[Problem] = []
    suffix = path.suffix.lower()
    source, encoding = str(path), None
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if not n.startswith("__MACOSX/") and not n.endswith("/")]
                shps = [n for n in names if n.lower().endswith(".shp")]
                gpkgs = [n for n in names if n.lower().endswith(".gpkg")]
                if not shps and not gpkgs:
                    raise InputError([Problem(file, "Das ZIP-Archiv enthält kein Shapefile (.shp) und kein GeoPackage.",
                                              f"Enthalten sind: {', '.join(names[:10]) or 'keine Dateien'}.",
                                              code="areas-empty")])
                candidates = shps or gpkgs
                chosen = _choose(candidates, layer, file, lambda n: Path(n).stem)
                if chosen.lower().endswith(".shp"):
                    _shapefile_parts(chosen[:-4], names, file)
                    cpg = next((n for n in names if n.lower() == chosen[:-4].lower() + ".cpg"), None)
                    if cpg is None:
                        dbf = next(n for n in names if n.lower() == chosen[:-4].lower() + ".dbf")
                        encoding = _dbf_encoding(z.read(dbf), file, notes)
                source = f"/vsizip/{path}/{chosen}"
                layer = None if chosen.lower().endswith(".shp") else layer
        except zipfile.BadZipFile:
            raise InputError([Problem(file, "Das ZIP-Archiv ist beschädigt.", "Packen Sie die Dateien neu.",
                                      code="areas-unreadable")]) from None
    elif suffix == ".shp":
        siblings = [p.name for p in path.parent.iterdir()]
        _shapefile_parts(path.stem, siblings, file)
        cpg = next((p for p in path.parent.iterdir() if p.name.lower() == path.stem.lower() + ".cpg"), None)
        if cpg is None:
            dbf = next(p for p in path.parent.iterdir() if p.name.lower() == path.stem.lower() + ".dbf")
            encoding = _dbf_encoding(dbf.read_bytes(), file, notes)
    if source.lower().endswith(".gpkg") or suffix == ".gpkg":
        try:
            layers = [(str(n), str(t)) for n, t in pyogrio.list_layers(source)]
        except Exception as exc:  # GDAL raises DataSourceError and others for damaged files
            raise InputError([Problem(file, f"Das GeoPackage ist nicht lesbar ({type(exc).__name__}).",
                                      "Öffnen Sie es in QGIS und speichern Sie die Flächen erneut.",
                                      code="areas-unreadable")]) from None
        polygons = [n for n, t in layers if "polygon" in t.lower() or t == "Unknown"]
        if layer is None and len(polygons) != 1:
            listing = ", ".join(f"„{n}“ ({t})" for n, t in layers)
            raise InputError([Problem(file, f"Das GeoPackage hat {len(polygons) or 'keine'} Flächen-Ebenen; "
                                            f"welche die Gebiete enthält, ist nicht eindeutig. Ebenen: {listing}.",
                                      "Nennen Sie die Ebene mit --layer NAME." if polygons else
                                      "Exportieren Sie die Gebiete als Polygone.", code="areas-layer-choice")])
        if layer is not None and layer not in {n for n, _ in layers}:
            raise InputError([Problem(file, f"Die Ebene „{layer}“ gibt es nicht.",
                                      f"Vorhanden: {', '.join(n for n, _ in layers)}.", code="areas-layer-choice")])
        layer = layer or polygons[0]
    try:
        with warnings.catch_warnings():  # GDAL's warnings (an unclosed ring): our own checks locate the feature
            warnings.simplefilter("ignore", RuntimeWarning)
            meta, _, geometry, values = pyogrio.raw.read(source, layer=layer, encoding=encoding)
    except Exception as exc:  # GDAL raises DataSourceError, DataLayerError and others
        raise InputError([Problem(file, f"Die Flächen sind nicht lesbar ({type(exc).__name__}: {str(exc)[:120]}).",
                                  "Öffnen Sie die Datei in QGIS und exportieren Sie die Flächen erneut.",
                                  code="areas-unreadable")]) from None
    if len(geometry) == 0:
        raise InputError([Problem(file, "Die Datei enthält keine Flächen.", "Exportieren Sie die Gebiete erneut.",
                                  code="areas-empty")])
    fields = [str(f) for f in meta["fields"]]
    props = [{f: _plain(values[i][n]) for i, f in enumerate(fields)} for n in range(len(geometry))]
    return Loaded(props, [_from_wkb(g) for g in geometry], meta.get("crs"), notes)


def _from_wkb(wkb: bytes | None) -> Any:
    """A geometry, or None when it is missing or broken (a ring not closed, too few points): a located problem later."""
    if wkb is None:
        return None
    try:
        return shapely.from_wkb(wkb)
    except shapely.errors.GEOSException:
        return None


def _plain(v: Any) -> Any:
    """A DBF/GPKG value as the GeoJSON reader would have it (numpy scalars → Python, NaN → None)."""
    if v is None:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _choose(candidates: list[str], layer: str | None, file: str, name) -> str:
    if layer is not None:
        match = [c for c in candidates if name(c) == layer]
        if not match:
            raise InputError([Problem(file, f"Die Ebene „{layer}“ gibt es nicht.",
                                      f"Vorhanden: {', '.join(name(c) for c in candidates)}.",
                                      code="areas-layer-choice")])
        return match[0]
    if len(candidates) > 1:
        raise InputError([Problem(file, f"Das Archiv enthält {len(candidates)} Ebenen: "
                                        f"{', '.join('„' + name(c) + '“' for c in candidates)}.",
                                  "Nennen Sie die Ebene mit den Gebieten mit --layer NAME.", code="areas-layer-choice")])
    return candidates[0]


def _code_of(crs: str | None) -> tuple[str | None, str | None]:
    """(EPSG code or a short name for the report, the CRS for pyproj) of a declared CRS."""
    if crs is None:
        return None, None
    m = re.fullmatch(r"(?i)EPSG:(\d+)", crs.strip())
    if m:
        return m.group(1), f"EPSG:{m.group(1)}"
    from pyproj import CRS

    try:
        c = CRS.from_user_input(crs)
    except Exception:  # pyproj raises CRSError for what it cannot parse
        return None, None
    epsg = c.to_epsg(min_confidence=70)
    return (str(epsg), f"EPSG:{epsg}") if epsg else (c.name, c.to_wkt())


def split_codes(names: list[str]) -> list[tuple[str, str]] | None:
    """[(code, name)] when every name starts with a code („03 Nordstadt“ → ("03", "Nordstadt")), else None."""
    parts = [CODE_PREFIX.match(n) for n in names]
    if not names or not all(parts):
        return None
    return [(m.group(1), m.group(2).strip()) for m in parts]


def read_areas(path: Path, id_field: str | None = None, name_field: str | None = None,
               district_field: str | None = None, crs: str | None = None,
               ids_from_names: bool = False, layer: str | None = None,
               notes: list[Problem] | None = None) -> tuple[list[Area], str]:
    """The areas of an area file in WGS84, and the CRS they came in. Raises InputError.

    GeoJSON, a zipped shapefile, a .shp with its siblings or a GeoPackage (``layer`` where it has several).
    ``ids_from_names``: quartier_id from the name ("innenstadt", readable in addresses) instead of
    the city's code; the code is kept either way. ``notes`` receives what the reading decided (encoding,
    codes split from names)."""
    file = path.name
    notes = notes if notes is not None else []
    problems: list[Problem] = []
    if not path.exists():
        raise InputError([Problem(str(path), "Die Datei gibt es nicht.", "Prüfen Sie den Pfad.", code="file-missing")])
    suffix = path.suffix.lower()
    if suffix not in AREA_SUFFIXES:
        raise InputError([Problem(file, f"Das Format „{path.suffix}“ wird als Gebietsdatei nicht gelesen.",
                                  "Geben Sie die Gebiete als GeoJSON, Shapefile (.shp mit .shx und .dbf, oder als ZIP) "
                                  "oder GeoPackage (.gpkg) an.", code="areas-format")])
    loaded = _geojson(path) if suffix in (".geojson", ".json") else _ogr(path, layer, file)
    notes += loaded.notes
    props = loaded.props
    fname = _field(props, name_field, NAME_FIELDS, "den Namen", file, problems)
    split = None
    if fname is not None and not problems:
        split = split_codes([str(p.get(fname, "") or "").strip() for p in props])
    fid = _field(props, id_field, ID_FIELDS, "die Kennung", file, problems, required=split is None)
    fdistrict = _field(props, district_field, DISTRICT_FIELDS, "den Stadtbezirk", file, problems, required=False)
    for n, g in enumerate(loaded.shapes, start=1):
        if g is None:
            problems.append(Problem(file, f"Feature {n}: die Geometrie ist nicht lesbar.",
                                    "Reparieren Sie die Fläche in QGIS (Geometrien reparieren).", code="areas-geometry"))
        elif g.geom_type not in ("Polygon", "MultiPolygon") or g.is_empty:
            problems.append(Problem(file, f"Feature {n}: „{g.geom_type}“ ist keine Fläche.",
                                    "Exportieren Sie die Gebiete als Polygone.", code="areas-geometry"))
    if problems:
        raise InputError(problems)
    shapes = loaded.shapes
    if crs:
        code, crs_input = crs.upper().removeprefix("EPSG:"), f"EPSG:{crs.upper().removeprefix('EPSG:')}"
    else:
        code, crs_input = _code_of(loaded.crs)
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    looks_projected = max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90
    if code is None:
        if looks_projected:
            missing = " (zum Shapefile gehört keine .prj-Datei)" if suffix in (".zip", ".shp") else ""
            raise InputError([Problem(file, f"Die Koordinaten (z. B. {minx:.0f}, {miny:.0f}) sind projiziert, die Datei "
                                            f"nennt aber kein Koordinatensystem{missing}.",
                                      "Nennen Sie es mit --crs, z. B. --crs EPSG:25832 (ETRS89 / UTM 32N).",
                                      code="areas-crs-unknown")])
        code, crs_input = "4326", "EPSG:4326"
    geographic = code in GEOGRAPHIC
    if not geographic and crs_input and not crs_input.startswith("EPSG:"):
        from pyproj import CRS
        geographic = CRS.from_user_input(crs_input).is_geographic
    if not geographic and not looks_projected:
        raise InputError([Problem(file, f"Die Koordinaten (z. B. {minx:.4f}, {miny:.4f}) sind geografisch (Grad), "
                                        f"nicht EPSG:{code}.", "Lassen Sie --crs weg oder prüfen Sie den Export.",
                                  code="areas-crs-mismatch")])
    if code != "4326":
        from pyproj import Transformer  # only for projected input
        try:
            t = Transformer.from_crs(crs_input, "EPSG:4326", always_xy=True)
        except Exception:  # pyproj raises CRSError, and others for odd codes
            raise InputError([Problem(file, f"Das Koordinatensystem EPSG:{code} ist unbekannt.",
                                      f"Bekannt sind z. B. {', '.join('EPSG:' + k for k in KNOWN_CRS)}.",
                                      code="areas-crs-unknown")]) from None
        shapes = [shapely.transform(s, lambda c: np.column_stack(t.transform(c[:, 0], c[:, 1]))) for s in shapes]
    if split is not None:
        example = str(props[0].get(fname, "")).strip()
        use = "Kennung" if fid is None else f"Kennung bleibt „{fid}“"
        notes.append(Problem(file, f"Jeder Name beginnt mit einer Nummer; sie wird abgetrennt (Regel: Ziffern am "
                                   f"Anfang, dann Leerzeichen oder Trennzeichen): „{example}“ → Name „{split[0][1]}“, "
                                   f"Nummer „{split[0][0]}“ ({use}).",
                             "Die Nummer bleibt in quartiere.csv (Spalte kennung), damit Tabellen mit „03“ oder "
                             "„03 Nordstadt“ zugeordnet werden.", code="note-name-codes", severity="note"))
    areas, seen = [], {}
    for n, (p, g) in enumerate(zip(props, shapes), start=1):
        name = str(p.get(fname, "") or "").strip()
        original = str(p.get(fid, "") or "").strip() if fid is not None else ""
        if split is not None:
            code_part, name = split[n - 1]
            original = original or code_part
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
