"""The reader over a whole built site: every page read once, every check run, one report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import comparisons, placeholders
from .city import City, load, split_path
from .page import Page, read, sentences
from .report import Report


@dataclass
class Seen:
    """What site-wide checks need from the pages (kept small: the Berlin site has 12,000 pages)."""
    comparisons: list[comparisons.Comparison] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)   # pages kept whole: start, changes, quarter pages
    quarters: dict[tuple[int, str], dict] = field(default_factory=dict)


def kind(rel: str, city: City) -> tuple[int, str, str | None]:
    """(edition, kind, quarter id) of a page path: kind is quarter, changes, start, method or other."""
    year, inner = split_path(rel, city)
    if rel.startswith("einbetten/"):
        return year, "embed", None
    if m := re.fullmatch(r"quartiere/([^/]+)/index\.html", inner):
        return year, ("quarter" if m.group(1) in city.quarters else "other"), m.group(1)
    if inner == "veraenderungen/index.html":
        return year, "changes", None
    if inner == "index.html":
        return year, "start", None
    return year, "other", None


def check_page(page: Page, report: Report, seen: Seen | None = None) -> None:
    """The checks that need one page only."""
    found = []
    for block in page.prose:
        for s in sentences(block.text):
            found += comparisons.in_sentence(s, page.where)
    for table in page.tables:
        for row in table.rows[1:]:
            found += comparisons.in_row(table.header, row, page.where)
    for c in found:
        check = ("vergleich-unbekannt" if c.claim.kind == "unknown" else
                 "vergleich-ohne-zahlen" if c.a is None else
                 "vergleich-differenz" if c.claim.kind == "difference" else "vergleich-band")
        report.saw(check)
        if c.problem:
            pair = f"{c.a.text} {c.a.unit} gegenüber {c.b.text} {c.b.unit}: " if c.a is not None else ""
            report.add(check, page.where, f"„{c.claim.phrase}“ – {pair}{c.problem} – in: {c.context[:160]}")
    if seen is not None:
        seen.comparisons += found
    placeholders.check_page(page, report)


def check_consistency(seen: Seen, report: Report) -> None:
    pairs = comparisons.inconsistent(seen.comparisons)
    report.saw("vergleich-uneinheitlich", len({c.key for c in seen.comparisons if c.key}))
    for (a, b), phrases in sorted(pairs.items()):
        detail = "; ".join(f"„{p}“ ({len(w)}×, z. B. {w[0]})" for p, w in phrases.items())
        report.add("vergleich-uneinheitlich", "Website", f"{a} gegenüber {b}: {detail}")


def check_site(site: Path, city_dir: Path) -> Report:
    """Every page of the built site read once and judged; then the site-wide checks."""
    site = Path(site)
    city = load(city_dir)
    report, seen = Report(), Seen()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        page = read(path.read_text(encoding="utf-8"), rel)
        check_page(page, report, seen)
        if kind(rel, city)[1] in ("changes", "start"):
            seen.pages[rel] = page
    check_consistency(seen, report)
    placeholders.check_files(site, report)
    return report
