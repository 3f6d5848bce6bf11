"""Rows to areas (generator/onboard/match.py), rule by rule, as the module docstring states them.

Expected areas and rule names are written by hand from the stated rules (equality, spelling, a code in
front, a qualifier in parentheses, a numeric code, import.yaml) and the rule names the report prints.
Unit level: no workbook, no city on disk.
"""

from __future__ import annotations

import pytest

from generator.onboard.match import Areas, Match, key, number_key, spelling_rule

# A small city: a name with a code in front, umlauts, „Sankt“, two areas told apart only by a qualifier,
# codes with a prefix, and districts (stadtbezirk) and social areas (sozialraum).
ROWS = [
    {"quartier_id": "q01", "kennung": "STGT01", "name": "01 Altstadt", "stadtbezirk": "Mitte", "sozialraum": "SR Alt"},
    {"quartier_id": "westliche-hoehe", "kennung": "STGT02", "name": "Westliche Höhe", "stadtbezirk": "Mitte"},
    {"quartier_id": "st-peter", "kennung": "STGT03", "name": "Sankt Peter", "stadtbezirk": "Nord"},
    {"quartier_id": "holten-nord", "kennung": "STGT04", "name": "Holten (Nord)", "stadtbezirk": "Nord"},
    {"quartier_id": "holten-sued", "kennung": "STGT05", "name": "Holten (Süd)", "stadtbezirk": "Nord"},
    {"quartier_id": "q-sterk", "kennung": "", "name": "Sterkrade (Mitte)", "stadtbezirk": ""},
]
# codes without a prefix, as many cities write them
PLAIN_CODES = [{"quartier_id": "a", "kennung": "01", "name": "Altstadt"},
               {"quartier_id": "b", "kennung": "02", "name": "Bahnhof"}]


@pytest.fixture()
def areas():
    return Areas(ROWS)


# --- keys ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [("Sankt Peter", "St. Peter"), ("Große Straße", "Grosse Strasse"),
                                  ("  Alt-Oberhausen ", "altoberhausen"), ("Dümpten", "Duempten"),
                                  ("Schwarze Heide / Alsfeld", "SCHWARZE HEIDE-ALSFELD")])
def test_case_umlauts_punctuation_and_spaces_do_not_distinguish_two_names(a, b):
    assert key(a) == key(b)


def test_a_key_keeps_only_letters_and_digits():
    assert key("  St. Peter (Nord) 2 ") == "sanktpeternord2"
    assert key(12) == "12"
    assert key("Königshardt") != key("Konigshardt")


@pytest.mark.parametrize("text, code", [("01", "1"), ("1", "1"), ("1.0", "1"), (" 7 ", "7"), (3, "3"),
                                        ("1.5", None), ("a1", None), ("-1", None), ("", None)])
def test_01_1_and_1_0_are_one_numeric_code(text, code):
    assert number_key(text) == code


# --- how two spellings differ, in the report's words -----------------------------------------------------

@pytest.mark.parametrize("a, b, rule", [
    ("Altstadt", "Altstadt", ""),
    ("Alt  Oberhausen ", "Alt Oberhausen", "Leerzeichen"),
    ("Westliche_Höhe", "Westliche Höhe", "Unterstrich als Leerzeichen"),
    ("Schwarze Heide / Alsfeld", "Schwarze Heide/Alsfeld", "Schrägstrich mit oder ohne Leerzeichen"),
    ("Alt-Oberhausen", "Alt Oberhausen", "Bindestrich oder Leerzeichen"),
    ("Alt – Oberhausen", "Alt Oberhausen", "Bindestrich oder Leerzeichen"),
    ("ALTSTADT", "Altstadt", "Groß-/Kleinschreibung"),
    ("Duempten", "Dümpten", "Umlaut als ae/oe/ue"),
    ("Grosse Strasse", "Große Straße", "ß als ss"),
    ("Sankt Peter", "St. Peter", "Groß-/Kleinschreibung, „St.“ als Sankt"),
    ("sankt peter", "st.peter", "„St.“ als Sankt"),
    ("Altstadt.", "Altstadt", "Satzzeichen"),
    ("Altstadt", "Neustadt", None),
])
def test_each_spelling_rule_is_named_when_it_alone_makes_two_names_agree(a, b, rule):
    assert spelling_rule(a, b) == rule


def test_a_spelling_that_needs_two_rules_names_both_in_their_order():
    assert spelling_rule("WESTLICHE_HOEHE", "Westliche Höhe") == \
        "Unterstrich als Leerzeichen, Groß-/Kleinschreibung, Umlaut als ae/oe/ue"


# --- rows to areas ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, qid, value", [("Westliche Höhe", "westliche-hoehe", "Westliche Höhe"),
                                                  ("STGT03", "st-peter", "STGT03"), ("q01", "q01", "q01"),
                                                  ("  Sankt Peter ", "st-peter", "Sankt Peter")])
def test_a_name_code_or_id_written_exactly_matches_without_a_rule(areas, written, qid, value):
    assert areas.match(written) == Match(qid, "", written=value)
    assert areas.find(written) == qid and areas.is_exact(written)


def test_an_empty_row_label_matches_nothing(areas):
    assert areas.match("   ") == Match(None) and not areas.match("").ambiguous


def test_a_spelling_names_the_value_it_spells_and_the_rule(areas):
    assert areas.match("Westliche_Höhe") == Match("westliche-hoehe", "Unterstrich als Leerzeichen",
                                                  written="Westliche Höhe")
    assert not areas.is_exact("Westliche_Höhe")


def test_a_spelling_is_credited_to_the_value_it_needs_the_fewest_rules_for(areas):
    # „westliche hoehe“ is the id with a space (one rule), the name only with case and umlauts (two)
    assert areas.match("westliche hoehe") == Match("westliche-hoehe", "Bindestrich oder Leerzeichen",
                                                   written="westliche-hoehe")


def test_two_areas_spelt_alike_are_ambiguous_under_the_spelling_rule():
    m = Areas([{"quartier_id": "a", "name": "Holten-Nord"}, {"quartier_id": "b", "name": "Holten Nord"}]).match("holten nord")
    assert m == Match(None, "Schreibweise", ("a", "b")) and m.ambiguous


def test_import_yaml_decides_before_every_rule():
    areas = Areas(ROWS, {"Westliche Höhe": "q01", "Alte Mitte": "st-peter"})
    assert areas.match("Westliche Höhe") == Match("q01", "laut import.yaml", written="Westliche Höhe")
    assert areas.match("alte-mitte ") == Match("st-peter", "laut import.yaml", written="alte-mitte")


def test_a_code_in_front_of_a_name(areas):
    assert areas.match("02 Westliche Höhe") == Match("westliche-hoehe", "Kennziffer vorangestellt")
    assert areas.match("STGT02: Westliche Höhe") == Match("westliche-hoehe", "Kennziffer vorangestellt")
    # a code the city does not have: the name decides
    assert areas.match("17 Westliche Höhe") == Match("westliche-hoehe", "Kennziffer vorangestellt")


def test_a_code_and_a_name_of_different_areas_are_never_guessed(areas):
    m = areas.match("01 Westliche Höhe")
    assert m == Match(None, "Kennziffer und Name gehören zu verschiedenen Gebieten", ("q01", "westliche-hoehe"))
    assert m.ambiguous


def test_a_name_without_the_code_quartiere_csv_puts_in_front(areas):
    assert areas.match("Altstadt") == Match("q01", "ohne die Kennziffer, die quartiere.csv dem Namen voranstellt")


def test_a_code_in_front_of_a_name_quartiere_csv_writes_with_its_code(areas):
    assert areas.match("1 - Altstadt") == Match("q01", "Kennziffer vorangestellt")


def test_a_qualifier_left_out_by_quartiere_csv(areas):
    assert areas.match("Westliche Höhe (Mitte)") == Match("westliche-hoehe", "Zusatz in Klammern weggelassen")
    assert areas.match("Westliche Höhe [alt]") == Match("westliche-hoehe", "Zusatz in Klammern weggelassen")


def test_another_qualifier_than_quartiere_csv_writes(areas):
    assert areas.match("Sterkrade (Ost)") == Match("q-sterk", "Zusatz in Klammern weggelassen")


def test_a_qualifier_left_out_in_the_table(areas):
    assert areas.match("Sterkrade") == Match("q-sterk", "ohne den Zusatz in Klammern, den quartiere.csv nennt")


def test_two_areas_told_apart_only_by_their_qualifier_are_ambiguous(areas):
    m = areas.match("Holten")
    assert m == Match(None, "ohne den Zusatz in Klammern, den quartiere.csv nennt", ("holten-nord", "holten-sued"))


def test_a_qualifier_around_an_unknown_name_matches_nothing(areas):
    assert areas.match("Neustadt (Mitte)") == Match(None)


def test_a_bare_number_against_codes_with_a_prefix(areas):
    assert areas.match("2") == Match("westliche-hoehe", "Kennziffer ohne Präfix")
    assert areas.match("02") == Match("westliche-hoehe", "Kennziffer ohne Präfix")


def test_a_code_with_its_prefix_written_otherwise(areas):
    assert areas.match("STGT 2") == Match("westliche-hoehe", "Kennziffer in anderer Schreibweise")
    assert areas.match("stgt 3") == Match("st-peter", "Kennziffer in anderer Schreibweise")
    assert areas.match("XY 2") == Match(None)


def test_a_number_without_its_leading_zeros():
    areas = Areas(PLAIN_CODES)
    assert areas.match("2") == Match("b", "Kennziffer ohne führende Nullen")
    assert areas.match("2.0") == Match("b", "Kennziffer ohne führende Nullen")
    assert areas.match("3") == Match(None)


def test_the_same_number_in_two_prefixes_is_ambiguous():
    areas = Areas([{"quartier_id": "a", "kennung": "N01", "name": "Nordost"},
                   {"quartier_id": "b", "kennung": "S01", "name": "Südost"}])
    m = areas.match("1")
    assert m == Match(None, "Kennziffer ohne führende Nullen", ("a", "b"))
    assert areas.match("S1") == Match("b", "Kennziffer in anderer Schreibweise")


def test_an_area_without_a_name_is_called_by_its_id():
    areas = Areas([{"quartier_id": "q7", "name": ""}, {"quartier_id": "q8", "name": "Acht"}])
    assert areas.names == {"q7": "q7", "q8": "Acht"}


def test_a_match_is_ambiguous_only_without_an_area_and_with_two_candidates():
    assert Match(None, "x", ("a", "b")).ambiguous
    assert not Match(None, "x", ("a",)).ambiguous
    assert not Match("a", "x", ("a", "b")).ambiguous


# --- rows that are no area -------------------------------------------------------------------------------

@pytest.mark.parametrize("row, why", [
    ("Mitte", "Zwischensumme „Mitte“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"),
    ("Stadtbezirk Mitte", "Zwischensumme „Mitte“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"),
    ("Summe Nord", "Zwischensumme „Nord“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"),
    ("sr alt", "Zwischensumme „SR Alt“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"),
    ("Musterstadt", "Summe der Stadt"),
    ("Musterstadt insgesamt", "Summe der Stadt"),
    ("Stadt insgesamt", "Summenzeile"),
    ("Gesamtergebnis", "Summenzeile"),
    ("Altstadt", None), ("", None), ("  ", None), ("Holten (Nord)", None),
])
def test_totals_and_district_rows_say_why_they_are_no_area(areas, row, why):
    assert areas.aggregate(row, "Musterstadt") == why
    assert areas.is_aggregate(row, "Musterstadt") is (why is not None)


def test_without_a_city_name_the_city_is_no_total(areas):
    assert areas.aggregate("Musterstadt") is None and not areas.is_aggregate("Musterstadt")
    assert areas.aggregate("Musterstadt", "Musterstadt") == "Summe der Stadt"  # not the answer cached without it


def test_a_district_row_names_the_areas_it_sums(areas):
    assert areas.members("Mitte") == {"q01", "westliche-hoehe"}
    assert areas.members("Stadtbezirk Nord") == {"st-peter", "holten-nord", "holten-sued"}
    assert areas.members("SR Alt") == {"q01"}
    assert areas.members("Süd") == set()


def test_a_district_whose_name_has_a_district_word_is_found_by_its_whole_name():
    areas = Areas([{"quartier_id": "a", "name": "A", "stadtbezirk": "Bezirk 1"},
                   {"quartier_id": "b", "name": "B", "stadtbezirk": "Alt Nord"}])
    assert areas.members("Bezirk 1") == {"a"}
    assert areas.members("Stadtbezirk Alt Nord") == {"b"}


def test_the_aggregates_are_the_districts_and_social_areas(areas):
    assert areas.aggregates == {"mitte", "nord", "sralt"}


# --- suggestions -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, suggestion", [("Westlich Hohe", "Westliche Höhe"),
                                                 ("07 Westlich Hohe", "Westliche Höhe"),
                                                 ("Westlich Hohe (alt)", "Westliche Höhe"),
                                                 ("Sankt Petr", "Sankt Peter"), ("Zoo", None),
                                                 ("Westlich Hohe (ehemals Mitte-Nord, bis 2019)", "Westliche Höhe"),
                                                 ("STGT000002 Westl Hoehe", "Westliche Höhe")])
def test_what_fits_nothing_gets_the_nearest_known_name(areas, written, suggestion):
    assert areas.suggest(written) == suggestion


@pytest.mark.parametrize("word", ["insgesamt", "Gesamt", "Summe", "zusammen", "Stadt", "Gesamtstadt", "Total",
                                  "Zwischensumme", "Gesamtergebnis", "Ergebnis"])
def test_each_total_word_alone_makes_a_row_a_total(areas, word):
    assert areas.aggregate(word) == "Summenzeile"


@pytest.mark.parametrize("word", ["Bezirk", "Stadtbezirk", "Sozialraum", "Stadtteil", "Bezirksregion", "Summe", "Gesamt",
                                  "insgesamt", "zusammen"])
def test_each_district_word_around_a_district_name_makes_a_subtotal(areas, word):
    assert areas.aggregate(f"{word} Nord") == "Zwischensumme „Nord“ (Stadtbezirk bzw. Sozialraum in quartiere.csv)"
    assert areas.members(f"Nord {word}") == {"st-peter", "holten-nord", "holten-sued"}


def test_a_code_in_front_of_an_unknown_name_matches_nothing(areas):
    assert areas.match("02 Unbekannt") == Match(None)


def test_values_in_quartiere_csv_are_matched_without_their_spaces():
    areas = Areas([{"quartier_id": "x", "name": " Neumühl ", "kennung": " 07 "}])
    assert areas.match("Neumühl") == Match("x", "", written="Neumühl")
    assert areas.match("07") == Match("x", "", written="07")


def test_when_two_values_need_as_few_rules_the_name_is_named():
    areas = Areas([{"quartier_id": "alt_oberhausen", "name": "Alt Oberhausen"}])
    assert areas.match("alt oberhausen") == Match("alt_oberhausen", "Groß-/Kleinschreibung", written="Alt Oberhausen")


def test_a_value_needing_more_rules_than_the_name_does_not_replace_it():
    areas = Areas([{"quartier_id": "q1", "name": "Alt Oberhausen", "kennung": "ALT-OBERHAUSEN"}])
    assert areas.match("alt_oberhausen") == Match("q1", "Unterstrich als Leerzeichen, Groß-/Kleinschreibung",
                                                  written="Alt Oberhausen")


def test_a_spelling_only_the_key_sees_as_equal_is_called_schreibweise():
    # „St.“ after an underscore is no word of its own for the key, but is one once the underscore is a space
    areas = Areas([{"quartier_id": "q", "name": "Alt_St.Peter"}])
    assert areas.match("AltSt.Peter") == Match("q", "Schreibweise", written="Alt_St.Peter")
