"""Videos in Deutscher Gebärdensprache (stadt.yaml: gebaerdensprache.videos): every file must lie in the
city folder, every video needs captions that a browser can show (WebVTT), and each problem names the
line and key in stadt.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.inputs.media import CaptionError, parse_webvtt
from support import minimal_city, validation_problems

VIDEO = {"thema": "inhalte", "titel": "Was diese Website zeigt", "datei": "videos/inhalte.mp4",
         "untertitel": "videos/inhalte.vtt", "dauer": "0:01"}


def _city(tmp_path: Path, *videos: dict, files: bool = True) -> Path:
    return minimal_city(tmp_path, videos=files, gebaerdensprache={"videos": list(videos)})


def _problems(city: Path) -> list:
    return validation_problems(city)


def _line(city: Path, text: str, occurrence: int = 1) -> int:
    """The line of stadt.yaml holding ``text`` (its n-th occurrence), read from the file itself."""
    hits = [i for i, line in enumerate((city / "stadt.yaml").read_text(encoding="utf-8").splitlines(), 1) if text in line]
    return hits[occurrence - 1]


def test_a_video_with_its_captions_in_the_city_folder_is_accepted(tmp_path):
    assert _problems(_city(tmp_path, VIDEO)) == []


def test_a_missing_caption_file_is_a_located_problem(tmp_path):
    city = _city(tmp_path, VIDEO)
    (city / "videos" / "inhalte.vtt").unlink()
    problems = _problems(city)
    assert [(p.code, p.file, p.field) for p in problems] == [
        ("sign-captions-missing", "stadt.yaml", "gebaerdensprache.videos.untertitel")]
    assert problems[0].row == _line(city, "untertitel: videos/inhalte.vtt")
    assert "videos/inhalte.vtt" in problems[0].message


def test_the_line_is_that_of_the_video_in_question(tmp_path):
    second = {**VIDEO, "thema": "navigation", "titel": "Wie Sie sich zurechtfinden", "untertitel": "videos/fehlt.vtt"}
    city = _city(tmp_path, VIDEO, second)
    problems = _problems(city)
    assert [p.code for p in problems] == ["sign-captions-missing"]
    assert problems[0].row == _line(city, "untertitel: videos/fehlt.vtt")
    assert "Video 2" in problems[0].message


def test_a_missing_or_empty_video_file_is_a_located_problem(tmp_path):
    city = _city(tmp_path, {**VIDEO, "datei": "videos/fehlt.mp4"})
    problems = _problems(city)
    assert [(p.code, p.row) for p in problems] == [("sign-video-missing", _line(city, "datei: videos/fehlt.mp4"))]
    city = _city(tmp_path / "leer", VIDEO)
    (city / "videos" / "inhalte.mp4").write_bytes(b"")
    assert [p.code for p in _problems(city)] == ["sign-video-missing"]


def test_a_missing_still_image_is_a_located_problem(tmp_path):
    city = _city(tmp_path, {**VIDEO, "poster": "videos/standbild.jpg"})
    problems = _problems(city)
    assert [(p.code, p.row) for p in problems] == [("sign-poster-missing", _line(city, "poster: videos/standbild.jpg"))]


@pytest.mark.parametrize("content, line", [
    ("1\n00:00:00.000 --> 00:00:01.000\nText\n", 1),  # no signature
    ("WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nText\n", 3),  # ends before it starts
    ("WEBVTT\n\n00:00:00,000 --> 00:00:01,000\nText\n", 3),  # SubRip commas, not WebVTT
    ("WEBVTT\n\n1\nText ohne Zeitangabe\n", 3),
    ("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n", 3),  # a cue without text
])
def test_captions_a_browser_cannot_show_are_a_located_problem(tmp_path, content, line):
    city = _city(tmp_path, VIDEO)
    (city / "videos" / "inhalte.vtt").write_text(content, encoding="utf-8")
    problems = _problems(city)
    assert [(p.code, p.field, p.row) for p in problems] == [
        ("sign-captions-invalid", "gebaerdensprache.videos.untertitel", _line(city, "untertitel: videos/inhalte.vtt"))]
    assert f"Zeile {line} der Datei" in problems[0].message


def test_captions_without_a_single_cue_or_not_utf8_are_refused(tmp_path):
    city = _city(tmp_path, VIDEO)
    (city / "videos" / "inhalte.vtt").write_text("WEBVTT\n\nNOTE nur eine Notiz\n", encoding="utf-8")
    assert [p.code for p in _problems(city)] == ["sign-captions-invalid"]
    (city / "videos" / "inhalte.vtt").write_bytes("WEBVTT\n\n00:00.000 --> 00:01.000\nGebärde\n".encode("cp1252"))
    assert [p.code for p in _problems(city)] == ["sign-captions-invalid"]


@pytest.mark.parametrize("datei", ["https://www.youtube.com/watch?v=abc", "//player.vimeo.com/video/1.mp4",
                                   "../videos/inhalte.mp4", "/srv/videos/inhalte.mp4", "videos/inhalte.mov"])
def test_a_video_must_be_a_file_of_the_city_folder(tmp_path, datei):
    city = _city(tmp_path, {**VIDEO, "datei": datei})
    problems = _problems(city)
    assert [(p.code, p.field) for p in problems] == [("config-value", "gebaerdensprache.videos.datei")]
    assert problems[0].row == _line(city, "datei:")


def test_captions_are_required_and_typed(tmp_path):
    no_captions = {k: v for k, v in VIDEO.items() if k != "untertitel"}
    problems = _problems(_city(tmp_path, no_captions))
    assert [(p.code, p.field) for p in problems] == [("config-missing-key", "gebaerdensprache.videos.untertitel")]
    problems = _problems(_city(tmp_path / "srt", {**VIDEO, "untertitel": "videos/inhalte.srt"}))
    assert [(p.code, p.field) for p in problems] == [("config-value", "gebaerdensprache.videos.untertitel")]


def test_topic_and_duration_are_checked(tmp_path):
    problems = _problems(_city(tmp_path, {**VIDEO, "thema": "startseite"}))
    assert [(p.code, p.field) for p in problems] == [("config-value", "gebaerdensprache.videos.thema")]
    problems = _problems(_city(tmp_path / "dauer", {**VIDEO, "dauer": "eine Minute"}))
    assert [(p.code, p.field) for p in problems] == [("config-value", "gebaerdensprache.videos.dauer")]
    twice = _problems(_city(tmp_path / "zweimal", VIDEO, {**VIDEO, "titel": "Noch einmal"}))
    assert [(p.code, p.field) for p in twice] == [("config-value", "gebaerdensprache.videos")]


def test_the_cli_names_file_line_and_key(tmp_path, capsys):
    city = _city(tmp_path, VIDEO, files=False)
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == 2
    err = capsys.readouterr().err
    assert f"stadt.yaml, Zeile {_line(city, 'untertitel: videos/inhalte.vtt')}, Schlüssel " \
           "„gebaerdensprache.videos.untertitel“" in err
    assert "Traceback" not in err


def test_webvtt_as_browsers_read_it():
    text = ("\ufeffWEBVTT - Gebärdensprache\r\nKind: captions\r\n\r\nNOTE Kommentar\r\nüber zwei Zeilen\r\n\r\n"
            "eins\r\n00:00:00.000 --> 00:00:02.500 align:start\r\n<v Sprecherin>Guten Tag</v> &amp; willkommen\r\n"
            "\r\n01:00:02.500 --> 01:00:04.000\r\nzweite\r\nZeile\r\n")
    cues = parse_webvtt(text)
    assert [(c.start, c.end, c.text) for c in cues] == [(0.0, 2.5, "Guten Tag & willkommen"),
                                                        (3602.5, 3604.0, "zweite Zeile")]
    with pytest.raises(CaptionError) as info:
        parse_webvtt("WEBVTTX\n\n00:00.000 --> 00:01.000\nText\n")
    assert info.value.line == 1
