"""Class changes between two editions, in words a journalist can print: counts that add up, what the
relative index means, near-threshold changes, differing dynamics windows, new and lost Fokusquartiere."""

from __future__ import annotations

from .classes import KNAPP, window_words
from .names import Noun, capital
from .numbers import INDEX_DIGITS, de, missing, shown, threshold


def summary(changed: int, status: int, better: int, worse: int, dynamics: int, both: int, area: Noun,
            previous_in: str) -> str:
    """ "10 Sozialquartiere wechselten gegenüber dem Sozialbericht 2020 die Klasse: 3 im Status (0 höher,
    3 niedriger), 9 in der Dynamik, 2 davon in beidem." – the parts add up: status + dynamics − both."""
    if not changed:
        return f"{capital(area.no())} wechselte gegenüber {previous_in} die Status- oder Dynamikklasse."
    verb = "wechselte" if changed == 1 else "wechselten"
    return (f"{area.count(changed)} {verb} gegenüber {previous_in} die Klasse: {status} im Status "
            f"({better} höher, {worse} niedriger), {dynamics} in der Dynamik, {both} davon in beidem.")


def better_means() -> str:
    return ("Ein höherer Status heißt: weniger Armutsrisiken (ein niedrigerer Statusindex); eine günstigere Dynamik: "
            "die Anteile haben sich besser entwickelt als anderswo.")


def relative(area: Noun) -> str:
    """The relative nature of the index, said once and plainly."""
    return (f"Der Index ist relativ: Er vergleicht die {area.plural} einer Ausgabe miteinander und wird in jeder "
            f"Ausgabe neu berechnet (Durchschnitt 0, Standardabweichung 1). {capital(area.a())} kann deshalb die "
            f"Klasse wechseln, weil sich andere {area.plural} verändert haben, auch wenn sich "
            f"{area.possessive}e eigenen Werte kaum verändert haben.")


def window_warning(previous_title: str, previous: tuple[int, int], title: str, now: tuple[int, int]) -> str:
    """A warning when the two editions measure dynamics over different windows ("" when equal)."""
    if previous[1] - previous[0] == now[1] - now[0]:
        return ""
    return (f"Achtung: Die Dynamik umfasst im {previous_title} {window_words(*previous)}, im {title} "
            f"{window_words(*now)}. Die Dynamikklassen der beiden Ausgaben sind deshalb nur eingeschränkt "
            "vergleichbar.")


def order() -> str:
    return ("Die Tabelle ist nach der Zahl der Klassenstufen sortiert, um die sich Status und Dynamik zusammen "
            "geändert haben, die meisten zuerst. Bei gleicher Zahl stehen die Namen alphabetisch.")


def knapp_means() -> str:
    return (f"„knapp“: Der Index liegt in der neuen Ausgabe weniger als {de(KNAPP, INDEX_DIGITS)} Indexpunkte "
            "von der Klassengrenze entfernt, die er überschritten hat – schon eine kleine Änderung der Werte hätte "
            "die alte Klasse ergeben.")


def focus_changes(new: list[str], lost: list[str], fokus: Noun, previous_in: str) -> str:
    """New and lost Fokusquartiere, named."""
    if not new and not lost:
        return f"Die {fokus.plural} sind dieselben wie {previous_in}."
    parts = []
    if new:
        parts.append(f"Neu unter den {fokus.dative_plural}: {', '.join(new)}.")
    if lost:
        parts.append(f"Nicht mehr unter den {fokus.dative_plural}: {', '.join(lost)}.")
    return " ".join(parts)


def direction(status_change: str, dynamics_change: str) -> str:
    """The "Richtung" cell: "Status niedriger, Dynamik günstiger"."""
    status = {"besser": "höher", "schlechter": "niedriger"}
    dynamics = {"besser": "günstiger", "schlechter": "ungünstiger"}
    parts = []
    if status_change != "gleich":
        parts.append(f"Status {status[status_change]}")
    if dynamics_change != "gleich":
        parts.append(f"Dynamik {dynamics[dynamics_change]}")
    return ", ".join(parts)


def crossed(kind: str, distance, limit) -> str:
    """ "knapp: 0,02 über der Grenze −1,0" or "0,35 jenseits der Grenze 1,0" – how far past the
    class limit it crossed the new index lies ("" when not known)."""
    if missing(distance) or missing(limit):
        return ""
    d = shown(distance, INDEX_DIGITS)
    what = "Statusindex" if kind == "status" else "Dynamikindex"
    text = f"{what} {de(d, INDEX_DIGITS)} von der Grenze {threshold(limit)}"
    return f"knapp: {text}" if d < KNAPP else text


def indicator_changes(items: list[tuple[str, float | None, float | None]], unit: str = "Prozentpunkte") -> str:
    """ "SGB II −0,5 (Durchschnitt −1,0), Kinderarmut +0,3 (Durchschnitt −0,9)" in ``unit``."""
    parts = []
    for name, change, mean in items:
        text = f"{name} {de(change, 1, True)}"
        if mean is not None:
            text += f" (Durchschnitt {de(mean, 1, True)})"
        parts.append(text)
    return "; ".join(parts)


def indicator_changes_intro(window: tuple[int, int], area: Noun) -> str:
    return (f"Veränderung der Indexindikatoren von {window[0]} bis {window[1]} in Prozentpunkten, in Klammern der "
            f"Durchschnitt aller {area.plural}. Die Dynamikklasse vergleicht diese Veränderungen mit denen der "
            f"anderen {area.plural}: {capital(area.a())} mit sinkenden Anteilen kann eine ungünstigere Dynamik "
            "bekommen, wenn die Anteile anderswo stärker sinken.")


def title(previous_title: str) -> str:
    """ "Veränderungen seit dem Sozialbericht 2020" """
    return f"Veränderungen seit dem {previous_title}"


def caption(previous_title: str, title_: str) -> str:
    return f"Klassenwechsel vom {previous_title} zum {title_}"


def table_head(short: str, previous: int, year: int) -> tuple[str, ...]:
    return (short, f"Status {previous}", f"Status {year}", f"Statusindex {previous} → {year}", f"Dynamik {previous}",
            f"Dynamik {year}", f"Dynamikindex {previous} → {year}", "Richtung", "Abstand zur Grenze (Status)",
            "Abstand zur Grenze (Dynamik)")


def page_title(previous: int, title_: str) -> str:
    """ "Veränderungen seit 2020 – Sozialbericht 2022" """
    return f"Veränderungen seit {previous} – {title_}"


def index_change(before, after) -> str:
    """ "0,94 → 1,16" (index values of two editions, as displayed)."""
    return f"{de(before, INDEX_DIGITS)} → {de(after, INDEX_DIGITS)}"
