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
from generator.validate import validate_city

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# defect → (exit code, expected fragments of the output: file, row, column, what is wrong)
CATALOGUE = {
    "wrong-separator-pipe": (2, ["werte.csv, Zeile 1", "Trennzeichen wurde nicht erkannt"]),
    "decimal-comma-without-semicolon": (2, ["werte.csv, Zeile 2", "Dezimalkomma in einer kommagetrennten Datei", "weitere Zeilen"]),
    "encoding-cp1252": (2, ["quartiere.csv, Zeile 6", "nicht UTF-8", "CSV UTF-8"]),
    "utf8-bom-accepted": (0, ["Hinweis: quartiere.csv", "BOM", "alles in Ordnung"]),
    "semicolon-decimal-comma-accepted": (0, ["Hinweis: werte.csv", "Semikolon", "alles in Ordnung"]),
    "missing-column": (2, ["einwohner.csv, Zeile 1, Spalte „einwohner“", "Pflichtspalte"]),
    "extra-column": (2, ["quartiere.csv, Zeile 1, Spalte „bemerkung“", "unbekannt"]),
    "renamed-column": (2, ["werte.csv, Zeile 1, Spalte „zähler“", "in „zaehler“ um"]),
    "duplicate-quarter-id": (2, ["quartiere.csv, Zeile 8, Spalte „quartier_id“", "mehrfach", "Zeilen 2, 8"]),
    "quarter-in-counts-not-in-list": (2, ["werte.csv, Zeile 38, Spalte „quartier_id“", "„altstadt“ gibt es in quartiere.csv nicht"]),
    "quarter-in-list-without-data": (2, ["quartiere.csv, Zeile 8, Spalte „quartier_id“", "„neuviertel“ hat keine Zeilen in werte.csv"]),
    "quarter-missing-from-geometry": (2, ["quartiere.geojson", "„styrum“ gibt es keine Geometrie"]),
    "geometry-self-intersecting": (2, ["quartiere.geojson", "Feature 3", "Self-intersection", "Geometrien reparieren"]),
    "geometry-outside-city": (2, ["quartiere.geojson", "Feature 2", "außerhalb der Stadtgrenze"]),
    "geometry-not-wgs84": (2, ["quartiere.geojson", "Feature 1", "EPSG:4326"]),
    "geometry-not-json": (2, ["quartiere.geojson", "kein gültiges JSON"]),
    "geometry-file-missing": (2, ["quartiere.geojson", "fehlt"]),
    "negative-count": (2, ["werte.csv, Zeile 2, Spalte „zaehler“", "negativ"]),
    "numerator-greater-than-denominator": (2, ["werte.csv, Zeile 2, Spalte „zaehler“", "größer als der Nenner", "vertauscht"]),
    "zero-denominator": (2, ["werte.csv, Zeile 2, Spalte „nenner“", "Nenner ist 0"]),
    "non-numeric-value": (2, ["einwohner.csv, Zeile 2, Spalte „einwohner“", "„k.A.“ ist keine Zahl"]),
    "missing-year-for-window": (2, ["werte.csv", "für 2018", "Zeitfenster"]),
    "edition-unknown-indicator": (2, ["editionen/2020.yaml", "unbekannten Indikator „sgb3“", "Meinten Sie „sgb2“"]),
    "thresholds-out-of-order": (2, ["editionen/2020.yaml", "schwellen_status", "nicht aufsteigend"]),
    "edition-unknown-key": (2, ["editionen/2020.yaml", "Unbekannter Schlüssel „mindestEinwohner“", "mindest_einwohner"]),
    "edition-yaml-syntax-error": (2, ["editionen/2020.yaml, Zeile 3", "nicht lesbar"]),
    "empty-file": (2, ["einwohner.csv", "leer"]),
    "header-only": (2, ["werte.csv", "nur die Kopfzeile"]),
    "html-in-name": (2, ["quartiere.csv, Zeile 2, Spalte „name“", "HTML", "reinen Text"]),
    "unknown-indicator-in-values": (2, ["werte.csv, Zeile 38, Spalte „indikator_id“", "„armut“", "Meinten Sie „kinderarmut“"]),
    "duplicate-value-row": (2, ["werte.csv, Zeile 38", "mehrfach", "Zeilen 6, 38"]),
    "boolean-not-recognised": (2, ["indikatoren.csv, Zeile 2, Spalte „indexindikator“", "kein Wahrheitswert"]),
    "required-cell-empty": (2, ["quartiere.csv, Zeile 5, Spalte „name“", "leer"]),
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
    assert sum(1 for code, _ in CATALOGUE.values() if code == 2) >= 25


def test_minimal_city_is_clean(capsys):
    assert main(["validate", "--data-dir", str(FIXTURES), "--city", "minimal-city"]) == 0


@pytest.mark.parametrize("defect", sorted(CATALOGUE))
def test_defect_gets_a_clear_message(defect, tmp_path, capsys):
    city = overlay(tmp_path, defect)
    code, fragments = CATALOGUE[defect]
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == code
    out = capsys.readouterr()
    text = out.out + out.err
    for fragment in fragments:
        assert fragment in text, f"{defect}: „{fragment}“ fehlt in\n{text}"
    if code == 2:
        assert "→" in text  # every error comes with what to do


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
                                    "quarter-in-counts-not-in-list", "boolean-not-recognised"])
def test_frictionless_finds_the_same_defect_independently(defect, tmp_path):
    """A second opinion: the input schemas from fields.py, checked by Frictionless itself."""
    from frictionless import validate
    from generator.describe import write_input_package
    clean = overlay(tmp_path / "clean")
    assert validate(str(write_input_package(clean))).valid
    broken = overlay(tmp_path / "broken", defect)
    assert not validate(str(write_input_package(broken))).valid
