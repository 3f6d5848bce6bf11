"""The engine's contract cell by cell, on a small frame whose every row has a purpose (found by
mutation testing: each assertion here kills mutants the Berlin reproduction did not). The oracles
are independent: z-values by their defining moments, leave-one-out by recomputing without the
indicator, classes by the thresholds in the docstrings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from generator.errors import ComputationError
from generator.index import engine
from generator.index.settings import IndexSettings

COLUMNS = {"S1": [10.0, 20.0, 35.0, 12.0, 50.0, 28.0, 30.0, 40.0, np.nan, 25.0, 22.0],
           "S2": [5.0, 9.0, 4.0, 16.0, 11.0, 7.0, 8.0, 3.0, 6.0, 10.0, 13.0],
           "D1": [-1.0, 0.5, 2.0, -0.3, 1.2, 0.0, 0.4, 1.0, 0.2, -2.0, 0.8],
           "einwohner": [1000, 5000, 800, 12000, 3000, 2500, 100, 4000, 900, np.nan, 300]}
IDS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]
REASONS = {"g": "weniger als 300 Einwohner", "h": "ausgeschlossen", "i": "Indikatorwert fehlt",
           "j": "Einwohnerzahl fehlt"}


def _frame() -> pd.DataFrame:
    return pd.DataFrame(COLUMNS, index=pd.Index(IDS, name="id"))


def _settings(**kw) -> IndexSettings:
    base = dict(status_columns=("S1", "S2"), dynamics_columns=("D1",), exclude=("h",))
    return IndexSettings(**{**base, **kw})


def test_every_reason_is_said_in_words_and_the_minimum_itself_is_valid():
    r = engine.compute(_frame(), _settings())
    assert {q: r.at[q, "ungueltig_grund"] for q in IDS if r.at[q, "ungueltig_grund"]} == REASONS
    assert list(r.index[r["gueltig"]]) == ["a", "b", "c", "d", "e", "f", "k"]  # k has exactly 300


@pytest.mark.parametrize("weighted", [False, True])
def test_z_values_have_mean_0_and_sd_1_over_the_valid_areas(weighted):
    """The method: unweighted mean, population SD. The negative control (weighted=True) moves only
    the mean to the population-weighted one."""
    frame = _frame()
    r = engine.compute(frame, _settings(weighted_mean=weighted))
    valid = r["gueltig"].to_numpy()
    w = frame["einwohner"].to_numpy(dtype=float)[valid] if weighted else None
    for c in ("z_S1", "z_S2", "z_D1", "statusindex", "dynamikindex"):
        z = r[c].to_numpy(dtype=float)
        assert np.isnan(z[~valid]).all(), c
        assert abs(np.average(z[valid], weights=w)) < 1e-9, c
        assert abs(z[valid].std(ddof=0) - 1) < 1e-9, c
    assert np.allclose(r["statussumme"][valid], (r["z_S1"] + r["z_S2"])[valid])


def test_codes_labels_symbols_and_focus_follow_the_classes():
    r = engine.compute(_frame(), _settings(fokus_codes=(31, 41, 25)))
    status_words = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
    dyn_words, dyn_symbols = {1: "positiv", 3: "stabil", 5: "negativ"}, {1: "+", 3: "+/-", 5: "-"}
    for q in IDS:
        if r.at[q, "gueltig"]:
            s, d = int(r.at[q, "statusklasse"]), int(r.at[q, "dynamikklasse"])
            assert r.at[q, "gesamtcode"] == 10 * s + d
            assert (r.at[q, "statuslabel"], r.at[q, "dynamiklabel"]) == (status_words[s], dyn_words[d])
            assert r.at[q, "sozialindex"] == f"{s}{dyn_symbols[d]}"
            assert bool(r.at[q, "fokus"]) == (10 * s + d in (31, 41, 25))
        else:
            assert pd.isna(r.at[q, "gesamtcode"]) and pd.isna(r.at[q, "statusklasse"])
            assert pd.isna(r.at[q, "statuslabel"]) and pd.isna(r.at[q, "sozialindex"])
            assert not r.at[q, "fokus"] and pd.isna(r.at[q, "status_stabil"])
    assert r["fokus"].any()
    # the published schema: integer classes and codes that may be missing, a true/false focus flag
    assert {str(r[c].dtype) for c in ("statusklasse", "dynamikklasse", "gesamtcode")} == {"Int64"}
    assert r["fokus"].dtype == bool


def test_own_thresholds_decide_classes_and_distances():
    thresholds = (-0.5, 0.2, 0.9)
    r = engine.compute(_frame(), _settings(status_thresholds=thresholds, dynamics_thresholds=(-0.3, 0.3)))
    valid = r["gueltig"].to_numpy()
    index = r["statusindex"].to_numpy(dtype=float)[valid]
    expected = np.where(index < -0.5, 1, np.where(index <= 0.2, 2, np.where(index <= 0.9, 3, 4)))
    assert list(r["statusklasse"][valid].astype(int)) == list(expected)
    distance = np.min(np.abs(index[:, None] - np.array(thresholds)[None, :]), axis=1)
    assert np.allclose(r["status_abstand"].to_numpy(dtype=float)[valid], distance)
    dyn = r["dynamikindex"].to_numpy(dtype=float)[valid]
    assert list(r["dynamikklasse"][valid].astype(int)) == list(np.where(dyn < -0.3, 1, np.where(dyn <= 0.3, 3, 5)))


def test_leave_one_out_is_what_a_recomputation_without_the_indicator_gives():
    frame, settings = _frame(), _settings(status_thresholds=(-0.5, 0.2, 0.9))
    r = engine.compute(frame, settings)
    expected = {q: [] for q in IDS}
    kept = frame.loc[r["gueltig"]]  # the same valid areas: a row missing only the dropped value stays out
    for c in settings.status_columns:
        rest = tuple(x for x in settings.status_columns if x != c)
        alt = engine.compute(kept, settings.replace(status_columns=rest)).reindex(frame.index)
        for q in IDS:
            if r.at[q, "gueltig"] and alt.at[q, "statusklasse"] != r.at[q, "statusklasse"]:
                expected[q].append(c)
    for q in IDS:
        if r.at[q, "gueltig"]:
            assert r.at[q, "status_kippt_ohne"] == ",".join(expected[q]), q
            assert r.at[q, "status_stabil"] == (not expected[q]), q
    assert any(expected.values()), "the frame must have an area whose class depends on one indicator"


def test_errors_name_what_is_wrong():
    with pytest.raises(ComputationError, match=r"^Spalte\(n\) fehlen: S9, D9$"):
        engine.compute(_frame(), _settings(status_columns=("S1", "S9"), dynamics_columns=("D9",)))
    doubled = pd.concat([_frame(), _frame().iloc[:1]])
    with pytest.raises(ComputationError, match="^Gebietskennungen sind nicht eindeutig$"):
        engine.compute(doubled, _settings())
    flat = _frame().assign(S2=7.0)
    with pytest.raises(ComputationError, match="^Ein Indikator oder eine Indexsumme hat über alle gültigen Gebiete "
                                               "denselben Wert; ein z-Wert ist dann nicht definiert.$"):
        engine.compute(flat, _settings())


def test_the_minimum_number_of_valid_areas_is_enough():
    three = _frame().loc[["a", "b", "c", "g"]]
    assert engine.compute(three, _settings(min_valid_areas=3))["gueltig"].sum() == 3
    with pytest.raises(ComputationError, match="^Nur 3 gültige Gebiete; für einen Index braucht es mindestens 4.$"):
        engine.compute(three, _settings(min_valid_areas=4))


def test_classify_at_the_thresholds_and_for_missing_values():
    assert list(engine.classify_status(np.array([np.nan, -1.0001, -1.0, 1.0, 1.5, 1.5001]))) == [0, 1, 2, 2, 3, 4]
    assert list(engine.classify_dynamics(np.array([np.nan, -1.0001, -1.0, 1.0, 1.0001]))) == [0, 1, 3, 3, 5]


def test_matrix_counts_valid_areas_in_every_cell():
    r = engine.compute(_frame(), _settings())
    m = engine.matrix(r)
    assert list(m.index) == ["hoch", "mittel", "niedrig", "sehr niedrig"]
    assert list(m.columns) == ["positiv", "stabil", "negativ"]
    assert m.to_numpy().sum() == r["gueltig"].sum()
    valid = r[r["gueltig"]]
    for s, label in ((1, "hoch"), (2, "mittel"), (3, "niedrig"), (4, "sehr niedrig")):
        for d, dl in ((1, "positiv"), (3, "stabil"), (5, "negativ")):
            assert m.at[label, dl] == ((valid["statusklasse"] == s) & (valid["dynamikklasse"] == d)).sum()


@pytest.mark.parametrize("part", ["status", "dynamik"])
def test_an_index_with_one_part_only(part):
    """A city may publish only a status (or only a dynamics) index: the other part's class counts 0."""
    kw = {"dynamics_columns": ()} if part == "status" else {"status_columns": ()}
    r = engine.compute(_frame(), _settings(**kw))
    valid = r[r["gueltig"]]
    other = "dynamikklasse" if part == "status" else "statusklasse"
    assert other not in r and f"{part}klasse" in r
    factor = 10 if part == "status" else 1
    assert list(valid["gesamtcode"]) == [factor * int(k) for k in valid[f"{part}klasse"]]
    assert valid["sozialindex"].isna().all()  # the symbol needs both parts


def test_matrix_lists_every_class_also_without_areas():
    result = pd.DataFrame({"gueltig": [True, True, False], "statusklasse": [1, 2, None],
                           "dynamikklasse": [1, 1, None]})
    m = engine.matrix(result)
    assert m.shape == (4, 3) and m.to_numpy().sum() == 2
    assert m.at["hoch", "positiv"] == 1 and m.at["mittel", "positiv"] == 1 and m.at["sehr niedrig", "negativ"] == 0
