"""Class limits of an indicator map that agree with the displayed rounding.

The areas are put into (up to) five groups of about the same size by their values *as displayed*;
every class limit is itself a displayed value (the smallest value of its group), and a value equal
to a limit belongs to the class that starts there. So "Dümpten: 12,9 %" lies in "12,9 bis unter …",
never in "… bis unter 12,9 %". The group sizes are reported as they are (e.g. 5, 6, 5, 6, 5).
"""

from __future__ import annotations

from bisect import bisect_right

from ..language.numbers import VALUE_DIGITS, missing, shown


def display_classes(values: dict[str, float | None], n: int = 5,
                    digits: int = VALUE_DIGITS) -> tuple[dict[str, int], list[float], list[int]]:
    """(class 0…k-1 per area, the k-1 limits, the size of each class) from the displayed values."""
    clean = {q: shown(v, digits) for q, v in values.items() if not missing(v)}
    if not clean:
        return {}, [], []
    ordered = sorted(clean.values())
    m = len(ordered)
    limits: list[float] = []
    for i in range(1, n):
        pos = round(i * m / n)
        if 0 < pos < m:
            limit = ordered[pos]
            if limit > ordered[0] and (not limits or limit > limits[-1]):
                limits.append(limit)
    classes = {q: bisect_right(limits, v) for q, v in clean.items()}
    sizes = [sum(1 for c in classes.values() if c == i) for i in range(len(limits) + 1)]
    return classes, limits, sizes
