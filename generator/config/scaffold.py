"""`sozialbericht new-edition <year>`: a new edition's configuration from the previous one.

The YAML text is copied, so comments stay; the years move forward by the same distance and
the data status starts as it was. Data (werte.csv, einwohner.csv) the office adds itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .. import paths
from ..errors import InputError, Problem


def new_edition(city_dir: Path, year: int, from_year: int | None = None) -> Path:
    folder = city_dir / paths.EDITIONS
    existing = sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit())
    target = folder / f"{year}.yaml"
    problems = []
    if target.exists():
        problems.append(Problem(str(target), f"Die Ausgabe {year} gibt es schon.", "Bearbeiten Sie die vorhandene Datei."))
    if not existing:
        problems.append(Problem(str(folder), "Es gibt keine Ausgabe, die als Vorlage dienen kann."))
    source_year = from_year or (max(existing) if existing else None)
    if source_year is not None and source_year not in existing:
        problems.append(Problem(str(folder), f"Die Vorlage {source_year} gibt es nicht.",
                                f"Vorhanden: {', '.join(map(str, existing))}."))
    if problems:
        raise InputError(problems)
    text = (folder / f"{source_year}.yaml").read_text(encoding="utf-8")
    old = yaml.safe_load(text)
    shift = year - int(old["edition"])
    stichtag = str(old["stichtag"])
    new_stichtag = f"{int(stichtag[:4]) + shift}{stichtag[4:]}"
    replacements = {
        "edition": str(year),
        "titel": str(old["titel"]).replace(str(old["edition"]), str(year)),
        "veroeffentlicht": str(int(old["veroeffentlicht"]) + shift),
        "stichtag": f'"{new_stichtag}"',
        "dynamik_von": str(int(old["dynamik_von"]) + shift),
        "dynamik_bis": str(int(old["dynamik_bis"]) + shift),
    }
    for key, value in replacements.items():
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    text = re.sub(r"^aenderungen:.*(\n[ \t]+.*)*", "aenderungen: >-\n  Neue Ausgabe; bitte beschreiben, was sich an "
                  "Methode und Daten geändert hat.", text, count=1, flags=re.M)
    text = re.sub(r"^# Berichtsausgabe \d+", f"# Berichtsausgabe {year}", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8")
    return target
