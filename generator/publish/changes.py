"""What changed between editions: class changes since the previous edition, and every edition's
classes in one table. Built from the published index tables, so disclosure control carries over."""

from __future__ import annotations

import pandas as pd

from ..model.records import CityData, PublishedTables

_KEEP = ["statusklasse", "statuslabel", "statusindex", "dynamikklasse", "dynamiklabel", "dynamikindex", "fokus"]


def _word(before, after) -> str:
    """Lower class numbers are better, for status (1 = hoch) and dynamics (1 = positiv)."""
    if pd.isna(before) or pd.isna(after) or before == after:
        return "gleich"
    return "besser" if after < before else "schlechter"


def class_changes(data: CityData, edition: int, previous: int | None, now: PublishedTables,
                  before: PublishedTables | None) -> pd.DataFrame:
    """Quarters valid in both editions whose status or dynamics class changed, largest change first."""
    columns = ["quartier_id", "name", "vorige_edition", "edition", *[f"{c}_vorher" for c in _KEEP[:3]], *_KEEP[:3],
               "status_wechsel", *[f"{c}_vorher" for c in _KEEP[3:6]], *_KEEP[3:6], "dynamik_wechsel",
               "fokus_vorher", "fokus"]
    if before is None or previous is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    a = before.indices.set_index("quartier_id")
    b = now.indices.set_index("quartier_id")
    both = [q for q in data.quarters.index if bool(a.at[q, "gueltig"]) and bool(b.at[q, "gueltig"])]
    rows = []
    for q in both:
        if a.at[q, "statusklasse"] == b.at[q, "statusklasse"] and a.at[q, "dynamikklasse"] == b.at[q, "dynamikklasse"]:
            continue
        row = {"quartier_id": q, "name": str(data.quarters.at[q, "name"]), "vorige_edition": previous, "edition": edition}
        for c in _KEEP:
            row[f"{c}_vorher"], row[c] = a.at[q, c], b.at[q, c]
        row["status_wechsel"] = _word(a.at[q, "statusklasse"], b.at[q, "statusklasse"])
        row["dynamik_wechsel"] = _word(a.at[q, "dynamikklasse"], b.at[q, "dynamikklasse"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    size = ((frame["statusklasse"].astype(int) - frame["statusklasse_vorher"].astype(int)).abs() * 10
            + (frame["dynamikklasse"].astype(int) - frame["dynamikklasse_vorher"].astype(int)).abs())
    shift = (pd.to_numeric(frame["statusindex"], errors="coerce")
             - pd.to_numeric(frame["statusindex_vorher"], errors="coerce")).abs().fillna(0)
    order = pd.DataFrame({"size": -size, "shift": -shift, "name": frame["name"]}).sort_values(["size", "shift", "name"]).index
    return frame.loc[order].reset_index(drop=True)


def time_series(data: CityData, tables: dict[int, PublishedTables]) -> pd.DataFrame:
    rows = []
    for q in data.quarters.index:
        for year in sorted(tables):
            r = tables[year].indices.set_index("quartier_id").loc[q]
            rows.append({"quartier_id": q, "name": str(data.quarters.at[q, "name"]), "edition": year,
                         **{c: r[c] for c in ("statusklasse", "statuslabel", "statusindex", "dynamikklasse",
                                              "dynamiklabel", "dynamikindex", "sozialindex", "fokus")}})
    return pd.DataFrame(rows)
