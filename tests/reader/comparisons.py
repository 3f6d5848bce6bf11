"""Comparison phrases judged against the two numbers they compare, as the page displays them.

The editor's contract (the phrase families the generator may use) is parsed here compositionally,
so a phrase means what its German words say, not what a table of the generator says:

* „etwa so hoch wie“ names 1; „etwas höher/niedriger als“ 1,1 / 0,9;
* „etwa <Bruch> höher als“ names 1 + Bruch, „… niedriger als“ 1 − Bruch (ein Zehntel, ein Fünftel,
  ein Viertel, ein Drittel, die Hälfte, zwei Drittel, drei Viertel …);
* „etwa <Bruch> so hoch wie“ and „etwa halb so hoch wie“ name the fraction itself;
* „etwa doppelt / anderthalbmal / zweieinhalbmal / dreimal … zehnmal so hoch wie“ name the factor;
* „etwa N % höher/niedriger als“ names 1 ± N/100, „etwa N,N-mal so hoch wie“ names N,N;
* „weniger als ein Zehntel so hoch wie“ claims a ratio below 0,1, „mehr als zehnmal so hoch wie“
  one above 10 (any fraction or factor works the same way);
* „N,N Prozentpunkte mehr/weniger als“ claims the displayed difference exactly.

**Editor's band:** the ratio of the two numbers *as displayed* must lie within F/1,06 … F·1,06 of
the named figure F. A ratio phrase for a negative number is wrong (a ratio means nothing there);
0 against 0 is a ratio of 1, anything against 0 an infinite one. A comparison word (… so hoch wie,
… höher als, … niedriger als) in a sentence or table row with two numbers whose quantifier this
parser does not know is itself a finding (unknown phrase). A phrase that names a figure where no
two numbers stand in the same sentence or table row cannot be checked by a reader: also a finding.

**Which numbers:** in a table row, the first two number cells outside columns headed Veränderung,
Rang, Jahr, z-Wert, Abstand or Differenz (the place compared first, then the reference). In a
sentence, the reference is the number after „wie“/„als“ if there is one, else the number whose own
place words (its „in der Stadt“) are the phrase's complement; the other number is the one compared.
With neither, the first two numbers in order.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .numbers import NUM, Value, parse, values

BAND = 1.06
HEDGE = r"(?:etwa|ungefähr|rund|circa|ca\.)"
_WORDNUM = {"ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
            "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12}
_DENOM = {"Halb": 2, "Drittel": 3, "Viertel": 4, "Fünftel": 5, "Sechstel": 6, "Siebtel": 7, "Achtel": 8,
          "Neuntel": 9, "Zehntel": 10}
FRAC = (r"(?:(?:ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun) (?:Drittel|Viertel|Fünftel|Sechstel|Siebtel|"
        r"Achtel|Neuntel|Zehntel)|die Hälfte|halb)")
MULT = r"(?:doppelt|anderthalbmal|eineinhalbmal|(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)(?:einhalb)?mal)"
ANCHOR = re.compile(r"\bso (?:hoch|niedrig|groß|klein|viel|häufig) wie\b|\b(?:höher|niedriger|größer|kleiner|geringer|"
                    r"mehr|weniger) als\b")
_HIGHER = {"höher": 1, "größer": 1, "mehr": 1, "niedriger": -1, "kleiner": -1, "geringer": -1, "weniger": -1}

# each form: (pattern that must end exactly at the anchor's end, kind)
FORMS = [
    (re.compile(rf"(?P<amount>{NUM}) (?:Prozentpunkte?|Punkte?|Indexpunkte?) (?P<dir>mehr|weniger|höher|niedriger) als$"),
     "difference"),
    (re.compile(rf"(?P<op>weniger|mehr) als (?P<q>{FRAC}|{MULT}) so hoch wie$"), "bound"),
    (re.compile(rf"{HEDGE} so hoch wie$"), "same"),
    (re.compile(r"etwas (?P<dir>höher|niedriger) als$"), "slightly"),
    (re.compile(rf"{HEDGE} (?P<q>{FRAC}) (?P<dir>höher|niedriger) als$"), "part"),
    (re.compile(rf"{HEDGE} (?P<q>{FRAC}) so hoch wie$"), "fraction"),
    (re.compile(rf"{HEDGE} (?P<q>{MULT}) so hoch wie$"), "factor"),
    (re.compile(rf"{HEDGE} (?P<n>{NUM}) ?(?:%|Prozent) (?P<dir>höher|niedriger) als$"), "percent"),
    (re.compile(rf"{HEDGE} (?P<n>{NUM})-?mal so hoch wie$"), "times"),
]


def fraction(words: str) -> float:
    if words in ("die Hälfte", "halb"):
        return 0.5
    num, den = words.split()
    return _WORDNUM[num] / _DENOM[den]


def factor(words: str) -> float:
    if words == "doppelt":
        return 2.0
    if words in ("anderthalbmal", "eineinhalbmal"):
        return 1.5
    stem = words[:-3]
    half = stem.endswith("einhalb")
    return _WORDNUM[stem[:-7] if half else stem] + (0.5 if half else 0.0)


@dataclass(frozen=True)
class Claim:
    """What a phrase says: kind, the named figure (or the difference), an operator for bounds."""
    phrase: str
    kind: str            # same, slightly, part, fraction, factor, percent, times, bound, difference, unknown
    figure: float = math.nan
    op: str = "≈"        # ≈, <, >, = (difference)
    amount: Value | None = None


def claim(sentence: str, anchor: re.Match) -> Claim:
    """The claim of the comparison phrase that ends with ``anchor`` (its quantifier read backwards)."""
    head = sentence[:anchor.end()]
    for pattern, kind in FORMS:
        m = pattern.search(head)
        if not m:
            continue
        phrase = m.group()
        g = m.groupdict()
        sign = _HIGHER.get(g.get("dir") or "", 0)
        if kind == "difference":
            v, d = parse(g["amount"])
            return Claim(phrase, kind, abs(v) * sign, "=", Value(g["amount"], v, d, "Prozentpunkte", 0, 0))
        if kind == "bound":
            q = g["q"]
            f = factor(q) if re.fullmatch(MULT, q) else fraction(q)
            return Claim(phrase, kind, f, "<" if g["op"] == "weniger" else ">")
        if kind == "same":
            return Claim(phrase, kind, 1.0)
        if kind == "slightly":
            return Claim(phrase, kind, 1 + 0.1 * sign)
        if kind == "part":
            return Claim(phrase, kind, 1 + fraction(g["q"]) * sign)
        if kind == "fraction":
            return Claim(phrase, kind, fraction(g["q"]))
        if kind == "factor":
            return Claim(phrase, kind, factor(g["q"]))
        if kind == "percent":
            return Claim(phrase, kind, 1 + parse(g["n"])[0] / 100 * sign)
        if kind == "times":
            return Claim(phrase, kind, parse(g["n"])[0])
    start = max(sentence.rfind(c, 0, anchor.start()) for c in ",;:–(") + 1
    return Claim(sentence[start:anchor.end()].strip(), "unknown")


def ratio(a: Value, b: Value) -> float:
    if b.value == 0:
        return 1.0 if a.value == 0 else math.inf
    return a.value / b.value


def judge(c: Claim, a: Value, b: Value) -> str | None:
    """None if the claim holds for the displayed pair, else why not (German)."""
    if c.kind == "difference":
        d = max(a.decimals, b.decimals, c.amount.decimals)
        diff = round(a.value - b.value, d)
        if round(abs(diff), c.amount.decimals) != round(abs(c.amount.value), c.amount.decimals) or diff == 0 \
                or (diff > 0) != (c.figure > 0):
            return f"angezeigte Differenz {diff:+.{d}f}".replace(".", ",")
        return None
    if a.value < 0 or b.value < 0:
        return "ein Verhältnis negativer Zahlen ergibt keinen Sinn"
    r = ratio(a, b)
    if c.op == "<":
        return None if r < c.figure else f"Verhältnis {r:.3f} ist nicht kleiner als {c.figure:g}"
    if c.op == ">":
        return None if r > c.figure else f"Verhältnis {r:.3f} ist nicht größer als {c.figure:g}"
    lo, hi = c.figure / BAND, c.figure * BAND
    if lo <= r <= hi:
        return None
    return f"Verhältnis {r:.3f} liegt außerhalb {lo:.3f} … {hi:.3f} um {c.figure:.3f}"


@dataclass
class Comparison:
    where: str
    claim: Claim
    a: Value | None
    b: Value | None
    problem: str | None   # None: holds
    context: str

    @property
    def key(self) -> tuple[str, str] | None:
        if self.a is None or self.b is None or self.claim.kind == "unknown":
            return None
        return (f"{self.a.text} {self.a.unit}".strip(), f"{self.b.text} {self.b.unit}".strip())


_PLACE = re.compile(r"^\s*(?:in der|in den|im|in|am|an der|beim|bei der|für die|für das|für den|für)\s+", re.I)
_STOP = re.compile(r"[,;:–()]|\s-\s|\.(?:\s|$)")


def _place(text: str) -> str:
    """The place words of a complement: „in der Stadt“ → „Stadt“."""
    m = _STOP.search(text)
    return _PLACE.sub("", text[:m.start()] if m else text).strip()


def _clause(sentence: str, v: Value, phrase_start: int) -> str:
    """The words around a number up to the nearest stop on either side (and never into the phrase)."""
    before = sentence[:v.start]
    left = max((m.end() for m in _STOP.finditer(before)), default=0)
    after_end = phrase_start if v.end <= phrase_start else len(sentence)
    m = _STOP.search(sentence, v.end, after_end)
    return sentence[left:v.start] + " " + sentence[v.end:m.start() if m else after_end]


def _pair(sentence: str, anchor: re.Match, quantifier_start: int, vals: list[Value]) -> tuple[Value, Value] | None:
    tail = sentence[anchor.end():]
    stop = _STOP.search(tail)
    comp_end = anchor.end() + (stop.start() if stop else len(tail))
    cands = [v for v in vals if not (quantifier_start <= v.start < anchor.end())]
    # the reference: a number in the complement, in brackets right after it, or the number whose own
    # clause names the complement's place
    ref = [v for v in cands if anchor.end() <= v.start < comp_end]
    if not ref and (m := re.match(r"\s*\(", sentence[comp_end:])):
        ref = [v for v in cands if v.start >= comp_end + m.end() and not sentence[comp_end + m.end():v.start].strip()]
    place = _place(tail)
    if not ref and place:
        ref = [v for v in cands if re.search(rf"\b{re.escape(place)}\b", _clause(sentence, v, quantifier_start))]
        ref = ref if len(ref) == 1 else []
    if ref:
        rest = [v for v in cands if v is not ref[0]]
        return (rest[0], ref[0]) if rest else None
    if len(cands) == 2:
        return cands[0], cands[1]
    return None


def in_sentence(sentence: str, where: str) -> list[Comparison]:
    """Every comparison phrase of one sentence, judged."""
    out = []
    vals = None
    for anchor in ANCHOR.finditer(sentence):
        c = claim(sentence, anchor)
        word = anchor.group().split()[0]
        if c.kind == "unknown" and word in ("mehr", "weniger") and not re.search(r"Prozentpunkt|Punkt", c.phrase):
            continue  # „mehr als 300 Einwohner“: a quantity, not a comparison of two numbers
        if vals is None:
            vals = values(sentence)
        q_start = anchor.end() - len(c.phrase)
        pair = _pair(sentence, anchor, q_start, vals)
        if c.kind == "unknown":
            if pair is None and len([v for v in vals if not q_start <= v.start < anchor.end()]) < 2:
                continue  # an explanation without numbers („ein z-Wert über 0 heißt: höher als im Durchschnitt“)
            out.append(Comparison(where, c, *(pair or (None, None)), "unbekannte Vergleichswendung", sentence))
            continue
        if pair is None:
            out.append(Comparison(where, c, None, None, "keine zwei Zahlen im selben Satz", sentence))
            continue
        out.append(Comparison(where, c, pair[0], pair[1], judge(c, *pair), sentence))
    return out


SKIP_COLUMN = re.compile(r"\b(?:Veränderung|Rang|Jahr|z-Wert|Abstand|Differenz|Schwelle|Grenze)\b", re.I)
_CELL_VALUE = re.compile(rf"^({NUM})(?:\s?(%|[A-Za-zÄÖÜäöüß].*))?$")


def in_row(header: list[str], row: list[str], where: str) -> list[Comparison]:
    """Comparison phrases in the cells of one table row, judged against the row's numbers."""
    out = []
    for i, cell in enumerate(row):
        for anchor in ANCHOR.finditer(cell):
            c = claim(cell, anchor)
            if c.kind == "unknown" and anchor.group().split()[0] in ("mehr", "weniger") \
                    and not re.search(r"Prozentpunkt|Punkt", c.phrase):
                continue
            nums = []
            for j, other in enumerate(row):
                if j == i or (j < len(header) and SKIP_COLUMN.search(header[j])):
                    continue
                if m := _CELL_VALUE.match(other):
                    v, d = parse(m.group(1))
                    nums.append(Value(m.group(1), v, d, (m.group(2) or "").strip(), 0, 0))
            context = " | ".join(row)
            if len(nums) < 2:
                out.append(Comparison(where, c, None, None, "keine zwei Zahlen in der Tabellenzeile"
                                      if c.kind != "unknown" else "unbekannte Vergleichswendung", context))
                continue
            problem = judge(c, nums[0], nums[1]) if c.kind != "unknown" else "unbekannte Vergleichswendung"
            out.append(Comparison(where, c, nums[0], nums[1], problem, context))
    return out


def inconsistent(comparisons: list[Comparison]) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Displayed pairs that get different phrases (phrase → pages), across all pages given."""
    seen: dict[tuple[str, str], dict[str, list[str]]] = {}
    for c in comparisons:
        if (k := c.key) is not None:
            seen.setdefault(k, {}).setdefault(c.claim.phrase, []).append(c.where)
    return {k: v for k, v in seen.items() if len(v) > 1}
