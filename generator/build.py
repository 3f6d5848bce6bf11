"""The one place that states the order of the stages, and atomic output.

    inputs (read, validate) → index → publish (tables, packages, catalogue) → site (maps, pages)
    → mkdocs build → swap into place

Everything is built in a temporary folder beside the target; only when every stage has
succeeded is the new site swapped in, with one atomic exchange of the two folders. A failed build,
of whatever kind, leaves the last good site untouched; a reader or a web server sees either the
old site or the new one, never a mix and never nothing.

An unchanged rebuild is skipped: the build records a fingerprint of everything the site is made
from (the city's input files, the templates, the generator's code, the installed versions of the
packages it uses, the public address and SOURCE_DATE_EPOCH) and of the site it wrote; when both
still hold, nothing is built again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import platform
import shutil
import tempfile
import time
from importlib import metadata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import paths
from .errors import InputError, Problem
from .index.edition import compute_all
from .inputs.validate import validate_city
from .model.address import PublicAddress
from .model.outputs import inside
from .model.records import CityData, Manifest
from .publish.dcat import write_catalogue
from .publish.package import build_package, build_packages
from .publish.tables import published_all
from .site.assets import copy_assets, write_map_data
from .site import late
from .site.mkdocs import run_mkdocs, write_config
from .site.pages import SitePages
from .site.views import SiteViews
from .swap import keep_unchanged_mtimes, move_into, recover as _recover, swap as _swap


@dataclass
class BuildReport:
    site_dir: Path
    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    notes: list = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last build: the site was left as it was


class _Timer:
    def __init__(self, report: BuildReport):
        self.report = report

    def add(self, stage: str, seconds: float) -> None:
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + seconds

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


def processes(jobs: int | None = None) -> int:
    """How many processes a build uses: ``jobs`` (``--jobs``), else SOZIALBERICHT_PROZESSE, else every
    core this process may run on. One means no process pool at all."""
    if jobs is None:
        jobs = int(os.environ.get("SOZIALBERICHT_PROZESSE", "0") or 0)
    if jobs <= 0:
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if "fork" not in mp.get_all_start_methods():  # workers inherit the computed state; without fork: one
        return 1
    return max(1, jobs)


_WORK: dict = {}  # what the forked workers inherit: set before the pool starts


def _package_job(year: int) -> tuple[int, Manifest, float]:
    w, start = _WORK, time.perf_counter()
    manifest = build_package(w["data"], w["results"][year], w["tables"][year], inside(w["files"], str(year)),
                             w["address"])
    return year, manifest, time.perf_counter() - start


def _render_job(jobs: list[tuple]) -> tuple[list[str], set[str], float]:
    """Pages in a worker; their figures' files wait in the worker (``pending_figures``) for ``_figure_job``."""
    pages, start = _WORK["pages"], time.perf_counter()
    pages.written, pages.templates_used = [], set()
    pages.defer_figures = True
    for job in jobs:
        pages.run(job)
    return pages.written, pages.templates_used, time.perf_counter() - start


def _figure_job(_: int) -> float:
    """The figure files this worker's pages made. One such job per worker, queued right behind the
    pages: each waits at the barrier until every worker holds one, so no worker takes two and none is
    left out. The files stay in the worker that made them (nothing is sent between processes); a
    figure two workers made (the latest edition's figures on its archive start page) is the same
    figure, written by replacing the file in one step."""
    _WORK["barrier"].wait(timeout=600)
    pages, start = _WORK["pages"], time.perf_counter()
    pages.write_figure_files(pages.pending_figures, atomic=True)
    pages.pending_figures = []
    return time.perf_counter() - start


def _fill_job(files: list[Path]) -> float:
    start = time.perf_counter()
    for kept in files:
        late.fill_page(_WORK["site"], _WORK["late"], kept)
    return time.perf_counter() - start


def _chunks(items: list, n: int) -> list[list]:
    """``items`` in about ``n`` contiguous pieces (neighbouring pages share their caches)."""
    size = max(1, -(-len(items) // max(1, n)))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _pool(n: int):
    return ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("fork"))


class Pending:
    """The data packages, written while MkDocs builds the pages (in the process pool, or on ``finish``
    in a one-process build); ``finish`` waits for them, writes the catalogue and fills the final pages'
    file tables (``SitePages.final_blocks``)."""

    def __init__(self, generate_args: tuple, pool=None):
        self.data, self.results, self.tables, self.files, self.address, self.views, self.pages, self.timer = generate_args
        self.pool = pool
        self.figure_futures: list = []  # one per worker (_figure_job)
        self.package_futures: list = []  # one per edition (_package_job)

    def finish(self) -> None:
        timer = self.timer
        try:
            if self.pool is None:
                manifests = timer("packages", build_packages, self.data, self.results, self.tables, self.files,
                                  self.address)
            else:
                start, manifests = time.perf_counter(), {}
                for f in self.figure_futures:
                    timer.add("figure files (Summe der Prozesse)", f.result())
                for f in self.package_futures:
                    year, manifest, seconds = f.result()
                    manifests[year] = manifest
                    timer.add("packages (Summe der Prozesse)", seconds)
                timer.add("packages + figure files (Warten nach MkDocs)", time.perf_counter() - start)
                manifests = {year: manifests[year] for year in self.results}
        finally:
            self.close()
        timer("catalogue", write_catalogue, self.data, self.results, manifests, self.address, self.files)
        self.views.manifests = manifests
        timer("render", self.pages.final_blocks)

    def close(self) -> None:
        if self.pool is not None:
            for f in self.figure_futures + self.package_futures:
                f.cancel()
            if "barrier" in _WORK:  # a build that failed: no worker may wait for one that is gone
                _WORK["barrier"].abort()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
            _WORK.clear()


def generate(data: CityData, staging: Path, timer: _Timer, address: PublicAddress,
             jobs: int = 1) -> tuple[SitePages, Pending]:
    """Stages index → publish → site: every page's Markdown, and the data packages under way.

    Markdown goes to staging/docs (for MkDocs); data packages and other finished files to
    staging/static, which is copied into the built site as it is (MkDocs would turn a
    package's README.md into a page). With ``jobs`` > 1 the pages are written by that many processes
    at once, then the packages, while MkDocs runs; the pages that list the packages' files get those
    files afterwards (``Pending.finish``). The result is the same, byte for byte, with any ``jobs``.
    """
    docs, static = staging / "docs", staging / "static"
    files = static / paths.DATA_URL
    results = timer("indices", compute_all, data)
    tables = timer("tables", published_all, data, results)
    timer("maps", write_map_data, data, tables, docs)
    timer("assets", copy_assets, docs, static)
    views = SiteViews(data, results, tables, {}, address)
    pages = SitePages(views, docs, static, staging / "late")
    args = (data, results, tables, files, address, views, pages, timer)
    if jobs <= 1:
        for job in timer("render", pages.jobs):
            timer("render", pages.run, job)
        timer("render", pages.final_pages)
        return pages, Pending(args)
    _WORK.update(data=data, results=results, tables=tables, files=files, address=address, pages=pages,
                 barrier=mp.get_context("fork").Barrier(jobs))
    start = time.perf_counter()
    pool = _pool(jobs)
    pending = Pending(args, pool)
    try:
        rendered = [pool.submit(_render_job, chunk) for chunk in _chunks(pages.jobs(), 4 * jobs)]
        # queued behind the pages, one per worker: they run while MkDocs runs, and the packages too
        pending.figure_futures = [pool.submit(_figure_job, i) for i in range(jobs)]
        pending.package_futures = [pool.submit(_package_job, year) for year in results]
        for f in rendered:
            written, used, seconds = f.result()
            pages.written += written
            pages.templates_used |= used
            timer.add("render (Summe der Prozesse)", seconds)
        timer.add(f"render ({jobs} Prozesse)", time.perf_counter() - start)
        timer("render", pages.final_pages)
    except BaseException:
        pending.close()
        raise
    return pages, pending


def fill_late(site: Path, late_dir: Path, jobs: int) -> None:
    """Put the blocks kept from MkDocs into the built pages (late.py), in ``jobs`` processes."""
    kept = late.kept_files(late_dir)
    if jobs <= 1 or len(kept) < 50:
        for f in kept:
            late.fill_page(site, late_dir, f)
        return
    _WORK.update(site=site, late=late_dir)
    try:
        with _pool(jobs) as pool:
            for f in [pool.submit(_fill_job, chunk) for chunk in _chunks(kept, 2 * jobs)]:
                f.result()
    finally:
        _WORK.clear()


FINGERPRINT_VERSION = 1


def _hash_tree(h, root: Path, pattern: str = "*") -> None:
    """Every file below ``root`` (sorted), by relative path and content."""
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def _packages() -> list[str]:
    """The installed versions of the packages the build runs on (a new MkDocs may write other pages)."""
    try:
        wanted = [r.split(";")[0] for r in metadata.requires("sozialbericht") or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        wanted = []
    out = []
    for req in wanted:
        name = req.replace(" ", "").split("=")[0].split("<")[0].split(">")[0].split("[")[0]
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}: fehlt")
    return sorted(out)


def input_fingerprint(city_directory: Path, address: str, docs_dir: Path | None) -> str:
    """Everything a site is made from: a content hash, not file times."""
    h = hashlib.sha256(f"v{FINGERPRINT_VERSION}\0{address}\0{docs_dir}\0".encode())
    h.update(json.dumps({k: v for k, v in sorted(os.environ.items())
                         if k == "SOURCE_DATE_EPOCH" or k.startswith("SOZIALBERICHT_")}).encode())
    h.update(f"{platform.python_version()}\0{_packages()}".encode())
    for root, pattern in ((city_directory, "*"), (paths.TEMPLATES_DIR, "*"), (paths.ROOT / "generator", "*.py")):
        h.update(f"\0{root.name}\0".encode())
        _hash_tree(h, root, pattern)
    h.update(paths.BASE_MKDOCS.read_bytes())
    return h.hexdigest()


def output_signature(*dirs: Path | None) -> str:
    """What the built trees look like now (path, size, modification time): a site someone changed or
    deleted since the last build is built again."""
    h = hashlib.sha256()
    for d in dirs:
        if d is None:
            continue
        h.update(f"\0{d}\0".encode())
        if not d.is_dir():
            h.update(b"missing")
            continue
        lines: list[str] = []
        _walk_signature(os.fspath(d), "", lines)
        lines.sort()
        h.update("".join(lines).encode())
    return h.hexdigest()


def _walk_signature(top: str, rel: str, lines: list[str]) -> None:
    """One line per entry below ``top`` (os.scandir: the sizes and times come with the listing)."""
    with os.scandir(top) as it:
        for entry in it:
            path = f"{rel}{entry.name}"
            st = entry.stat(follow_symlinks=False)
            is_dir = entry.is_dir(follow_symlinks=False)
            lines.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{is_dir}\n")
            if is_dir:
                _walk_signature(entry.path, path + "/", lines)


def _read_fingerprint(site_dir: Path) -> dict:
    try:
        return json.loads(paths.fingerprint_file(site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_fingerprint(site_dir: Path, record: dict) -> None:
    target = paths.fingerprint_file(site_dir)
    tmp = target.with_name(target.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def build(city: str = paths.DEFAULT_CITY, site_dir: Path = paths.SITE_DIR, data_dir: Path | None = None,
          docs_dir: Path | None = paths.DOCS_DIR, base_url: str = "", data: CityData | None = None,
          force: bool = False, jobs: int | None = None) -> BuildReport:
    """Build the complete site of ``city`` into ``site_dir`` (and its Markdown into ``docs_dir``).

    Unless ``force``, a build whose inputs, templates, code, packages and settings are those of the
    last build into ``site_dir``, and whose output nobody has changed since, is skipped
    (``report.unchanged``). ``data`` (already validated) always builds. ``jobs``: processes
    (``processes``); the site is the same with any number.
    """
    n = processes(jobs)
    site_dir = Path(site_dir).resolve()
    docs_dir = Path(docs_dir).resolve() if docs_dir is not None else None
    report = BuildReport(site_dir)
    timer = _Timer(report)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover(site_dir)
    if docs_dir is not None:
        _recover(docs_dir)
    fingerprint = ""
    if data is None:
        directory = paths.city_dir(city, data_dir)
        fingerprint = timer("fingerprint", input_fingerprint, directory.resolve(), base_url, docs_dir)
        last = _read_fingerprint(site_dir)
        if (not force and last.get("inputs") == fingerprint
                and last.get("outputs") == output_signature(site_dir, docs_dir)):
            report.unchanged, report.pages = True, last.get("pages", 0)
            return report
        data = timer("validate", validate_city, directory)
    report.notes = data.notes
    address = public_address(data, base_url)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.tmp-", dir=site_dir.parent))
    try:
        docs = staging / "docs"
        pages, pending = generate(data, staging, timer, address, n)
        report.pages = len(pages.written)
        try:
            config_file = staging / "mkdocs.yml"
            write_config(data.city, docs, staging / "site", config_file, address)
            timer("mkdocs", run_mkdocs, config_file)
            pending.finish()
        finally:
            pending.close()
        timer("fill", fill_late, staging / "site", staging / "late", n)
        timer("static", move_into, staging / "static", staging / "site")
        timer("mtimes", keep_unchanged_mtimes, staging / "site", site_dir)
        timer("swap", _swap, staging / "site", site_dir)
        if docs_dir is not None:
            timer("mtimes", keep_unchanged_mtimes, docs, docs_dir)
            if docs_dir.exists():
                for keep in (".gitkeep",):
                    if (docs_dir / keep).exists():
                        shutil.copy2(docs_dir / keep, docs / keep)
            timer("swap", _swap, docs, docs_dir)
    finally:
        timer("cleanup", shutil.rmtree, staging, ignore_errors=True)
    if fingerprint:
        outputs = timer("fingerprint", output_signature, site_dir, docs_dir)
        timer("fingerprint", _write_fingerprint, site_dir, {"inputs": fingerprint, "outputs": outputs,
                                                            "pages": report.pages})
    return report
