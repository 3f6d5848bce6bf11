"""Placeholder addresses must be marked as placeholders wherever a reader meets them.

Conventions (what counts as the mark):

* visible page text and link targets: inside an element of class ``sb-platzhalter`` (the mark the
  legal pages' ``angabe`` filter sets today: ``<mark class="sb-platzhalter">``); a link counts as
  marked when it stands in such an element or holds one;
* code to copy (textareas: embed code) cannot hold markup: its text itself must say „Platzhalter“
  (an HTML comment in the embed code, for instance);
* a placeholder word in German quotes („[Platzhalter]“) is a mention, not a placeholder;
* plain-text files of the packages (README.md, CITATION.cff): the line with the placeholder or the
  line before it says „Platzhalter“ (in CITATION.cff a YAML comment ``# Platzhalter …``).

A placeholder is an example.org/.com/.net address, „[Platzhalter“ or „BITTE PRÜFEN“.
"""

from __future__ import annotations

from pathlib import Path

from .page import PLACEHOLDER, Page
from .report import Report


def check_page(page: Page, report: Report) -> None:
    report.saw("platzhalter", page.placeholders)
    for where in page.unmarked:
        report.add("platzhalter", page.where, where)


def check_text(text: str, where: str, report: Report) -> None:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for _ in PLACEHOLDER.finditer(line):
            report.saw("platzhalter")
            if "Platzhalter" not in line and not (i and "Platzhalter" in lines[i - 1]):
                report.add("platzhalter", f"{where}:{i + 1}", line.strip()[:160])


def check_files(site: Path, report: Report) -> None:
    """The READMEs and citation files the site publishes (not the copies inside the ZIPs)."""
    for path in sorted([*site.rglob("README.md"), *site.rglob("CITATION.cff")]):
        check_text(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix(), report)
