"""Bytes a reader transfers for one page on a first visit (empty cache), before any interaction.

Counts every response the browser requests for the page; "gzip" is what a server compressing
text responses (HTML, CSS, JS, JSON, SVG) would send, PNG/ICO and ZIP stay as they are.

    python -m generator.tools.pageweight [--site site] [--page quartiere/innenstadt/]
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

from .. import paths
from .serve import launch, serve

TEXT = (".html", ".css", ".js", ".json", ".svg", ".geojson", ".xml", "/")


def measure(site: Path, page: str, click_map: bool = False, prefix: str = "/", browser=None) -> dict:
    """``browser``: a running Playwright browser to use (tests share theirs); else one is started."""
    if browser is None:
        from playwright.sync_api import sync_playwright  # a test dependency: imported only when used

        with sync_playwright() as pw:
            own = launch(pw)
            try:
                return measure(site, page, click_map, prefix, own)
            finally:
                own.close()
    with serve(site, prefix) as base:
        ctx = browser.new_context(viewport={"width": 390, "height": 844})
        tab = ctx.new_page()
        urls: list[str] = []
        tab.on("requestfinished", lambda r: urls.append(r.url))
        tab.goto(base + page, wait_until="networkidle")
        if click_map:
            tab.get_by_role("button", name="Interaktive Karte laden").click()
            tab.wait_for_timeout(3000)
        ctx.close()
    rows = []
    for url in urls:
        rel = urlparse(url).path.removeprefix(prefix if prefix.endswith("/") else prefix + "/").removeprefix("/")
        path = site / rel
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        body = path.read_bytes()
        compressible = rel.endswith(TEXT) or rel == "" or path.name == "index.html"
        rows.append({"url": rel or "/", "bytes": len(body),
                     "gzip": len(gzip.compress(body, 6)) if compressible else len(body)})
    return {"page": page, "requests": len(rows), "bytes": sum(r["bytes"] for r in rows),
            "gzip": sum(r["gzip"] for r in rows), "files": rows}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--site", type=Path, default=paths.SITE_DIR)
    p.add_argument("--page", default="quartiere/innenstadt/")
    p.add_argument("--click-map", action="store_true", help="auch die interaktive Karte laden")
    args = p.parse_args(argv)
    result = measure(args.site, args.page, args.click_map)
    for row in result["files"]:
        print(f"{row['gzip'] / 1024:8.1f} KB gzip {row['bytes'] / 1024:8.1f} KB  {row['url']}")
    print(json.dumps({k: v for k, v in result.items() if k != "files"}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
