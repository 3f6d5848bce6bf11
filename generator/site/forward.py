"""Static forwarding pages (outside MkDocs): the permalink of the latest edition's archive leads
to the current page; once a newer edition exists, a full frozen page replaces it. The folders the
packages cite (daten/<Jahr>/, grafiken/<Jahr>/) lead to the Daten page: a web host shows no folder
listing, and a cited address must not end in "nicht gefunden"."""

from __future__ import annotations

from html import escape
from pathlib import Path

from markdown.extensions.toc import slugify

from ..config.models import CityConfig
from ..model.outputs import write_text
from . import urls


def forward(static: Path, page: str, target: str, title: str, city: CityConfig,
            lead: str = "Dies ist die aktuelle Ausgabe:", anchor: str = "") -> None:
    href = escape(urls.relative(page, target) + (f"#{anchor}" if anchor else ""))
    t = escape(title)
    notice = f"<p><strong>{escape(city.hinweis)}</strong></p>" if city.is_demo else ""
    write_text(static, urls.page_url(page) + "index.html",
        f'<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>{t}</title>'
        f'<meta name="robots" content="noindex"><link rel="canonical" href="{href}">'
        f'<meta http-equiv="refresh" content="0; url={href}"></head>'
        f'<body>{notice}<p>{escape(lead)} <a href="{href}">{t}</a>.</p></body></html>\n')


def package_folders(static: Path, year: int, title: str, city: CityConfig) -> None:
    """daten/<Jahr>/ (the package's address in its citation, README and DCAT) and grafiken/<Jahr>/
    (named in the README) lead to their section of the Daten page (MkDocs' anchor of its heading)."""
    lead = "Die Dateien stehen auf der Seite"
    forward(static, urls.package_file(year, "index.html"), urls.DATA, f"Daten herunterladen: {title}", city,
            lead, slugify(title, "-"))
    forward(static, f"{urls.figure_folder(year)}index.html", urls.DATA, "Daten herunterladen: Grafiken zum Mitnehmen",
            city, "Die Grafiken stehen unter jeder Karte und jedem Diagramm; mehr dazu auf der Seite",
            slugify("Grafiken zum Mitnehmen", "-"))
