"""The pieces under `sozialbericht import`, each against wording and spellings offices use: the German
statistics abbreviations, the rules that match a row to an area, and the global assignment of columns."""

from __future__ import annotations

import csv
import io

import pytest

from generator import paths
from generator.config.models import ColumnRole, ImportMapping
from generator.onboard import columns as cols
from generator.onboard.match import Areas, spelling_rule
from generator.onboard.wording import tokens

from .test_import_shapes import DATA, NAMES, ORDER, _book, _counts, _residents, city  # noqa: F401 (fixture)


def _vocab():
    rows = list(csv.DictReader(io.StringIO((paths.city_dir("oberhausen") / paths.INDICATORS).read_text(encoding="utf-8"))))
    return cols.Vocabulary(cols.indicators_of(rows))


# -- words -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written,meant", [
    ("Bev. u. 65 J.", "Einwohner unter 65 Jahren"),
    ("EW u15", "Einwohner unter 15"),
    ("Kinder u. 15 J. in SGB-II-BG", "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften"),
    ("HH mit 3+ Kindern", "Haushalte mit drei oder mehr Kindern"),
    ("Bev. 65 u. älter", "Einwohner ab 65"),
    ("Einwohner insg.", "Einwohner insgesamt"),
    ("Empf. v. Grundsich. im Alter", "Empfänger von Grundsicherung im Alter"),
    ("Anz. LB", "Anzahl Leistungsberechtigte"),
    ("Arbeitslose 15-24 J.", "Arbeitslose von 15 bis unter 25 Jahren"),
    ("Leistungs-empfänger/-innen nach ALG II", "Leistungsempfänger nach SGB II"),
    ("Einwohnerinnen und Einwohner mit mind. 5 J. Wohndauer", "Einwohner mit mindestens fünf Jahren Wohndauer"),
])
def test_abbreviations_and_stems_read_as_the_words_they_stand_for(written, meant):
    assert sorted(set(tokens(written)[0])) == sorted(set(tokens(meant)[0]))


def test_the_abbreviations_used_are_said():
    assert tokens("Bev. u. 65 J.")[1] == ["„u.“ = unter", "„J.“ = Jahre", "„Bev.“ = Bevölkerung"]
    assert tokens("Haushalte mit 3+ Kindern")[1] == ["„N+“ = ab N"]


@pytest.mark.parametrize("header,role,indicator", [
    ("Leistungsberechtigte SGB II (u. 65 J.) | Anzahl", "zaehler", "sgb2"),
    ("Leistungsberechtigte SGB II (u. 65 J.) | Bev. u. 65 J.", "nenner", "sgb2"),
    ("Kinder u. 15 J. in SGB-II-BG", "zaehler", "kinderarmut"),
    ("Bev. u. 15 J.", "nenner", "kinderarmut"),
    ("Haushalte mit 3+ Kindern", "zaehler", "kinderreiche"),
    ("HH mit Kindern", "zaehler", "haushalte_kinder"),
    ("Einwohner insg.", "einwohner", None),
    ("Empfänger", "zaehler", "altersarmut"),
    ("Arbeitslose 15-24 J.", "zaehler", "jugendarbeitslosigkeit"),
    ("Nichtdeutsche | Anteil in %", "anteil", "nichtdeutsche"),
    ("SGB-II-Quote", "anteil", "sgb2"),
    ("Zuzüge je 100 EW", "anteil", "zuzuege"),
    ("Haushalte insg.", "nenner", "einpersonenhaushalte|haushalte_kinder|wohngeld"),  # one group, three indicators
])
def test_each_office_header_is_proposed_for_its_slot_first(header, role, indicator):
    f = cols.Field(header, header, tuple(header.split(" | ")), ("B",), {})
    proposals = cols.propose(f, _vocab(), False)
    top = max(p.score for p in proposals)
    best = {(p.slot.role, p.slot.indicator) for p in proposals if p.score >= top - cols.TIE}
    expected = {(role, k) for k in indicator.split("|")} if indicator else {(role, None)}
    vocab = _vocab()
    first = cols.Slot(*next(iter(expected)))
    assert expected <= best  # ties only with slots indikatoren.csv defines as the same group
    assert all(cols.Slot(*b) == first or vocab.same_group(cols.Slot(*b), first) for b in best)
    assert top >= cols.THRESHOLD


def test_an_age_in_the_header_rules_out_texts_of_another_age():
    f = cols.Field("Bev. u. 15 J.", "Bev. u. 15 J.", ("Bev. u. 15 J.",), ("B",), {})
    slots = {p.slot for p in cols.propose(f, _vocab(), False)}
    assert cols.Slot("nenner", "kinderarmut") in slots and cols.Slot("nenner", "sgb2") not in slots


# -- rows to areas ---------------------------------------------------------------------------------------

AREAS = [{"quartier_id": "q01", "kennung": "STGT01", "name": "01 Altstadt", "stadtbezirk": "Mitte"},
         {"quartier_id": "westliche-hoehe", "kennung": "STGT02", "name": "Westliche Höhe", "stadtbezirk": "Mitte"},
         {"quartier_id": "st-peter", "kennung": "STGT03", "name": "Sankt Peter", "stadtbezirk": "Nord"},
         {"quartier_id": "holten-nord", "kennung": "STGT04", "name": "Holten (Nord)", "stadtbezirk": "Nord"},
         {"quartier_id": "holten-sued", "kennung": "STGT05", "name": "Holten (Süd)", "stadtbezirk": "Nord"}]


@pytest.mark.parametrize("written,qid,rule", [
    ("01 Altstadt", "q01", ""),
    ("Altstadt", "q01", "ohne die Kennziffer, die quartiere.csv dem Namen voranstellt"),
    ("Westliche_Höhe", "westliche-hoehe", "Unterstrich als Leerzeichen"),
    ("Westliche Hoehe", "westliche-hoehe", "Umlaut als ae/oe/ue"),
    ("WESTLICHE-HÖHE", "westliche-hoehe", "Bindestrich oder Leerzeichen, Groß-/Kleinschreibung"),
    ("St. Peter", "st-peter", "Groß-/Kleinschreibung, „St.“ als Sankt"),
    ("2", "westliche-hoehe", "Kennziffer ohne Präfix"),
    ("STGT 2", "westliche-hoehe", "Kennziffer in anderer Schreibweise"),
    ("02 Westliche Höhe", "westliche-hoehe", "Kennziffer vorangestellt"),
    ("Westliche Höhe (Mitte)", "westliche-hoehe", "Zusatz in Klammern weggelassen"),
])
def test_each_spelling_rule_matches_and_names_itself(written, qid, rule):
    m = Areas(AREAS).match(written)
    assert (m.qid, m.rule) == (qid, rule)


def test_two_areas_under_one_rule_are_ambiguous_never_a_guess():
    m = Areas(AREAS).match("Holten")
    assert m.qid is None and m.ambiguous and m.candidates == ("holten-nord", "holten-sued")
    m = Areas(AREAS).match("01 Westliche Höhe")  # the code says Altstadt, the name Westliche Höhe
    assert m.qid is None and m.ambiguous


def test_a_negative_number_is_no_code():
    assert Areas(AREAS).match("-2").qid is None


def test_spelling_rules_name_only_what_was_needed():
    assert spelling_rule("Osterfeld Mitte / Vondern", "Osterfeld-Mitte/Vondern") == \
        "Schrägstrich mit oder ohne Leerzeichen, Bindestrich oder Leerzeichen"
    assert spelling_rule("Grosse Strasse", "Große Straße") == "ß als ss"
    assert spelling_rule("Altstadt", "Neustadt") is None


@pytest.mark.parametrize("row,why", [("Stadt insgesamt", "Summenzeile"), ("Summe Nord", "Zwischensumme „Nord“"),
                                     ("Mitte zusammen", "Zwischensumme „Mitte“"), ("Bezirk Nord", "Zwischensumme „Nord“"),
                                     ("Musterstadt", "Summe der Stadt")])
def test_totals_and_district_rows_are_named(row, why):
    assert Areas(AREAS).aggregate(row, "Musterstadt").startswith(why)


# -- the assignment ------------------------------------------------------------------------------------

def _field(header, letter, values):
    return cols.Field(header, header, tuple(header.split(" | ")), (letter,), {(i, 2022): v for i, v in enumerate(values)})


def test_one_slot_never_gets_two_columns():
    """The old defect: „SGB II | Anzahl“ and „Kinder … SGB-II-BG“ both the numerator of sgb2."""
    a = _field("SGB II | Anzahl", "B", [v[1] for v in DATA.values()])
    b = _field("Kinder u. 15 J. in SGB-II-BG", "C", [v[3] for v in DATA.values()])
    n = _field("SGB II | Bev. u. 65 J.", "D", [v[2] for v in DATA.values()])
    out = cols.assign([a, b, n], {id(f): {2022} for f in (a, b, n)}, _vocab(), ImportMapping())
    slots = [p.slot for ps in out.placed.values() for p in ps]
    assert len(slots) == len(set(slots))
    assert out.placed[id(a)][0].slot == cols.Slot("zaehler", "sgb2")
    assert out.placed[id(b)][0].slot == cols.Slot("zaehler", "kinderarmut")


def test_the_data_choose_between_columns_the_words_cannot_tell_apart():
    """Two columns both headed only by the indicator's reference group and a count word: the one never above
    the numerator is the reference group."""
    z = _field("SGB II | Anzahl", "B", [v[1] for v in DATA.values()])
    small = _field("SGB II | Bev. u. 65 J. (Anzahl)", "C", [v[1] // 2 for v in DATA.values()])
    right = _field("SGB II | Bev. u. 65 J. (Anzahl) ", "D", [v[2] for v in DATA.values()])
    out = cols.assign([z, small, right], {id(f): {2022} for f in (z, small, right)}, _vocab(), ImportMapping())
    assert out.placed[id(right)][0].slot == cols.Slot("nenner", "sgb2")
    assert id(small) not in out.placed


def test_import_yaml_decides_before_any_proposal():
    f = _field("Merkwürdige Spalte", "B", [v[0] for v in DATA.values()])
    mapping = ImportMapping(spalten={"Merkwürdige Spalte": ColumnRole(rolle="einwohner")})
    out = cols.assign([f], {id(f): {2022}}, _vocab(), mapping)
    assert out.placed[id(f)][0].slot == cols.Slot("einwohner") and out.placed[id(f)][0].source == "import.yaml"


def test_the_mapping_line_is_a_whole_import_yaml_by_itself():
    import yaml

    f = _field("Bev. u. 65 J.", "C", [])
    line = cols.mapping_line(f, cols.Slot("nenner", "sgb2"))
    assert line == 'spalten: {"Bev. u. 65 J.": {rolle: nenner, indikator: sgb2}}'
    assert ImportMapping(**yaml.safe_load(line)).spalten["Bev. u. 65 J."] == ColumnRole(rolle="nenner", indikator="sgb2")


# -- shapes the README promises ------------------------------------------------------------------------

def test_two_tables_on_one_sheet_are_both_read(city, tmp_path):  # noqa: F811
    from generator.onboard.importer import import_workbook

    rows = [["Tabelle 1: SGB II 2022"], ["Quartier", "Anzahl", "Bezugsgröße"]]
    rows += [[NAMES[q], v[1], v[2]] for q, v in DATA.items()]
    rows += [["Quelle: Bundesagentur für Arbeit"], [], ["Tabelle 2: Kinderarmut 2022"], ["Quartier", "Anzahl", "Bezugsgröße"]]
    rows += [[NAMES[q], v[3], v[4]] for q, v in DATA.items()]
    import_workbook(_book(tmp_path / "tabellen.xlsx", {"Tabellen": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _counts(city, "kinderarmut") == {q: (v[3], v[4]) for q, v in DATA.items()}


def test_a_group_header_written_once_over_its_columns_is_carried_right(city, tmp_path):  # noqa: F811
    """„SGB II“ in B1 only (not merged) over „Anzahl | Bezugsgröße | Anteil in %“."""
    from generator.onboard.importer import import_workbook

    rows = [["Quartier", "SGB II", None, None, "Einwohner insgesamt"], [None, "Anzahl", "Bezugsgröße", "Anteil in %", None]]
    rows += [[NAMES[q], v[1], v[2], round(100 * v[1] / v[2], 1), v[0]] for q, v in DATA.items()]
    report = import_workbook(_book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}), city)
    assert _counts(city, "sgb2") == {q: (v[1], v[2]) for q, v in DATA.items()}
    assert _residents(city) == {(q, "2022"): str(v[0]) for q, v in DATA.items()}
    assert {p.header: p.role.rolle for p in report.placed}["SGB II | Anteil in %"] == "anteil"


def test_shares_written_as_fractions_are_read_as_percent_when_every_row_agrees(city, tmp_path):  # noqa: F811
    from generator.onboard.importer import import_workbook

    rows = [["Quartier", "SGB II | Anzahl", "SGB II | Bezugsgröße", "SGB II | Anteil"]]
    rows += [[NAMES[q], v[1], v[2], round(v[1] / v[2], 4)] for q, v in DATA.items()]
    report = import_workbook(_book(tmp_path / "sgb2-2022.xlsx", {"2022": rows}), city, dry_run=True)
    assert any("als Bruch" in n for n in report.remarks)
    rows[1][3] = 0.9  # one row no longer agrees: no scaling, and a located problem
    from generator.errors import InputError

    with pytest.raises(InputError) as err:
        import_workbook(_book(tmp_path / "sgb2-2022b.xlsx", {"2022": rows}), city, dry_run=True)
    assert {p.code for p in err.value.problems} == {"import-share-mismatch"}
    assert ORDER  # the quarters the rows were written for
