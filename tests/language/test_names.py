"""Language: every area name of both cities in its cases, with and without article.

The expected forms are written out by hand (a German speaker's reading of each name), not derived
from the generator's rules; the test reads the names and articles from the cities' input files, so
a new or renamed area fails until someone has written down how it is said."""

from __future__ import annotations

import csv

import pytest

from generator import paths
from generator.language.names import Name, Noun

QUARTIER = Noun("Sozialquartier", "Sozialquartiere", "das")
PLANUNGSRAUM = Noun("Planungsraum", "Planungsräume", "der")

# name → (Nominativ am Satzanfang, "in …", "zu …", "für …")
OBERHAUSEN = {
    "Innenstadt": ("Die Innenstadt", "in der Innenstadt", "zur Innenstadt", "für die Innenstadt"),
    "Marienviertel-West": ("Das Marienviertel-West", "im Marienviertel-West", "zum Marienviertel-West",
                           "für das Marienviertel-West"),
    "Marienviertel-Ost": ("Das Marienviertel-Ost", "im Marienviertel-Ost", "zum Marienviertel-Ost",
                          "für das Marienviertel-Ost"),
    "Styrum": ("Styrum", "in Styrum", "zu Styrum", "für Styrum"),
    "Brücktorviertel": ("Das Brücktorviertel", "im Brücktorviertel", "zum Brücktorviertel", "für das Brücktorviertel"),
    "Bermensfeld": ("Bermensfeld", "in Bermensfeld", "zu Bermensfeld", "für Bermensfeld"),
    "Schlad": ("Schlad", "in Schlad", "zu Schlad", "für Schlad"),
    "Dümpten": ("Dümpten", "in Dümpten", "zu Dümpten", "für Dümpten"),
    "Borbeck/Neue Mitte/Grafenbusch": ("Das Sozialquartier Borbeck/Neue Mitte/Grafenbusch",
                                       "im Sozialquartier Borbeck/Neue Mitte/Grafenbusch",
                                       "zum Sozialquartier Borbeck/Neue Mitte/Grafenbusch",
                                       "für das Sozialquartier Borbeck/Neue Mitte/Grafenbusch"),
    "Lirich-Nord": ("Lirich-Nord", "in Lirich-Nord", "zu Lirich-Nord", "für Lirich-Nord"),
    "Lirich-Süd": ("Lirich-Süd", "in Lirich-Süd", "zu Lirich-Süd", "für Lirich-Süd"),
    "Alstaden": ("Alstaden", "in Alstaden", "zu Alstaden", "für Alstaden"),
    "Osterfeld-Mitte/Vonderort": ("Osterfeld-Mitte/Vonderort", "in Osterfeld-Mitte/Vonderort",
                                  "zu Osterfeld-Mitte/Vonderort", "für Osterfeld-Mitte/Vonderort"),
    "Vondern/Osterfeld-Süd": ("Vondern/Osterfeld-Süd", "in Vondern/Osterfeld-Süd", "zu Vondern/Osterfeld-Süd",
                              "für Vondern/Osterfeld-Süd"),
    "Eisenheim/Heide": ("Das Sozialquartier Eisenheim/Heide", "im Sozialquartier Eisenheim/Heide",
                        "zum Sozialquartier Eisenheim/Heide", "für das Sozialquartier Eisenheim/Heide"),
    "Rothebusch": ("Rothebusch", "in Rothebusch", "zu Rothebusch", "für Rothebusch"),
    "Klosterhardt": ("Klosterhardt", "in Klosterhardt", "zu Klosterhardt", "für Klosterhardt"),
    "Tackenberg-Ost": ("Tackenberg-Ost", "in Tackenberg-Ost", "zu Tackenberg-Ost", "für Tackenberg-Ost"),
    "Sterkrade-Mitte": ("Sterkrade-Mitte", "in Sterkrade-Mitte", "zu Sterkrade-Mitte", "für Sterkrade-Mitte"),
    "Tackenberg-West": ("Tackenberg-West", "in Tackenberg-West", "zu Tackenberg-West", "für Tackenberg-West"),
    "Buschhausen/Biefang": ("Buschhausen/Biefang", "in Buschhausen/Biefang", "zu Buschhausen/Biefang",
                            "für Buschhausen/Biefang"),
    "Schwarze Heide/Alsfeld": ("Die Schwarze Heide/Alsfeld", "in der Schwarzen Heide/Alsfeld",
                               "zur Schwarzen Heide/Alsfeld", "für die Schwarze Heide/Alsfeld"),
    "Holten/Barmingholten": ("Holten/Barmingholten", "in Holten/Barmingholten", "zu Holten/Barmingholten",
                             "für Holten/Barmingholten"),
    "Schmachtendorf": ("Schmachtendorf", "in Schmachtendorf", "zu Schmachtendorf", "für Schmachtendorf"),
    "Königshardt": ("Königshardt", "in Königshardt", "zu Königshardt", "für Königshardt"),
    "Walsumermark": ("Die Walsumermark", "in der Walsumermark", "zur Walsumermark", "für die Walsumermark"),
    "Sterkrade-Nord": ("Sterkrade-Nord", "in Sterkrade-Nord", "zu Sterkrade-Nord", "für Sterkrade-Nord"),
}

# Berlin's planning areas have no article in quartiere.csv; a sample read by hand, the rest by rule below.
BERLIN = {
    "Stülerstraße": "im Planungsraum Stülerstraße",
    "Großer Tiergarten": "im Planungsraum Großer Tiergarten",
    "Nördlicher Landwehrkanal": "im Planungsraum Nördlicher Landwehrkanal",
    "Unter den Linden Nord": "im Planungsraum Unter den Linden Nord",
    "Alexanderplatzviertel": "im Planungsraum Alexanderplatzviertel",
    "Huttenkiez": "im Planungsraum Huttenkiez",
    "Gesundbrunnen": "in Gesundbrunnen",
    "Rehberge": "im Planungsraum Rehberge",
    "Buch": "in Buch",
    "Alt-Karow": "in Alt-Karow",
    "Weißer See": "im Planungsraum Weißer See",
    "Freiheit": "im Planungsraum Freiheit",
    "Hasenheide": "im Planungsraum Hasenheide",
    "Tierpark": "im Planungsraum Tierpark",
    "Friedenau": "in Friedenau",
    "Ringkolonnaden": "im Planungsraum Ringkolonnaden",
    "Goerzwerke": "im Planungsraum Goerzwerke",
    "Rahnsdorf/Hessenwinkel": "in Rahnsdorf/Hessenwinkel",
    "Volkspark (Rudolf-Wilde-Park)": "im Planungsraum Volkspark (Rudolf-Wilde-Park)",
    "Wohngebiet II": "im Planungsraum Wohngebiet II",
}

# The same names as a city would write them with an article: leading adjectives take the weak ending.
WITH_ARTICLE = [
    ("Großer Tiergarten", "der", "Der Große Tiergarten", "im Großen Tiergarten", "für den Großen Tiergarten"),
    ("Nördlicher Landwehrkanal", "der", "Der Nördliche Landwehrkanal", "im Nördlichen Landwehrkanal",
     "für den Nördlichen Landwehrkanal"),
    ("Westliche Müllerstraße", "die", "Die Westliche Müllerstraße", "in der Westlichen Müllerstraße",
     "für die Westliche Müllerstraße"),
    ("Alte Hellersdorfer Straße", "die", "Die Alte Hellersdorfer Straße", "in der Alten Hellersdorfer Straße",
     "für die Alte Hellersdorfer Straße"),
    ("Leipziger Straße", "die", "Die Leipziger Straße", "in der Leipziger Straße", "für die Leipziger Straße"),
    ("Gelbes Viertel", "das", "Das Gelbe Viertel", "im Gelben Viertel", "für das Gelbe Viertel"),
    ("Helle Mitte", "die", "Die Helle Mitte", "in der Hellen Mitte", "für die Helle Mitte"),
    ("Märkisches Zentrum", "das", "Das Märkische Zentrum", "im Märkischen Zentrum", "für das Märkische Zentrum"),
    ("Botanischer Garten", "der", "Der Botanische Garten", "im Botanischen Garten", "für den Botanischen Garten"),
    ("Schweizer Viertel", "das", "Das Schweizer Viertel", "im Schweizer Viertel", "für das Schweizer Viertel"),
    ("Bucher Forst", "der", "Der Bucher Forst", "im Bucher Forst", "für den Bucher Forst"),
    ("Heide Süd", "die", "Die Heide Süd", "in der Heide Süd", "für die Heide Süd"),
    ("Neue Mitte", "die", "Die Neue Mitte", "in der Neuen Mitte", "für die Neue Mitte"),
    ("Innenstadt", "die", "Die Innenstadt", "in der Innenstadt", "für die Innenstadt"),
]


def _areas(city: str) -> list[dict]:
    with open(paths.city_dir(city) / "quartiere.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_oberhausen_name_is_said_right():
    rows = _areas("oberhausen")
    assert {r["name"] for r in rows} == set(OBERHAUSEN)
    for r in rows:
        n = Name(r["name"], r.get("artikel") or "", QUARTIER)
        assert (n.nominative(capital=True), n.in_(), n.zu(), n.fuer()) == OBERHAUSEN[r["name"]], r["name"]


def test_every_berlin_name_is_said_right():
    rows = _areas("berlin-mss")
    names = {r["name"] for r in rows}
    assert set(BERLIN) <= names and len(names) > 400
    for r in rows:
        name = r["name"]
        n = Name(name, "", PLANUNGSRAUM)
        if name in BERLIN:
            assert n.in_() == BERLIN[name], name
        # never bare when the name has several words, begins with an adjective or is a street, square, …
        if " " in name or name.lower().endswith(("straße", "platz", "allee", "weg", "damm", "kiez", "viertel", "park")):
            assert n.in_() == f"im Planungsraum {name}" and n.fuer() == f"für den Planungsraum {name}", name
            assert n.nominative(capital=True) == f"Der Planungsraum {name}" and n.pronoun == "er", name
        else:
            assert n.in_() in (f"in {name}", f"im Planungsraum {name}"), name


@pytest.mark.parametrize("name,article,nominative,in_,fuer", WITH_ARTICLE)
def test_names_with_an_article_decline_their_adjectives(name, article, nominative, in_, fuer):
    n = Name(name, article, PLANUNGSRAUM)
    assert (n.nominative(capital=True), n.in_(), n.fuer()) == (nominative, in_, fuer)
    assert n.pronoun == {"der": "er", "die": "sie", "das": "es"}[article]


def test_area_nouns_in_their_cases():
    region = Noun("Region", "Regionen", "die")
    assert [QUARTIER.a(), PLANUNGSRAUM.a(), region.a()] == ["ein Sozialquartier", "ein Planungsraum", "eine Region"]
    assert [QUARTIER.each("akk"), PLANUNGSRAUM.each("akk"), region.each("akk")] == \
        ["jedes Sozialquartier", "jeden Planungsraum", "jede Region"]
    assert [QUARTIER.no("akk"), PLANUNGSRAUM.no("akk")] == ["kein Sozialquartier", "keinen Planungsraum"]
    assert [QUARTIER.the("gen"), PLANUNGSRAUM.the("gen"), region.the("gen")] == \
        ["des Sozialquartiers", "des Planungsraums", "der Region"]
    assert [QUARTIER.dative_plural, PLANUNGSRAUM.dative_plural] == ["Sozialquartieren", "Planungsräumen"]
    fokus = Noun("Gebiet mit besonderem Aufmerksamkeitsbedarf", "Gebiete mit besonderem Aufmerksamkeitsbedarf", "das")
    assert fokus.dative_plural == "Gebieten mit besonderem Aufmerksamkeitsbedarf"
    assert fokus.the("gen") == "des Gebiets mit besonderem Aufmerksamkeitsbedarf"
    assert QUARTIER.count(1) == "1 Sozialquartier" and QUARTIER.count(8, "dat") == "8 Sozialquartieren"
    assert PLANUNGSRAUM.this("dat") == "diesem Planungsraum" and region.this("dat") == "dieser Region"
    assert [QUARTIER.mine("akk"), PLANUNGSRAUM.mine("akk"), region.mine("akk")] == \
        ["mein Sozialquartier", "meinen Planungsraum", "meine Region"]
