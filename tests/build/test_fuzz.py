"""No input produces a traceback: Hypothesis mutates the minimal city's files the way a statistics
office's mistakes (and worse) would, and every example must end in exit 0 or 2 – never 1, never an
exception – with a message that names an input file, the previous site untouched, and nothing
written outside the site folder.

`make test` runs a bounded, derandomised number of examples; `make fuzz` runs many more with a
random seed and writes what it ran to bench-results/fuzz.json. Every defect found here becomes a
named fixture in tests/fixtures/defects/ (the catalogue in tests/inputs/test_defects.py).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.build import build
from generator.cli import main

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
CSVS = ["quartiere.csv", "einwohner.csv", "indikatoren.csv", "werte.csv"]
YAMLS = ["stadt.yaml", "editionen/2020.yaml"]
GEOS = ["quartiere.geojson", "stadtgrenze.geojson"]
FILES = CSVS + YAMLS + GEOS
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
RANDOM = os.environ.get("FUZZ_RANDOM", "") == "1"  # make fuzz: a new seed each run
STATS = {"examples": 0, "exit_0": 0, "exit_2": 0, "codes": {}}

ODD = ["", " ", "0", "-1", "1e309", "nan", "inf", "-inf", "1,5", "1.234,5", "1_000", "0x10", ".", "-", "k.A.", "…",
       '=HYPERLINK("http://evil.example/","Innenstadt")', "+1", "@x", "../../../pwned", "..", "/etc/passwd",
       "<script>alert(1)</script>", "&amp;", "a" * 10_000, "\u202e", "\x00", "\t", "\r\n", "ß" * 3, "Ǆ", "𝔘",
       "true", "wahr", "2020", "2020.0", "9999999999999999999999"]
text_cells = st.one_of(st.sampled_from(ODD), st.text(max_size=40), st.integers().map(str),
                       st.floats(allow_nan=True, allow_infinity=True).map(str))
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.sampled_from(ODD)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6)


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- mutations ------------------------------------------------------------------------------

def _read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def mutate_csv(city: Path, draw) -> str:
    name = draw(st.sampled_from(CSVS))
    path = city / name
    if not path.exists():
        return name
    try:
        rows = _read_rows(path)
    except (UnicodeDecodeError, csv.Error):
        return name
    if not rows:
        return name
    kind = draw(st.sampled_from(["cell", "cell", "cell", "drop-row", "dup-row", "rename-col", "drop-col", "swap-cols"]))
    r = draw(st.integers(0, len(rows) - 1))
    width = max(len(row) for row in rows) or 1
    c = draw(st.integers(0, width - 1))
    if kind == "cell" and c < len(rows[r]):
        rows[r][c] = draw(text_cells)
    elif kind == "drop-row" and len(rows) > 1:
        del rows[max(r, 1)]
    elif kind == "dup-row":
        rows.insert(r, list(rows[r]))
    elif kind == "rename-col" and c < len(rows[0]):
        rows[0][c] = draw(text_cells)
    elif kind == "drop-col":
        rows = [row[:c] + row[c + 1:] for row in rows]
    elif kind == "swap-cols":
        d = draw(st.integers(0, width - 1))
        rows = [row[:] for row in rows]
        for row in rows:
            if c < len(row) and d < len(row):
                row[c], row[d] = row[d], row[c]
    _write_rows(path, rows)
    return name


def _paths(node, prefix=()) -> list[tuple]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append(prefix + (k,))
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append(prefix + (i,))
            out += _paths(v, prefix + (i,))
    return out


def mutate_yaml(city: Path, draw) -> str:
    name = draw(st.sampled_from(YAMLS))
    path = city / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception:  # an earlier mutation broke it: leave it broken
        return name
    keys = _paths(data)
    if not keys:
        return name
    key = draw(st.sampled_from(keys))
    parent = data
    for k in key[:-1]:
        parent = parent[k]
    if draw(st.booleans()) and isinstance(parent, dict):
        del parent[key[-1]]
    else:
        parent[key[-1]] = draw(yaml_values)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return name


def mutate_geojson(city: Path, draw) -> str:
    name = draw(st.sampled_from(GEOS))
    path = city / name
    try:
        gj = json.loads(path.read_text(encoding="utf-8"))
        feats = gj["features"]
        i = draw(st.integers(0, len(feats) - 1))
    except Exception:
        return name
    kind = draw(st.sampled_from(["no-geometry", "null-geometry", "broken", "swap", "dup-id", "no-properties",
                                 "point", "one-ring-point", "not-a-feature", "id-number", "huge"]))
    f = feats[i]
    if not isinstance(f, dict):
        return name
    if kind == "no-geometry":
        f.pop("geometry", None)
    elif kind == "null-geometry":
        f["geometry"] = None
    elif kind == "broken":
        f["geometry"] = {"type": draw(st.sampled_from(["Polygon", "MultiPolygon", "Banana"])),
                         "coordinates": draw(yaml_values)}
    elif kind == "swap":
        def swap(c):
            return [c[1], c[0]] if isinstance(c[0], (int, float)) else [swap(x) for x in c]
        try:
            f["geometry"]["coordinates"] = swap(f["geometry"]["coordinates"])
        except (KeyError, TypeError, IndexError):  # an earlier mutation left no coordinates to swap
            pass
    elif kind == "dup-id":
        feats.append(json.loads(json.dumps(f)))
    elif kind == "no-properties":
        f.pop("properties", None)
    elif kind == "point":
        f["geometry"] = {"type": "Point", "coordinates": [7.0, 51.5]}
    elif kind == "one-ring-point":
        f["geometry"] = {"type": "Polygon", "coordinates": [[[7.0, 51.5]]]}
    elif kind == "not-a-feature":
        feats[i] = draw(yaml_values)
    elif kind == "id-number":
        f.setdefault("properties", {})["quartier_id"] = draw(st.one_of(st.integers(), st.floats(), st.booleans()))
    elif kind == "huge":
        f["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [1e308, 0], [1e308, 1e308], [0, 0]]]}
    path.write_text(json.dumps(gj, ensure_ascii=False), encoding="utf-8")
    return name


def mutate_bytes(city: Path, draw) -> str:
    name = draw(st.sampled_from(FILES))
    path = city / name
    if not path.exists():
        return name
    blob = path.read_bytes()
    kind = draw(st.sampled_from(["truncate", "empty", "utf16", "latin1", "random", "delete"]))
    if kind == "truncate":
        path.write_bytes(blob[: draw(st.integers(0, max(len(blob) - 1, 0)))])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "utf16":
        path.write_bytes(blob.decode("utf-8", "replace").encode("utf-16"))
    elif kind == "latin1":
        path.write_bytes(blob.decode("utf-8", "replace").encode("latin-1", "replace"))
    elif kind == "random":
        path.write_bytes(draw(st.binary(max_size=300)))
    elif kind == "delete":
        path.unlink()
    return name


MUTATIONS = [mutate_csv, mutate_csv, mutate_yaml, mutate_yaml, mutate_geojson, mutate_bytes]


# --- the property ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("fuzz-good") / "site"
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=None)
    return site, _tree(site)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_no_input_crashes_the_build(good_site, data):
    site0, before = good_site
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        work = Path(tmp)
        city = work / "data" / "city"
        shutil.copytree(MINIMAL, city)
        site = work / "out" / "site"
        shutil.copytree(site0, site)
        touched = [data.draw(st.sampled_from(MUTATIONS))(city, data.draw)
                   for _ in range(data.draw(st.integers(1, 3)))]
        inputs = _tree(city)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["build", "--data-dir", str(city.parent), "--city", "city", "--site-dir", str(site)])
        text = out.getvalue() + err.getvalue()
        STATS["examples"] += 1
        STATS[f"exit_{code}"] = STATS.get(f"exit_{code}", 0) + 1
        assert code in (0, 2), f"exit {code} after mutating {touched}:\n{text[-3000:]}"
        assert "Traceback" not in text and "Error:" not in text.replace("Fehler:", "")
        if code == 2:
            problems = [line for line in text.splitlines() if line.startswith("- ")]
            assert problems, text[-2000:]
            for line in problems:  # every problem names the file a user has to open
                assert line[2:].startswith((*FILES, "editionen/", str(city))), line
            assert _tree(site) == before, f"the previous site changed after {touched}"
        assert sorted(p.name for p in work.iterdir()) == ["data", "out"]
        left = sorted(p.name for p in (work / "out").iterdir() if not p.name.endswith(".fingerprint.json"))
        assert left == ["site"], "staging left behind"
        assert _tree(city) == inputs, "the build changed its inputs"


def teardown_module(module):
    report = os.environ.get("FUZZ_REPORT")
    if report:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        STATS["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        Path(report).write_text(json.dumps(STATS, indent=2) + "\n", encoding="utf-8")
