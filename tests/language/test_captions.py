"""Captions of figures in edge cases a real city meets (found by `make bench`: a synthetic city of
500 areas in which one indicator had no published value stopped the build)."""

from __future__ import annotations

import datetime

from generator.language import captions
from generator.language.names import Noun


def test_a_map_without_any_published_value_is_described_not_crashed():
    area = Noun("Sozialquartier", "Sozialquartiere", "das")
    assert captions.groups([], area) == "keiner Gruppe (kein veröffentlichter Wert)"
    title, subtitle, alt, caption, note = captions.indicator_map(
        "SGB II", "SGB-II-Quote", "%", area, area, "Musterstadt", "Sozialbericht 2022", datetime.date(2022, 12, 31), 2022, [])
    assert "keiner Gruppe" in alt and "keiner Gruppe" in caption


def test_group_sizes_are_told_as_they_are():
    area = Noun("Sozialquartier", "Sozialquartiere", "das")
    assert captions.groups([5, 5, 5], area).startswith("drei gleich großen Gruppen")
    assert "(6, 5, 5, 5 und 6 Sozialquartiere)" in captions.groups([6, 5, 5, 5, 6], area)
