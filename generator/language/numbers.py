"""Numbers as the reader sees them: German format, the value *as displayed*, units.

Every sentence is made from the displayed value (``shown``), never from the unrounded one, so a
reader who recomputes a ratio or a difference from the printed numbers gets what the words say.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from .signs import UNKNOWN

VALUE_DIGITS = 1  # indicator values, city values, changes in percentage points
INDEX_DIGITS = 2  # index values, z-values, contributions, distances to a threshold


def missing(value: Any) -> bool:
    """None, pd.NA, NaN and anything that is no number."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def shown(value: Any, digits: int = VALUE_DIGITS) -> float | None:
    """The value exactly as ``de(value, digits)`` prints it (None when it is missing).

    Python's ``round`` and format rounding agree (both round the binary value correctly), so
    ``de(shown(v, d), d) == de(v, d)`` for every v."""
    if missing(value):
        return None
    out = float(f"{float(value):.{digits}f}")
    return 0.0 if out == 0 else out


def de(value: Any, digits: int = VALUE_DIGITS, sign: bool = False) -> str:
    """German number format: decimal comma, grouping with a dot, "−" as minus, "±0,0" for a change
    of zero. A value that rounds to zero has no sign ("0,0", never "−0,0"). A missing value is
    written as the sign of official statistics for an unknown or secret number („.“)."""
    v = shown(value, digits)
    if v is None:
        return UNKNOWN
    text = f"{v:+,.{digits}f}" if sign else f"{v:,.{digits}f}"
    if sign and v == 0:
        text = "±" + text[1:]
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", "−")


def integer(value: Any) -> str:
    return de(value, 0)


def threshold(value: float) -> str:
    """A class limit with as many decimals as it has (at least one): "−1,0", "1,5", "1,25"."""
    for digits in range(1, 4):
        if abs(round(value, digits) - value) < 1e-9:
            return de(value, digits)
    return de(value, 3)


def date(value: dt.date) -> str:
    """German date: 31.12.2022."""
    return value.strftime("%d.%m.%Y")


def unit_short(einheit: str) -> str:
    """How a value's unit follows the number: "12,3 %" or "4,1 je 100 Einwohner"."""
    return "%" if einheit.strip().lower() in ("prozent", "%") else einheit.strip()


def is_percent(einheit: str) -> bool:
    return unit_short(einheit) == "%"


def with_unit(value: Any, einheit: str, digits: int = VALUE_DIGITS, sign: bool = False) -> str:
    """ "12,3 %", "4,1 je 100 Einwohner"; a missing value is its sign alone (no unit after „.“)."""
    if missing(value):
        return de(value)
    return f"{de(value, digits, sign)} {unit_short(einheit)}"


def change_unit(einheit: str) -> str:
    """The unit of a change: percentage points for shares, the unit itself for rates."""
    return "Prozentpunkte" if is_percent(einheit) else einheit.strip()


def title_with_unit(titel: str, einheit: str) -> str:
    """An indicator's title with its unit in brackets, unless the title already says it:
    "Haushalte mit Wohngeld (Prozent)", "Zuzüge über die Stadtgrenze je 100 Einwohner"."""
    unit = einheit.strip()
    if unit and unit.lower() in titel.lower():
        return titel
    return f"{titel} ({unit})" if unit else titel


def size(n_bytes: int) -> str:
    """A file size: "185 KB", "1,3 MB"."""
    return f"{de(n_bytes / 1024, 0)} KB" if n_bytes < 1024 * 1024 else f"{de(n_bytes / 1024 / 1024, 1)} MB"


NUMBER_WORDS = {0: "null", 1: "ein", 2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht",
                9: "neun", 10: "zehn", 11: "elf", 12: "zwölf"}


def count_word(n: int) -> str:
    """Small counts as words in running text ("drei Jahre"), larger ones as digits."""
    return NUMBER_WORDS.get(n, integer(n)) if n != 1 else "ein"
