"""Numbers as the reader sees them (generator/language/numbers.py), written out by hand from the German
conventions the module states: decimal comma, a dot between thousands, "−" (U+2212) as minus, "±0,0"
for a change of zero, never "−0,0", „.“ for a missing number, dates as 31.12.2022."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from generator.language.numbers import (change_unit, count_word, date, de, integer, is_percent, missing, shown, size,
                                        threshold, title_with_unit, unit_short, with_unit)

MINUS = "\u2212"


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, pd.NA, "zwölf", "", object(), [1]])
def test_anything_that_is_no_number_is_missing(value):
    assert missing(value) is True


@pytest.mark.parametrize("value", [0, 0.0, -3, 12.5, np.int64(4), np.float64(-0.1), "12.5", True])
def test_numbers_are_not_missing(value):
    assert missing(value) is False


@pytest.mark.parametrize("value,digits,printed", [
    (12.34, 1, 12.3), (12.36, 1, 12.4), (12.96, 1, 13.0), (-3.26, 1, -3.3), (0.123, 2, 0.12), (0.126, 2, 0.13),
    (1234.6, 0, 1235.0), (0.96, 1, 1.0), (0.996, 2, 1.0), (7, 1, 7.0), (np.float64(2.25), 1, 2.2), ("4.44", 1, 4.4),
])
def test_shown_is_the_value_as_printed(value, digits, printed):
    assert shown(value, digits) == printed


def test_shown_uses_one_decimal_unless_told():
    assert shown(12.34) == 12.3 and shown(0.126) == 0.1


def test_a_value_printed_as_zero_has_no_minus_sign():
    for v in (-0.04, -0.0, 0.04):
        assert shown(v) == 0.0 and math.copysign(1.0, shown(v)) == 1.0
    assert math.copysign(1.0, shown(-0.004, 2)) == 1.0


def test_shown_of_a_missing_value_is_none():
    assert shown(None) is None and shown(float("nan")) is None and shown(pd.NA, 2) is None


@pytest.mark.parametrize("value,digits,text", [
    (1234.5, 1, "1.234,5"), (1234567.891, 2, "1.234.567,89"), (12, 0, "12"), (1500, 0, "1.500"),
    (999.94, 1, "999,9"), (999.96, 1, "1.000,0"), (-3.26, 1, f"{MINUS}3,3"), (-1234.56, 1, f"{MINUS}1.234,6"),
    (0.5, 2, "0,50"), (-0.04, 1, "0,0"), (0.0, 1, "0,0"), (3, 3, "3,000"),
])
def test_german_number_format(value, digits, text):
    assert de(value, digits) == text


def test_one_decimal_unless_told():
    assert de(12.34) == "12,3" and de(1234) == "1.234,0"


@pytest.mark.parametrize("value,digits,text", [
    (2.5, 1, "+2,5"), (-2.5, 1, f"{MINUS}2,5"), (0.0, 1, "±0,0"), (-0.04, 1, "±0,0"), (0.04, 1, "±0,0"),
    (1234.5, 1, "+1.234,5"), (0.004, 2, "±0,00"), (0.006, 2, "+0,01"), (-3, 0, f"{MINUS}3"),
])
def test_a_change_carries_its_sign_and_zero_is_plus_minus(value, digits, text):
    assert de(value, digits, sign=True) == text


def test_a_missing_number_is_printed_as_the_sign_for_unknown():
    assert de(None) == "." and de(float("nan"), 2) == "." and de(None, 1, True) == "."
    assert integer(None) == "."


def test_integers_have_a_dot_between_thousands():
    assert integer(1234) == "1.234" and integer(12) == "12" and integer(1234567) == "1.234.567"
    assert integer(-2500) == f"{MINUS}2.500" and integer(2.6) == "3"


@pytest.mark.parametrize("value,text", [
    (-1.0, f"{MINUS}1,0"), (1.5, "1,5"), (1.25, "1,25"), (0.125, "0,125"), (2, "2,0"), (0.0, "0,0"),
    (-0.75, f"{MINUS}0,75"), (0.1234, "0,123"), (1.2500000001, "1,25"), (1.0000000001, "1,0"),
    (1e-9, "0,000"),  # 10⁻⁹ off a one-decimal number is no longer float noise: the limit has more decimals
])
def test_a_class_limit_has_as_many_decimals_as_it_has(value, text):
    assert threshold(value) == text


@pytest.mark.parametrize("day,text", [(dt.date(2022, 12, 31), "31.12.2022"), (dt.date(2023, 1, 5), "05.01.2023"),
                                      (dt.datetime(2021, 6, 30, 23, 59), "30.06.2021")])
def test_dates_are_day_month_year_with_dots(day, text):
    assert date(day) == text


@pytest.mark.parametrize("einheit,short", [
    ("Prozent", "%"), (" prozent ", "%"), ("PROZENT", "%"), ("%", "%"), (" % ", "%"),
    (" je 100 Einwohner ", "je 100 Einwohner"), ("Prozentpunkte", "Prozentpunkte"), ("Euro", "Euro"), ("", ""),
])
def test_the_unit_after_a_number(einheit, short):
    assert unit_short(einheit) == short
    assert is_percent(einheit) is (short == "%")


@pytest.mark.parametrize("value,einheit,kwargs,text", [
    (12.34, "Prozent", {}, "12,3 %"),
    (4.06, " je 100 Einwohner ", {}, "4,1 je 100 Einwohner"),
    (2.5, "Prozent", {"sign": True}, "+2,5 %"),
    (-2.5, "je 100 Einwohner", {"sign": True}, f"{MINUS}2,5 je 100 Einwohner"),
    (0.0, "Prozent", {"sign": True}, "±0,0 %"),
    (0.456, "Prozent", {"digits": 2}, "0,46 %"),
    (1234.5, "Euro", {"digits": 0}, "1.234 Euro"),
    (None, "Prozent", {}, "."),
    (float("nan"), "je 100 Einwohner", {"sign": True}, "."),
])
def test_a_value_with_its_unit_and_a_missing_value_without(value, einheit, kwargs, text):
    assert with_unit(value, einheit, **kwargs) == text


@pytest.mark.parametrize("einheit,unit", [("Prozent", "Prozentpunkte"), ("%", "Prozentpunkte"),
                                          (" prozent", "Prozentpunkte"), (" je 100 Einwohner ", "je 100 Einwohner"),
                                          ("Euro", "Euro")])
def test_a_change_of_a_share_is_in_percentage_points_of_a_rate_in_its_unit(einheit, unit):
    assert change_unit(einheit) == unit


@pytest.mark.parametrize("titel,einheit,text", [
    ("Haushalte mit Wohngeld", "Prozent", "Haushalte mit Wohngeld (Prozent)"),
    ("Haushalte mit Wohngeld", " Prozent ", "Haushalte mit Wohngeld (Prozent)"),
    ("Arbeitslose in Prozent", "prozent", "Arbeitslose in Prozent"),
    ("Zuzüge je 100 Einwohner", "Je 100 Einwohner", "Zuzüge je 100 Einwohner"),
    ("Einwohner", "", "Einwohner"),
    ("Einwohner", "   ", "Einwohner"),
])
def test_a_title_names_its_unit_once(titel, einheit, text):
    assert title_with_unit(titel, einheit) == text


@pytest.mark.parametrize("n_bytes,text", [
    (0, "0 KB"), (1023, "1 KB"), (185 * 1024, "185 KB"), (1536, "2 KB"), (1000 * 1024, "1.000 KB"),
    (1024 * 1024 - 1, "1.024 KB"), (1024 * 1024, "1,0 MB"), (int(1.3 * 1024 * 1024), "1,3 MB"),
    (25 * 1024 * 1024 + 600 * 1024, "25,6 MB"), (1101005, "1,1 MB"), (100 * 1024 * 1024, "100,0 MB"),
])
def test_file_sizes_in_kilobytes_below_a_megabyte(n_bytes, text):
    assert size(n_bytes) == text


@pytest.mark.parametrize("n,word", [(0, "null"), (1, "ein"), (2, "zwei"), (3, "drei"), (4, "vier"), (5, "fünf"),
                                    (6, "sechs"), (7, "sieben"), (8, "acht"), (9, "neun"), (10, "zehn"),
                                    (11, "elf"), (12, "zwölf"), (13, "13"), (1500, "1.500")])
def test_small_counts_are_words_larger_ones_digits(n, word):
    assert count_word(n) == word
