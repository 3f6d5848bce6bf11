"""Stage 7 — build: atomic output (a failed build changes nothing) and reproducible builds."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.site.pages import SitePages
from generator.build import build
from generator.cli import main
from generator.errors import BuildError


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


def test_two_builds_are_byte_identical(tmp_path, epoch):
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "site"
    build("oberhausen", a, docs_dir=None)
    build("oberhausen", b, docs_dir=None)
    ha, hb = tree_hashes(a), tree_hashes(b)
    assert len(ha) > 300
    differing = sorted(k for k in ha if ha[k] != hb.get(k))
    assert set(ha) == set(hb) and differing == []


def test_failed_validation_leaves_the_last_good_site_untouched(tmp_path, city_copy, epoch):
    site = tmp_path / "site"
    build("oberhausen", site, data_dir=city_copy.parent, docs_dir=None)
    before = tree_hashes(site)
    werte = city_copy / "werte.csv"
    lines = werte.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 2)[0] + ",-5," + lines[1].rsplit(",", 1)[1]
    werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["build", "--data-dir", str(city_copy.parent), "--city", "oberhausen", "--site-dir", str(site)])
    assert code == 2
    assert_untouched(site, before)


def test_failure_in_a_later_stage_leaves_the_site_untouched(tmp_path, monkeypatch, epoch):
    site = tmp_path / "site"
    build("oberhausen", site, docs_dir=None)
    before = tree_hashes(site)

    def broken(self):
        raise BuildError("simulierter Fehler beim Rendern")
    monkeypatch.setattr(SitePages, "render_all", broken)
    with pytest.raises(BuildError):
        build("oberhausen", site, docs_dir=None)
    assert_untouched(site, before)


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(tmp_path, monkeypatch, epoch):
    site = tmp_path / "site"
    build("oberhausen", site, docs_dir=None)
    before = tree_hashes(site)
    original = SitePages.render_all

    def with_broken_link(self):
        pages = original(self)
        (self.docs / "methodik.md").write_text("# x\n\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
        return pages
    monkeypatch.setattr(SitePages, "render_all", with_broken_link)
    with pytest.raises(BuildError, match="gibt-es-nicht"):
        build("oberhausen", site, docs_dir=None)
    assert_untouched(site, before)


def test_rebuild_with_unchanged_inputs_rewrites_no_file(tmp_path, epoch):
    site, docs = tmp_path / "site", tmp_path / "docs"
    build("oberhausen", site, docs_dir=docs)
    mtimes = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")] if p.is_file()}
    os.utime(site, None)
    build("oberhausen", site, docs_dir=docs)
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


def test_an_unsafe_id_behind_validations_back_writes_nothing(tmp_path, oberhausen, epoch):
    """Defence in depth: even a CityData that skipped validation cannot write beside the site."""
    import dataclasses
    from generator.errors import UnsafePathError
    site = tmp_path / "out" / "site"
    build("oberhausen", site, docs_dir=None)
    before = tree_hashes(site)
    quarters = oberhausen.quarters.rename(index={"innenstadt": "../../../pwned"})
    quarters["quartier_id"] = quarters.index
    values = oberhausen.values.replace({"quartier_id": {"innenstadt": "../../../pwned"}})
    residents = oberhausen.residents.replace({"quartier_id": {"innenstadt": "../../../pwned"}})
    geometry = {"type": "FeatureCollection", "features": [
        {**f, "properties": {"quartier_id": "../../../pwned" if f["properties"]["quartier_id"] == "innenstadt"
                             else f["properties"]["quartier_id"]}} for f in oberhausen.geometry["features"]]}
    data = dataclasses.replace(oberhausen, quarters=quarters, values=values, residents=residents, geometry=geometry)
    with pytest.raises(UnsafePathError):
        build("oberhausen", site, docs_dir=None, data=data)
    assert_untouched(site, before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert not list(tmp_path.rglob("pwned*"))
