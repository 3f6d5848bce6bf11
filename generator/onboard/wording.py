"""The words of German statistics tables, reduced to comparable tokens.

A column header („Leistungsberechtigte SGB II (u. 65 J.)“, „Bev. u. 65 J.“, „HH mit 3+ Kindern“) and a
definition from indikatoren.csv („Einwohner unter 65 Jahren“) are compared as sets of tokens: the usual
abbreviations written out, number words as digits, „3+“ / „drei und mehr“ / „65 und älter“ as „ab N“,
word stems (Kinder/Kind, Haushalte/Haushalt), umlauts folded. Every abbreviation that was written out is
returned with the tokens, so a report can say which reading it chose.
"""

from __future__ import annotations

import functools
import re

FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})

# (pattern, replacement, what the report says). Applied in order to the original text.
ABBREVIATIONS: tuple[tuple[str, str, str], ...] = (
    (r"\bu\.\s*(?=\d)", "unter ", "„u.“ = unter"),
    (r"(?<=\d)\s*J\.?(?=\W|$)", " Jahre", "„J.“ = Jahre"),
    (r"\bJ\.(?=\W|$)", "Jahre", "„J.“ = Jahre"),
    (r"\bu\.\s*ä", "und ä", "„u.“ = und"),
    (r"\bu\.(?=\s)", "und", "„u.“ = und"),
    (r"\bBev(?:ölk)?\.", "Bevölkerung", "„Bev.“ = Bevölkerung"),
    (r"\bEinw\.", "Einwohner", "„Einw.“ = Einwohner"),
    (r"\bEW\b", "Einwohner", "„EW“ = Einwohner"),
    (r"\bHH\b", "Haushalte", "„HH“ = Haushalte"),
    (r"\bBG(?:en|s)?\b", "Bedarfsgemeinschaften", "„BG“ = Bedarfsgemeinschaft"),
    (r"\binsg(?:es)?(?:\.|\b)", "insgesamt", "„insg.“ = insgesamt"),
    (r"\bges\.", "gesamt", "„ges.“ = gesamt"),
    (r"\bEmpf\.", "Empfänger", "„Empf.“ = Empfänger"),
    (r"\bAnz\.", "Anzahl", "„Anz.“ = Anzahl"),
    (r"\beLb\b", "erwerbsfähige Leistungsberechtigte", "„eLb“ = erwerbsfähige Leistungsberechtigte"),
    (r"\bnEf\b", "nicht erwerbsfähige Leistungsberechtigte", "„nEf“ = nicht erwerbsfähige Leistungsberechtigte"),
    (r"\bLB\b", "Leistungsberechtigte", "„LB“ = Leistungsberechtigte"),
    (r"\bLeistungsber\.", "Leistungsberechtigte", "„Leistungsber.“ = Leistungsberechtigte"),
    (r"\bAlleinerz\.", "Alleinerziehende", "„Alleinerz.“ = Alleinerziehende"),
    (r"\bKi(?:nd)?\.", "Kinder", "„Ki.“ = Kinder"),
    (r"\bPers\.", "Personen", "„Pers.“ = Personen"),
    (r"\bStaatsang\.", "Staatsangehörigkeit", "„Staatsang.“ = Staatsangehörigkeit"),
    (r"\bNichtdt\.", "Nichtdeutsche", "„Nichtdt.“ = Nichtdeutsche"),
    (r"\bdt\.", "deutsche", "„dt.“ = deutsch"),
    (r"\bAusl\.", "Ausländer", "„Ausl.“ = Ausländer"),
    (r"\bArbeitsl\.", "Arbeitslose", "„Arbeitsl.“ = Arbeitslose"),
    (r"\bGrundsich\.", "Grundsicherung", "„Grundsich.“ = Grundsicherung"),
    (r"\bGru[Ss]i\b", "Grundsicherung", "„GruSi“ = Grundsicherung"),
    (r"\bKap\.", "Kapitel", "„Kap.“ = Kapitel"),
    (r"\bv\.\s*H\.", "Prozent", "„v. H.“ = Prozent"),
    (r"\bv\.(?=\s)", "von", "„v.“ = von"),
    (r"\bmind\.", "mindestens", "„mind.“ = mindestens"),
    (r"\bm\.(?=\s)", "mit", "„m.“ = mit"),
    (r"\bo\.(?=\s)", "ohne", "„o.“ = ohne"),
    (r"\bALG\s*(?:II|2)\b", "SGB II", "„ALG II“ = SGB II"),
    (r"\bHartz\s*(?:IV|4)\b", "SGB II", "„Hartz IV“ = SGB II"),
    (r"\bBürgergeld\b", "SGB II", "„Bürgergeld“ = SGB II"),
    (r"\bSGB\s*-?\s*2\b", "SGB II", "„SGB 2“ = SGB II"),
    (r"\bSGB\s*-?\s*12\b", "SGB XII", "„SGB 12“ = SGB XII"),
    (r"\b[uU](?=\d)", "unter ", "„u15“ = unter 15"),
    (r"\bje\s*100\b", " % ", "„je 100“ = Anteil"),
    (r"(?:>=|≥)\s*(?=\d)", "ab ", "„≥“ = ab"),
    (r"<\s*(?=\d)", "unter ", "„<“ = unter"),
)

COMPOUND_ROLE = re.compile(r"([a-z]{4,}?)(anteile?|quoten?|zahl|dichte|rate)")
COMPOUND_TOTAL = re.compile(r"(gesamt)([a-z]{5,})")  # „Gesamtbevölkerung“
NUMBER_WORDS = {"ein": "1", "eine": "1", "einer": "1", "einem": "1", "einen": "1", "zwei": "2", "drei": "3",
                "vier": "4", "fuenf": "5", "sechs": "6", "sieben": "7", "acht": "8", "neun": "9", "zehn": "10"}

# "3+", "drei und mehr", "65 und älter", "mindestens 5": all "ab N"; "15-24 J." is "15 bis unter 25 J.".
_AT_LEAST = (
    (r"(\d+)\s*\+", r"ab \1", "„N+“ = ab N"),
    (r"(\d+)\s+(?:jahre\s+)?(?:und|oder)\s+(?:mehr|aelter|darueber)", r"ab \1", "„N und mehr“ = ab N"),
    (r"mindestens\s+(\d+)", r"ab \1", "„mindestens N“ = ab N"),
    (r"(?<!unter )(?<!\d)(\d{1,2})\s*(?:-|–|bis)\s*(\d{1,2})(?=\s*jahre)",
     lambda m: f"{m[1]} bis unter {int(m[2]) + 1}", "„15–24 J.“ = 15 bis unter 25 Jahre"),
)

STOP = {"der", "die", "das", "den", "dem", "des", "denen", "deren", "dessen", "welche", "in", "im", "nach",
        "von", "vom", "zum", "zur", "mit", "und",
        "oder", "sowie", "bzw", "am", "an", "auf", "fuer", "aus", "bei", "je", "pro", "nur", "ueber"}
# Words that name the same thing (compared as stems).
_SYNONYMS = {"bevölkerung": "einwohner", "bewohner": "einwohner", "hauptwohnsitz": "einwohner",
             "leistungsbezieher": "leistungsberechtigte", "bezieher": "empfänger", "gesamt": "insgesamt",
             "alle": "insgesamt", "total": "insgesamt", "familien": "haushalte", "prozent": "%", "vh": "%",
             "ausländische": "ausländer", "nichtdeutsche": "ausländer", "leistungsempfänger": "leistungsberechtigte",
             "jährige": "jahre", "jährigen": "jahre"}

# Role words: what kind of number a column holds, not which group.
_COUNT = ("anzahl", "absolut", "abs", "zahl", "fälle", "fall", "wert", "werte", "n")
_SHARE = ("anteil", "quote", "%", "rate", "dichte", "prozentsatz")
_NUMERATOR = ("zähler",)
_DENOMINATOR = ("nenner", "bezugsgröße", "bezug", "basis", "grundgesamtheit", "bezugsgruppe", "bezugsbevölkerung",
                "referenz")
# Words that say nothing about the group: the area column's header, units, filler.
_FILLER = ("stand", "jahr", "jahre", "stichtag", "gebiet", "quartier", "sozialquartier", "stadtteil", "ortsteil",
           "personen", "person", "tabelle", "tab", "blatt", "quelle", "hinweis", "summe", "jan", "januar", "jun", "juni",
           "jul", "juli", "dez", "dezember", "ende", "mitte", "jahresende", "jahresmitte")
_AREA_HEADERS = ("gebiet", "gebiete", "quartier", "quartiere", "sozialquartier", "stadtteil", "ortsteil", "stadtbezirk",
                 "bezirk", "sozialraum", "planungsraum", "name", "bezeichnung", "raum", "raumeinheit", "statistischer",
                 "bezirksteil", "wohnquartier", "viertel", "stadtviertel", "gemarkung", "nr", "kennung", "schlüssel",
                 "code", "id", "kennziffer", "lfd", "nummer")
_YEAR_HEADERS = ("jahr", "berichtsjahr", "stichtagsjahr", "stichtag", "zeitraum", "periode", "year", "datum")


def stem(word: str) -> str:
    """A crude German stem: enough that Kinder/Kind, Haushalte/Haushalt, Jahren/Jahre compare equal."""
    if word.isdigit() or word == "%":
        return word
    changed = True
    while changed:  # to a fixed point, so that „Quartieren“ and „Quartier“ meet
        changed = False
        for suffix in ("innen", "ern", "en", "er", "e", "n", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                changed = True
                break
    return word


_COMPILED = [(re.compile(p), r, label) for p, r, label in ABBREVIATIONS]
_AT_LEAST_COMPILED = [(re.compile(p), r, label) for p, r, label in _AT_LEAST]
_NUMBER_WORDS = [(re.compile(rf"\b{w}\b"), d) for w, d in NUMBER_WORDS.items()]


def expand(text: str) -> tuple[str, list[str]]:
    """The text with abbreviations written out, and what was written out („u.“ = unter, …)."""
    used: list[str] = []
    t = " " + str(text).replace("\u00a0", " ").replace("\u00ad", "") + " "
    t = re.sub(r"\b(?:Tabelle|Tab\.|Abbildung|Abb\.|Übersicht|Karte)\s*\d+(?:\.\d+)*[a-z]?\s*:?", " ", t)  # numbering
    t = re.sub(r"(?<![\d.,])\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰*]+", " ", t)  # footnote marks: „Einwohner 1)“, „Anteil²“
    t = re.sub(r"(?<=[a-zäöüß])-\s*(?=[a-zäöüß])", "", t)  # a word broken in a narrow cell: „Leistungs-empfänger“
    t = re.sub(r"(?:/-?|\*|:|_)innen\b|/-?in\b|\(innen\)", "", t)  # „Empfänger/-innen“, „Bürger*innen“
    t = re.sub(r"\b(\w+)innen (?:und|u\.) \1\b", r"\1", t)  # „Einwohnerinnen und Einwohner“
    for pattern, replacement, label in _COMPILED:
        t, n = pattern.subn(replacement, t)
        if n and label not in used:
            used.append(label)
    t = t.translate(FOLD).lower()
    t = re.sub(r"[_/|()\[\],;:]+", " ", t)
    for pattern, digit in _NUMBER_WORDS:
        t = pattern.sub(digit, t)
    for pattern, replacement, label in _AT_LEAST_COMPILED:
        t, n = pattern.subn(replacement, t)
        if n and label not in used:
            used.append(label)
    return t, used


def tokens(text: str) -> tuple[list[str], list[str]]:
    """(stems in order without stop words, abbreviations written out)."""
    toks, used = _tokens(str(text))
    return list(toks), list(used)


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    t, used = expand(text)
    out: list[str] = []
    words: list[str] = []
    for w in re.findall(r"[a-z]+|\d+|%", t):
        m = COMPOUND_ROLE.fullmatch(w) or COMPOUND_TOTAL.fullmatch(w)  # „Arbeitslosenanteil“, „Gesamtbevölkerung“
        words += [m[1], m[2]] if m else [w]
    for w in words:
        if w in STOP:
            continue
        s = stem(w)
        out.append(SYNONYMS.get(s, s))
    return tuple(out), tuple(used)


def _stems(words) -> set[str]:
    return {stem(w.translate(FOLD).lower()) for w in words}


SYNONYMS = {stem(k.translate(FOLD)): stem(v.translate(FOLD)) if v != "%" else "%" for k, v in _SYNONYMS.items()}
COUNT_WORDS, SHARE_WORDS = _stems(_COUNT), _stems(_SHARE)
NUMERATOR_WORDS, DENOMINATOR_WORDS = _stems(_NUMERATOR), _stems(_DENOMINATOR)
ROLE_WORDS = COUNT_WORDS | SHARE_WORDS | NUMERATOR_WORDS | DENOMINATOR_WORDS
FILLER, AREA_HEADERS, YEAR_HEADERS = _stems(_FILLER), _stems(_AREA_HEADERS), _stems(_YEAR_HEADERS)


def numbers(toks: list[str] | set[str]) -> set[str]:
    return {t for t in toks if t.isdigit()}
