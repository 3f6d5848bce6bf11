"""Imported rows merged into an input CSV, losing nothing.

- The existing file is read with the one tabular reader (inputs/tabular.py): any encoding, BOM,
  separator and decimal mark that `validate` accepts.
- Every earlier row keeps its place and its text; new rows follow in a stable order; a changed value
  is reported with old and new.
- The file is written back **in its own dialect** (encoding, BOM, separator, decimal mark, line
  ending), so German Excel keeps opening it; a new file is written in the project's dialect (UTF-8,
  comma, decimal point). A header without the key columns, or a value that cannot be carried over
  exactly, is a located problem: then nothing is written.
- Writing is atomic and comes last: each file goes to a temporary file beside it, is read back with the
  same reader and checked (every earlier row value for value, every new row, one header), and only
  then replaces the old file (os.replace). Nothing changed → the file is not touched (same bytes).
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..inputs import numbers
from ..inputs.tabular import CsvTable, read_csv
from ..model.fields import FIELDS

PROJECT_DIALECT = ("utf-8", ",", numbers.ENGLISH, "\n")
ENCODING_WORDS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 mit BOM", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
DELIMITER_WORDS = {",": "Komma", ";": "Semikolon", "\t": "Tabulator", "|": "senkrechter Strich"}


@dataclass
class Merged:
    text: str
    header: list[str]
    added: int = 0
    unchanged: int = 0
    changed: list[tuple[tuple[str, ...], str, str, str]] = field(default_factory=list)  # key, column, old, new
    file: str = ""
    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = numbers.ENGLISH
    line_ending: str = "\n"
    kept: int = 0  # earlier rows carried over
    keys: tuple[str, ...] = ()
    # what the writer must find again: every earlier row's values and every new row's (parsed, by key)
    expect: dict[tuple[str, ...], dict[str, object]] = field(default_factory=dict)

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed)

    def dialect(self) -> str:
        """German: how the file is written, e.g. „Semikolon, Windows-1252, Dezimalkomma“."""
        mark = "Dezimalkomma" if self.decimal == numbers.GERMAN else "Dezimalpunkt"
        return f"{DELIMITER_WORDS[self.delimiter]}, {ENCODING_WORDS.get(self.encoding, self.encoding)}, {mark}"


    def note(self) -> str:
        """German: what the write keeps, for the import report ("" for a file in the project's own dialect)."""
        if not self.touched or (self.encoding, self.delimiter, self.decimal) == PROJECT_DIALECT[:3]:
            return ""
        return (f"im bisherigen Format geschrieben ({self.dialect()}); alle {self.kept} bisherigen Zeilen "
                "bleiben Wert für Wert erhalten")


def number_text(value: float | int | None) -> str:
    """How a number is written into our CSV files: integers plain, shares without trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _numeric(column: str) -> bool:
    f = FIELDS.get(column)
    return f is not None and f.type in ("integer", "number")


def _value(text: str, column: str, decimal: str) -> object:
    """A cell as a comparable value: numbers parsed by the one parser, text stripped."""
    text = (text or "").strip()
    if not text or not _numeric(column):
        return text
    n = numbers.parse(text, decimal)
    return n.value if n.ok and n.value is not None else ("?", text)


def _local(text: str, column: str, decimal: str) -> str:
    """A value from the importer (decimal point) written in the file's decimal mark."""
    if decimal == numbers.GERMAN and _numeric(column) and text:
        return text.replace(".", ",")
    return text


def merge(path: Path, order: list[str], key_columns: tuple[str, ...], rows: dict[tuple[str, ...], dict[str, str]],
          sort_key) -> Merged:
    """``rows``: key → {column: text with a decimal point}. ``order``: every column the table knows, in its order.

    Raises InputError (nothing is written) when the existing file cannot be read or merged exactly."""
    file = path.name
    existing: list[dict[str, str]] = []
    header: list[str] = []
    table: CsvTable | None = None
    if path.exists():
        problems: list[Problem] = []
        table = read_csv(path, problems, [])
        if table is None and not any(p.code == "file-empty" for p in problems):
            raise InputError([_refuse(p) for p in problems])
    if table is not None and table.header:
        header = list(table.header)
        missing = [c for c in key_columns if c not in header]
        if missing or len(set(header)) != len(header):
            raise InputError([Problem(
                file, f"Die vorhandene Datei hat die Kopfzeile „{table.delimiter.join(header)[:120]}“; "
                      f"{'es fehlen ' + ', '.join(missing) if missing else 'eine Spalte kommt doppelt vor'}. "
                      "Der Import hat nichts geschrieben, damit keine Zeile verloren geht.",
                "Prüfen Sie die Datei mit „sozialbericht validate“ und korrigieren Sie die Kopfzeile.", row=1,
                code="merge-header")])
        for rec, row in zip(table.records[1:], table.rows[1:]):
            if not rec:
                continue
            if len(rec) > len(header) and any(rec[len(header):]):
                raise InputError([Problem(
                    file, f"Die vorhandene Datei hat in dieser Zeile {len(rec)} Zellen, die Kopfzeile {len(header)}. "
                          "Der Import hat nichts geschrieben, damit keine Zelle verloren geht.",
                    "Prüfen Sie die Datei mit „sozialbericht validate“ (oft ein Dezimalkomma in einer kommagetrennten "
                    "Datei).", row=row, code="merge-row-width")])
            existing.append(dict(zip(header, rec + [""] * (len(header) - len(rec)))))
        encoding, delimiter, decimal, ending = table.encoding, table.delimiter, table.decimal, table.line_ending
    else:
        encoding, delimiter, decimal, ending = PROJECT_DIALECT
    needed = {c for r in rows.values() for c, v in r.items() if v != ""}
    header = header or [c for c in order if c in key_columns or c in needed]
    header += [c for c in order if c in needed and c not in header]
    out = Merged("", header, file=file, encoding=encoding, delimiter=delimiter, decimal=decimal, line_ending=ending,
                 keys=key_columns)
    position = {tuple((r.get(c) or "").strip() for c in key_columns): i for i, r in enumerate(existing)}
    new_keys = []
    for k, values in rows.items():
        if k in position:
            old = existing[position[k]]
            changes = [(c, old.get(c) or "", v) for c, v in values.items()
                       if _value(old.get(c) or "", c, decimal) != _value(v, c, numbers.ENGLISH)]
            if changes:
                out.changed += [(k, c, o, v) for c, o, v in changes]
                old.update({c: _local(v, c, decimal) for c, v in values.items()})
            else:
                out.unchanged += 1
        else:
            new_keys.append(k)
    out.added = len(new_keys)
    out.kept = len(existing)
    for k in sorted(new_keys, key=sort_key):
        existing.append({**dict(zip(key_columns, k)), **{c: _local(v, c, decimal) for c, v in rows[k].items()}})
    for r in existing:
        key = tuple((r.get(c) or "").strip() for c in key_columns)
        out.expect[key] = {c: _value(r.get(c) or "", c, decimal) for c in header}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending)
    writer.writerow(header)
    for r in existing:
        writer.writerow([r.get(c) or "" for c in header])
    out.text = buffer.getvalue()
    return out


def _refuse(p: Problem) -> Problem:
    return Problem(p.file, p.message + " Der Import hat nichts geschrieben.", p.hint, row=p.row, field=p.field,
                   code=p.code)


def _encoded(m: Merged) -> tuple[bytes, Merged]:
    try:
        return m.text.encode(m.encoding), m
    except UnicodeEncodeError:  # a character the file's code page cannot hold: UTF-8 with BOM, which Excel reads
        m.encoding = "utf-8-sig"
        return m.text.encode("utf-8-sig"), m


def _check(path: Path, m: Merged) -> list[Problem]:
    """Read the written file back with the one reader: one header, every expected row with its values."""
    problems: list[Problem] = []
    table = read_csv(path, problems, [], m.file)
    if table is None:
        return problems or [Problem(m.file, "Die geschriebene Datei ist nicht lesbar.", code="merge-check")]
    found: dict[tuple[str, ...], dict[str, object]] = {}
    for rec in table.records[1:]:
        if not rec:
            continue
        r = dict(zip(table.header, rec + [""] * (len(table.header) - len(rec))))
        found[tuple(r.get(c, "").strip() for c in m.keys)] = {c: _value(r.get(c, ""), c, table.decimal)
                                                              for c in m.header}
    if table.header != m.header:
        problems.append(Problem(m.file, f"Die Kopfzeile wäre „{','.join(table.header)}“ statt „{','.join(m.header)}“.",
                                code="merge-check"))
    lost = [k for k, v in m.expect.items() if found.get(k) != v]
    if lost:
        problems.append(Problem(m.file, f"{len(lost)} Zeilen kämen anders zurück, als sie geschrieben wurden "
                                        f"(z. B. {' / '.join(lost[0])}).",
                                "Bitte melden Sie das mit der Datei; nichts wurde geschrieben.", code="merge-check"))
    if len(found) != len(m.expect):
        problems.append(Problem(m.file, f"{len(found)} statt {len(m.expect)} Zeilen gelesen.", code="merge-check"))
    return problems


def commit(directory: Path, files: list[tuple[str, Merged]]) -> list[str]:
    """Write every touched file atomically, after checking all of them; returns the names written.

    Raises InputError (and writes nothing) when a check fails."""
    staged: list[tuple[Path, Path]] = []
    problems: list[Problem] = []
    try:
        for name, m in files:
            if not m.touched:
                continue
            target = directory / name
            data, m = _encoded(m)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            staged.append((Path(tmp), target))
            problems += _check(Path(tmp), m)
        if problems:
            raise InputError(problems)
        for tmp, target in staged:
            os.replace(tmp, target)
        return [target.name for _, target in staged]
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
