"""The Vertiefung of a Fokusquartier: the rule that put it in focus, the part that decided (status,
dynamics or both) and what shaped that part – in index units when called a contribution.

How the index is formed (index/engine.py): each indicator's value is z-standardised over the valid
areas; the z-values are summed; the sum is standardised again. The weighted or unweighted mean of
every z-column is 0, so the mean of the sums is 0 and

    index = Σ_k z_k / σ(sums)

exactly: the contribution of indicator k to the index is z_k / σ(sums), and the contributions add
up to the index. That is what the pages call "Beitrag", in "Indexpunkten".
"""

from __future__ import annotations

from dataclasses import dataclass

from .classes import DYNAMICS_ADJ, STATUS_ADJ
from .names import Name, Noun, capital
from .numbers import INDEX_DIGITS, VALUE_DIGITS, de, missing, shown

STATUS_LABELS = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYNAMICS_LABELS = {1: "positiv", 3: "stabil", 5: "negativ"}
NEUTRAL_STATUS, NEUTRAL_DYNAMICS = 2, 3  # the middle classes: what "alone" is measured against
CLEAR_Z = 1.0  # a context value is "deutlich" abweichend from one standard deviation on (or top/bottom rank)


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " oder " + words[-1]


def rule(codes: tuple[int, ...], area: Noun, fokus: Noun) -> str:
    """The edition's Fokus rule, from its codes: "Ein Sozialquartier ist Fokusquartier, wenn sein
    Status niedrig oder sehr niedrig ist oder wenn sein Status mittel und seine Dynamik negativ ist."."""
    full, partial = [], []
    for s, label in STATUS_LABELS.items():
        ds = [d for d in DYNAMICS_LABELS if 10 * s + d in codes]
        if len(ds) == len(DYNAMICS_LABELS):
            full.append(label)
        elif ds:
            partial.append((label, [DYNAMICS_LABELS[d] for d in ds]))
    own = area.possessive
    conditions = []
    if full:
        conditions.append(f"{own} Status {_either(full)} ist")
    for label, dyn in partial:
        conditions.append(f"{own} Status {label} und {own}e Dynamik {_either(dyn)} ist")
    return f"{capital(area.a())} ist {fokus.singular}, wenn " + " oder wenn ".join(conditions) + "."


def reason_kind(status_class: int, dynamics_class: int, codes: tuple[int, ...]) -> str:
    """Which part of the rule put an area in focus. A part decides when another class of that part,
    the other part unchanged, would take the area out of focus: "status" (with this status an area
    is in focus whatever its dynamics), "dynamik" (with this dynamics whatever its status) or
    "beides" (e.g. status mittel with negative dynamics: either other class takes it out)."""
    by_status = any(10 * s + dynamics_class not in codes for s in STATUS_LABELS)
    by_dynamics = any(10 * status_class + d not in codes for d in DYNAMICS_LABELS)
    if by_status and by_dynamics:
        return "beides"
    return "status" if by_status else "dynamik"


def _index_note(value, what: str) -> str:
    return "" if missing(value) else f" ({what} {de(value, INDEX_DIGITS)})"


def reason(kind: str, status: str, dynamik: str, status_index, dynamics_index) -> str:
    """Why the area is in focus, in one sentence that names the deciding classes."""
    s_adj, d_adj = STATUS_ADJ[status], DYNAMICS_ADJ[dynamik]
    s = f"der {s_adj.removesuffix('n')} Status{_index_note(status_index, 'Statusindex')}"
    d = f"die {d_adj.removesuffix('n')} Dynamik{_index_note(dynamics_index, 'Dynamikindex')}"
    if kind == "status":
        return (f"Ausschlaggebend ist {s}: Mit einem {s_adj} Status gehört ein Gebiet nach dieser Regel dazu, "
                "gleich wie es sich entwickelt hat.")
    if kind == "dynamik":
        return (f"Ausschlaggebend ist {d}: Mit einer {d_adj} Dynamik gehört ein Gebiet nach dieser Regel dazu, "
                "gleich welchen Status es hat.")
    return (f"Ausschlaggebend sind {s} und {d}: Bei einem {s_adj} Status gehört ein Gebiet nach dieser Regel "
            f"nur mit einer {d_adj} Dynamik dazu.")


@dataclass(frozen=True)
class Part:
    """One part of the index explained: the sentence, the table and a note on how to read it."""

    kind: str  # "status" / "dynamik"
    heading: str
    sentence: str
    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Contribution:
    """One indicator's share of an index: its value (status) or change (dynamics), z and contribution."""

    kurzname: str
    value: float | None  # the share (status) or the change in the window (dynamics)
    z: float
    contribution: float  # z / σ(sums), index points
    mean: float | None = None  # dynamics: the average change of all valid areas (None if withheld)
    unit: str = "%"
    lower_is_worse: bool = False  # "niedriger_benachteiligt": the index counts a fall as unfavourable


def _quote(name: str) -> str:
    return f"„{name}“"


def _moved(change: float, unit: str, window: tuple[int, int] | None, subject: str = "") -> str:
    """ "stieg von 2019 bis 2022 um 6,5 Prozentpunkte", "sank er um 0,1 Prozentpunkte", "blieb gleich" –
    the verb gives the sign of the displayed change."""
    v = shown(change)
    span = f" von {window[0]} bis {window[1]}" if window else ""
    who = f" {subject}" if subject else ""
    if v == 0:
        return f"blieb{who}{span} gleich"
    return f"{'stieg' if v > 0 else 'sank'}{who}{span} um {de(abs(v))} {unit}"


def part(kind: str, items: list[Contribution], index, sigma: float | None, window: tuple[int, int],
         year: int, area: Noun, withheld: bool) -> Part:
    """The explanation of the status or dynamics index of a Fokusquartier."""
    what = "Statusindex" if kind == "status" else "Dynamikindex"
    heading = f"Was den {what} prägt"
    if withheld or not items or missing(index):
        return Part(kind, heading, f"Die Beiträge der einzelnen Indikatoren zum {what} sind in dieser Ausgabe nicht "
                                   "veröffentlicht, weil sie eine geheim gehaltene kleine Fallzahl verraten würden.")
    ranked = sorted(items, key=lambda c: (-shown(c.contribution, INDEX_DIGITS), c.kurzname))
    first, rest = ranked[0], ranked[1:3]
    points = de(first.contribution, INDEX_DIGITS)
    sentence = f"Den größten Beitrag zum {what} von {de(index, INDEX_DIGITS)} leistet der Indikator {_quote(first.kurzname)}"
    if kind == "dynamik" and not missing(first.value):
        unit = "Prozentpunkte" if first.unit == "%" else first.unit
        sentence += f": Der Wert {_moved(first.value, unit, window)}"
        if first.mean is not None:
            sentence += f" (im Durchschnitt der {area.plural} {_moved(first.mean, unit, None, 'er')})"
        sentence += f", das ergibt {points} Indexpunkte"
    else:
        sentence += f" mit {points} Indexpunkten"
    if rest:
        sentence += ("; danach folgen " + " und ".join(f"{_quote(c.kurzname)} ({de(c.contribution, INDEX_DIGITS)})"
                                                      for c in rest))
    sentence += "."
    note = (f"So ist gerechnet: Die z-Werte aller Indikatoren werden addiert und die Summe wird erneut "
            f"standardisiert; geteilt durch die Standardabweichung der Summen aller {area.plural} "
            f"({de(sigma, INDEX_DIGITS)}) wird jeder z-Wert zu Indexpunkten. Zusammen ergeben die Beiträge den {what} "
            f"(bis auf Rundung); ein positiver Beitrag heißt: ungünstiger als im Durchschnitt der {area.plural}.")
    flipped = [c.kurzname for c in items if c.lower_is_worse]
    if flipped:
        note += (" Bei " + " und ".join(_quote(n) for n in flipped) + " bedeutet ein niedrigerer Wert mehr "
                 "Benachteiligung; dort zählt der Index das Vorzeichen umgekehrt.")
    if kind == "status":
        header = ("Indikator", f"Wert {year}", "z-Wert", "Beitrag (Indexpunkte)")
        rows = tuple((c.kurzname, f"{de(c.value)} {c.unit}" if not missing(c.value) else de(None),
                      de(c.z, INDEX_DIGITS), de(c.contribution, INDEX_DIGITS)) for c in ranked)
    else:
        header = ("Indikator", f"Veränderung {window[0]}–{window[1]} (Prozentpunkte)", f"Durchschnitt der {area.plural}",
                  "z-Wert", "Beitrag (Indexpunkte)")
        rows = tuple((c.kurzname, de(c.value, VALUE_DIGITS, True), de(c.mean, VALUE_DIGITS, True),
                      de(c.z, INDEX_DIGITS), de(c.contribution, INDEX_DIGITS)) for c in ranked)
    caption = f"Beiträge der Indikatoren zum {what} {de(index, INDEX_DIGITS)} (größter zuerst)"
    return Part(kind, heading, sentence, caption, header, rows, note)


@dataclass(frozen=True)
class Deviation:
    kurzname: str
    value: float
    unit: str
    rank: int
    count: int
    mean: float
    z: float
    page: str


def clear(z: float, rank: int, count: int) -> bool:
    """ "Deutlich" abweichend: at least one standard deviation from the mean (as displayed), or the
    highest or lowest value of all areas."""
    return abs(shown(z)) >= CLEAR_Z or rank == 1 or rank == count


def deviations_intro(name: Name, area: Noun, found: bool) -> tuple[str, str]:
    """(title, definition) of the list of clear deviations; without any: ("", the sentence that says so)."""
    if not found:
        return "", (f"Bei keinem Kontextindikator weicht {name.nominative()} deutlich ab: Kein Wert liegt eine "
                    f"Standardabweichung oder mehr vom Durchschnitt der {area.plural} entfernt, keiner ist der "
                    "höchste oder der niedrigste.")
    return (f"Wo {name.nominative()} deutlich abweicht",
            f"Kontextindikatoren, bei denen der Wert mindestens eine Standardabweichung vom Durchschnitt der "
            f"{area.plural} entfernt liegt oder der höchste oder niedrigste ist (Rang 1 = höchster Wert):")


def deviation_line(d: Deviation, area: Noun) -> str:
    """ "4,2 % – Rang 2 von 27, z-Wert 2,0 (2,0 Standardabweichungen über dem Durchschnitt der
    Sozialquartiere, 1,8 %)" – all from the displayed values."""
    z = shown(d.z)
    side = "über" if z > 0 else "unter"
    amount = "eine Standardabweichung" if abs(z) == 1 else f"{de(abs(z))} Standardabweichungen"
    where = (f"{amount} {side} dem Durchschnitt der {area.plural}, {de(d.mean)} {d.unit}" if z != 0
             else f"so hoch wie der Durchschnitt der {area.plural}, {de(d.mean)} {d.unit}")
    return f"{de(d.value)} {d.unit} – Rang {d.rank} von {d.count}, z-Wert {de(z)} ({where})"


def title(name: Name, fokus: Noun) -> str:
    """ "Vertiefung: Warum Lirich-Nord ein Fokusquartier ist" """
    return f"Vertiefung: Warum {name.nominative()} {fokus.a()} ist"


def all_link(fokus: Noun, edition_in: str) -> str:
    return f"Alle {fokus.plural} {edition_in}"


def neighbours_head(area: Noun) -> str:
    return f"Angrenzende {area.plural}:"


def neighbour(status: str | None, dynamik: str | None, is_fokus: bool, fokus: Noun) -> str:
    """ "Status mittel, Dynamik stabil, Fokusquartier" """
    if status is None:
        return "keine Einstufung"
    text = f"Status {status}, Dynamik {dynamik}"
    return text + (f", {fokus.singular}" if is_fokus else "")


def summary(reason_text: str, parts: list[Part], distances: list[tuple[str, str]], kind: str) -> str:
    """The short version for the list of Fokusquartiere: why, the largest contribution of each part
    that decided, and how far that part is from the next better class."""
    wanted = {"status": ("status_besser",), "dynamik": ("dynamik_besser",)}.get(kind, ("dynamik_besser", "status_besser"))
    out = [reason_text] + [p.sentence for p in parts] + [text for key, text in distances if key in wanted]
    return " ".join(out)
