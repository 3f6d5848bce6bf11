"""Context indicators explain the index and never enter it."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from generator.build import build
from generator.index.edition import compute_all
from generator.inputs.validate import validate_city

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"


def _with_extra_context(tmp_path: Path) -> Path:
    """The minimal city plus a context indicator whose values would move any index they entered."""
    city = tmp_path / "mehr"
    shutil.copytree(MINIMAL, city)
    with open(city / "indikatoren.csv", "a", encoding="utf-8") as f:
        f.write("laerm,Lärm,Wohnungen an lauten Straßen,Wohnungen an Straßen über 65 dB(A),Wohnungen,Prozent,"
                "Umweltamt,hoeher_benachteiligt,kontext,,Test\n")
    quarters = [line.split(",")[0] for line in (city / "quartiere.csv").read_text(encoding="utf-8").splitlines()[1:]]
    with open(city / "werte.csv", "a", encoding="utf-8") as f:
        for i, q in enumerate(quarters):
            for year in (2018, 2019, 2020):
                f.write(f"{q},laerm,{year},{50 + 130 * i + 70 * (year - 2018) * (-1) ** i},1000\n")
    return city


def test_a_new_context_indicator_changes_no_index_value(tmp_path):
    before = compute_all(validate_city(MINIMAL))[2020].result
    data = validate_city(_with_extra_context(tmp_path))
    assert "laerm" in set(data.values["indikator_id"])
    after = compute_all(data)[2020].result
    assert list(after.columns) == list(before.columns)  # no z-value column for a context indicator
    pd.testing.assert_frame_equal(after, before)


def test_context_indicators_are_in_the_package_and_on_the_pages_but_not_in_the_index(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    city = _with_extra_context(tmp_path)
    site = tmp_path / "site"
    build("mehr", site, data_dir=city.parent, docs_dir=None)
    pkg = site / "daten" / "2020"
    indicators = pd.read_csv(pkg / "indikatoren.csv").set_index("indikator_id")
    assert indicators.at["laerm", "art"] == "kontext" and indicators.at["wohngeld", "art"] == "kontext"
    values = pd.read_csv(pkg / "indikatorwerte.csv")
    assert {"laerm", "wohngeld"} <= set(values["indikator_id"])
    assert not [c for c in pd.read_csv(pkg / "indizes.csv").columns if "laerm" in c or "wohngeld" in c]
    page = (site / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    context = page.split('id="kontext"', 1)[1]
    assert "Lärm" in context and "Wohngeld" in context and "gehen nicht in den Index ein" in context
    assert np.isfinite(values.loc[values["indikator_id"] == "laerm", "anteil"]).all()
