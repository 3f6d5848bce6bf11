"""Read a city's input files as text, exactly as a spreadsheet user wrote them.

Nothing here interprets values; that is validate's job. CSV files go through the one tabular reader
(tabular.py); what is harmless and unambiguous (a UTF-8 BOM, Windows-1252, `;` or tab as separator)
is accepted and reported as a note.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import paths
from ..errors import Problem
from ..model.fields import INPUT_FILES
from . import tabular
from .tabular import decode, max_file_bytes, sniff_delimiter  # noqa: F401  (the one reader; names kept for callers)


@dataclass
class RawTable:
    """A CSV file as rows of strings; ``rows[i]`` is spreadsheet row ``row_numbers[i]``."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    delimiter: str = ","
    decimal: str = "."  # "," or ".", decided by the one reader (numbers.py)
    encoding: str = "utf-8"

    @property
    def decimal_comma(self) -> bool:
        return self.decimal == ","


@dataclass
class RawCity:
    directory: Path
    tables: dict[str, RawTable | None] = field(default_factory=dict)
    city: Any = None
    editions: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, dict[str, int]] = field(default_factory=dict)  # YAML file → key path → line
    geometry: Any = None
    outline: Any = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def read_csv(path: Path, problems: list[Problem], notes: list[Problem], label: str | None = None) -> RawTable | None:
    """An input CSV through the one tabular reader (tabular.py): encoding, separator and decimal mark detected."""
    table = tabular.read_csv(path, problems, notes, label)
    if table is None:
        return None
    header = table.header
    rows, numbers = [], []
    for rec, rownum in zip(table.records[1:], table.rows[1:]):
        if not rec:
            continue  # blank line at the end of an Excel export
        rows.append(rec)
        numbers.append(rownum)
    return RawTable(table.file, header, rows, numbers, table.delimiter, table.decimal, table.encoding)


def read_yaml(path: Path, problems: list[Problem], label: str,
              lines: dict[str, int] | None = None) -> Any:
    """The YAML data (or None with a problem); ``lines`` receives the line of every key path."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(label, "Die Datei ist nicht UTF-8-kodiert.", "Speichern Sie sie als UTF-8.",
                                code="encoding-not-utf8"))
        return None
    try:
        data = yaml.safe_load(text)
        if lines is not None:
            lines.update(key_lines(yaml.compose(text)))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(label, f"Die YAML-Datei ist nicht lesbar: {getattr(exc, 'problem', exc)}.",
                                "Prüfen Sie Einrückung und Doppelpunkte in dieser Zeile.",
                                row=mark.line + 1 if mark else None, code="yaml-syntax"))
        return None
    if data is None:
        problems.append(Problem(label, "Die Datei ist leer.", "Vergleichen Sie mit data/oberhausen/.", code="file-empty"))
    return data


def key_lines(node: Any, prefix: str = "") -> dict[str, int]:
    """Key path ("geheimhaltung.mindestnenner") → line number, from a composed YAML node tree."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                path = f"{prefix}{key.value}"
                out[path] = key.start_mark.line + 1
                out.update(key_lines(value, path + "."))
    elif isinstance(node, yaml.SequenceNode):  # list items by position: "gebaerdensprache.videos.0.datei"
        for i, item in enumerate(node.value):
            out[f"{prefix}{i}"] = item.start_mark.line + 1
            out.update(key_lines(item, f"{prefix}{i}."))
    return out


def read_json(path: Path, problems: list[Problem], label: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem(label, "Die Datei ist nicht UTF-8-kodiert.", "Speichern Sie sie als UTF-8.",
                                code="encoding-not-utf8"))
    except json.JSONDecodeError as exc:
        problems.append(Problem(label, f"Die GeoJSON-Datei ist kein gültiges JSON: {exc.msg}.",
                                "Öffnen Sie die Datei in QGIS und exportieren Sie sie erneut als GeoJSON.",
                                row=exc.lineno, code="json-syntax"))
    return None


def read_city(directory: Path) -> RawCity:
    """Read every input file of the city in ``directory``; problems are collected, not raised."""
    raw = RawCity(directory)

    def present(name: str) -> bool:
        return (directory / name).is_file()

    if not directory.is_dir():
        raw.problems.append(Problem(str(directory), "Das Datenverzeichnis gibt es nicht.",
                                    "Prüfen Sie --city bzw. --data-dir.", code="directory-missing"))
        return raw
    for table, name in INPUT_FILES.items():
        if present(name):
            raw.tables[table] = read_csv(directory / name, raw.problems, raw.notes)
        elif table != "veraenderungen":
            raw.problems.append(Problem(name, "Die Datei fehlt.",
                                        f"Legen Sie {name} im Verzeichnis {directory} an.", code="file-missing"))
    if present(paths.CITY_CONFIG):
        raw.lines[paths.CITY_CONFIG] = {}
        raw.city = read_yaml(directory / paths.CITY_CONFIG, raw.problems, paths.CITY_CONFIG, raw.lines[paths.CITY_CONFIG])
    else:
        raw.problems.append(Problem(paths.CITY_CONFIG, "Die Stadt-Konfiguration fehlt.",
                                    "Kopieren Sie data/oberhausen/stadt.yaml und passen Sie sie an.",
                                    code="file-missing"))
    editions = sorted((directory / paths.EDITIONS).glob("*.yaml"))
    if not editions:
        raw.problems.append(Problem(paths.EDITIONS + "/", "Es gibt keine Berichtsausgabe (editionen/<Jahr>.yaml).",
                                    "Legen Sie eine an: sozialbericht new-edition <Jahr>.", code="editions-missing"))
    for path in editions:
        label = f"{paths.EDITIONS}/{path.name}"
        raw.lines[label] = {}
        raw.editions[label] = read_yaml(path, raw.problems, label, raw.lines[label])
    if present(paths.GEOMETRY):
        raw.geometry = read_json(directory / paths.GEOMETRY, raw.problems, paths.GEOMETRY)
    else:
        raw.problems.append(Problem(paths.GEOMETRY, "Die Geometrie der Quartiere fehlt.",
                                    "Exportieren Sie die Flächen in QGIS als GeoJSON (EPSG:4326) mit der Eigenschaft "
                                    f"quartier_id nach {paths.GEOMETRY}.", code="file-missing"))
    if present(paths.OUTLINE):
        raw.outline = read_json(directory / paths.OUTLINE, raw.problems, paths.OUTLINE)
    return raw
