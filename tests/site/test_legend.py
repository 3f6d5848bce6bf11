"""Site: map legends whose class limits agree with the displayed rounding, and truthful group sizes."""

from __future__ import annotations

import random
import re

from generator.language.captions import class_labels, groups
from generator.language.names import Noun
from generator.language.numbers import de
from generator.site.legend import display_classes

AREA = Noun("Sozialquartier", "Sozialquartiere", "das")
NUMBER = r"−?\d+(?:\.\d{3})*,\d"


def _bounds(label: str) -> tuple[float, float]:
    nums = [float(x.replace(".", "").replace(",", ".").replace("−", "-")) for x in re.findall(NUMBER, label)]
    if label.startswith("unter "):
        return float("-inf"), nums[0]
    if label.startswith("ab "):
        return nums[0], float("inf")
    return nums[0], nums[1]


def _parse(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def test_every_printed_value_lies_in_its_printed_class():
    """The value as printed (one decimal) is compared with the limits as printed – also values that
    rounding puts onto a limit (Dümpten 12,94 % printed 12,9 %)."""
    rng = random.Random(6)
    for trial in range(300):
        n = rng.randint(5, 60)
        values = {f"q{i}": rng.choice([rng.uniform(0, 40), round(rng.uniform(0, 40), 1) + rng.choice([-0.04, 0.04])])
                  for i in range(n)}
        classes, limits, sizes = display_classes(values)
        labels = class_labels(limits, "%", sizes, AREA)
        assert sum(sizes) == n and all(s > 0 for s in sizes) and len(labels) == len(sizes) <= 5
        for q, v in values.items():
            printed = _parse(de(v))
            lo, hi = _bounds(labels[classes[q]])
            assert lo <= printed < hi, (trial, q, de(v), labels[classes[q]])


def test_a_value_rounded_onto_a_limit_starts_the_upper_class():
    values = {"a": 7.55, "b": 7.6, "c": 12.94, "d": 12.9, "e": 18.0, "f": 3.1, "g": 9.99, "h": 15.01, "i": 21.2,
              "j": 11.0}
    classes, limits, sizes = display_classes(values)
    assert all(_parse(de(limit)) == limit for limit in limits)  # every limit is itself a printed value
    assert classes["c"] == classes["d"]  # 12,94 and 12,9 print alike, so they share a class


def test_group_sizes_are_described_as_they_are():
    assert groups([5, 5, 5, 5, 5], AREA) == "fünf gleich großen Gruppen (je 5 Sozialquartiere)"
    assert groups([6, 5, 5, 5, 6], AREA) == "fünf etwa gleich großen Gruppen (6, 5, 5, 5 und 6 Sozialquartiere)"
    _, _, sizes = display_classes({f"q{i}": float(i) for i in range(27)})
    assert sorted(sizes) == [5, 5, 5, 6, 6]
