"""Titles, captions, alternative texts and legends of the maps and charts."""

from __future__ import annotations

from .classes import NO_CLASS, label
from .names import Name, Noun, capital
from .numbers import VALUE_DIGITS, de, date, integer, missing, with_unit
from .signs import MEANING, UNCERTAIN, UNKNOWN

COUNT_WORDS = {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben"}


def status_tooltip(name: str, status: str | None, dynamik: str | None) -> str:
    return f"{name}: Status {label(status)}, Dynamik {label(dynamik)}"


def fokus_tooltip(name: str, fokus: bool, fokus_noun: Noun, status: str | None, dynamik: str | None) -> str:
    which = fokus_noun.singular if fokus else fokus_noun.no()
    return f"{name}: {which}, Status {label(status)}, Dynamik {label(dynamik)}"


def status_legend() -> list[str]:
    return [f"Status {s}" for s in ("hoch", "mittel", "niedrig", "sehr niedrig")] + [NO_CLASS]


def fokus_legend(fokus_noun: Noun, area: Noun) -> list[str]:
    return [f"{fokus_noun.singular}, Status {s}" for s in ("mittel", "niedrig", "sehr niedrig")] + \
        [f"übrige {area.plural}"]


# --- maps ----------------------------------------------------------------------------------------

# Each map and chart has an alternative text that says only what the figure itself shows (it goes with
# the figure into its SVG file and onto its embed page) and a note that says what only its page offers
# (links, the table below it): figures.Figure.page_alt puts them together on the page.

def status_map(area: Noun, district: Noun, city: str, edition: str, edition_in: str, stichtag,
               large: bool) -> tuple[str, str, str, str]:
    """(title, subtitle, alternative text, note on the page) of the status map."""
    tables = (f"Die Tabellen je {district.singular} enthalten dieselben Angaben." if large
              else "Die Tabelle unter der Karte enthält dieselben Angaben.")
    return (f"{area.plural} nach sozialem Status",
            f"Statusklasse je {area.singular} · {city} · {edition}, Stand {date(stichtag)}",
            f"Karte der {area.plural} nach Statusklasse {edition_in}.",
            f"{capital(area.each())} ist ein Link zu {area.possessive}er Seite. {tables}")


def status_map_caption(area: Noun, edition_in: str) -> str:
    return (f"Statusklasse je {area.singular} {edition_in}. Ein Klick auf {area.a('akk')} öffnet "
            f"{area.possessive}e Seite; dieselben Angaben stehen in der Tabelle darunter.")


def locator(name: Name, area: Noun, short: Noun, district: Noun, city: str, edition: str, stichtag,
            large: bool) -> tuple[str, str, str, str, str]:
    """(title, subtitle, alternative text, caption, note on the page) of the map that shows where an area lies."""
    title = f"Lage: {name.name}"
    subtitle = f"{area.singular} in {city} · {edition}, Stand {date(stichtag)}"
    if large:
        alt = (f"So liegt {name.nominative()} in der Stadt: schwarz umrandet und gefärbt nach Statusklasse, in den "
               f"grau gezeichneten {district.dative_plural}.")
        note = f"{capital(district.each())} ist ein Link zu {district.possessive}er Liste."
        caption = (f"{name.nominative(capital=True)} (schwarz umrandet) in den grau gezeichneten "
                   f"{district.dative_plural}. Ein Klick öffnet die Liste {district.the('gen')}.")
    else:
        alt = (f"So liegt {name.nominative()} in der Stadt: schwarz umrandet, unter den übrigen {area.dative_plural}, "
               f"gefärbt nach Statusklasse.")
        note = f"{capital(area.each_word())} ist ein Link zu {area.possessive}er Seite."
        caption = (f"{name.nominative(capital=True)} (schwarz umrandet) und die übrigen {area.plural}, gefärbt nach "
                   f"Statusklasse. Ein Klick öffnet die Seite {short.the('gen')}.")
    return title, subtitle, alt, caption, note


def locator_legend(name: str, status: str | None, district: Noun) -> list[str]:
    return [f"{name}: Status {label(status)}", f"übrige {district.plural}"]


def fokus_map(fokus: Noun, area: Noun, city: str, edition: str, edition_in: str, stichtag,
              listed: bool) -> tuple[str, str, str, str, str]:
    """(title, subtitle, alternative text, caption, note on the page) of the map of the Fokusquartiere."""
    return (f"{fokus.plural} in {city}", f"{edition}, Stand {date(stichtag)}",
            f"Karte der {fokus.plural} {edition_in}: farbig nach Statusklasse, alle anderen {area.plural} hellgrau.",
            f"{fokus.plural} {edition_in}, gefärbt nach Statusklasse; alle anderen {area.plural} hellgrau.",
            f"{capital(area.each())} ist ein Link zu {area.possessive}er Seite."
            + (" Die Liste unter der Karte nennt dieselben." if listed else ""))


def groups(sizes: list[int], area: Noun) -> str:
    """How the areas fall into the map's classes, truthfully: "fünf gleich große Gruppen (je 5
    Sozialquartiere)" or "fünf etwa gleich große Gruppen (5, 6, 5, 6 und 5 Sozialquartiere)"."""
    n = len(sizes)
    word = COUNT_WORDS.get(n, integer(n))
    if n == 0:  # every value secret or missing (a small city, a strict rule): a grey map
        return "keiner Gruppe (kein veröffentlichter Wert)"
    if n == 1:
        return f"einer Gruppe ({area.count(sizes[0])})"
    if len(set(sizes)) == 1:
        return f"{word} gleich großen Gruppen (je {area.count(sizes[0])})"
    listed = ", ".join(integer(s) for s in sizes[:-1]) + f" und {integer(sizes[-1])}"
    return f"{word} etwa gleich großen Gruppen ({listed} {area.plural})"


def indicator_map(kurzname: str, titel: str, einheit: str, area: Noun, short: Noun, city: str, edition: str,
                  stichtag, year: int, sizes: list[int]) -> tuple[str, str, str, str, str]:
    """(title, subtitle, alternative text, caption, note on the page) of an indicator's map."""
    grouped = groups(sizes, area)
    return (f"{kurzname} je {area.singular}",
            f"{titled(titel, einheit)} am {date(stichtag)} · {city} · {edition}",
            f"Karte: {kurzname} je {area.singular} {year}, in {grouped}; je dunkler, desto höher.",
            f"{kurzname} je {short.singular} am {date(stichtag)}, in {grouped}; je dunkler, desto höher. Ein Klick "
            f"öffnet die Seite {short.the('gen')}.",
            f"{capital(area.each())} ist ein Link zu {area.possessive}er Seite. Die Rangliste unter der Karte "
            "enthält dieselben Werte.")


def class_labels(breaks: list[float], unit: str, sizes: list[int], area: Noun) -> list[str]:
    """The legend of a map in classes whose limits are displayed values: "unter 7,6 %",
    "7,6 bis unter 12,9 %", …, "ab 18,0 %", each with its number of areas. A value printed as
    12,9 is in the class "12,9 bis unter …", because the limits are compared as displayed."""
    if not breaks:
        return []
    out = []
    k = len(breaks) + 1
    for i in range(k):
        if i == 0:
            text = f"unter {de(breaks[0], VALUE_DIGITS)} {unit}"
        elif i == k - 1:
            text = f"ab {de(breaks[-1], VALUE_DIGITS)} {unit}"
        else:
            text = f"{de(breaks[i - 1], VALUE_DIGITS)} bis unter {de(breaks[i], VALUE_DIGITS)} {unit}"
        out.append(f"{text} ({area.count(sizes[i])})")
    return out


def no_value_label(signs: set[str]) -> str:
    """The grey swatch of a map: areas without a published value, and why."""
    why = [f"„{s}“ {MEANING[s]}" for s in (UNKNOWN, UNCERTAIN) if s in signs]
    return "kein Wert" + (f" ({'; '.join(why)})" if why else "")


def value_tooltip(name: str, value, einheit: str, sign: str) -> str:
    return f"{name}: {with_unit(value, einheit) if not missing(value) else sign}"


# --- trend charts -----------------------------------------------------------------------------

def titled(titel: str, einheit: str) -> str:
    """A title with its unit in brackets, unless the title already names it ("Zuzüge … je 100
    Einwohner", not "… je 100 Einwohner (je 100 Einwohner)")."""
    return titel if einheit.lower() in titel.lower() else f"{titel} ({einheit})"


def trend(kurzname: str, titel: str, einheit: str, name: Name, where: str, years: list[int], edition: str,
          last_year: int, last_value, sign: str) -> tuple[str, str, str, str]:
    """(title, subtitle, alternative text, note on the page) of an area's trend chart."""
    last = with_unit(last_value, einheit) if not missing(last_value) else f"nicht veröffentlicht („{sign}“)"
    return (f"{kurzname}: {name.name}",
            f"{titled(titel, einheit)}, {years[0]}–{years[-1]} · {edition}",
            f"Verlauf {kurzname} {name.in_()} (durchgezogen) und {where} (gestrichelt), {years[0]} bis {years[-1]}; "
            f"{last_year}: {last}.", "Die Zahlen stehen in der Tabelle darunter.")


def trend_legend(name: str, where: str) -> tuple[str, str]:
    return name, capital(where)


def city_trend(kurzname: str, titel: str, einheit: str, where: str, years: list[int],
               city: str) -> tuple[str, str, str, str]:
    """(title, subtitle, alternative text, note on the page) of the city's trend chart."""
    return (f"{kurzname} {where}", f"{titled(titel, einheit)}, {years[0]}–{years[-1]} · {city}",
            f"Verlauf {kurzname} {where}, {years[0]} bis {years[-1]}.", "Die Werte stehen in der Tabelle.")


def axis_label(unit: str) -> str:
    """The label of a chart's value axis: "in %", "je 100 Einwohner"."""
    return f"in {unit}" if unit == "%" else unit


def find_mine(short: Noun) -> str:
    """The finder button: "Mein Quartier finden", "Meinen Planungsraum finden", "Meine Region finden"."""
    return f"{capital(short.mine('akk'))} finden"
