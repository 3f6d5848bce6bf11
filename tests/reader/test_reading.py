"""What the reader sees of a page, and the grammar families on names and indicators of another city
(so the patterns are general, not the strings found on one site)."""

from __future__ import annotations

import pytest

from reader.city import City, Edition, code, deciding, explained
from reader.grammar import Grammar, adjective_start, plural_head
from reader.page import read, sentences
from reader.report import Report


def test_visible_text_skips_hidden_parts_and_keeps_alternatives_apart():
    page = read("""<html><head><title>Seite – Bericht</title><script>var x_y = 1;</script></head><body>
    <article><h1>Titel</h1><p data-info="geheim_feld">Sichtbar <code>quartier_id</code> hier.</p>
    <div hidden>verborgen_a</div><p style="display: none">verborgen_b</p><input type="hidden" value="v_c">
    <img src="a.png" alt="Karte der Quartiere"><svg><title>Diagramm</title><desc>Linie steigt</desc>
    <text>2022</text><path d="M0 0"/></svg><textarea readonly>&lt;iframe src="x"&gt;</textarea>
    <table><caption>Werte</caption><tr><th>A</th><th>B</th></tr><tr><td>1,0 %</td><td>2,0 %</td></tr></table>
    </article><footer><p>Fuß</p></footer></body></html>""", "t")
    assert page.article == ["Titel", "Sichtbar quartier_id hier.", "Werte", "A", "B", "1,0 %", "2,0 %"]
    assert page.lines[-1] == "Fuß" and "Fuß" not in page.article
    assert page.code == ["quartier_id"]
    assert page.textareas == ['<iframe src="x">']
    assert page.alternatives == ["Karte der Quartiere", "Diagramm", "Linie steigt", "2022", "Seite – Bericht"]
    assert [t.rows for t in page.tables] == [[["A", "B"], ["1,0 %", "2,0 %"]]]
    assert not any("verborgen" in x or "geheim_feld" in x or "x_y" in x for x in page.lines)


def test_placeholders_marked_and_unmarked():
    page = read("""<body><p>Mail an <a href="mailto:a@example.org">uns</a>.</p>
    <p><mark class="sb-platzhalter">[Platzhalter] Telefon</mark></p>
    <p><mark class="sb-platzhalter"><a href="https://example.org/">Seite</a></mark></p>
    <p>Die mit „[Platzhalter]“ markierten Angaben fehlen noch.</p><p>BITTE PRÜFEN</p></body>""", "t")
    assert page.placeholders == 4
    assert page.unmarked == ["Link: mailto:a@example.org", "Text: BITTE PRÜFEN"]


def test_sentences_end_at_full_stops_not_at_abbreviations_dates_or_decimals():
    assert sentences("Am 31.12.2022 waren es 2,5 %, d. h. mehr. Dann z. B. weniger! Und jetzt?") == [
        "Am 31.12.2022 waren es 2,5 %, d. h. mehr.", "Dann z. B. weniger!", "Und jetzt?"]
    # a number before a full stop ends a sentence (the pages write no ordinals before capitals)
    assert sentences("Der Index beträgt 0,65. Der Abstand ist 0,35.") == ["Der Index beträgt 0,65.", "Der Abstand ist 0,35."]
    assert sentences("Zeile eins\nZeile zwei.") == ["Zeile eins", "Zeile zwei."]


def _city(**labels) -> City:
    """Another city: names with and without articles, adjectives that decline and ones that do not."""
    return City("Musterstadt", {"a": ("Alte Markt", "der"), "b": ("Neue Viertel", "das"), "c": ("Hohe Heide", "die"),
                                "d": ("Großer Garten", ""), "e": ("Leipziger Straße", ""), "f": ("Altstadt", "die"),
                                "g": ("Westliche Vorstadt", "")},
                {"x": "Erwerbslose", "y": "Ältere Menschen", "z": "Wohngeld", "w": "Quote der Bedürftigen"},
                {}, {"gebiet": "Bezirksteil", "gebiet_artikel": "der", **labels})


@pytest.mark.parametrize("text,check", [
    ("Die Werte im Alte Markt sind hoch.", "adjektiv-undekliniert"),
    ("Die Werte vom Neue Viertel sind hoch.", "adjektiv-undekliniert"),
    ("Die Lage der Hohe Heide ist gut.", "adjektiv-undekliniert"),
    ("Die Werte in Großer Garten sind hoch.", "adjektiv-undekliniert"),
    ("Die Werte in Westliche Vorstadt sind hoch.", "adjektiv-undekliniert"),
    ("Die Werte von Altstadt sind hoch.", "artikel-fehlt"),
    ("Altstadt hat viele Einwohner.", "artikel-fehlt"),
    ("Am stärksten trägt Erwerbslose zum Index bei.", "verb-numerus"),
    ("Danach liegt Ältere Menschen vorn.", "verb-numerus"),
    ("Ein Klick auf ein Bezirksteil öffnet die Seite.", "artikel-kasus"),
    ("Ein Vergleich mit ein Bezirksteil ist möglich.", "artikel-kasus"),
    ("Eine Frage zu von der Stadt.", "präposition-doppelt"),
    ("Gezählt je 10 Haushalte (je 10 Haushalte).", "klammer-wiederholt"),
    ("Das war es.Danach kommt mehr.", "leerzeichen-satzende"),
    ("Das war es,danach kommt mehr.", "leerzeichen-satzende"),
    ("Wie viele Familien hilft das Wohngeld?", "kasus-wie-viele"),
    ("Die Veränderung: -0,0 Punkte.", "minus-null"),
    ("Siehe das Feld status_klasse.", "interne-namen"),
    ("Die Seite wird beim Build erzeugt.", "bauwort"),
])
def test_each_grammar_family_on_another_city(text, check):
    report = Report()
    grammar = Grammar(_city(), published=set())
    page = read(f"<article><p>{text}</p></article>", "t")
    grammar.page(page, report)
    assert [f.check for f in report.findings] == [check], report.findings


@pytest.mark.parametrize("text", [
    "Die Werte im Alten Markt sind hoch.", "Die Lage der Hohen Heide ist gut.", "Der Alte Markt hat viel.",
    "Die Werte in der Leipziger Straße sind hoch.", "Die Werte im Großen Garten sind hoch.",
    "Die Werte von der Altstadt sind hoch.", "Die Altstadt hat viele Einwohner.", "Lage: Altstadt",
    "Am stärksten tragen Erwerbslose zum Index bei.", "Am stärksten trägt Wohngeld zum Index bei.",
    "Am stärksten trägt die Quote der Bedürftigen bei.", "Ein Klick auf einen Bezirksteil öffnet die Seite.",
    "Mit einem Bezirksteil vergleichen.", "Das gilt bis zu 300 Einwohner.", "Die Quote ist z. B. hoch.",
    "Wie viele Familien erhalten Wohngeld?", "Wie vielen Familien hilft das Wohngeld?",
    "Die Veränderung: ±0,0 Punkte, dann −0,5 Punkte.", "Siehe die Spalte <code>status_klasse</code>.",
    "Gebaut wurden 300 Wohnungen.", "Zum Bau der Schule: www.example.de/bau.html", "In An der Tränke wohnen viele.",
])
def test_correct_sentences_of_another_city_are_clean(text):
    report = Report()
    grammar = Grammar(_city(), published={"status_klasse"})
    grammar.page(read(f"<article><p>{text}</p></article>", "t"), report)
    assert report.findings == []


def test_adjectives_and_plural_heads():
    assert [adjective_start(n) for n in ("Schwarze Heide/Alsfeld", "Großer Tiergarten", "Leipziger Straße",
                                         "Bayerischer Platz", "Allende II", "Hakenfelde Nord", "Innenstadt")] == [
        "Schwarze", "Großer", None, "Bayerischer", None, None, None]
    assert [plural_head(n) for n in ("Alleinerziehende", "Junge Arbeitslose", "Kinderreiche Familien", "SGB II",
                                     "Haushalte mit Kindern", "Wohndauer ab 5 Jahren", "Kinderarmut",
                                     "Leistungsberechtigte", "Zuzüge", "Arbeitslose (SGB II)")] == [
        True, True, True, False, True, False, False, True, True, True]


def test_the_deciding_and_explained_parts_of_the_fokus_rule():
    default = Edition(2022, (-1.0, 1.0, 1.5), (-1.0, 1.0), (2019, 2022), frozenset({31, 33, 35, 41, 43, 45, 25}), "")
    assert code("mittel", "negativ") == 25 and code("sehr niedrig", "positiv") == 41
    assert deciding(default, "niedrig", "stabil") == {"Status"}
    assert explained(default, "niedrig", "stabil") == {"Status"}
    assert deciding(default, "mittel", "negativ") == {"Status", "Dynamik"}
    assert explained(default, "mittel", "negativ") == {"Dynamik"}
    every_negative = Edition(2022, (-1.0, 1.0, 1.5), (-1.0, 1.0), (2019, 2022),
                             frozenset({15, 25, 35, 45, 31, 33, 41, 43}), "")
    assert explained(every_negative, "niedrig", "negativ") == {"Status", "Dynamik"}
    assert explained(every_negative, "hoch", "negativ") == {"Dynamik"}
