"""Columns to roles (generator/onboard/columns.py), piece by piece: letters, role words, the vocabulary of
indikatoren.csv, the data checks in the words the import report prints, and the global assignment.

Expected values are written by hand from the module's stated rules (a count never exceeds its reference
group, a share equals 100 · count / reference, one column fills one slot) and the sentences of the report.
Unit level: the Oberhausen indikatoren.csv as vocabulary, no workbook.
"""

from __future__ import annotations

import csv
import io

import pytest

from generator import paths
from generator.config.models import ColumnRole, ImportMapping
from generator.onboard import columns as cols
from generator.onboard.columns import Field, Proposal, Slot


def _vocab():
    text = (paths.city_dir("oberhausen") / paths.INDICATORS).read_text(encoding="utf-8")
    return cols.Vocabulary(cols.indicators_of(list(csv.DictReader(io.StringIO(text)))))


def _field(header, letter, values, key=None):
    return Field(key or header, header, tuple(header.split(" | ")), (letter,),
                 {(i, 2022): v for i, v in enumerate(values)})


def _p(f, role, indicator=None):
    return Proposal(f, Slot(role, indicator), 1.0, "", [], [])


# --- slots and columns as the report names them -------------------------------------------------------

def test_a_slot_is_said_with_its_role_and_indicator():
    assert [Slot(r, "sgb2").words() for r in ("zaehler", "nenner", "anteil")] == \
        ["Zähler von sgb2", "Nenner von sgb2", "Anteil von sgb2"]
    assert Slot("einwohner").words() == "Einwohner"
    assert Slot("nenner", "sgb2").column_role() == ColumnRole(rolle="nenner", indikator="sgb2")


@pytest.mark.parametrize("letters, said", [(("B", "C", "D", "F"), "B–D, F"), (("F", "B", "C"), "B–C, F"),
                                           (("Z", "AA", "AB"), "Z–AB"), (("AZ", "BA"), "AZ–BA"), (("b",), "B"),
                                           (("C", "C"), "C"), (("A", "C", "E"), "A, C, E"), ((), "")])
def test_column_letters_are_said_as_ranges(letters, said):
    assert cols.letter_ranges(letters) == said


def test_one_column_is_shown_as_written_several_years_by_their_common_header():
    one = Field("Arbeitslose", "Arbeitslose 2022", ("Arbeitslose 2022",), ("C",), {})
    years = Field("Arbeitslose", "Arbeitslose 2021", ("Arbeitslose 2021",), ("C", "D", "E"), {})
    assert (one.shown, one.where) == ("Arbeitslose 2022", "C")
    assert (years.shown, years.where) == ("Arbeitslose", "C–E")


def test_the_texts_of_indikatoren_csv_are_read_stripped_and_missing_ones_empty():
    [ind] = cols.indicators_of([{"indikator_id": "alo", "titel": " Arbeitslose ", "kurzname": None}])
    assert ind.id == "alo"
    assert ind.texts == {"titel": "Arbeitslose", "kurzname": "", "zaehler_definition": "", "nenner_definition": ""}


# --- words of a header ---------------------------------------------------------------------------------

@pytest.mark.parametrize("header, year", [("Jahr", True), ("Berichtsjahr", True), ("Stichtag", True),
                                          ("Jahr 2022", False), ("Einwohner", False), ("", False)])
def test_a_year_column_is_headed_only_by_year_words(header, year):
    assert cols.is_year_column(header) is year


@pytest.mark.parametrize("header, has", [("Anzahl", False), ("Anteil in %", False), ("Stand Jahr", False),
                                         ("Arbeitslose Anzahl", True), ("Einwohner", True)])
def test_role_and_filler_words_are_no_content(header, has):
    assert cols.has_content(header) is has


@pytest.mark.parametrize("header, role, word", [
    ("SGB II | Anteil in %", "anteil", "Anteil"), ("Quote", "anteil", "Quote"), ("in %", "anteil", "%"),
    ("Bev. u. 65 J. | Bezugsgröße", "nenner", "Bezugsgröße"), ("Nenner", "nenner", "Nenner"),
    ("Zähler", "zaehler", "Zähler"), ("SGB II | Anzahl", "anzahl", "Anzahl"),
    ("Anzahl | Anteil", "anteil", "Anteil"), ("Arbeitslose", None, ""),
])
def test_the_role_words_of_a_header_say_its_role(header, role, word):
    assert cols.role_words(header) == role
    assert cols.role_word(header) == word


# --- the vocabulary of indikatoren.csv -----------------------------------------------------------------

def test_residents_are_one_group_with_every_denominator_einwohner_insgesamt():
    assert _vocab().same_group(Slot("einwohner"), Slot("nenner", "nichtdeutsche"))
    assert _vocab().same_group(Slot("nenner", "senioren"), Slot("nenner", "zuzuege"))
    assert not _vocab().same_group(Slot("einwohner"), Slot("nenner", "sgb2"))
    assert not _vocab().same_group(Slot("nenner", "sgb2"), Slot("nenner", "kinderarmut"))


def test_households_with_children_are_one_indicators_numerator_and_anothers_denominator():
    assert _vocab().same_group(Slot("zaehler", "haushalte_kinder"), Slot("nenner", "alleinerziehende"))
    assert not _vocab().same_group(Slot("zaehler", "haushalte_kinder"), Slot("nenner", "haushalte_kinder"))


def test_an_unknown_slot_is_in_no_group():
    assert not _vocab().same_group(Slot("zaehler", "gibt-es-nicht"), Slot("zaehler", "gibt-es-nicht"))


def test_indicator_ids_are_found_in_any_spelling():
    assert _vocab().ids[cols.key("Haushalte_Kinder")] == "haushalte_kinder"


def test_a_city_that_reports_changes_as_indicators_is_recognised():
    assert _vocab().changes is False
    berlin_like = cols.indicators_of([{"indikator_id": "d1", "titel": "Veränderung des Anteils der Arbeitslosen",
                                       "kurzname": "", "zaehler_definition": "", "nenner_definition": ""}])
    assert cols.Vocabulary(berlin_like).changes is True
    growth = cols.indicators_of([{"indikator_id": "d2", "titel": "Bevölkerungsentwicklung", "kurzname": "",
                                  "zaehler_definition": "", "nenner_definition": ""}])
    assert cols.Vocabulary(growth).changes is True


def _toks(text):
    return cols.content(cols.tokens(text)[0])


def test_a_header_equal_to_a_text_is_explained_fully():
    h = _toks("Einwohner unter 15 Jahren")
    score, words = _vocab().similarity(h, h)
    assert score == pytest.approx(1.0) and words == h


def test_a_header_that_is_part_of_a_text_is_explained_less_than_fully():
    score, words = _vocab().similarity(_toks("Kinder"), _toks("Kinder unter 15 Jahren in Bedarfsgemeinschaften"))
    assert 0.6 <= score < 1.0 and words == _toks("Kinder")


def test_an_age_the_text_does_not_have_rules_the_text_out():
    assert _vocab().similarity(_toks("Einwohner unter 15 Jahren"), _toks("Einwohner unter 65 Jahren")) == (0.0, [])


def test_persons_are_never_households():
    assert _vocab().similarity(_toks("Haushalte mit Kindern"), _toks("Einwohner mit Kindern")) == (0.0, [])


def test_nothing_in_common_is_no_explanation():
    assert _vocab().similarity(_toks("Wohngeld"), _toks("Arbeitslose")) == (0.0, [])
    assert _vocab().similarity([], _toks("Arbeitslose")) == (0.0, [])
    assert _vocab().similarity(_toks("Arbeitslose"), []) == (0.0, [])


def test_a_place_name_in_a_title_does_not_count_against_it_when_lenient():
    header = _toks("Arbeitslose Oberhausen")
    strict, _ = _vocab().similarity(header, _toks("Arbeitslose"))
    lenient, _ = _vocab().similarity(header, _toks("Arbeitslose"), lenient=True)
    assert strict < 0.99 and lenient == pytest.approx(1.0)
    assert _vocab().similarity(_toks("Oberhausen"), _toks("Arbeitslose"), lenient=True) == (0.0, [])


def test_the_best_text_of_a_slot_is_named_with_its_column():
    score, text, words = _vocab().best(_toks("Einwohner insgesamt"), Slot("einwohner"))
    assert score == pytest.approx(1.0) and text == "Einwohner „Einwohner insgesamt“" and words
    assert _vocab().best(_toks("Wohngeld"), Slot("einwohner")) == (0.0, "", [])
    score, text, _ = _vocab().best(_toks("SGB II"), Slot("nenner", "sgb2"), ("zaehler",))
    assert score == pytest.approx(1.0) and text == "kurzname „SGB II“"


# --- proposals by the header's words -------------------------------------------------------------------

def test_the_indicator_id_as_header_is_its_count():
    [p] = cols.propose(_field("sgb2", "B", []), _vocab(), False)
    assert (p.slot, p.score, p.text, p.words) == (Slot("zaehler", "sgb2"), 1.0, "indikator_id „sgb2“", ["sgb2"])


def test_the_indicator_id_under_bezugsgroesse_is_its_reference():
    [p] = cols.propose(_field("Bezugsgröße | sgb2", "B", []), _vocab(), False)
    assert (p.slot, p.score, p.role_said) == (Slot("nenner", "sgb2"), 1.0, "Rolle aus „Bezugsgröße“")


def test_a_header_of_role_words_only_proposes_nothing():
    assert cols.propose(_field("Anzahl", "B", []), _vocab(), False) == []


def test_a_role_word_restricts_the_slots_and_is_said():
    proposals = cols.propose(_field("SGB II | Anteil in %", "B", []), _vocab(), False)
    assert proposals and {p.slot.role for p in proposals} == {"anteil"}
    assert {p.role_said for p in proposals} == {"Rolle aus „Anteil“"}


def test_decimals_up_to_100_without_a_role_word_are_read_as_shares():
    proposals = cols.propose(_field("SGB II", "B", []), _vocab(), True)
    assert {p.slot.role for p in proposals} == {"anteil"}
    assert {p.role_said for p in proposals} == {"Rolle aus den Daten: Dezimalzahlen bis 100, also Anteile"}
    counted = cols.propose(_field("SGB II", "B", []), _vocab(), False)
    assert {p.slot.role for p in counted} <= {"zaehler", "nenner", "einwohner"} and counted


def test_an_upper_header_row_naming_another_indicator_counts_against_a_slot():
    own = {p.slot: p.score for p in cols.propose(_field("SGB II | Einwohner unter 65 Jahren", "B", []), _vocab(), False)}
    other = {p.slot: p.score for p in cols.propose(_field("Altersarmut | Einwohner unter 65 Jahren", "B", []), _vocab(), False)}
    assert own[Slot("nenner", "sgb2")] > other.get(Slot("nenner", "sgb2"), 0.0)


def test_the_abbreviations_of_a_header_travel_with_its_proposals():
    proposals = cols.propose(_field("Bev. u. 65 J.", "B", []), _vocab(), False)
    assert proposals and all("„Bev.“ = Bevölkerung" in p.abbreviations for p in proposals)


# --- import.yaml -----------------------------------------------------------------------------------------

def test_import_yaml_names_a_column_by_its_header_its_plain_header_or_a_spelling_of_either():
    role = ColumnRole(rolle="nenner", indikator="sgb2")
    mapping = ImportMapping(spalten={"Bev. u. 65 J.": role})
    assert cols.role_for(Field("Bev. u. 65 J.", "x", ("x",), ("B",), {}), mapping) == role
    assert cols.role_for(Field("Blatt 1: Bev.", "x", ("x",), ("B",), {}, plain_key="Bev. u. 65 J."), mapping) == role
    assert cols.role_for(Field("bev u 65 j", "x", ("x",), ("B",), {}), mapping) == role
    assert cols.role_for(Field("Blatt 1", "x", ("x",), ("B",), {}, plain_key="BEV U 65 J"), mapping) == role
    assert cols.role_for(Field("Bev. u. 15 J.", "x", ("x",), ("B",), {}), mapping) is None


@pytest.mark.parametrize("slot, entry", [(Slot("nenner", "sgb2"), '"Bev. u. 65 J.": {rolle: nenner, indikator: sgb2}'),
                                         (Slot("einwohner"), '"Bev. u. 65 J.": {rolle: einwohner}'),
                                         (None, '"Bev. u. 65 J.": {rolle: ignorieren}')])
def test_the_line_for_import_yaml(slot, entry):
    f = _field("Bev. u. 65 J.", "C", [])
    assert cols.mapping_entry(f, slot) == entry
    assert cols.mapping_line(f, slot) == "spalten: {" + entry + "}"


def test_the_line_for_import_yaml_keeps_umlauts_and_quotes():
    f = _field('Empfänger "GruSi"', "C", [])
    assert cols.mapping_entry(f, None) == '"Empfänger \\"GruSi\\"": {rolle: ignorieren}'


# --- the data checks -------------------------------------------------------------------------------------

def test_a_count_is_compared_with_its_reference_row_by_row():
    z, n = _field("z", "B", [1, 5, 7, 9]), _field("n", "C", [5, 5, 5, 5, 8])
    assert cols.at_most(z, n) == (2, 4)


@pytest.mark.parametrize("shown, tolerance", [("12", 0.5), ("12 %", 0.5), ("-3", 0.5), ("12,3", 0.1), ("12.34 %", 0.1),
                                              ("abc", 0.1)])
def test_a_share_may_differ_by_half_a_unit_of_its_last_decimal_and_at_least_0_1_points(shown, tolerance):
    assert cols.share_tolerance(shown) == pytest.approx(tolerance, abs=1e-6)


def test_a_share_shown_as_a_whole_number_may_be_half_a_point_off():
    assert abs(100 * 1 / 8 - 12) <= cols.share_tolerance("12")  # 12,5 % shown as „12“


def test_a_share_agrees_with_its_counts_within_a_rounding():
    z, n = _field("z", "B", [1, 1, 1, 1]), _field("n", "C", [10, 10, 10, 0])
    share = _field("a", "D", [10.1, 10.14, 10.2, 5])
    assert cols.shares_agree(share, z, n) == (2, 3)  # the row without a reference is not compared
    assert cols.shares_agree(_field("a", "D", [0]), _field("z", "B", [0]), _field("n", "C", [1])) == (1, 1)


def test_a_share_exactly_at_the_tolerance_still_agrees():
    tolerance = cols.SHARE_TOLERANCE + 0.05  # 0.1 points, and 0.05 for the rounding of the counts' share
    assert cols.shares_agree(_field("a", "D", [tolerance]), _field("z", "B", [0]), _field("n", "C", [20])) == (1, 1)
    assert cols.shares_agree(_field("a", "D", [0.16]), _field("z", "B", [0]), _field("n", "C", [20])) == (0, 1)


def test_the_share_of_whole_non_negative_numbers():
    assert cols.whole_numbers(_field("x", "B", [1, 2, 2.5, -1])) == 0.5
    assert cols.whole_numbers(_field("x", "B", [])) == 1.0


@pytest.mark.parametrize("values, shares", [([12.5, 3.3, 50], True), ([12.5, 130.2, 3.3], False), ([], False),
                                            ([1, 2, 3.5], False), ([0.5, 1.5, 2.5, 100], True), ([-0.5, 1.5], False)])
def test_decimals_between_0_and_100_look_like_shares(values, shares):
    assert cols.looks_like_shares(_field("x", "B", values)) is shares


def test_the_best_comparison_is_the_best_ratio_then_the_most_rows():
    assert cols._best_ratio([(3, 4), (0, 0), (4, 4)]) == (4, 4)
    assert cols._best_ratio([(1, 2), (2, 4)]) == (2, 4)
    assert cols._best_ratio([(0, 0)]) is None and cols._best_ratio([]) is None


def test_two_columns_differ_in_a_value_or_in_their_rows():
    a = _field("a", "B", [1, 2, 3])
    assert not cols._differ(a, _field("b", "C", [1, 2, 3]))
    assert cols._differ(a, _field("b", "C", [1, 2, 4]))
    assert cols._differ(a, _field("b", "C", [1, 2]))
    assert cols._differ(_field("b", "C", [1, 2]), a)


def test_a_count_with_decimals_is_said_and_weighs_less():
    f = _field("z", "B", [1.5, 2, 3, 4])
    assert cols._fit(_p(f, "zaehler", "sgb2"), [], _vocab()) == (0.75, ["nur 75 % ganze Zahlen"])


def test_a_count_above_its_reference_is_said():
    z, n = _field("z", "B", [1, 2, 3, 10]), _field("n", "C", [5, 5, 5, 5])
    pz, pn = _p(z, "zaehler", "sgb2"), _p(n, "nenner", "sgb2")
    assert cols._fit(pz, [pz, pn], _vocab()) == (0.75, ["Zähler ≤ Nenner in 3 von 4 Zeilen"])
    assert cols._fit(pn, [pz, pn], _vocab()) == (0.75, ["Nenner ≥ Zähler in 3 von 4 Zeilen"])


def test_another_indicators_reference_is_not_compared():
    z, n = _field("z", "B", [1, 2, 3, 10]), _field("n", "C", [5, 5, 5, 5])
    pz, pn = _p(z, "zaehler", "sgb2"), _p(n, "nenner", "kinderarmut")
    assert cols._fit(pz, [pz, pn], _vocab()) == (1.0, [])


def test_a_reference_group_above_the_residents_weighs_less():
    n, e = _field("n", "B", [5, 5, 50, 50]), _field("e", "C", [10, 10, 10, 10])
    pn, pe = _p(n, "nenner", "sgb2"), _p(e, "einwohner")
    assert cols._fit(pn, [pn, pe], _vocab()) == (0.75, [])
    assert cols._fit(pe, [pn, pe], _vocab()) == (0.5, ["Einwohner ≥ jede Bezugsgruppe in 2 von 4 Vergleichen"])


def test_the_residents_are_not_checked_against_their_own_group():
    n, e = _field("n", "B", [50, 50]), _field("e", "C", [10, 10])
    pn, pe = _p(n, "nenner", "nichtdeutsche"), _p(e, "einwohner")
    assert cols._fit(pe, [pn, pe], _vocab()) == (1.0, [])
    assert cols._fit(pn, [pn, pe], _vocab()) == (1.0, [])


def test_the_residents_are_checked_against_every_reference_group_at_once():
    e = _field("e", "B", [10, 10])
    n1, n2 = _field("n1", "C", [5, 50]), _field("n2", "D", [5, 5])
    ps = [_p(e, "einwohner"), _p(n1, "nenner", "sgb2"), _p(n2, "nenner", "kinderarmut"), _p(n2, "nenner", "sgb2")]
    assert cols._fit(ps[0], ps, _vocab()) == (0.75, ["Einwohner ≥ jede Bezugsgruppe in 3 von 4 Vergleichen"])


def test_a_share_is_checked_against_its_counts():
    z, n = _field("z", "B", [1, 2, 3, 4]), _field("n", "C", [10, 10, 10, 10])
    a = _field("a", "D", [10, 20, 30, 45])
    ps = [_p(a, "anteil", "sgb2"), _p(z, "zaehler", "sgb2"), _p(n, "nenner", "sgb2")]
    assert cols._fit(ps[0], ps, _vocab()) == (0.75, ["Anteil = 100 · Zähler / Nenner in 3 von 4 Zeilen"])


def test_a_share_written_as_a_fraction_is_checked_as_percent():
    z, n = _field("z", "B", [1, 2, 3, 4]), _field("n", "C", [10, 10, 10, 10])
    a = _field("a", "D", [0.1, 0.2, 0.3, 0.4])
    ps = [_p(a, "anteil", "sgb2"), _p(z, "zaehler", "sgb2"), _p(n, "nenner", "sgb2")]
    assert cols._fit(ps[0], ps, _vocab()) == (1.0, ["Anteil = 100 · Zähler / Nenner in 4 von 4 Zeilen"])


def test_a_share_above_100_without_counts_is_said():
    a = _field("a", "D", [10, 120])
    assert cols._fit(_p(a, "anteil", "sgb2"), [], _vocab()) == (0.2, ["Werte über 100"])
    assert cols._fit(_p(_field("a", "D", [10, 100]), "anteil", "sgb2"), [], _vocab()) == (1.0, [])
    assert cols._fit(_p(_field("a", "D", []), "anteil", "sgb2"), [], _vocab()) == (1.0, [])


def test_a_share_is_no_count():
    a = _field("a", "D", [10.5, 20.5])
    assert cols._fit(_p(a, "anteil", "sgb2"), [], _vocab()) == (1.0, [])


# --- the assignment --------------------------------------------------------------------------------------

def _assign(fields, mapping=None):
    return cols.assign(fields, {id(f): {2022} for f in fields}, _vocab(), mapping or ImportMapping())


def test_a_column_import_yaml_ignores_is_ignored():
    f = _field("Bemerkung", "B", [1, 2])
    out = _assign([f], ImportMapping(spalten={"Bemerkung": ColumnRole(rolle="ignorieren")}))
    assert out.ignored == [(f, "laut import.yaml ignoriert")] and not out.placed and not out.unplaced


def test_a_column_no_indicator_explains_is_left_with_the_reason():
    f = _field("Hausnummer", "B", [1, 2])
    out = _assign([f])
    assert out.unplaced == [(f, "passt zu keinem Indikator aus indikatoren.csv", None)] and not out.placed


def test_a_second_count_takes_the_next_indicator_its_words_fit():
    a, b = _field("SGB II | Anzahl", "B", [10, 20, 30]), _field("SGB II | Anzahl", "C", [10, 20, 30])
    out = _assign([a, b])
    assert out.placed[id(a)][0].slot == Slot("zaehler", "sgb2")
    assert out.placed[id(b)][0].slot != Slot("zaehler", "sgb2")


def test_a_column_repeating_another_is_ignored_as_a_copy():
    a, b = _field("Einwohner insgesamt", "B", [100, 200, 300]), _field("Einwohner insgesamt", "C", [100, 200, 300])
    out = _assign([a, b])
    assert out.placed[id(a)][0].slot == Slot("einwohner") and id(b) not in out.placed
    assert out.ignored == [(b, "dieselben Werte wie Spalte B („Einwohner insgesamt“)")]
    assert not out.conflicts and not out.unplaced


def test_two_different_columns_equally_good_for_one_slot_are_a_conflict():
    a, b = _field("Einwohner insgesamt", "B", [100, 200, 300]), _field("Einwohner insgesamt", "C", [110, 210, 310])
    out = _assign([a, b])
    assert out.conflicts == [(a, b, Slot("einwohner"))] and id(b) not in out.placed
    assert not out.ignored and not out.unplaced


def test_a_column_for_a_slot_import_yaml_gave_away_names_the_column_that_has_it():
    a, b = _field("Merkwürdig", "B", [100, 200, 300]), _field("Einwohner insgesamt", "C", [110, 210, 310])
    out = _assign([a, b], ImportMapping(spalten={"Merkwürdig": ColumnRole(rolle="einwohner")}))
    assert out.placed[id(a)][0].source == "import.yaml" and out.placed[id(a)][0].slot == Slot("einwohner")
    [(f, why, guess)] = out.unplaced
    assert f is b and why == "passt am ehesten zu Einwohner, den schon Spalte B („Merkwürdig“) belegt"
    # the line to suggest for import.yaml: a free slot of its words, the first such indicator of indikatoren.csv
    assert guess.source == "erkannt" and guess.slot == Slot("nenner", "nichtdeutsche")


def test_the_guess_for_a_left_column_prefers_an_indicator_already_begun():
    a, b = _field("Merkwürdig", "B", [100, 200, 300]), _field("Einwohner insgesamt", "C", [110, 210, 310])
    c = _field("Einwohner ab 65 Jahren", "D", [10, 20, 30])  # the count of senioren: that indicator is begun
    out = _assign([a, b, c], ImportMapping(spalten={"Merkwürdig": ColumnRole(rolle="einwohner")}))
    assert Slot("zaehler", "senioren") in {p.slot for p in out.placed[id(c)]}
    [(f, _, guess)] = out.unplaced
    assert f is b and guess.slot == Slot("nenner", "senioren")


def test_two_columns_import_yaml_gives_one_slot_are_a_conflict():
    a, b = _field("Merkwürdig", "B", [100, 200, 300]), _field("Seltsam", "C", [110, 210, 310])
    out = _assign([a, b], ImportMapping(spalten={"Merkwürdig": ColumnRole(rolle="einwohner"),
                                                 "Seltsam": ColumnRole(rolle="einwohner")}))
    assert out.conflicts == [(a, b, Slot("einwohner"))]


def test_two_equal_columns_import_yaml_gives_one_slot_are_a_copy():
    a, b = _field("Merkwürdig", "B", [100, 200, 300]), _field("Seltsam", "C", [100, 200, 300])
    out = _assign([a, b], ImportMapping(spalten={"Merkwürdig": ColumnRole(rolle="einwohner"),
                                                 "Seltsam": ColumnRole(rolle="einwohner")}))
    assert out.ignored == [(b, "dieselben Werte wie Spalte B („Merkwürdig“)")] and not out.conflicts


def test_the_same_slot_in_different_years_takes_both_columns():
    a, b = _field("SGB II | Anzahl", "B", [10, 20, 30]), _field("SGB II | Anzahl", "C", [11, 21, 31])
    out = cols.assign([a, b], {id(a): {2021}, id(b): {2022}}, _vocab(), ImportMapping())
    assert out.placed[id(a)][0].slot == out.placed[id(b)][0].slot == Slot("zaehler", "sgb2")
    assert not out.conflicts and not out.unplaced


def test_the_residents_column_also_fills_every_denominator_of_its_group():
    e = _field("Einwohner insgesamt", "B", [100, 200, 300])
    out = _assign([e])
    slots = {p.slot for p in out.placed[id(e)]}
    assert out.placed[id(e)][0].slot == Slot("einwohner")
    assert Slot("nenner", "nichtdeutsche") in slots and Slot("nenner", "sgb2") not in slots


def test_a_count_and_its_reference_are_placed_with_their_checks():
    z = _field("SGB II | Anzahl", "B", [10, 20, 30])
    n = _field("SGB II | Einwohner unter 65 Jahren", "C", [100, 200, 300])
    out = _assign([z, n])
    pz, pn = out.placed[id(z)][0], out.placed[id(n)][0]
    assert (pz.slot, pn.slot) == (Slot("zaehler", "sgb2"), Slot("nenner", "sgb2"))
    assert pz.checks == ["Zähler ≤ Nenner in 3 von 3 Zeilen"] and pn.checks == ["Nenner ≥ Zähler in 3 von 3 Zeilen"]


def test_a_column_placed_by_import_yaml_gets_its_checks_too():
    z = _field("Merkwürdig", "B", [10, 20, 300])
    n = _field("SGB II | Einwohner unter 65 Jahren", "C", [100, 200, 200])
    out = _assign([z, n], ImportMapping(spalten={"Merkwürdig": ColumnRole(rolle="zaehler", indikator="sgb2")}))
    assert out.placed[id(z)][0].checks == ["Zähler ≤ Nenner in 2 von 3 Zeilen"]


# --- weights and scores in a vocabulary small enough to count by hand --------------------------------

def _tiny():
    """One indicator titled „Arbeitslose“; with the residents' two texts the vocabulary holds four texts:
    „Arbeitslose“ (numerator), „Arbeitslose“ (share), „Einwohner insgesamt“ and „Einwohner“."""
    return cols.Vocabulary(cols.indicators_of([{"indikator_id": "alo", "titel": "Arbeitslose", "kurzname": "",
                                                "zaehler_definition": "", "nenner_definition": ""}]))


def test_a_word_weighs_more_the_fewer_texts_use_it():
    import math
    vocab = _tiny()
    # four texts: „arbeitslos“ and „einwohner“ in two each, „insgesamt“ in one, an unknown word in none
    assert vocab.w(_toks("Arbeitslose")[0]) == pytest.approx(math.log(1 + 4 / 2))
    assert vocab.w(_toks("insgesamt")[0]) == pytest.approx(math.log(1 + 4 / 1))
    assert vocab.w("hausnummer") == pytest.approx(math.log(1 + 4))


def test_a_score_is_mostly_the_headers_weight_found_and_a_little_the_texts():
    import math
    vocab = _tiny()
    score, words = vocab.similarity(_toks("Einwohner"), _toks("Einwohner insgesamt"))
    recall = math.log(3) / (math.log(3) + math.log(5))
    assert score == pytest.approx(0.6 + 0.4 * recall) and words == _toks("Einwohner")
    score, _ = vocab.similarity(_toks("Einwohner insgesamt"), _toks("Einwohner"))
    assert score == pytest.approx(math.log(3) / (math.log(3) + math.log(5)))


def test_the_texts_of_each_slot_are_kept_with_their_column():
    vocab = _tiny()
    assert [(c, t) for c, t, _ in vocab.slot_texts[Slot("zaehler", "alo")]] == [("titel", "Arbeitslose")]
    assert [(c, t) for c, t, _ in vocab.slot_texts[Slot("anteil", "alo")]] == [("titel", "Arbeitslose")]
    assert Slot("nenner", "alo") not in vocab.slot_texts
    assert [(c, t) for c, t, _ in vocab.slot_texts[Slot("einwohner")]] == [("Einwohner", "Einwohner insgesamt"),
                                                                         ("Einwohner", "Einwohner")]


def test_a_share_is_also_known_by_its_count_over_its_reference():
    vocab = _vocab()
    texts = [(c, t) for c, t, _ in vocab.slot_texts[Slot("anteil", "senioren")]]
    assert texts == [("kurzname", "Ältere"), ("titel", "Einwohner ab 65 Jahren"),
                     ("zaehler_definition", "Einwohner ab 65 Jahren"),
                     ("kurzname und nenner_definition", "Ältere / Einwohner insgesamt"),
                     ("titel und nenner_definition", "Einwohner ab 65 Jahren / Einwohner insgesamt"),
                     ("zaehler_definition und nenner_definition", "Einwohner ab 65 Jahren / Einwohner insgesamt")]
    assert [(c, t) for c, t, _ in vocab.slot_texts[Slot("nenner", "senioren")]] == \
        [("nenner_definition", "Einwohner insgesamt")]
    assert [(c, t) for c, t, _ in vocab.slot_texts[Slot("zaehler", "senioren")]] == texts[:3]


# --- more of the proposals and the checks ------------------------------------------------------------------

def test_an_upper_row_naming_the_indicator_raises_its_slot_by_a_tenth():
    base = {p.slot: p.score for p in cols.propose(_field("Einwohner unter 65 Jahren", "B", []), _vocab(), False)}
    own = {p.slot: p.score for p in cols.propose(_field("SGB II | Einwohner unter 65 Jahren", "B", []), _vocab(), False)}
    assert own[Slot("nenner", "sgb2")] == pytest.approx(base[Slot("nenner", "sgb2")] * 1.1)


def test_an_upper_row_naming_another_indicator_halves_a_slot_unless_the_table_is_long():
    base = {p.slot: p.score for p in cols.propose(_field("Einwohner unter 65 Jahren", "B", []), _vocab(), False)}
    other = _field("Altersarmut | Einwohner unter 65 Jahren", "B", [])
    assert {p.slot: p.score for p in cols.propose(other, _vocab(), False)}[Slot("nenner", "sgb2")] == \
        pytest.approx(base[Slot("nenner", "sgb2")] * 0.5)
    other.groups_strict = False
    assert {p.slot: p.score for p in cols.propose(other, _vocab(), False)}[Slot("nenner", "sgb2")] == \
        pytest.approx(base[Slot("nenner", "sgb2")])


def test_bezugsgroesse_under_an_indicators_name_proposes_its_reference():
    proposals = cols.propose(_field("SGB II | Bezugsgröße", "B", []), _vocab(), False)
    top = max(proposals, key=lambda p: p.score)
    assert {p.slot.role for p in proposals} == {"nenner"}
    assert (top.slot, top.score, top.text) == (Slot("nenner", "sgb2"), pytest.approx(1.0), "kurzname „SGB II“")


def test_zaehler_in_a_header_proposes_only_numerators():
    proposals = cols.propose(_field("SGB II | Zähler", "B", []), _vocab(), False)
    assert proposals and {p.slot.role for p in proposals} == {"zaehler"}


def test_every_proposal_has_a_positive_score():
    proposals = cols.propose(_field("Einwohner unter 65 Jahren", "B", []), _vocab(), False)
    assert proposals and all(p.score > 0 for p in proposals)
    assert {"nenner"} <= {p.slot.role for p in proposals} and "anteil" not in {p.slot.role for p in proposals}


def test_a_title_as_header_lets_a_place_name_pass():
    titled = Field("Arbeitslose Oberhausen", "Anzahl", ("Arbeitslose Oberhausen", "Anzahl"), ("B",), {},
                   context="Arbeitslose Oberhausen")
    plain = Field("Arbeitslose Oberhausen", "Anzahl", ("Arbeitslose Oberhausen", "Anzahl"), ("B",), {})
    best_titled = max(p.score for p in cols.propose(titled, _vocab(), False))
    best_plain = max(p.score for p in cols.propose(plain, _vocab(), False))
    assert best_titled > best_plain


def test_nine_in_ten_whole_numbers_are_still_counts():
    f = _field("z", "B", [1.5] + [2] * 9)
    assert cols._fit(_p(f, "zaehler", "sgb2"), [], _vocab()) == (1.0, [])


def test_reference_groups_without_common_rows_are_not_compared_with_the_residents():
    e = Field("e", "e", ("e",), ("B",), {(1, 2022): 10})
    n = Field("n", "n", ("n",), ("C",), {(2, 2022): 50})
    pe, pn = _p(e, "einwohner"), _p(n, "nenner", "sgb2")
    assert cols._fit(pe, [pe, pn], _vocab()) == (1.0, [])


def test_without_years_the_same_slot_is_contested():
    a, b = _field("Einwohner insgesamt", "B", [100, 200, 300]), _field("Einwohner insgesamt", "C", [110, 210, 310])
    out = cols.assign([a, b], {}, _vocab(), ImportMapping())
    assert out.conflicts == [(a, b, Slot("einwohner"))]


def test_a_column_import_yaml_places_also_fills_the_slots_of_its_group():
    e = _field("Einwohner insgesamt", "B", [100, 200, 300])
    out = _assign([e], ImportMapping(spalten={"Einwohner insgesamt": ColumnRole(rolle="einwohner")}))
    placed = out.placed[id(e)]
    assert placed[0].source == "import.yaml" and placed[0].slot == Slot("einwohner")
    assert Slot("nenner", "nichtdeutsche") in {p.slot for p in placed[1:]}
    assert all(p.source == "erkannt" for p in placed[1:])
