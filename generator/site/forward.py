"""Static forwarding pages (outside MkDocs): the permalink of the latest edition's archive leads
to the current page; once a newer edition exists, a full frozen page replaces it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..config.models import CityConfig
from ..model.outputs import write_text
from . import urls


def forward(static: Path, page: str, target: str, title: str, city: CityConfig) -> None:
    href = escape(urls.relative(page, target))
    t = escape(title)
    notice = f"<p><strong>{escape(city.hinweis)}</strong></p>" if city.is_demo else ""
    write_text(static, urls.page_url(page) + "index.html",
        f'<!doctype html>\n<html lang="de"><head><meta charset="utf-8"><title>{t}</title>'
        f'<meta name="robots" content="noindex"><link rel="canonical" href="{href}">'
        f'<meta http-equiv="refresh" content="0; url={href}"></head>'
        f'<body>{notice}<p>Dies ist die aktuelle Ausgabe: <a href="{href}">{t}</a>.</p></body></html>\n')
