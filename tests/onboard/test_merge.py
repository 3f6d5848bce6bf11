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
