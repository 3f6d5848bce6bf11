"""The page in Deutscher Gebärdensprache in Chromium: axe finds nothing, nothing is loaded before the
reader starts a video, the video plays from the site itself and its German captions load as cues."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import SIZES, Recorder
from generator.tools.serve import serve
from support import build_sign_language_site


@pytest.fixture(scope="module")
def video_server(tmp_path_factory):
    site = build_sign_language_site(tmp_path_factory.mktemp("dgs-browser"))
    with serve(site, "/") as base:
        yield base


@pytest.mark.parametrize("size", list(SIZES))
def test_the_video_page_passes_axe(video_server, browser, size):
    w, h = SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    page.goto(video_server + "gebaerdensprache/", wait_until="load")
    violations = [f"{v['id']} {v['nodes'][0]['target']}" for v in Axe().run(page).response["violations"]]
    width = page.evaluate("document.documentElement.scrollWidth")
    ctx.close()
    assert violations == []
    assert width <= w


def test_nothing_loads_before_play_then_video_and_captions_come_from_the_site(video_server, browser):
    w, h = SIZES["desktop"]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    page = ctx.new_page()
    rec = Recorder(page, video_server)
    page.goto(video_server + "gebaerdensprache/", wait_until="load")
    page.wait_for_timeout(500)
    assert not [u for u in rec.requests if u.endswith((".mp4", ".vtt"))]  # preload="none"
    # the reader switches the captions on and starts the video
    page.evaluate("""() => { const v = document.querySelector('video');
                             v.textTracks[0].mode = 'showing'; v.muted = true; return v.play(); }""")
    page.wait_for_function("() => document.querySelector('video').textTracks[0].cues?.length === 2", timeout=10000)
    page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=10000)
    facts = page.evaluate("""() => { const v = document.querySelector('video'), t = v.textTracks[0];
        return {lang: t.language, kind: t.kind, first: t.cues[0].text, width: v.videoWidth,
                duration: v.duration}; }""")
    ctx.close()
    assert facts["lang"] == "de" and facts["kind"] == "captions"
    assert facts["first"] == "Hier steht der Sozialbericht der Stadt."
    assert facts["width"] == 320 and abs(facts["duration"] - 1.0) < 0.1
    loaded = [urlparse(u).path for u in rec.requests if u.endswith((".mp4", ".vtt"))]
    assert "/gebaerdensprache/medien/videos/inhalte.mp4" in loaded
    assert "/gebaerdensprache/medien/videos/inhalte.vtt" in loaded
    assert rec.foreign() == [] and rec.errors == []
