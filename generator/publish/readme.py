"""The package README: a plain-text template (site_templates/paket-readme.md.j2), rendered with
StrictUndefined like every page, but without HTML escaping – it is a text file, not a page.

The template keeps layout; its sentences come from the language module: the signs for numbers
that are not shown, the order of the class changes, the relative index, marked placeholder
addresses."""

from __future__ import annotations

from typing import Any

import jinja2

from .. import paths
from ..language import changes, names, signs, voice
from ..language.classes import window_words
from ..language.numbers import date, integer, threshold

README_TEMPLATE = "paket-readme.md.j2"


def make_env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(paths.TEMPLATES_DIR), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


ENV = make_env()


def words(city, ed, url: str, grafiken: str) -> dict[str, Any]:
    """The finished sentences of a package README."""
    rule = ed.geheimhaltung
    return {
        "url_text": voice.address(url),
        "grafiken_text": voice.address(grafiken),
        "address_note": voice.FILES_NOTE if voice.is_placeholder(url) else "",
        "signs": signs.package_legend_lines(rule.mindestfallzahl, rule.mindestnenner),
        "order": changes.order(),
        "relative": changes.relative(city.area),
        "window": window_words(ed.dynamik_von, ed.dynamik_bis),
        "the_area": city.area.the(),
        "each_area": city.area.each("akk"),
        "per_area": city.area_short.singular,
        "edition_genitive": names.edition_genitive(ed.titel),
        "status": [threshold(t) for t in ed.schwellen_status],
        "dynamik": [threshold(t) for t in ed.schwellen_dynamik],
        "stichtag": date(ed.stichtag),
        "mindest": integer(ed.mindest_einwohner),
    }


def render_readme(**context: Any) -> str:
    extra = words(context["city"], context["ed"], context["url"], context["grafiken"])
    return ENV.get_template(README_TEMPLATE).render(**context, t=extra)
