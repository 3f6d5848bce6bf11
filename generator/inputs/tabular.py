"""The one tabular reader: every table the project reads (the city's input CSVs in `validate`, an office's
workbook or CSV in `import`, the existing files in the merge, the table of `sozialindex`) comes
through here, so encodings, separators and numbers are understood the same way everywhere.

- **CSV** (also `.txt`/`.tsv`): the encoding is detected (:func:`detect_encoding`): UTF-8 with or
  without BOM, UTF-16 with BOM (Excel „Unicode-Text“), Windows-1252/Latin-1 (German Excel „CSV
  (Trennzeichen-getrennt)“). A file that is none of them, or mixes UTF-8 with Windows-1252, is a located
  problem (line and bytes), never read as mojibake. The separator (`,` `;` tab `|`) is sniffed from
  the first lines (:func:`sniff_delimiter`), an Excel „sep=;“ line is honoured; the decimal mark is
  decided from the cells (numbers.py).
- **Workbooks**: XLSX, XLSM, XLS, ODS and XLSB through python-calamine; every sheet, merged cells filled
  with their value (XLSX, XLS, ODS), cells formatted as percent read as percent (XLSX, ODS).

Nothing here interprets what a column means; a cell is its text and, where it holds one, its number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import InputError, Problem
from . import numbers
from .numbers import ENGLISH, GERMAN, NOTHING, SECRET  # noqa: F401  (re-exported: one definition)

DEFAULT_MAX_MB = 64
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_WORDS = {",": "Komma", ";": "Semikolon", "\t": "Tabulator", "|": "senkrechter Strich"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
C0_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def max_file_bytes() -> int:
    return int(float(os.environ.get("SOZIALBERICHT_MAX_FILE_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


# --- encodings ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec: "utf-8", "utf-8-sig", "utf-16", "cp1252"
    label: str  # as a user knows it: "UTF-8", "UTF-8 mit BOM", "UTF-16 (Unicode-Text)", "Windows-1252"

    @property
    def bom(self) -> bool:
        return self.encoding in ("utf-8-sig", "utf-16")


def _line_of(data: bytes, offset: int) -> tuple[int, str]:
    """(line number, the line shown safely) for a byte offset."""
    line = data[:offset].count(b"\n") + 1
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    raw = data[start: end if end >= 0 else len(data)][:80]
    shown = "".join(chr(b) if 32 <= b < 127 else f"\\x{b:02X}" for b in raw)
    return line, shown


def detect_encoding(data: bytes, file: str) -> Decoded | Problem:
    """The text of ``data`` and how it was encoded, or one located problem (never a guess that garbles)."""
    save = "Speichern Sie die Datei als „CSV UTF-8 (durch Trennzeichen getrennt)“ (Excel) oder mit Zeichensatz „Unicode (UTF-8)“ (LibreOffice)."
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig", "UTF-8 mit BOM")
        except UnicodeDecodeError as exc:
            line, shown = _line_of(data, exc.start + 3)
            return Problem(file, f"Die Datei beginnt als UTF-8 (BOM), enthält aber in Zeile {line} das Byte "
                                 f"0x{data[exc.start + 3]:02X}, das in UTF-8 nicht vorkommt: „{shown}“. Vermutlich wurden "
                                 "Teile in Windows-1252 eingefügt.", save, row=line, code="encoding-mixed")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", "UTF-16 (Unicode-Text)")
        except UnicodeDecodeError as exc:
            return Problem(file, f"Die Datei beginnt als UTF-16, ist ab Byte {exc.start} aber nicht lesbar.", save,
                           code="encoding-utf16")
    if b"\x00" in data[:4096]:
        return Problem(file, "Die Datei enthält Null-Bytes: sie ist UTF-16 ohne Bytefolgemarke oder keine Textdatei.",
                       save, code="encoding-utf16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "UTF-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    good = UTF8_SEQUENCE.search(data)
    if good is not None:
        line, shown = _line_of(data, bad)
        other, _ = _line_of(data, good.start())
        return Problem(file, f"Die Datei mischt zwei Zeichenkodierungen: Zeile {other} ist UTF-8, Zeile {line} "
                             f"Windows-1252 (Byte 0x{data[bad]:02X}: „{shown}“).",
                       "Öffnen Sie die Datei, korrigieren Sie die Umlaute in dieser Zeile und " + save[0].lower() + save[1:],
                       row=line, code="encoding-mixed")
    undefined = next((i for i, b in enumerate(data) if b in CP1252_UNDEFINED), None)
    if undefined is not None:
        line, shown = _line_of(data, undefined)
        return Problem(file, f"Die Zeichenkodierung ist nicht zu erkennen: Zeile {line} enthält das Byte "
                             f"0x{data[undefined]:02X}, das weder in UTF-8 noch in Windows-1252 ein Zeichen ist: „{shown}“.",
                       save, row=line, code="encoding-undecidable")
    text = data.decode("cp1252")
    control = C0_CONTROLS.search(text)
    if control is not None:
        line, shown = _line_of(data, len(text[:control.start()].encode("cp1252")))
        return Problem(file, f"Die Datei enthält Steuerzeichen (Zeile {line}: „{shown}“) und ist weder UTF-8 noch "
                             "Windows-1252 – vermutlich keine Textdatei.", save, row=line, code="encoding-undecidable")
    return Decoded(text, "cp1252", "Windows-1252")


def decode(data: bytes, file: str, problems: list[Problem], notes: list[Problem]) -> str | None:
    """The text of a file, with a note saying which encoding it was (unless plain UTF-8)."""
    found = decode_file(data, file, problems, notes)
    return found.text if found is not None else None


def decode_file(data: bytes, file: str, problems: list[Problem], notes: list[Problem]) -> Decoded | None:
    found = detect_encoding(data, file)
    if isinstance(found, Problem):
        problems.append(found)
        return None
    if found.encoding == "utf-8-sig":
        notes.append(Problem(file, "Die Datei beginnt mit einer UTF-8-Bytefolgemarke (BOM); sie wird ignoriert.",
                             code="note-bom", severity="note"))
    elif found.encoding != "utf-8":
        lines = found.text.splitlines()
        sample = next((ln for ln in lines if any(ord(ch) > 127 and ch.isalpha() for ch in ln)), "") or \
            next((ln for ln in lines if any(ord(ch) > 127 for ch in ln)), "")
        line = lines.index(sample) + 1 if sample else None
        shown = re.sub(r"\s*\t\s*", " · ", sample.strip())[:60]
        example = f" Erste Zeile mit Umlaut (Zeile {line}): „{shown}“." if sample else ""
        notes.append(Problem(file, f"Zeichenkodierung {found.label} erkannt und so gelesen.{example}",
                             "Prüfen Sie die Umlaute; für die Zukunft ist UTF-8 die sichere Wahl.",
                             code="note-encoding", severity="note"))
    return found


# --- separators and records ------------------------------------------------------------------------

def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: the candidate that splits the first line into most cells and keeps
    the same number of cells in the following lines (`,` when nothing splits)."""
    lines = text.splitlines()[:30]
    if not lines:
        return ","
    best, best_score = ",", (0.0, 0, 0)
    for rank, d in enumerate(DELIMITERS):
        try:
            records = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=d))
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        rest = [r for r in records[1:] if r]
        same = sum(1 for r in rest if len(r) == width) / len(rest) if rest else 1.0
        score = (round(same, 2), width, -rank)
        if score > best_score:
            best, best_score = d, score
    return best


@dataclass
class CsvTable:
    """A CSV file as records of cell texts (stripped), as a spreadsheet shows it."""

    file: str
    records: list[list[str]]  # every record, the header first; blank records kept (as [])
    rows: list[int]  # the spreadsheet row of each record (1 = the header)
    delimiter: str
    encoding: str
    decimal: str  # "," or ".", decided from the cells (numbers.decide)
    evidence: dict[str, int] = field(default_factory=dict)
    line_ending: str = "\n"

    @property
    def header(self) -> list[str]:
        return self.records[0] if self.records else []

    def dicts(self) -> list[dict[str, str]]:
        """Data records as {header: text}; records without any text are left out."""
        head = self.header
        return [dict(zip(head, r + [""] * (len(head) - len(r)))) for r in self.records[1:] if any(r)]


def read_csv(path: Path, problems: list[Problem], notes: list[Problem], label: str | None = None,
             delimiter: str | None = None, decimal: str | None = None, comma_means_point: bool = True
             ) -> CsvTable | None:
    """A CSV file through the one reader, or None with the problems appended.

    ``comma_means_point``: a comma-separated file writes decimal points (the project's own input files,
    numbers.py rule 1); False for hand-overs, where the cells decide (LibreOffice with German settings
    writes „6.534“ and "31,3 %" into comma-separated files)."""
    file = label or path.name
    if not path.is_file():
        problems.append(Problem(file, "Die Datei gibt es nicht.", "Prüfen Sie den Pfad.", code="file-missing"))
        return None
    size = path.stat().st_size
    if size > max_file_bytes():
        problems.append(Problem(
            file, f"Die Datei ist {size / 1024 / 1024:.0f} MB groß; erlaubt sind {max_file_bytes() / 1024 / 1024:.0f} MB.",
            "Prüfen Sie, ob die richtige Datei exportiert wurde; für größere Dateien setzen Sie "
            "SOZIALBERICHT_MAX_FILE_MB.", code="file-too-large"))
        return None
    found = decode_file(path.read_bytes(), file, problems, notes)
    if found is None:
        return None
    text = found.text
    if not text.strip():
        problems.append(Problem(file, "Die Datei ist leer.",
                                "Exportieren Sie die Tabelle erneut, mit Kopfzeile und Daten.", code="file-empty"))
        return None
    ending = "\r\n" if "\r\n" in text[:65536] else "\r" if "\r" in text[:65536] and "\n" not in text[:65536] else "\n"
    sep_line = re.match(r"sep=(.)\r?\n?", text[:8])
    if sep_line and text.splitlines()[0].strip() == f"sep={sep_line.group(1)}":
        delimiter = delimiter or sep_line.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        notes.append(Problem(file, f"Die erste Zeile „sep={delimiter}“ (Excel) nennt das Trennzeichen; sie wird übersprungen.",
                             code="note-sep-line", severity="note"))
    delimiter = delimiter or sniff_delimiter(text)
    try:
        records = [[c.strip() for c in rec] for rec in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:  # e.g. a NUL byte or a field larger than csv.field_size_limit
        problems.append(Problem(file, f"Die Datei ist als CSV nicht lesbar ({exc}).",
                                "Exportieren Sie die Tabelle erneut als CSV.", code="csv-unreadable"))
        return None
    records = [r if any(r) else [] for r in records]
    while records and not records[-1]:
        records.pop()
    if delimiter == "," and comma_means_point:  # rule 1: the project's files write decimal points
        decision = numbers.Decision(decimal or ENGLISH, {})
    else:
        default = GERMAN if delimiter in (";", "\t") else ENGLISH
        decision = numbers.decide((c for r in records[1:] for c in r), default)
        if decimal:
            decision = numbers.Decision(decimal, decision.votes)
    if delimiter == "," and decision.mark == GERMAN:
        notes.append(Problem(file, f"Kommagetrennte Datei mit deutschen Zahlen (Dezimalkomma) {decision.said()}, "
                                   "wie LibreOffice sie schreibt.", code="note-decimal-comma", severity="note"))
    elif delimiter != ",":
        word = {";": ("note-semicolon", "Semikolon als Trennzeichen erkannt (deutsches Excel)"),
                "\t": ("note-tab", "Tabulator als Trennzeichen erkannt"),
                "|": ("note-pipe", "Senkrechter Strich „|“ als Trennzeichen erkannt")}[delimiter]
        mark = "Dezimalkomma" if decision.mark == GERMAN else "Dezimalpunkt"
        notes.append(Problem(file, f"{word[1]}; Zahlen werden mit {mark} gelesen {decision.said()}.", code=word[0],
                             severity="note"))
    decimal = decision.mark
    return CsvTable(file, records, list(range(1, len(records) + 1)), delimiter, found.encoding, decimal,
                    decision.votes, ending)


def read_rows(path: Path, label: str | None = None) -> tuple[list[str], list[dict[str, str]], CsvTable | None]:
    """(header, data rows as dicts, the table) of a CSV through the one reader; ([], [], None) when the file does
    not exist. Raises InputError when it cannot be read."""
    if not path.exists():
        return [], [], None
    problems: list[Problem] = []
    table = read_csv(path, problems, [], label)
    if table is None:
        if any(p.code == "file-empty" for p in problems):
            return [], [], None
        raise InputError(problems)
    return table.header, table.dicts(), table


def encoding_of(path: Path) -> Decoded | Problem:
    return detect_encoding(path.read_bytes(), path.name)


# --- workbooks -----------------------------------------------------------------------------------------

def column_letter(c: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass
class Cell:
    """One cell: its ``text`` as shown and its ``number`` where it holds one.

    ``marker``: ``geheim``/``fehlt`` for the statistical offices' signs (numbers.py rule 5), never a number.
    ``problem``/``message``: text that looks like a number but breaks a rule (``number-thousands-misplaced``,
    ``number-stray-character``, ``number-decimal-mismatch``, ``cell-decimal-comma``), for the caller to locate.
    ``percent``: formatted as percent in the workbook (the number is already ×100) or written with „%“."""

    text: str
    number: float | None
    marker: str = ""
    problem: str = ""
    message: str = ""
    percent: bool = False


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]  # rows[r][c], 0-based; row r is spreadsheet row r + 1
    decimal: str = GERMAN  # how text cells were read
    source: str = ""  # "xlsx", "xls", "ods", "xlsb", "csv"
    notes: list[Problem] = field(default_factory=list)  # what reading decided (a CSV's encoding, separator)

    def address(self, r: int, c: int) -> str:
        return f"{column_letter(c)}{r + 1}"


def text_cell(text: str, decimal: str, comma_separated: bool = False) -> Cell:
    """A cell from its text, read by the one number parser."""
    text = text.strip()
    if not text:
        return Cell("", None)
    n = numbers.parse(text, decimal)
    if n.ok:
        return Cell(text, n.value, n.marker, percent=n.percent)
    if n.code == "cell-not-number":
        return Cell(text, None)
    digits = sum(ch.isdigit() for ch in text)
    if digits * 2 < len(text.replace(" ", "")):
        return Cell(text, None)  # a text with a number in it („Stand 2022“), not a number with stray characters
    if comma_separated and re.fullmatch(r"[+\-−]?\d+(?:\.\d{3})*,\d+", text):
        return Cell(text, None, problem="cell-decimal-comma",
                    message=f"„{text}“ hat ein Dezimalkomma, die Datei ist aber mit Komma getrennt.")
    return Cell(text, None, problem=n.code, message=n.message)


def _shown(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e16 else str(v).replace(".", ",")


def _value_cell(v: object, decimal: str, percent: bool) -> Cell:
    if v is None or v == "":
        return Cell("", None)
    if isinstance(v, bool):
        return Cell("WAHR" if v else "FALSCH", None)
    if isinstance(v, (int, float)):
        value = float(v)
        if percent:  # 0,125 shown as 12,5 %: the office means 12.5
            value = round(value * 100, 10)
        return Cell(_shown(value), value, percent=percent)
    if isinstance(v, dt.datetime):
        return Cell(v.strftime("%d.%m.%Y %H:%M") if (v.hour, v.minute) != (0, 0) else v.strftime("%d.%m.%Y"), None)
    if isinstance(v, dt.date):
        return Cell(v.strftime("%d.%m.%Y"), None)
    if isinstance(v, (dt.time, dt.timedelta)):
        return Cell(str(v), None)
    return text_cell(str(v), decimal)


def workbook_kind(path: Path) -> str:
    """"xlsx", "xlsb", "ods", "xls", "csv", "html", "damaged" or "" from the file's first bytes (and name)."""
    with open(path, "rb") as f:
        head = f.read(2048)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                if "mimetype" in names and b"opendocument.spreadsheet" in z.read("mimetype"):
                    return "ods"
                if "xl/workbook.bin" in names:
                    return "xlsb"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        except zipfile.BadZipFile:
            return "damaged"
        return "damaged" if suffix in WORKBOOK_SUFFIXES else ""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    low = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if low.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "html"
    if suffix in TEXT_SUFFIXES or suffix not in WORKBOOK_SUFFIXES:
        return "csv"
    return ""


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of a workbook (XLSX, XLSM, XLS, ODS, XLSB) or the one sheet of a CSV. Raises InputError."""
    if not path.is_file():
        raise InputError([Problem(str(path), "Die Datei gibt es nicht.", "Prüfen Sie den Pfad.", code="file-missing")])
    if path.stat().st_size > max_file_bytes():
        raise InputError([Problem(path.name, f"Die Datei ist {path.stat().st_size / 1024 / 1024:.0f} MB groß.",
                                  "Für größere Dateien setzen Sie SOZIALBERICHT_MAX_FILE_MB.", code="file-too-large")])
    kind = workbook_kind(path)
    if kind == "csv":
        return [_csv_sheet(path)]
    if kind == "html":
        raise InputError([Problem(path.name, "Die Datei ist eine Webseite (HTML), keine Arbeitsmappe, auch wenn sie "
                                             f"auf „{path.suffix}“ endet.",
                                  "Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie als .xlsx, .ods oder CSV.",
                                  code="workbook-format")])
    if kind == "damaged":
        raise InputError([Problem(path.name, "Die Arbeitsmappe ist nicht lesbar (beschädigtes ZIP-Archiv).",
                                  "Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie erneut als .xlsx.",
                                  code="workbook-unreadable")])
    if not kind:
        raise InputError([Problem(path.name, f"Das Format „{path.suffix}“ wird nicht gelesen oder die Datei ist beschädigt.",
                                  "Speichern Sie die Arbeitsmappe als Excel-Arbeitsmappe (.xlsx), OpenDocument (.ods) "
                                  "oder CSV.", code="workbook-format")])
    return _calamine(path, kind)


def _calamine(path: Path, kind: str) -> list[Sheet]:
    import python_calamine as pc

    try:
        with open(path, "rb") as f:
            book = pc.CalamineWorkbook.from_filelike(io.BytesIO(f.read()))
        names = [m.name for m in book.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
        raw = {n: book.get_sheet_by_name(n) for n in names}
        grids = {n: s.to_python(skip_empty_area=False) for n, s in raw.items()}
        merged = {n: s.merged_cell_ranges or [] for n, s in raw.items()}
    except pc.PasswordError:
        raise InputError([Problem(path.name, "Die Arbeitsmappe ist mit einem Kennwort geschützt.",
                                  "Speichern Sie sie ohne Kennwort (Datei → Informationen → Arbeitsmappe schützen).",
                                  code="workbook-protected")]) from None
    except Exception as exc:  # calamine raises CalamineError, XmlError, ZipError and others for damaged files
        raise InputError([Problem(path.name, f"Die Arbeitsmappe ist nicht lesbar ({type(exc).__name__}).",
                                  "Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie erneut als .xlsx.",
                                  code="workbook-unreadable")]) from None
    percent: dict[str, set[tuple[int, int]]] = {}
    try:
        if kind == "xlsx":
            percent = _xlsx_percent(path)
        elif kind == "ods":
            percent, ods_merged = _ods_extras(path)
            merged = {n: ods_merged.get(n, []) for n in names}
        elif kind == "xls":
            percent = _xls_percent(path, names)
    except Exception:  # the formats are read by calamine already; a style part we cannot read costs only the % flag
        percent = {}
    sheets = []
    for n in names:
        grid = grids[n]
        texts = [v for row in grid for v in row if isinstance(v, str) and v]
        decimal = numbers.decide(texts, GERMAN, strong_only=True).mark
        cells_percent = percent.get(n, set())
        rows = [[_value_cell(v, decimal, (r, c) in cells_percent) for c, v in enumerate(row)] for r, row in enumerate(grid)]
        for (r0, c0), (r1, c1) in merged[n]:  # a merged header names every column it spans
            if r0 >= len(rows) or c0 >= len(rows[r0]):
                continue
            top = rows[r0][c0]
            for r in range(r0, min(r1 + 1, len(rows))):
                for c in range(c0, min(c1 + 1, len(rows[r]))):
                    rows[r][c] = top
        sheets.append(Sheet(n, rows, decimal, kind))
    return sheets


def _csv_sheet(path: Path) -> Sheet:
    problems: list[Problem] = []
    notes: list[Problem] = []
    table = read_csv(path, problems, notes, comma_means_point=False)
    if table is None:
        if any(p.code == "file-empty" for p in problems):
            return Sheet(path.stem, [], GERMAN, "csv")
        raise InputError(problems, notes)
    comma = table.delimiter == "," and table.decimal == ENGLISH
    rows = [[text_cell(c, table.decimal, comma) for c in rec] for rec in table.records]
    return Sheet(path.stem, rows, table.decimal, "csv", notes)


# Percent formats: what calamine does not tell (it gives 0.125 for a cell shown as 12,5 %).

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _percent_code(code: str) -> bool:
    return "%" in re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)


def _cell_ref(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _xlsx_percent(path: Path) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "xl/styles.xml" not in names:
            return out
        styles = ET.fromstring(z.read("xl/styles.xml"))
        formats = {9: True, 10: True}
        for nf in styles.iter(f"{_NS_MAIN}numFmt"):
            formats[int(nf.get("numFmtId", "0"))] = _percent_code(nf.get("formatCode", ""))
        xfs = styles.find(f"{_NS_MAIN}cellXfs")
        percent_xf = {str(i) for i, xf in enumerate(xfs if xfs is not None else [])
                      if formats.get(int(xf.get("numFmtId", "0")), False)}
        if not percent_xf:
            return out
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        for s in book.iter(f"{_NS_MAIN}sheet"):
            t = target.get(s.get(f"{_NS_REL}id"), "")
            part = t.lstrip("/") if t.startswith("/") else "xl/" + t
            if part not in names:
                continue
            cells = set()
            with z.open(part) as f:
                for _, el in ET.iterparse(f):
                    if el.tag == f"{_NS_MAIN}c":
                        if el.get("s") in percent_xf and el.get("r"):
                            cells.add(_cell_ref(el.get("r")))
                        el.clear()
            out[s.get("name")] = cells
    return out


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _ods_extras(path: Path) -> tuple[dict[str, set[tuple[int, int]]], dict[str, list]]:
    """Percent cells and merged ranges of an ODS (calamine gives neither for ODS)."""
    percent: dict[str, set[tuple[int, int]]] = {}
    merged: dict[str, list] = {}
    with zipfile.ZipFile(path) as z:
        content = z.read("content.xml")
    if b'"percentage"' not in content and b"-spanned=" not in content:
        return percent, merged
    with io.BytesIO(content) as f:
        sheet, r, c = None, 0, 0
        for event, el in ET.iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{_ODS_TABLE}table":
                    sheet, r = el.get(f"{_ODS_TABLE}name"), 0
                    percent[sheet], merged[sheet] = set(), []
                elif tag == f"{_ODS_TABLE}table-row":
                    c = 0
                elif tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell") and sheet is not None:
                    repeat = int(el.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                    if tag.endswith("}table-cell"):
                        if el.get(f"{_ODS_OFFICE}value-type") == "percentage":
                            percent[sheet].update((r, c + i) for i in range(min(repeat, 16384)))
                        cols = int(el.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                        rows_ = int(el.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                        if cols > 1 or rows_ > 1:
                            merged[sheet].append(((r, c), (r + rows_ - 1, c + cols - 1)))
                    c += repeat
            else:
                if tag == f"{_ODS_TABLE}table-row":
                    r += int(el.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    el.clear()
                elif tag == f"{_ODS_TABLE}table":
                    sheet = None
                    el.clear()
    return percent, merged


def _xls_percent(path: Path, names: list[str]) -> dict[str, set[tuple[int, int]]]:
    """Percent cells of an Excel 97–2003 workbook (BIFF8), from its FORMAT and XF records."""
    from .biff import percent_cells

    return percent_cells(path.read_bytes(), names)
