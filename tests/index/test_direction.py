"""An indicator where a lower value means more disadvantage enters the index with its sign flipped:
the complement share (100 − x) marked "niedriger_benachteiligt" gives exactly the same index."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from generator.index.edition import compute_all
from generator.inputs.validate import validate_city

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"


def _mirrored(tmp_path: Path, richtung: str) -> Path:
    """kinderarmut replaced by its complement: children *not* in SGB II households."""
    city = tmp_path / richtung
    shutil.copytree(MINIMAL, city)
    lines = (city / "werte.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        q, k, y, count, den = line.split(",")
        out.append(f"{q},{k},{y},{int(den) - int(count)},{den}" if k == "kinderarmut" else line)
    (city / "werte.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    ind = (city / "indikatoren.csv").read_text(encoding="utf-8").splitlines()
    ind = [line.replace(",hoeher_benachteiligt,", f",{richtung},") if line.startswith("kinderarmut,") else line
           for line in ind]
    (city / "indikatoren.csv").write_text("\n".join(ind) + "\n", encoding="utf-8")
    return city


@pytest.fixture(scope="module")
def original():
    return compute_all(validate_city(MINIMAL))[2020].result


def test_a_complement_marked_lower_is_worse_gives_the_same_index(tmp_path, original):
    flipped = compute_all(validate_city(_mirrored(tmp_path, "niedriger_benachteiligt")))[2020].result
    for col in ("statusindex", "dynamikindex", "z_anteil_kinderarmut", "z_veraenderung_kinderarmut"):
        assert np.allclose(flipped[col].astype(float), original[col].astype(float), atol=1e-9), col
    assert (flipped["gesamtcode"] == original["gesamtcode"]).all()


def test_without_the_flip_the_index_would_differ(tmp_path, original):
    """Negative control: the same complement read as "higher is worse" reverses its z-values."""
    unflipped = compute_all(validate_city(_mirrored(tmp_path, "hoeher_benachteiligt")))[2020].result
    assert np.allclose(unflipped["z_anteil_kinderarmut"].astype(float), -original["z_anteil_kinderarmut"].astype(float))
    assert not np.allclose(unflipped["statusindex"].astype(float), original["statusindex"].astype(float))
