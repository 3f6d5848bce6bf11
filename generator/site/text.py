"""Plain German derived from the numbers: number formats, comparisons, class texts, grammar.

Every sentence the pages say about a number is made here from that number, so that one test can
check the words against the numbers (tests/site/test_sentences.py). Pure functions.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

# --- numbers ------------------------------------------------------------------------------


def de(value, digits: int = 1, sign: bool = False) -> str:
    """German number format: decimal comma, grouping with a dot, "−" as minus, "–" for missing.
    A value that rounds to zero is written without a sign ("0,0", never "−0,0")."""
    try:
        value = float(value)
    except (TypeError, ValueError):  # None, pd.NA
        return "–"
    if math.isnan(value):
        return "–"
    if round(value, digits) == 0:
        value = 0.0
    text = f"{value:+,.{digits}f}" if sign else f"{value:,.{digits}f}"
    if sign and value == 0:
        text = "±" + text[1:]
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", "−")


def integer(value) -> str:
    return de(value, 0)


def date(value: dt.date) -> str:
    """German date: 31.12.2022."""
    return value.strftime("%d.%m.%Y")


def unit_short(einheit: str) -> str:
    """How a value's unit follows the number: "12,3 %" or "4,1 je 100 Einwohner"."""
    return "%" if einheit.strip().lower() in ("prozent", "%") else einheit.strip()


def with_unit(value, einheit: str, digits: int = 1, sign: bool = False) -> str:
    return f"{de(value, digits, sign)} {unit_short(einheit)}"


def change_unit(einheit: str) -> str:
    """The unit of a change: percentage points for shares, the unit itself for rates."""
    return "Prozentpunkte" if unit_short(einheit) == "%" else einheit.strip()


# --- comparisons ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    low: float  # ratio ≥ low …
    high: float  # … and < high
    words: str  # followed by "wie …" / "als …" where needed


# Ratio of a quarter's value to the reference, in contiguous steps (no gaps, no overlaps): each
# step is named by the round figure it is closest to on a ratio scale, so the boundary between two
# figures is their geometric mean (1,1 and 4/3 meet at 1,21). Below a quarter and above four times
# the words say so.
NAMED_FIGURES = (
    (1 / 4, "etwa ein Viertel so hoch wie"),
    (1 / 3, "etwa ein Drittel so hoch wie"),
    (1 / 2, "etwa halb so hoch wie"),
    (2 / 3, "etwa ein Drittel niedriger als"),
    (3 / 4, "etwa ein Viertel niedriger als"),
    (0.9, "etwas niedriger als"),
    (1.0, "etwa so hoch wie"),
    (1.1, "etwas höher als"),
    (4 / 3, "etwa ein Drittel höher als"),
    (3 / 2, "etwa anderthalbmal so hoch wie"),
    (2.0, "etwa doppelt so hoch wie"),
    (5 / 2, "etwa zweieinhalbmal so hoch wie"),
    (3.0, "etwa dreimal so hoch wie"),
    (4.0, "etwa viermal so hoch wie"),
)


def _bands() -> tuple[Band, ...]:
    figures = [f for f, _ in NAMED_FIGURES]
    edges = [math.sqrt(a * b) for a, b in zip(figures, figures[1:])]
    lowest = figures[0] ** 2 / edges[0]  # as far below ¼ as the next edge is above it
    highest = figures[-1] ** 2 / edges[-1]
    bounds = [lowest, *edges, highest]
    bands = [Band(0.0, lowest, "weniger als ein Viertel so hoch wie")]
    bands += [Band(lo, hi, words) for (lo, hi), (_, words) in zip(zip(bounds, bounds[1:]), NAMED_FIGURES)]
    return (*bands, Band(highest, math.inf, "mehr als viermal so hoch wie"))


BANDS = _bands()
NOT_COMPARABLE = "nicht vergleichbar"


def band(ratio: float) -> Band:
    return next(b for b in BANDS if b.low <= ratio < b.high)


def _missing(*values) -> bool:
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


def compare(value: float | None, reference: float | None, einheit: str = "Prozent",
            where: str = "in der Stadt") -> str:
    """How a quarter's value compares with the reference ("in der Stadt", "im Durchschnitt der …").

    Shares and rates (never negative) are compared as a ratio; anything that can be negative or is
    itself a change (percentage points) as a difference, in its unit.
    """
    if _missing(value, reference):
        return NOT_COMPARABLE
    if unit_short(einheit) != "Prozentpunkte" and value >= 0 and reference > 0:
        return f"{band(value / reference).words} {where}"
    diff = value - reference
    if round(diff, 1) == 0:
        return f"etwa so hoch wie {where}"
    more = "mehr" if diff > 0 else "weniger"
    return f"{de(abs(diff))} {change_unit(einheit)} {more} als {where}"


# --- classes --------------------------------------------------------------------------------
# What each class means, in words a citizen understands; the scale is inverted: a higher status
# index means a lower social status (more poverty risks).

STATUS_MEANING = {
    "hoch": "Armutsrisiken sind hier deutlich seltener als in den meisten {gebieten}",
    "mittel": "{das_gebiet} liegt im Mittelfeld der {gebiete}; einzelne Werte können deutlich abweichen",
    "niedrig": "Armutsrisiken sind hier deutlich häufiger als in den meisten {gebieten}",
    "sehr niedrig": "Armutsrisiken sind hier viel häufiger als in fast allen anderen {gebieten}",
}
DYNAMICS_MEANING = {
    "positiv": "die Anteile haben sich günstiger entwickelt als in den meisten {gebieten}: sie sind stärker "
               "gesunken oder schwächer gestiegen",
    "stabil": "die Anteile haben sich im Vergleich mit den anderen {gebieten} weder besonders günstig noch "
              "besonders ungünstig entwickelt",
    "negativ": "die Anteile haben sich ungünstiger entwickelt als in den meisten {gebieten}: sie sind stärker "
               "gestiegen oder schwächer gesunken",
}
STATUS_ADJ = {"hoch": "hohen", "mittel": "mittleren", "niedrig": "niedrigen", "sehr niedrig": "sehr niedrigen"}
DYNAMICS_SYMBOL_TEXT = {"+": "positiv", "+/-": "stabil", "-": "negativ"}


def status_scale(thresholds: tuple[float, ...]) -> str:
    """The inverted scale in one sentence, with the edition's thresholds."""
    t0, t1, t2 = thresholds
    return (f"Je höher der Statusindex, desto niedriger der soziale Status: unter {de(t0)} heißt „hoch“, "
            f"von {de(t0)} bis {de(t1)} „mittel“, über {de(t1)} „niedrig“ und über {de(t2)} „sehr niedrig“.")


def dynamics_scale(thresholds: tuple[float, ...]) -> str:
    t0, t1 = thresholds
    return (f"Je höher der Dynamikindex, desto ungünstiger die Entwicklung: unter {de(t0)} heißt „positiv“, "
            f"von {de(t0)} bis {de(t1)} „stabil“, über {de(t1)} „negativ“. Eine positive Dynamik hat deshalb "
            "einen negativen Indexwert.")


def years_span(start: int, end: int) -> str:
    n = end - start
    words = {1: "im Jahr", 2: "in den zwei Jahren", 3: "in den drei Jahren", 4: "in den vier Jahren",
             5: "in den fünf Jahren"}
    return f"{words.get(n, f'in den {n} Jahren')} von {start} bis {end}" if n != 1 else f"von {start} bis {end}"


# --- German grammar -------------------------------------------------------------------------

ARTICLES = {  # nominative, dative, genitive of the definite article
    "der": ("der", "dem", "des"), "die": ("die", "der", "der"), "das": ("das", "dem", "des"),
}
PRONOUNS = {"der": "er", "die": "sie", "das": "es"}


def genitive_noun(noun: str) -> str:
    """Genitive of a masculine or neuter noun ("des Sozialberichts", "des Planungsraums")."""
    if noun.endswith(("s", "ß", "x", "z")):
        return noun + "es"
    return noun + "s"


def count_noun(n: int, singular: str, plural: str) -> str:
    return f"{integer(n)} {singular if n == 1 else plural}"


def dative_plural(plural: str) -> str:
    """ "in den Sozialquartieren", "in den Planungsräumen" """
    return plural if plural.endswith(("n", "s")) else plural + "n"


@dataclass(frozen=True)
class Named:
    """A quarter's name as a noun phrase: with its article (die Innenstadt) or without (Alstaden)."""

    name: str
    artikel: str = ""  # "der" / "die" / "das" / ""

    def nominative(self, capital: bool = False) -> str:
        if not self.artikel:
            return self.name
        art = ARTICLES[self.artikel][0]
        return f"{art.capitalize() if capital else art} {self.name}"

    def dative(self) -> str:
        """After "in": "in der Innenstadt", "im Brücktorviertel", "in Alstaden"."""
        if not self.artikel:
            return f"in {self.name}"
        return {"der": f"im {self.name}", "das": f"im {self.name}", "die": f"in der {self.name}"}[self.artikel]

    def pronoun(self, fallback: str) -> str:
        """Subject pronoun for a second sentence; without an article, the area noun ("Das Sozialquartier")."""
        return PRONOUNS[self.artikel].capitalize() if self.artikel else fallback


def stability(distance: float | None, stable, flips: str, kind: str, titles: dict[str, str]) -> str:
    """How firm a classification is, in words (indicator names, never ids)."""
    if _missing(distance):
        return ""
    what = "Statusklasse" if kind == "status" else "Dynamikklasse"
    if distance < 0.1:
        text = f"Die {what} ist knapp: Der Index liegt nur {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    elif distance < 0.25:
        text = f"Der Index liegt {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    else:
        text = f"Die {what} ist deutlich: Der Index liegt {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    if stable is True:
        text += f" Die {what} bliebe gleich, wenn man einen beliebigen der Indikatoren wegließe."
    elif stable is False and flips:
        names = [titles[k] for k in flips.split(",") if k]
        text += (f" Ohne den Indikator {' oder '.join('„' + n + '“' for n in names)} "
                 f"fiele die {what} anders aus.")
    return text


def plural_dative(phrase: str) -> str:
    """Dative plural of a plural noun phrase, inflecting its head noun: "Fokusquartieren",
    "Gebieten mit besonderem Aufmerksamkeitsbedarf"."""
    head, _, rest = phrase.partition(" ")
    return dative_plural(head) + (f" {rest}" if rest else "")


def accusative(named: Named) -> str:
    """After "für": "für die Innenstadt", "für den Kiez", "für Alstaden"."""
    if not named.artikel:
        return named.name
    return {"der": "den", "die": "die", "das": "das"}[named.artikel] + " " + named.name


def of_edition(titel: str) -> str:
    """Genitive of an edition title: "des Sozialberichts 2022", "des MSS 2019"."""
    head, _, rest = titel.partition(" ")
    if head.isupper() or head.endswith(("s", "ß", "x", "z")):
        return f"des {titel}"
    return f"des {genitive_noun(head)}" + (f" {rest}" if rest else "")


def lead(named: Named, area: Named, edition: str, status: str | None, dynamik: str | None, fokus: bool,
         fokus_plural: str, window: tuple[int, int], reason: str = "") -> str:
    """The first sentence of a quarter page, right with and without an article."""
    if status is None:
        return f"Für {accusative(named)} gibt es im {edition} keine Einstufung: {reason}."
    text = (f"{named.nominative(capital=True)} hat im {edition} einen {STATUS_ADJ[status]} sozialen Status; "
            f"die Entwicklung {years_span(*window)} ist {dynamik}.")
    if fokus:
        text += f" {named.pronoun(area.nominative(capital=True))} gehört zu den {plural_dative(fokus_plural)}."
    return text


def meaning(kind: str, label: str, gebiet: str, gebiete: str, artikel: str = "das") -> str:
    """What a class means, as a sentence that may follow a colon (so it starts with a capital)."""
    words = (STATUS_MEANING if kind == "status" else DYNAMICS_MEANING)[label]
    words = words.format(das_gebiet=f"{artikel} {gebiet}", gebiete=gebiete, gebieten=dative_plural(gebiete))
    return words[0].upper() + words[1:]


def social_index(symbol: str, status: str, dynamik: str) -> str:
    """ "4+/-" → what the symbol says."""
    return (f"Der Sozialindex {symbol} verbindet beides: die Ziffer ist die Statusklasse ({symbol[0]} = {status}), "
            f"das Zeichen die Dynamik („{symbol[1:]}“ = {dynamik}).")
