"""Screenshots of the start page and one quarter page at phone and desktop size.

    python -m generator.tools.screenshots [--site site] [--out screenshots] [--quarter innenstadt]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from .serve import launch, serve

SIZES = {"handy": (390, 844), "desktop": (1280, 800)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--site", type=Path, default=paths.SITE_DIR)
    p.add_argument("--out", type=Path, default=paths.ROOT / "screenshots")
    p.add_argument("--quarter", default=None, help="Quartier-ID (Voreinstellung: das erste)")
    p.add_argument("--full-page", action="store_true")
    args = p.parse_args(argv)
    quarter = args.quarter or sorted(d.name for d in (args.site / paths.QUARTERS_URL).iterdir() if d.is_dir())[0]
    args.out.mkdir(parents=True, exist_ok=True)
    pages = {"start": "", "quartier": f"{paths.QUARTERS_URL}/{quarter}/"}
    from playwright.sync_api import sync_playwright  # a test dependency: imported only when used

    with serve(args.site) as base, sync_playwright() as pw:
        browser = launch(pw)
        for size, (w, h) in SIZES.items():
            ctx = browser.new_context(viewport={"width": w, "height": h})
            page = ctx.new_page()
            for name, rel in pages.items():
                page.goto(base + rel, wait_until="networkidle")
                target = args.out / f"{name}-{size}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)
            ctx.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
