"""The MkDocs configuration of a city's site, and an MkDocs build that fails on every warning."""

from __future__ import annotations

import copy
import logging
import os
from pathlib import Path

import yaml

from .. import paths
from ..config.models import CityConfig
from ..errors import BuildError
from ..model.address import PublicAddress
from . import urls


def mkdocs_config(city: CityConfig, docs: Path, site: Path, config_path: Path, address: PublicAddress) -> dict:
    """The base mkdocs.yml plus what belongs to this city (name, address, nav, texts)."""
    base = yaml.safe_load(paths.BASE_MKDOCS.read_text(encoding="utf-8"))
    cfg = copy.deepcopy(base)
    cfg.update({
        "site_name": city.titel,
        "site_description": city.untertitel or city.titel,
        "site_url": address.base,
        "docs_dir": os.path.relpath(docs, config_path.parent),
        "site_dir": os.path.relpath(site, config_path.parent),
        "copyright": f"Herausgeber: {city.herausgeber.name}",
        "nav": [
            {"Start": urls.START},
            {city.gebiete: urls.QUARTERS},
            {city.fokus_n: urls.FOCUS},
            {"Indikatoren": urls.INDICATORS},
            {"Methodik": urls.METHOD},
            {"Daten": urls.DATA},
            {"Berichtsausgaben": urls.EDITIONS},
            {"Über diese Website": [urls.ACCESSIBILITY, urls.EASY_LANGUAGE, urls.SIGN_LANGUAGE, urls.IMPRINT,
                                     urls.PRIVACY]},
        ],
    })
    cfg["theme"]["custom_dir"] = os.path.relpath(paths.TEMPLATES_DIR / "overrides", config_path.parent)
    cfg["extra"] = {**cfg.get("extra", {}), "datenstand": city.datenstand,
                    "datenstand_kurz": city.hinweis,
                    "datenstand_link": "",
                    "namensnennung": list(city.namensnennung)}
    return cfg


def write_config(city: CityConfig, docs: Path, site: Path, config_file: Path, address: PublicAddress) -> None:
    config_file.write_text(yaml.safe_dump(mkdocs_config(city, docs, site, config_file, address),
                                          allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_mkdocs(config_file: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    # MkDocs logs through "mkdocs"; count warnings ourselves so --strict failures carry the text.
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config_file), strict=True)
        mkdocs_build(cfg)
    except (Abort, ConfigurationError, SystemExit) as exc:
        raise BuildError("mkdocs build --strict ist fehlgeschlagen:\n  " + "\n  ".join(messages or [str(exc)])) from None
    finally:
        logger.removeHandler(handler)
    if messages:
        raise BuildError("mkdocs build --strict meldet Warnungen:\n  " + "\n  ".join(messages))
