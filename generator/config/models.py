"""The city and edition configuration as typed, strict models (pydantic v2).

Unknown keys are refused (``extra="forbid"``), every field has a type that is checked without
silent conversion (``strict``: "dreihundert" is no integer, and neither is "2019"), and each
model checks its own values once. ``parse.py`` turns every error into a located problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..model.fields import ID_PATTERN
from ..model.classes import (DEFAULT_DYNAMICS_THRESHOLDS, DEFAULT_FOKUS_CODES, DEFAULT_STATUS_THRESHOLDS,
                             is_combined_code)

# Demonstrationsdaten: not a city's figures; Entwurf: a city's figures not yet released (a new city
# starts so after `sozialbericht init`); amtlich: released. Only amtlich pages carry no warning.
# Nachberechnung: a city's published official results recomputed by someone else (Berlin's MSS here):
# real figures, but no publication of that city.
DATA_STATUSES = ("Demonstrationsdaten", "Entwurf", "Nachberechnung", "amtlich")
DataStatus = Literal["Demonstrationsdaten", "Entwurf", "Nachberechnung", "amtlich"]


def _list_as_tuple(value: Any) -> Any:
    # YAML has lists, the models keep tuples (immutable); anything else fails the type check.
    return tuple(value) if isinstance(value, list) else value


def _iso_date(value: Any) -> Any:
    # A quoted "2022-12-31" is a string in YAML, an unquoted one already a date: both are fine.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _none_as_empty(value: Any) -> Any:
    return () if value is None else value


Texts = Annotated[tuple[str, ...], BeforeValidator(_list_as_tuple), BeforeValidator(_none_as_empty)]
Numbers = Annotated[tuple[float, ...], BeforeValidator(_list_as_tuple)]
NOTICES = {"Demonstrationsdaten": "Demonstrationsdaten: keine amtlichen Zahlen.",
           "Entwurf": "Entwurf: Die Zahlen sind noch nicht freigegeben.",
           "Nachberechnung": "Nachberechnung veröffentlichter amtlicher Ergebnisse: keine Veröffentlichung der "
                             "zuständigen Stelle.",
           "amtlich": ""}
Codes = Annotated[tuple[int, ...], BeforeValidator(_list_as_tuple)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Year = Annotated[int, Field(ge=1000, le=9999)]


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_default=True)

    @field_validator("*")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        # Every text ends up in pages and workbooks, which cannot hold control characters.
        texts = value if isinstance(value, tuple) else (value,)
        for t in texts:
            if isinstance(t, str) and CONTROL.search(t):
                raise ValueError(f"der Text enthält ein unsichtbares Steuerzeichen (U+{ord(CONTROL.search(t).group()):04X})")
        return value


class Party(Strict):
    name: str
    rolle: str = "publisher"
    email: str = ""
    adresse: str = ""
    pfad: str = ""


class Licence(Strict):
    name: str
    titel: str
    pfad: str


# --- legal pages (../shared/docs/legal-pages-nrw.md) -------------------------------------------
# Every mandatory part is a field. The defaults are those of a city in North Rhine-Westphalia; a city
# elsewhere names its own law, complaint body and supervisory authority. An empty field, or one that
# still holds a placeholder, is shown marked on the pages and refused for an `amtlich` site
# (legal.py).

class Contact(Strict):
    name: str = ""  # a natural person, or an office ("Datenschutzbeauftragte der Stadt …")
    funktion: str = ""
    adresse: str = ""
    telefon: str = ""
    email: str = ""
    internet: str = ""


class Imprint(Strict):
    """DDG § 5 and MStV § 18 (2)."""
    anbieter: str = ""  # "Stadt Oberhausen"
    rechtsform: str = ""  # "Körperschaft des öffentlichen Rechts"
    vertreten_durch: str = ""  # "Oberbürgermeister …"
    adresse: str = ""
    telefon: str = ""
    email: str = ""
    aufsichtsbehoerde: str = ""  # kreisfreie Stadt: the Bezirksregierung
    ust_id: str = ""  # only where there is one
    verantwortlich: Contact = Contact()  # natural person responsible for the content, § 18 (2) MStV
    hinweis: str = ""  # free text shown above the mandatory parts


LDI_NRW = Contact(name="Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW)",
                  adresse="Kavalleriestraße 2–4, 40213 Düsseldorf", email="poststelle@ldi.nrw.de",
                  internet="https://www.ldi.nrw.de")


class Privacy(Strict):
    """DSGVO Art. 13 and DSG NRW: server logs of page visits and e-mails sent to the site's addresses."""
    datenschutzbeauftragte: Contact = Contact()
    hoster: str = ""  # the hosting provider, processor under Art. 28 DSGVO, with address
    speicherdauer: str = ""  # how long server logs are kept, e.g. "7 Tage"
    # E-mails to the addresses on the pages (feedback on a quarter, barrier reports, questions):
    # who reads and who processes them (the office; an e-mail service provider as processor), and
    # how long they are kept (Art. 13 (1) e, (2) a DSGVO). Their legal basis is `rechtsgrundlage`:
    # a public body answering the public performs its task (Art. 6 (1) e); consent does not fit a
    # public authority (recital 43 DSGVO), legitimate interests are excluded for it (Art. 6 (1) 2nd
    # sentence).
    rueckmeldung_empfaenger: str = ""
    rueckmeldung_speicherdauer: str = ""
    drittlaender: str = "Es werden keine personenbezogenen Daten in Länder außerhalb der EU übermittelt."
    rechtsgrundlage: str = ("Art. 6 Abs. 1 Buchstabe e DSGVO in Verbindung mit § 3 Datenschutzgesetz "
                            "Nordrhein-Westfalen (DSG NRW)")
    aufsichtsbehoerde: Contact = LDI_NRW


REASONS = ("Unvereinbarkeit mit den Barrierefreiheitsanforderungen", "unverhältnismäßige Belastung",
           "nicht in den Geltungsbereich fallend")
Reason = Literal["Unvereinbarkeit mit den Barrierefreiheitsanforderungen", "unverhältnismäßige Belastung",
                 "nicht in den Geltungsbereich fallend"]


class Barrier(Strict):
    """One part that is not fully accessible, why, and the accessible alternative; `leicht` says it
    in one sentence of Leichte Sprache for the page that explains the statement (else `inhalt`)."""
    inhalt: str
    grund: Reason
    begruendung: str
    alternative: str = ""
    leicht: str = ""


OMBUDSSTELLE_NRW = Contact(
    name="Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
    funktion="bei der Landesbeauftragten für Menschen mit Behinderung sowie für Patientinnen und Patienten "
             "in Nordrhein-Westfalen",
    adresse="Fürstenwall 25, 40219 Düsseldorf", internet="https://www.lbbp.nrw.de/ombudsstelle")

ComplianceStatus = Literal["vollständig vereinbar", "teilweise vereinbar", "nicht vereinbar"]


class Accessibility(Strict):
    """BGG NRW § 10b (2) and BITV NRW § 4: the EU model statement."""
    status: ComplianceStatus = "teilweise vereinbar"
    stand: Date  # made or last reviewed; at least once a year
    methode: str = "Selbstbewertung"
    kontakt: Contact = Contact()  # the office that answers (with e-mail and telephone)
    kontaktformular: str = ""  # address of an accessible electronic form (a mailto: alone is no form)
    barrieren: tuple[Barrier, ...] = ()  # the city's own, added to those the generator states itself
    rechtsgrundlage: str = ("§§ 10a bis 10e Behindertengleichstellungsgesetz Nordrhein-Westfalen (BGG NRW) und "
                            "Barrierefreie-Informationstechnik-Verordnung Nordrhein-Westfalen (BITV NRW)")
    durchsetzung: Contact = OMBUDSSTELLE_NRW
    durchsetzung_verfahren: str = "Ombudsverfahren nach § 10d BGG NRW"

    @field_validator("barrieren", mode="before")
    @classmethod
    def _barriers_list(cls, value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else () if value is None else value


# --- Deutsche Gebärdensprache (DGS) -------------------------------------------------------------
# BITV 2.0 § 4 with Anlage 2, which BITV NRW adopts for municipal sites (so does Berlin's BIKTG):
# on the start page, explanations in DGS and in Leichte Sprache of these four things. A site without
# a video for one of them says so in its accessibility statement (site/signlanguage.py).
SIGN_TOPICS = {
    "inhalte": "Informationen zu den wesentlichen Inhalten",
    "navigation": "Hinweise zur Navigation",
    "barrierefreiheit": "Erläuterung der wesentlichen Inhalte der Erklärung zur Barrierefreiheit",
    "hinweise": "Hinweise auf weitere Informationen in Deutscher Gebärdensprache und in Leichter Sprache "
                "auf dieser Website",
}
SignTopic = Literal["inhalte", "navigation", "barrierefreiheit", "hinweise", "weitere"]  # weitere: voluntary
# A file in the city folder, copied into the site: a relative path of plain names (it becomes part
# of an address), never an address of another server (no YouTube, no Vimeo: no third party).
MEDIA_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*(/[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*)*")
VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
POSTER_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def _media(value: str, suffixes: tuple[str, ...], what: str) -> str:
    if "://" in value or value.startswith("//"):
        raise ValueError(f"„{value}“ ist eine Web-Adresse; {what} muss als Datei im Stadtordner liegen und wird "
                         "mit der Website ausgeliefert (kein fremder Videodienst)")
    if not MEDIA_PATH.fullmatch(value):
        raise ValueError(f"„{value}“ ist kein Dateipfad im Stadtordner (erlaubt: Buchstaben a–z, Ziffern, „-“, „_“, "
                         "„.“ und „/“ für Unterordner, z. B. videos/inhalte.mp4)")
    if not value.lower().endswith(suffixes):
        raise ValueError(f"„{value}“: {what} muss auf {' oder '.join(suffixes)} enden")
    return value


class SignVideo(Strict):
    """One self-hosted video in DGS with captions (WebVTT); files relative to the city folder."""
    thema: SignTopic
    titel: str
    datei: str  # videos/inhalte.mp4
    untertitel: str  # videos/inhalte.vtt, captions in German
    dauer: str  # "2:35", minutes and seconds (BITV 2.0 Anlage 2: the playing time is stated)
    poster: str = ""  # a still image shown before the video starts

    @field_validator("datei")
    @classmethod
    def _video(cls, v: str) -> str:
        return _media(v, tuple(VIDEO_TYPES), "das Video")

    @field_validator("dauer")
    @classmethod
    def _duration(cls, v: str) -> str:
        if not re.fullmatch(r"\d{1,3}:[0-5]\d", v):
            raise ValueError(f"„{v}“ ist keine Dauer in Minuten und Sekunden (z. B. \"2:35\")")
        return v

    @field_validator("untertitel")
    @classmethod
    def _captions(cls, v: str) -> str:
        return _media(v, (".vtt",), "die Untertitel-Datei (WebVTT)")

    @field_validator("poster")
    @classmethod
    def _poster(cls, v: str) -> str:
        return _media(v, POSTER_TYPES, "das Vorschaubild") if v else v


class SignLanguage(Strict):
    videos: tuple[SignVideo, ...] = ()

    @field_validator("videos", mode="before")
    @classmethod
    def _videos_list(cls, value: Any) -> Any:
        return tuple(value) if isinstance(value, list) else () if value is None else value

    @field_validator("videos")
    @classmethod
    def _one_per_topic(cls, videos: tuple[SignVideo, ...]) -> tuple[SignVideo, ...]:
        topics = [v.thema for v in videos if v.thema != "weitere"]
        twice = sorted({t for t in topics if topics.count(t) > 1})
        if twice:
            raise ValueError("zum Thema „" + "“, „".join(twice) + "“ gibt es mehr als ein Video; je Pflichtthema "
                             "eines (weitere Videos mit thema: weitere)")
        return videos

    def video(self, topic: str) -> SignVideo | None:
        return next((v for v in self.videos if v.thema == topic), None)

    @property
    def missing(self) -> tuple[str, ...]:
        """The required topics (SIGN_TOPICS) without a video."""
        return tuple(t for t in SIGN_TOPICS if self.video(t) is None)


# "jeder/jede/jedes" by the area noun's article: (nominative, accusative)
EACH = {"der": ("jeder", "jeden"), "die": ("jede", "jede"), "das": ("jedes", "jedes")}


class CityConfig(Strict):
    stadt: str
    titel: str
    datenstand: DataStatus
    datenstand_erlaeuterung: str
    herausgeber: Party
    datenhalter: Party
    homepage: str
    lizenz: Licence
    namensnennung: Texts
    barrierefreiheit: Accessibility
    impressum: Imprint
    datenschutz: Privacy
    gebaerdensprache: SignLanguage = SignLanguage()
    ags: str = ""
    untertitel: str = ""
    gebiet: str = "Quartier"
    gebiet_artikel: Literal["der", "die", "das"] = "das"  # das Sozialquartier, der Planungsraum
    gebiete: str = "Quartiere"
    gebiet_kurz: str = "Quartier"
    gebiete_kurz: str = "Quartiere"
    stadtbezirk: str = "Stadtbezirk"
    schlagworte: Texts = ()
    rueckmeldung: str = ""  # e-mail for feedback on a quarter (mailto:); default: the publisher's
    leicht_gebiet: str = ""  # Leichte Sprache, compounds split: "Planungs-Raum"; default: gebiet_kurz
    leicht_gebiete: str = ""
    fokus_gebiet: str = ""  # e.g. "Fokusquartier"; default: "Fokus" + gebiet_kurz
    fokus_gebiete: str = ""

    @property
    def gebiete_dativ(self) -> str:
        """ "in welchen Sozialquartieren", "in den Planungsräumen" """
        return self.gebiete if self.gebiete.endswith(("n", "s")) else self.gebiete + "n"

    @property
    def leicht1(self) -> str:
        return self.leicht_gebiet or self.gebiet_kurz

    @property
    def leicht_n(self) -> str:
        return self.leicht_gebiete or self.gebiete_kurz

    @property
    def ein_gebiet(self) -> str:
        """ "ein Sozialquartier", "ein Planungsraum", "eine Region" """
        return ("eine " if self.gebiet_artikel == "die" else "ein ") + self.gebiet

    @property
    def jedes_gebiet(self) -> str:
        """Accusative after "für": "jedes Sozialquartier", "jeden Planungsraum", "jede Region" """
        return EACH[self.gebiet_artikel][1] + " " + self.gebiet

    @property
    def jedes_kurz(self) -> str:
        """Nominative: "jedes Quartier", "jeder Planungsraum" (the short noun shares the article)."""
        return EACH[self.gebiet_artikel][0] + " " + self.gebiet_kurz

    @property
    def gebiet_pronomen(self) -> str:
        return {"der": "er", "die": "sie", "das": "es"}[self.gebiet_artikel]

    @property
    def fokus1(self) -> str:
        return self.fokus_gebiet or f"Fokus{self.gebiet_kurz.lower()}"

    @property
    def fokus_n(self) -> str:
        return self.fokus_gebiete or f"Fokus{self.gebiete_kurz.lower()}"

    @property
    def is_demo(self) -> bool:
        """Every page says what the figures are unless the city released them (amtlich)."""
        return self.datenstand != "amtlich"

    @property
    def hinweis(self) -> str:
        """The one-sentence notice on every page, figure and package ("" for amtlich)."""
        return NOTICES[self.datenstand]


class Disclosure(Strict):
    mindestfallzahl: Annotated[int, Field(ge=1)] = 3
    mindestnenner: Annotated[int, Field(ge=1)] = 100


class EditionConfig(Strict):
    edition: Year
    titel: str
    veroeffentlicht: Year
    stichtag: Date
    dynamik_von: Year
    dynamik_bis: Year
    datenstand: DataStatus
    status_indikatoren: Texts = ()
    dynamik_indikatoren: Texts = ()
    schwellen_status: Numbers = DEFAULT_STATUS_THRESHOLDS
    schwellen_dynamik: Numbers = DEFAULT_DYNAMICS_THRESHOLDS
    mindest_einwohner: Annotated[int, Field(ge=0)] = 300
    ausschluss: Texts = ()
    fokus_codes: Codes = DEFAULT_FOKUS_CODES
    fokus_regel: str = "Status niedrig oder sehr niedrig, oder Status mittel mit negativer Dynamik."
    geheimhaltung: Disclosure = Disclosure()
    aenderungen: str = ""
    # Optional, per edition: publisher, licence and attribution differ from stadt.yaml.
    herausgeber: Party | None = None
    lizenz: Licence | None = None
    namensnennung: Texts = ()

    @field_validator("schwellen_status", "schwellen_dynamik")
    @classmethod
    def _ascending(cls, values: tuple[float, ...], info) -> tuple[float, ...]:
        n = 3 if info.field_name == "schwellen_status" else 2
        if len(values) != n:
            raise ValueError(f"braucht genau {n} Zahlen, gefunden: {list(values)}")
        if list(values) != sorted(values) or len(set(values)) != n:
            raise ValueError(f"die Schwellen {list(values)} sind nicht aufsteigend geordnet")
        return values

    @field_validator("status_indikatoren", "dynamik_indikatoren", "ausschluss", "fokus_codes")
    @classmethod
    def _once(cls, values: tuple) -> tuple:
        # [sgb2, sgb2, kinderarmut] would silently give SGB II double weight in the index.
        twice = sorted({str(v) for v in values if values.count(v) > 1})
        if twice:
            raise ValueError("„" + "“, „".join(twice) + "“ steht mehrfach in der Liste; jeder Eintrag darf nur einmal vorkommen")
        return values

    @field_validator("fokus_codes")
    @classmethod
    def _combined_codes(cls, values: tuple[int, ...]) -> tuple[int, ...]:
        wrong = [c for c in values if not is_combined_code(c)]
        if wrong:
            raise ValueError(f"{wrong} sind keine Codes der Form 10 · Status + Dynamik (z. B. 25, 31)")
        return values

    @field_validator("dynamik_bis")
    @classmethod
    def _window(cls, value: int, info) -> int:
        start = info.data.get("dynamik_von")
        if start is not None and start >= value:
            raise ValueError(f"das Dynamik-Zeitfenster {start}–{value} ist leer oder verkehrt; "
                             "dynamik_von muss vor dynamik_bis liegen")
        return value

    @property
    def hinweis(self) -> str:
        return NOTICES[self.datenstand]

    def city(self, city: CityConfig) -> CityConfig:
        """The city configuration as it applies to this edition (its own publisher, licence, attribution)."""
        changes = {k: v for k, v in (("herausgeber", self.herausgeber), ("lizenz", self.lizenz),
                                     ("namensnennung", self.namensnennung)) if v}
        return city.model_copy(update=changes) if changes else city

    def with_indicators(self, index_indicators: tuple[str, ...]) -> "EditionConfig":
        """The one place defaults are resolved: an edition that names no indicators uses every
        index indicator of indikatoren.csv."""
        return self.model_copy(update={"status_indikatoren": self.status_indikatoren or index_indicators,
                                       "dynamik_indikatoren": self.dynamik_indikatoren or index_indicators})

    @property
    def status_jahr(self) -> int:
        return self.stichtag.year

    @property
    def window(self) -> int:
        return self.dynamik_bis - self.dynamik_von


Role = Literal["zaehler", "nenner", "anteil", "einwohner", "ignorieren"]


class ColumnRole(Strict):
    """What one workbook column holds: a part of an indicator, the residents, or nothing to import."""

    rolle: Role
    indikator: str | None = None

    @field_validator("indikator")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(ID_PATTERN, v):
            raise ValueError(f"„{v}“ ist keine Indikator-ID (klein, a–z, 0–9, - und _)")
        return v

    @model_validator(mode="after")
    def _needs_indicator(self) -> ColumnRole:
        if self.rolle in ("zaehler", "nenner", "anteil") and self.indikator is None:
            raise ValueError(f"die Rolle {self.rolle} braucht einen Indikator (indikator: …)")
        return self


class ImportMapping(Strict):
    """import.yaml: how an office's workbook maps to the input tables; saved by every import, so the
    next year's workbook imports with one command. Columns are keyed by their header without years."""

    version: Literal[1] = 1
    namen: dict[str, str] = Field(default_factory=dict)  # spelling in the workbook → quartier_id
    ignorieren: list[str] = Field(default_factory=list)  # rows that are no area (totals, districts)
    spalten: dict[str, ColumnRole] = Field(default_factory=dict)
    jahr: Year | None = None  # where neither sheet, header nor a column names the year
