"""Benchmarks (not timed tests): the engine on 100,000 areas, and whole builds of synthetic cities.

    python -m generator.tools.bench [--engine-only] [--sizes 27,500,2000] [--out bench-results/bench.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..index import engine
from ..index.settings import IndexSettings


def bench_engine(n: int = 100_000, k: int = 7, repeats: int = 5) -> dict:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.gamma(2.0, 5.0, size=(n, 2 * k)),
                         columns=[f"s{i}" for i in range(k)] + [f"d{i}" for i in range(k)],
                         index=pd.Index([f"{i:06d}" for i in range(n)]))
    frame["einwohner"] = rng.integers(0, 20_000, n)
    settings = IndexSettings(status_columns=tuple(f"s{i}" for i in range(k)),
                             dynamics_columns=tuple(f"d{i}" for i in range(k)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        engine.compute(frame, settings)
        times.append(time.perf_counter() - start)
    return {"areas": n, "indicators": k, "repeats": repeats, "median_s": statistics.median(times), "min_s": min(times)}


def bench_build(n: int, workdir: Path) -> dict:
    from ..build import build, processes, public_address
    from ..datasets.synthetic import make_city
    from ..site.mkdocs import run_mkdocs, write_config

    data_dir = workdir / "data"
    make_city(data_dir / f"synth-{n}", n)
    site = workdir / f"site-{n}"
    docs = workdir / f"docs-{n}"
    start = time.perf_counter()
    report = build(f"synth-{n}", site, data_dir=data_dir, docs_dir=docs)
    total = time.perf_counter() - start
    # A bare mkdocs build of the same generated docs (the cost MkDocs alone has).
    bare_cfg = workdir / f"bare-{n}.yml"
    from ..inputs.validate import validate_city
    data = validate_city(data_dir / f"synth-{n}")
    write_config(data.city, docs, workdir / f"bare-site-{n}", bare_cfg, public_address(data))
    start = time.perf_counter()
    run_mkdocs(bare_cfg)
    bare = time.perf_counter() - start
    pages = sorted((site / paths.QUARTERS_URL).glob("*/index.html"))
    raw = [p.stat().st_size for p in pages]
    gz = [len(gzip.compress(p.read_bytes(), 6)) for p in pages]
    return {"areas": n, "pages": report.pages, "processes": processes(),
            "stages_s": {k: round(v, 3) for k, v in report.timings.items()},
            "stages_ms_per_area": {k: round(1000 * v / n, 2) for k, v in report.timings.items()},
            "total_s": round(total, 3), "bare_mkdocs_s": round(bare, 3), "ratio_total_to_bare": round(total / bare, 3),
            "s_per_area": round(total / n, 5), "quarter_page_bytes_max": max(raw), "quarter_page_gzip_max": max(gz),
            "quarter_page_bytes_median": int(statistics.median(raw)), "quarter_page_gzip_median": int(statistics.median(gz))}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--engine-only", action="store_true")
    p.add_argument("--sizes", default="27,500,2000")
    p.add_argument("--out", type=Path, default=paths.ROOT / "bench-results" / "bench.json")
    args = p.parse_args(argv)
    out: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}}
    out["engine"] = bench_engine()
    print(f"Engine, {out['engine']['areas']:,} Gebiete × {out['engine']['indicators']} Indikatoren: "
          f"Median {out['engine']['median_s']:.3f} s")
    if not args.engine_only:
        work = Path(tempfile.mkdtemp(prefix="sozialbericht-bench-"))
        try:
            out["builds"] = []
            for n in (int(x) for x in args.sizes.split(",")):
                r = bench_build(n, work)
                out["builds"].append(r)
                print(f"N={n:5d}: gesamt {r['total_s']:7.1f} s, mkdocs allein {r['bare_mkdocs_s']:6.1f} s, "
                      f"Verhältnis {r['ratio_total_to_bare']:.2f}, {r['s_per_area'] * 1000:.1f} ms/Gebiet, "
                      f"Seite max {r['quarter_page_gzip_max'] / 1024:.1f} KB gzip; Stufen {r['stages_s']}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"geschrieben: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
