"""Language: the signs for numbers that are not shown, as in official statistics (Zeichenerklärung:
„.“ unbekannt oder geheim, „/“ nicht sicher genug, „x“ Aussage nicht sinnvoll, „–“ nichts vorhanden)."""

from __future__ import annotations

import math

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
