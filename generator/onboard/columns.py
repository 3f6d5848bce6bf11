"""What a workbook column holds: which indicator, and whether counts (numerator or denominator), a share,
or the residents. A saved import.yaml decides first; the rest is recognised from the header's words and
checked against the data.

Words: a header („Kinder u. 15 J. in SGB-II-BG“) is compared with the texts of indikatoren.csv — titel,
kurzname and zaehler_definition for the numerator and share, nenner_definition for the denominator,
„Einwohner insgesamt“ for the residents — as token sets (wording.py). A header with two rows („SGB II“
over „Anzahl“ / „Bev. u. 65 J.“) names the group counted in its lowest row with content and the indicator
above it. A header with no content of its own („Anzahl 2018“, „Bezugsgröße 2018“) takes it from the sheet's
name, its title or the file name.

Data: counts are whole numbers; a count never exceeds its reference group; a share equals
100 · count / reference; the residents are at least every reference group. These checks weigh each
proposal, and each one is shown with the words and checks behind it.

One column fills one slot (the numerator of sgb2 in 2022, …), found globally: the best-supported
proposal first, each slot and column taken once. A column may fill several slots only where
indikatoren.csv defines them as the same group (the residents are the denominator „Einwohner insgesamt“;
„Haushalte mit Kindern unter 18 Jahren“ is one indicator's numerator and another's denominator).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from ..config.models import ColumnRole, ImportMapping
from .match import key
from .wording import (COUNT_WORDS, DENOMINATOR_WORDS, FILLER, NUMERATOR_WORDS, ROLE_WORDS, SHARE_WORDS,
                      YEAR_HEADERS, numbers, stem, tokens)

THRESHOLD = 0.5  # a proposal below this is no proposal
UNITS = {stem("einwohner"), stem("haushalte")}  # a header counting persons never matches a text counting households
TIE = 0.02  # two proposals closer than this are equally good
SHARE_TOLERANCE = 0.1  # percentage points: a share rounded to one decimal still agrees with its counts
RESIDENTS_TEXT = "Einwohner insgesamt"
ROLE_WORDS_DE = {"zaehler": "Zähler", "nenner": "Nenner", "anteil": "Anteil", "einwohner": "Einwohner"}


@dataclass(frozen=True)
class Slot:
    role: str  # zaehler | nenner | anteil | einwohner
    indicator: str | None = None

    def words(self) -> str:
        return ROLE_WORDS_DE[self.role] + (f" von {self.indicator}" if self.indicator else "")

    def column_role(self) -> ColumnRole:
        return ColumnRole(rolle=self.role, indikator=self.indicator)


@dataclass(frozen=True)
class Indicator:
    id: str
    texts: dict[str, str]  # field of indikatoren.csv → its text


@dataclass
class Field:
    """One quantity of a table: a column (all its years), or in a long table one characteristic × value column."""
    key: str  # how import.yaml names it: the header without years (with the sheet's context where it had none)
    header: str  # as shown
    parts: tuple[str, ...]  # header rows with text, top to bottom (long format: characteristic, value column)
    letters: tuple[str, ...]
    values: dict[tuple, float]  # (area key, year) → number, for the data checks
    context: str = ""  # sheet name / title / file name the header was completed with
    plain_key: str = ""  # the header without years and without context
    context_from: str = ""  # where the context stands ("Name des Tabellenblatts", "Titelzeile", "Dateiname")
    groups_strict: bool = True  # upper header rows that name another indicator count against (not for long tables)

    @property
    def shown(self) -> str:
        """The header as the report names it: one column as written, several (years) without the years."""
        return self.header if len(self.letters) == 1 else self.key

    @property
    def where(self) -> str:
        return letter_ranges(self.letters)


@dataclass
class Proposal:
    field: Field
    slot: Slot
    score: float
    text: str  # the text of indikatoren.csv it matched, with its column
    words: list[str]  # tokens the header shares with that text
    abbreviations: list[str]
    source: str = "erkannt"  # or "import.yaml"
    checks: list[str] = dc_field(default_factory=list)  # the data checks, in words
    role_said: str = ""  # the role words of the header („Anzahl“, „Bezugsgröße“, „Anteil in %“), or how the data said it


@dataclass
class Assignment:
    placed: dict[int, list[Proposal]] = dc_field(default_factory=dict)  # id(field) → proposals taken (first = own)
    unplaced: list[tuple[Field, str, Proposal | None]] = dc_field(default_factory=list)  # field, why, best guess
    conflicts: list[tuple[Field, Field, Slot]] = dc_field(default_factory=list)  # equally good for one slot
    ignored: list[tuple[Field, str]] = dc_field(default_factory=list)  # (field, why)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch.upper()) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def letter_ranges(letters: tuple[str, ...]) -> str:
    """("B", "C", "D", "F") → "B–D, F"."""
    idx = sorted({_column_number(x) for x in letters})
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return ", ".join(_column_letters(r[0]) + (f"–{_column_letters(r[-1])}" if len(r) > 1 else "") for r in runs)


def indicators_of(rows: list[dict[str, str]]) -> list[Indicator]:
    return [Indicator(r["indikator_id"], {f: (r.get(f) or "").strip() for f in
                                          ("titel", "kurzname", "zaehler_definition", "nenner_definition")})
            for r in rows]


def is_year_column(header_key: str) -> bool:
    toks, _ = tokens(header_key)
    return bool(toks) and all(t in YEAR_HEADERS for t in toks)


def content(toks: list[str]) -> list[str]:
    return [t for t in toks if t not in ROLE_WORDS and t not in FILLER]


def has_content(text: str) -> bool:
    return bool(content(tokens(text)[0]))


def role_words(text: str) -> str | None:
    """What the role words of a header say: "anteil", "nenner", "zaehler", "anzahl" or None."""
    toks = set(tokens(text)[0])
    if toks & SHARE_WORDS:
        return "anteil"
    if toks & DENOMINATOR_WORDS:
        return "nenner"
    if toks & NUMERATOR_WORDS:
        return "zaehler"
    if toks & COUNT_WORDS:
        return "anzahl"
    return None


def role_word(text: str) -> str:
    """The word of ``text`` that says its role („Anzahl“, „Bezugsgröße“, „%“), as written."""
    role = role_words(text)
    wanted = {"anteil": SHARE_WORDS, "nenner": DENOMINATOR_WORDS, "zaehler": NUMERATOR_WORDS, "anzahl": COUNT_WORDS}
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]+\.?|%", text):
        t = tokens(word)[0]
        if role and t and (t[0] in wanted[role] or stem(t[0]) in wanted[role]):
            return word
    return ""


class Vocabulary:
    """The texts of indikatoren.csv per slot, as tokens, with a weight per token (rarer = more telling)."""

    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.slot_texts: dict[Slot, list[tuple[str, str, list[str]]]] = {}  # slot → (column, text, tokens)
        self.population: dict[Slot, frozenset[str]] = {}
        docs: list[set[str]] = []

        def add(slot: Slot, column: str, text: str) -> None:
            if not text:
                return
            toks = content(tokens(text)[0])
            if toks:
                self.slot_texts.setdefault(slot, []).append((column, text, toks))
                docs.append(set(toks))

        for ind in indicators:
            t = ind.texts
            for role in ("zaehler", "anteil"):
                for column in ("kurzname", "titel", "zaehler_definition"):
                    add(Slot(role, ind.id), column, t[column])
            if t["nenner_definition"]:  # a share's header often names both groups: „Anteil der Arbeitslosen an …“
                for column in ("kurzname", "titel", "zaehler_definition"):
                    if t[column]:
                        add(Slot("anteil", ind.id), f"{column} und nenner_definition",
                            f"{t[column]} / {t['nenner_definition']}")
            add(Slot("nenner", ind.id), "nenner_definition", t["nenner_definition"])
            self.population[Slot("zaehler", ind.id)] = frozenset(content(tokens(t["zaehler_definition"])[0]))
            self.population[Slot("nenner", ind.id)] = frozenset(content(tokens(t["nenner_definition"])[0]))
        for text in (RESIDENTS_TEXT, "Einwohner"):
            add(Slot("einwohner"), "Einwohner", text)
        self.population[Slot("einwohner")] = frozenset(content(tokens(RESIDENTS_TEXT)[0]))
        df: dict[str, int] = {}
        for d in docs:
            for t in d:
                df[t] = df.get(t, 0) + 1
        n = max(len(docs), 1)
        self.weight = {t: math.log(1 + n / c) for t, c in df.items()}
        self.unknown = math.log(1 + n)
        self.ids = {key(ind.id): ind.id for ind in indicators}
        # Some cities report changes as indicators (Berlin's „Veränderung des Anteils …“).
        self.changes = any(t.endswith(("veraenderung", "entwicklung")) for ind in indicators
                           for t in tokens(f"{ind.texts['titel']} {ind.texts['zaehler_definition']}")[0])

    def w(self, t: str) -> float:
        return self.weight.get(t, self.unknown)

    def similarity(self, header: list[str], text: list[str], lenient: bool = False) -> tuple[float, list[str]]:
        """How well ``text`` explains ``header`` (both content tokens): mostly the share of the header's
        weight found in the text, a little the share of the text's weight found in the header. A number in
        the header that the text does not have (an age: 15 against 65) rules the text out. ``lenient``: words
        no text of indikatoren.csv uses (a title's place name) do not count against it."""
        h, t = set(header), set(text)
        if lenient:
            h = {x for x in h if x in self.weight}
        if not h or not t:
            return 0.0, []
        hn = numbers(h)
        if hn - numbers(t):
            return 0.0, []
        if (h & UNITS) and (t & UNITS) and not (h & t & UNITS):
            return 0.0, []  # persons against households
        common = h & t
        if not common:
            return 0.0, []
        precision = sum(self.w(x) for x in common) / sum(self.w(x) for x in h)
        recall = sum(self.w(x) for x in common) / sum(self.w(x) for x in t)
        return precision * (0.6 + 0.4 * recall), [x for x in header if x in common]

    def best(self, header: list[str], slot: Slot, roles: tuple[str, ...] | None = None,
             lenient: bool = False) -> tuple[float, str, list[str]]:
        """The best match of ``header`` among the texts of ``slot`` (or of the slot with another role)."""
        best = (0.0, "", [])
        slots = [slot] if roles is None else [Slot(r, slot.indicator) for r in roles]
        for s in slots:
            for column, text, toks in self.slot_texts.get(s, []):
                score, words = self.similarity(header, toks, lenient)
                if score > best[0]:
                    best = (score, f"{column} „{text}“", words)
        return best

    def same_group(self, a: Slot, b: Slot) -> bool:
        """indikatoren.csv defines both as one group (e.g. residents and the denominator „Einwohner insgesamt“
        or „Bevölkerung“)."""
        pa, pb = self.population.get(a, frozenset()) - {"insgesamt"}, self.population.get(b, frozenset()) - {"insgesamt"}
        return bool(pa) and pa == pb and "anteil" not in (a.role, b.role)


def _parts_tokens(parts: tuple[str, ...]) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for p in parts:
        toks, abbr = tokens(p)
        out.append((p, content(toks), abbr))
    return out


def propose(f: Field, vocab: Vocabulary, shares_by_data: bool) -> list[Proposal]:
    """Every slot ``f`` could fill, by its header's words; ``shares_by_data``: its values look like shares
    (not whole numbers, none above 100) although no word says so."""
    parts = _parts_tokens(f.parts)
    role = role_words(" ".join(f.parts))
    word = role_word(" ".join(f.parts))
    said = f"Rolle aus „{word}“" if word else ""
    if role is None and shares_by_data:
        role, said = "anteil", "Rolle aus den Daten: Dezimalzahlen bis 100, also Anteile"
    with_content = [(p, c, a) for p, c, a in parts if c]
    abbreviations = [a for _, _, ab in parts for a in ab]
    if not with_content:
        return []
    last_text, last, _ = with_content[-1]
    groups = with_content[:-1]
    lenient = bool(f.context) and last_text == f.context  # a title or file name: place names do not count
    slots = [Slot("einwohner")] + [Slot(r, i.id) for i in vocab.indicators for r in ("zaehler", "nenner", "anteil")]
    allowed = {"anteil": ("anteil",), "nenner": ("nenner",), "zaehler": ("zaehler",)}.get(role or "",
                                                                                          ("zaehler", "nenner", "einwohner"))
    # The indicator the upper header rows name (e.g. „SGB II“ over „Bev. u. 65 J.“).
    named: dict[str, float] = {}
    for _, g, _ in groups:
        for ind in vocab.indicators:
            s, _, _ = vocab.best(g, Slot("zaehler", ind.id), lenient=True)
            named[ind.id] = max(named.get(ind.id, 0.0), s)
    top_named = max(named.values(), default=0.0)
    exact_id = vocab.ids.get(key(last_text))
    out = []
    for slot in slots:
        if slot.role not in allowed:
            continue
        if exact_id is not None:  # the indicator's id: its count (or, with „Bezugsgröße“, its reference)
            if slot.indicator != exact_id or (slot.role == "nenner" and role != "nenner"):
                continue
            score, text, words = 1.0, f"indikator_id „{exact_id}“", [exact_id]
        elif slot.role == "nenner" and role == "nenner":
            # „Bezugsgröße“ under the indicator's name, or the reference group itself
            score, text, words = max(vocab.best(last, slot, lenient=lenient),
                                     vocab.best(last, slot, ("zaehler",), lenient=lenient), key=lambda x: x[0])
        else:
            score, text, words = vocab.best(last, slot, lenient=lenient)
        if score <= 0:
            continue
        if top_named >= THRESHOLD:
            mine = named.get(slot.indicator or "", 0.0)
            if mine >= THRESHOLD:  # the upper rows name this indicator …
                score *= 1 + 0.1 * mine
            elif f.groups_strict:  # … or another
                score *= 0.5
        out.append(Proposal(f, slot, score, text, words, abbreviations, role_said=said))
    return out


def role_for(f: Field, mapping: ImportMapping) -> ColumnRole | None:
    """The role import.yaml gives the field, by its key (with context) or its plain header."""
    for k in dict.fromkeys((f.key, f.plain_key)):
        if k in mapping.spalten:
            return mapping.spalten[k]
    by_key = {key(k): v for k, v in mapping.spalten.items()}
    for k in (f.key, f.plain_key):
        if key(k) in by_key:
            return by_key[key(k)]
    return None


# -- data checks -------------------------------------------------------------------------------------

def _pairs(a: Field, b: Field) -> list[tuple[float, float]]:
    return [(a.values[k], b.values[k]) for k in a.values.keys() & b.values.keys()]


def at_most(a: Field, b: Field) -> tuple[int, int]:
    """(rows where a ≤ b, rows compared)."""
    pairs = _pairs(a, b)
    return sum(1 for x, y in pairs if x <= y), len(pairs)


def share_tolerance(text: str) -> float:
    """Half a unit of the last decimal shown (12 → 0.5, 12.3 → 0.05), at least SHARE_TOLERANCE points."""
    m = re.search(r"[.,](\d+)\s*%?\s*$", text.strip())
    decimals = len(m[1]) if m else (0 if re.fullmatch(r"\s*-?\d+\s*%?\s*", text) else 6)
    return max(SHARE_TOLERANCE, 0.5 * 10 ** -decimals + 1e-9)


def shares_agree(share: Field, z: Field, n: Field) -> tuple[int, int]:
    """(rows where share = 100 · z / n in percentage points within SHARE_TOLERANCE, rows compared)."""
    keys = share.values.keys() & z.values.keys() & n.values.keys()
    keys = [k for k in keys if n.values[k] > 0]
    ok = sum(1 for k in keys if abs(100 * z.values[k] / n.values[k] - share.values[k]) <= SHARE_TOLERANCE + 0.05)
    return ok, len(keys)


def whole_numbers(f: Field) -> float:
    vals = list(f.values.values())
    return sum(1 for v in vals if float(v).is_integer() and v >= 0) / len(vals) if vals else 1.0


def looks_like_shares(f: Field) -> bool:
    vals = list(f.values.values())
    return bool(vals) and whole_numbers(f) < 0.5 and all(0 <= v <= 100 for v in vals)


def _fit(p: Proposal, proposals: list[Proposal], vocab: Vocabulary) -> tuple[float, list[str]]:
    """How well the data agree with ``p`` given the other proposals of its indicator (1 = fully, also when
    nothing can be compared), and the checks said in words."""
    f, s = p.field, p.slot
    same = [q for q in proposals if q.slot.indicator == s.indicator and q.field is not f]
    checks: list[str] = []
    fit = 1.0
    if s.role in ("zaehler", "nenner", "einwohner"):
        whole = whole_numbers(f)
        if whole < 0.9:
            fit = min(fit, whole)
            checks.append(f"nur {round(100 * whole)} % ganze Zahlen")
    if s.role == "zaehler":
        best = _best_ratio([at_most(f, q.field) for q in same if q.slot.role == "nenner"])
        if best:
            fit = min(fit, best[0] / best[1])
            checks.append(f"Zähler ≤ Nenner in {best[0]} von {best[1]} Zeilen")
    elif s.role == "nenner":
        best = _best_ratio([at_most(q.field, f) for q in same if q.slot.role == "zaehler"])
        if best:
            fit = min(fit, best[0] / best[1])
            checks.append(f"Nenner ≥ Zähler in {best[0]} von {best[1]} Zeilen")
        residents = [q for q in proposals if q.slot.role == "einwohner" and q.field is not f
                     and not vocab.same_group(s, q.slot)]
        best = _best_ratio([at_most(f, q.field) for q in residents])
        if best:
            fit = min(fit, 0.5 + 0.5 * best[0] / best[1])
    elif s.role == "einwohner":
        groups = {id(q.field): q.field for q in proposals if q.slot.role == "nenner" and q.field is not f
                  and not vocab.same_group(s, q.slot)}
        counts = [at_most(g, f) for g in groups.values()]
        counts = [c for c in counts if c[1]]
        if counts:
            ok, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
            fit = min(fit, ok / total)
            checks.append(f"Einwohner ≥ jede Bezugsgruppe in {ok} von {total} Vergleichen")
    elif s.role == "anteil":
        zs = [q.field for q in same if q.slot.role == "zaehler"]
        ns = [q.field for q in same if q.slot.role == "nenner"]
        tried = [f]
        if f.values and all(0 <= v <= 1 for v in f.values.values()):  # perhaps fractions (0,153 for 15,3 %)
            tried.append(Field(f.key, f.header, f.parts, f.letters, {k: 100 * v for k, v in f.values.items()}))
        best = _best_ratio([shares_agree(g, z, n) for g in tried for z in zs for n in ns])
        if best:
            fit = min(fit, best[0] / best[1])
            checks.append(f"Anteil = 100 · Zähler / Nenner in {best[0]} von {best[1]} Zeilen")
        elif f.values and max(f.values.values()) > 100:
            fit = 0.2
            checks.append("Werte über 100")
    return fit, checks


def _best_ratio(results: list[tuple[int, int]]) -> tuple[int, int] | None:
    results = [r for r in results if r[1]]
    return max(results, key=lambda r: (r[0] / r[1], r[1])) if results else None


# -- the assignment ---------------------------------------------------------------------------------

def assign(fields: list[Field], years: dict[int, set], vocab: Vocabulary, mapping: ImportMapping) -> Assignment:
    """Each field to at most one slot of its own (and further slots of the same group), globally: the
    best-supported proposal first; a slot is filled once per year."""
    out = Assignment()
    proposals: list[Proposal] = []
    forced: list[Proposal] = []
    for f in fields:
        role = role_for(f, mapping)
        if role is not None and role.rolle == "ignorieren":
            out.ignored.append((f, "laut import.yaml ignoriert"))
            continue
        mine = propose(f, vocab, looks_like_shares(f))
        if role is not None:
            slot = Slot(role.rolle, role.indikator)
            forced.append(Proposal(f, slot, 2.0, "import.yaml", [], [], source="import.yaml"))
            mine = [p for p in mine if p.slot != slot and vocab.same_group(p.slot, slot)]
        proposals += mine
    # The data are checked against each other field's likeliest reading (its best proposals by words).
    best_of: dict[int, float] = {}
    for p in proposals:
        best_of[id(p.field)] = max(best_of.get(id(p.field), 0.0), p.score)
    likely = [p for p in proposals if p.score >= max(THRESHOLD, best_of[id(p.field)] - TIE)] + forced
    fits = [_fit(p, likely, vocab) for p in proposals]
    for p, (fit, checks) in zip(proposals, fits):
        p.score *= 0.5 + 0.5 * fit
        p.checks = checks
    for p in forced:
        p.checks = _fit(p, likely, vocab)[1]
    ranked = forced + sorted((p for p in proposals if p.score >= THRESHOLD),
                             key=lambda p: (-round(p.score, 6), fields.index(p.field)))
    taken: dict[Slot, list[tuple[set, Proposal]]] = {}
    blocked: list[Proposal] = []
    for p in ranked:
        f_years = years.get(id(p.field), {None})
        holders = [q for ys, q in taken.get(p.slot, []) if ys & f_years]
        mine = out.placed.get(id(p.field), [])
        if holders:
            if not mine:
                blocked.append(p)
            continue
        if mine and not (p.source == "erkannt" and all(vocab.same_group(p.slot, q.slot) for q in mine)):
            continue
        if not mine and any(lost.field is p.field and vocab.same_group(lost.slot, p.slot) for lost in blocked):
            continue  # it lost its group to an equal or better column: a duplicate, not a second role
        out.placed.setdefault(id(p.field), []).append(p)
        taken.setdefault(p.slot, []).append((f_years, p))
    # What was left, and why; with a guess for the line to add (a free slot, best one of an indicator begun).
    by_field: dict[int, list[Proposal]] = {}
    for p in forced + proposals:
        by_field.setdefault(id(p.field), []).append(p)
    begun = {q.slot.indicator for ps in out.placed.values() for q in ps if q.slot.indicator}

    def guess(f: Field) -> Proposal | None:
        mine = sorted(by_field.get(id(f), []), key=lambda p: -p.score)
        free = [p for p in mine if p.source == "erkannt" and
                not any(ys & years.get(id(f), {None}) for ys, _ in taken.get(p.slot, []))]
        free.sort(key=lambda p: (p.slot.indicator in begun, p.score), reverse=True)
        return free[0] if free else None

    for f in fields:
        if id(f) in out.placed or any(g is f for g, _ in out.ignored):
            continue
        mine = sorted(by_field.get(id(f), []), key=lambda p: -p.score)
        best = mine[0] if mine else None
        if best is None or best.score < THRESHOLD:
            out.unplaced.append((f, "passt zu keinem Indikator aus indikatoren.csv", guess(f)))
            continue
        holder = next(q for ys, q in taken[best.slot] if ys & years.get(id(f), {None}))
        if not _differ(holder.field, f):
            out.ignored.append((f, f"dieselben Werte wie Spalte {holder.field.where} („{holder.field.shown}“)"))
            continue
        if best.source == "import.yaml" or (abs(holder.score - best.score) <= TIE and _differ(holder.field, f)):
            out.conflicts.append((holder.field, f, best.slot))
        else:
            out.unplaced.append((f, f"passt am ehesten zu {best.slot.words()}, den schon Spalte {holder.field.where} "
                                    f"(„{holder.field.shown}“) belegt", guess(f)))
    return out


def _differ(a: Field, b: Field) -> bool:
    common = a.values.keys() & b.values.keys()
    return len(common) < max(len(a.values), len(b.values)) or any(a.values[k] != b.values[k] for k in common)


def mapping_entry(f: Field, slot: Slot | None) -> str:
    """The entry under ``spalten:`` that places ``f`` (or ignores it): ``"Bev. u. 65 J.": {rolle: nenner, indikator: sgb2}``."""
    import json

    inner = (f"rolle: {slot.role}" + (f", indikator: {slot.indicator}" if slot.indicator else "")) if slot \
        else "rolle: ignorieren"
    return f"{json.dumps(f.key, ensure_ascii=False)}: {{{inner}}}"


def mapping_line(f: Field, slot: Slot | None) -> str:
    """The same as one line that is a whole import.yaml by itself: ``spalten: {"…": {rolle: …}}``."""
    return f"spalten: {{{mapping_entry(f, slot)}}}"
