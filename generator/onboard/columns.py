"""What a workbook column holds, from its header: which indicator, and whether counts (numerator or
denominator), a share, or the residents. A saved import.yaml decides first; the rest is recognised
from the indicators' ids, short names, titles and definitions in indikatoren.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config.models import ColumnRole, ImportMapping
from .match import key

SHARE_WORDS = ("anteil", "quote", "prozent", "in %", "%", "je 100")
DENOMINATOR_WORDS = ("nenner", "bezug", "basis", "grundgesamtheit", "bezugsgruppe", "bezugsbevoelkerung")
COUNT_WORDS = ("anzahl", "zaehler", "absolut", "faelle", "personen", "insgesamt")
RESIDENT_WORDS = ("einwohner", "einwohnerinnen", "bevoelkerung", "ew", "hauptwohnsitz")
AGE_WORDS = ("unter", "ab", "bis", "von", "jahre", "jahren", "aelter", "juenger", "alter")
YEAR_HEADERS = ("jahr", "berichtsjahr", "stichtagsjahr", "stichtag")


@dataclass(frozen=True)
class Indicator:
    id: str
    aliases: tuple[str, ...]  # keys of id, short name, title
    numerator: str  # key of zaehler_definition
    denominator: str  # key of nenner_definition


def indicators_of(rows: list[dict[str, str]]) -> list[Indicator]:
    return [Indicator(r["indikator_id"],
                      tuple(k for k in dict.fromkeys(key(r.get(f, "")) for f in ("indikator_id", "kurzname", "titel")) if k),
                      key(r.get("zaehler_definition", "")), key(r.get("nenner_definition", "")))
            for r in rows]


def _words(text: str) -> list[str]:
    t = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.findall(r"[a-z0-9]+|%", t)


def is_year_column(header_key: str) -> bool:
    return key(header_key) in YEAR_HEADERS


def recognise(header_key: str, indicators: list[Indicator]) -> ColumnRole | None:
    """The role of a column from its header (years already removed), or None if unclear.

    First the indicator: the longest id, short name, title or numerator definition contained in the
    header. Then the role from the words left over ("Anzahl", "Anteil in %", the reference group)."""
    parts = [p for p in header_key.split(" | ") if p]
    whole = key(header_key)
    best, alias = None, ""
    for ind in indicators:
        for a in (*ind.aliases, ind.numerator):
            if a and a in whole and len(a) > len(alias):
                best, alias = ind, a
    words = _words(header_key)
    if best is None:
        if words and words[0] in RESIDENT_WORDS and not any(w in AGE_WORDS for w in words):
            return ColumnRole(rolle="einwohner")
        return None
    rest_parts = [p for p in parts if alias not in key(p)]
    if not rest_parts:  # one header part: what is left of it once the indicator's name is taken out
        named = next(p for p in parts if alias in key(p))
        rest_parts = [" ".join(w for w in _words(named) if w == "%" or key(w) not in alias)]
    rest = [w for p in rest_parts for w in _words(p)]
    if best.denominator and any(key(p) == best.denominator for p in rest_parts):
        return ColumnRole(rolle="nenner", indikator=best.id)
    if "%" in rest or any(w in rest for w in SHARE_WORDS):
        return ColumnRole(rolle="anteil", indikator=best.id)
    if any(w in rest for w in DENOMINATOR_WORDS) or any(key(p).startswith(RESIDENT_WORDS) for p in rest_parts):
        return ColumnRole(rolle="nenner", indikator=best.id)
    if any(w in rest for w in COUNT_WORDS) or (alias == best.numerator and not any(rest)):
        return ColumnRole(rolle="zaehler", indikator=best.id)
    return None


def role_for(header_key: str, mapping: ImportMapping, indicators: list[Indicator]) -> tuple[ColumnRole | None, str]:
    """The column's role and where it came from ("import.yaml" or "erkannt")."""
    if header_key in mapping.spalten:
        return mapping.spalten[header_key], "import.yaml"
    by_key = {key(k): v for k, v in mapping.spalten.items()}
    if key(header_key) in by_key:
        return by_key[key(header_key)], "import.yaml"
    found = recognise(header_key, indicators)
    return found, "erkannt"
