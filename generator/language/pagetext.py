"""Sentences of the overview pages (start, lists, Fokus list, indicators) and of the method page."""

from __future__ import annotations

from .classes import ARCHIVED, CLEAR, KNAPP, name_note
from .compare import ROUNDING_LIMIT, TOLERANCE
from .focus import CLEAR_Z
from .names import Noun, capital, district_in, edition_in
from .numbers import INDEX_DIGITS, date, de, integer, threshold
from .signs import MEANING, NOT_APPLICABLE, NOTHING, OFFICIAL, UNCERTAIN, UNKNOWN


def _is(n: int) -> str:
    return "ist" if n == 1 else "sind"


def subtitle(gebiet: str, district: Noun, district_name: str, sozialraum: str, name_status: str, titel: str,
             frozen: bool) -> str:
    """ "Sozialquartier im Stadtbezirk Alt-Oberhausen, Sozialraum Alstaden/Lirich · Sozialbericht 2022" """
    first = f"{gebiet} {district_in(district)} {district_name}" if district_name else gebiet
    if sozialraum:
        first += f", Sozialraum {sozialraum}"
    parts = [first] + ([name_note(name_status)] if name_status else []) + [titel + (ARCHIVED if frozen else "")]
    return " · ".join(parts)


def stub_note(titel: str, stichtag) -> str:
    """The archive of the latest edition (links to the current pages follow in the template)."""
    return f"Der {titel} (Stichtag {date(stichtag)}) ist die aktuelle Ausgabe; seine Seiten stehen unter"


def frozen_note(titel: str, stichtag) -> str:
    return f"Diese Seiten zeigen den {titel} (Stichtag {date(stichtag)}) unverändert."


def notice_title(hinweis: str) -> str:
    """The data-status notice as a box title (without its final full stop)."""
    return hinweis.rstrip(".")


def fokus_intro(area: Noun, fokus: Noun) -> str:
    return (f"{area.plural} mit niedrigem Status oder ungünstiger Entwicklung heißen nach der Regel der Ausgabe "
            f"{fokus.plural}: Der Bericht lenkt den Blick besonders auf sie.")


def fokus_count(regel: str, n: int, total: int, area: Noun, fokus: Noun) -> str:
    """ "Nach der Regel dieser Ausgabe (…) sind 8 von 27 Sozialquartieren Fokusquartiere." """
    which = fokus.singular if n == 1 else fokus.plural
    return (f"Nach der Regel dieser Ausgabe {_is(n)} {integer(n)} von {integer(total)} {area.number(total, 'dat')} "
            f"{which}: {regel.rstrip('.')}")


def fokus_none(area: Noun, fokus: Noun) -> str:
    return f"In dieser Ausgabe ist {area.no()} {fokus.singular}."


def fokus_explain(area: Noun) -> str:
    p = area.pronoun
    return (f"Für {area.each_word('akk')} dieser {area.plural} zeigt {area.possessive}e Seite im Abschnitt "
            f"„Vertiefung“, nach welcher Regel und warum {p} dazugehört (Status, Dynamik oder beides), welche "
            "Indikatoren den ausschlaggebenden Index am stärksten prägen, wie nah die nächste Klasse ist, wie sich die "
            f"Einstufung über die Ausgaben entwickelt hat, wo {p} bei den Kontextindikatoren deutlich abweicht und "
            f"welche {area.plural} angrenzen.")


def all_table_caption(area: Noun, edition_in_: str) -> str:
    return f"Status, Dynamik und Sozialindex aller {area.plural} {edition_in_}"


def list_caption(area: Noun, edition_in_: str) -> str:
    return f"{area.plural} {edition_in_}"


def list_intro(n: int, area: Noun, edition_in_: str, stichtag, by_district: Noun | None) -> str:
    text = f"Alle {area.count(n)} mit ihrer Einstufung {edition_in_} (Stichtag {date(stichtag)})"
    return text + (f", nach {by_district.singular}." if by_district else ".")


def district_intro(n: int, area: Noun, district: Noun, name: str, titel: str) -> str:
    return f"{area.count(n)} {district_in(district)} {name}, {titel}."


def district_caption(area: Noun, name: str, titel: str) -> str:
    return f"{area.plural} in {name}, {titel}"


def all_districts(district: Noun) -> str:
    return f"Alle {district.plural}"


def rows_legend(has_unclassified: bool) -> str:
    """The legend under a table of areas: "x" where an area has no Sozialindex."""
    return f"Zeichen: „{NOT_APPLICABLE}“ {MEANING[NOT_APPLICABLE]}." if has_unclassified else ""


# --- the method page -----------------------------------------------------------------------------

def valid_rule(area: Noun, min_residents: int) -> str:
    p = area.pronoun
    return (f"{capital(area.a())} geht nur ein, wenn {p} mindestens {integer(min_residents)} Einwohnerinnen und "
            f"Einwohner hat, für alle Indikatoren Werte vorliegen und {p} nicht auf der Ausschlussliste der Ausgabe "
            "steht.")


def firmness_intro(area: Noun) -> str:
    return (f"Kein veröffentlichter Bericht zeigt das; diese Website schon. Für {area.each('akk')} steht auf "
            f"{area.possessive}er Seite,")


def firmness_points() -> list[str]:
    return [f"wie weit der Index von der nächsten Klassengrenze entfernt ist (ein Abstand unter "
            f"{de(KNAPP, INDEX_DIGITS)} heißt: knapp, einer von {de(CLEAR, INDEX_DIGITS)} oder mehr: deutlich), und",
            "ob die Klasse gleich bliebe, wenn man einen der Indikatoren wegließe."]


def comparison_rules(area: Noun) -> list[str]:
    """How the pages compare a value with the city, said so that a reader can check every phrase
    (the phrases are named without their "als"/"wie", so that this page compares nothing itself)."""
    limit = de(0.5 * 10 ** -1 / ROUNDING_LIMIT, 1)
    return [
        "Die Wörter vergleichen die Zahlen so, wie sie auf der Seite stehen (gerundet auf eine Nachkommastelle), "
        "nie die ungerundeten. Dasselbe Zahlenpaar bekommt deshalb auf jeder Seite dieselben Wörter.",
        "Jedes Vergleichswort steht für ein Verhältnis der beiden gezeigten Zahlen: „etwa so hoch“ für das 1-Fache; "
        "„etwas höher“ und „etwas niedriger“ für das 1,1- und das 0,9-Fache; „ein Fünftel“, „ein Viertel“ und „ein "
        "Drittel höher“ für das 1,2-, 1,25- und 4/3-Fache, ebenso „niedriger“ für das 0,8-, 0,75- und 2/3-Fache; "
        "„anderthalbmal“, „doppelt“, „zweieinhalbmal“ und „dreimal“ bis „zehnmal so hoch“; „halb“, „ein Drittel“, "
        "„ein Viertel“ und „ein Fünftel so hoch“. Liegt das Verhältnis zwischen diesen Zahlen, nennen die Seiten es "
        "genauer: „etwa 40 % niedriger“ für das 0,6-Fache, „etwa 70 % höher“ für das 1,7-Fache, „etwa 2,2-mal so "
        f"hoch“. Das Verhältnis weicht von der genannten Zahl höchstens um {integer(round((TOLERANCE - 1) * 100))} % "
        "ab. Unter einem Zehntel und über dem Zehnfachen sagen die Seiten nur das.",
        f"Kleine Zahlen: Liegt einer der beiden Werte unter {limit}, verschiebt schon das Runden auf eine "
        f"Nachkommastelle ihn um mehr als {integer(round(ROUNDING_LIMIT * 100))} %; ein Verhältnis wäre dann nicht "
        "verlässlich. Die Seiten nennen dann den Unterschied in Prozentpunkten (oder in der Einheit des Indikators). "
        "Ebenso bei Veränderungen und bei Werten, die negativ sein können.",
        f"Wo Zähler und Nenner vorliegen, ist der Vergleichswert der Wert der ganzen Stadt (Summe der Zähler je 100 "
        f"Nenner); wo nur fertige Anteile vorliegen, der Durchschnitt der {area.plural}.",
    ]


def signs_rules(min_count: int, min_denominator: int) -> list[str]:
    """The signs for numbers that are not shown, as in official statistics."""
    return [
        f"„{UNKNOWN}“ – {OFFICIAL[UNKNOWN]}: eine Fallzahl unter {min_count}, eine Zahl, aus der man sie "
        "zurückrechnen könnte, oder ein Wert, den schon die Quelle nicht hat oder geheim hält.",
        f"„{UNCERTAIN}“ – {OFFICIAL[UNCERTAIN]}: ein Anteil mit einem Nenner unter {min_denominator}; Zähler und "
        "Nenner stehen in den Tabellen.",
        f"„{NOT_APPLICABLE}“ – {OFFICIAL[NOT_APPLICABLE]}: Ein Gebiet ohne Einstufung (zu wenige Einwohner, fehlende "
        "Werte oder ausgeschlossen) hat keinen Sozialindex und keine Indexwerte.",
        f"„{NOTHING}“ – {OFFICIAL[NOTHING]}: zum Beispiel keine Ausschlüsse. Eine fehlende Zahl ist nie „{NOTHING}“ "
        "und nie 0.",
    ]


def focus_rules(area: Noun, fokus: Noun) -> list[str]:
    return [
        f"Bei {fokus.dative_plural} hat die Seite einen Abschnitt „Vertiefung“. Er nennt die Regel der Ausgabe und "
        "sagt, was ausschlaggebend war: der "
        "Status (er allein genügt nach der Regel), die Dynamik (sie genügt bei mittlerem Status), beides (jedes "
        "genügt für sich) oder erst beides zusammen. Erklärt wird der ausschlaggebende Teil; bei der Dynamik mit den "
        "Veränderungen der Indikatoren in Prozentpunkten.",
        "Ein „Beitrag“ wird in Indexpunkten angegeben: der z-Wert eines Indikators geteilt durch die "
        "Standardabweichung der Summen aller z-Werte. Weil der Index die standardisierte Summe ist, ergeben die "
        "Beiträge zusammen genau den Index (bis auf Rundung).",
        f"„Deutlich“ weicht {area.a()} bei einem Kontextindikator ab, wenn {area.possessive} Wert mindestens "
        f"{'eine' if CLEAR_Z == 1 else de(CLEAR_Z)} Standardabweichung vom Durchschnitt der {area.plural} "
        "entfernt liegt oder der höchste oder niedrigste aller ist – berechnet aus den gezeigten, gerundeten Werten.",
    ]


def change_rules(area: Noun) -> list[str]:
    return [
        f"Der Index ist relativ: Er vergleicht die {area.plural} einer Ausgabe miteinander und wird in jeder Ausgabe "
        "neu standardisiert. Ein Klassenwechsel zwischen zwei Ausgaben kann deshalb auch daher kommen, dass sich "
        f"andere {area.plural} verändert haben.",
        f"Ein Wechsel heißt „knapp“, wenn der neue Index weniger als {de(KNAPP, INDEX_DIGITS)} Indexpunkte von der "
        "überschrittenen Klassengrenze entfernt liegt.",
        "Umfassen die Dynamik-Zeitfenster zweier Ausgaben verschieden viele Jahre, sind ihre Dynamikklassen nur "
        "eingeschränkt vergleichbar; die Seite „Veränderungen“ sagt es dann.",
    ]


def withheld_rule(area: Noun) -> str:
    return (f"Geht eine geheime Fallzahl in den Index einer Ausgabe ein, veröffentlicht diese Ausgabe für den "
            "betroffenen Teil (Status oder Dynamik) keine z-Werte, Summen, Indexwerte und Abstände zu den Schwellen – "
            f"für {area.no('akk')}, denn diese Zahlen hängen über alle {area.plural} zusammen (z-Werte summieren sich "
            "zu null). Die Klassen werden vollständig veröffentlicht.")


def source_rule(area: Noun) -> str:
    return ("Werte, die schon die Quelle geheim hält oder nicht hat, stehen ebenfalls als „.“ – nie als 0 – und sind "
            "in den Datenpaketen in der Tabelle der Indikatorwerte eigens gekennzeichnet (in der Quelle geheim "
            f"gehalten beziehungsweise dort nicht vorhanden); {area.a()} ohne einen Wert, den eine Ausgabe braucht, "
            "erhält in dieser Ausgabe keine Einstufung.")


def thresholds_row(t: float) -> str:
    return threshold(t)


def window_cell(start: int, end: int) -> str:
    return f"{start}–{end} ({integer(end - start)} {'Jahr' if end - start == 1 else 'Jahre'})"


def in_edition(titel: str) -> str:
    return edition_in(titel)
