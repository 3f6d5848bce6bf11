"""Files the city configuration points to beside its tables: the videos in Deutscher
Gebärdensprache (stadt.yaml: gebaerdensprache.videos), their captions and still images.

Every file must be in the city folder (the site delivers it itself, no video service of a third
party), and every caption file must be WebVTT that a browser can show. Problems are located at the
line of the key in stadt.yaml, with stable codes:

    sign-video-missing      the video file is not there (or empty)
    sign-captions-missing   the caption file (.vtt) is not there
    sign-captions-invalid   the caption file is no WebVTT a browser can show (line in the .vtt)
    sign-poster-missing     the still image is not there
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import Problem

# W3C WebVTT: "hh:mm:ss.ttt" or "mm:ss.ttt"; the hours may have more than two digits.
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t].*)?$")
_SIGNATURE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str  # without markup (<v Name>, <i>), entities resolved


class CaptionError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def _seconds(groups: tuple) -> float:
    h, m, s, ms = groups
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_webvtt(text: str) -> list[Cue]:
    """The cues of a WebVTT file, checked as far as a browser needs it: the signature line, cue
    timings "start --> end" with end after start, and text for each cue. NOTE, STYLE and REGION
    blocks are skipped. Raises CaptionError (German message, line of the .vtt file)."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _SIGNATURE.match(lines[0]):
        raise CaptionError("Die Datei beginnt nicht mit „WEBVTT“; sie ist keine WebVTT-Untertitel-Datei.", 1)
    blocks: list[tuple[int, list[str]]] = []  # (first line number, lines) of blank-line separated blocks
    current: list[str] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                current = []
                blocks.append((number, current))
            current.append(line)
        else:
            current = []
    cues: list[Cue] = []
    for start_line, block in blocks[1:]:  # the first block is the header ("WEBVTT" and its metadata)
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        at = 0 if "-->" in block[0] else 1  # an optional cue identifier comes first
        if at >= len(block) or "-->" not in block[at]:
            raise CaptionError("Der Abschnitt hat keine Zeitangabe „00:00:01.000 --> 00:00:04.000“.", start_line)
        timing = _TIMING.match(block[at].strip())
        if not timing:
            raise CaptionError(f"„{block[at].strip()[:60]}“ ist keine gültige Zeitangabe "
                               "(Form: 00:00:01.000 --> 00:00:04.000).", start_line + at)
        begin, end = _seconds(timing.groups()[:4]), _seconds(timing.groups()[4:])
        if end <= begin:
            raise CaptionError("Die Endzeit liegt nicht nach der Anfangszeit.", start_line + at)
        words = " ".join(html.unescape(_TAG.sub("", line)).strip() for line in block[at + 1:]).strip()
        if not words:
            raise CaptionError("Der Untertitel hat keinen Text.", start_line + at)
        cues.append(Cue(begin, end, words))
    if not cues:
        raise CaptionError("Die Datei enthält keinen einzigen Untertitel.", None)
    return cues


def read_captions(path: Path) -> list[Cue]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CaptionError("Die Datei ist nicht UTF-8-kodiert (WebVTT verlangt UTF-8).") from None
    return parse_webvtt(text)


def check_media(directory: Path, city, lines: dict[str, int], problems: list[Problem]) -> None:
    """Every video, caption file and still image of stadt.yaml is in the city folder; captions parse."""
    file = paths.CITY_CONFIG
    for i, video in enumerate(city.gebaerdensprache.videos):
        which = f"Video {i + 1} („{video.titel[:50]}“)"
        base = f"gebaerdensprache.videos.{i}"

        def at(key: str) -> int | None:
            return lines.get(f"{base}.{key}") or lines.get(base) or lines.get("gebaerdensprache.videos")

        target = directory / video.datei
        if not target.is_file() or target.stat().st_size == 0:
            problems.append(Problem(
                file, f"{which}: die Videodatei „{video.datei}“ fehlt im Stadtordner"
                      + (" (sie ist leer)." if target.is_file() else "."),
                f"Legen Sie die Datei unter {directory.name}/{video.datei} ab oder korrigieren Sie "
                "„gebaerdensprache.videos.datei“.", row=at("datei"), field="gebaerdensprache.videos.datei",
                code="sign-video-missing"))
        captions = directory / video.untertitel
        if not captions.is_file():
            problems.append(Problem(
                file, f"{which}: die Untertitel-Datei „{video.untertitel}“ fehlt im Stadtordner. Jedes Video "
                      "braucht Untertitel.",
                f"Legen Sie die WebVTT-Datei unter {directory.name}/{video.untertitel} ab oder korrigieren Sie "
                "„gebaerdensprache.videos.untertitel“.", row=at("untertitel"),
                field="gebaerdensprache.videos.untertitel", code="sign-captions-missing"))
        else:
            try:
                read_captions(captions)
            except CaptionError as exc:
                where = f" (Zeile {exc.line} der Datei)" if exc.line else ""
                problems.append(Problem(
                    file, f"{which}: „{video.untertitel}“{where}: {exc}",
                    "Speichern Sie die Untertitel als WebVTT (UTF-8): erste Zeile „WEBVTT“, dann je Untertitel "
                    "eine Zeile „00:00:01.000 --> 00:00:04.000“ und der Text; prüfen Sie den Schlüssel "
                    "„gebaerdensprache.videos.untertitel“.", row=at("untertitel"),
                    field="gebaerdensprache.videos.untertitel", code="sign-captions-invalid"))
        if video.poster and not (directory / video.poster).is_file():
            problems.append(Problem(
                file, f"{which}: das Vorschaubild „{video.poster}“ fehlt im Stadtordner.",
                "Legen Sie das Bild ab oder löschen Sie „gebaerdensprache.videos.poster“.", row=at("poster"),
                field="gebaerdensprache.videos.poster", code="sign-poster-missing"))
