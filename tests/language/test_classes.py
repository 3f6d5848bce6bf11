"""What the classes mean (generator/language/classes.py): every sentence written out by hand.

The rules, from the module and the method (docs: MSS): the status scale is inverted (a higher status
index is a lower social status); classes 1 „hoch“, 2 „mittel“, 3 „niedrig“, 4 „sehr niedrig“ between
the edition's three thresholds; the dynamics „positiv“ below the lower, „negativ“ above the upper
threshold; a distance to the next class limit below 0,10 is „knapp“, from 0,25 on „deutlich“ – all
from the index as displayed with two decimals."""

from __future__ import annotations

import pytest

from generator.language import classes
from generator.language.names import Name, Noun

MINUS = "\u2212"
QUARTIER = Noun("Sozialquartier", "Sozialquartiere", "das")
PLANUNGSRAUM = Noun("Planungsraum", "Planungsräume", "der")
FOKUS = Noun("Fokusquartier", "Fokusquartiere", "das")
STATUS_T = (-1.0, 1.0, 1.5)
DYNAMIK_T = (-1.0, 1.0)
LABELS = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
TITLES = {"sgb2": "SGB-II-Quote", "kinderarmut": "Kinderarmut", "alo": "Arbeitslosenquote"}


def test_a_missing_class_is_said_as_no_class():
    assert classes.label(None) == "keine Klasse" and classes.label("") == "keine Klasse"
    assert classes.label("sehr niedrig") == "sehr niedrig"
    assert classes.pair("mittel", "stabil") == "mittel / stabil"
    assert classes.pair(None, "stabil") == classes.pair("", None) == "keine Klasse"


@pytest.mark.parametrize("start,end,text", [
    (2021, 2022, "von 2021 bis 2022"),
    (2020, 2022, "in den zwei Jahren von 2020 bis 2022"),
    (2019, 2022, "in den drei Jahren von 2019 bis 2022"),
    (2018, 2022, "in den vier Jahren von 2018 bis 2022"),
    (2017, 2022, "in den fünf Jahren von 2017 bis 2022"),
    (2016, 2022, "in den sechs Jahren von 2016 bis 2022"),
    (2012, 2022, "in den 10 Jahren von 2012 bis 2022"),
])
def test_the_dynamics_window_in_running_text(start, end, text):
    assert classes.years_span(start, end) == text


@pytest.mark.parametrize("start,end,text", [
    (2021, 2022, "ein Jahr (2021 bis 2022)"),
    (2020, 2022, "zwei Jahre (2020 bis 2022)"),
    (2019, 2022, "drei Jahre (2019 bis 2022)"),
    (2018, 2022, "vier Jahre (2018 bis 2022)"),
    (2017, 2022, "fünf Jahre (2017 bis 2022)"),
    (2016, 2022, "sechs Jahre (2016 bis 2022)"),
    (2015, 2022, "7 Jahre (2015 bis 2022)"),
])
def test_the_dynamics_window_as_a_heading(start, end, text):
    assert classes.window_words(start, end) == text


@pytest.mark.parametrize("kind,value,text", [
    ("status", "hoch", "Armutsrisiken sind hier deutlich seltener als in den meisten Sozialquartieren"),
    ("status", "mittel", "Das Sozialquartier liegt im Mittelfeld der Sozialquartiere; einzelne Werte können "
                         "deutlich abweichen"),
    ("status", "niedrig", "Armutsrisiken sind hier deutlich häufiger als in den meisten Sozialquartieren"),
    ("status", "sehr niedrig", "Armutsrisiken sind hier viel häufiger als in fast allen anderen Sozialquartieren"),
    ("dynamik", "positiv", "Die Anteile haben sich günstiger entwickelt als in den meisten Sozialquartieren: sie "
                           "sind stärker gesunken oder schwächer gestiegen"),
    ("dynamik", "stabil", "Die Anteile haben sich im Vergleich mit den anderen Sozialquartieren weder besonders "
                          "günstig noch besonders ungünstig entwickelt"),
    ("dynamik", "negativ", "Die Anteile haben sich ungünstiger entwickelt als in den meisten Sozialquartieren: sie "
                           "sind stärker gestiegen oder schwächer gesunken"),
])
def test_what_each_class_means(kind, value, text):
    assert classes.meaning(kind, value, QUARTIER) == text


def test_the_meaning_uses_the_citys_own_area_noun():
    assert classes.meaning("status", "mittel", PLANUNGSRAUM) == \
        "Der Planungsraum liegt im Mittelfeld der Planungsräume; einzelne Werte können deutlich abweichen"
    assert classes.meaning("dynamik", "negativ", PLANUNGSRAUM) == (
        "Die Anteile haben sich ungünstiger entwickelt als in den meisten Planungsräumen: sie sind stärker "
        "gestiegen oder schwächer gesunken")


def test_the_status_scale_with_the_editions_thresholds():
    assert classes.status_scale(STATUS_T) == (
        f"Je höher der Statusindex, desto niedriger der soziale Status: unter {MINUS}1,0 heißt „hoch“, "
        f"von {MINUS}1,0 bis 1,0 „mittel“, über 1,0 „niedrig“ und über 1,5 „sehr niedrig“.")
    assert classes.status_scale((-1.25, 0.5, 1.75)) == (
        f"Je höher der Statusindex, desto niedriger der soziale Status: unter {MINUS}1,25 heißt „hoch“, "
        f"von {MINUS}1,25 bis 0,5 „mittel“, über 0,5 „niedrig“ und über 1,75 „sehr niedrig“.")


def test_the_dynamics_scale_with_the_editions_thresholds():
    assert classes.dynamics_scale(DYNAMIK_T) == (
        f"Je höher der Dynamikindex, desto ungünstiger die Entwicklung: unter {MINUS}1,0 heißt „positiv“, "
        f"von {MINUS}1,0 bis 1,0 „stabil“, über 1,0 „negativ“. Eine positive Dynamik hat deshalb einen "
        "negativen Indexwert.")
    assert classes.dynamics_scale((-0.75, 1.25)).startswith(
        f"Je höher der Dynamikindex, desto ungünstiger die Entwicklung: unter {MINUS}0,75 heißt „positiv“, "
        f"von {MINUS}0,75 bis 1,25 „stabil“, über 1,25 „negativ“.")


def test_the_first_sentence_of_an_area_page():
    assert classes.lead(Name("Lirich-Nord"), "im Sozialbericht 2022", "mittel", "negativ", False, FOKUS,
                        (2019, 2022)) == ("Lirich-Nord hat im Sozialbericht 2022 einen mittleren sozialen Status; "
                                          "die Entwicklung in den drei Jahren von 2019 bis 2022 ist negativ.")
    assert classes.lead(Name("Innenstadt", "die"), "im MSS 2021", "sehr niedrig", "stabil", True, FOKUS,
                        (2020, 2021)) == ("Die Innenstadt hat im MSS 2021 einen sehr niedrigen sozialen Status; "
                                          "die Entwicklung von 2020 bis 2021 ist stabil. Sie gehört zu den "
                                          "Fokusquartieren.")
    assert classes.lead(Name("Brücktorviertel", "das"), "im Sozialbericht 2022", "hoch", "positiv", True, FOKUS,
                        (2019, 2022)).endswith("einen hohen sozialen Status; die Entwicklung in den drei Jahren von "
                                               "2019 bis 2022 ist positiv. Es gehört zu den Fokusquartieren.")
    assert "einen niedrigen sozialen Status" in classes.lead(Name("Schlad"), "im Sozialbericht 2022", "niedrig",
                                                             "stabil", False, FOKUS, (2019, 2022))


def test_an_unclassified_area_without_a_stated_reason_gets_a_complete_sentence():
    """The reason is optional; without one the sentence used to end in a dangling „: .“."""
    assert classes.lead(Name("Schlad"), "im Sozialbericht 2022", None, None, False, FOKUS, (2019, 2022)) == \
        "Für Schlad gibt es im Sozialbericht 2022 keine Einstufung."


def test_an_area_without_classification_says_why():
    assert classes.lead(Name("Innenstadt", "die"), "im Sozialbericht 2022", None, None, False, FOKUS, (2019, 2022),
                        "weniger als 300 Einwohner") == \
        "Für die Innenstadt gibt es im Sozialbericht 2022 keine Einstufung: weniger als 300 Einwohner."
    assert classes.invalid(Name("Schlad"), "im Sozialbericht 2022", "zu wenige Einwohner", QUARTIER, 300) == (
        "Schlad geht im Sozialbericht 2022 nicht in den Index ein (zu wenige Einwohner). Sozialquartiere unter 300 "
        "Einwohnerinnen und Einwohnern oder mit fehlenden Werten erhalten keine Klasse.")
    assert classes.invalid(Name("Innenstadt", "die"), "im MSS 2021", "Werte fehlen", PLANUNGSRAUM, 1500) == (
        "Die Innenstadt geht im MSS 2021 nicht in den Index ein (Werte fehlen). Planungsräume unter 1.500 "
        "Einwohnerinnen und Einwohnern oder mit fehlenden Werten erhalten keine Klasse.")


def test_the_index_value_with_two_decimals():
    assert classes.index_value("status", 0.654, QUARTIER) == \
        "Der Statusindex beträgt 0,65; 0 ist der Durchschnitt aller Sozialquartiere."
    assert classes.index_value("dynamik", -1.234, QUARTIER) == f"Der Dynamikindex beträgt {MINUS}1,23."


def test_a_withheld_index_says_why_and_that_the_class_is_published():
    assert classes.index_withheld("status") == (
        "Die Zahlenwerte des Statusindex sind in dieser Ausgabe nicht veröffentlicht, weil sie eine geheim "
        "gehaltene kleine Fallzahl verraten würden; die Klasse ist veröffentlicht.")
    assert classes.index_withheld("dynamik").startswith("Die Zahlenwerte des Dynamikindex sind in dieser Ausgabe")


@pytest.mark.parametrize("index,distance", [
    (0.914, 0.09), (1.236, 0.24), (0.9951, 0.0), (-1.3, 0.3), (2.0, 0.5), (0.0, 1.0), (1.26, 0.24),
])
def test_the_distance_to_the_nearest_class_limit_as_printed(index, distance):
    """0,9951 is printed 1,00: it lies on the limit 1,0, distance 0,00."""
    assert classes.distance_shown(index, STATUS_T) == pytest.approx(distance, abs=1e-12)


@pytest.mark.parametrize("index,limit,distance", [(1.0951, 1.0, 0.1), (0.9951, 1.0, 0.0), (-1.2345, -1.0, 0.23),
                                                  (1.6, 1.5, 0.1), (0.5, 1.0, 0.5)])
def test_the_distance_to_a_crossed_limit_as_printed(index, limit, distance):
    assert classes.crossed_distance(index, limit) == pytest.approx(distance, abs=1e-12)


def test_a_distance_below_a_tenth_is_knapp():
    assert classes.stability(0.95, STATUS_T, None, "", "status", TITLES) == (
        "Die Statusklasse ist knapp: Der Index liegt nur 0,05 von der nächsten Klassengrenze entfernt "
        "(knapp heißt: weniger als 0,10).")
    assert classes.stability(-0.909, DYNAMIK_T, None, "", "dynamik", TITLES) == (
        "Die Dynamikklasse ist knapp: Der Index liegt nur 0,09 von der nächsten Klassengrenze entfernt "
        "(knapp heißt: weniger als 0,10).")


def test_a_distance_of_exactly_a_tenth_is_no_longer_knapp():
    assert classes.stability(0.9, STATUS_T, None, "", "status", TITLES) == \
        "Der Index liegt 0,10 von der nächsten Klassengrenze entfernt."
    assert classes.stability(0.76, STATUS_T, None, "", "status", TITLES) == \
        "Der Index liegt 0,24 von der nächsten Klassengrenze entfernt."


def test_from_a_quarter_on_the_class_is_deutlich():
    assert classes.stability(0.75, STATUS_T, None, "", "status", TITLES) == (
        "Die Statusklasse ist deutlich: Der Index liegt 0,25 von der nächsten Klassengrenze entfernt "
        "(deutlich heißt: 0,25 oder mehr).")
    assert classes.stability(0.0, DYNAMIK_T, None, "", "dynamik", TITLES) == (
        "Die Dynamikklasse ist deutlich: Der Index liegt 1,00 von der nächsten Klassengrenze entfernt "
        "(deutlich heißt: 0,25 oder mehr).")


def test_knapp_is_judged_on_the_printed_index():
    """0,9049 is printed 0,90: 0,10 from the limit, not knapp (unrounded it would be 0,0951)."""
    assert classes.stability(0.9049, STATUS_T, None, "", "status", TITLES) == \
        "Der Index liegt 0,10 von der nächsten Klassengrenze entfernt."


def test_a_class_that_no_single_indicator_decides_says_so():
    assert classes.stability(0.5, STATUS_T, True, "", "status", TITLES) == (
        "Die Statusklasse ist deutlich: Der Index liegt 0,50 von der nächsten Klassengrenze entfernt (deutlich "
        "heißt: 0,25 oder mehr). Die Statusklasse bliebe gleich, wenn man einen beliebigen der Indikatoren "
        "wegließe.")


def test_a_class_that_hangs_on_indicators_names_them_by_title():
    assert classes.stability(0.95, STATUS_T, False, "sgb2,kinderarmut", "status", TITLES).endswith(
        "(knapp heißt: weniger als 0,10). Ohne den Indikator „SGB-II-Quote“ oder „Kinderarmut“ fiele die "
        "Statusklasse anders aus.")
    assert classes.stability(-0.8, DYNAMIK_T, False, "alo,", "dynamik", TITLES) == (
        "Der Index liegt 0,20 von der nächsten Klassengrenze entfernt. Ohne den Indikator „Arbeitslosenquote“ "
        "fiele die Dynamikklasse anders aus.")


def test_without_a_known_stability_nothing_is_added():
    base = "Der Index liegt 0,20 von der nächsten Klassengrenze entfernt."
    assert classes.stability(-0.8, DYNAMIK_T, False, "", "dynamik", TITLES) == base
    assert classes.stability(-0.8, DYNAMIK_T, None, "sgb2", "dynamik", TITLES) == base


def test_a_missing_index_has_no_stability_sentence():
    assert classes.stability(None, STATUS_T, True, "sgb2", "status", TITLES) == ""
    assert classes.stability(float("nan"), STATUS_T, True, "", "status", TITLES) == ""


def test_the_social_index_symbol_explained():
    assert classes.social_index("4+/-", "sehr niedrig", "stabil") == (
        "Der Sozialindex 4+/- verbindet beides: die Ziffer ist die Statusklasse (4 = sehr niedrig), das Zeichen "
        "die Dynamik („+/-“ = stabil).")
    assert classes.social_index("2-", "mittel", "negativ") == (
        "Der Sozialindex 2- verbindet beides: die Ziffer ist die Statusklasse (2 = mittel), das Zeichen die "
        "Dynamik („-“ = negativ).")


def test_a_middle_class_is_told_the_way_up_and_down_and_a_negative_dynamics_the_way_to_stable():
    assert classes.distances(0.4, 2, STATUS_T, 1.3, "negativ", DYNAMIK_T, LABELS) == [
        ("status_besser", f"Bis zur Statusklasse „hoch“ müsste der Statusindex um 1,40 sinken (Grenze {MINUS}1,0)."),
        ("status_schlechter", "Bis zur Statusklasse „niedrig“ fehlen 0,60 Indexpunkte (Grenze 1,0)."),
        ("dynamik_besser", "Bis zur Dynamik „stabil“ müsste der Dynamikindex um 0,30 sinken (Grenze 1,0)."),
    ]


def test_the_best_class_has_no_better_one_the_worst_no_worse_one():
    assert classes.distances(-1.5, 1, STATUS_T, 0.0, "stabil", DYNAMIK_T, LABELS) == [
        ("status_schlechter", f"Bis zur Statusklasse „mittel“ fehlen 0,50 Indexpunkte (Grenze {MINUS}1,0)."),
    ]
    assert classes.distances(1.8, 4, STATUS_T, -1.2, "positiv", DYNAMIK_T, LABELS) == [
        ("status_besser", "Bis zur Statusklasse „niedrig“ müsste der Statusindex um 0,30 sinken (Grenze 1,5)."),
    ]
    assert classes.distances(1.2, 3.0, (-1.0, 1.0, 1.75), None, "negativ", DYNAMIK_T, LABELS) == [
        ("status_besser", "Bis zur Statusklasse „mittel“ müsste der Statusindex um 0,20 sinken (Grenze 1,0)."),
        ("status_schlechter", "Bis zur Statusklasse „sehr niedrig“ fehlen 0,55 Indexpunkte (Grenze 1,75)."),
    ]


def test_distances_are_made_from_the_printed_index():
    """0,4449 is printed 0,44: 0,56 to the limit 1,0 and 1,44 to −1,0; 1,3449 is printed 1,34: 0,09 to 1,25."""
    out = dict(classes.distances(0.4449, 2, STATUS_T, 1.3449, "negativ", (-1.0, 1.25), LABELS))
    assert out["status_schlechter"] == "Bis zur Statusklasse „niedrig“ fehlen 0,56 Indexpunkte (Grenze 1,0)."
    assert out["status_besser"] == \
        f"Bis zur Statusklasse „hoch“ müsste der Statusindex um 1,44 sinken (Grenze {MINUS}1,0)."
    assert out["dynamik_besser"] == \
        "Bis zur Dynamik „stabil“ müsste der Dynamikindex um 0,09 sinken (Grenze 1,25)."


def test_without_an_index_or_class_there_are_no_distances():
    assert classes.distances(None, 2, STATUS_T, None, "negativ", DYNAMIK_T, LABELS) == []
    assert classes.distances(0.4, None, STATUS_T, float("nan"), "negativ", DYNAMIK_T, LABELS) == []
    assert classes.distances(float("nan"), 2, STATUS_T, 1.3, "stabil", DYNAMIK_T, LABELS) == []


def test_a_name_that_is_not_official_says_so():
    assert classes.name_short("angenommen") == "Name angenommen"
    assert classes.name_short("") == ""
    assert classes.name_note("angenommen") == "Name angenommen (nicht amtlich belegt)"
