"""How the data are cited and described: one wording for the package, its README, DCAT and pages."""

from __future__ import annotations

import datetime as dt
import os

import yaml

from ..config.models import CityConfig, EditionConfig
from ..language.voice import ADDRESS_MARK, address, files_note


def build_date(ed: EditionConfig) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else the edition's reference date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.combine(ed.stichtag, dt.time())


def package_name(slug: str) -> str:
    return f"sozialbericht-{slug}"


def version(ed: EditionConfig) -> str:
    return f"{ed.edition}.1.0"


def citation_prefix(city: CityConfig, ed: EditionConfig) -> str:
    """The citation without its address (pages mark a placeholder address themselves)."""
    return f"{city.herausgeber.name}: {ed.titel} – {city.titel}, Daten (Version {version(ed)})."


def citation_text(city: CityConfig, ed: EditionConfig, url: str) -> str:
    """The citation in a text file: a placeholder address is marked (README, "Lies mich")."""
    return f"{citation_prefix(city, ed)} {address(url)}"


def description(city: CityConfig, ed: EditionConfig) -> str:
    text = (f"{city.gebiete} der Stadt {city.stadt} mit den Indikatoren des Sozialberichts, Status-, Dynamik- "
            f"und Sozialindex nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung. "
            f"Stichtag {ed.stichtag:%d.%m.%Y}, Dynamik {ed.dynamik_von}–{ed.dynamik_bis}. "
            f"Datenstand: {ed.datenstand}.")
    if ed.datenstand != "amtlich":
        text += " " + city.datenstand_erlaeuterung
    return text


def citation_cff(city: CityConfig, ed: EditionConfig, url: str, created: dt.datetime) -> str:
    message = "Bitte zitieren Sie die Daten so (siehe auch README.md)." + files_note(url)
    doc = {
        "cff-version": "1.2.0",
        "message": message,
        "type": "dataset",
        "title": f"{city.titel} – {ed.titel}: Daten ({ed.datenstand})",
        "authors": [{"name": city.herausgeber.name}],
        "version": version(ed),
        "date-released": created.date().isoformat(),
        "license-url": city.lizenz.pfad,
        "url": url,
        "keywords": list(city.schlagworte),
        "abstract": description(city, ed),
    }
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    if files_note(url):  # a YAML comment marks the address line itself (CFF allows comments)
        text = text.replace("\nurl: ", f"\n# {ADDRESS_MARK}\nurl: ", 1)
    return text
