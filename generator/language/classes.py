"""What the classes mean, the scales with their thresholds, the first sentence of an area's page and
how firm a class is – each sentence from the numbers as displayed."""

from __future__ import annotations

from .names import Name, Noun, capital
from .numbers import INDEX_DIGITS, de, integer, missing, shown, threshold

NO_CLASS = "keine Klasse"
NO_DISTRICT = "ohne Zuordnung"
ARCHIVED = " (archiviert)"

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
DYNAMICS_ADJ = {"positiv": "positiven", "stabil": "stabilen", "negativ": "negativen"}
DYNAMICS_SYMBOL_TEXT = {"+": "positiv", "+/-": "stabil", "-": "negativ"}
KNAPP = 0.1  # a displayed distance to the next class limit below this is "knapp"
CLEAR = 0.25  # … and from this on "deutlich"


def label(value: str | None) -> str:
    """A class label for a cell or a sentence: the label, or "keine Klasse"."""
    return value or NO_CLASS


def years_span(start: int, end: int) -> str:
    """ "in den drei Jahren von 2019 bis 2022", "von 2021 bis 2022"."""
    n = end - start
    words = {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs"}
    if n == 1:
        return f"von {start} bis {end}"
    return f"in den {words.get(n, integer(n))} Jahren von {start} bis {end}"


def window_words(start: int, end: int) -> str:
    """ "drei Jahre (2019 bis 2022)", "ein Jahr (2021 bis 2022)"."""
    n = end - start
    words = {1: "ein Jahr", 2: "zwei Jahre", 3: "drei Jahre", 4: "vier Jahre", 5: "fünf Jahre", 6: "sechs Jahre"}
    return f"{words.get(n, integer(n) + ' Jahre')} ({start} bis {end})"


def meaning(kind: str, value: str, area: Noun) -> str:
    """What a class means, as a sentence that may follow a colon (so it starts with a capital)."""
    words = (STATUS_MEANING if kind == "status" else DYNAMICS_MEANING)[value]
    return capital(words.format(das_gebiet=area.the(), gebiete=area.plural, gebieten=area.dative_plural))


def status_scale(t: tuple[float, ...]) -> str:
    """The inverted scale in one sentence, with the edition's thresholds."""
    t0, t1, t2 = (threshold(x) for x in t)
    return (f"Je höher der Statusindex, desto niedriger der soziale Status: unter {t0} heißt „hoch“, "
            f"von {t0} bis {t1} „mittel“, über {t1} „niedrig“ und über {t2} „sehr niedrig“.")


def dynamics_scale(t: tuple[float, ...]) -> str:
    t0, t1 = (threshold(x) for x in t)
    return (f"Je höher der Dynamikindex, desto ungünstiger die Entwicklung: unter {t0} heißt „positiv“, "
            f"von {t0} bis {t1} „stabil“, über {t1} „negativ“. Eine positive Dynamik hat deshalb "
            "einen negativen Indexwert.")


def lead(name: Name, edition_in: str, status: str | None, dynamik: str | None, fokus: bool,
         fokus_noun: Noun, window: tuple[int, int], reason: str = "") -> str:
    """The first sentence of an area's page: "Lirich-Nord hat im Sozialbericht 2022 einen mittleren
    sozialen Status; die Entwicklung in den drei Jahren von 2019 bis 2022 ist negativ."."""
    if status is None:
        because = f": {reason}" if reason else ""  # without a reason no dangling ": ."
        return f"Für {name.accusative()} gibt es {edition_in} keine Einstufung{because}."
    text = (f"{name.nominative(capital=True)} hat {edition_in} einen {STATUS_ADJ[status]} sozialen Status; "
            f"die Entwicklung {years_span(*window)} ist {dynamik}.")
    if fokus:
        text += f" {capital(name.pronoun)} gehört zu den {fokus_noun.dative_plural}."
    return text


def invalid(name: Name, edition_in: str, reason: str, area: Noun, min_residents: int) -> str:
    return (f"{name.nominative(capital=True)} geht {edition_in} nicht in den Index ein ({reason}). "
            f"{area.plural} unter {integer(min_residents)} Einwohnerinnen und Einwohnern oder mit fehlenden Werten "
            "erhalten keine Klasse.")


def index_value(kind: str, value: float, area: Noun) -> str:
    """ "Der Statusindex beträgt 0,65; 0 ist der Durchschnitt aller Sozialquartiere." """
    if kind == "status":
        return f"Der Statusindex beträgt {de(value, INDEX_DIGITS)}; 0 ist der Durchschnitt aller {area.plural}."
    return f"Der Dynamikindex beträgt {de(value, INDEX_DIGITS)}."


def index_withheld(kind: str) -> str:
    what = "Statusindex" if kind == "status" else "Dynamikindex"
    return (f"Die Zahlenwerte des {what} sind in dieser Ausgabe nicht veröffentlicht, weil sie eine geheim "
            "gehaltene kleine Fallzahl verraten würden; die Klasse ist veröffentlicht.")


def distance_shown(index: float, thresholds: tuple[float, ...]) -> float:
    """The distance of the displayed index to the nearest class limit, as displayed."""
    v = shown(index, INDEX_DIGITS)
    return shown(min(abs(v - t) for t in thresholds), INDEX_DIGITS)


def crossed_distance(index: float, limit: float) -> float:
    """How far the displayed index lies from a class limit, as displayed (class changes, "knapp")."""
    return shown(abs(shown(index, INDEX_DIGITS) - limit), INDEX_DIGITS)


def stability(index, thresholds: tuple[float, ...], stable, flips: str, kind: str, titles: dict[str, str]) -> str:
    """How firm a classification is, in words (indicator names, never ids), from the displayed index."""
    if missing(index):
        return ""
    distance = distance_shown(index, thresholds)
    what = "Statusklasse" if kind == "status" else "Dynamikklasse"
    d = de(distance, INDEX_DIGITS)
    if distance < KNAPP:
        text = (f"Die {what} ist knapp: Der Index liegt nur {d} von der nächsten Klassengrenze entfernt (knapp heißt: "
                f"weniger als {de(KNAPP, INDEX_DIGITS)}).")
    elif distance < CLEAR:
        text = f"Der Index liegt {d} von der nächsten Klassengrenze entfernt."
    else:
        text = (f"Die {what} ist deutlich: Der Index liegt {d} von der nächsten Klassengrenze entfernt (deutlich "
                f"heißt: {de(CLEAR, INDEX_DIGITS)} oder mehr).")
    if stable is True:
        text += f" Die {what} bliebe gleich, wenn man einen beliebigen der Indikatoren wegließe."
    elif stable is False and flips:
        names = [titles[k] for k in flips.split(",") if k]
        text += (f" Ohne den Indikator {' oder '.join('„' + n + '“' for n in names)} "
                 f"fiele die {what} anders aus.")
    return text


def social_index(symbol: str, status: str, dynamik: str) -> str:
    """ "4+/-" → what the symbol says."""
    return (f"Der Sozialindex {symbol} verbindet beides: die Ziffer ist die Statusklasse ({symbol[0]} = {status}), "
            f"das Zeichen die Dynamik („{symbol[1:]}“ = {dynamik}).")


def distances(index_status, status_class, status_thresholds, index_dynamics, dynamics_label,
              dynamics_thresholds, status_labels: dict[int, str]) -> list[tuple[str, str]]:
    """How far the displayed indices are from the neighbouring classes, in index points, as
    (kind, sentence): kind "status_besser", "status_schlechter" or "dynamik_besser"."""
    out = []
    if not missing(index_status) and status_class is not None:
        v = shown(index_status, INDEX_DIGITS)
        k = int(status_class)
        if k > 1:  # the better class lies below the lower threshold
            lower = status_thresholds[k - 2]
            out.append(("status_besser", f"Bis zur Statusklasse „{status_labels[k - 1]}“ müsste der Statusindex um "
                                         f"{de(v - lower, INDEX_DIGITS)} sinken (Grenze {threshold(lower)})."))
        if k < 4:
            upper = status_thresholds[k - 1]
            out.append(("status_schlechter", f"Bis zur Statusklasse „{status_labels[k + 1]}“ fehlen "
                                             f"{de(upper - v, INDEX_DIGITS)} Indexpunkte (Grenze {threshold(upper)})."))
    if not missing(index_dynamics) and dynamics_label == "negativ":
        v = shown(index_dynamics, INDEX_DIGITS)
        out.append(("dynamik_besser", f"Bis zur Dynamik „stabil“ müsste der Dynamikindex um "
                                      f"{de(v - dynamics_thresholds[1], INDEX_DIGITS)} sinken "
                                      f"(Grenze {threshold(dynamics_thresholds[1])})."))
    return out


def name_short(name_status: str) -> str:
    """ "Name angenommen" (beside a name in a table), "" for an official or documented name."""
    return f"Name {name_status}" if name_status else ""


def pair(status: str | None, dynamik: str | None) -> str:
    """ "mittel / stabil", or "keine Klasse" """
    return f"{status} / {dynamik}" if status else NO_CLASS


def name_note(name_status: str) -> str:
    """ "Name angenommen (nicht amtlich belegt)" """
    return f"Name {name_status} (nicht amtlich belegt)"
