"""The published tables of one edition, after disclosure control. Pure: CityData + results in, DataFrames out.

Computed once per edition and shared by the data packages, the quarter CSVs and the pages, so all
show the same numbers.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from ..model.records import CityData, EditionResult, PublishedTables
from .changes import class_changes, time_series
from .disclosure import min_counts, protect_city_values, protect_indices, protection, suppress

# Decimal places of index values in published files (rounded once, here, for every format).
INDEX_DECIMALS = 4


def area_km2(geometry: dict) -> dict[str, float]:
    """Area of every quarter in km², on a local equal-area approximation (cos φ scaling)."""
    out = {}
    for feat in geometry["features"]:
        g = shape(feat["geometry"])
        lat = g.centroid.y
        k = np.cos(np.radians(lat))
        projected = shapely.transform(g, lambda c: c * np.array([111.320 * k, 110.574]))
        out[feat["properties"]["quartier_id"]] = round(projected.area, 3)
    return out


def published(data: CityData, res: EditionResult) -> PublishedTables:
    ed = res.edition
    rule = ed.geheimhaltung
    q = data.quarters.reset_index(drop=True).copy()
    pop = data.residents[data.residents["jahr"] == ed.status_jahr].set_index("quartier_id")["einwohner"]
    q["einwohner"] = q["quartier_id"].map(pop).astype("Int64")
    q["flaeche_km2"] = q["quartier_id"].map(area_km2(data.geometry))
    ind = data.indicators.reset_index(drop=True)
    shown = data.values[data.values["jahr"] <= ed.status_jahr]
    # A cell secret under any edition's rule is secret here too (disclosure.py, "Across editions").
    vals = suppress(shown, min_counts(shown["jahr"], data.editions), rule.mindestnenner)
    vals = vals.sort_values(["quartier_id", "indikator_id", "jahr"], key=_order(data)).reset_index(drop=True)

    z_columns = []
    for k in ed.status_indikatoren:
        z_columns.append((f"z_anteil_{k}", k, "status"))
    for k in ed.dynamik_indikatoren:
        z_columns.append((f"z_veraenderung_{k}", k, "dynamik"))
    rule = protection(vals, ed)
    r = protect_indices(res.result, z_columns, rule)
    # A z-value reveals its share; where the share is not shown, neither is the z-value.
    hidden = vals[vals["kennzeichen"] != ""]
    for col, k, kind in z_columns:
        years_needed = [ed.status_jahr] if kind == "status" else [ed.dynamik_von, ed.dynamik_bis]
        ids = hidden.loc[(hidden["indikator_id"] == k) & hidden["jahr"].isin(years_needed), "quartier_id"]
        r.loc[r.index.isin(ids), col] = np.nan
    idx = pd.DataFrame({"quartier_id": r.index.astype(str)})
    for col in ["gueltig", "ungueltig_grund"]:
        idx[col] = r[col].to_numpy()
    for col, _, _ in z_columns:
        idx[col] = r[col].round(INDEX_DECIMALS).to_numpy()
    for col in ("status_kippt_ohne", "dynamik_kippt_ohne"):  # engine columns → indicator ids
        r[col] = [",".join(c.split("_", 1)[1] for c in v.split(",") if c) if isinstance(v, str) else v for v in r[col]]
    for col in ["statussumme", "statusindex", "statusklasse", "statuslabel", "status_abstand", "status_stabil",
                "status_kippt_ohne", "dynamiksumme", "dynamikindex", "dynamikklasse", "dynamiklabel",
                "dynamik_abstand", "dynamik_stabil", "dynamik_kippt_ohne", "gesamtcode", "sozialindex", "fokus"]:
        values = r[col]
        if values.dtype.kind == "f":
            values = values.round(INDEX_DECIMALS)
        idx[col] = values.to_numpy()
    return PublishedTables(q, ind, vals, idx, z_columns, protect_city_values(res.city_shares, rule),
                           frozenset(rule.parts))


def published_all(data: CityData, results: dict[int, EditionResult]) -> dict[int, PublishedTables]:
    """Every edition's tables; each also says what changed since the previous edition, and the
    latest holds every edition's classes."""
    tables = {year: published(data, res) for year, res in sorted(results.items())}
    years = sorted(tables)
    out = {}
    for i, year in enumerate(years):
        previous = years[i - 1] if i else None
        changes = class_changes(data, year, previous, tables[year], tables[previous] if previous else None)
        out[year] = replace(tables[year], changes=changes)
    latest = years[-1]
    out[latest] = replace(out[latest], series=time_series(data, tables))
    return out


def _order(data: CityData):
    """Sort quarters and indicators in the order of their input files, years ascending."""
    qpos = {q: i for i, q in enumerate(data.quarters.index)}
    ipos = {k: i for i, k in enumerate(data.indicators.index)}

    def key(s: pd.Series) -> pd.Series:
        if s.name == "quartier_id":
            return s.map(qpos)
        if s.name == "indikator_id":
            return s.map(ipos)
        return s
    return key
