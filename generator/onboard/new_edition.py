"""`sozialbericht new-edition <year>`: a new edition's configuration from the previous one.

The YAML text is copied, so comments stay; the years move forward by the same distance and
the data status starts as it was. Data (werte.csv, einwohner.csv) the office adds itself.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import paths
from ..errors import InputError, Problem
from ..config.parse import parse_edition
from ..inputs.read import read_yaml


def _shift_date(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def new_edition(city_dir: Path, year: int, from_year: int | None = None) -> Path:
    folder = city_dir / paths.EDITIONS
    existing = sorted(int(p.stem) for p in folder.glob("*.yaml") if p.stem.isdigit())
    target = folder / f"{year}.yaml"
    problems = []
    if not 1000 <= year <= 9999:
        problems.append(Problem(paths.EDITIONS, f"„{year}“ ist keine vierstellige Jahreszahl.",
                                "Nennen Sie das Jahr der Ausgabe, z. B. 2024.", code="arguments-year"))
    if target.exists():
        problems.append(Problem(str(target), f"Die Ausgabe {year} gibt es schon.", "Bearbeiten Sie die vorhandene Datei.",
                                code="edition-exists"))
    if not existing:
        problems.append(Problem(str(folder), "Es gibt keine Ausgabe, die als Vorlage dienen kann.",
                                "Kopieren Sie eine Ausgabe aus data/oberhausen/editionen/.", code="editions-missing"))
    source_year = from_year or (max(existing) if existing else None)
    if source_year is not None and source_year not in existing:
        problems.append(Problem(str(folder), f"Die Vorlage {source_year} gibt es nicht.",
                                f"Vorhanden: {', '.join(map(str, existing))}.", code="edition-missing"))
    if problems:
        raise InputError(problems)
    label = f"{paths.EDITIONS}/{source_year}.yaml"
    text = (folder / f"{source_year}.yaml").read_text(encoding="utf-8")
    old = parse_edition(read_yaml(folder / f"{source_year}.yaml", problems, label), label, problems)
    if old is None:  # the template must be a valid edition before it can be copied
        raise InputError(problems)
    shift = year - old.edition
    replacements = {
        "edition": str(year),
        "titel": old.titel.replace(str(old.edition), str(year)),
        "veroeffentlicht": str(old.veroeffentlicht + shift),
        "stichtag": f'"{_shift_date(old.stichtag, shift).isoformat()}"',
        "dynamik_von": str(old.dynamik_von + shift),
        "dynamik_bis": str(old.dynamik_bis + shift),
    }
    for key, value in replacements.items():
        text = re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    text = re.sub(r"^aenderungen:.*(\n[ \t]+.*)*", "aenderungen: >-\n  Neue Ausgabe; bitte beschreiben, was sich an "
                  "Methode und Daten geändert hat.", text, count=1, flags=re.M)
    text = re.sub(r"^# Berichtsausgabe \d+", f"# Berichtsausgabe {year}", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8")
    return target
