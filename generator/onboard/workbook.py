"""Workbooks as statistics offices keep them, read into a grid of cells.

XLSX (every sheet; merged cells filled with their value, so a two-row header reads whole) or CSV
(German Excel: `;` and decimal comma). Nothing is interpreted here but the cell text and numbers.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..errors import InputError, Problem
from ..inputs.read import decode, sniff_delimiter

# Markers offices write instead of a number: secret, nothing, not available (never a zero).
SECRET = {".", "x", "X", "*"}
NOTHING = {"-", "–", "—", "…", "...", "k.A.", "k. A.", "kA", "n.v.", "/"}


@dataclass
class Cell:
    text: str  # as shown (numbers in German form for CSV input, str() for XLSX numbers)
    number: float | None  # the number, where the cell holds one (typed in XLSX, parsed German text)


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]  # rows[r][c], 0-based; row r is spreadsheet row r + 1

    def address(self, r: int, c: int) -> str:
        return f"{get_column_letter(c + 1)}{r + 1}"


def german_number(text: str) -> float | None:
    """ "1.234,5" → 1234.5, "12,5 %" → 12.5, "1234" → 1234; None for anything else."""
    t = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not t or not re.fullmatch(r"[-+−]?[\d.,]+", t):
        return None
    t = t.replace("−", "-")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", t):  # 1.234 is a thousand separator
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:
        return None


def read_workbook(path: Path) -> list[Sheet]:
    if not path.is_file():
        raise InputError([Problem(str(path), "Die Datei gibt es nicht.", "Prüfen Sie den Pfad.", code="file-missing")])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return [_csv(path)]
    raise InputError([Problem(path.name, f"Das Format „{path.suffix}“ wird nicht gelesen.",
                              "Speichern Sie die Arbeitsmappe als Excel-Arbeitsmappe (.xlsx) oder CSV.",
                              code="workbook-format")])


def _xlsx(path: Path) -> list[Sheet]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(path, data_only=True)  # values, not formulas
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError([Problem(path.name, f"Die Arbeitsmappe ist nicht lesbar ({type(exc).__name__}).",
                                  "Öffnen Sie sie in Excel und speichern Sie sie erneut als .xlsx.",
                                  code="workbook-unreadable")]) from None
    sheets = []
    for ws in wb.worksheets:
        grid: list[list[Cell]] = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, bool):
                    v = str(v)
                if isinstance(v, (int, float)):
                    if "%" in str(c.number_format or ""):  # 0,125 shown as 12,5 %: the office means 12.5
                        v = round(float(v) * 100, 10)
                    cells.append(Cell(_shown(v), float(v)))
                else:
                    text = "" if v is None else str(v).strip()
                    cells.append(Cell(text, german_number(text)))
            grid.append(cells)
        for merged in ws.merged_cells.ranges:  # a merged header names every column it spans
            top = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    if r < len(grid) and c < len(grid[r]):
                        grid[r][c] = top
        sheets.append(Sheet(ws.title, grid))
    return sheets


def _shown(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v).replace(".", ",")


def _csv(path: Path) -> Sheet:
    problems: list[Problem] = []
    text = decode(path.read_bytes(), path.name, problems, [])
    if text is None:
        raise InputError(problems)
    delimiter = sniff_delimiter(text.splitlines()[0] if text.strip() else ",")
    rows = [[Cell(c.strip(), german_number(c) if delimiter == ";" else _plain(c)) for c in rec]
            for rec in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Sheet(path.stem, rows)


def _plain(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return german_number(text)
