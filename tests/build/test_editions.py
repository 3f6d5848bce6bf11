"""Report years: all editions on one site, a new edition from data and configuration only,
and the CI workflows (schema and security lint)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator import paths
from generator.build import build
from generator.cli import main
from generator.tools.release import changelog_section

ROOT = paths.ROOT
WORKFLOWS = ROOT / ".github" / "workflows"


def test_site_has_every_edition_frozen(built_site):
    for year in (2017, 2020, 2022):
        base = built_site / "berichte" / str(year)
        assert (base / "index.html").is_file()
        assert len(list((base / "quartiere").glob("*/index.html"))) == 27
        assert (built_site / "daten" / str(year) / "datapackage.json").is_file()
    assert len(list((built_site / "quartiere").glob("*/index.html"))) == 27
    html = (built_site / "berichte" / "2017" / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    assert "Sozialbericht 2017" in html and "Stichtag 31.12.2016" in (built_site / "berichte" / "2017" / "index.html").read_text(encoding="utf-8")


def test_quarter_page_shows_its_trajectory(built_site, results):
    html = (built_site / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    for year in (2017, 2020, 2022):
        r = results[year].result.loc["innenstadt"]
        assert f">{year}</a>: {r['statuslabel']} / {r['dynamiklabel']}" in html
    assert html.count("→") >= 2


def _extend_data(city: Path, years: list[int]) -> None:
    """Append plausible rows for new years (copies of 2022 with a small drift): data only."""
    def rows(name):
        with open(city / name, encoding="utf-8") as f:
            return list(csv.DictReader(f))
    werte, einwohner = rows("werte.csv"), rows("einwohner.csv")
    last = [r for r in werte if r["jahr"] == "2022"]
    with open(city / "werte.csv", "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(werte[0]), lineterminator="\n")
        for i, year in enumerate(years, start=1):
            for j, r in enumerate(last):
                z = max(0, int(r["zaehler"]) + ((j * 7 + i) % 11) - 5)
                w.writerow({**r, "jahr": year, "zaehler": min(z, int(r["nenner"]))})
    with open(city / "einwohner.csv", "a", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(einwohner[0]), lineterminator="\n")
        for year in years:
            for r in einwohner:
                if r["jahr"] == "2022":
                    w.writerow({**r, "jahr": year})


def test_new_edition_2024_builds_without_code_changes(city_copy, tmp_path, capsys):
    _extend_data(city_copy, [2023, 2024])
    assert main(["new-edition", "2024", "--data-dir", str(city_copy.parent), "--city", "oberhausen"]) == 0
    config = yaml.safe_load((city_copy / "editionen" / "2024.yaml").read_text(encoding="utf-8"))
    assert config["edition"] == 2024 and config["stichtag"] == "2024-12-31"
    assert (config["dynamik_von"], config["dynamik_bis"]) == (2021, 2024)
    site = tmp_path / "site"
    build("oberhausen", site, data_dir=city_copy.parent, docs_dir=None)
    assert (site / "berichte" / "2024" / "quartiere" / "innenstadt" / "index.html").is_file()
    assert (site / "daten" / "2024" / "sozialbericht-oberhausen-2024.zip").is_file()
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "Sozialbericht 2024" in start
    assert "2024" in (site / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    # the older editions stay where they were
    assert (site / "berichte" / "2017" / "quartiere" / "innenstadt" / "index.html").is_file()


def test_new_edition_refuses_an_existing_year(city_copy, capsys):
    assert main(["new-edition", "2022", "--data-dir", str(city_copy.parent), "--city", "oberhausen"]) == 2
    assert "gibt es schon" in capsys.readouterr().err


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def test_workflows_match_githubs_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert {Path(f).name for f in files} == {"ci.yml", "pages.yml", "release.yml"}
    proc = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor_without_medium_or_high_findings():
    proc = subprocess.run([_tool("zizmor"), "--offline", "--min-severity", "medium", "--format", "plain",
                           str(WORKFLOWS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_call_the_readme_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    assert any(s.get("run") == "make test" for s in ci["jobs"]["test"]["steps"])
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    steps = pages["jobs"]["build"]["steps"]
    site = next(s for s in steps if s.get("run", "").startswith("make site"))
    # the site cites the address GitHub Pages reports (configure-pages), not stadt.yaml's homepage
    assert "BASE_URL=" in site["run"] and "steps.pages.outputs.base_url" in site["env"]["BASE_URL"]
    assert any("configure-pages" in s.get("uses", "") and s.get("id") == "pages" for s in steps)
    assert any("deploy-pages" in s.get("uses", "") for s in pages["jobs"]["deploy"]["steps"])
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    release = (WORKFLOWS / "release.yml").read_text()
    assert "make test" in release and "make release-assets" in release
    for text in (p.read_text() for p in WORKFLOWS.glob("*.yml")):
        for line in text.splitlines():
            if "uses:" in line:
                ref = line.split("@", 1)[1].split()[0]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), line
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_changelog_has_a_section_per_release():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Demonstrationsdatensatz" in changelog_section(text, "2022.1")
    assert changelog_section(text, "1999.1") == ""


def test_release_assets(built_site, tmp_path):
    from generator.tools.release import collect
    files = collect("v2022.1", built_site, tmp_path / "release", ROOT / "CHANGELOG.md")
    names = {p.name for p in files}
    assert {f"sozialbericht-oberhausen-{y}.zip" for y in (2017, 2020, 2022)} <= names
    assert {f"SHA256SUMS-{y}" for y in (2017, 2020, 2022)} <= names
    assert "sozialbericht-site-v2022.1.tar.gz" in names
    assert (tmp_path / "release" / "NOTES.md").read_text(encoding="utf-8").startswith("### Hinzugefügt")
