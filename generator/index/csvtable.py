"""The core of `sozialbericht sozialindex`: the engine for any CSV table a statistics office has.

Reads the CSV through the one tabular reader (any encoding it detects, `,` `;` tab or `|`, decimal mark
decided by the cells unless given), keeps ids as text, and returns one row per input row. Pure: errors are raised, nothing is printed (cli.py
prints the warnings and writes the file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, Problem
from ..inputs import numbers, tabular
from . import engine
from .settings import IndexSettings


@dataclass
class TableResult:
    table: pd.DataFrame  # one row per input row, the columns of OUTPUT_FIXED and more
    valid: int
    total: int
    warnings: list[str] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def to_csv(self) -> str:
        return self.table.to_csv(index=False, lineterminator="\n", float_format="%.6f", na_rep="")


def split_list(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def read_table(path: Path, sep: str | None, decimal: str | None
               ) -> tuple[list[str], list[tuple[int, list[str]]], str, str, list[Problem]]:
    """The table through the one tabular reader (inputs/tabular.py): encoding, separator and decimal mark
    detected unless given."""
    problems: list[Problem] = []
    notes: list[Problem] = []
    table = tabular.read_csv(path, problems, notes, delimiter=sep, decimal=decimal, comma_means_point=False)
    if table is None:
        raise InputError(problems)
    records = [(n, r) for n, r in zip(table.rows, table.records) if r]  # (spreadsheet row, cells)
    if not records:
        raise InputError([Problem(path.name, "Die Datei ist leer.", "Exportieren Sie die Tabelle erneut.",
                                  code="file-empty")])
    return records[0][1], records[1:], table.delimiter, table.decimal, notes


def index_table(path: Path, id_column: str, population: str, status: tuple[str, ...], dynamics: tuple[str, ...],
                min_population: float = 300, exclude: tuple[str, ...] = (), sep: str | None = None,
                decimal: str | None = None) -> TableResult:
    header, rows, sep, decimal, notes = read_table(path, sep, decimal)
    file = path.name
    problems: list[Problem] = []
    needed = [id_column, population, *status, *dynamics]
    for col in dict.fromkeys(needed):
        if col not in header:
            problems.append(Problem(file, f"Die Spalte „{col}“ gibt es nicht.", f"Vorhanden sind: {', '.join(header)}.",
                                    row=1, field=col, code="header-missing-column"))
    if not status and not dynamics:
        problems.append(Problem(file, "Keine Indikatorspalten angegeben.", "Nennen Sie --status und/oder --dynamics.",
                                code="arguments-no-indicators"))
    if problems:
        raise InputError(problems)
    pos = {c: header.index(c) for c in needed}
    ids, values = [], {c: [] for c in needed[1:]}
    warnings: list[str] = []
    for n, rec in rows:
        if len(rec) != len(header):
            problems.append(Problem(file, f"Die Zeile hat {len(rec)} Zellen, die Kopfzeile {len(header)}.",
                                    "Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile.", row=n,
                                    code="row-width"))
            continue
        ids.append(rec[pos[id_column]].strip())
        for c in needed[1:]:
            number = numbers.parse(rec[pos[c]], decimal)
            if number.empty or number.marker:
                values[c].append(np.nan)
                what = "ist leer" if number.empty else f"ist als {number.marker} gekennzeichnet („{rec[pos[c]]}“)"
                warnings.append(f"Zeile {n}: „{c}“ {what} – Gebiet {ids[-1]} wird ungültig.")
                continue
            if not number.ok:
                values[c].append(np.nan)
                message = number.message if number.code != "cell-not-number" else f"„{rec[pos[c]]}“ ist keine Zahl."
                problems.append(Problem(file, message, f"Dezimalzeichen ist „{decimal}“; mit --decimal ändern. "
                                        + numbers.HINTS.get(number.code, ""), row=n, field=c, code=number.code))
                continue
            values[c].append(number.value)
    dup = pd.Index(ids)[pd.Index(ids).duplicated()].unique()
    for d in dup:
        problems.append(Problem(file, f"Die Kennung „{d}“ kommt mehrfach vor.", "Jede Kennung darf nur einmal vorkommen.",
                                field=id_column, code="key-duplicate"))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame(values, index=pd.Index(ids, name="id"))
    settings = IndexSettings(status_columns=status, dynamics_columns=dynamics, population_column=population,
                             min_population=min_population, exclude=exclude)
    result = engine.compute(frame, settings)
    out = pd.DataFrame({"id": result.index})
    out["gueltig"] = np.where(result["gueltig"], "true", "false")
    for col in ("statusindex", "statusklasse", "dynamikindex", "dynamikklasse", "sozialindex", "fokus"):
        out[col] = result[col].array if col in result else None
    out["fokus"] = [("true" if f else "false") if v else "" for f, v in zip(result["fokus"], result["gueltig"])]
    out["statuslabel"] = result["statuslabel"].to_numpy()
    out["dynamiklabel"] = result["dynamiklabel"].to_numpy()
    for c in (*status, *dynamics):
        out[f"z_{c}"] = result[f"z_{c}"].to_numpy()
    out["ungueltig_grund"] = result["ungueltig_grund"].to_numpy()
    return TableResult(out, int(result["gueltig"].sum()), len(result), warnings, notes)
