"""Where the tables are on a sheet, found from the sheet's shape, and how each is laid out.

A table is a run of rows with numbers. Above it: the header (the rows between the titles and the first
row with numbers, at most four, merged or centred cells carried across), above that the title rows (one
text in the first column). Below it: footnotes. A row of year numbers („2012 | 2013 | …“) belongs to the
header. A sheet may hold several tables one below the other; a sheet without a run of numbers holds none
(and says why).

Then the layout: which column names the areas (the one whose texts match quartiere.csv best, never a
fixed first name), which other columns repeat them as codes, which holds the year, which text columns name
a characteristic (long format: area; year; characteristic; count; reference), and which hold values.
Nothing is guessed about meaning here (that is columns.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import has_content
from .match import Areas, key
from .wording import AREA_HEADERS, YEAR_HEADERS, stem, tokens
from .workbook import NOTHING, SECRET, Cell, Sheet

MAX_HEADER_ROWS = 4
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
DATE_YEAR = re.compile(r"^\s*(?:\d{1,2}\.\d{1,2}\.((?:19|20)\d\d)|((?:19|20)\d\d)-\d\d-\d\d(?:[ T].*)?|((?:19|20)\d\d))\s*$")
DEFAULT_SHEET_NAMES = re.compile(r"^(tabelle|sheet|blatt|table|daten|data|export|tab)\s*\d*$", re.I)
IDENTIFIER_WORDS = {stem(w) for w in ("nr", "lfd", "nummer", "rang", "rank", "platz", "kennziffer", "schluessel", "code",
                                       "id", "kennung")}


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    letter: str
    header: str  # the header rows' texts, top to bottom, joined with " | "
    key: str  # the header without years: how import.yaml names the column across years
    years: tuple[int, ...]  # years the header names
    parts: tuple[str, ...] = ()  # the header rows' texts, top to bottom


@dataclass(frozen=True)
class Table:
    sheet: Sheet
    number: int  # 1, 2, … on its sheet
    titles: tuple[int, ...]  # 0-based rows
    header_rows: tuple[int, ...]
    data_rows: tuple[int, ...]  # every non-empty row from the first to the last row with numbers
    footnotes: tuple[int, ...]
    columns: tuple[Column, ...]  # every column with a header or a value
    title_text: str

    @property
    def name(self) -> str:
        return self.sheet.name if self.number == 1 else f"{self.sheet.name} (Tabelle {self.number})"


@dataclass(frozen=True)
class Arrangement:
    table: Table
    area: int  # the column naming the areas
    matched: int  # rows whose area text matches quartiere.csv
    ids: tuple[int, ...]  # further columns naming the same areas (codes)
    year: int | None  # the column holding the year of each row
    labels: tuple[int, ...]  # text columns naming what a row counts (long format)
    attributes: tuple[int, ...]  # text columns that only describe the area (Stadtbezirk): not read
    identifiers: tuple[int, ...]  # running numbers, ranks: not read
    values: tuple[Column, ...]  # columns with numbers or markers

    @property
    def kind(self) -> str:
        if self.labels:
            return "lang"
        return "Jahresspalte" if self.year is not None else "breit"


def is_value(cell: Cell) -> bool:
    return cell.number is not None or cell.text in SECRET or cell.text in NOTHING


def is_text(cell: Cell) -> bool:
    return bool(cell.text) and not is_value(cell)


def cell(sheet: Sheet, r: int, c: int) -> Cell:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    return row[c] if c < len(row) else Cell("", None)


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


def year_of(c: Cell) -> int | None:
    """The year a cell of a year column holds: 2022, "2022", "31.12.2022", "2022-12-31"."""
    if c.number is not None:
        return int(c.number) if float(c.number).is_integer() and 1900 <= c.number <= 2100 else None
    m = DATE_YEAR.match(c.text)
    return int(next(g for g in m.groups() if g)) if m else None


def _texts(row: list[Cell]) -> list[str]:
    return list(dict.fromkeys(c.text for c in row if is_text(c)))


def _numbers(row: list[Cell]) -> list[float]:
    return [c.number for c in row if c.number is not None]


def _blank(row: list[Cell]) -> bool:
    return not any(c.text for c in row)


def _is_year(v: float) -> bool:
    return float(v).is_integer() and 1950 <= v <= 2100


def _year_header(sheet: Sheet, r: int) -> bool:
    """A header row of year numbers („Gebiet | 2012 | 2013 | …“), not a data row of a year column."""
    row = sheet.rows[r]
    nums = [(c, x.number) for c, x in enumerate(row) if x.number is not None]
    if not nums or not all(_is_year(v) for _, v in nums):
        return False
    texts = [t for t in _texts(row)]
    if len(nums) == 1 and not all(set(tokens(t)[0]) <= AREA_HEADERS | YEAR_HEADERS for t in texts):
        return False
    below = [b for b in range(r + 1, min(r + 6, len(sheet.rows))) if _numbers(sheet.rows[b])][:3]
    if not below:
        return False
    # In a year column the years go on below; under a year header the counts follow.
    return not all(all(cell(sheet, b, c).number is not None and _is_year(cell(sheet, b, c).number) for b in below)
                   for c, _ in nums)


def _numeric(sheet: Sheet, r: int) -> bool:
    return bool(_numbers(sheet.rows[r])) and not _year_header(sheet, r)


def _title_like(row: list[Cell], left: int) -> bool:
    """One text, in the table's first column (or merged across from it): a title, not a header."""
    texts = _texts(row)
    if len(texts) != 1 or _numbers(row):
        return False
    first = next(c for c, x in enumerate(row) if x.text)
    return first <= left


def _header_like(sheet: Sheet, r: int) -> bool:
    row = sheet.rows[r]
    return _year_header(sheet, r) or (len(_texts(row)) >= 2 and not any(is_value(c) for c in row if c.text))


def tables(sheet: Sheet) -> tuple[list[Table], str]:
    """The tables on ``sheet``, and, when there are none, why."""
    n = len(sheet.rows)
    numeric = [_numeric(sheet, i) for i in range(n)]
    found: list[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = []  # (titles, header, data)
    previous_end = -1
    r = 0
    while r < n:
        start = next((i for i in range(r, n) if numeric[i]), None)
        if start is None:
            break
        left = min((next(c for c, x in enumerate(sheet.rows[i]) if x.text) for i in range(start, min(start + 5, n))
                    if not _blank(sheet.rows[i])), default=0)
        header: list[int] = []
        h = start - 1
        while h > previous_end and len(header) < MAX_HEADER_ROWS and not _blank(sheet.rows[h]) \
                and not _title_like(sheet.rows[h], left):
            header.insert(0, h)
            h -= 1
        t = (header[0] if header else start) - 1
        if found:  # a later table: the block of text right above its header
            while t > previous_end and _blank(sheet.rows[t]):
                t -= 1
            titles = []
            while t > previous_end and not _blank(sheet.rows[t]):
                titles.insert(0, t)
                t -= 1
        else:
            titles = [i for i in range(0, t + 1) if not _blank(sheet.rows[i])]
        end = start
        i = start + 1
        while i < n:
            if numeric[i]:
                end = i
            elif _header_like(sheet, i) and any(numeric[j] for j in range(i + 1, min(i + 8, n))):
                break
            i += 1
        data = tuple(i for i in range(start, end + 1) if not _blank(sheet.rows[i]))
        found.append((tuple(titles), tuple(header), data))
        previous_end = end
        r = end + 1
    out = []
    for number, (titles, header, data) in enumerate(found, start=1):
        stop = (found[number][0] or found[number][1] or found[number][2])[0] if number < len(found) else n
        notes = tuple(i for i in range(data[-1] + 1, stop) if not _blank(sheet.rows[i]))
        title_text = " ".join(" ".join(_texts(sheet.rows[x])) for x in titles)
        out.append(Table(sheet, number, titles, header, data, notes, _columns(sheet, header, data), title_text))
    if out:
        return out, ""
    if not any(not _blank(row) for row in sheet.rows):
        return [], "leer"
    return [], "keine Zeile mit Zahlen (nur Text)"


def _columns(sheet: Sheet, header: tuple[int, ...], data: tuple[int, ...]) -> tuple[Column, ...]:
    width = max((len(sheet.rows[r]) for r in header + data), default=0)
    grid = [[cell(sheet, h, c).text for c in range(width)] for h in header]
    # A group header written once over its columns without merging („SGB II“ over „Anzahl | Anteil in %“)
    # is carried right while the row below names only a role or a year.
    for i in range(len(grid) - 1):
        for c in range(1, width):
            below = grid[-1][c]
            if not grid[i][c] and grid[i][c - 1] and grid[-1][c - 1] != grid[i][c - 1] and below \
                    and not has_content(strip_years(below)):
                grid[i][c] = grid[i][c - 1]
    out = []
    for c in range(width):
        parts = tuple(dict.fromkeys(grid[i][c] for i in range(len(grid)) if grid[i][c]))
        head = " | ".join(parts)
        if not head and not any(is_value(cell(sheet, r, c)) for r in data):
            continue
        out.append(Column(c, sheet.address(0, c)[:-1], head, strip_years(head), years_in(head),
                          tuple(p for p in (strip_years(x) for x in parts) if p)))
    return tuple(out)


def sheet_context(table: Table, file_stem: str) -> list[tuple[str, str]]:
    """Texts that may say what a table is about, with where they stand: the sheet's name (unless a default
    or a year), the titles, the file name; years removed."""
    out: dict[str, str] = {}
    name = strip_years(table.sheet.name).strip()
    if name and not DEFAULT_SHEET_NAMES.match(name):
        out.setdefault(name, "Name des Tabellenblatts")
    if table.title_text:
        out.setdefault(strip_years(table.title_text), "Titelzeile")
    stem = strip_years(re.sub(r"[_\-.]+", " ", file_stem)).strip()
    if stem:
        out.setdefault(stem, "Dateiname")
    return [(t, where) for t, where in out.items() if t]


def arrange(table: Table, areas: Areas) -> Arrangement | None:
    """The table's layout, or None when no column names known areas."""
    s = table.sheet
    cols = {c.index: c for c in table.columns}
    width = max((len(s.rows[r]) for r in table.data_rows), default=0)
    matches: dict[int, list[str | None]] = {}
    for c in range(width):
        found = []
        for r in table.data_rows:
            m = areas.match(cell(s, r, c).text)
            found.append(m.qid or ("?" if m.ambiguous else None))
        matches[c] = found
    counts = {c: sum(1 for q in found if q) for c, found in matches.items()}
    if not counts or max(counts.values()) == 0:
        return None

    def weight(c: int) -> float:
        """Distinct areas named; numbers that merely look like codes count less, under a value's header less still."""
        distinct = len({q for q in matches[c] if q})
        numeric = sum(1 for r in table.data_rows if cell(s, r, c).number is not None)
        w = distinct * (0.9 if numeric > len(table.data_rows) / 2 else 1.0)
        head = set(tokens(cols[c].key)[0]) if c in cols else set()
        if numeric and head and not head <= AREA_HEADERS | IDENTIFIER_WORDS:
            w *= 0.5
        return w

    area = max(counts, key=lambda c: (weight(c), counts[c], -c))  # the best, leftmost of equals
    ids = tuple(c for c, found in matches.items() if c != area and counts[c] >= max(2, 0.5 * counts[area]) and
                sum(1 for a, b in zip(found, matches[area]) if a and a == b) >= 0.8 * counts[c])
    repeated = len({q for q in matches[area] if q}) < counts[area]  # an area in several rows: long or year column
    year = None
    for c in sorted(cols):
        if c == area or c in ids:
            continue
        cells = [cell(s, r, c) for r in table.data_rows if cell(s, r, c).text]
        if not cells or not all(year_of(x) is not None for x in cells):
            continue
        toks = set(tokens(cols[c].key)[0])
        if (toks and toks <= YEAR_HEADERS) or (repeated and not cols[c].key):
            year = c
            break
    labels, attributes, identifiers = [], [], []
    values = []
    for c in sorted(cols):
        if c in (area, year) or c in ids:
            continue
        column = cols[c]
        cells = [(r, cell(s, r, c)) for r in table.data_rows]
        texts = [(r, x) for r, x in cells if is_text(x)]
        numeric = [x for _, x in cells if x.number is not None]
        if texts and len(texts) >= len(numeric):
            by_area: dict[str, set[str]] = {}
            for r, x in texts:
                by_area.setdefault(key(cell(s, r, area).text), set()).add(x.text)
            distinct = {x.text for _, x in texts}
            # A characteristic repeats for many areas (few distinct values); a row id does not.
            if repeated and any(len(v) > 1 for v in by_area.values()) and len(distinct) <= len(texts) / 2:
                labels.append(c)
            else:
                attributes.append(c)
            continue
        if numeric and set(tokens(column.key)[0]) & IDENTIFIER_WORDS and \
                all(float(x.number).is_integer() for x in numeric):
            identifiers.append(c)
            continue
        if numeric or (column.header and any(is_value(x) for _, x in cells)):
            values.append(column)
    return Arrangement(table, area, counts[area], ids, year, tuple(labels), tuple(attributes), tuple(identifiers),
                       tuple(values))
