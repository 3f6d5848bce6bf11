"""`sozialbericht sozialindex`: the engine for any CSV table a statistics office already has.

Reads UTF-8 CSV with `,` or `;` and `.` or `,` as decimal mark (detected unless given), keeps ids
as text, and writes one row per input row. Library errors are typed; cli.py prints them.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import engine
from .errors import InputError, Problem
from .load import _decode, sniff_delimiter
from .settings import IndexSettings

OUTPUT_FIXED = ["id", "gueltig", "statusindex", "statusklasse", "dynamikindex", "dynamikklasse", "sozialindex", "fokus"]


def _split(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in text.split(",") if c.strip())


def read_table(path: Path, sep: str | None, decimal: str | None) -> tuple[list[str], list[list[str]], str, str, list[Problem]]:
    problems: list[Problem] = []
    notes: list[Problem] = []
    if not path.is_file():
        raise InputError([Problem(str(path), "Die Datei gibt es nicht.")])
    text = _decode(path.read_bytes(), path.name, problems, notes)
    if text is None:
        raise InputError(problems)
    if not text.strip():
        raise InputError([Problem(path.name, "Die Datei ist leer.")])
    sep = sep or sniff_delimiter(text.splitlines()[0])
    records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if any(c.strip() for c in r)]
    header = [h.strip() for h in records[0]]
    if decimal is None:
        decimal = "," if sep == ";" else "."
    return header, records[1:], sep, decimal, notes


def run(args) -> int:
    status, dynamics = _split(args.status), _split(args.dynamics)
    header, rows, sep, decimal, notes = read_table(args.input, args.sep, args.decimal)
    file = args.input.name
    problems: list[Problem] = []
    needed = [args.id, args.population, *status, *dynamics]
    for col in dict.fromkeys(needed):
        if col not in header:
            problems.append(Problem(file, f"Die Spalte „{col}“ gibt es nicht.", f"Vorhanden sind: {', '.join(header)}.",
                                    row=1, field=col))
    if not status and not dynamics:
        problems.append(Problem(file, "Keine Indikatorspalten angegeben.", "Nennen Sie --status und/oder --dynamics."))
    if problems:
        raise InputError(problems)
    pos = {c: header.index(c) for c in needed}
    ids, values = [], {c: [] for c in needed[1:]}
    warnings: list[str] = []
    for n, rec in enumerate(rows, start=2):
        if len(rec) != len(header):
            problems.append(Problem(file, f"Die Zeile hat {len(rec)} Zellen, die Kopfzeile {len(header)}.", row=n))
            continue
        ids.append(rec[pos[args.id]].strip())
        for c in needed[1:]:
            cell = rec[pos[c]].strip().replace("\u00a0", "")
            if cell == "":
                values[c].append(np.nan)
                warnings.append(f"Zeile {n}: „{c}“ ist leer – Gebiet {ids[-1]} wird ungültig.")
                continue
            if decimal == ",":
                cell = cell.replace(".", "").replace(",", ".")
            try:
                values[c].append(float(cell))
            except ValueError:
                values[c].append(np.nan)
                problems.append(Problem(file, f"„{rec[pos[c]]}“ ist keine Zahl.",
                                        f"Dezimalzeichen ist „{decimal}“; mit --decimal ändern.", row=n, field=c))
    dup = pd.Index(ids)[pd.Index(ids).duplicated()].unique()
    for d in dup:
        problems.append(Problem(file, f"Die Kennung „{d}“ kommt mehrfach vor.", field=args.id))
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame(values, index=pd.Index(ids, name="id"))
    settings = IndexSettings(status_columns=status, dynamics_columns=dynamics, population_column=args.population,
                             min_population=args.min_population, exclude=_split(args.exclude))
    result = engine.compute(frame, settings)
    for w in warnings:
        print(f"Warnung: {w}", file=sys.stderr)
    for n in notes:
        print(f"Hinweis: {n.format()}", file=sys.stderr)
    out = pd.DataFrame({"id": result.index})
    out["gueltig"] = np.where(result["gueltig"], "true", "false")
    for col in ("statusindex", "statusklasse", "dynamikindex", "dynamikklasse", "sozialindex", "fokus"):
        if col in result:
            out[col] = result[col].array
        else:
            out[col] = None
    out["fokus"] = [("true" if f else "false") if v else "" for f, v in zip(result["fokus"], result["gueltig"])]
    out["statuslabel"] = result["statuslabel"].to_numpy()
    out["dynamiklabel"] = result["dynamiklabel"].to_numpy()
    for c in (*status, *dynamics):
        out[f"z_{c}"] = result[f"z_{c}"].to_numpy()
    out["ungueltig_grund"] = result["ungueltig_grund"].to_numpy()
    text = out.to_csv(index=False, lineterminator="\n", float_format="%.6f", na_rep="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{int(result['gueltig'].sum())} von {len(result)} Gebieten gültig; geschrieben: {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
