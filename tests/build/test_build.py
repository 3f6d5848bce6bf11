"""Build — atomic output (a failed build, of whatever kind, changes nothing) and reproducible builds.

Failing builds run on *changed* inputs: had the build copied anything into the site before it
failed, the bytes would differ. The small city keeps these tests fast; reproducibility is checked
on the full demonstration site, built in separate processes with different hash seeds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import paths
from generator.build import _swap, build
from generator.cli import main
from generator.errors import BuildError
from generator.site.pages import SitePages

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"


def assert_untouched(site: Path, before: dict[str, str]) -> None:
    """The last good site is byte for byte as it was, and no temporary folder is left."""
    assert tree_hashes(site) == before
    assert not [p for p in site.parent.iterdir() if ".tmp-" in p.name or ".alt-" in p.name]


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture()
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture()
def small(tmp_path, epoch):
    """A built site of the small city, and a copy of its data whose counts the test then changes."""
    city = tmp_path / "data" / "city"
    shutil.copytree(MINIMAL, city)
    site = tmp_path / "out" / "site"
    build("city", site, data_dir=city.parent, docs_dir=None)
    werte = city / "werte.csv"
    lines = werte.read_text(encoding="utf-8").splitlines()
    q, k, y, count, den = lines[1].split(",")
    lines[1] = f"{q},{k},{y},{int(count) + 7},{den}"  # a valid change: a leaked package would differ
    werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return city, site, tree_hashes(site)


def test_the_changed_input_would_change_the_site(small, tmp_path):
    """Control for the failure tests below: built normally, the changed input changes files."""
    city, site, before = small
    other = tmp_path / "control" / "site"
    build("city", other, data_dir=city.parent, docs_dir=None)
    after = tree_hashes(other)
    assert sorted(k for k in before if before[k] != after.get(k))


def test_failed_validation_leaves_the_last_good_site_untouched(small):
    city, site, before = small
    werte = city / "werte.csv"
    lines = werte.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0] + ",-5," + lines[2].rsplit(",", 1)[1]
    werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["build", "--data-dir", str(city.parent), "--city", city.name, "--site-dir", str(site)])
    assert code == 2
    assert_untouched(site, before)


@pytest.mark.parametrize("error", [BuildError("simulierter Fehler"), RuntimeError("ein Programmfehler"),
                                   KeyboardInterrupt()], ids=["BuildError", "RuntimeError", "KeyboardInterrupt"])
def test_any_failure_while_rendering_leaves_the_site_untouched(small, monkeypatch, error):
    city, site, before = small

    def broken(self):
        raise error
    monkeypatch.setattr(SitePages, "render_all", broken)
    with pytest.raises(type(error)):
        build(city.name, site, data_dir=city.parent, docs_dir=None)
    assert_untouched(site, before)


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(small, monkeypatch):
    """MkDocs runs after the packages are written: nothing of them may reach the site."""
    city, site, before = small
    original = SitePages.render_all

    def with_broken_link(self):
        pages = original(self)
        (self.docs / "methodik.md").write_text("# x\n\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
        return pages
    monkeypatch.setattr(SitePages, "render_all", with_broken_link)
    with pytest.raises(BuildError, match="gibt-es-nicht"):
        build(city.name, site, data_dir=city.parent, docs_dir=None)
    assert_untouched(site, before)


def test_swap_replaces_the_whole_tree(tmp_path):
    target, new = tmp_path / "site", tmp_path / "site.tmp-1"
    (target / "alt").mkdir(parents=True)
    (target / "alt" / "x.html").write_text("alt", encoding="utf-8")
    (new / "neu").mkdir(parents=True)
    (new / "neu" / "x.html").write_text("neu", encoding="utf-8")
    _swap(new, target)
    assert tree_hashes(target) == {"neu/x.html": hashlib.sha256(b"neu").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _build_in_process(site: Path, hash_seed: str, epoch: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = hash_seed
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    subprocess.run([sys.executable, "-m", "generator.cli", "build", "--city", "oberhausen", "--site-dir", str(site),
                    "--docs-dir", str(site.parent / "docs")], check=True, env=env, cwd=paths.ROOT,
                   capture_output=True)


def test_builds_in_two_processes_with_different_hash_seeds_are_byte_identical(tmp_path):
    """Set iteration order differs between the two processes; no byte may depend on it."""
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "site"
    _build_in_process(a, "1", "1700000000")
    _build_in_process(b, "4242", "1700000000")
    ha, hb = tree_hashes(a), tree_hashes(b)
    assert len(ha) > 300
    assert set(ha) == set(hb) and sorted(k for k in ha if ha[k] != hb[k]) == []


def test_without_source_date_epoch_only_declared_dates_differ(tmp_path):
    """Without SOURCE_DATE_EPOCH the build date is each edition's reference date: still the same
    bytes on every run, and apart from the files that carry that date, the same as with it."""
    a, b, c = tmp_path / "a" / "site", tmp_path / "b" / "site", tmp_path / "c" / "site"
    _build_in_process(a, "7", None)
    _build_in_process(b, "8", None)
    _build_in_process(c, "9", "1700000000")
    ha, hb, hc = tree_hashes(a), tree_hashes(b), tree_hashes(c)
    assert ha == hb
    # Declared dates: package metadata and catalogue (the edition's reference date), ZIP and XLSX
    # entries, the sitemap's lastmod (MkDocs: the day of the build); and what shows their sizes:
    # the Daten page and, with its text, the search index.
    dated = {"datapackage.json", "CITATION.cff", "SHA256SUMS", "dcat.jsonld", "sitemap.xml", "sitemap.xml.gz"}
    derived = {"daten/index.html", "search/search_index.json"}
    differ = sorted(k for k in ha if ha[k] != hc[k])
    assert differ and all(Path(k).name in dated or k in derived or k.endswith((".zip", ".xlsx")) for k in differ), differ


def test_rebuild_with_unchanged_inputs_rewrites_no_file(tmp_path, epoch):
    site, docs = tmp_path / "site", tmp_path / "docs"
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=docs)
    mtimes = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")] if p.is_file()}
    os.utime(site, None)
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=docs)
    after = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")] if p.is_file()}
    assert after == mtimes


def test_the_writer_refuses_paths_outside_its_folder(tmp_path):
    from generator.errors import UnsafePathError
    from generator.model.outputs import inside, write_text
    root = tmp_path / "site"
    root.mkdir()
    assert inside(root, "quartiere/innenstadt/index.html") == (root / "quartiere/innenstadt/index.html").resolve()
    for bad in ("../pwned", "quartiere/../../pwned", "/etc/passwd", "a/../../b"):
        with pytest.raises(UnsafePathError):
            write_text(root, bad, "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"] and not any(root.iterdir())


def test_an_unsafe_id_behind_validations_back_writes_nothing(small, tmp_path):
    """Defence in depth: even a CityData that skipped validation cannot write beside the site."""
    import dataclasses
    from generator.errors import UnsafePathError
    from generator.inputs.validate import validate_city
    _, site, before = small
    data = validate_city(MINIMAL)
    bad = "../../../pwned"
    quarters = data.quarters.rename(index={"innenstadt": bad})
    quarters["quartier_id"] = quarters.index
    values = data.values.replace({"quartier_id": {"innenstadt": bad}})
    residents = data.residents.replace({"quartier_id": {"innenstadt": bad}})
    geometry = {"type": "FeatureCollection", "features": [
        {**f, "properties": {"quartier_id": bad if f["properties"]["quartier_id"] == "innenstadt"
                             else f["properties"]["quartier_id"]}} for f in data.geometry["features"]]}
    data = dataclasses.replace(data, quarters=quarters, values=values, residents=residents, geometry=geometry)
    with pytest.raises(UnsafePathError):
        build("city", site, docs_dir=None, data=data)
    assert_untouched(site, before)
    assert not list(tmp_path.rglob("pwned*"))
