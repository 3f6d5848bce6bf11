"""Read a city's input files as text, exactly as a spreadsheet user wrote them.

Nothing here interprets values; that is validate's job. What is harmless and unambiguous
(a UTF-8 BOM, `;` as separator) is accepted and reported as a note.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import paths
from ..errors import Problem
from ..model.fields import INPUT_FILES

DEFAULT_MAX_MB = 64


def max_file_bytes() -> int:
    return int(float(os.environ.get("SOZIALBERICHT_MAX_FILE_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


@dataclass
class RawTable:
    """A CSV file as rows of strings; ``rows[i]`` is spreadsheet row ``row_numbers[i]``."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    delimiter: str = ","
    decimal_comma: bool = False


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


def decode(data: bytes, file: str, problems: list[Problem], notes: list[Problem]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append(Problem(file, "Die Datei beginnt mit einer UTF-8-Bytefolgemarke (BOM); sie wird ignoriert.",
                             code="note-bom", severity="note"))
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(file, "Die Datei ist in UTF-16 gespeichert.",
                                "Speichern Sie sie als „CSV UTF-8 (durch Trennzeichen getrennt)“.",
                                code="encoding-utf16"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        sample = data[exc.start: exc.start + 1]
        guess = data.decode("cp1252", errors="replace").splitlines()[line - 1][:60]
        problems.append(Problem(
            file, f"Die Datei ist nicht UTF-8-kodiert (Zeichen „{sample.decode('cp1252', errors='replace')}“, "
                  f"Byte 0x{sample.hex().upper()}, in Zeile {line}: „{guess}“); "
                  "vermutlich Windows-1252 oder Latin-1, wie Excel „CSV (Trennzeichen-getrennt)“ speichert.",
            "Speichern Sie die Datei in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ "
            "oder in LibreOffice mit Zeichensatz „Unicode (UTF-8)“.", row=line, code="encoding-not-utf8"))
        return None


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_csv(path: Path, problems: list[Problem], notes: list[Problem], label: str | None = None) -> RawTable | None:
    file = label or path.name
    size = path.stat().st_size
    if size > max_file_bytes():
        problems.append(Problem(
            file, f"Die Datei ist {size / 1024 / 1024:.0f} MB groß; erlaubt sind {max_file_bytes() / 1024 / 1024:.0f} MB.",
            "Prüfen Sie, ob die richtige Datei exportiert wurde; für größere Dateien setzen Sie "
            "SOZIALBERICHT_MAX_FILE_MB.", code="file-too-large"))
        return None
    text = decode(path.read_bytes(), file, problems, notes)
    if text is None:
        return None
    if not text.strip():
        problems.append(Problem(file, "Die Datei ist leer.",
                                "Exportieren Sie die Tabelle erneut, mit Kopfzeile und Daten.", code="file-empty"))
        return None
    first = text.splitlines()[0]
    delimiter = sniff_delimiter(first)
    if delimiter == ";":
        notes.append(Problem(file, "Semikolon als Trennzeichen erkannt (deutsches Excel); "
                                   "Dezimalkomma wird als Dezimaltrenner gelesen.", code="note-semicolon",
                             severity="note"))
    elif delimiter == "\t":
        notes.append(Problem(file, "Tabulator als Trennzeichen erkannt.", code="note-tab", severity="note"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    header = [h.strip() for h in records[0]]
    rows, numbers = [], []
    for i, rec in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in rec):
            continue  # blank line at the end of an Excel export
        rows.append([c.strip() for c in rec])
        numbers.append(i)
    return RawTable(file, header, rows, numbers, delimiter, delimiter == ";")


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
