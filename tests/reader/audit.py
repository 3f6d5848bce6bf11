"""The reader over a whole built site: every page read once, every check run, one report."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import changes, classes, comparisons, fokus, placeholders
from .city import City, load, split_path
from .grammar import Grammar
from .page import Page, read, sentences
from .report import Report


@dataclass
class Seen:
    """What the site-wide checks need (kept small: the Berlin site has 12,000 pages)."""
    comparisons: list[comparisons.Comparison] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)      # start, changes and Fokus overview pages
    facts: dict[tuple[int, str], dict] = field(default_factory=dict)  # (edition, quarter name) → facts


def kind(rel: str, city: City) -> tuple[int, str, str | None]:
    """(edition, kind, quarter id) of a page: kind is quarter, changes, start, fokus, embed or other."""
    year, inner = split_path(rel, city)
    if rel.startswith("einbetten/"):
        return year, "embed", None
    if m := re.fullmatch(r"quartiere/([^/]+)/index\.html", inner):
        return year, ("quarter" if m.group(1) in city.quarters else "other"), m.group(1)
    if inner == "veraenderungen/index.html":
        return year, "changes", None
    if inner == "fokusquartiere/index.html":
        return year, "fokus", None
    if inner == "index.html":
        return year, "start", None
    return year, "other", None


def published_names(site: Path) -> set[str]:
    """Field names, declared values and resource names of the site's data packages."""
    out: set[str] = set()
    for path in site.glob("daten/*/datapackage.json"):
        pkg = json.loads(path.read_text(encoding="utf-8"))
        for res in pkg.get("resources", []):
            out.add(res.get("name", ""))
            for f in res.get("schema", {}).get("fields", []):
                out.add(f["name"])
                out.update(str(v) for v in f.get("constraints", {}).get("enum", []))
    return out


class Reader:
    """The checks with what they need to know of the city (its input files) and the site."""

    def __init__(self, city: City, published: set[str] = frozenset(), method_knapp=None):
        self.city = city
        self.grammar = Grammar(city, set(published))
        self.method_knapp = method_knapp
        self.report = Report()
        self.seen = Seen()

    def page(self, page: Page) -> None:
        """Every check that needs this page only; the facts the site-wide checks need are kept."""
        report = self.report
        year, k, qid = kind(page.where, self.city)
        k = "forward" if page.forward else k
        check_comparisons(page, report, self.seen)
        placeholders.check_page(page, report)
        self.grammar.page(page, report)
        classes.check_deviations(page, report)
        if k == "quarter":
            edition = self.city.editions[year]
            facts = classes.check_quarter(page, edition, self.city, report, self.method_knapp)
            name = self.city.quarters[qid][0]
            self.seen.facts[(year, name)] = facts
            fokus.check_fokus(page, edition, self.city, facts, report)
        elif k in ("changes", "start", "fokus"):
            self.seen.pages[page.where] = page

    def finish(self) -> Report:
        report, city = self.report, self.city
        check_consistency(self.seen, report)
        years = sorted(city.editions)
        for rel, page in self.seen.pages.items():
            year, k, _ = kind(rel, city)
            if k == "changes" and year in years and years.index(year) > 0:
                old = years[years.index(year) - 1]
                start = self.seen.pages.get(city.edition_dir(year) + "index.html")
                rule = classes.knapp_rule("\n".join(page.lines)) or self.method_knapp
                changes.check_changes(page, year, old, city, self.seen.facts, report, rule, start)
            elif k == "fokus":
                self.fokus_overview(page, year)
        return report

    def fokus_overview(self, page: Page, year: int) -> None:
        """The Fokus overview: each quarter's section judged against that quarter's own page."""
        blocks = page.prose
        names = {n for (y, n) in self.seen.facts if y == year}
        for i, b in enumerate(blocks):
            if b.level and b.text in names:
                part = [b]
                for c in blocks[i + 1:]:
                    if c.level and c.level <= b.level:
                        break
                    part.append(c)
                sub = Page(f"{page.where} ({b.text})", blocks=part)
                classes.check_distances(sub, self.seen.facts[(year, b.text)], self.report,
                                        classes.knapp_rule("\n".join(page.lines)) or self.method_knapp, False)


def check_comparisons(page: Page, report: Report, seen: Seen | None = None) -> None:
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


def check_page(page: Page, report: Report, seen: Seen | None = None) -> None:
    """The comparison and placeholder checks of one page (no city needed)."""
    check_comparisons(page, report, seen)
    placeholders.check_page(page, report)


def check_consistency(seen: Seen, report: Report) -> None:
    pairs = comparisons.inconsistent(seen.comparisons)
    report.saw("vergleich-uneinheitlich", len({c.key for c in seen.comparisons if c.key}))
    for (a, b), phrases in sorted(pairs.items()):
        detail = "; ".join(f"„{p}“ ({len(w)}×, z. B. {w[0]})" for p, w in phrases.items())
        report.add("vergleich-uneinheitlich", "Website", f"{a} gegenüber {b}: {detail}")


def reader_for(site: Path, city_dir: Path) -> Reader:
    site = Path(site)
    method = site / "methodik" / "index.html"
    rule = classes.knapp_rule(read(method.read_text(encoding="utf-8")).text) if method.exists() else None
    return Reader(load(city_dir), published_names(site), rule)


def check_site(site: Path, city_dir: Path) -> Report:
    """Every page of the built site read once and judged; then the site-wide checks."""
    site = Path(site)
    reader = reader_for(site, city_dir)
    for path in sorted(site.rglob("*.html")):
        reader.page(read(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix()))
    report = reader.finish()
    placeholders.check_files(site, report)
    return report
