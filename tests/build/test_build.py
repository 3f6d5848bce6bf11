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
from generator.build import build
from generator.swap import swap as _swap
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

    def broken(self, job):
        if job[0] == "quarter":  # in a worker process of the pool
            raise error
    monkeypatch.setattr(SitePages, "run", broken)
    with pytest.raises(type(error)):
        build(city.name, site, data_dir=city.parent, docs_dir=None)
    assert_untouched(site, before)


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(small, monkeypatch):
    """MkDocs runs while the packages are written: nothing of them may reach the site."""
    city, site, before = small
    original = SitePages.final_pages

    def with_broken_link(self):
        original(self)
        (self.docs / "methodik.md").write_text("# x\n\n[kaputt](gibt-es-nicht.md)\n", encoding="utf-8")
    monkeypatch.setattr(SitePages, "final_pages", with_broken_link)
    with pytest.raises(BuildError, match="gibt-es-nicht"):
        build(city.name, site, data_dir=city.parent, docs_dir=None)
    assert_untouched(site, before)


def test_a_final_page_that_uses_the_packages_outside_its_late_blocks_fails_the_build(small, monkeypatch):
    """The Daten page is written before the packages exist and its file tables filled in afterwards: a
    template that shows anything of the packages outside those blocks would publish a page MkDocs saw
    without it. The build refuses, naming the page, and the last good site stays."""
    from dataclasses import replace
    from generator.site.views import SiteViews
    city, site, before = small
    original = SiteViews.summaries

    def counting_files_in_the_citation(self):
        out = original(self)
        return [replace(e, citation=replace(e.citation, text=f"{e.citation.text} ({len(e.files)} Dateien)"))
                for e in out]
    monkeypatch.setattr(SiteViews, "summaries", counting_files_in_the_citation)
    with pytest.raises(BuildError, match=r"daten\.md.*nachher"):
        build(city.name, site, data_dir=city.parent, docs_dir=None)
    assert_untouched(site, before)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two renames"])
def test_swap_replaces_the_whole_tree(tmp_path, monkeypatch, exchange):
    if not exchange:
        import generator.swap as stage
        monkeypatch.setattr(stage, "exchange", lambda a, b: False)
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


def test_one_process_and_a_pool_of_three_write_the_same_bytes(tmp_path, epoch):
    """The pool splits packages and pages among its processes (three: uneven shares); each page and
    file must come out exactly as from a build in one process."""
    one, pool = tmp_path / "eins" / "site", tmp_path / "drei" / "site"
    build("oberhausen", one, docs_dir=tmp_path / "eins" / "docs", jobs=1)
    report = build("oberhausen", pool, docs_dir=tmp_path / "drei" / "docs", jobs=3)
    assert any("3 Prozesse" in stage for stage in report.timings)
    h1, h3 = tree_hashes(one), tree_hashes(pool)
    assert len(h1) > 300
    assert set(h1) == set(h3) and sorted(k for k in h1 if h1[k] != h3[k]) == []
    assert tree_hashes(tmp_path / "eins" / "docs") == tree_hashes(tmp_path / "drei" / "docs")


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


def test_a_forced_rebuild_with_unchanged_inputs_rewrites_no_file(tmp_path, epoch):
    site, docs = tmp_path / "site", tmp_path / "docs"
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=docs)
    mtimes = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")] if p.is_file()}
    os.utime(site, None)
    report = build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=docs, force=True)
    assert not report.unchanged and report.timings.get("mkdocs")
    after = {p: p.stat().st_mtime_ns for p in [*site.rglob("*"), *docs.rglob("*")] if p.is_file()}
    assert after == mtimes


def test_a_changed_file_of_the_same_size_gets_a_new_modification_time(small, tmp_path):
    """Only identical bytes keep the old time: a count changed from 7 to 8 leaves every file the same
    size, yet the files that show it are new (rsync and caches compare size and time)."""
    city, site, _ = small
    werte = city / "werte.csv"
    lines = werte.read_text(encoding="utf-8").splitlines()
    q, k, y, count, den = lines[1].split(",")
    first = int(count)
    same_digits = first + 1 if (first + 1) % 10 else first - 1  # same number of digits
    lines[1] = f"{q},{k},{y},{first},{den}"
    werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build("city", site, data_dir=city.parent, docs_dir=None, force=True)
    before = {p.relative_to(site): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
              for p in site.rglob("*") if p.is_file()}
    lines[1] = f"{q},{k},{y},{same_digits},{den}"
    werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build("city", site, data_dir=city.parent, docs_dir=None)
    changed_same_size = [rel for rel, (size, mtime, body) in before.items() if (site / rel).is_file()
                         and (site / rel).stat().st_size == size and (site / rel).read_bytes() != body]
    assert changed_same_size, "the change should leave some file the same size"
    stale = [str(rel) for rel in changed_same_size if (site / rel).stat().st_mtime_ns == before[rel][1]]
    assert stale == []


def test_an_unchanged_rebuild_is_skipped_without_running_mkdocs(tmp_path, epoch, monkeypatch, capsys):
    city = tmp_path / "data" / "city"
    shutil.copytree(MINIMAL, city)
    site, docs = tmp_path / "site", tmp_path / "docs"
    assert main(["build", "--data-dir", str(city.parent), "--city", "city", "--site-dir", str(site),
                 "--docs-dir", str(docs)]) == 0
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()}
    import generator.build as stage

    def must_not_run(*args, **kwargs):
        raise AssertionError("MkDocs ran although nothing changed")
    monkeypatch.setattr(stage, "run_mkdocs", must_not_run)
    monkeypatch.setattr(stage, "validate_city", must_not_run)
    capsys.readouterr()
    assert main(["build", "--data-dir", str(city.parent), "--city", "city", "--site-dir", str(site),
                 "--docs-dir", str(docs)]) == 0
    assert "Nichts geändert" in capsys.readouterr().out
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("change", ["input", "template", "address", "epoch", "site edited", "site deleted",
                                    "docs deleted"])
def test_any_change_rebuilds(tmp_path, epoch, monkeypatch, change):
    """Content, not time: each kind of change that can change the site makes the next build run."""
    city = tmp_path / "data" / "city"
    shutil.copytree(MINIMAL, city)
    site, docs = tmp_path / "site", tmp_path / "docs"
    build("city", site, data_dir=city.parent, docs_dir=docs)
    base_url = ""
    if change == "input":
        werte = city / "werte.csv"
        lines = werte.read_text(encoding="utf-8").splitlines()
        q, k, y, count, den = lines[1].split(",")
        lines[1] = f"{q},{k},{y},{int(count) + 3},{den}"
        werte.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif change == "template":
        templates = tmp_path / "templates"
        shutil.copytree(paths.TEMPLATES_DIR, templates)
        with (templates / "methodik.md.j2").open("a", encoding="utf-8") as f:
            f.write("\nNeuer Absatz.\n")
        monkeypatch.setattr(paths, "TEMPLATES_DIR", templates)
        import generator.site.env as env
        monkeypatch.setattr(env, "ENV", env.make_env())
    elif change == "address":
        base_url = "https://statistik.example.de/anders/"
    elif change == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700086400")
    elif change == "site edited":
        page = site / "index.html"
        page.write_text(page.read_text(encoding="utf-8") + "<!-- von Hand -->", encoding="utf-8")
    elif change == "site deleted":
        shutil.rmtree(site)
    elif change == "docs deleted":
        shutil.rmtree(docs)
    report = build("city", site, data_dir=city.parent, docs_dir=docs, base_url=base_url)
    assert not report.unchanged and report.timings.get("mkdocs")
    assert (site / "index.html").is_file() and (docs / "index.md").is_file()
    if change == "site edited":
        assert "von Hand" not in (site / "index.html").read_text(encoding="utf-8")
    again = build("city", site, data_dir=city.parent, docs_dir=docs, base_url=base_url)
    assert again.unchanged  # and the build after that has nothing to do


def test_the_site_is_old_or_new_at_every_step(small, tmp_path, monkeypatch):
    """Killing the build between any two file-system steps leaves either the complete old site or the
    complete new one (and never none): every step that touches the site's folder is checked."""
    city, site, old = small
    control = tmp_path / "control" / "site"
    build("city", control, data_dir=city.parent, docs_dir=None)
    new = tree_hashes(control)
    assert new != old
    site_str = str(site)
    states: list[str] = []

    def check(name, args):
        if any(isinstance(a, (str, os.PathLike)) and str(a).startswith(site_str) for a in args):
            now = tree_hashes(site) if site.is_dir() else None
            states.append(f"{name}: {'alt' if now == old else 'neu' if now == new else 'weder noch'}")
            assert now in (old, new), f"nach {name}{args}: die Website ist weder die alte noch die neue"

    def watched(name, fn):
        def call(*args, **kwargs):
            result = fn(*args, **kwargs)
            check(name, args)
            return result
        return call
    for mod, name in ((os, "replace"), (os, "rename"), (os, "remove"), (os, "unlink"), (os, "rmdir"),
                      (shutil, "rmtree"), (shutil, "copytree"), (shutil, "move"), (shutil, "copy2")):
        monkeypatch.setattr(mod, name, watched(f"{mod.__name__}.{name}", getattr(mod, name)))
    import generator.swap as stage
    monkeypatch.setattr(stage, "exchange", watched("exchange", stage.exchange))
    build("city", site, data_dir=city.parent, docs_dir=None)
    assert tree_hashes(site) == new
    assert any(s.endswith("neu") for s in states), states


def test_a_build_that_died_between_two_renames_is_repaired(tmp_path, epoch):
    """Where the file system cannot exchange two folders, the swap is two renames; a build killed
    between them leaves the old site beside its place, and the next build puts it back first."""
    site = tmp_path / "site"
    build("minimal-city", site, data_dir=MINIMAL.parent, docs_dir=None)
    old = tree_hashes(site)
    os.replace(site, tmp_path / "site.alt-4711")  # the state after the first rename
    from generator.swap import recover
    recover(site)
    assert tree_hashes(site) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.fingerprint.json", "site"]


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
