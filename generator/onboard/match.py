"""Names as offices spell them, matched to the areas of quartiere.csv.

An area is found by its quartier_id, its code (kennung) or its name, under rules tried in order; the first
rule under which anything fits decides, and if two areas fit under it the row is ambiguous (a problem,
never a guess). Every rule but equality is named, so the report can say how a row was matched:

1. ``import.yaml`` (namen: spelling → quartier_id)
2. equality
3. spelling: spaces, underscores, ``/`` with or without spaces, dashes, case, umlauts (ae/oe/ue), ß/ss, „St.“
4. a code in front („03 Nordstadt“, also when quartiere.csv writes the name so and the table does not)
5. a qualifier in parentheses („Innenstadt (Alt-Oberhausen)“)
6. a numeric code against zero-padded or prefixed codes (``1`` ↔ ``01`` ↔ ``STGT01``)

What fits nothing gets the nearest known name as a suggestion.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Words in a row that make it an aggregate, not an area ("Stadt insgesamt", "Summe").
TOTAL_WORDS = ("insgesamt", "gesamt", "summe", "zusammen", "stadt", "gesamtstadt", "total", "zwischensumme",
               "gesamtergebnis", "ergebnis")
DISTRICT_WORDS = ("bezirk", "stadtbezirk", "sozialraum", "stadtteil", "bezirksregion", "summe", "gesamt", "insgesamt",
                  "zusammen")

# The spelling rules, applied cumulatively to both sides; the first step after which they agree names the rule.
_STEPS: tuple[tuple[str, object], ...] = (
    ("Leerzeichen", lambda t: re.sub(r"\s+", " ", t).strip()),
    ("Unterstrich als Leerzeichen", lambda t: t.replace("_", " ")),
    ("Schrägstrich mit oder ohne Leerzeichen", lambda t: re.sub(r"\s*/\s*", "/", t)),
    ("Bindestrich oder Leerzeichen", lambda t: re.sub(r"\s*[-‐–—]\s*", " ", t)),
    ("Groß-/Kleinschreibung", str.lower),
    ("Umlaut als ae/oe/ue", lambda t: t.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"}))),
    ("ß als ss", lambda t: t.replace("ß", "ss")),
    ("„St.“ als Sankt", lambda t: re.sub(r"\bst\.\s*", "sankt ", t)),
    ("Satzzeichen", lambda t: re.sub(r"[^a-z0-9]+", "", t)),
)
CODE_PREFIX = re.compile(r"^\s*([A-Z]{0,6}[-_ ]?\d{1,6}[a-z]?)(?:\s*[-.:)]\s*|\s+)(?=\D)(.+)$")
QUALIFIER = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
NUMERIC_CODE = re.compile(r"^\s*(?:([A-Za-z]+)[-_ ]?)?0*(\d+)(?:\.0+)?\s*$")


def key(text: object) -> str:
    """Case, umlauts, punctuation and spaces do not distinguish two names."""
    return _key(str(text))


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    t = text.strip().lower().translate(_SPELLED)
    t = re.sub(r"\bst\.\s*", "sankt ", t)
    return re.sub(r"[^a-z0-9]+", "", t)


def number_key(text: object) -> str | None:
    """"01", "1" and "1.0" are one numeric code."""
    t = str(text).strip()
    if re.fullmatch(r"\d+(\.0+)?", t):
        return str(int(float(t)))
    return None


def spelling_rule(a: str, b: str) -> str | None:
    """How ``a`` and ``b`` differ when they are the same name spelt differently, e.g. "Unterstrich als
    Leerzeichen"; "" when equal; None when they are different names."""
    if a == b:
        return ""

    def agree(skip: set[str]) -> bool:
        x, y = a, b
        for label, step in _STEPS:
            if label not in skip:
                x, y = step(x), step(y)
        return x == y

    if not agree(set()):
        return None
    used = [label for label, _ in _STEPS]
    for label, _ in reversed(_STEPS):  # keep only the rules without which the two would differ (generic ones go first)
        if agree({*(l for l, _ in _STEPS if l not in used), label}):
            used.remove(label)
    return ", ".join(used) or "Schreibweise"


def _code(text: str) -> tuple[str, str] | None:
    """("STGT", "1") for "STGT01", ("", "1") for "1" / "01" / "1.0"; None for anything else."""
    m = NUMERIC_CODE.fullmatch(str(text))
    return ((m[1] or "").upper(), str(int(m[2]))) if m else None


@dataclass(frozen=True)
class Match:
    qid: str | None  # the area, or None (unknown or ambiguous)
    rule: str = ""  # "" for equality; else how it was matched, in German
    candidates: tuple[str, ...] = ()  # two or more areas when ambiguous
    written: str = ""  # the value in quartiere.csv it matched (name, kennung or id)

    @property
    def ambiguous(self) -> bool:
        return self.qid is None and len(self.candidates) > 1


class Areas:
    """Looks up an area by id, the city's own code (kennung) or name, in any common spelling."""

    def __init__(self, rows: list[dict[str, str]], aliases: dict[str, str] | None = None):
        self.names = {r["quartier_id"]: r.get("name") or r["quartier_id"] for r in rows}
        self._values: list[tuple[str, str]] = []  # (written value, qid) over id, kennung, name
        for r in rows:
            for v in dict.fromkeys(str(r.get(f) or "").strip() for f in ("name", "kennung", "quartier_id")):
                if v:
                    self._values.append((v, r["quartier_id"]))
        self._exact: dict[str, set[str]] = {}
        self._by_key: dict[str, set[str]] = {}
        self._by_bare: dict[str, dict[str, set[str]]] = {"code": {}, "qualifier": {}}  # names without code/qualifier
        self._by_code: dict[tuple[str, str], set[str]] = {}
        for v, q in self._values:
            self._exact.setdefault(v, set()).add(q)
            self._by_key.setdefault(key(v), set()).add(q)
            for kind, bare in (("code", _strip_code(v)), ("qualifier", _strip_qualifier(v))):
                if bare and key(bare) != key(v):
                    self._by_bare[kind].setdefault(key(bare), set()).add(q)
            if (c := _code(v)) is not None:
                self._by_code.setdefault(c, set()).add(q)
                self._by_code.setdefault(("*", c[1]), set()).add(q)
        self._aliases = {key(k): v for k, v in (aliases or {}).items()}
        self._cache: dict[str, Match] = {}
        self._aggregate_cache: dict[tuple[str, str], str | None] = {}
        self._districts = {key(v): v for r in rows for v in (r.get("stadtbezirk"), r.get("sozialraum")) if v}
        self._members: dict[str, set[str]] = {}
        for r in rows:
            for v in (r.get("stadtbezirk"), r.get("sozialraum")):
                if v:
                    self._members.setdefault(key(v), set()).add(r["quartier_id"])
        self.aggregates = set(self._districts)

    # -- lookup -------------------------------------------------------------------------------------

    def match(self, text: object) -> Match:
        t = str(text).strip()
        if t not in self._cache:
            self._cache[t] = self._match(t)
        return self._cache[t]

    def _match(self, t: str) -> Match:
        if not t:
            return Match(None)
        if key(t) in self._aliases:
            return Match(self._aliases[key(t)], "laut import.yaml", written=t)
        for found in (self._equal(t), self._spelling(t), self._prefixed(t), self._qualified(t), self._numeric(t)):
            if found is not None:
                return found
        return Match(None)

    def find(self, text: object) -> str | None:
        """The area when exactly one fits."""
        return self.match(text).qid

    def is_exact(self, text: str) -> bool:
        """Written exactly as in quartiere.csv (name, code or id)."""
        return str(text).strip() in self._exact

    def _decide(self, qids: set[str], rule: str, written: str = "") -> Match | None:
        if not qids:
            return None
        if len(qids) > 1:
            return Match(None, rule, tuple(sorted(qids)))
        return Match(next(iter(qids)), rule, written=written)

    def _written(self, qid: str, text: str) -> tuple[str, str]:
        """(the value of ``qid`` that ``text`` spells, the rule) with the fewest rules."""
        best = None
        for v, q in self._values:
            if q == qid and (rule := spelling_rule(text, v)) is not None:
                if best is None or rule.count(",") < best[1].count(","):
                    best = (v, rule)
        return best or (self.names[qid], "Schreibweise")

    def _equal(self, t: str) -> Match | None:
        return self._decide(self._exact.get(t, set()), "", t)

    def _spelling(self, t: str) -> Match | None:
        qids = self._by_key.get(key(t), set()) if key(t) else set()
        if len(qids) != 1:
            return self._decide(qids, "Schreibweise")
        q = next(iter(qids))
        written, rule = self._written(q, t)
        return Match(q, rule or "Schreibweise", written=written)

    def _prefixed(self, t: str) -> Match | None:
        """„03 Nordstadt“ for Nordstadt (or for the area coded 03); „Nordstadt“ where quartiere.csv says „03 Nordstadt“."""
        m = CODE_PREFIX.match(t)
        if m:
            by_name = self._by_key.get(key(m[2]), set()) | self._bare(key(m[2]))
            by_code = self._code_matches(m[1])
            if by_name and by_code:
                both = by_name & by_code
                if both:
                    return self._decide(both, "Kennziffer vorangestellt")
                return Match(None, "Kennziffer und Name gehören zu verschiedenen Gebieten",
                             tuple(sorted(by_name | by_code)))
            if by_name:
                return self._decide(by_name, "Kennziffer vorangestellt")
        bare = self._by_bare["code"].get(key(t), set())
        return self._decide(bare, "ohne die Kennziffer, die quartiere.csv dem Namen voranstellt") if key(t) else None

    def _qualified(self, t: str) -> Match | None:
        bare = _strip_qualifier(t)
        if not bare:
            qids = self._by_bare["qualifier"].get(key(t), set())
            return self._decide(qids, "ohne den Zusatz in Klammern, den quartiere.csv nennt") if key(t) else None
        qids = self._by_key.get(key(bare), set()) | self._bare(key(bare))
        if not qids:
            return None
        return self._decide(qids, "Zusatz in Klammern weggelassen")

    def _bare(self, k: str) -> set[str]:
        return self._by_bare["code"].get(k, set()) | self._by_bare["qualifier"].get(k, set())

    def _code_matches(self, text: str) -> set[str]:
        c = _code(text)
        if c is None:
            return set()
        return self._by_code.get(c, set()) if c[0] else self._by_code.get(("*", c[1]), set())

    def _numeric(self, t: str) -> Match | None:
        c = _code(t)
        if c is None:
            return None
        qids = self._code_matches(t)
        rule = "Kennziffer ohne führende Nullen" if not c[0] else "Kennziffer in anderer Schreibweise"
        if qids and not c[0] and len(qids) == 1:
            written = next((v for v, q in self._values if q in qids and _code(v) and _code(v)[1] == c[1]), "")
            if written and re.sub(r"\d", "", written):
                rule = "Kennziffer ohne Präfix"
        return self._decide(qids, rule)

    # -- rows that are no area ------------------------------------------------------------------------

    def aggregate(self, text: str, city: str = "") -> str | None:
        """Why a row is a total or a district subtotal ("Stadt insgesamt", "Alt-Oberhausen", "Summe Osterfeld"),
        or None."""
        k = (str(text), city)
        if k not in self._aggregate_cache:
            self._aggregate_cache[k] = self._aggregate(*k)
        return self._aggregate_cache[k]

    def _aggregate(self, text: str, city: str) -> str | None:
        t = text.strip()
        if not t:
            return None
        k = key(t)
        words = re.findall(r"[a-zäöüß]+", t.lower())
        if k in self._districts:
            return f"Zwischensumme „{self._districts[k]}“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"
        rest = [w for w in words if w not in DISTRICT_WORDS]
        bare = key(" ".join(rest))
        if bare and bare != k and bare in self._districts:
            return f"Zwischensumme „{self._districts[bare]}“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"
        if city and (k == key(city) or bare == key(city)):
            return "Summe der Stadt"
        if any(w in TOTAL_WORDS for w in words):
            return "Summenzeile"
        return None

    def members(self, text: str) -> set[str]:
        """The areas of the district (stadtbezirk or sozialraum in quartiere.csv) ``text`` names."""
        k = key(text)
        if k in self._members:
            return self._members[k]
        bare = key(" ".join(w for w in re.findall(r"[a-zäöüß]+", str(text).lower()) if w not in DISTRICT_WORDS))
        return self._members.get(bare, set())

    def is_aggregate(self, text: str, city: str = "") -> bool:
        """A total or district row ("Stadt insgesamt", "Alt-Oberhausen"), which is no area."""
        return self.aggregate(text, city) is not None

    def suggest(self, text: str) -> str | None:
        """The nearest known name, for a hint."""
        by_key = {key(n): n for n in self.names.values()}
        t = _strip_qualifier(str(text)) or str(text)
        m = CODE_PREFIX.match(t)
        close = difflib.get_close_matches(key(m[2] if m else t), list(by_key), n=1, cutoff=0.6)
        return by_key[close[0]] if close else None


def _strip_code(text: str) -> str:
    m = CODE_PREFIX.match(text)
    return m[2].strip() if m else ""


def _strip_qualifier(text: str) -> str:
    bare = QUALIFIER.sub(" ", text).strip()
    return bare if bare != text.strip() else ""
