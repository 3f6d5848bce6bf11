"""Plain-German wording: numbers, comparisons, class explanations. Pure functions, used by templates."""

from __future__ import annotations

import math

STATUS_TEXT = {
    "hoch": "einen hohen sozialen Status: Armutsrisiken sind hier deutlich seltener als im Durchschnitt der Stadt",
    "mittel": "einen mittleren sozialen Status: Armutsrisiken sind hier etwa so häufig wie im Durchschnitt der Stadt",
    "niedrig": "einen niedrigen sozialen Status: Armutsrisiken sind hier deutlich häufiger als im Durchschnitt der Stadt",
    "sehr niedrig": "einen sehr niedrigen sozialen Status: Armutsrisiken sind hier viel häufiger als im Durchschnitt der Stadt",
}
DYNAMICS_TEXT = {
    "positiv": "Die Entwicklung ist positiv: die Anteile sind stärker gesunken (oder schwächer gestiegen) als in den meisten anderen Gebieten",
    "stabil": "Die Entwicklung ist stabil: die Anteile haben sich etwa wie im übrigen Stadtgebiet verändert",
    "negativ": "Die Entwicklung ist negativ: die Anteile sind stärker gestiegen (oder schwächer gesunken) als in den meisten anderen Gebieten",
}
STATUS_ADJ = {"hoch": "hohen", "mittel": "mittleren", "niedrig": "niedrigen", "sehr niedrig": "sehr niedrigen"}


def de(value, digits: int = 1, sign: bool = False) -> str:
    """German number format: decimal comma, thin grouping with a dot, '–' for missing."""
    try:
        value = float(value)
    except (TypeError, ValueError):  # None, pd.NA
        return "–"
    if math.isnan(value):
        return "–"
    text = f"{float(value):+,.{digits}f}" if sign else f"{float(value):,.{digits}f}"
    text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text.replace("-", "−")


def integer(value) -> str:
    return de(value, 0)


def compare(value: float | None, reference: float | None) -> str:
    """Census-Reporter-style comparison of a quarter's share with the city's."""
    if value is None or reference is None or reference == 0 or any(map(math.isnan, (value, reference))):
        return "nicht vergleichbar"
    r = value / reference
    for limit, text in (
        (0.2, "weniger als ein Fünftel des Stadtdurchschnitts"),
        (0.29, "etwa ein Viertel des Stadtdurchschnitts"),
        (0.42, "etwa ein Drittel des Stadtdurchschnitts"),
        (0.58, "etwa halb so hoch wie im Stadtdurchschnitt"),
        (0.75, "etwa zwei Drittel des Stadtdurchschnitts"),
        (0.93, "etwas niedriger als im Stadtdurchschnitt"),
        (1.07, "etwa so hoch wie im Stadtdurchschnitt"),
        (1.3, "etwas höher als im Stadtdurchschnitt"),
        (1.75, "etwa anderthalbmal so hoch wie im Stadtdurchschnitt"),
        (2.5, "etwa doppelt so hoch wie im Stadtdurchschnitt"),
        (3.5, "etwa dreimal so hoch wie im Stadtdurchschnitt"),
    ):
        if r < limit:
            return text
    return "mehr als dreimal so hoch wie im Stadtdurchschnitt"


def years_word(n: int) -> str:
    return {1: "des letzten Jahres", 2: "der letzten zwei Jahre", 3: "der letzten drei Jahre",
            4: "der letzten vier Jahre", 5: "der letzten fünf Jahre"}.get(n, f"der letzten {n} Jahre")


def stability(distance: float | None, stable, flips: str, kind: str, titles: dict[str, str]) -> str:
    """How firm a classification is, in words."""
    if distance is None or (isinstance(distance, float) and math.isnan(distance)):
        return ""
    what = "Statusklasse" if kind == "status" else "Dynamikklasse"
    if distance < 0.1:
        text = f"Die {what} ist knapp: der Index liegt nur {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    elif distance < 0.25:
        text = f"Der Index liegt {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    else:
        text = f"Die {what} ist deutlich: der Index liegt {de(distance, 2)} von der nächsten Klassengrenze entfernt."
    if stable is True:
        text += " Sie bliebe gleich, wenn man einen beliebigen der Indikatoren wegließe."
    elif stable is False and flips:
        names = [titles.get(k, k) for k in flips.split(",")]
        text += f" Ohne den Indikator {' oder '.join('„' + n + '“' for n in names)} wäre sie eine andere."
    return text
