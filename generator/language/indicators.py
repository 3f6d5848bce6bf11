"""Sentences about indicators: what a value means for an area, the indicator sheets, the lists."""

from __future__ import annotations

from .compare import compare
from .names import Name, Noun, capital
from .numbers import change_unit, de, missing, with_unit
from .signs import reason as missing_reason

IN_CITY = "in der Stadt"


def reference_label(counted: bool, area: Noun) -> str:
    """Where the comparison value comes from: Σ counts of the city, or the mean of the areas
    (shares taken as published, without counts)."""
    return IN_CITY if counted else f"im Durchschnitt der {area.plural}"


def value_sentence(name: Name, value, reference, reference_label_: str, einheit: str, flag: str, sign: str,
                   reference_sign: str, change, reference_change, since: int) -> str:
    """What one indicator says about an area, from the displayed numbers:
    "25,7 % in Lirich-Nord, 15,3 % in der Stadt – etwa anderthalbmal so hoch wie in der Stadt.
    Veränderung seit 2019: +2,0 Prozentpunkte (in der Stadt: +0,1)."."""
    where = name.in_()
    ref = capital(reference_label_)
    if missing(value):
        out = f"Der Wert {where} ist {missing_reason(flag)} („{sign}“)."
        if not missing(reference):
            out += f" {ref}: {with_unit(reference, einheit)}."
        return out
    if missing(reference):
        out = (f"{with_unit(value, einheit)} {where}; ein Vergleichswert {reference_label_} ist nicht veröffentlicht "
               f"(„{reference_sign}“).")
    else:
        out = (f"{with_unit(value, einheit)} {where}, {with_unit(reference, einheit)} {reference_label_} – "
               f"{compare(value, reference, einheit, reference_label_)}.")
    if not missing(change):
        out += f" Veränderung seit {since}: {de(change, 1, True)} {change_unit(einheit)}"
        if not missing(reference_change):
            out += f" ({reference_label_}: {de(reference_change, 1, True)})"
        out += "."
    return out


def context_intro(name: Name) -> str:
    return f"Kontextindikatoren gehen nicht in den Index ein; sie beschreiben {name.accusative()} genauer."


def direction(richtung: str) -> str:
    return {"hoeher_benachteiligt": "Ein höherer Wert bedeutet mehr Benachteiligung.",
            "niedriger_benachteiligt": "Ein niedrigerer Wert bedeutet mehr Benachteiligung; im Index wird das "
                                       "Vorzeichen umgekehrt.",
            "neutral": "Der Wert zeigt für sich keine Benachteiligung an; er beschreibt das Gebiet."}[richtung]


def directions(kinds: set[str]) -> str:
    """What a higher value means, true for every index indicator of a city."""
    if kinds == {"hoeher_benachteiligt"}:
        return "Bei allen Indexindikatoren bedeutet ein höherer Wert mehr Benachteiligung."
    if kinds == {"niedriger_benachteiligt"}:
        return "Bei allen Indexindikatoren bedeutet ein niedrigerer Wert mehr Benachteiligung."
    return ("Bei den meisten Indexindikatoren bedeutet ein höherer Wert mehr Benachteiligung; bei einigen ist es "
            "umgekehrt – das Indikatorblatt sagt es für jeden.")


def origin(all_counted: bool, none_counted: bool) -> str:
    """Where the values come from: counted here, or taken as published."""
    if all_counted:
        return "Jeder Wert wird aus Zähler und Nenner berechnet, nicht eingetippt."
    if none_counted:
        return "Die Werte sind übernommen, wie sie veröffentlicht wurden; Zähler und Nenner liegen nicht vor."
    return ("Die meisten Werte werden aus Zähler und Nenner berechnet; einige sind übernommen, wie sie "
            "veröffentlicht wurden.")


def in_index(art: str, status: bool, dynamik: bool, edition: str) -> str:
    """The "Im Index" cell of an indicator sheet."""
    if art == "kontext":
        return "nein – Kontextindikator"
    yes = {True: "ja", False: "nein"}
    return f"Status: {yes[status]}, Dynamik: {yes[dynamik]} ({edition})"


def yes_no(flag: bool) -> str:
    return "ja" if flag else "nein"


def city_table_caption(kurzname: str, where: str, einheit: str, counted: bool) -> str:
    how = ", Summe der Zähler je 100 Nenner" if counted else ""
    return f"Entwicklung: {kurzname} {where} ({einheit}{how})"


def ranking_caption(kurzname: str, short: Noun, stichtag: str) -> str:
    """The ranking's caption; the order (", absteigend") follows in its own element, which the
    page's script replaces when a reader sorts the table."""
    return f"{kurzname} je {short.singular} am {stichtag}"


def index_caption(edition_in: str) -> str:
    return f"Indexindikatoren und ihre Verwendung {edition_in}"


def csv_link(name: Name) -> str:
    """ "Die Werte für die Innenstadt als CSV" """
    return f"Die Werte {name.fuer()} als CSV"


def all_data(edition_zu: str) -> str:
    """ "Alle Daten zum Sozialbericht 2022" """
    return f"Alle Daten {edition_zu}"
