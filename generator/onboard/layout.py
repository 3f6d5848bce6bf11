"""Where the table is on a sheet: the area column, the header rows above the first area, the data rows,
and each column's header text. Title rows above and footnotes below are left alone.

Nothing is guessed about meaning here (that is columns.py); this only finds the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .match import Areas
from .workbook import NOTHING, SECRET, Cell, Sheet

MAX_HEADER_ROWS = 4
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    letter: str
    header: str  # the header rows' texts, top to bottom, joined with " | "
    key: str  # the header without years: how import.yaml names the column across years
    years: tuple[int, ...]  # years the header names


@dataclass(frozen=True)
class Layout:
    sheet: Sheet
    area_column: int
    header_rows: tuple[int, ...]  # 0-based
    data_rows: tuple[int, ...]  # rows with an area text and at least one value (or a known area)
    columns: tuple[Column, ...]  # every other column with a header or a value
    sheet_years: tuple[int, ...]  # years in the sheet name, else in the title rows
    more_below: int | None  # a second table starts at this row (not read)


def is_value(cell: Cell) -> bool:
    return cell.number is not None or cell.text in SECRET or cell.text in NOTHING


def cell(sheet: Sheet, r: int, c: int) -> Cell:
    row = sheet.rows[r]
    return row[c] if c < len(row) else Cell("", None)


def _distinct_texts(row: list[Cell]) -> list[str]:
    return list(dict.fromkeys(c.text for c in row if c.text))


def strip_years(text: str) -> str:
    """ "SGB II 2022 | Anzahl" → "SGB II | Anzahl"; "Stand 31.12.2022" → "Stand" """
    t = re.sub(r"\d{1,2}\.\d{1,2}\.", "", text)
    t = YEAR.sub("", t)
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"\s*\|\s*", " | ", t)
    t = re.sub(r"(\s*\|\s*)+$|^(\s*\|\s*)+", "", t)
    return re.sub(r"(\|\s*){2,}", "| ", t).strip(" ,:;–-()")


def years_in(text: str) -> tuple[int, ...]:
    return tuple(dict.fromkeys(int(y) for y in YEAR.findall(text)))


def locate(sheet: Sheet, areas: Areas) -> Layout | None:
    """The table on ``sheet``, or None when no column holds the names or ids of known areas."""
    width = max((len(r) for r in sheet.rows), default=0)
    counts = [sum(1 for r in range(len(sheet.rows)) if areas.find(cell(sheet, r, c).text)) for c in range(width)]
    if not counts or max(counts) == 0:
        return None
    area = counts.index(max(counts))  # leftmost of the best
    first = next(r for r in range(len(sheet.rows)) if areas.find(cell(sheet, r, area).text))

    header: list[int] = []
    r = first - 1
    while r >= 0 and len(header) < MAX_HEADER_ROWS:
        texts = _distinct_texts(sheet.rows[r])
        if len(texts) < 2 or any(is_value(c) and c.number is not None and not YEAR.fullmatch(c.text)
                                 for c in sheet.rows[r]):
            break  # a blank row, a title (one text, maybe merged across) or a row of numbers ends the header
        header.insert(0, r)
        r -= 1
    title_text = " ".join(" ".join(_distinct_texts(sheet.rows[t])) for t in range(0, header[0] if header else first))

    data: list[int] = []
    more_below = None
    for r in range(first, len(sheet.rows)):
        row = sheet.rows[r]
        name = cell(sheet, r, area).text
        values = [c for i, c in enumerate(row) if i != area and is_value(c)]
        known = areas.find(name) is not None
        texts = [c.text for i, c in enumerate(row) if i != area and c.text and not is_value(c)]
        if not known and not values and len(set(texts)) >= 2 and r > first:
            more_below = r  # another header: a second table, which this import does not read
            break
        if known or (name and values):
            data.append(r)

    columns = []
    for c in range(width):
        if c == area:
            continue
        head = " | ".join(dict.fromkeys(cell(sheet, h, c).text for h in header if cell(sheet, h, c).text))
        if not head and not any(is_value(cell(sheet, r, c)) for r in data):
            continue
        columns.append(Column(c, sheet.address(0, c)[:-1], head, strip_years(head), years_in(head)))
    sheet_years = years_in(sheet.name) or years_in(title_text)
    return Layout(sheet, area, tuple(header), tuple(data), tuple(columns), sheet_years, more_below)
