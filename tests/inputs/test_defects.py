"""Bad input: one fixture per defect (tests/fixtures/defects/<defect>/), each with a clear message.

Every fixture is the minimal city with the defect's files laid over it. `sozialbericht validate`
must exit 2 and name file, spreadsheet row, column and what is wrong — or, for the harmless and
unambiguous ones, accept the file and say so (exit 0).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import InputError
from generator.inputs.validate import validate_city

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# defect → (exit code, the first problem's stable code, file, spreadsheet row or YAML line, column or key).
# Tests assert codes and locations, never the German wording (which may improve); one test below
# checks that the command line prints located messages with what to do.
CATALOGUE = {
    "wrong-separator-spaces": (2, "header-one-column", "werte.csv", 1, None),
    "pipe-separator-accepted": (0, "note-pipe", "werte.csv", None, None),
    "decimal-comma-without-semicolon": (2, "row-width", "werte.csv", 2, None),
    "encoding-cp1252-accepted": (0, "note-encoding", "quartiere.csv", None, None),
    "encoding-undecidable": (2, "encoding-undecidable", "quartiere.csv", 6, None),
    "encoding-mixed": (2, "encoding-mixed", "quartiere.csv", 7, None),
    "thousands-separator-misplaced": (2, "number-thousands-misplaced", "einwohner.csv", 3, "einwohner"),
    "stray-character-in-number": (2, "number-stray-character", "werte.csv", 2, "zaehler"),
    "utf8-bom-accepted": (0, "note-bom", "quartiere.csv", None, None),
    "semicolon-decimal-comma-accepted": (0, "note-semicolon", "werte.csv", None, None),
    "missing-column": (2, "header-missing-column", "einwohner.csv", 1, "einwohner"),
    "extra-column": (2, "header-unknown-column", "quartiere.csv", 1, "bemerkung"),
    "renamed-column": (2, "header-unknown-column", "werte.csv", 1, "zähler"),
    "duplicate-quarter-id": (2, "key-duplicate", "quartiere.csv", 8, "quartier_id"),
    "quarter-in-counts-not-in-list": (2, "ref-unknown", "werte.csv", 56, "quartier_id"),
    "quarter-in-list-without-data": (2, "quarter-without-rows", "quartiere.csv", 8, "quartier_id"),
    "quarter-missing-from-geometry": (2, "geometry-missing-for-quarter", "quartiere.geojson", None, "quartier_id"),
    "geometry-self-intersecting": (2, "geometry-invalid", "quartiere.geojson", None, "geometry"),
    "geometry-outside-city": (2, "geometry-outside", "quartiere.geojson", None, "geometry"),
    "geometry-not-wgs84": (2, "geometry-not-wgs84", "quartiere.geojson", None, "geometry"),
    "geometry-not-json": (2, "json-syntax", "quartiere.geojson", 1, None),
    "geometry-file-missing": (2, "file-missing", "quartiere.geojson", None, None),
    "negative-count": (2, "cell-below-minimum", "werte.csv", 2, "zaehler"),
    "numerator-greater-than-denominator": (2, "numerator-exceeds-denominator", "werte.csv", 2, "zaehler"),
    "zero-denominator": (2, "denominator-zero", "werte.csv", 2, "nenner"),
    "non-numeric-value": (2, "cell-not-number", "einwohner.csv", 2, "einwohner"),
    "missing-year-for-window": (2, "edition-values-missing", "werte.csv", None, "jahr"),
    "edition-unknown-indicator": (2, "edition-unknown-indicator", "editionen/2020.yaml", 7, "status_indikatoren"),
    "thresholds-out-of-order": (2, "config-value", "editionen/2020.yaml", 9, "schwellen_status"),
    "edition-unknown-key": (2, "config-unknown-key", "editionen/2020.yaml", 11, "mindestEinwohner"),
    "edition-yaml-syntax-error": (2, "yaml-syntax", "editionen/2020.yaml", 3, None),
    "empty-file": (2, "file-empty", "einwohner.csv", None, None),
    "header-only": (2, "table-no-rows", "werte.csv", None, None),
    "html-in-name": (2, "cell-markup", "quartiere.csv", 2, "name"),
    "unknown-indicator-in-values": (2, "ref-unknown", "werte.csv", 56, "indikator_id"),
    "duplicate-value-row": (2, "key-duplicate", "werte.csv", 56, "quartier_id"),
    "indicator-kind-not-allowed": (2, "cell-not-allowed", "indikatoren.csv", 2, "art"),
    "context-indicator-in-edition": (2, "edition-context-indicator", "editionen/2020.yaml", 7, "status_indikatoren"),
    "required-cell-empty": (2, "cell-required", "quartiere.csv", 5, "name"),
    # edges: ids and editions become folder names, exports must be safe to open
    "formula-in-name": (2, "cell-formula", "quartiere.csv", 2, "name"),
    "quarter-id-path-traversal": (2, "cell-bad-id", "quartiere.csv", 2, "quartier_id"),
    "edition-not-a-year": (2, "config-type", "editionen/2020.yaml", 1, "edition"),
    "indicator-twice-in-edition": (2, "config-value", "editionen/2020.yaml", 7, "status_indikatoren"),
    "geometry-null": (2, "geometry-unreadable", "quartiere.geojson", None, "geometry"),
    "edition-file-name-differs": (2, "edition-file-name", "editionen/2020.yaml", 1, "edition"),
    # found by the fuzz test (each was a traceback before)
    "quarter-id-empty-but-referenced": (2, "cell-required", "quartiere.csv", 5, "quartier_id"),
    "count-too-large": (2, "cell-above-maximum", "einwohner.csv", 2, "einwohner"),
    "control-character-in-title": (2, "cell-control-character", "indikatoren.csv", 3, "kurzname"),
    "infinite-share": (2, "cell-not-number", "werte.csv", 2, "anteil"),
    "feature-not-an-object": (2, "geometry-not-feature", "quartiere.geojson", None, None),
}


def overlay(tmp_path: Path, *defects: str) -> Path:
    city = tmp_path / "data" / "city"
    shutil.copytree(FIXTURES / "minimal-city", city)
    for defect in defects:
        for src in (FIXTURES / "defects" / defect).rglob("*"):
            if src.is_file() and src.name != "_delete":
                target = city / src.relative_to(FIXTURES / "defects" / defect)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)
        marker = FIXTURES / "defects" / defect / "_delete"
        if marker.exists():
            for name in marker.read_text().split():
                (city / name).unlink()
    return city


def test_catalogue_covers_every_fixture_and_at_least_25():
    on_disk = {p.name for p in (FIXTURES / "defects").iterdir() if p.is_dir()}
    assert on_disk == set(CATALOGUE)
    assert sum(1 for entry in CATALOGUE.values() if entry[0] == 2) >= 25


def test_minimal_city_is_clean(capsys):
    assert main(["validate", "--data-dir", str(FIXTURES), "--city", "minimal-city"]) == 0


@pytest.mark.parametrize("defect", sorted(CATALOGUE))
def test_defect_is_found_where_it_is(defect, tmp_path):
    """The problem has its stable code and names the file, row and column a user must open."""
    city = overlay(tmp_path, defect)
    exit_code, code, file, row, field = CATALOGUE[defect]
    if exit_code == 0:
        data = validate_city(city)
        assert [(n.code, n.file) for n in data.notes] == [(code, file)]
        return
    with pytest.raises(InputError) as info:
        validate_city(city)
    first = info.value.problems[0]
    assert (first.code, first.file, first.row, first.field) == (code, file, row, field)
    assert all(p.hint for p in info.value.problems), "every problem says what to do"


@pytest.mark.parametrize("defect", sorted(CATALOGUE))
def test_command_line_prints_the_location_and_what_to_do(defect, tmp_path, capsys):
    city = overlay(tmp_path, defect)
    exit_code, _, file, row, field = CATALOGUE[defect]
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == exit_code
    out = capsys.readouterr()
    text = out.out + out.err
    assert file in text
    if exit_code == 2:
        assert "→" in text and "Traceback" not in text
        if row is not None:
            assert f"Zeile {row}" in text
        if field is not None:
            assert f"„{field}“" in text


def test_validate_reports_several_planted_defects_in_one_run(tmp_path):
    city = overlay(tmp_path, "negative-count", "quarter-missing-from-geometry", "edition-unknown-key",
                   "non-numeric-value", "unknown-indicator-in-values")
    # negative-count and unknown-indicator-in-values both replace werte.csv: the later one wins,
    # so plant the negative count again on top of it.
    werte = (city / "werte.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    werte[1] = werte[1].replace(",", ",-", 3).replace(",-", ",", 2)
    (city / "werte.csv").write_text("".join(werte), encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate_city(city)
    found = {(p.file, p.field) for p in info.value.problems}
    assert ("werte.csv", "zaehler") in found
    assert ("werte.csv", "indikator_id") in found
    assert ("einwohner.csv", "einwohner") in found
    assert ("quartiere.geojson", "quartier_id") in found
    assert ("editionen/2020.yaml", "mindestEinwohner") in found
    assert len(info.value.problems) >= 5


def test_very_large_file_is_refused_before_reading(tmp_path, monkeypatch, capsys):
    city = overlay(tmp_path)
    monkeypatch.setenv("SOZIALBERICHT_MAX_FILE_MB", "1")
    with open(city / "werte.csv", "a", encoding="utf-8") as f:
        f.write(("innenstadt,sgb2,2020,1,2\n") * 60_000)  # ~1.5 MB
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == 2
    err = capsys.readouterr().err
    assert "werte.csv" in err and "MB groß" in err and "SOZIALBERICHT_MAX_FILE_MB" in err


def test_command_line_exit_code_is_2(tmp_path):
    city = overlay(tmp_path, "negative-count")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "validate", "--data-dir", str(city.parent),
                           "--city", city.name], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "werte.csv, Zeile 2, Spalte „zaehler“" in proc.stderr


@pytest.mark.parametrize("defect", ["negative-count", "non-numeric-value", "duplicate-quarter-id",
                                    "quarter-in-counts-not-in-list", "indicator-kind-not-allowed"])
def test_frictionless_finds_the_same_defect_independently(defect, tmp_path):
    """A second opinion: the input schemas from fields.py, checked by Frictionless itself."""
    from frictionless import validate
    from generator.inputs.describe import write_input_package
    clean = overlay(tmp_path / "clean")
    assert validate(str(write_input_package(clean))).valid
    broken = overlay(tmp_path / "broken", defect)
    assert not validate(str(write_input_package(broken))).valid
