"""Language: the signs for numbers that are not shown, as in official statistics (Zeichenerklärung:
„.“ unbekannt oder geheim, „/“ nicht sicher genug, „x“ Aussage nicht sinnvoll, „–“ nichts vorhanden)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from generator.language import signs
from generator.language.numbers import de, shown, threshold, title_with_unit, with_unit


def test_a_missing_number_is_never_a_dash_or_a_zero():
    for missing in (None, float("nan")):
        assert de(missing) == "." and with_unit(missing, "Prozent") == "."
    assert de(0.0) == "0,0" and de(-0.04) == "0,0" and de(0.0, 1, True) == "±0,0"


def test_each_flag_has_its_official_sign():
    assert signs.of_flag("geheim") == signs.of_flag("geheim_quelle") == signs.of_flag("fehlt") == "."
    assert signs.of_flag("nenner_klein") == "/"
    assert signs.NOT_APPLICABLE == "x" and signs.NOTHING == "–"


def test_the_legend_names_only_the_signs_used():
    assert signs.legend([]) == ""
    text = signs.legend(["12,3", "/", "."], mindestnenner=100)
    assert text.startswith("Zeichen: „.“") and "„/“ zu unsicher (Nenner unter 100)" in text and "„x“" not in text


def test_package_cells_get_the_sign_of_their_reason():
    row = {"kennzeichen": "nenner_klein"}
    assert signs.package_sign("indikatorwerte", row, "anteil", "number") == "/"
    assert signs.package_sign("indikatorwerte", {"kennzeichen": "geheim"}, "zaehler", "integer") == "."
    assert signs.package_sign("indikatorwerte", {"kennzeichen": ""}, "zaehler", "integer") == ""
    assert signs.package_sign("indizes", {"gueltig": False}, "statusindex", "number") == "x"
    assert signs.package_sign("indizes", {"gueltig": True}, "statusindex", "number") == "."
    assert signs.package_sign("indizes", {"gueltig": False}, "ungueltig_grund", "string") == ""
    assert signs.package_sign("zeitreihe", {"statusklasse": math.nan}, "statusindex", "number") == "x"


def test_displayed_values_are_what_the_page_prints():
    for v in (0.05, 0.15, 0.25, 2.675, 12.94, 12.95, -0.049, 1e-12):
        assert de(shown(v)) == de(v) and de(shown(v, 2), 2) == de(v, 2)
    assert threshold(-1.0) == "−1,0" and threshold(1.25) == "1,25"
    assert title_with_unit("Zuzüge über die Stadtgrenze je 100 Einwohner", "je 100 Einwohner") == \
        "Zuzüge über die Stadtgrenze je 100 Einwohner"
    assert title_with_unit("Haushalte mit Wohngeld", "Prozent") == "Haushalte mit Wohngeld (Prozent)"


# --- one by one: the legend, the reasons, the cells of a package ---------------------------------

def test_the_legend_lists_the_signs_in_the_official_order_with_their_meaning():
    assert signs.legend(["12,3", "/", "."], mindestnenner=100) == \
        "Zeichen: „.“ geheim gehalten oder nicht bekannt · „/“ zu unsicher (Nenner unter 100)."
    assert signs.legend(["–", "x", "x"]) == "Zeichen: „x“ nicht sinnvoll (keine Einstufung) · „–“ nichts vorhanden."


def test_a_legend_of_signs_given_as_a_generator_names_every_sign():
    """legend() takes any iterable; a generator used to be used up by the test of the first sign."""
    assert signs.legend(iter(["–", ".", "x", "/"]), mindestnenner=50) == (
        "Zeichen: „.“ geheim gehalten oder nicht bekannt · „/“ zu unsicher (Nenner unter 50) · "
        "„x“ nicht sinnvoll (keine Einstufung) · „–“ nichts vorhanden.")


def test_without_a_minimum_denominator_the_legend_says_only_too_uncertain():
    assert signs.legend(["/"]) == "Zeichen: „/“ zu unsicher (Nenner zu klein)."
    assert signs.legend(["/"], mindestnenner=0) == "Zeichen: „/“ zu unsicher (Nenner zu klein)."
    assert signs.legend(["."], mindestnenner=100) == "Zeichen: „.“ geheim gehalten oder nicht bekannt."


def test_a_table_without_signs_has_no_legend():
    assert signs.legend(["12,3", "-", "0,0", ""]) == ""
    assert signs.legend([]) == ""


def test_only_the_four_signs_count_as_signs_in_a_table():
    cells = ["12,3", ".", "/", 5, "x", "–", ".", None, "-", "", "X", 1.5, "…"]
    assert signs.signs_in(cells) == {".", "/", "x", "–"}
    assert signs.signs_in(["12,3", 4]) == set()


def test_every_reason_for_a_missing_share_is_said_in_words():
    assert signs.reason("geheim") == "geheim gehalten, weil die Fallzahl zu klein ist"
    assert signs.reason("geheim_quelle") == "schon in der Quelle geheim gehalten"
    assert signs.reason("fehlt") == "in der Quelle nicht vorhanden"
    assert signs.reason("nenner_klein") == \
        "nicht veröffentlicht, weil der Nenner zu klein und der Anteil deshalb zu unsicher ist"
    assert signs.reason(None) == signs.reason("") == signs.reason("unbekannt") == "nicht veröffentlicht"


def test_a_missing_share_without_a_known_reason_is_unknown():
    assert signs.of_flag(None) == signs.of_flag("") == signs.of_flag("etwas anderes") == "."


@pytest.mark.parametrize("flag,column,sign", [
    ("nenner_klein", "anteil", "/"),      # the share is too uncertain …
    ("nenner_klein", "zaehler", "."),     # … its count is withheld with it
    ("nenner_klein", "nenner", "."),
    ("geheim", "anteil", "."),
    ("geheim", "zaehler", "."),
    ("geheim_quelle", "anteil", "."),
    ("fehlt", "anteil", "."),
    ("", "anteil", ""),                   # a share taken as published, without counts: just empty
    (None, "zaehler", ""),
])
def test_an_empty_cell_of_the_indicator_values_gets_the_sign_of_its_flag(flag, column, sign):
    assert signs.package_sign("indikatorwerte", {"kennzeichen": flag}, column, "number") == sign


def test_an_indicator_value_row_without_a_flag_column_stays_empty():
    assert signs.package_sign("indikatorwerte", {}, "anteil", "number") == ""


@pytest.mark.parametrize("column_type", ["integer", "number", "boolean"])
def test_every_kind_of_number_gets_a_sign(column_type):
    assert signs.package_sign("indikatorwerte", {"kennzeichen": "geheim"}, "zaehler", column_type) == "."
    assert signs.package_sign("indizes", {"gueltig": False}, "statusindex", column_type) == "x"
    assert signs.package_sign("klassenwechsel", {}, "stufen", column_type) == "."


@pytest.mark.parametrize("column_type", ["string", "date", "any", ""])
def test_text_and_dates_stay_empty(column_type):
    for table, row in (("indikatorwerte", {"kennzeichen": "geheim"}), ("indizes", {"gueltig": False}),
                       ("zeitreihe", {"statusklasse": None}), ("klassenwechsel", {}), ("quartiere", {})):
        assert signs.package_sign(table, row, "sozialraum", column_type) == "", (table, column_type)


@pytest.mark.parametrize("gueltig,sign", [(True, "."), (1, "."), (np.True_, "."), (False, "x"), (0, "x"),
                                          (None, "x"), ("ja", "x")])
def test_a_classified_area_hides_a_secret_an_unclassified_one_has_nothing_sensible(gueltig, sign):
    assert signs.package_sign("indizes", {"gueltig": gueltig}, "statusindex", "number") == sign


def test_an_index_row_without_validity_is_not_classified():
    assert signs.package_sign("indizes", {}, "statusindex", "number") == "x"


@pytest.mark.parametrize("statusklasse,sign", [(None, "x"), (math.nan, "x"), (np.float64("nan"), "x"),
                                               (3, "."), (3.0, "."), (1, "."), ("mittel", ".")])
def test_a_year_of_the_time_series_is_secret_if_classified_else_not_sensible(statusklasse, sign):
    assert signs.package_sign("zeitreihe", {"statusklasse": statusklasse}, "statusindex", "number") == sign


def test_a_time_series_row_without_a_class_column_is_not_sensible():
    assert signs.package_sign("zeitreihe", {}, "statusindex", "number") == "x"


def test_an_unclassified_year_held_as_pandas_NA_gets_x_not_a_crash():
    """Nullable integer columns hold pd.NA; its comparison does not raise but is ambiguous as a bool."""
    assert signs.package_sign("zeitreihe", {"statusklasse": pd.NA}, "statusindex", "number") == "x"


def test_class_changes_and_areas_hide_missing_numbers_other_tables_leave_them_empty():
    assert signs.package_sign("klassenwechsel", {"stufen": None}, "status_abstand_grenze", "number") == "."
    assert signs.package_sign("quartiere", {}, "einwohner", "integer") == "."
    assert signs.package_sign("indikatoren", {}, "minimum", "number") == ""
    assert signs.package_sign("etwas", {"kennzeichen": "geheim", "gueltig": True}, "wert", "number") == ""


def test_the_package_readme_explains_each_sign_with_the_official_words_and_the_rule():
    assert signs.package_legend_lines(3, 100) == [
        "„.“ – Zahlenwert unbekannt oder geheim zu halten: eine Fallzahl unter 3 oder eine Zahl, die sie "
        "verraten würde; oder die Quelle hat keinen Wert.",
        "„/“ – keine Angabe, da Zahlenwert nicht sicher genug: ein Anteil mit einem Nenner unter 100.",
        "„x“ – Tabellenfach gesperrt, weil Aussage nicht sinnvoll: ein Gebiet ohne Einstufung hat keine "
        "Indexwerte und keine Klasse.",
    ]
    assert signs.package_legend_lines(5, 50)[0].startswith("„.“ – Zahlenwert unbekannt oder geheim zu halten: "
                                                           "eine Fallzahl unter 5 oder")
    assert signs.package_legend_lines(5, 50)[1].endswith("ein Anteil mit einem Nenner unter 50.")
