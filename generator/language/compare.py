"""Comparison words, made from the two numbers *as displayed*.

The editor's rule: a phrase names a figure F; the ratio of the two displayed numbers lies within
F/1.06 … F·1.06. The phrases and their figures:

- named fractions and multiples ("etwa ein Fünftel höher als" = 1,2, "etwa doppelt so hoch wie" = 2, …),
  chosen when the ratio lies within ±5,8 % of the figure (the nearest one wins);
- between them "etwa N % höher/niedriger als" (1 ± N/100) below 2 and "etwa N,N-mal so hoch wie"
  from 2 to 10, so every ratio gets a phrase within ±6 % of its figure;
- "weniger als ein Zehntel so hoch wie" and "mehr als zehnmal so hoch wie" at the ends.

Small numbers: where a displayed value is below 1,7 (with one decimal the rounding then moves it
by more than 3 %), where a value can be negative and for changes (percentage points), the words
name the difference of the displayed numbers instead: "2,3 Prozentpunkte mehr als".
Two identical displayed numbers are "etwa so hoch wie" each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .numbers import VALUE_DIGITS, change_unit, de, missing, shown, unit_short

TOLERANCE = 1.06  # the editor's band around the named figure
NAMED_TOLERANCE = 1.058  # a named figure is used within ±5,8 % (a margin inside the editor's ±6 %)
ROUNDING_LIMIT = 0.03  # above this relative rounding error a ratio says nothing

NAMED: tuple[tuple[float, str], ...] = (
    (1 / 5, "etwa ein Fünftel so hoch wie"),
    (1 / 4, "etwa ein Viertel so hoch wie"),
    (1 / 3, "etwa ein Drittel so hoch wie"),
    (1 / 2, "etwa halb so hoch wie"),
    (2 / 3, "etwa ein Drittel niedriger als"),
    (3 / 4, "etwa ein Viertel niedriger als"),
    (4 / 5, "etwa ein Fünftel niedriger als"),
    (0.9, "etwas niedriger als"),
    (1.0, "etwa so hoch wie"),
    (1.1, "etwas höher als"),
    (1.2, "etwa ein Fünftel höher als"),
    (1.25, "etwa ein Viertel höher als"),
    (4 / 3, "etwa ein Drittel höher als"),
    (1.5, "etwa anderthalbmal so hoch wie"),
    (2.0, "etwa doppelt so hoch wie"),
    (2.5, "etwa zweieinhalbmal so hoch wie"),
    (3.0, "etwa dreimal so hoch wie"),
    (4.0, "etwa viermal so hoch wie"),
    (5.0, "etwa fünfmal so hoch wie"),
    (6.0, "etwa sechsmal so hoch wie"),
    (7.0, "etwa siebenmal so hoch wie"),
    (8.0, "etwa achtmal so hoch wie"),
    (9.0, "etwa neunmal so hoch wie"),
    (10.0, "etwa zehnmal so hoch wie"),
)
BELOW = "weniger als ein Zehntel so hoch wie"
ABOVE = "mehr als zehnmal so hoch wie"
NOT_COMPARABLE = "nicht vergleichbar"


@dataclass(frozen=True)
class Phrase:
    words: str  # e.g. "etwa ein Fünftel höher als" (followed by the place: "in der Stadt")
    figure: float | None  # the ratio it names; None for a difference or an open end
    difference: float | None = None  # the displayed difference, for difference phrases


def ratio_phrase(ratio: float) -> Phrase:
    """The phrase for a ratio of two displayed numbers (both > 0)."""
    if ratio < 0.1:
        return Phrase(BELOW, None)
    if ratio > 10 * NAMED_TOLERANCE:
        return Phrase(ABOVE, None)
    near = [(abs(math.log(ratio / f)), f, w) for f, w in NAMED if abs(math.log(ratio / f)) <= math.log(NAMED_TOLERANCE)]
    if near:
        _, figure, words = min(near)
        return Phrase(words, figure)
    if ratio < 1:
        n = round((1 - ratio) * 100)
        return Phrase(f"etwa {n} % niedriger als", 1 - n / 100)
    if ratio < 2:
        n = round((ratio - 1) * 100)
        return Phrase(f"etwa {n} % höher als", 1 + n / 100)
    times = round(ratio, 1)
    return Phrase(f"etwa {de(times, 1)}-mal so hoch wie", times)


def is_small(value: float, digits: int = VALUE_DIGITS) -> bool:
    """Whether rounding to ``digits`` moves this displayed value by more than 3 %."""
    return abs(value) < 0.5 * 10 ** -digits / ROUNDING_LIMIT


def phrase(value, reference, einheit: str = "Prozent", digits: int = VALUE_DIGITS) -> Phrase | None:
    """How ``value`` compares with ``reference``, from both as displayed with ``digits``."""
    if missing(value) or missing(reference):
        return None
    a, b = shown(value, digits), shown(reference, digits)
    if a == b:
        return Phrase("etwa so hoch wie", 1.0, 0.0)
    ratio_ok = (unit_short(einheit) != "Prozentpunkte" and a > 0 and b > 0
                and not is_small(a, digits) and not is_small(b, digits))
    if ratio_ok:
        return ratio_phrase(a / b)
    diff = shown(a - b, digits)
    if diff == 0:  # cannot happen for different displayed numbers, kept for safety
        return Phrase("etwa so hoch wie", 1.0, 0.0)
    more = "mehr" if diff > 0 else "weniger"
    return Phrase(f"{de(abs(diff), digits)} {change_unit(einheit)} {more} als", None, diff)


def compare(value, reference, einheit: str = "Prozent", where: str = "in der Stadt",
            digits: int = VALUE_DIGITS) -> str:
    """ "etwa ein Fünftel höher als in der Stadt" – or "nicht vergleichbar" when one is missing."""
    p = phrase(value, reference, einheit, digits)
    return f"{p.words} {where}" if p else NOT_COMPARABLE
