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
import re
import shutil
import tempfile
import time
from collections import Counter
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

INDEX_INDICATORS = ("sgb2", "kinderarmut")  # the minimal city's edition: a small Nenner there leaves the index short
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ -", min_size=1, max_size=30)


def valid_change(city: Path, draw) -> str:
    """A change a correct input may have: other counts (also secret ones below the minimum, and
    small denominators outside the index; a denominator never above the population), rows in
    another order, columns swapped, other names."""
    name = draw(st.sampled_from(["werte.csv", "werte.csv", "werte.csv", "quartiere.csv"]))
    path = city / name
    rows = _read_rows(path)
    header, body = rows[0], rows[1:]
    if name == "werte.csv":
        col = {c: header.index(c) for c in header}
        people = {(r["quartier_id"], r["jahr"]): int(r["einwohner"]) for r in _csv_dicts(city / "einwohner.csv")}
        for i in draw(st.lists(st.integers(0, len(body) - 1), min_size=1, max_size=6, unique=True)):
            row = body[i]
            low = 100 if row[col["indikator_id"]] in INDEX_INDICATORS else 1
            n = draw(st.integers(low, people[row[col["quartier_id"]], row[col["jahr"]]]))  # Nenner ≤ Einwohner
            row[col["nenner"]], row[col["zaehler"]] = str(n), str(draw(st.integers(0, n)))
    else:
        i = draw(st.integers(0, len(body) - 1))
        body[i][header.index("name")] = draw(NAMES).strip() or "Quartier"
    body = draw(st.permutations(body))
    if draw(st.booleans()):
        a, b = draw(st.lists(st.integers(0, len(header) - 1), min_size=2, max_size=2, unique=True))
        for row in [header, *body]:
            row[a], row[b] = row[b], row[a]
    _write_rows(path, [header, *body])
    return name


# --- what a successful build published -----------------------------------------------------

PLAIN_INT = re.compile(r"[0-9]{1,9}")


def _csv_dicts(path: Path) -> list[dict[str, str]] | None:
    """The rows of an input file as the user wrote them; None when it is no UTF-8 CSV any more."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error:
        return None


def _disclosure_rule(city: Path) -> tuple[int, int]:
    """The edition's minimum count and denominator (the defaults unless the file sets them)."""
    try:
        rule = (yaml.safe_load((city / "editionen" / "2020.yaml").read_text(encoding="utf-8")) or {}).get("geheimhaltung")
    except Exception:
        rule = None
    rule = rule if isinstance(rule, dict) else {}
    return int(rule.get("mindestfallzahl", 3)), int(rule.get("mindestnenner", 100))


def _published_as_given(city: Path, site: Path, touched: list[str], complete: bool = False) -> None:
    """The built site publishes what the (fuzzed) inputs say, wherever a value survived: each
    count as given, each share = 100 · Zähler / Nenner rounded to the published three decimals,
    and one page per quarter of quartiere.csv. When werte.csv, indikatoren.csv and the edition
    were left alone (or ``complete``: only valid changes were made), every value is published."""
    packages = [p for p in (site / "daten").iterdir() if p.is_dir()]
    assert len(packages) == 1, packages
    published = {(r["quartier_id"], r["indikator_id"], r["jahr"]): r
                 for r in _csv_dicts(packages[0] / "indikatorwerte.csv")}
    assert published, "a successful build published no values"
    quarters = _csv_dicts(city / "quartiere.csv")
    if quarters is not None:
        pages = {p.name for p in (site / "quartiere").iterdir() if (p / "index.html").is_file() and p.name != "bezirke"}
        assert pages == {(r.get("quartier_id") or "").strip() for r in quarters}, f"quarter pages after {touched}"
    rows = _csv_dicts(city / "werte.csv") or []
    keys = Counter((r.get("quartier_id"), r.get("indikator_id"), r.get("jahr")) for r in rows)
    min_count, min_denominator = _disclosure_rule(city)
    compared, missing = 0, []
    for r in rows:
        key = (r.get("quartier_id"), r.get("indikator_id"), r.get("jahr"))
        z, n = (r.get("zaehler") or "").strip(), (r.get("nenner") or "").strip()
        if keys[key] > 1 or not (PLAIN_INT.fullmatch(z) and PLAIN_INT.fullmatch(n)) or int(n) == 0:
            continue
        out = published.get(key)
        if out is None:
            missing.append(key)
            continue
        compared += 1
        assert out["nenner"] == (n if int(n) >= min_count else "."), (key, out, touched)  # a count, too
        assert out["zaehler"] == (z if int(z) >= min_count else "."), (key, out, touched)
        if int(n) >= min_denominator and int(z) >= min_count:
            share = 100 * int(z) / int(n)
            assert out["anteil"] and abs(float(out["anteil"]) - share) <= 0.0005 + 1e-9, (key, out, share, touched)
            assert len(out["anteil"].partition(".")[2]) <= 3, out
        else:  # a secret count's share would give it away (share × Nenner); a small Nenner's is too unsure
            assert out["anteil"] in ("", "."), (key, out, touched)
    if complete or not {"werte.csv", "indikatoren.csv", "editionen/2020.yaml"} & set(touched):
        assert not missing and compared == len(rows) > 0, (compared, len(rows), missing[:5], touched)
    STATS["values_compared"] = STATS.get("values_compared", 0) + compared


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
        else:
            _published_as_given(city, site, touched)
        assert sorted(p.name for p in work.iterdir()) == ["data", "out"]
        left = sorted(p.name for p in (work / "out").iterdir() if not p.name.endswith(".fingerprint.json"))
        assert left == ["site"], "staging left behind"
        assert _tree(city) == inputs, "the build changed its inputs"


@settings(max_examples=max(5, EXAMPLES // 4), deadline=None, derandomize=not RANDOM, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_valid_changes_are_published_as_given(tmp_path_factory, data):
    """The other half of the fuzz: inputs changed within what is correct must build (exit 0), and
    the site must publish exactly those inputs – the crash test above rarely gets that far."""
    work = tmp_path_factory.mktemp("valid")
    city = work / "data" / "city"
    shutil.copytree(MINIMAL, city)
    touched = [valid_change(city, data.draw) for _ in range(data.draw(st.integers(1, 3)))]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "--data-dir", str(city.parent), "--city", "city", "--site-dir", str(work / "site")])
    assert code == 0, f"{touched}:\n{out.getvalue()[-3000:]}"
    _published_as_given(city, work / "site", touched, complete=True)
    shutil.rmtree(work)


def teardown_module(module):
    report = os.environ.get("FUZZ_REPORT")
    if report:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        STATS["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        Path(report).write_text(json.dumps(STATS, indent=2) + "\n", encoding="utf-8")
