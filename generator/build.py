"""The one place that states the order of the stages, and atomic output.

    inputs (read, validate) → index → publish (tables, packages, catalogue) → site (maps, pages)
    → mkdocs build → swap into place

Everything is built in a temporary folder beside the target; only when every stage has
succeeded is the new site swapped in. A failed build, of whatever kind, leaves the last good
site untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import paths
from .errors import InputError, Problem
from .index.edition import compute_all
from .inputs.validate import validate_city
from .model.address import PublicAddress
from .model.records import CityData
from .publish.dcat import write_catalogue
from .publish.package import build_packages
from .publish.tables import published_all
from .site.assets import copy_assets, write_map_data
from .site.mkdocs import run_mkdocs, write_config
from .site.pages import SitePages
from .site.views import SiteViews


@dataclass
class BuildReport:
    site_dir: Path
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    notes: list = field(default_factory=list)


class _Timer:
    def __init__(self, report: BuildReport):
        self.report = report

    def __call__(self, stage: str, fn: Callable, *args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.report.timings[stage] = self.report.timings.get(stage, 0.0) + time.perf_counter() - start


def public_address(data: CityData, base_url: str = "") -> PublicAddress:
    """--base-url if given, else the city's homepage: one address for every link and citation."""
    url = base_url or data.city.homepage
    if not PublicAddress.is_valid(url):
        raise InputError([Problem("--base-url" if base_url else paths.CITY_CONFIG,
                                  f"„{url}“ ist keine Web-Adresse.",
                                  "Geben Sie die öffentliche Adresse der Website an, z. B. "
                                  "https://statistik.example.de/sozialbericht/.",
                                  field=None if base_url else "homepage", code="address-invalid")])
    return PublicAddress.of(url)


def generate(data: CityData, staging: Path, timer: _Timer, address: PublicAddress) -> int:
    """Stages index → publish → site; returns the number of pages.

    Markdown goes to staging/docs (for MkDocs); data packages and other finished files to
    staging/static, which is copied into the built site as it is (MkDocs would turn a
    package's README.md into a page).
    """
    docs, static = staging / "docs", staging / "static"
    files = static / paths.DATA_URL
    results = timer("indices", compute_all, data)
    tables = timer("packages", published_all, data, results)
    manifests = timer("packages", build_packages, data, results, tables, files, address)
    timer("packages", write_catalogue, data, results, manifests, address, files)
    timer("maps", write_map_data, data, tables, docs)
    timer("render", copy_assets, docs, static)
    pages = SitePages(SiteViews(data, results, tables, manifests, address), docs, static)
    return len(timer("render", pages.render_all))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with two renames; the old tree is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.alt-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def keep_unchanged_mtimes(new: Path, old: Path) -> None:
    """Files with identical bytes keep the old modification time: a rebuild with the same
    inputs changes nothing a file-watcher or rsync would notice."""
    if not old.is_dir():
        return
    for path in new.rglob("*"):
        if path.is_file():
            before = old / path.relative_to(new)
            try:
                if before.is_file() and before.stat().st_size == path.stat().st_size and before.read_bytes() == path.read_bytes():
                    st = before.stat()
                    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            except OSError:
                pass


def build(city: str = paths.DEFAULT_CITY, site_dir: Path = paths.SITE_DIR, data_dir: Path | None = None,
          docs_dir: Path | None = paths.DOCS_DIR, base_url: str = "", data: CityData | None = None) -> BuildReport:
    """Build the complete site of ``city`` into ``site_dir`` (and its Markdown into ``docs_dir``)."""
    site_dir = Path(site_dir).resolve()
    report = BuildReport(site_dir)
    timer = _Timer(report)
    if data is None:
        data = timer("validate", validate_city, paths.city_dir(city, data_dir))
    report.notes = data.notes
    address = public_address(data, base_url)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        docs = staging / "docs"
        report.pages = generate(data, staging, timer, address)
        config_file = staging / "mkdocs.yml"
        write_config(data.city, docs, staging / "site", config_file, address)
        timer("mkdocs", run_mkdocs, config_file)
        shutil.copytree(staging / "static", staging / "site", dirs_exist_ok=True)
        keep_unchanged_mtimes(staging / "site", site_dir)
        _swap(staging / "site", site_dir)
        if docs_dir is not None:
            docs_dir = Path(docs_dir).resolve()
            keep_unchanged_mtimes(docs, docs_dir)
            if docs_dir.exists():
                for keep in (".gitkeep",):
                    if (docs_dir / keep).exists():
                        shutil.copy2(docs_dir / keep, docs / keep)
            _swap(docs, docs_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report
