"""Stage 4 — data packages: valid Frictionless v2, same values in every format, disclosure control,
byte-identical rebuilds."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from frictionless import validate

from support import publish_edition
from generator.index.edition import compute_all
from generator.inputs.validate import validate_city

EDITIONS = (2017, 2020, 2022)


def _pkg(site: Path, year: int) -> Path:
    return site / "daten" / str(year)


@pytest.mark.parametrize("year", EDITIONS)
def test_package_is_valid_frictionless_v2(built_site, year):
    report = validate(str(_pkg(built_site, year) / "datapackage.json"))
    errors = report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors[:10]
    names = {t.name for t in report.tasks}
    assert {"quartiere", "indikatoren", "indikatorwerte", "indizes"} <= names
    desc = json.loads((_pkg(built_site, year) / "datapackage.json").read_text(encoding="utf-8"))
    fks = [r for r in desc["resources"] if r.get("schema", {}).get("foreignKeys")]
    assert {r["name"] for r in fks} >= {"indikatorwerte", "indizes"}  # keys are declared, so they are checked


def test_frictionless_command_line_passes(built_site):
    exe = Path(shutil.which("frictionless") or Path(__file__).resolve().parents[2] / ".venv/bin/frictionless")
    proc = subprocess.run([str(exe), "validate", str(_pkg(built_site, 2022) / "datapackage.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_a_broken_package_is_caught(built_site, tmp_path):
    """Negative control: the validation above would notice a wrong value."""
    pkg = tmp_path / "p"
    shutil.copytree(_pkg(built_site, 2022), pkg)
    text = (pkg / "indizes.csv").read_text(encoding="utf-8").replace(",true,", ",vielleicht,", 1)
    (pkg / "indizes.csv").write_text(text, encoding="utf-8")
    assert not validate(str(pkg / "datapackage.json")).valid


def test_descriptor_metadata(built_site):
    d = json.loads((_pkg(built_site, 2022) / "datapackage.json").read_text(encoding="utf-8"))
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert d["name"] == "sozialbericht-oberhausen" and "2022" not in d["name"]
    assert d["version"] == "2022.1.0"
    assert d["created"] == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH=1700000000 in the fixture
    assert d["licenses"][0]["name"] == "dl-de-by-2.0"
    assert any("GeoBasis-DE / BKG" in s["title"] for s in d["sources"])
    assert {r for c in d["contributors"] for r in c["roles"]} >= {"publisher"}
    assert d["datenstand"] == "Demonstrationsdaten" and "keine amtlichen" in d["description"]
    assert d["homepage"] and d["keywords"]
    for res in d["resources"]:
        for f in res.get("schema", {}).get("fields", []):
            assert f["title"] and f["description"], (res["name"], f["name"])
    werte = next(r for r in d["resources"] if r["name"] == "indikatorwerte")
    missing = {m["value"]: m["label"] for m in werte["schema"]["missingValues"]}
    assert missing == {"": "kein Wert", ".": "Zahlenwert unbekannt oder geheim zu halten",
                       "/": "keine Angabe, da Zahlenwert nicht sicher genug",
                       "x": "Tabellenfach gesperrt, weil Aussage nicht sinnvoll"}  # Zeichenerklärung of official statistics
    anteil = next(f for f in werte["schema"]["fields"] if f["name"] == "anteil")
    assert anteil["unit"] == "Einheit des Indikators"


def _canonical(pkg: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(pkg / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", ["quartiere", "indikatoren", "indikatorwerte", "indizes"])
def test_excel_formats_read_back_to_the_canonical_values(built_site, name):
    pkg = _pkg(built_site, 2022)
    canon = _canonical(pkg, name)
    raw = (pkg / "excel" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    excel = pd.read_csv(io.BytesIO(raw), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(excel.columns) == list(canon.columns)
    wb = openpyxl.load_workbook(pkg / "sozialbericht-oberhausen-2022.xlsx", read_only=True)
    sheet = {"indizes": "Daten", "indikatorwerte": "Indikatorwerte", "quartiere": "Quartiere", "indikatoren": "Indikatoren"}[name]
    rows = list(wb[sheet].iter_rows(values_only=True))
    assert list(rows[0]) == list(canon.columns)
    assert len(rows) - 1 == len(canon) == len(excel)
    for i, row in canon.iterrows():
        for j, col in enumerate(canon.columns):
            c, e, x = row[col], excel.at[i, col], rows[i + 1][j]
            if c in ("true", "false"):
                assert e == {"true": "wahr", "false": "falsch"}[c] and x == (c == "true")
            elif c == "":
                assert e == "" and x is None
            else:
                try:
                    number = float(c)
                except ValueError:
                    assert e == c and str(x) == c
                    continue
                assert float(e.replace(",", ".")) == number and float(x) == number


def test_sheets_of_the_workbook(built_site):
    wb = openpyxl.load_workbook(_pkg(built_site, 2022) / "sozialbericht-oberhausen-2022.xlsx", read_only=True)
    assert wb.sheetnames[0] == "Lies mich" and "Daten" in wb.sheetnames and wb.sheetnames[-1] == "Metadaten"
    lies = [r[0] for r in wb["Lies mich"].iter_rows(values_only=True) if r[0]]
    assert any("Demonstrationsdaten" in str(line) for line in lies)


def test_two_builds_give_byte_identical_packages(tmp_path, oberhausen, results, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        publish_edition(oberhausen, results[2022], out)
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted(out.rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]
    assert any(k.endswith(".zip") for k in digests[0]) and any(k.endswith(".xlsx") for k in digests[0])


def _files(pkg: Path) -> set[str]:
    """Every file in a package folder (relative paths), as a reader who downloads the folder finds it,
    except the site's page at the folder's address (daten/<Jahr>/ leads to the Daten page; it is not
    part of the package, and it must be nothing but that forwarding page)."""
    page = pkg / "index.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in html and len(html) < 2000, "daten/<Jahr>/index.html is not a forwarding page"
    return {p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file() and p != page}


def _promised(year: int, quarters) -> set[str]:
    """The files a package must hold, from the README's promise: each table as CSV and CSV für Excel
    (zeitreihe only in the latest edition), the workbook, GeoJSON, descriptor, texts, the ZIP, one CSV
    per quarter of the input."""
    stem = f"sozialbericht-oberhausen-{year}"
    tables = {"indizes", "indikatorwerte", "klassenwechsel", "quartiere", "indikatoren"} | (
        {"zeitreihe"} if year == EDITIONS[-1] else set())
    return ({f"{t}.csv" for t in tables} | {f"excel/{t}.csv" for t in tables} | {f"quartiere/{q}.csv" for q in quarters}
            | {f"{stem}.xlsx", f"{stem}.zip", "quartiere.geojson", "datapackage.json", "README.md", "CITATION.cff"})


@pytest.mark.parametrize("year", EDITIONS)
def test_sha256sums_lists_every_file_of_the_package_and_each_sum_verifies(built_site, oberhausen, year):
    pkg = _pkg(built_site, year)
    listed: dict[str, str] = {}
    for line in (pkg / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)  # the format of sha256sum (GNU coreutils)
        assert m and m.group(2) not in listed, line
        listed[m.group(2)] = m.group(1)
    assert set(listed) == _files(pkg) - {"SHA256SUMS"}  # every file is listed, nothing listed is missing
    assert set(listed) == _promised(year, oberhausen.quarters.index)
    for rel, digest in listed.items():
        assert hashlib.sha256((pkg / rel).read_bytes()).hexdigest() == digest, rel


@pytest.mark.parametrize("year", EDITIONS)
def test_the_zip_holds_every_file_but_itself_the_sums_and_the_quarter_csvs(built_site, year):
    pkg = _pkg(built_site, year)
    stem = f"sozialbericht-oberhausen-{year}"
    with zipfile.ZipFile(pkg / f"{stem}.zip") as z:
        assert z.testzip() is None
        members = {n: z.read(n) for n in z.namelist()}
    assert all(n.startswith(f"{stem}/") for n in members)
    inside = {n.removeprefix(f"{stem}/"): blob for n, blob in members.items()}
    assert set(inside) == {f for f in _files(pkg) if f not in (f"{stem}.zip", "SHA256SUMS")
                           and not f.startswith("quartiere/")}
    for rel, blob in inside.items():
        assert blob == (pkg / rel).read_bytes(), rel
    readme = (pkg / "README.md").read_text(encoding="utf-8")
    assert "`quartiere/<id>.csv`" in readme and "quartiere/alstaden.csv" not in readme  # named once, by pattern


def test_the_manifest_names_every_file_written_with_its_size_and_sum(tmp_path, oberhausen, results):
    """The one list that the README, the Daten page and the catalogue read: exactly the files written
    (one edition published alone has no change tables)."""
    _, manifest = publish_edition(oberhausen, results[2022], tmp_path)
    assert [f.path for f in manifest.files if not f.per_area][-1] == "SHA256SUMS"
    alone = {f for f in _promised(2022, oberhausen.quarters.index) if "klassenwechsel" not in f and "zeitreihe" not in f}
    assert {f.path for f in manifest.files} == _files(tmp_path) == alone | {"SHA256SUMS"}
    for f in manifest.files:
        blob = (tmp_path / f.path).read_bytes()
        assert (f.size, f.sha256) == (len(blob), hashlib.sha256(blob).hexdigest()), f.path
    assert sum(f.per_area for f in manifest.files) == len(oberhausen.quarters)
    assert not any(f.listed or f.catalogue or f.zipped for f in manifest.files if f.per_area)


def test_readme_citation_and_quarter_csvs(built_site, oberhausen):
    pkg = _pkg(built_site, 2022)
    readme = (pkg / "README.md").read_text(encoding="utf-8")
    assert "Demonstrationsdaten" in readme and "Zitieren" in readme and "Geheimhaltung" in readme
    cff = (pkg / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in cff and "type: dataset" in cff
    assert sorted(p.stem for p in (pkg / "quartiere").glob("*.csv")) == sorted(oberhausen.quarters.index)


def test_geojson_is_rfc7946_and_rounded(built_site):
    gj = json.loads((_pkg(built_site, 2022) / "quartiere.geojson").read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and "crs" not in gj and len(gj["features"]) == 27
    x, y = gj["features"][0]["geometry"]["coordinates"][0][0]
    assert len(str(x).split(".")[1]) <= 5 and 6 < x < 7 and 51 < y < 52


def test_dcat_catalogue_lists_every_edition(built_site):
    cat = json.loads((built_site / "daten" / "dcat.jsonld").read_text(encoding="utf-8"))
    assert cat["@type"] == "dcat:Catalog"
    ids = [d["dct:identifier"] for d in cat["dcat:dataset"]]
    assert ids == [f"sozialbericht-oberhausen-{y}" for y in EDITIONS]
    for d in cat["dcat:dataset"]:
        kinds = {x["dcat:mediaType"] for x in d["dcat:distribution"]}
        assert {"text/csv", "application/zip", "application/geo+json"} <= kinds
        assert all(x["dct:license"]["@id"].startswith("http://dcat-ap.de/def/licenses/") for x in d["dcat:distribution"])


def test_an_edition_can_name_its_own_publisher_and_licence(city_copy, tmp_path):
    cfg = city_copy / "editionen" / "2017.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + (
        "herausgeber:\n  name: Stadt Beispiel, Fachbereich Statistik\n  email: statistik@example.org\n"
        "lizenz:\n  name: CC-BY-4.0\n  titel: Creative Commons Namensnennung 4.0\n  pfad: https://creativecommons.org/licenses/by/4.0/\n"
        "namensnennung:\n  - \"Stadt Beispiel, Statistik 2017\"\n"), encoding="utf-8")
    data = validate_city(city_copy)
    res = compute_all(data)
    for year in (2017, 2022):
        publish_edition(data, res[year], tmp_path / str(year))
    d17 = json.loads((tmp_path / "2017" / "datapackage.json").read_text(encoding="utf-8"))
    d22 = json.loads((tmp_path / "2022" / "datapackage.json").read_text(encoding="utf-8"))
    assert d17["licenses"][0]["name"] == "CC-BY-4.0" and d17["namensnennung"] == ["Stadt Beispiel, Statistik 2017"]
    assert d17["contributors"][0]["title"] == "Stadt Beispiel, Fachbereich Statistik"
    assert d22["licenses"][0]["name"] == "dl-de-by-2.0"  # other editions keep stadt.yaml's
    # the catalogue, too: each edition's distributions carry that edition's licence and attribution
    from generator.build import public_address
    from generator.publish.dcat import catalogue
    manifests = {y: publish_edition(data, res[y], tmp_path / "m" / str(y))[1] for y in res}
    cat = catalogue(data, res, manifests, public_address(data))
    licences = {d["dct:identifier"][-4:]: {x["dct:license"]["@id"] for x in d["dcat:distribution"]}
                for d in cat["dcat:dataset"]}
    assert licences["2017"] == {"http://dcat-ap.de/def/licenses/cc-by/4.0"}
    assert licences["2022"] == {"http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    attribution = {d["dct:identifier"][-4:]: d["dcat:distribution"][0]["dcatde:licenseAttributionByText"]
                   for d in cat["dcat:dataset"]}
    assert attribution["2017"] == "Stadt Beispiel, Statistik 2017" and "GeoBasis-DE" in attribution["2022"]


def _shown_size(n_bytes: int) -> str:
    """A file size as the Daten page promises it: whole KB below 1 MB, else MB with one decimal, German marks."""
    if n_bytes < 1024 * 1024:
        return f"{round(n_bytes / 1024):,} KB".replace(",", ".")
    return f"{n_bytes / 1024 / 1024:.1f} MB".replace(".", ",")


def test_the_daten_page_lists_each_editions_files_with_their_real_sizes(built_site):
    """The file tables are filled in after MkDocs (the packages are written while MkDocs runs): what a
    reader sees there must be the files that exist, with their sizes, for every edition."""
    from reader.page import read
    page = built_site / "daten" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "data-sb-nachher" not in html, "a placeholder was left in the Daten page"
    hrefs = [re.findall(r'<th scope="row"><a href="([^"]+)">', chunk)
             for chunk in re.findall(r"<caption>Dateien.*?</table>", html, re.S)]
    tables = [t for t in read(html, "daten/").tables if t.caption.startswith("Dateien")]
    assert len(tables) == len(hrefs) == len(EDITIONS)
    for year, table, links in zip(reversed(EDITIONS), tables, hrefs):
        assert str(year) in table.caption and len(links) == len(table.rows) - 1
        seen = {}
        for (title, _note, shown), href in zip(table.rows[1:], links):
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{table.caption}: {title} → {href} does not exist"
            assert _pkg(built_site, year).resolve() in target.parents, (year, href)
            seen[target.name] = (shown, target.stat().st_size)
        assert {"datapackage.json", f"sozialbericht-oberhausen-{year}.xlsx",
                f"sozialbericht-oberhausen-{year}.zip"} <= set(seen), (year, sorted(seen))
        for name, (shown, n_bytes) in seen.items():
            assert shown == _shown_size(n_bytes), (year, name, shown, n_bytes)
