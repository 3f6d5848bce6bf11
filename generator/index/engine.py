"""The index engine: the "gestuftes Indexverfahren" of Berlin's Monitoring Soziale Stadtentwicklung.

Pure functions: a DataFrame indexed by area id (strings) goes in, a new DataFrame comes out.
See ../docs (Methodik page) and shared/docs/sozialindex-method.md for the formulas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ComputationError
from ..model.classes import DYNAMICS_LABELS, DYNAMICS_SYMBOLS, STATUS_LABELS
from .settings import IndexSettings

STATUS_CODES = (1, 2, 3, 4)
DYNAMICS_CODES = (1, 3, 5)


def validity(frame: pd.DataFrame, settings: IndexSettings) -> pd.Series:
    """Why an area takes no part (empty string: it is valid)."""
    columns = list(dict.fromkeys(settings.status_columns + settings.dynamics_columns))
    population = frame[settings.population_column]
    reason = pd.Series("", index=frame.index, dtype=object)
    missing = frame[columns].isna().any(axis=1)
    reason[missing] = "Indikatorwert fehlt"
    reason[population.isna()] = "Einwohnerzahl fehlt"
    reason[population.notna() & (population < settings.min_population)] = (
        f"weniger als {settings.min_population:g} Einwohner"
    )
    reason[frame.index.isin(settings.exclude)] = "ausgeschlossen"
    return reason


def _standardise(values: np.ndarray, valid: np.ndarray, settings: IndexSettings,
                 weights: np.ndarray | None = None) -> np.ndarray:
    """z = (x - mean_V) / sd_V over valid rows; columns are standardised independently."""
    v = values[valid]
    if weights is not None and settings.weighted_mean:
        w = weights[valid][:, None] if v.ndim == 2 else weights[valid]
        mean = (v * w).sum(axis=0) / w.sum(axis=0)
    else:
        mean = v.mean(axis=0)
    sd = v.std(axis=0, ddof=settings.ddof)
    if np.any(sd == 0):
        raise ComputationError(
            "Ein Indikator oder eine Indexsumme hat über alle gültigen Gebiete denselben Wert; "
            "ein z-Wert ist dann nicht definiert."
        )
    out = (values - mean) / sd
    out[~valid] = np.nan
    return out


def classify_status(index: np.ndarray, thresholds=(-1.0, 1.0, 1.5)) -> np.ndarray:
    """1 hoch (x < t0), 2 mittel (t0 ≤ x ≤ t1), 3 niedrig (t1 < x ≤ t2), 4 sehr niedrig (x > t2)."""
    t0, t1, t2 = thresholds
    out = np.select([index < t0, index <= t1, index <= t2, index > t2], [1, 2, 3, 4], 0)
    return np.where(np.isnan(index), 0, out)


def classify_dynamics(index: np.ndarray, thresholds=(-1.0, 1.0)) -> np.ndarray:
    """1 positiv (x < t0), 3 stabil (t0 ≤ x ≤ t1), 5 negativ (x > t1)."""
    t0, t1 = thresholds
    out = np.select([index < t0, index <= t1, index > t1], [1, 3, 5], 0)
    return np.where(np.isnan(index), 0, out)


def _nearest_threshold_distance(index: np.ndarray, thresholds) -> np.ndarray:
    return np.min(np.abs(index[:, None] - np.asarray(thresholds)[None, :]), axis=1)


def _part(frame: pd.DataFrame, columns: tuple[str, ...], valid: np.ndarray,
          settings: IndexSettings, weights: np.ndarray, classify, thresholds, prefix: str) -> dict:
    """z-values, sum, index, class and stability for one of status / dynamics."""
    if not columns:
        return {}
    x = frame[list(columns)].to_numpy(dtype=float)
    z = _standardise(x, valid, settings, weights)
    total = z.sum(axis=1)
    index = _standardise(total, valid, settings, weights)
    klass = classify(index, thresholds)
    out: dict = {f"z_{c}": z[:, i] for i, c in enumerate(columns)}
    out[f"{prefix}summe"] = total
    out[f"{prefix}index"] = index
    out[f"{prefix}klasse"] = klass
    out[f"{prefix}_abstand"] = _nearest_threshold_distance(index, thresholds)
    # Leave-one-out: does the class change when one indicator is dropped?
    flips: list[list[str]] = [[] for _ in range(len(frame))]
    if len(columns) > 1:
        for i, c in enumerate(columns):
            rest = np.delete(z, i, axis=1).sum(axis=1)
            alt = classify(_standardise(rest, valid, settings, weights), thresholds)
            for row in np.flatnonzero(valid & (alt != klass)):
                flips[row].append(c)
        stable = np.array([not f for f in flips], dtype=object)
    else:
        stable = np.full(len(frame), None, dtype=object)
    stable[~valid] = None
    out[f"{prefix}_stabil"] = stable
    out[f"{prefix}_kippt_ohne"] = [",".join(f) for f in flips]
    return out


def compute(frame: pd.DataFrame, settings: IndexSettings) -> pd.DataFrame:
    """Status-, Dynamik- und Gesamtindex for every row of ``frame`` (index: area id as string)."""
    needed = [settings.population_column, *settings.status_columns, *settings.dynamics_columns]
    missing = [c for c in dict.fromkeys(needed) if c not in frame.columns]
    if missing:
        raise ComputationError(f"Spalte(n) fehlen: {', '.join(missing)}")
    if not frame.index.is_unique:
        raise ComputationError("Gebietskennungen sind nicht eindeutig")
    reason = validity(frame, settings)
    valid = (reason == "").to_numpy()
    if valid.sum() < settings.min_valid_areas:
        raise ComputationError(
            f"Nur {int(valid.sum())} gültige Gebiete; für einen Index braucht es mindestens "
            f"{settings.min_valid_areas}."
        )
    weights = frame[settings.population_column].to_numpy(dtype=float)
    out = pd.DataFrame(index=frame.index.copy())
    out["gueltig"] = valid
    out["ungueltig_grund"] = reason.to_numpy()
    parts = {
        **_part(frame, settings.status_columns, valid, settings, weights, classify_status,
                settings.status_thresholds, "status"),
        **_part(frame, settings.dynamics_columns, valid, settings, weights, classify_dynamics,
                settings.dynamics_thresholds, "dynamik"),
    }
    for name, values in parts.items():
        out[name] = values
    status = out["statusklasse"].to_numpy() if "statusklasse" in out else np.zeros(len(out), int)
    dynamics = out["dynamikklasse"].to_numpy() if "dynamikklasse" in out else np.zeros(len(out), int)
    for name in ("statusklasse", "dynamikklasse"):
        if name in out:
            out[name] = pd.array(np.where(valid, out[name], 0), dtype="Int64").astype("Int64")
            out.loc[~valid, name] = pd.NA
    out["statuslabel"] = [STATUS_LABELS.get(int(s)) if v else None for s, v in zip(status, valid)]
    out["dynamiklabel"] = [DYNAMICS_LABELS.get(int(d)) if v else None for d, v in zip(dynamics, valid)]
    code = 10 * status + dynamics
    out["gesamtcode"] = pd.array(np.where(valid, code, 0), dtype="Int64")
    out.loc[~valid, "gesamtcode"] = pd.NA
    out["sozialindex"] = [
        f"{int(s)}{DYNAMICS_SYMBOLS[int(d)]}" if v and s and d else None
        for s, d, v in zip(status, dynamics, valid)
    ]
    out["fokus"] = np.where(valid, np.isin(code, settings.fokus_codes), False)
    return out


def class_counts(result: pd.DataFrame) -> dict[str, dict[str, int]]:
    """How many valid areas fall in each status and dynamics class (all classes listed)."""
    counts: dict[str, dict[str, int]] = {}
    for column, labels in (("statusklasse", STATUS_LABELS), ("dynamikklasse", DYNAMICS_LABELS)):
        if column in result:
            vc = result[column].dropna().astype(int).value_counts()
            counts[column] = {labels[c]: int(vc.get(c, 0)) for c in labels}
    return counts


def matrix(result: pd.DataFrame) -> pd.DataFrame:
    """The 4 × 3 status/dynamics overlay with area counts (rows: status, columns: dynamics)."""
    valid = result[result["gueltig"]]
    table = pd.crosstab(valid["statusklasse"].astype(int), valid["dynamikklasse"].astype(int))
    table = table.reindex(index=list(STATUS_LABELS), columns=list(DYNAMICS_LABELS), fill_value=0)
    table.index = [STATUS_LABELS[i] for i in table.index]
    table.columns = [DYNAMICS_LABELS[c] for c in table.columns]
    return table
