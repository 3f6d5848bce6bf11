"""Links between pages: the build's own relative-path arithmetic against the standard library's."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import urls

SEGMENT = st.sampled_from(["quartiere", "2017", "innenstadt", "index.html", "karte.svg", "a", "daten", "x.md"])
PATH = st.lists(SEGMENT, max_size=5).map("/".join)


@settings(max_examples=500, deadline=None)
@given(PATH, PATH)
def test_the_relative_path_is_the_one_posixpath_computes(target, base):
    """urls._relpath skips the file system (posixpath.relpath asks for the working directory on each
    call); for paths below the site's root it must give the same answer."""
    assert urls._relpath(target, base) == posixpath.relpath(target or ".", base or ".")


def test_links_between_pages_and_files_are_what_a_browser_resolves():
    assert urls.relative("quartiere/2017/innenstadt.md", "index.md") == "../../../"
    assert urls.relative("quartiere/innenstadt.md", "quartiere/lirich.md") == "../lirich/"
    assert urls.relative("quartiere/innenstadt.md", "quartiere/innenstadt.md") == "./"
    assert urls.relative("einbetten/2017/karte-fokus/index.html", "grafiken/2017/karte-fokus.svg") == \
        "../../../grafiken/2017/karte-fokus.svg"
    assert urls.markdown_link("quartiere/innenstadt.md", "daten.md") == "../daten.md"
    assert urls.markdown_link("index.md", "quartiere/innenstadt.md") == "quartiere/innenstadt.md"
