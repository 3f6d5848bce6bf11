"""The page in Deutscher Gebärdensprache (DGS): self-hosted videos with captions, the four
explanations BITV 2.0 § 4 with Anlage 2 requires (adopted by BITV NRW), and the barrier the
accessibility statement names while one of them has no video.

The videos are files of the city folder, copied into the site; the page shows them with
<video controls preload="none"> (nothing loads before the reader starts it), captions as
<track kind="captions" srclang="de">, the captions' text below each video, a download link with
size and playing time (BITV 2.0 Anlage 2 Teil 1 Nr. 7), and the same explanation in Leichter
Sprache. No video service of a third party is involved.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..config.models import SIGN_TOPICS, VIDEO_TYPES, Barrier, CityConfig, SignVideo
from ..inputs.media import read_captions
from ..model.outputs import inside
from . import text, urls

# Where the Leichte Sprache page explains the same thing (anchors set in leichte-sprache.md.j2).
EASY_ANCHORS = {"inhalte": "inhalt", "navigation": "navigation", "barrierefreiheit": "barrierefreiheit",
                "hinweise": "gebaerdensprache"}


@dataclass(frozen=True)
class VideoView:
    thema: str
    thema_titel: str  # what BITV calls the explanation, or "Weitere Erklärung"
    titel: str
    anker: str  # id of its section on the page
    datei: str  # site-relative paths (urls.sign_media)
    typ: str  # MIME type
    untertitel: str
    poster: str
    dauer: str
    groesse: str  # "2,7 kB"
    format: str  # "MP4"
    abschrift: tuple[str, ...]  # the captions' text, cue by cue
    leicht: str  # anchor of the same explanation on the Leichte Sprache page ("" if none)


@dataclass(frozen=True)
class Topic:
    """One of the four explanations BITV requires, its video (or None) and its Leichte Sprache section."""
    key: str
    titel: str
    video: VideoView | None
    leicht: str


@dataclass(frozen=True)
class SignLanguageView:
    videos: tuple[VideoView, ...]
    themen: tuple[Topic, ...]
    fehlend: tuple[str, ...]  # BITV wording of the required topics without a video

    @property
    def vollstaendig(self) -> bool:
        return not self.fehlend

    def video(self, key: str) -> VideoView | None:
        return next((t.video for t in self.themen if t.key == key), None)


def _size(n: int) -> str:
    if n < 1000 * 1000:
        return f"{text.de(n / 1000, 1)} kB"
    return f"{text.de(n / 1000 / 1000, 1)} MB"


def _video(i: int, v: SignVideo, directory: Path) -> VideoView:
    suffix = Path(v.datei).suffix.lower()
    return VideoView(
        thema=v.thema, thema_titel=SIGN_TOPICS.get(v.thema, "Weitere Erklärung"), titel=v.titel,
        anker=f"video-{v.thema}" if v.thema in SIGN_TOPICS else f"video-{v.thema}-{i + 1}", datei=urls.sign_media(v.datei), typ=VIDEO_TYPES[suffix],
        untertitel=urls.sign_media(v.untertitel), poster=urls.sign_media(v.poster) if v.poster else "",
        dauer=v.dauer, groesse=_size((directory / v.datei).stat().st_size), format=suffix[1:].upper(),
        abschrift=tuple(c.text for c in read_captions(directory / v.untertitel)), leicht=EASY_ANCHORS.get(v.thema, ""))


def sign_language(city: CityConfig, directory: Path) -> SignLanguageView:
    """What the page shows; the files were checked by validation (inputs/media.py)."""
    videos = tuple(_video(i, v, directory) for i, v in enumerate(city.gebaerdensprache.videos))
    topics = tuple(Topic(key, label, next((v for v in videos if v.thema == key), None), EASY_ANCHORS[key])
                   for key, label in SIGN_TOPICS.items())
    return SignLanguageView(videos, topics, tuple(t.titel for t in topics if t.video is None))


def copy_media(city: CityConfig, directory: Path, static: Path) -> list[str]:
    """Videos, captions and still images into the finished site, beside the page (site-relative paths)."""
    copied = []
    for v in city.gebaerdensprache.videos:
        for rel in (v.datei, v.untertitel, v.poster):
            if rel:
                target = inside(static, urls.sign_media(rel))
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(directory / rel, target)
                copied.append(urls.sign_media(rel))
    return copied


def barrier(city: CityConfig) -> Barrier | None:
    """The missing explanations in DGS as a barrier of the accessibility statement (None when all
    four required ones have a video)."""
    missing = [SIGN_TOPICS[t] for t in city.gebaerdensprache.missing]
    if not missing:
        return None
    none = len(missing) == len(SIGN_TOPICS)
    which = "; ".join(missing)
    contact = ("das Kontaktformular oder die E-Mail-Adresse unter „Barrieren melden“"
               if city.barrierefreiheit.kontaktformular or city.barrierefreiheit.kontakt.email
               else "die Kontaktangaben unter „Barrieren melden“")
    return Barrier(
        inhalt="Erläuterungen in Deutscher Gebärdensprache",
        grund="Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
        begruendung=("Es gibt noch keine Videos in Deutscher Gebärdensprache. " if none else
                     "Noch nicht alle vorgeschriebenen Videos in Deutscher Gebärdensprache sind vorhanden. ")
        + f"Es fehlen: {which}. Vorgeschrieben sind sie auf der Startseite nach § 4 und Anlage 2 der "
          "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), auf die das Landesrecht verweist.",
        alternative=f"Dieselben Erläuterungen in Leichter Sprache (Seite „Leichte Sprache“). Fragen können Sie uns "
                    f"schriftlich stellen; nutzen Sie dafür {contact}.",
        leicht=("Es gibt noch keine Videos in Gebärden-Sprache." if none
                else "Es fehlen noch Videos in Gebärden-Sprache."))
