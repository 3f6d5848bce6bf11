"""Validate: turn the raw files into typed tables, or say everything that is wrong.

Orchestration only: the checks live in cells, checks, geometry and editions. Every problem names
the file, the spreadsheet row, the column, what is wrong and what to do. All problems are collected;
the stage fails once, at the end.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from ..config.parse import parse_city, parse_edition
from ..errors import InputError
from ..model.fields import INPUT_FILES, INPUT_TABLES
from ..model.records import CityData
from . import checks
from .cells import typed_table
from .editions import always_small, check_editions
from .geometry import check_geometry, outline_shape
from .media import check_media
from .read import RawCity, read_city


def validate_raw(raw: RawCity) -> CityData:
    problems = list(raw.problems)
    frames: dict[str, pd.DataFrame | None] = {}
    for name, table in INPUT_TABLES.items():
        r = raw.tables.get(name)
        frames[name] = typed_table(r, table, problems) if r is not None else None
        if frames[name] is not None:
            checks.duplicates(frames[name], table.primary_key, INPUT_FILES[name], problems)

    quarters, residents, indicators = frames["quartiere"], frames["einwohner"], frames["indikatoren"]
    values, changes = frames["werte"], frames["veraenderungen"]
    # Rows whose id could not be read keep None: they are reported already and take no part further.
    quarter_ids: list[str] = ([q for q in dict.fromkeys(quarters["quartier_id"]) if isinstance(q, str)]
                              if quarters is not None else [])
    qset = set(quarter_ids)
    city = (parse_city(raw.city, paths.CITY_CONFIG, problems, raw.lines.get(paths.CITY_CONFIG))
            if raw.city is not None else None)
    if city is not None:
        checks.legal(city, raw.lines.get(paths.CITY_CONFIG, {}), problems)
        check_media(raw.directory, city, raw.lines.get(paths.CITY_CONFIG, {}), problems)
    parsed = [(f, parse_edition(d, f, problems, raw.lines.get(f))) for f, d in raw.editions.items() if d is not None]
    small = always_small(residents, [e for _, e in parsed if e is not None])
    if quarters is not None:
        for name in ("einwohner", "werte", "veraenderungen"):
            if frames[name] is not None:
                checks.unknown_refs(frames[name], "quartier_id", qset, INPUT_FILES[name], paths.QUARTERS, problems)
        for name in ("einwohner", "werte"):
            if frames[name] is not None:
                checks.quarters_without_rows(quarters, frames[name], INPUT_FILES[name],
                                             small if name == "werte" else set(), problems)
    if indicators is not None:
        for name in ("werte", "veraenderungen"):
            if frames[name] is not None:
                known = {k for k in indicators["indikator_id"] if isinstance(k, str)}
                checks.unknown_refs(frames[name], "indikator_id", known, INPUT_FILES[name],
                                    paths.INDICATORS, problems)
    if values is not None:
        values = checks.values(values, paths.VALUES, problems)
    if residents is not None and values is not None:
        checks.denominators(values, residents, problems)

    ind_frame = None
    if indicators is not None:  # rows without a readable id are reported already
        readable = indicators[indicators["indikator_id"].map(lambda k: isinstance(k, str))]
        ind_frame = readable.drop_duplicates("indikator_id").set_index("indikator_id", drop=False)
    if values is not None and ind_frame is not None:
        checks.percent_range(values[~values["_bad"]], ind_frame, problems)
    if indicators is not None:
        checks.neutral_index_indicators(indicators[~indicators["_bad"]], problems)
    editions = check_editions([(f, e) for f, e in parsed if e is not None], ind_frame, values, changes,
                              residents, qset, problems, small, raw.lines)
    outline_geom = outline_shape(raw.outline, problems)
    geometry = (check_geometry(raw.geometry, quarter_ids, outline_geom, problems)
                if raw.geometry is not None and quarters is not None else None)

    if problems:
        raise InputError(problems, raw.notes)
    helper = ["_row", "_bad"]
    return CityData(
        directory=raw.directory, city=city, editions=editions,
        quarters=quarters.drop(columns=helper).set_index("quartier_id", drop=False),
        residents=residents.drop(columns=helper), indicators=ind_frame.drop(columns=helper),
        values=values.drop(columns=helper),
        changes=changes.drop(columns=helper) if changes is not None else None,
        geometry=geometry, outline=raw.outline, notes=raw.notes,
    )


def validate_city(directory: Path) -> CityData:
    """Read and validate; raises InputError with every problem found."""
    return validate_raw(read_city(directory))
