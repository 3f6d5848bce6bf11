"""Nothing is lost in the merge: werte.csv / einwohner.csv in any dialect `validate` accepts keep every
earlier row, value for value, when an import adds to them.

The existing files are written with Python's csv module in the dialects offices save (German Excel:
BOM, `;`, decimal comma, thousands points, CRLF; Windows-1252; Excel „Unicode-Text“ = UTF-16 + tab),
never with the project's writer, and read back with the project's reader and, independently, with pandas.
"""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import paths
from generator.cli import main
from generator.datasets.office_workbook import write_areas, write_workbook
from generator.errors import InputError
from generator.inputs.tabular import read_csv
from generator.inputs.validate import validate_city
from generator.onboard.importer import import_workbook
from generator.onboard.init import init_city
from generator.onboard.merge import commit, merge

OBERHAUSEN = paths.city_dir("oberhausen")
VALUE_COLUMNS = ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "angabe"]
KEYS = ("quartier_id", "indikator_id", "jahr")


# --- the incident from issue 20 --------------------------------------------------------------------

@pytest.fixture()
def city_with_history(tmp_path):
    """A city whose office imported 2012–2021, then saved both files with German Excel."""
    inbox = tmp_path / "eingang"
    old = write_workbook(OBERHAUSEN, inbox / "alt", range(2012, 2022))
    new = write_workbook(OBERHAUSEN, inbox / "neu", range(2022, 2023))
    report = init_city("neustadt", write_areas(OBERHAUSEN, inbox), data_dir=tmp_path / "data", id_field="SQ_NR",
                       name_field="SQ_NAME", district_field="STADTBEZIRK", edition=2022)
    for f in (report.directory / paths.EDITIONS).glob("*.yaml"):
        f.unlink()
    for f in (OBERHAUSEN / paths.EDITIONS).glob("*.yaml"):
        shutil.copy(f, report.directory / paths.EDITIONS / f.name)
    import_workbook(old, report.directory)
    return report.directory, new


def _as_german_excel(path):
    """What German Excel's „CSV UTF-8 (durch Trennzeichen getrennt)“ writes: BOM, `;`, decimal comma, CRLF."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(rows[0])
    for r in rows[1:]:
        w.writerow([c.replace(".", ",") for c in r])
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def _read_back(path) -> tuple[list[str], dict[tuple, dict]]:
    problems: list = []
    table = read_csv(path, problems, [])
    assert table is not None, problems
    from generator.onboard.merge import _value
    rows = {}
    for rec in table.records[1:]:
        r = dict(zip(table.header, rec))
        rows[tuple(r[k] for k in KEYS if k in r)] = {c: _value(r.get(c, ""), c, table.decimal) for c in table.header}
    return table.header, rows


def test_german_excel_files_with_bom_and_semicolons_survive_the_next_import(city_with_history, capsys):
    """Issue 20's incident: before, the merge wrote a mixed header and rows without ids, and said nothing changed."""
    city, new = city_with_history
    for name in (paths.VALUES, paths.RESIDENTS):
        _as_german_excel(city / name)
    with pytest.raises(InputError) as err:  # validate reads the German Excel files; only 2022 is still missing
        validate_city(city)
    assert set(err.value.codes) == {"edition-values-missing", "edition-residents-missing"}
    header_before, before = _read_back(city / paths.VALUES)
    _, people_before = _read_back(city / paths.RESIDENTS)
    assert len(before) == 7 * 27 * 10 and len(people_before) == 27 * 10

    assert main(["import", str(new), "--city", city.name, "--data-dir", str(city.parent)]) == 0
    out = capsys.readouterr()
    assert "Nichts wurde verändert" not in out.out + out.err
    assert "werte.csv: 189 Zeilen neu" in out.out and "alle 1890 bisherigen Zeilen bleiben" in out.out

    header_after, after = _read_back(city / paths.VALUES)
    assert header_after == header_before  # one header, the file's own
    assert all(after[k] == v for k, v in before.items())  # every earlier row, value for value
    assert {k for k in after if k[2] == "2022"} and len(after) == len(before) + 7 * 27
    assert all(all(k) for k in after)  # no row without its ids
    raw = (city / paths.VALUES).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b";" in raw  # still German Excel's dialect
    _, people_after = _read_back(city / paths.RESIDENTS)
    assert all(people_after[k] == v for k, v in people_before.items()) and len(people_after) == 27 * 11
    validate_city(city)


def test_a_semicolon_indicator_list_from_german_excel_imports(city_with_history):
    """`import` with a `;`-separated indikatoren.csv (Windows-1252) crashed with KeyError."""
    city, new = city_with_history
    text = (city / paths.INDICATORS).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    (city / paths.INDICATORS).write_bytes(out.getvalue().encode("cp1252"))
    report = import_workbook(new, city)
    assert report.values.added == 7 * 27


def test_a_header_without_ids_is_refused_and_nothing_is_written(city_with_history):
    city, new = city_with_history
    path = city / paths.VALUES
    path.write_text(path.read_text(encoding="utf-8").replace("quartier_id", "gebiet", 1), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InputError) as err:
        import_workbook(new, city)
    assert err.value.codes == ["merge-header"] and err.value.problems[0].file == paths.VALUES
    assert path.read_bytes() == before


def test_a_row_wider_than_its_header_is_refused_not_cut(tmp_path):
    path = tmp_path / "werte.csv"
    path.write_text("quartier_id,indikator_id,jahr,anteil\na,sgb2,2020,15,6\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        merge(path, VALUE_COLUMNS, KEYS, {("b", "sgb2", "2020"): {"anteil": "12.5"}}, lambda k: k)
    assert err.value.codes == ["merge-row-width"] and err.value.problems[0].row == 2


def test_an_unreadable_existing_file_is_refused_before_anything_is_written(city_with_history):
    city, new = city_with_history
    (city / paths.RESIDENTS).write_bytes((city / paths.RESIDENTS).read_bytes() + "x,2030,1\x81\n".encode("latin-1"))
    before = {n: (city / n).read_bytes() for n in (paths.VALUES, paths.RESIDENTS)}
    with pytest.raises(InputError) as err:
        import_workbook(new, city)
    assert err.value.codes == ["encoding-undecidable"]
    assert {n: (city / n).read_bytes() for n in before} == before  # werte.csv not written either


def test_a_failed_check_leaves_the_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    m = merge(path, ["quartier_id", "jahr", "einwohner"], ("quartier_id", "jahr"),
              {("b", "2020"): {"einwohner": "7"}}, lambda k: k)
    m.expect[("a", "2020")]["einwohner"] = 6.0  # the check must now find a difference
    with pytest.raises(InputError) as err:
        commit(tmp_path, [("einwohner.csv", m)])
    assert err.value.codes == ["merge-check"]
    assert path.read_text(encoding="utf-8") == "quartier_id,jahr,einwohner\na,2020,5\n"
    assert [p.name for p in tmp_path.iterdir()] == ["einwohner.csv"]


# --- the property: dialect × encoding × BOM × decimal mark × line ending ---------------------------

QUARTERS = ["innenstadt", "styrum", "bermensfeld", "lirich-nord", "alstaden"]
INDICATORS = ["sgb2", "kinderarmut", "altersarmut"]
YEARS = [str(y) for y in range(2016, 2023)]
# (encoding, delimiter, decimal mark) as offices save them; a comma file always writes decimal points
DIALECTS = [("utf-8", ",", "."), ("utf-8-sig", ",", "."), ("utf-8-sig", ";", ","), ("cp1252", ";", ","),
            ("utf-8", ";", "."), ("utf-16", "\t", ","), ("utf-8", "\t", "."), ("utf-8", "|", "."),
            ("cp1252", "|", ",")]


@st.composite
def value_rows(draw, keys):
    rows = {}
    for k in keys:
        kind = draw(st.sampled_from(["counts", "share", "marker", "counts+share"]))
        z = draw(st.integers(0, 4000))
        n = draw(st.integers(max(z, 1), 40000))
        row = {"zaehler": "", "nenner": "", "anteil": "", "angabe": ""}
        if "counts" in kind:
            row["zaehler"], row["nenner"] = str(z), str(n)
        if "share" in kind:
            row["anteil"] = f"{100 * z / n:.2f}"
        if kind == "marker":
            row["angabe"] = draw(st.sampled_from(["geheim", "fehlt"]))
        rows[k] = row
    return rows


def _write_existing(path, header, rows, encoding, delimiter, decimal, ending, thousands):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=ending)
    w.writerow(header)
    for k, r in rows.items():
        cells = dict(zip(KEYS, k)) | r
        line = []
        for c in header:
            v = cells.get(c, "")
            if c in ("zaehler", "nenner") and v and thousands and decimal == ",":
                v = f"{int(v):,}".replace(",", ".")
            elif c == "anteil" and v and decimal == ",":
                v = v.replace(".", ",")
            line.append(v)
        w.writerow(line)
    path.write_bytes(out.getvalue().encode(encoding))


def _pandas(path, encoding, delimiter, decimal, thousands, columns=None) -> dict[tuple, dict]:
    """An independent reader: pandas told the dialect."""
    frame = pd.read_csv(path, sep=delimiter, decimal=decimal, encoding=encoding, usecols=columns,
                        dtype={"quartier_id": str, "indikator_id": str, "jahr": str, "angabe": str},
                        thousands="." if thousands and decimal == "," else None, keep_default_na=False,
                        na_values={"zaehler": [""], "nenner": [""], "anteil": [""]})
    out = {}
    for r in frame.to_dict("records"):
        out[(r["quartier_id"], r["indikator_id"], r["jahr"])] = {
            c: (None if pd.isna(r.get(c)) else float(r[c])) if c in ("zaehler", "nenner", "anteil")
            else (r.get(c) or "") for c in frame.columns if c not in KEYS}
    return out


ALL_KEYS = [(q, k, y) for q in QUARTERS for k in INDICATORS for y in YEARS]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(dialect=st.sampled_from(DIALECTS), ending=st.sampled_from(["\n", "\r\n"]), thousands=st.booleans(),
       header=st.permutations(VALUE_COLUMNS[3:]).flatmap(lambda p: st.integers(1, 4).map(lambda n: list(p[:n]))),
       old_keys=st.lists(st.sampled_from(ALL_KEYS), min_size=1, max_size=30, unique=True),
       new_keys=st.lists(st.sampled_from(ALL_KEYS), min_size=1, max_size=30, unique=True), data=st.data())
def test_every_earlier_row_survives_a_merge_in_any_dialect(tmp_path_factory, dialect, ending, thousands, header,
                                                           old_keys, new_keys, data):
    encoding, delimiter, decimal = dialect
    folder = tmp_path_factory.mktemp("merge")
    path = folder / paths.VALUES
    old = data.draw(value_rows(old_keys))
    columns = list(KEYS) + list(header)
    old = {k: {c: v for c, v in r.items() if c in columns} for k, r in old.items()}
    _write_existing(path, columns, old, encoding, delimiter, decimal, ending, thousands)
    _, as_read = _read_back(path)
    independent = _pandas(path, encoding, delimiter, decimal, thousands)
    # the precondition: the project's reader and pandas read the office's file alike
    assert {k: {c: v if v != "" else None for c, v in r.items() if c not in KEYS} for k, r in as_read.items()} == {
        k: {c: (v if v != "" else None) for c, v in r.items()} for k, r in independent.items()}

    fresh = data.draw(value_rows([k for k in new_keys if k not in old]))
    same = {k: {c: "" for c in ("zaehler", "nenner", "anteil", "angabe")} | old[k] for k in new_keys if k in old}
    incoming = {**fresh, **same}
    m = merge(path, VALUE_COLUMNS, KEYS, incoming, lambda k: k)
    assert m.added == len(fresh) and not m.changed and m.unchanged == len(same)
    written = commit(folder, [(paths.VALUES, m)])
    assert written == ([paths.VALUES] if fresh else [])

    head, after = _read_back(path)
    assert head[: len(columns)] == columns and len(set(head)) == len(head)
    for k, v in as_read.items():  # every earlier row, value for value (the project's reader) …
        assert {c: x for c, x in after[k].items() if c in v} == v
    for k, r in fresh.items():  # … and every new one
        assert {c: after[k].get(c, "") for c in r if r[c]} == {c: float(x) if c != "angabe" else x
                                                               for c, x in r.items() if x}
    assert len(after) == len(old) + len(fresh)
    raw = path.read_bytes()
    bom = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe"}.get(encoding)
    assert raw.startswith(bom) if bom else not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe"))
    if fresh:
        assert (b"\r\n" in raw) == (ending == "\r\n") or encoding == "utf-16"
    again = _pandas(path, encoding, delimiter, decimal, thousands, columns)  # … and pandas agrees, in the same dialect
    for k, v in independent.items():
        assert {c: x for c, x in again[k].items() if c in v} == v


# --- the merge, unit by unit (fast: no city, no workbook) ------------------------------------------

RESIDENT_COLUMNS = ["quartier_id", "jahr", "einwohner"]


def _merge(path, rows, order=RESIDENT_COLUMNS, keys=("quartier_id", "jahr")):
    return merge(path, order, keys, rows, lambda k: k)


@pytest.mark.parametrize("value, text", [(None, ""), (float("nan"), ""), (3, "3"), (3.0, "3"), (-3.0, "-3"),
                                         (12.5, "12.5"), (12.50, "12.5"), (0.1234567, "0.123457"), (-3.25, "-3.25"),
                                         (1e15, "1000000000000000"), (2.5e15, "2500000000000000")])
def test_numbers_are_written_plainly_without_trailing_zeros(value, text):
    from generator.onboard.merge import number_text
    assert number_text(value) == text


def test_a_new_file_is_written_in_the_projects_dialect_with_only_the_columns_it_needs(tmp_path):
    m = _merge(tmp_path / "einwohner.csv", {("b", "2021"): {"einwohner": "7"}, ("a", "2021"): {"einwohner": "1234"}})
    assert m.text == "quartier_id,jahr,einwohner\na,2021,1234\nb,2021,7\n"
    assert (m.added, m.unchanged, m.kept, m.changed, m.touched) == (2, 0, 0, [], True)
    assert (m.encoding, m.delimiter, m.decimal, m.line_ending) == ("utf-8", ",", ".", "\n")
    assert m.note() == ""  # the project's own dialect needs no word


def test_an_empty_column_is_left_out_of_a_new_file(tmp_path):
    order = ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "angabe"]
    m = merge(tmp_path / "werte.csv", order, ("quartier_id", "indikator_id", "jahr"),
              {("a", "sgb2", "2021"): {"zaehler": "5", "nenner": "50", "anteil": ""}}, lambda k: k)
    assert m.header == ["quartier_id", "indikator_id", "jahr", "zaehler", "nenner"]


def test_a_german_excel_file_keeps_its_dialect_and_every_earlier_row(tmp_path):
    path = tmp_path / "werte.csv"
    path.write_bytes("quartier_id;indikator_id;jahr;anteil\r\na;sgb2;2020;15,5\r\nb;sgb2;2020;3,25\r\n"
                     .encode("utf-8-sig"))
    m = merge(path, VALUE_COLUMNS, KEYS, {("c", "sgb2", "2020"): {"anteil": "12.5"},
                                          ("a", "sgb2", "2020"): {"anteil": "15.5"}}, lambda k: k)
    assert m.text == "quartier_id;indikator_id;jahr;anteil\r\na;sgb2;2020;15,5\r\nb;sgb2;2020;3,25\r\nc;sgb2;2020;12,5\r\n"
    assert (m.added, m.unchanged, m.kept, m.changed) == (1, 1, 2, [])
    assert m.dialect() == "Semikolon, UTF-8 mit BOM, Dezimalkomma"
    assert m.note() == ("im bisherigen Format geschrieben (Semikolon, UTF-8 mit BOM, Dezimalkomma); alle 2 bisherigen "
                        "Zeilen bleiben Wert für Wert erhalten")


def test_the_dialect_names_a_decimal_point_and_an_unknown_encoding_as_it_is():
    from generator.onboard.merge import Merged
    assert Merged("", [], encoding="latin-1", delimiter="\t", decimal=".").dialect() == "Tabulator, latin-1, Dezimalpunkt"
    assert Merged("", [], encoding="utf-16", delimiter="|", decimal=",").dialect() == \
        "senkrechter Strich, UTF-16, Dezimalkomma"


def test_a_changed_value_is_reported_with_old_and_new_and_written_in_the_files_mark(tmp_path):
    path = tmp_path / "werte.csv"
    path.write_text("quartier_id;indikator_id;jahr;anteil\na;sgb2;2020;15,5\n", encoding="utf-8")
    m = merge(path, VALUE_COLUMNS, KEYS, {("a", "sgb2", "2020"): {"anteil": "16.5"}}, lambda k: k)
    assert m.changed == [(("a", "sgb2", "2020"), "anteil", "15,5", "16.5")]
    assert m.text == "quartier_id;indikator_id;jahr;anteil\na;sgb2;2020;16,5\n"
    assert (m.added, m.unchanged, m.touched) == (0, 0, True)


def test_an_unchanged_import_touches_nothing(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    m = _merge(path, {("a", "2020"): {"einwohner": "5"}})
    assert (m.added, m.unchanged, m.changed, m.touched, m.note()) == (0, 1, [], False, "")
    assert commit(tmp_path, [("einwohner.csv", m)]) == []


def test_a_text_value_is_compared_without_its_spaces_and_a_number_by_its_value(tmp_path):
    from generator.onboard.merge import _local, _value
    assert _value(" 1.234,5 ", "anteil", ",") == 1234.5 and _value("1234.5", "anteil", ".") == 1234.5
    assert _value(" Mitte ", "name", ",") == "Mitte" and _value("", "anteil", ",") == ""
    assert _value("12a", "anteil", ".") == ("?", "12a") and _value(".", "zaehler", ",") == ("?", ".")
    assert _local("12.5", "anteil", ",") == "12,5" and _local("12.5", "anteil", ".") == "12.5"
    assert _local("St. Peter", "name", ",") == "St. Peter" and _local("", "anteil", ",") == ""


def test_a_new_column_is_added_after_the_files_own_columns(tmp_path):
    path = tmp_path / "werte.csv"
    path.write_text("jahr,quartier_id,indikator_id,zaehler\n2020,a,sgb2,5\n", encoding="utf-8")
    m = merge(path, VALUE_COLUMNS, KEYS, {("b", "sgb2", "2020"): {"zaehler": "6", "nenner": "60"}}, lambda k: k)
    assert m.header == ["jahr", "quartier_id", "indikator_id", "zaehler", "nenner"]
    assert m.text == "jahr,quartier_id,indikator_id,zaehler,nenner\n2020,a,sgb2,5,\n2020,b,sgb2,6,60\n"


def test_a_header_without_a_key_column_is_refused_with_what_is_missing(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("gebiet;jahr;einwohner\na;2020;5\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _merge(path, {("b", "2020"): {"einwohner": "7"}})
    [p] = err.value.problems
    assert (p.file, p.row, p.code) == ("einwohner.csv", 1, "merge-header")
    assert p.message == ("Die vorhandene Datei hat die Kopfzeile „gebiet;jahr;einwohner“; es fehlen quartier_id. "
                         "Der Import hat nichts geschrieben, damit keine Zeile verloren geht.")
    assert p.hint == "Prüfen Sie die Datei mit „sozialbericht validate“ und korrigieren Sie die Kopfzeile."


def test_a_header_with_a_column_twice_is_refused(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner,jahr\na,2020,5,2020\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _merge(path, {("b", "2020"): {"einwohner": "7"}})
    assert "; eine Spalte kommt doppelt vor. Der Import" in err.value.problems[0].message


def test_a_wider_row_says_how_many_cells_it_has(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\nb,2020,1,5\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _merge(path, {("c", "2020"): {"einwohner": "7"}})
    [p] = err.value.problems
    assert (p.row, p.code) == (3, "merge-row-width")
    assert p.message == ("Die vorhandene Datei hat in dieser Zeile 4 Zellen, die Kopfzeile 3. Der Import hat nichts "
                         "geschrieben, damit keine Zelle verloren geht.")
    assert p.hint == ("Prüfen Sie die Datei mit „sozialbericht validate“ (oft ein Dezimalkomma in einer kommagetrennten "
                      "Datei).")


def test_empty_trailing_cells_and_short_rows_are_kept(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5,,\nb,2020\n\n", encoding="utf-8")
    m = _merge(path, {("c", "2020"): {"einwohner": "7"}})
    assert m.text == "quartier_id,jahr,einwohner\na,2020,5\nb,2020,\nc,2020,7\n" and m.kept == 2


def test_an_empty_existing_file_is_written_as_new(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("", encoding="utf-8")
    m = _merge(path, {("a", "2020"): {"einwohner": "7"}})
    assert m.text == "quartier_id,jahr,einwohner\na,2020,7\n"


def test_an_unreadable_file_is_refused_with_the_readers_problem_and_says_nothing_was_written(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_bytes(b"quartier_id,jahr,einwohner\na,2020,5\x81\xfe\n")
    readers: list = []
    assert read_csv(path, readers, []) is None and readers
    with pytest.raises(InputError) as err:
        _merge(path, {("a", "2020"): {"einwohner": "7"}})
    assert [(p.file, p.message, p.hint, p.row, p.field, p.code) for p in err.value.problems] == \
        [(p.file, p.message + " Der Import hat nichts geschrieben.", p.hint, p.row, p.field, p.code) for p in readers]


def test_commit_writes_every_touched_file_and_only_those(tmp_path):
    for name in ("einwohner.csv", "andere.csv"):
        (tmp_path / name).write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    touched = _merge(tmp_path / "einwohner.csv", {("b", "2020"): {"einwohner": "7"}})
    untouched = _merge(tmp_path / "andere.csv", {("a", "2020"): {"einwohner": "5"}})
    assert commit(tmp_path, [("einwohner.csv", touched), ("andere.csv", untouched)]) == ["einwohner.csv"]
    assert (tmp_path / "einwohner.csv").read_text(encoding="utf-8") == "quartier_id,jahr,einwohner\na,2020,5\nb,2020,7\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["andere.csv", "einwohner.csv"]


def test_a_character_windows_1252_cannot_hold_switches_the_file_to_utf8_with_bom(tmp_path):
    path = tmp_path / "quartiere.csv"
    path.write_bytes("quartier_id;name\na;Dümpten\n".encode("cp1252"))
    m = merge(path, ["quartier_id", "name"], ("quartier_id",), {("b",): {"name": "Łódź"}}, lambda k: k)
    assert m.encoding == "cp1252"
    assert commit(tmp_path, [("quartiere.csv", m)]) == ["quartiere.csv"]
    assert path.read_bytes() == "quartier_id;name\na;Dümpten\nb;Łódź\n".encode("utf-8-sig")
    assert m.encoding == "utf-8-sig"


def test_a_failed_check_names_the_first_row_that_would_come_back_otherwise(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    m = _merge(path, {("b", "2020"): {"einwohner": "7"}})
    m.expect[("a", "2020")]["einwohner"] = 6.0
    with pytest.raises(InputError) as err:
        commit(tmp_path, [("einwohner.csv", m)])
    [p] = err.value.problems
    assert p.message == "1 Zeilen kämen anders zurück, als sie geschrieben wurden (z. B. a / 2020)."
    assert p.hint == "Bitte melden Sie das mit der Datei; nichts wurde geschrieben."


def test_a_check_that_finds_another_header_or_row_count_says_so(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    m = _merge(path, {("b", "2020"): {"einwohner": "7"}})
    m.header = ["quartier_id", "jahr"]
    m.expect[("z", "2020")] = {"quartier_id": "z", "jahr": 2020.0}
    with pytest.raises(InputError) as err:
        commit(tmp_path, [("einwohner.csv", m)])
    messages = [p.message for p in err.value.problems]
    assert "Die Kopfzeile wäre „quartier_id,jahr,einwohner“ statt „quartier_id,jahr“." in messages
    assert "2 statt 3 Zeilen gelesen." in messages


def test_a_zero_that_came_out_negative_is_written_as_0():
    from generator.onboard.merge import number_text
    assert number_text(-0.0) == "0"


def test_new_rows_follow_in_the_order_of_the_sort_key(tmp_path):
    rows = {("a", "2020"): {"einwohner": "1"}, ("b", "2021"): {"einwohner": "2"}, ("c", "2019"): {"einwohner": "3"}}
    m = merge(tmp_path / "einwohner.csv", RESIDENT_COLUMNS, ("quartier_id", "jahr"), rows, lambda k: k[1])
    assert m.text == "quartier_id,jahr,einwohner\nc,2019,3\na,2020,1\nb,2021,2\n"


def test_a_blank_line_between_earlier_rows_loses_no_row_after_it(tmp_path):
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n\nb,2020,6\n", encoding="utf-8")
    m = _merge(path, {("c", "2020"): {"einwohner": "7"}})
    assert m.kept == 2 and m.text == "quartier_id,jahr,einwohner\na,2020,5\nb,2020,6\nc,2020,7\n"


def test_a_long_header_is_quoted_with_its_first_120_characters(tmp_path):
    path = tmp_path / "einwohner.csv"
    header = ";".join(["gebiet", "jahr", "einwohner"] + [f"spalte{i:03d}" for i in range(20)])
    path.write_text(header + "\n" + ";".join(["a", "2020", "5"] + [""] * 20) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        _merge(path, {("b", "2020"): {"einwohner": "7"}})
    assert err.value.problems[0].message.startswith(f"Die vorhandene Datei hat die Kopfzeile „{header[:120]}“; es fehlen")


def test_each_file_is_written_to_a_temporary_file_beside_it_and_checked_there(tmp_path, monkeypatch):
    from generator.onboard import merge as merging
    path = tmp_path / "einwohner.csv"
    path.write_text("quartier_id,jahr,einwohner\na,2020,5\n", encoding="utf-8")
    m = _merge(path, {("b", "2020"): {"einwohner": "7"}})
    seen = []
    check = merging._check
    monkeypatch.setattr(merging, "_check", lambda p, merged: seen.append(p) or check(p, merged))
    assert commit(tmp_path, [("einwohner.csv", m)]) == ["einwohner.csv"]
    [tmp] = seen
    assert tmp.parent == tmp_path and tmp.name.startswith(".einwohner.csv.") and tmp.name.endswith(".tmp")
    assert not tmp.exists()
