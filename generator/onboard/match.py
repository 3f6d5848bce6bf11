"""Names as offices spell them, matched to the areas of quartiere.csv.

"Marienviertel West", "marienviertel-west" and "Marienviertel/West" are one area; "Osterfeld-Mitte/Vondern"
and "Osterfeld Mitte / Vondern" too. What does not match gets the nearest known name as a suggestion.
"""

from __future__ import annotations

import difflib
import re

_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Words in a row that make it an aggregate, not an area ("Stadt insgesamt", "Summe").
TOTAL_WORDS = ("insgesamt", "gesamt", "summe", "zusammen", "stadt", "gesamtstadt")


def key(text: object) -> str:
    """Case, umlauts, punctuation and spaces do not distinguish two names."""
    t = str(text).strip().lower().translate(_SPELLED)
    t = re.sub(r"\bst\.\s*", "sankt ", t)
    return re.sub(r"[^a-z0-9]+", "", t)


def number_key(text: object) -> str | None:
    """"01", "1" and "1.0" are one numeric code."""
    t = str(text).strip()
    if re.fullmatch(r"\d+(\.0+)?", t):
        return str(int(float(t)))
    return None


class Areas:
    """Looks up an area by id, the city's own code (kennung) or name, in any common spelling."""

    def __init__(self, rows: list[dict[str, str]], aliases: dict[str, str] | None = None):
        self.names = {r["quartier_id"]: r.get("name") or r["quartier_id"] for r in rows}
        self._by: dict[str, str] = {}
        self._exact = {str(v).strip() for r in rows for v in (r.get("name"), r.get("kennung"), r["quartier_id"]) if v}
        for r in rows:
            for value in (r.get("name"), r.get("kennung"), r["quartier_id"]):
                if value:
                    self._by.setdefault(key(value), r["quartier_id"])
                    if (n := number_key(value)) is not None:
                        self._by.setdefault("#" + n, r["quartier_id"])
        for spelling, qid in (aliases or {}).items():
            self._by[key(spelling)] = qid
        self.aggregates = {key(v) for r in rows for v in (r.get("stadtbezirk"), r.get("sozialraum")) if v}

    def find(self, text: str) -> str | None:
        if not str(text).strip():
            return None
        n = number_key(text)
        return self._by.get(key(text)) or (self._by.get("#" + n) if n is not None else None)

    def is_exact(self, text: str) -> bool:
        """Written exactly as in quartiere.csv (name, code or id)."""
        return str(text).strip() in self._exact

    def is_aggregate(self, text: str, city: str = "") -> bool:
        """A total or district row ("Stadt insgesamt", "Alt-Oberhausen"), which is no area."""
        k = key(text)
        words = re.findall(r"[a-zäöüß]+", str(text).lower())
        return k in self.aggregates or (city and k == key(city)) or any(w in TOTAL_WORDS for w in words)

    def suggest(self, text: str) -> str | None:
        """The nearest known name, for a hint."""
        by_key = {key(n): n for n in self.names.values()}
        close = difflib.get_close_matches(key(text), list(by_key), n=1, cutoff=0.6)
        return by_key[close[0]] if close else None
