"""Exports are safe to open: no text cell of the workbook or of "CSV für Excel" is a formula
(OWASP CSV injection), numbers stay numbers, the canonical CSV keeps every value as it is."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from support import publish_edition
from generator.index.edition import compute_all
from generator.inputs.validate import validate_city

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
EVIL = '=HYPERLINK("http://evil.example/","Innenstadt")'
NAMES = {"innenstadt": EVIL, "marienviertel-west": "+Nord", "marienviertel-ost": "-Süd", "styrum": "@Mitte"}


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formula")
    city = tmp / "city"
    shutil.copytree(MINIMAL, city)
    text = (city / "quartiere.csv").read_text(encoding="utf-8")
    for old, new in (("Marienviertel-West", "+Nord"), ("Marienviertel-Ost", "-Süd"), ("Styrum", "@Mitte")):
        text = text.replace(f",{old},", f",{new},")
    (city / "quartiere.csv").write_text(text, encoding="utf-8")
    data = validate_city(city)  # "+", "-" and "@" are names a city may have
    # Validation refuses "=": plant it behind validation's back, so the writer is tested on its own.
    quarters = data.quarters.copy()
    quarters.loc["innenstadt", "name"] = EVIL
    data = dataclasses.replace(data, quarters=quarters)
    out = tmp / "pkg"
    publish_edition(data, compute_all(data)[2020], out)
    return out


def test_workbook_has_no_formula_and_names_are_strings(package):
    with zipfile.ZipFile(next(package.glob("*.xlsx"))) as z:
        sheets = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet")}
    xml = "".join(sheets.values())
    assert sheets and "<f>" not in xml and "<f " not in xml
    cells = re.findall(r'<c r="[A-Z]+\d+"([^>]*)><is><t>([^<]*)</t></is></c>', xml)
    texts = {text.replace("&quot;", '"') for attrs, text in cells if 't="inlineStr"' in attrs}
    assert {EVIL, "+Nord", "-Süd", "@Mitte"} <= texts  # string cells, shown as text, never run


def test_excel_csv_quotes_formula_starts_but_keeps_numbers(package):
    text = (package / "excel" / "quartiere.csv").read_text(encoding="utf-8-sig")
    names = [row["name"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]
    assert "'" + EVIL in names and "'+Nord" in names and "'-Süd" in names and "'@Mitte" in names
    assert not [n for n in names if n.startswith(("=", "+", "-", "@"))]
    indices = (package / "excel" / "indizes.csv").read_text(encoding="utf-8-sig")
    values = [v for row in csv.reader(io.StringIO(indices), delimiter=";") for v in row]
    negatives = [v for v in values if re.fullmatch(r"-\d+(,\d+)?", v)]
    assert negatives, "negative index values are written as numbers"
    assert not [v for v in values if re.fullmatch(r"'-\d+(,\d+)?", v)]


def test_canonical_csv_keeps_the_values(package):
    names = [row["name"] for row in csv.DictReader((package / "quartiere.csv").open(encoding="utf-8"))]
    assert {EVIL, "+Nord", "-Süd", "@Mitte"} <= set(names)


def test_readme_says_why_the_excel_files_differ(package):
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "Apostroph" in readme and "Formel" in readme
