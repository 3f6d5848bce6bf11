"""The page in Deutscher Gebärdensprache as a reader gets it: a self-hosted video with German
captions, its text and a download; no video service of a third party; and, where videos are
missing, a page that says so and an accessibility statement that lists the gap as a barrier."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from generator.config.models import SIGN_TOPICS, CityConfig
from generator.site.pages import own_barriers
from sentences import read
from support import build_sign_language_site

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VIDEOS = FIXTURES / "sign-language" / "videos"
# The four explanations BITV 2.0 § 4 with Anlage 2 requires, in the regulation's words (written out
# here, not taken from the generator).
REQUIRED = ("Informationen zu den wesentlichen Inhalten", "Hinweise zur Navigation",
            "Erläuterung der wesentlichen Inhalte der Erklärung zur Barrierefreiheit",
            "Hinweise auf weitere Informationen in Deutscher Gebärdensprache")


class _Media(HTMLParser):
    """Every element of a page with its attributes, and the text inside <details>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def of(self, tag: str) -> list[dict]:
        return [a for t, a in self.elements if t == tag]


def _parse(html: str) -> _Media:
    p = _Media()
    p.feed(html)
    return p


def _target(site: Path, page: Path, href: str) -> Path:
    """The file a relative link of a page points to, resolved as a browser does."""
    rel = page.relative_to(site).as_posix()
    url = urlparse(urljoin(f"http://h/{rel}", href))
    assert url.netloc == "h", f"{href} leaves the site"
    target = site / url.path.lstrip("/")
    return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="module")
def video_site(tmp_path_factory):
    """The minimal city with one video (topic „inhalte“), built once."""
    return build_sign_language_site(tmp_path_factory.mktemp("dgs"))


def test_the_video_is_embedded_with_german_captions_and_copied_into_the_site(video_site):
    page = video_site / "gebaerdensprache" / "index.html"
    html = page.read_text(encoding="utf-8")
    media = _parse(html)
    [video] = media.of("video")
    assert "controls" in video and video["preload"] == "none"
    [source] = media.of("source")
    assert _target(video_site, page, source["src"]).read_bytes() == (VIDEOS / "inhalte.mp4").read_bytes()
    assert source["type"] == "video/mp4"
    [track] = media.of("track")
    assert track["kind"] == "captions" and track["srclang"] == "de" and track["label"]
    assert _target(video_site, page, track["src"]).read_bytes() == (VIDEOS / "inhalte.vtt").read_bytes()
    # the captions can also be read on the page, and the film downloaded with size and playing time
    text = read(html).text
    assert "Hier steht der Sozialbericht der Stadt." in text
    assert "Er zeigt, wo viele Menschen mit wenig Geld leben." in text
    size = (VIDEOS / "inhalte.mp4").stat().st_size
    assert f"(MP4, {size / 1000:.1f} kB, Dauer: 0:01 Minuten)".replace(".", ",") in text
    downloads = [a for a in media.of("a") if "download" in a]
    assert {_target(video_site, page, a["href"]).name for a in downloads} >= {"inhalte.mp4", "inhalte.vtt"}


def test_no_third_party_host_is_referenced(video_site):
    """Every video, caption and still image of the whole site comes from the site itself."""
    checked = 0
    for page in video_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"youtube|youtu\.be|vimeo|dailymotion", html, re.IGNORECASE), page
        for tag, attrs in _parse(html).elements:
            for name in ("src", "poster"):
                if tag in ("video", "source", "track", "iframe", "embed", "object") and attrs.get(name):
                    assert not urlparse(attrs[name]).netloc and not attrs[name].startswith("//"), (page, attrs)
                    assert _target(video_site, page, attrs[name]).is_file(), (page, attrs[name])
                    checked += 1
    assert checked == 2  # the one video and its captions


def test_the_page_says_which_explanations_exist_and_the_statement_lists_the_others(video_site):
    text = read((video_site / "gebaerdensprache" / "index.html").read_text(encoding="utf-8")).text
    for topic in REQUIRED:
        assert topic in text
    assert "Informationen zu den wesentlichen Inhalten: Video „Was diese Website zeigt“" in text
    assert text.count("noch kein Video") == 3
    statement = read((video_site / "barrierefreiheit" / "index.html").read_text(encoding="utf-8")).text
    barrier = statement[statement.index("Erläuterungen in Deutscher Gebärdensprache"):]
    assert "Noch nicht alle" in barrier and "Informationen zu den wesentlichen Inhalten" not in barrier.split("Barrierefreie Alternative")[0]
    for topic in REQUIRED[1:]:
        assert topic in barrier
    easy = read((video_site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")).text
    assert "Es fehlen noch Videos." in easy and "gibt es Videos in Gebärden-Sprache" in easy


def test_start_page_and_footer_lead_to_the_page(video_site):
    start = video_site / "index.html"
    links = [a["href"] for a in _parse(start.read_text(encoding="utf-8")).of("a") if "href" in a]
    targets = [_target(video_site, start, h) for h in links if not urlparse(h).scheme and not h.startswith("#")]
    page = video_site / "gebaerdensprache" / "index.html"
    assert targets.count(page) >= 2  # in the text near the top and in the footer
    impressum = video_site / "impressum" / "index.html"
    footer = [a["href"] for a in _parse(impressum.read_text(encoding="utf-8")).of("a") if "href" in a]
    assert page in [_target(video_site, impressum, h) for h in footer if not urlparse(h).scheme and not h.startswith("#")]


def test_without_videos_the_page_says_so_and_the_statement_names_the_barrier(built_site):
    """The demonstration has no videos: said plainly, listed with reason and alternative."""
    text = read((built_site / "gebaerdensprache" / "index.html").read_text(encoding="utf-8")).text
    assert "Auf dieser Website gibt es noch keine Videos in Deutscher Gebärdensprache (DGS)." in text
    assert text.count("noch kein Video") == 4
    assert not _parse((built_site / "gebaerdensprache" / "index.html").read_text(encoding="utf-8")).of("video")
    statement = read((built_site / "barrierefreiheit" / "index.html").read_text(encoding="utf-8")).lines
    at = statement.index("Erläuterungen in Deutscher Gebärdensprache")
    reason, alternative = statement[at + 1], statement[at + 2]
    assert reason.startswith("Grund: ") and "Es gibt noch keine Videos in Deutscher Gebärdensprache." in reason
    assert all(topic in reason for topic in REQUIRED)
    assert alternative.startswith("Barrierefreie Alternative: ") and "Leichter Sprache" in alternative
    start = built_site / "index.html"
    assert 'href="gebaerdensprache/"' in start.read_text(encoding="utf-8")


def test_the_barrier_follows_the_configuration(oberhausen):
    """No video: all four topics missing; all four present: no barrier; a voluntary one changes nothing."""
    city: CityConfig = oberhausen.city

    def with_topics(*topics):
        videos = [{"thema": t, "titel": t, "datei": f"videos/{t}.mp4", "untertitel": f"videos/{t}.vtt", "dauer": "1:00"}
                  for t in topics]
        return CityConfig.model_validate({**city.model_dump(), "gebaerdensprache": {"videos": videos}})

    def sign(c):
        return [b for b in own_barriers(c) if b.inhalt == "Erläuterungen in Deutscher Gebärdensprache"]

    [none] = sign(with_topics())
    assert all(t in none.begruendung for t in REQUIRED) and none.leicht
    assert sign(with_topics(*SIGN_TOPICS)) == []
    assert sign(with_topics(*SIGN_TOPICS, "weitere")) == []
    [some] = sign(with_topics("inhalte", "weitere"))
    assert "Informationen zu den wesentlichen Inhalten" not in some.begruendung and REQUIRED[1] in some.begruendung
