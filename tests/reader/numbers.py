"""Numbers as the pages print them: German format (thousands dot, decimal comma), the minus sign
U+2212 (a hyphen works too), an explicit „+“ or „±“, a unit after it (%, je 100 Einwohner,
Prozentpunkte …). Dates (31.12.2022), version numbers and years are not values."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUM = r"(?:[−+±-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[−+±-]?\d+(?:,\d+)?)"  # a group: safe inside any pattern
_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b|\b\d+(?:\.\d+){2,}\b")
_VALUE = re.compile(rf"(?<![\w,.\-/#])({NUM})(?![\w#]|,\d|\.\d)"
                    r"(?P<unit>\s?%|\s(?:Prozentpunkte?|Punkte?|Indexpunkte?|Prozent)\b)?")
# „je 100 Kinder unter 6 Jahren“: a unit, with the numbers in it, up to the place words or a stop
_PER = re.compile(r"\bje \d[\d.]*(?: (?!(?:in|im|am|an|bei|für|gegenüber|als|wie)\b)[^\s,;:–()]+)*")
_AGE = re.compile(r"\s(?:Jahren?|Jahre)\b")
YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class Value:
    text: str        # the number as printed, without unit
    value: float
    decimals: int
    unit: str
    start: int
    end: int         # end of number and unit in the sentence


def parse(text: str) -> tuple[float, int]:
    """A German number: its value and its number of decimals."""
    t = text.strip().replace("−", "-").replace("±", "").replace("+", "").replace(".", "").replace(",", ".")
    decimals = len(t.split(".")[1]) if "." in t else 0
    return float(t), decimals


def german(x: float, decimals: int) -> str:
    s = f"{abs(x):,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return ("−" if round(x, decimals) < 0 else "") + s


def values(sentence: str) -> list[Value]:
    """The values of a sentence: numbers that are not dates, versions, years, ages („ab 65 Jahren“),
    ranks („Rang 3 von 27“), parts of a unit („je 100 Kinder unter 6 Jahren“) or counts of a whole
    („8 von 27“)."""
    masked = _DATE.sub(lambda m: "#" * len(m.group()), sentence)
    per = {}
    for m in _PER.finditer(masked):
        per[m.start()] = m.group()
        masked = masked[:m.start()] + re.sub(r"\d", "#", m.group()) + masked[m.end():]
    out = []
    for m in _VALUE.finditer(masked):
        text, unit, end = m.group(1), (m.group("unit") or "").strip(), m.end()
        if not unit and masked.startswith(" je ", m.end()) and m.end() + 1 in per:
            unit, end = per[m.end() + 1], m.end() + 1 + len(per[m.end() + 1])
        before = masked[max(0, m.start() - 12):m.start()]
        after = masked[m.end():m.end() + 8]
        if not unit and YEAR.fullmatch(text.lstrip("+−-±")):
            continue
        if _AGE.match(after) or re.search(r"(Rang|Nr\.|Platz)\s$|\d\s(von|aus)\s$", before) or re.match(r"\s(von|aus)\s\d", after):
            continue
        value, decimals = parse(text)
        out.append(Value(text, value, decimals, unit, m.start(), end))
    return out
