"""Templates keep markup, not grammar: articles, cases, plurals and sentences come finished from the
language module (generator/language). A template that chooses a word form, holds an article table,
cuts a text apart or glues a sentence together with ``~`` fails here."""

from __future__ import annotations

import re

import pytest

from generator import paths

TEMPLATES = sorted(p for p in paths.TEMPLATES_DIR.glob("*.j2"))

# Each pattern is a kind of grammar a template must not do, with an example of what it caught.
GRAMMAR = [
    (re.compile(r"""\{\s*['"](der|die|das)['"]\s*:"""), "article table ({'der': …})"),
    (re.compile(r"gebiet_artikel"), "word form chosen by the area noun's article"),
    (re.compile(r"""['"](ist|sind|hat|haben|seine?r?|ihre?r?|kein|keine|keinen|im|in der)['"]\s+if\b"""),
     "word form chosen by a condition („'ist' if …“)"),
    (re.compile(r"\|\s*length\s*[!=]=\s*1|count\s*[!=]=\s*1"), "singular/plural chosen in the template"),
    (re.compile(r"\.rstrip\(|\[:1\]|\.split\(\s*['\"] ['\"]\s*\)\[0\]"), "text cut apart in the template"),
    # a string of two or more words joined with ~ (a single word and separators make a page title: "Übersicht – ")
    (re.compile(r"""~\s*['"][^'"]*\w+\s+\w+[^'"]*['"]|['"][^'"]*\w+\s+\w+[^'"]*['"]\s*~"""),
     "sentence glued together with ~"),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_grammar(template):
    problems = []
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
        for pattern, what in GRAMMAR:
            if m := pattern.search(line):
                problems.append(f"{template.name}:{number}: {what}: {m.group()!r}")
    assert problems == [], "\n".join(problems)


def test_the_check_would_catch_the_old_slips():
    """Negative control: lines from the templates before the language module."""
    old = [
        """{{ grafik(karte, h, "Statusklasse je " ~ city.gebiet ~ " im " ~ ed.titel) }}""",
        """für {{ {'der': 'keinen', 'die': 'keine', 'das': 'kein'}[city.gebiet_artikel] }} {{ city.gebiet }}""",
        """{{ "ist" if items|length == 1 else "sind" }}""",
        """Nach der Regel dieser Ausgabe ({{ ed.fokus_regel.rstrip(".") }})""",
        """Für {{ city.jedes_gebiet.split(" ")[0] }} dieser""",
    ]
    for line in old:
        assert any(p.search(line) for p, _ in GRAMMAR), line
