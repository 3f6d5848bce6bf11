"""The Jinja2 environment of the pages. Templates are contracts: StrictUndefined (a missing value
is an error, never an empty string) and autoescape (a name like "<script>" stays text)."""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import paths
from ..config.legal import is_missing
from ..language import names, numbers, voice
from ..model.classes import DYNAMICS_LABELS, STATUS_LABELS
from .late import later
from .maps import STATUS_COLOURS

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def md(value: Any) -> str:
    """Escape Markdown syntax in data values (autoescape then handles HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def angabe(value: Any) -> Markup:
    """A legal page's entry: shown as it is, or marked when it is still empty or a placeholder
    (a demonstration may show placeholders; an amtlich site cannot be built with one)."""
    value = "" if value is None else str(value)
    if not is_missing(value):
        return Markup(escape(value))
    return Markup('<mark class="sb-platzhalter">{}</mark>').format(value.strip() or "[Angabe fehlt]")


def address(url: Any) -> Markup:
    """A web address in running text (citations): marked as the legal pages mark a placeholder, with
    a word for screen readers, when it is an example address."""
    url = str(url)
    if not voice.is_placeholder(url):
        return Markup(escape(url))
    return Markup('<mark class="sb-platzhalter">{} {}</mark>').format(url, voice.ADDRESS_MARK)


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(angabe=angabe, nachher=later, adresse=address, gross=names.capital,  # Jinja's capitalize lowercases the rest
                       des=names.edition_genitive, dativ=names.dative_plural, de=numbers.de, integer=numbers.integer,
                       md=md, datum=numbers.date, satzteil=lambda v: "" if v is None else str(v).strip().removesuffix("."), json=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    env.tests["angabe_ok"] = lambda v: not is_missing(v)
    env.tests["platzhalter"] = lambda v: voice.is_placeholder(str(v))
    env.globals.update(STATUS_LABELS=STATUS_LABELS, DYNAMICS_LABELS=DYNAMICS_LABELS, STATUS_COLOURS=STATUS_COLOURS)
    return env


ENV = make_env()


def render_text(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)
