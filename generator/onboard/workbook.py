"""Workbooks as statistics offices keep them, read into a grid of cells.

The reading itself is the one tabular reader of the input stage (generator/inputs/tabular.py: XLSX,
XLSM, XLS, ODS, XLSB and CSV in any encoding it detects; numbers by generator/inputs/numbers.py).
This module keeps the names the importer and the layout finder use.
"""

from __future__ import annotations

from ..inputs.numbers import GERMAN, NOTHING, SECRET, parse
from ..inputs.tabular import Cell, Sheet, read_workbook, text_cell, workbook_kind

__all__ = ["NOTHING", "SECRET", "Cell", "Sheet", "german_number", "read_workbook", "text_cell", "workbook_kind"]


def german_number(text: str) -> float | None:
    """ "1.234,5" → 1234.5, "12,5 %" → 12.5, "1234" → 1234; None for anything else (markers, problems)."""
    n = parse(text, GERMAN)
    return n.value if n.ok else None
