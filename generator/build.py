"""Stage 7 — build: the one place that states the order of the stages, and atomic output.

    load → validate → indices → package → maps → render → mkdocs build → swap into place

Everything is built in a temporary folder beside the target; only when every stage has
succeeded is the new site swapped in. A failed build leaves the last good site untouched.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from . import indices, package, paths, render
from .errors import BuildError
from .validate import CityData, validate_city


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


def mkdocs_config(data: CityData, docs: Path, site: Path, config_path: Path) -> dict:
    """The base mkdocs.yml plus what belongs to this city (name, nav, texts)."""
    base = yaml.safe_load(paths.BASE_MKDOCS.read_text(encoding="utf-8"))
    cfg = copy.deepcopy(base)
    c = data.city
    g = c.gebiete
    cfg.update({
        "site_name": c.titel,
        "site_description": c.untertitel or c.titel,
        "site_url": c.homepage,
        "docs_dir": os.path.relpath(docs, config_path.parent),
        "site_dir": os.path.relpath(site, config_path.parent),
        "copyright": f"Herausgeber: {c.herausgeber.name}",
        "nav": [
            {"Start": "index.md"},
            {g: f"{paths.QUARTERS_URL}/index.md"},
            {"Indikatoren": f"{paths.INDICATORS_URL}/index.md"},
            {"Methodik": "methodik.md"},
            {"Daten": "daten.md"},
            {"Berichtsausgaben": f"{paths.EDITIONS_URL}/index.md"},
            {"Über diese Website": ["barrierefreiheit.md", "leichte-sprache.md", "impressum.md", "datenschutz.md"]},
        ],
    })
    cfg["theme"]["custom_dir"] = os.path.relpath(paths.TEMPLATES_DIR / "overrides", config_path.parent)
    cfg["extra"] = {**cfg.get("extra", {}), "datenstand": c.datenstand,
                    "datenstand_kurz": "Diese Website zeigt keine amtlichen Zahlen." if c.is_demo else "",
                    "datenstand_link": "",
                    "namensnennung": list(c.namensnennung)}
    return cfg


def run_mkdocs(config_file: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    # MkDocs logs through "mkdocs"; count warnings ourselves so --strict failures carry the text.
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        mkdocs_build(cfg)
    except (Abort, ConfigurationError, SystemExit) as exc:
        raise BuildError("mkdocs build --strict ist fehlgeschlagen:\n  " + "\n  ".join(messages or [str(exc)])) from None
    finally:
        logger.removeHandler(handler)
    if messages:
        raise BuildError("mkdocs build --strict meldet Warnungen:\n  " + "\n  ".join(messages))


def generate(data: CityData, staging: Path, timer: _Timer, base_url: str = "") -> int:
    """Stages indices → package → maps → render; returns the number of pages.

    Markdown goes to staging/docs (for MkDocs); data packages and other finished files to
    staging/static, which is copied into the built site as it is (MkDocs would turn a
    package's README.md into a page).
    """
    docs, static = staging / "docs", staging / "static"
    files = static / paths.DATA_URL
    results = timer("indices", indices.compute_all, data)
    tables = {}
    for year, res in results.items():
        tables[year] = timer("packages", package.build_package, data, res, files / str(year), base_url)
    timer("packages", package.write_dcat, data, results, files, base_url)
    timer("maps", render.write_map_data, data, tables, docs)
    timer("render", render.copy_assets, docs, static)
    renderer = render.SiteRenderer(data, results, tables, docs, static)
    return len(timer("render", renderer.render_all))


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
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        docs = staging / "docs"
        report.pages = generate(data, staging, timer, base_url)
        config_file = staging / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(mkdocs_config(data, docs, staging / "site", config_file),
                                              allow_unicode=True, sort_keys=False), encoding="utf-8")
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
