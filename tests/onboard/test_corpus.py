"""The hand-over corpus (tests/onboard/corpus/): every case through the real command line.

Each case is a folder with what an office hands over (workbooks, CSV exports, area files), the city
folder it goes into and the values that must come out, made without the importer (real published
tables transcribed by hand, or written by tests/onboard/corpus/make/, which imports nothing from
`generator`). Format: tests/onboard/corpus/README.md.

Per case: `sozialbericht init` (if the case has an area file) and `sozialbericht import` run as a
user runs them, in a subprocess, on a copy, with no hand-written import.yaml. Then:
- exit 0 cases: werte.csv and einwohner.csv hold exactly the expected rows (every expected row with
  equal values, no other row) – a run that imports less than the table holds fails – and importing the
  same files a second time changes no byte;
- exit 2 cases: the printed problems name the cells/columns and texts of the case, and werte.csv and
  einwohner.csv are unchanged byte for byte.
The files written are read back by the small reader below (any delimiter, BOM, decimal comma), not by
the generator's own reader, so a file only the generator could read does not pass.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
CITY = "musterstadt"
SHARE_TOLERANCE = 1e-6
PUBLISHED_ROUNDING = 0.05 + 1e-9  # a share printed with one decimal next to the counts it comes from
RESULT_FILES = ("werte.csv", "einwohner.csv")
BBOX_TOLERANCE = 0.001  # degrees (about 100 m): GDAL's and pyproj's reprojection agree far closer


def run(*args: str) -> tuple[int, str]:
    """The command line as a user types it; exit code and everything printed."""
    proc = subprocess.run([sys.executable, "-m", "generator.cli", *args], check=False, cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=900)
    return proc.returncode, proc.stdout + proc.stderr


# ---------------------------------------------------------------- an independent reader of the results

def read_rows(path: Path) -> tuple[str, list[dict[str, str]]]:
    """(delimiter, rows) of a CSV file however it was saved: UTF-8 with or without BOM or Windows-1252,
    comma or semicolon."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [{(k or "").strip(): (v or "").strip() for k, v in r.items()}
            for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return delimiter, rows


def number(text: str, delimiter: str) -> float | None:
    t = (text or "").strip()
    if not t:
        return None
    if delimiter == ";" and "," in t:
        t = t.replace(".", "").replace(",", ".")
    return float(t)


def year(text: str) -> str:
    return str(int(float(text)))


def code(text: str) -> str:
    """A numeric code written as a float by some tool ("101.0") is the code "101"."""
    t = text.strip()
    return t[:-2] if re.fullmatch(r"\d+\.0", t) else t


# ---------------------------------------------------------------- comparison

def compare(actual_path: Path, expected_path: Path, key_columns: list[str], ids: dict[str, str] | None) -> list[str]:
    """Everything that differs between the written file and the expected one, as readable lines."""
    _d, expected_rows = read_rows(expected_path)
    first = key_columns[0]
    if ids is not None and expected_rows and "kennung" in expected_rows[0]:
        missing_codes = {code(r["kennung"]) for r in expected_rows} - set(ids)
        if missing_codes:
            return [f"quartiere.csv hat keine Kennung {sorted(missing_codes)[:5]}"]
        for r in expected_rows:
            r[first] = ids[code(r.pop("kennung"))]
    want = {tuple(r[c] if c != "jahr" else year(r[c]) for c in key_columns): r for r in expected_rows}
    if not actual_path.exists():
        return [f"{actual_path.name} wurde nicht geschrieben ({len(want)} Zeilen erwartet)"]
    delimiter, actual_rows = read_rows(actual_path)
    problems = []
    got: dict[tuple[str, ...], dict[str, str]] = {}
    unreadable, twice = [], []
    for i, r in enumerate(actual_rows, start=2):
        try:
            k = tuple(r.get(c, "") if c != "jahr" else year(r.get(c, "")) for c in key_columns)
        except ValueError:
            unreadable.append(f"Zeile {i}: {r}")
            continue
        if k in got:
            twice.append(f"Zeile {i}: {k}")
        got[k] = r
    if unreadable:
        problems.append(f"{len(unreadable)} Zeilen ohne lesbares Jahr (Kopf: {list(actual_rows[0]) if actual_rows else []}), "
                        f"z. B. {unreadable[:2]}")
    if twice:
        problems.append(f"{len(twice)} Zeilen doppelt, z. B. {twice[:3]}")
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    if missing:
        problems.append(f"{len(missing)} von {len(want)} erwarteten Zeilen fehlen, z. B. {missing[:3]}")
    if extra:
        problems.append(f"{len(extra)} Zeilen, die die Tabelle nicht hat, z. B. {extra[:3]} {[got[k] for k in extra[:1]]}")
    wrong = []
    for k in want.keys() & got.keys():
        wrong += [f"{k} {w}" for w in _differences(want[k], got[k], delimiter)]
    if wrong:
        problems.append(f"{len(wrong)} falsche Werte, z. B. {wrong[:5]}")
    return problems


def _differences(want: dict[str, str], got: dict[str, str], delimiter: str) -> list[str]:
    out = []
    for column in ("zaehler", "nenner", "einwohner"):
        if column not in want:
            continue
        w = number(want[column], ",")
        try:
            g = number(got.get(column, ""), delimiter)
        except ValueError:
            out.append(f"{column}: „{got.get(column)}“ ist keine Zahl")
            continue
        if (w is None) != (g is None) or (w is not None and (not float(g).is_integer() or int(g) != int(w))):
            out.append(f"{column}: {got.get(column)!r} statt {want[column]!r}")
    if "angabe" in want and want["angabe"] != got.get("angabe", ""):
        out.append(f"angabe: {got.get('angabe')!r} statt {want['angabe']!r}")
    if "anteil" in want:
        w = number(want["anteil"], ",")
        try:
            g = number(got.get("anteil", ""), delimiter)
        except ValueError:
            return out + [f"anteil: „{got.get('anteil')}“ ist keine Zahl"]
        if w is not None:
            if g is None or not math.isclose(g, w, abs_tol=SHARE_TOLERANCE):
                out.append(f"anteil: {got.get('anteil')!r} statt {want['anteil']!r}")
        elif g is not None:
            z, n = number(want.get("zaehler", ""), ","), number(want.get("nenner", ""), ",")
            if z is None or not n or abs(g - 100 * z / n) > PUBLISHED_ROUNDING:
                out.append(f"anteil: {got.get('anteil')!r}, erwartet leer (keine Anteilsangabe)")
    return out


# ---------------------------------------------------------------- the test

def _copy_inputs(case: Path, tmp: Path) -> Path:
    inbox = tmp / "eingang"
    shutil.copytree(case / "input", inbox)
    return inbox


def _bbox(geojson: dict) -> list[float]:
    xs, ys = [], []

    def walk(c) -> None:
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    return [min(xs), min(ys), max(xs), max(ys)]


def _ids(city_dir: Path) -> dict[str, str]:
    _d, rows = read_rows(city_dir / "quartiere.csv")
    return {code(r["kennung"]): r["quartier_id"] for r in rows if r.get("kennung")}


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    assert spec.get("beschreibung") and spec.get("quelle") and spec.get("lizenz"), "case.yaml ohne Beschreibung/Quelle/Lizenz"
    assert not [p for p in case.rglob("*") if p.name == "import.yaml"], "der Fall enthält eine handgeschriebene import.yaml"
    expect = spec["expect"]
    data = tmp_path / "data"
    city_dir = data / CITY
    inbox = _copy_inputs(case, tmp_path)
    ids = None
    if "init" in spec:
        init = spec["init"]
        area_file = inbox / Path(init["areas"]).relative_to("input")
        rc, out = run("init", CITY, "--areas", str(area_file), "--data-dir", str(data), *init.get("args", []))
        assert rc == 0, f"init: Exit {rc}\n{out}"
        _d, quarters = read_rows(city_dir / "quartiere.csv")
        want = init.get("expect", {})
        if "areas" in want:
            assert len(quarters) == want["areas"], f"init: {len(quarters)} Gebiete statt {want['areas']}\n{out}"
        codes = {code(q.get("kennung", "")) for q in quarters}
        assert set(want.get("kennung", [])) <= codes, f"init: Kennungen {sorted(codes)[:8]} ohne {want.get('kennung')}"
        if "bbox" in want:  # the areas where they are: the coordinate system read from the file, reprojected
            got_box = _bbox(json.loads((city_dir / "quartiere.geojson").read_text(encoding="utf-8")))
            assert all(abs(g - w) <= BBOX_TOLERANCE for g, w in zip(got_box, want["bbox"])), \
                f"init: Flächen in {got_box} statt {want['bbox']} (WGS84) – Koordinatensystem falsch gelesen?"
        ids = _ids(city_dir)
        if (case / "city").is_dir():  # what the office adapts after init (e.g. its own indikatoren.csv)
            for f in (case / "city").rglob("*"):
                if f.is_file():
                    target = city_dir / f.relative_to(case / "city")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(f, target)
    else:
        shutil.copytree(case / spec.get("city", "city"), city_dir)
    before = {name: (city_dir / name).read_bytes() if (city_dir / name).exists() else None for name in RESULT_FILES}

    imp = spec["import"]
    files = [str(inbox / Path(f).relative_to("input")) for f in imp["files"]]
    rc, out = run("import", *files, "--city", CITY, "--data-dir", str(data), *imp.get("args", []))
    assert rc == expect["exit"], f"import: Exit {rc} statt {expect['exit']}\n{out[-4000:]}"

    if expect["exit"] == 0:
        problems = []
        if "werte" in expect:
            problems += [f"werte.csv: {p}" for p in compare(city_dir / "werte.csv", case / expect["werte"],
                                                             ["quartier_id", "indikator_id", "jahr"], ids)]
        if "einwohner" in expect:
            problems += [f"einwohner.csv: {p}" for p in compare(city_dir / "einwohner.csv", case / expect["einwohner"],
                                                                 ["quartier_id", "jahr"], ids)]
        assert not problems, "\n".join(problems) + f"\n--- Ausgabe von import ---\n{out[-3000:]}"
        # The same hand-over once more (now with the import.yaml the first run saved) changes no byte.
        written = {name: (city_dir / name).read_bytes() for name in RESULT_FILES if (city_dir / name).exists()}
        rc, again = run("import", *files, "--city", CITY, "--data-dir", str(data), *imp.get("args", []))
        assert rc == 0, f"zweiter Import: Exit {rc}\n{again[-3000:]}"
        assert {name: (city_dir / name).read_bytes() for name in written} == written, \
            f"der zweite Import derselben Dateien hat werte.csv/einwohner.csv verändert\n{again[-3000:]}"
    else:
        for text in expect.get("mentions", []):
            assert text in out, f"die Meldung nennt „{text}“ nicht\n{out[-4000:]}"
        if expect.get("mapping_hint"):
            assert "import.yaml" in out, f"keine Zeile für import.yaml genannt\n{out[-4000:]}"
        if expect.get("writes_nothing"):
            after = {name: (city_dir / name).read_bytes() if (city_dir / name).exists() else None for name in RESULT_FILES}
            assert after == before, "werte.csv/einwohner.csv wurden trotz Exit 2 verändert"


def test_the_corpus_has_real_tables_and_every_shape() -> None:
    """At least twelve hand-overs, at least two of them real published tables with source and licence."""
    real = [c for c in CASES if c.name.startswith("real-")]
    assert len(CASES) >= 12 and len(real) >= 2
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for c in CASES:
        assert f"`{c.name}`" in readme, f"{c.name} fehlt in der Tabelle der README"
    for c in real:
        spec = yaml.safe_load((c / "case.yaml").read_text(encoding="utf-8"))
        assert "http" in spec["quelle"] and ("dl-de" in spec["lizenz"] or "CC" in spec["lizenz"])
    suffixes = {p.suffix.lower() for c in CASES for p in (c / "input").iterdir()}
    assert {".xlsx", ".xls", ".ods", ".csv", ".zip", ".gpkg"} <= suffixes


def test_the_comparison_catches_a_missing_row_a_wrong_value_and_reads_excel_files(tmp_path: Path) -> None:
    """The oracle itself: a file with one row fewer or one value changed fails; the same rows saved by
    German Excel (BOM, semicolon, decimal comma, CRLF) pass."""
    expected = CORPUS / "existing-files-saved-by-excel" / "expected" / "werte.csv"
    keys = ["quartier_id", "indikator_id", "jahr"]
    lines = expected.read_text(encoding="utf-8").splitlines(keepends=True)
    same = tmp_path / "same.csv"
    same.write_text("".join(lines), encoding="utf-8")
    assert compare(same, expected, keys, None) == []
    fewer = tmp_path / "fewer.csv"
    fewer.write_text("".join(lines[:-1]), encoding="utf-8")
    assert any("fehlen" in p for p in compare(fewer, expected, keys, None))
    changed = tmp_path / "changed.csv"
    row = lines[1].split(",")
    row[3] = str(int(row[3]) + 1)
    changed.write_text("".join([lines[0], ",".join(row)] + lines[2:]), encoding="utf-8")
    assert any("falsche Werte" in p for p in compare(changed, expected, keys, None))
    excel = tmp_path / "excel.csv"
    text = "".join(lines).replace(",", ";")
    text = re.sub(r";(\d+)\.(\d);", r";\1,\2;", text).replace("\n", "\r\n")
    excel.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert ",2;" in text or re.search(r";\d+,\d;", text)
    assert compare(excel, expected, keys, None) == []
