"""What changed between editions: class changes since the previous edition, and every edition's
classes in one table. Built from the published index tables, so disclosure control carries over.

Each class change carries what a journalist needs beside it: both dynamics windows, how far the
new index lies from the class limit it crossed (as displayed; "knapp" below 0,10), and the
changes of the edition's dynamics indicators in its window (blank where a change is not published).
"""

from __future__ import annotations

import pandas as pd

from ..language.classes import KNAPP, crossed_distance
from ..language.names import alphabetical
from ..model.records import CityData, PublishedTables

_KEEP = ["statusklasse", "statuslabel", "statusindex", "dynamikklasse", "dynamiklabel", "dynamikindex", "fokus"]
_DYNAMICS_POSITION = {1: 0, 3: 1, 5: 2}  # dynamics codes → position on the scale


def _word(before, after) -> str:
    """Lower class numbers are better, for status (1 = hoch) and dynamics (1 = positiv)."""
    if pd.isna(before) or pd.isna(after) or before == after:
        return "gleich"
    return "besser" if after < before else "schlechter"


def crossed_limit(before: int, after: int, thresholds: tuple[float, ...]) -> float | None:
    """The class limit nearest the new index among those crossed (positions 0 … n on the scale)."""
    if before == after:
        return None
    return thresholds[after - 1] if after > before else thresholds[after]


def columns(dynamics: tuple[str, ...] = ()) -> list[str]:
    return ["quartier_id", "name", "vorige_edition", "edition", "stufen",
            *[f"{c}_vorher" for c in _KEEP[:3]], *_KEEP[:3], "status_wechsel", "status_grenze",
            "status_abstand_grenze", "status_knapp",
            *[f"{c}_vorher" for c in _KEEP[3:6]], *_KEEP[3:6], "dynamik_wechsel", "dynamik_grenze",
            "dynamik_abstand_grenze", "dynamik_knapp",
            "dynamik_von_vorher", "dynamik_bis_vorher", "dynamik_von", "dynamik_bis", "fokus_vorher", "fokus",
            *[f"veraenderung_{k}" for k in dynamics]]


def indicator_changes(data: CityData, inputs: pd.DataFrame, now: PublishedTables, dynamics: tuple[str, ...]) -> pd.DataFrame:
    """Per quarter and dynamics indicator, the change in the edition's window as it entered the index
    (sign as published), blank where its z-value is not published (the change would give a secret away)."""
    idx = now.indices.set_index("quartier_id")
    out = pd.DataFrame(index=idx.index)
    for k in dynamics:
        sign = -1.0 if data.indicators.at[k, "richtung"] == "niedriger_benachteiligt" else 1.0
        change = (sign * inputs[f"veraenderung_{k}"]).reindex(idx.index).round(4)
        z = idx.get(f"z_veraenderung_{k}")
        out[f"veraenderung_{k}"] = change.where(z.notna()) if z is not None else float("nan")
    return out


def class_changes(data: CityData, edition: int, previous: int | None, now: PublishedTables,
                  before: PublishedTables | None, inputs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quarters valid in both editions whose status or dynamics class changed; most class steps first,
    then by name in German alphabetical order (DIN 5007-1)."""
    ed = data.edition(edition)
    dynamics = tuple(ed.dynamik_indikatoren)
    cols = columns(dynamics)
    if before is None or previous is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns()})
    old = data.edition(previous)
    a = before.indices.set_index("quartier_id")
    b = now.indices.set_index("quartier_id")
    changes = indicator_changes(data, inputs, now, dynamics) if inputs is not None else None
    both = [q for q in data.quarters.index if bool(a.at[q, "gueltig"]) and bool(b.at[q, "gueltig"])]
    rows = []
    for q in both:
        s0, s1 = int(a.at[q, "statusklasse"]), int(b.at[q, "statusklasse"])
        d0, d1 = _DYNAMICS_POSITION[int(a.at[q, "dynamikklasse"])], _DYNAMICS_POSITION[int(b.at[q, "dynamikklasse"])]
        if s0 == s1 and d0 == d1:
            continue
        row = {"quartier_id": q, "name": str(data.quarters.at[q, "name"]), "vorige_edition": previous,
               "edition": edition, "stufen": abs(s1 - s0) + abs(d1 - d0)}
        for c in _KEEP:
            row[f"{c}_vorher"], row[c] = a.at[q, c], b.at[q, c]
        row["status_wechsel"] = _word(s0, s1)
        row["dynamik_wechsel"] = _word(d0, d1)
        for part, (p0, p1), limits, index in (("status", (s0 - 1, s1 - 1), ed.schwellen_status, b.at[q, "statusindex"]),
                                              ("dynamik", (d0, d1), ed.schwellen_dynamik, b.at[q, "dynamikindex"])):
            limit = crossed_limit(p0, p1, limits)
            distance = crossed_distance(index, limit) if limit is not None and not pd.isna(index) else None
            row[f"{part}_grenze"] = limit
            row[f"{part}_abstand_grenze"] = distance
            row[f"{part}_knapp"] = (distance < KNAPP) if distance is not None else None
        row.update({"dynamik_von_vorher": old.dynamik_von, "dynamik_bis_vorher": old.dynamik_bis,
                    "dynamik_von": ed.dynamik_von, "dynamik_bis": ed.dynamik_bis})
        for k in dynamics:
            row[f"veraenderung_{k}"] = changes.at[q, f"veraenderung_{k}"] if changes is not None else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=cols)
    if frame.empty:
        return frame
    order = sorted(range(len(frame)), key=lambda i: (-int(frame.at[i, "stufen"]), alphabetical(frame.at[i, "name"])))
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
