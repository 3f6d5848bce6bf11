"""The package README: a plain-text template (site_templates/paket-readme.md.j2), rendered with
StrictUndefined like every page, but without HTML escaping – it is a text file, not a page."""

from __future__ import annotations

from typing import Any

import jinja2

from .. import paths

README_TEMPLATE = "paket-readme.md.j2"


def make_env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES_DIR), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


ENV = make_env()


def render_readme(**context: Any) -> str:
    return ENV.get_template(README_TEMPLATE).render(**context)
