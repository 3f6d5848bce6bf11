"""Per edition: shares and changes from the validated data, then the engine.

Everything here is a pure function of CityData; the engine (engine.py) holds the method.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import paths
from ..config.models import EditionConfig
from ..errors import ComputationError, InputError, Problem
from ..model.records import CityData, EditionResult
from . import engine
from .settings import IndexSettings


def settings_for(ed: EditionConfig) -> IndexSettings:
    """The engine's parameters for an edition (its indicators must already be resolved)."""
    return IndexSettings(
        status_columns=tuple(f"anteil_{k}" for k in ed.status_indikatoren),
        dynamics_columns=tuple(f"veraenderung_{k}" for k in ed.dynamik_indikatoren),
        population_column="einwohner",
        min_population=ed.mindest_einwohner,
        exclude=ed.ausschluss,
        status_thresholds=ed.schwellen_status,
        dynamics_thresholds=ed.schwellen_dynamik,
        fokus_codes=ed.fokus_codes,
    )


def shares(values: pd.DataFrame) -> pd.DataFrame:
    """quartier_id × (indikator_id, jahr) table of shares in percent."""
    return values.pivot_table(index="quartier_id", columns=["indikator_id", "jahr"], values="anteil",
                              aggfunc="first").astype(float)


def city_shares(values: pd.DataFrame) -> pd.DataFrame:
    """City-wide share per indicator and year: Σ numerators / Σ denominators (where counts exist)."""
    counted = values.dropna(subset=["zaehler", "nenner"])
    if counted.empty:
        return pd.DataFrame()
    sums = counted.groupby(["indikator_id", "jahr"])[["zaehler", "nenner"]].sum().astype(float)
    return (100 * sums["zaehler"] / sums["nenner"]).unstack("jahr")


def edition_inputs(data: CityData, ed: EditionConfig) -> pd.DataFrame:
    """One row per quarter: residents, status shares and dynamics changes for the edition."""
    table = shares(data.values)
    ids = pd.Index(data.quarters.index, name="quartier_id")
    frame = pd.DataFrame(index=ids)
    pop = data.residents[data.residents["jahr"] == ed.status_jahr].set_index("quartier_id")["einwohner"]
    frame["einwohner"] = pop.reindex(ids).astype(float)
    # Indicators where a lower value means more disadvantage enter the index with the sign flipped.
    sign = {k: (-1.0 if r == "niedriger_benachteiligt" else 1.0) for k, r in data.indicators["richtung"].items()}
    ready = None
    if data.changes is not None:
        sel = data.changes[(data.changes["von_jahr"] == ed.dynamik_von) & (data.changes["bis_jahr"] == ed.dynamik_bis)]
        ready = sel.pivot_table(index="quartier_id", columns="indikator_id", values="veraenderung", aggfunc="first")

    def col(k: str, year: int) -> pd.Series:
        return table[(k, year)].reindex(ids) if (k, year) in table.columns else pd.Series(np.nan, index=ids)

    for k in ed.status_indikatoren:
        frame[f"anteil_{k}"] = sign[k] * col(k, ed.status_jahr)
    for k in ed.dynamik_indikatoren:
        change = col(k, ed.dynamik_bis) - col(k, ed.dynamik_von)
        if ready is not None and k in ready.columns:
            change = ready[k].reindex(ids).astype(float).combine_first(change)
        frame[f"veraenderung_{k}"] = sign[k] * change
    return frame


def compute_edition(data: CityData, ed: EditionConfig) -> EditionResult:
    inputs = edition_inputs(data, ed)
    return EditionResult(ed, inputs, engine.compute(inputs, settings_for(ed)), city_shares(data.values))


def compute_all(data: CityData) -> dict[int, EditionResult]:
    """Every edition; an edition whose index cannot be computed is a located input problem."""
    results, problems = {}, []
    for ed in data.editions:
        try:
            results[ed.edition] = compute_edition(data, ed)
        except ComputationError as exc:
            problems.append(Problem(f"{paths.EDITIONS}/{ed.edition}.yaml", f"Der Index der Ausgabe {ed.edition} ist nicht "
                                    f"berechenbar: {exc}", "Prüfen Sie Mindesteinwohnerzahl, Ausschlüsse und die Werte "
                                    "der Indikatoren dieser Ausgabe in werte.csv.", code="index-not-computable"))
    if problems:
        raise InputError(problems)
    return results
