"""Comparison words one by one: every phrase family as a whole sentence part, the edges of every band.

Expected words are written from the editor's rule in generator/language/compare.py's docstring and
the README: a named figure is used within ±5,8 % of the ratio of the two *displayed* numbers (the
nearest wins); between them "etwa N % höher/niedriger als" below 2 and "etwa N,N-mal so hoch wie"
from 2 to 10; below a tenth and above ten the open ends; a displayed value below 1,7 (one decimal),
a negative value or a change in percentage points is compared by the difference of the displayed
numbers. Band edges are computed by hand, e.g. ein Fünftel: 0,2 / 1,058 = 0,1890; anderthalbmal:
1,5 · 1,058 = 1,587; doppelt: 2 / 1,058 = 1,8904; dreimal: 3 · 1,058 = 3,174; zehnmal: 10 · 1,058 = 10,58."""

from __future__ import annotations

import pytest

from generator.language.compare import Phrase, compare, is_small, phrase, ratio_phrase


# value against a reference of 50,0 (ratios below 1) or 10,0 (ratios above 1) → the words
BELOW_ONE = [
    (4.9, "weniger als ein Zehntel so hoch wie"),     # 0,098
    (5.0, "etwa 90 % niedriger als"),                 # 0,100: no longer "weniger als ein Zehntel"
    (9.4, "etwa 81 % niedriger als"),                 # 0,188: just outside "ein Fünftel" (from 0,1890)
    (9.5, "etwa ein Fünftel so hoch wie"),            # 0,190: just inside
    (12.5, "etwa ein Viertel so hoch wie"),           # 0,25
    (16.5, "etwa ein Drittel so hoch wie"),           # 0,33
    (25.0, "etwa halb so hoch wie"),                  # 0,5
    (26.4, "etwa halb so hoch wie"),                  # 0,528: inside halb (to 0,529)
    (26.5, "etwa 47 % niedriger als"),                # 0,530: outside halb, outside zwei Drittel
    (30.0, "etwa 40 % niedriger als"),                # 0,6 (the README's example)
    (33.5, "etwa ein Drittel niedriger als"),         # 0,67
    (37.5, "etwa ein Viertel niedriger als"),         # 0,75
    (40.0, "etwa ein Fünftel niedriger als"),         # 0,8
    (45.0, "etwas niedriger als"),                    # 0,9
]
ABOVE_ONE = [
    (11.0, "etwas höher als"),                        # 1,1
    (12.0, "etwa ein Fünftel höher als"),             # 1,2
    (12.1, "etwa ein Fünftel höher als"),             # 1,21: near 1,2 and 1,25, nearer 1,2
    (12.3, "etwa ein Viertel höher als"),             # 1,23: near 1,2 and 1,25, nearer 1,25
    (13.3, "etwa ein Drittel höher als"),             # 1,33
    (15.0, "etwa anderthalbmal so hoch wie"),         # 1,5
    (15.8, "etwa anderthalbmal so hoch wie"),         # 1,58: inside (to 1,587)
    (15.9, "etwa 59 % höher als"),                    # 1,59: outside
    (18.9, "etwa 89 % höher als"),                    # 1,89: below doppelt (from 1,8904)
    (19.0, "etwa doppelt so hoch wie"),               # 1,90
    (21.1, "etwa doppelt so hoch wie"),               # 2,11: inside doppelt (to 2,116)
    (21.2, "etwa 2,1-mal so hoch wie"),               # 2,12: outside
    (22.0, "etwa 2,2-mal so hoch wie"),               # the README's example
    (25.0, "etwa zweieinhalbmal so hoch wie"),
    (31.7, "etwa dreimal so hoch wie"),               # 3,17: inside (to 3,174)
    (32.0, "etwa 3,2-mal so hoch wie"),               # 3,2: outside
    (40.0, "etwa viermal so hoch wie"),
    (50.0, "etwa fünfmal so hoch wie"),
    (60.0, "etwa sechsmal so hoch wie"),
    (70.0, "etwa siebenmal so hoch wie"),
    (80.0, "etwa achtmal so hoch wie"),
    (90.0, "etwa neunmal so hoch wie"),
    (94.0, "etwa neunmal so hoch wie"),               # 9,4: inside neunmal only
    (95.0, "etwa zehnmal so hoch wie"),               # 9,5: inside neunmal (to 9,522) and zehnmal, nearer 10
    (100.0, "etwa zehnmal so hoch wie"),
    (105.0, "etwa zehnmal so hoch wie"),              # 10,5: inside zehnmal
    (106.0, "mehr als zehnmal so hoch wie"),          # 10,6: above 10,58
    (350.0, "mehr als zehnmal so hoch wie"),
]


@pytest.mark.parametrize("value,words", BELOW_ONE)
def test_ratios_below_one_get_the_phrase_of_their_band(value, words):
    assert compare(value, 50.0) == f"{words} in der Stadt"


@pytest.mark.parametrize("value,words", ABOVE_ONE)
def test_ratios_above_one_get_the_phrase_of_their_band(value, words):
    assert compare(value, 10.0) == f"{words} in der Stadt"


def test_higher_is_never_said_as_lower_nor_lower_as_higher():
    """The direction word decides the meaning: 20 % above is „höher“, 20 % below „niedriger“."""
    assert compare(12.0, 10.0) == "etwa ein Fünftel höher als in der Stadt"
    assert compare(8.0, 10.0) == "etwa ein Fünftel niedriger als in der Stadt"
    assert compare(16.0, 10.0) == "etwa 60 % höher als in der Stadt"
    assert compare(6.0, 10.0) == "etwa 40 % niedriger als in der Stadt"
    assert compare(70.8, 50.0) == "etwa 42 % höher als in der Stadt"  # 1,416: between ein Drittel and anderthalb
    assert compare(1.0, 1.8) == "0,8 Prozentpunkte weniger als in der Stadt"
    assert compare(1.8, 1.0) == "0,8 Prozentpunkte mehr als in der Stadt"


def test_the_phrase_names_the_figure_it_stands_for():
    """The figure is what the words say: a percentage or a multiple as printed, None at the open ends."""
    assert ratio_phrase(0.6) == Phrase("etwa 40 % niedriger als", pytest.approx(0.6))
    assert ratio_phrase(0.6).figure == pytest.approx(0.6)
    assert ratio_phrase(1.59).figure == pytest.approx(1.59)
    assert ratio_phrase(2.24) == Phrase("etwa 2,2-mal so hoch wie", pytest.approx(2.2))
    assert ratio_phrase(2.24).figure == pytest.approx(2.2)
    assert ratio_phrase(3.26).words == "etwa 3,3-mal so hoch wie" and ratio_phrase(3.26).figure == pytest.approx(3.3)
    assert ratio_phrase(1.23) == Phrase("etwa ein Viertel höher als", 1.25)
    assert ratio_phrase(1 / 3) == Phrase("etwa ein Drittel so hoch wie", pytest.approx(1 / 3))
    assert ratio_phrase(0.098) == Phrase("weniger als ein Zehntel so hoch wie", None)
    assert ratio_phrase(10.6) == Phrase("mehr als zehnmal so hoch wie", None)
    assert ratio_phrase(0.1) == Phrase("etwa 90 % niedriger als", pytest.approx(0.1))
    for p in (ratio_phrase(0.6), ratio_phrase(2.24), ratio_phrase(1.23), ratio_phrase(10.6)):
        assert p.difference is None


def test_the_place_follows_the_words():
    assert compare(30.0, 50.0, where="im Stadtbezirk Sterkrade") == "etwa 40 % niedriger als im Stadtbezirk Sterkrade"
    assert compare(1.0, 1.8, where="in Alstaden") == "0,8 Prozentpunkte weniger als in Alstaden"
    assert compare(None, 1.8, where="in Alstaden") == "nicht vergleichbar"


def test_a_ratio_is_made_from_the_numbers_as_printed():
    """15,86 is printed 15,9: 1,59 is outside anderthalbmal although 1,586 would be inside."""
    assert compare(15.86, 10.0) == "etwa 59 % höher als in der Stadt"
    assert compare(15.84, 10.0) == "etwa anderthalbmal so hoch wie in der Stadt"
    assert compare(9.46, 50.0) == "etwa ein Fünftel so hoch wie in der Stadt"  # printed 9,5
    assert compare(9.44, 50.0) == "etwa 81 % niedriger als in der Stadt"  # printed 9,4
    assert compare(30.0, 49.96) == "etwa 40 % niedriger als in der Stadt"  # printed 50,0


def test_equal_printed_numbers_are_about_as_high():
    assert phrase(14.84, 14.76) == Phrase("etwa so hoch wie", 1.0, 0.0)
    assert compare(14.84, 14.76) == "etwa so hoch wie in der Stadt"
    assert phrase(0.04, -0.04) == Phrase("etwa so hoch wie", 1.0, 0.0)  # both printed 0,0
    assert phrase(1.231, 1.234, digits=2) == Phrase("etwa so hoch wie", 1.0, 0.0)  # both 1,23
    assert phrase(12.4, 12.36, "Prozentpunkte") == Phrase("etwa so hoch wie", 1.0, 0.0)


def test_a_difference_is_named_with_its_printed_size_and_direction():
    assert phrase(1.0, 1.8) == Phrase("0,8 Prozentpunkte weniger als", None, pytest.approx(-0.8))
    assert phrase(1.0, 1.8).difference == pytest.approx(-0.8)
    assert phrase(12.9, 0.9).difference == pytest.approx(12.0)
    assert phrase(12.9, 0.9).figure is None
    assert compare(12.9, 0.9) == "12,0 Prozentpunkte mehr als in der Stadt"
    assert compare(0.0, 3.0) == "3,0 Prozentpunkte weniger als in der Stadt"
    assert compare(1.04, 0.96) == "etwa so hoch wie in der Stadt"  # both printed 1,0
    assert compare(1.06, 0.94) == "0,2 Prozentpunkte mehr als in der Stadt"  # printed 1,1 and 0,9
    assert compare(2.0, 1.0) == "1,0 Prozentpunkte mehr als in der Stadt"
    assert phrase(2.0, 1.0) == Phrase("1,0 Prozentpunkte mehr als", None, 1.0)


def test_values_below_one_point_seven_are_compared_by_their_difference():
    """With one decimal, rounding moves a value below 1,7 by more than 3 %."""
    assert compare(1.7, 3.4) == "etwa halb so hoch wie in der Stadt"
    assert compare(1.6, 3.2) == "1,6 Prozentpunkte weniger als in der Stadt"
    assert compare(3.4, 1.7) == "etwa doppelt so hoch wie in der Stadt"
    assert compare(3.2, 1.6) == "1,6 Prozentpunkte mehr als in der Stadt"


def test_with_two_decimals_the_limit_is_one_tenth_as_large():
    """0,005 / 0,03 = 0,167: from 0,17 a ratio, below it the difference."""
    assert compare(0.17, 0.34, digits=2) == "etwa halb so hoch wie in der Stadt"
    assert compare(0.16, 0.32, digits=2) == "0,16 Prozentpunkte weniger als in der Stadt"
    assert compare(0.5, 0.25, digits=2) == "etwa doppelt so hoch wie in der Stadt"
    assert compare(0.53, 0.25, digits=2) == "etwa 2,1-mal so hoch wie in der Stadt"


def test_without_decimals_the_limit_is_ten_times_as_large():
    """0,5 / 0,03 = 16,7: from 17 a ratio, below it the difference."""
    assert compare(17, 34, digits=0) == "etwa halb so hoch wie in der Stadt"
    assert compare(16, 32, digits=0) == "16 Prozentpunkte weniger als in der Stadt"


def test_negative_values_are_compared_by_their_difference():
    assert compare(-5.0, 10.0, "je 100 Einwohner") == "15,0 je 100 Einwohner weniger als in der Stadt"
    assert compare(10.0, -5.0, "je 100 Einwohner") == "15,0 je 100 Einwohner mehr als in der Stadt"
    assert compare(-5.0, -10.0, "je 100 Einwohner") == "5,0 je 100 Einwohner mehr als in der Stadt"
    assert compare(-10.0, -5.0) == "5,0 Prozentpunkte weniger als in der Stadt"


def test_changes_in_percentage_points_are_compared_by_their_difference():
    assert compare(25.0, 10.0, "Prozentpunkte") == "15,0 Prozentpunkte mehr als in der Stadt"
    assert compare(10.0, 25.0, "Prozentpunkte") == "15,0 Prozentpunkte weniger als in der Stadt"


def test_a_rate_is_compared_by_ratio_and_its_difference_keeps_its_unit():
    assert compare(30.0, 50.0, "je 100 Einwohner") == "etwa 40 % niedriger als in der Stadt"
    assert compare(1.2, 5.0, "je 100 Einwohner") == "3,8 je 100 Einwohner weniger als in der Stadt"
    assert compare(1.2, 5.0, "%") == "3,8 Prozentpunkte weniger als in der Stadt"


def test_a_missing_number_is_not_comparable():
    for a, b in ((None, 3.0), (3.0, None), (float("nan"), 3.0), (3.0, float("nan")), (None, None)):
        assert phrase(a, b) is None
        assert compare(a, b) == "nicht vergleichbar"


@pytest.mark.parametrize("value,digits,small", [
    (1.6, 1, True), (1.66, 1, True), (1.7, 1, False), (-1.6, 1, True), (-1.7, 1, False), (-5.0, 1, False),
    (0.0, 1, True), (50.0, 1, False),
    (0.16, 2, True), (0.17, 2, False), (1.6, 2, False),
    (16.0, 0, True), (17.0, 0, False),
])
def test_a_value_is_small_where_rounding_moves_it_by_more_than_three_percent(value, digits, small):
    assert is_small(value, digits) is small


def test_small_uses_one_decimal_unless_told():
    assert is_small(1.6) and not is_small(1.7)


def test_a_ratio_exactly_five_point_eight_percent_from_a_figure_still_gets_it():
    """„within ±5,8 %“ includes the edge: 52,9 / 25,0 = 2,116 = 2 · 1,058; 105,8 / 10,0 = 10,58 = 10 · 1,058."""
    assert compare(52.9, 25.0) == "etwa doppelt so hoch wie in der Stadt"
    assert compare(53.0, 25.0) == "etwa 2,1-mal so hoch wie in der Stadt"
    assert compare(105.8, 10.0) == "etwa zehnmal so hoch wie in der Stadt"
    assert compare(105.9, 10.0) == "mehr als zehnmal so hoch wie in der Stadt"


def test_at_exactly_three_percent_rounding_error_a_value_is_not_small():
    """Small means the rounding moves the value by *more* than 3 %: half a unit of the last digit / 0,03."""
    assert is_small(0.05 / 0.03, 1) is False and is_small(0.5 / 0.03, 0) is False
    assert is_small(0.0499 / 0.03, 1) is True
