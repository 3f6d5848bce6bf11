"""`sozialbericht import`: an office's workbooks into werte.csv and einwohner.csv.

Per file, per sheet, per table (layout.py finds them from the sheet's shape): which column names the
areas, which the year, which values (layout.arrange); what each value column holds (columns.py,
import.yaml first); then every cell of the placed columns is read (numbers, markers — never a zero for a
marker), checked (count ≤ reference, share = 100 · count / reference, values far out of line with their
neighbours) and merged into the city's files (merge.py). Every problem of every file is collected with
file, sheet and cell; with any problem nothing is written. Importing nothing is a problem too.
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import paths
from ..config.models import ColumnRole, ImportMapping
from ..config.parse import parse
from ..errors import InputError, Problem
from ..inputs.cells import MAX_PROBLEMS_PER_COLUMN
from ..inputs.numbers import HINTS as NUMBER_HINTS
from ..inputs.numbers import marker
from ..inputs.read import key_lines
from ..inputs.tabular import read_rows
from ..model.fields import INPUT_TABLES
from ..model.outputs import write_text
from . import columns as cols
from .columns import SHARE_TOLERANCE, Field, Slot, share_tolerance
from .layout import Arrangement, Table, arrange, cell, is_value, sheet_context, tables, year_of, years_in
from .match import Areas, key
from .merge import Merged, commit, merge, number_text
from .workbook import read_workbook

MAPPING_FILE = "import.yaml"
VALUE_PARTS = ("zaehler", "nenner", "anteil")
CHANGE_WORDS = ("veraenderung", "differenz", "entwicklung", "zuwachs", "zunahm", "abnahm", "saldo")  # stems, also as ends
OUT_OF_LINE = 100  # a value this many times off its column or its row neighbours (and 10× off the other) is a typing error
SPIKE = 5  # … or this many times off both nearest years, which agree with each other
__all__ = ["MAPPING_FILE", "SHARE_TOLERANCE", "ImportReport", "import_files", "import_workbook"]


@dataclass
class Placed:
    sheet: str
    column: str
    header: str
    role: ColumnRole
    source: str  # "import.yaml" or "erkannt"
    year: str  # where the year comes from, said for the report
    evidence: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # further slots of the same group


@dataclass
class Reading:
    """One value read from one cell."""
    number: float | None
    marker: str  # "", "geheim", "fehlt"
    sheet: str
    cell: str  # "D14"
    text: str = ""
    field: int = 0  # which field it came from (id)
    file: str = ""
    primary: bool = True  # the field's own slot (not a further slot of the same group)

    @property
    def where(self) -> str:
        return f"Tabelle „{self.sheet}“, Zelle {self.cell}"


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    # What the import did not take, as (what, where, why): grouped in the report across sheets.
    unplaced: list[tuple[str, str, str]] = field(default_factory=list)  # columns
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # rows, sheets
    values: Merged | None = None
    residents: Merged | None = None
    markers: dict[str, int] = field(default_factory=dict)
    empty_cells: int = 0
    mapping_text: str = ""
    mapping_changed: bool = False
    written: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)  # spelling → (quartier_id, rule)
    counts: dict[tuple[str, int], int] = field(default_factory=dict)  # (indicator or "Einwohner", year) → values
    notes: list[Problem] = field(default_factory=list)  # what the reader decided (encoding, separator, decimal mark)
    remarks: list[str] = field(default_factory=list)  # what the mapping decided beyond the columns (said once)

    @property
    def workbook(self) -> str:
        return ", ".join(self.files)


def _read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of one of the city's CSVs through the one tabular reader (any dialect validate accepts)."""
    return read_rows(path)[1]


def load_mapping(path: Path) -> ImportMapping:
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        lines = key_lines(yaml.compose(text))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError([Problem(path.name, f"Die Zuordnung ist nicht lesbar ({type(exc).__name__}).",
                                  "Löschen Sie die Datei; der nächste Import legt sie neu an.",
                                  code="mapping-unreadable")]) from None
    mapping = parse(ImportMapping, data, path.name, problems, lines)
    if mapping is None:
        raise InputError(problems)
    return mapping


def dump_mapping(mapping: ImportMapping) -> str:
    head = ("# Zuordnung der Arbeitsmappe zu den Eingabedateien, gespeichert von „sozialbericht import“.\n"
            "# Der nächste Import nutzt sie; bearbeiten Sie sie, wenn eine Spalte oder ein Name falsch zugeordnet ist.\n"
            "# spalten: Spaltenkopf ohne Jahreszahlen → rolle (zaehler, nenner, anteil, einwohner, ignorieren) und indikator\n"
            "# namen: Schreibweise in der Arbeitsmappe → quartier_id; ignorieren: Zeilen, die kein Gebiet sind\n")

    def q(text: object) -> str:
        return json.dumps(str(text), ensure_ascii=False)  # a JSON string is a YAML string

    lines = [f"version: {mapping.version}"]
    if mapping.jahr is not None:
        lines.append(f"jahr: {mapping.jahr}")
    lines.append("namen:" + ("" if mapping.namen else " {}"))
    lines += [f"  {q(k)}: {q(v)}" for k, v in sorted(mapping.namen.items())]
    lines.append("ignorieren: [" + ", ".join(q(n) for n in sorted(set(mapping.ignorieren))) + "]")
    lines.append("spalten:" + ("" if mapping.spalten else " {}"))
    for header, role in mapping.spalten.items():  # in the order of the workbook
        inner = f"rolle: {role.rolle}" + (f", indikator: {role.indikator}" if role.indikator else "")
        lines.append(f"  {q(header)}: {{{inner}}}")
    return head + "\n".join(lines) + "\n"


def _read_cell(text: str, number: float | None) -> tuple[float | None, str, bool]:
    """(number, marker, bad): a marker is recorded, never read as zero."""
    found = marker(text)
    if found:
        return None, found, False
    if number is not None:
        return number, "", False
    return None, "", bool(text)


def _ratio(a: float, b: float) -> float:
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return 1.0
    return max(a, b) / min(a, b)


def _german(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".") if float(v).is_integer() else f"{v:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass
class _Source:
    """Where a field's values are: (row, column, year) per cell."""
    table: Table
    arrangement: Arrangement
    cells: list[tuple[int, int, int | None]]
    year_said: str
    scale: float = 1.0


class _Import:
    """The state of one import over all its files: what was read, where, and what went wrong."""

    def __init__(self, areas: Areas, indicators: list[cols.Indicator], mapping: ImportMapping,
                 known_indicators: set[str], city: str, year: int | None):
        self.areas, self.mapping = areas, mapping
        self.vocab = cols.Vocabulary(indicators)
        self.known, self.city, self.fixed_year = known_indicators, city, year
        self.problems: list[Problem] = []
        self.report = ImportReport()
        self.readings: dict[tuple[str, str, int], dict[str, Reading]] = {}  # (q, k, year) → part → reading
        self.people: dict[tuple[str, int], Reading] = {}
        self.learned: dict[str, ColumnRole] = {}
        self.file = ""
        self.sheets_seen: list[str] = []
        self.mapping_exists = False  # the city has an import.yaml (hints then say: add under „spalten:“)
        self.guesses: list[tuple[Slot, Field, str]] = []  # unplaced columns and the slot they likely fill
        self.pending: list[tuple[str, str, str, Field, str, Slot | None]] = []  # unplaced: file, sheet, cell, …
        self.known_order: list[str] = sorted(known_indicators)
        self._scale: dict[int, float] = {}  # id(field) → factor (fractions read as percent)
        self._slices: dict[tuple[int, int], tuple] = {}

    def problem(self, sheet: str | None, address: str | None, message: str, hint: str, code: str) -> None:
        self.problems.append(Problem(self.file, message, hint, cell=address, sheet=sheet, code=code))

    # -- files and tables -------------------------------------------------------------------------------

    def read_file(self, path: Path) -> None:
        self.file = path.name
        self.report.files.append(path.name)
        found = 0
        sheets = read_workbook(path)
        self.report.notes += [n for s in sheets for n in s.notes]
        for s in sheets:
            found_here, why = tables(s)
            if not found_here:
                self.report.skipped.append((f"Tabellenblatt „{s.name}“", f"{path.name}:{s.name}", why))
                self.sheets_seen.append(f"„{s.name}“: {why}")
                continue
            for t in found_here:
                arr = arrange(t, self.areas)
                if arr is None:
                    first = next((cell(s, r, c).text for r in t.data_rows for c in range(3)
                                  if cell(s, r, c).text and not is_value(cell(s, r, c))), "")
                    why = "keine Spalte mit bekannten Gebieten" + (f" (erste Zeile: „{first}“)" if first else "")
                    self.report.skipped.append((f"Tabelle „{t.name}“", f"{path.name}:{t.name}", why))
                    self.sheets_seen.append(f"„{t.name}“: {why}")
                    continue
                found += 1
                self.table(arr, path.stem)
        if found == 0:
            names = ", ".join(list(self.areas.names.values())[:3])
            seen = "; ".join(self.sheets_seen[-5:]) or "keine Tabellenblätter"
            self.problem(None, None, f"In keiner Tabelle der Datei steht eine Spalte mit bekannten Gebieten ({seen}).",
                         f"Die Gebiete müssen mit Namen (z. B. {names}) oder Kennung aus quartiere.csv genannt sein.",
                         "import-no-table")

    def _table_years(self, t: Table, stem: str) -> tuple[int | None, str]:
        for years, said in ((years_in(t.sheet.name), "Tabellenname"), (years_in(t.title_text), "Titelzeile"),
                            (years_in(stem), "Dateiname")):
            if len(years) == 1:
                return years[0], said
        if self.fixed_year:
            return self.fixed_year, "--jahr"
        if self.mapping.jahr:
            return self.mapping.jahr, "import.yaml"
        return None, ""

    def _fields(self, arr: Arrangement, stem: str) -> tuple[list[Field], dict[int, _Source], set[int]]:
        """The table's value fields (a column with all its years; long format: characteristic × value column)."""
        t, s = arr.table, arr.table.sheet
        table_year, table_said = self._table_years(t, stem)
        contexts = sheet_context(t, stem)
        groups: dict[str, dict] = {}
        no_year: set[int] = set()
        rows_by_label: dict[str, list[int]] = {}
        for r in t.data_rows:
            label = " | ".join(cell(s, r, c).text for c in arr.labels if cell(s, r, c).text)
            rows_by_label.setdefault(label, []).append(r)
        for c in arr.values:
            change = any(t.endswith(CHANGE_WORDS) for t in cols.tokens(c.header)[0])
            if self.vocab.changes and (change or len(c.years) > 1):
                pass  # the city has indicators of change (Berlin's dynamics): such a column competes like any other
            elif len(c.years) > 1 or change:
                why = ("eine Veränderung, nicht übernommen" if change else
                       f"nennt mehrere Jahre ({', '.join(map(str, c.years))}), nicht übernommen")
                self.report.unplaced.append((f"Spalte „{c.header}“", f"{self.file}:{s.name}:{c.letter}", why))
                continue
            for label, rows in rows_by_label.items():
                parts = tuple(label.split(" | ")) + c.parts if label else c.parts
                plain = " | ".join(p for p in ((label,) if label else ()) + (c.key,) if p)
                g = groups.setdefault(plain, {"parts": parts, "header": " | ".join(x for x in (label, c.header) if x),
                                              "letters": [], "cells": [], "said": ""})
                g["letters"].append(c.letter)
                if len(c.years) > 1:
                    year, said = max(c.years), "letztes Jahr im Spaltenkopf"
                elif c.years:
                    year, said = c.years[0], "Spaltenkopf"
                elif arr.year is not None:
                    year, said = None, f"Spalte {s.address(0, arr.year)[:-1]}"
                else:
                    year, said = table_year, table_said
                g["said"] = g["said"] or said
                for r in rows:
                    g["cells"].append((r, c.index, year))
        fields, sources = [], {}
        for plain, g in groups.items():
            parts = tuple(p for p in g["parts"] if p)
            values: dict[tuple, float] = {}
            cells = []
            for r, c, year in g["cells"]:
                y = year
                if arr.year is not None:
                    y = year_of(cell(s, r, arr.year))
                row_key = ((key(cell(s, r, arr.area).text),) + tuple(cell(s, r, i).text for i in arr.ids), y) \
                    if arr.labels else (r, y)
                x = cell(s, r, c)
                if x.number is not None:
                    values[row_key] = x.number
                cells.append((r, c, y))
            if not any(is_value(cell(s, r, c)) for r, c, _ in cells):
                if not arr.labels:  # a long table has every characteristic in every column; nothing lost here
                    self.report.unplaced.append((f"Spalte „{g['header']}“", f"{s.name}:{','.join(g['letters'])}",
                                                 "ohne Werte"))
                continue
            f = Field(plain, g["header"], parts, tuple(g["letters"]), values, plain_key=plain,
                      groups_strict=not arr.labels)
            if not any(cols.has_content(p) for p in parts) and contexts:
                f = self._with_context(f, contexts)
            fields.append(f)
            sources[id(f)] = _Source(t, arr, cells, g["said"])
            if all(y is None for _, _, y in cells) and arr.year is None:
                no_year.add(id(f))
        return fields, sources, no_year

    def _with_context(self, f: Field, contexts: list[tuple[str, str]]) -> Field:
        """A header with no content of its own („Anzahl 2018“) takes the sheet's name, title or file name
        that best names an indicator."""
        best, best_score = f, 0.0
        for ctx, where in contexts:
            g = Field(f"{ctx} | {f.plain_key}", f.header, (ctx,) + f.parts, f.letters, f.values, ctx, f.plain_key, where)
            score = max((p.score for p in cols.propose(g, self.vocab, cols.looks_like_shares(g))), default=0.0)
            if score > best_score:
                best, best_score = g, score
        return best

    def table(self, arr: Arrangement, stem: str) -> None:
        t, s = arr.table, arr.table.sheet
        fields, sources, no_year = self._fields(arr, stem)
        years = {id(f): {y for _, _, y in sources[id(f)].cells} for f in fields}
        assignment = cols.assign(fields, years, self.vocab, self.mapping)
        header_row = (t.header_rows or (t.data_rows[0],))[-1] + 1
        for c in arr.identifiers:
            self.report.unplaced.append((f"Spalte „{cell(s, (t.header_rows or (0,))[-1], c).text}“",
                                         f"{s.name}:{s.address(0, c)[:-1]}", "laufende Nummer oder Kennziffer, nicht gelesen"))
        for f, why in assignment.ignored:
            self.report.unplaced.append((f"Spalte „{f.shown}“", f"{s.name}:{f.where}", why))
            if why.startswith("laut import.yaml"):
                self.learned.setdefault(f.key if f.key in self.mapping.spalten else f.plain_key, ColumnRole(rolle="ignorieren"))
        for f, why, best in assignment.unplaced:
            guess = best.slot if best is not None and best.score >= cols.THRESHOLD / 2 else None
            if guess is not None:
                self.guesses.append((guess, f, self.file))
            # Decided at the end: a problem if its values may be ones the city lacks, else said and left.
            self.pending.append((self.file, s.name, f"{f.letters[0]}{header_row}", f, why, guess))
        for a, b, slot in assignment.conflicts:
            self.problem(s.name, f"{b.letters[0]}{header_row}",
                         f"Die Spalten {a.where} („{a.shown}“) und {b.where} („{b.shown}“) passen gleich gut zu "
                         f"{slot.words()}, enthalten aber verschiedene Werte.",
                         f"Legen Sie in {MAPPING_FILE} fest, welche gilt, z. B. mit {self._line(b, None)}.",
                         "import-column-twice")
        placed: list[tuple[Field, list[cols.Proposal]]] = []
        undated: list[Field] = []
        for f in fields:
            proposals = assignment.placed.get(id(f))
            if not proposals:
                continue
            own = proposals[0]
            bad = [p.slot.indicator for p in proposals if p.slot.indicator and p.slot.indicator not in self.known]
            if bad:
                self.problem(s.name, f"{f.letters[0]}{header_row}",
                             f"Die Spalte „{f.shown}“ ist dem Indikator „{bad[0]}“ zugeordnet, den indikatoren.csv nicht kennt.",
                             "Ergänzen Sie den Indikator in indikatoren.csv oder ändern Sie die Zuordnung in import.yaml.",
                             "import-indicator-unknown")
                continue
            if id(f) in no_year:
                undated.append(f)
                continue
            self.learned.setdefault(f.key, own.slot.column_role())
            placed.append((f, proposals))
            evidence = self._evidence(own)
            self.report.placed.append(Placed(s.name, f.where, f.shown, own.slot.column_role(), own.source,
                                             sources[id(f)].year_said, evidence,
                                             [p.slot.words() for p in proposals[1:]]))
        if undated:
            names = ", ".join(f"{f.where} „{f.shown}“" for f in undated[:4]) + (" …" if len(undated) > 4 else "")
            self.problem(s.name, f"{undated[0].letters[0]}{header_row}",
                         f"Für die Tabelle „{t.name}“ ist kein Jahr erkennbar – weder im Namen des Tabellenblatts, in "
                         f"einer Titelzeile, im Spaltenkopf, in einer Spalte „Jahr“ noch im Dateinamen (Spalten {names}).",
                         f"Nennen Sie das Jahr im Namen des Tabellenblatts (z. B. „2022“), mit --jahr 2022 oder in "
                         f"{MAPPING_FILE} mit der Zeile  jahr: 2022", "import-year-unknown")
        self._scale_fraction_shares(placed)
        self._rows(arr, placed, sources)

    def _evidence(self, p: cols.Proposal) -> list[str]:
        out = []
        if p.source == "import.yaml":
            out.append("laut import.yaml")
        else:
            ctx = f" (aus „{p.field.context}“, {p.field.context_from})" if p.field.context else ""
            out.append(f"Wörter {', '.join(dict.fromkeys(p.words))}{ctx} wie in {p.text}")
            if p.role_said:
                out.append(p.role_said)
            if p.abbreviations:
                out.append("gelesen: " + ", ".join(dict.fromkeys(p.abbreviations)))
        out += [f"Daten: {c}" for c in p.checks]
        return out

    def unplaced(self, values: dict, people: dict) -> None:
        """A column left unplaced stops the import when its values may be ones the city lacks: its likeliest
        slot got no value from any file, or it fits nothing while an indicator (or the residents) got none.
        Otherwise (a published table's many other columns) it is said in the report and left."""
        filled = {k for _, k, _ in values} | ({None} if people else set())
        missing = [k for k in self.known_order if k not in filled] + ([] if people else [None])
        for file, sheet, address, f, why, guess in self.pending:
            lacking = (guess.indicator not in filled) if guess is not None else bool(missing)
            if not lacking:
                self.report.unplaced.append((f"Spalte „{f.shown}“", f"{file}:{sheet}:{f.where}",
                                             f"{why}, nicht übernommen (zuordnen in {MAPPING_FILE}: "
                                             f"{cols.mapping_line(f, guess)})"))
                continue
            if guess is None:
                guess = self._guess(f, missing)
            lack = ", ".join(k or "Einwohner" for k in missing[:6]) + (" …" if len(missing) > 6 else "")
            self.file = file
            self.problem(sheet, address, f"Die Spalte {f.where} „{f.shown}“ ist nicht zugeordnet: {why}; ohne sie bleibt "
                         f"ohne Wert: {lack}.", self._line_hint(f, guess), "import-column-unplaced")

    def _guess(self, f: Field, missing: list[str | None]) -> Slot | None:
        """For a column no words place: the role its words or numbers suggest, for the one indicator lacking."""
        indicators = [k for k in missing if k is not None]
        role = cols.role_words(" ".join(f.parts))
        if role in (None, "anzahl"):
            role = "anteil" if cols.looks_like_shares(f) else "zaehler"
        if len(indicators) == 1:
            return Slot(role, indicators[0])
        if not indicators and role == "zaehler":
            return Slot("einwohner")
        return None

    def _line(self, f: Field, slot: Slot | None) -> str:
        """The one import.yaml line to add: a whole file by itself, or the entry under an existing „spalten:“."""
        if self.mapping_exists:
            return f"unter „spalten:“ die Zeile  {cols.mapping_entry(f, slot)}"
        return f"die Zeile  {cols.mapping_line(f, slot)}"

    def _line_hint(self, f: Field, slot: Slot | None) -> str:
        if slot is not None:
            return (f"Enthält die Spalte {slot.words()}, ergänzen Sie in {MAPPING_FILE} {self._line(f, slot)} – "
                    f"soll sie nicht übernommen werden: {cols.mapping_entry(f, None)}.")
        return (f"Ergänzen Sie in {MAPPING_FILE} {self._line(f, None)}, wenn sie nicht gebraucht wird – sonst statt "
                "„ignorieren“ die Rolle (zaehler, nenner, anteil, einwohner) und den Indikator (indikator: …).")

    def _scale_fraction_shares(self, placed: list[tuple[Field, list[cols.Proposal]]]) -> None:
        """A share column holding fractions (0,153 for 15,3 %, an Excel percentage whose format was lost) is
        read as percent when every row agrees with its counts that way and none the other way."""
        by_slot = {p.slot: f for f, ps in placed for p in ps}
        for f, ps in placed:
            slot = ps[0].slot
            if slot.role != "anteil":
                continue
            z, n = by_slot.get(Slot("zaehler", slot.indicator)), by_slot.get(Slot("nenner", slot.indicator))
            if z is None or n is None:
                continue
            ok, total = cols.shares_agree(f, z, n)
            scaled = Field(f.key, f.header, f.parts, f.letters, {k: 100 * v for k, v in f.values.items()})
            ok100, total100 = cols.shares_agree(scaled, z, n)
            if total and ok == 0 and ok100 == total100 and all(v <= 1 for v in f.values.values()):
                self._scale[id(f)] = 100.0
                self.report.remarks.append(f"Spalte {f.where} „{f.shown}“: Anteile als Bruch geschrieben "
                                         "(0,153 = 15,3 %), in Prozent übernommen")

    # -- rows ----------------------------------------------------------------------------------------------

    def _rows(self, arr: Arrangement, placed: list[tuple[Field, list[cols.Proposal]]], sources: dict[int, _Source]) -> None:
        t, s = arr.table, arr.table.sheet
        count_cells: list[dict[int, float]] = []  # per count column and year: row → value
        for f, ps in placed:
            if ps[0].slot.role in ("zaehler", "nenner", "einwohner"):
                by_year: dict = {}
                for r, c, y in sources[id(f)].cells:
                    x = cell(s, r, c)
                    if x.number is not None:
                        by_year.setdefault((c, y), {})[r] = x.number
                count_cells += list(by_year.values())
        cells_by_row: dict[int, list[tuple[Field, list[cols.Proposal], int, int | None]]] = {}
        for f, ps in placed:
            for r, c, y in sources[id(f)].cells:
                cells_by_row.setdefault(r, []).append((f, ps, c, y))
        rows = list(t.data_rows)
        sums: set[int] = set()  # rows found to be totals: not part of the next total's sum
        matched = {r: self.areas.match(cell(s, r, arr.area).text) for r in rows}
        # A column of codes beside the names is the authority: a row whose name fits an area but whose code is
        # another (a district named like one of its quarters: „002 Rodenkirchen“) is not that area when the area
        # has its own row with its code.
        coded = {r: [self.areas.match(cell(s, r, i).text) for i in arr.ids if cell(s, r, i).text] for r in rows}
        by_code = {(m.qid, self._row_slice(arr, r)) for r in rows for m in coded[r] if m.qid}
        not_area: dict[int, str] = {}
        for r, m in matched.items():
            if m.qid is not None and coded[r] and not any(c.qid == m.qid for c in coded[r]) \
                    and (m.qid, self._row_slice(arr, r)) in by_code:
                codes = ", ".join(f"„{cell(s, r, i).text}“" for i in arr.ids if cell(s, r, i).text)
                not_area[r] = f"die Kennung {codes} ist keines der Gebiete; „{self.areas.names[m.qid]}“ hat eine eigene Zeile"
                matched[r] = type(m)(None)
        rows_of: dict[str, list[int]] = {}
        covered: dict[tuple, set[str]] = {}  # per year and characteristic: the areas that have a row
        for r, m in matched.items():
            if m.qid is not None:
                rows_of.setdefault(m.qid, []).append(r)
                covered.setdefault(self._row_slice(arr, r), set()).add(m.qid)
        named: dict[str, list[int]] = {}  # unknown or ambiguous names: (index of their problem, rows)
        for i, r in enumerate(rows):
            name = cell(s, r, arr.area).text
            address = s.address(r, arr.area)
            mine = cells_by_row.get(r, [])
            has_values = any(is_value(cell(s, r, c)) for _, _, c, _ in mine)
            m = matched[r]
            aggregate = self.areas.aggregate(name, self.city)
            total = None
            if not arr.labels and (aggregate or m.qid is None):
                total = _sum_of([x for x in rows if x not in sums or x == r], r, count_cells)
            if aggregate and total is None and not arr.labels:
                # rows already told to be sums are neither members nor the first occurrence of the name
                members = [x for q in self.areas.members(name) for x in rows_of.get(q, []) if x != r and x not in sums]
                total = _district_sum(members, r, count_cells)
                first = [x for x in rows_of[m.qid] if self._row_slice(arr, x) == self._row_slice(arr, r)
                         and x not in sums] if m.qid is not None else []
                if total is None and first and first[0] != r:
                    total = "zweites Vorkommen des Namens; das erste ist das Gebiet"
            if m.qid is not None and not (aggregate and total):
                self._area_row(arr, r, m, mine)
                continue
            if total or aggregate:
                sums.add(r)
            where = f"{self.file}:{t.name}:{r + 1}"
            if r in not_area:
                self.report.skipped.append((f"Zeile „{name}“", where, not_area[r]))
                continue
            if not name:
                if not has_values:
                    continue
                if total:
                    self.report.skipped.append(("Zeile ohne Namen", where, f"Summe der Zeilen {total}"))
                    continue
                self.problem(s.name, address, f"Zeile {r + 1} hat Werte, aber kein Gebiet.",
                             "Tragen Sie das Gebiet ein oder löschen Sie die Zeile.", "import-area-missing")
                continue
            if aggregate:
                why = aggregate + (f", {total}" if total and not total[0].isdigit() else
                                   f", Summe der Zeilen {total}" if total else "")
                self.report.skipped.append((f"Zeile „{name}“", where, why))
                continue
            if _key_in(name, self.mapping.ignorieren):
                self.report.skipped.append((f"Zeile „{name}“", where, "laut import.yaml ignoriert"))
                continue
            if m.ambiguous:
                if name in named:  # said once per name, with how often it stands
                    named[name][1] += 1
                    continue
                options = ", ".join(f"„{self.areas.names[q]}“ ({q})" for q in m.candidates)
                named[name] = [len(self.problems), 1]
                self.problem(s.name, address, f"„{name}“ passt zu mehreren Gebieten: {options}"
                             f"{f' ({m.rule})' if m.rule else ''}.",
                             f"Nennen Sie die Gebiete in der Tabelle mit ihrer Kennung, oder legen Sie den Namen in "
                             f"{MAPPING_FILE} fest: namen: {{{json.dumps(name, ensure_ascii=False)}: "
                             f"{json.dumps(m.candidates[0])}}}", "import-area-ambiguous")
                continue
            if not has_values:
                self.report.skipped.append((f"Zeile „{name}“", where, "kein Gebiet und keine Werte"))
                continue
            if total:
                self.report.skipped.append((f"Zeile „{name}“", where, f"Zwischensumme: Summe der Zeilen {total}"))
                continue
            if set(self.areas.names) <= covered.get(self._row_slice(arr, r), set()):
                self.report.skipped.append((f"Zeile „{name}“", where, "kein Gebiet aus quartiere.csv; jedes Gebiet hat "
                                            "schon seine Zeile"))
                continue
            if name in named:
                named[name][1] += 1
                continue
            named[name] = [len(self.problems), 1]
            close = self.areas.suggest(name)
            q = json.dumps(name, ensure_ascii=False)
            hint = (f"Meinten Sie „{close}“? Dann ergänzen Sie in {MAPPING_FILE}: namen: {{{q}: "
                    f"{json.dumps(self.areas.find(close))}}}" if close else
                    f"Ordnen Sie es in {MAPPING_FILE} zu (namen: {{{q}: <quartier_id>}}) oder übergehen Sie die Zeile "
                    f"(ignorieren: [{q}]).")
            self.problem(s.name, address, f"„{name}“ ist kein bekanntes Gebiet.", hint, "import-area-unknown")
        for name, (index, count) in named.items():
            if count > 1:
                p = self.problems[index]
                self.problems[index] = Problem(p.file, p.message.rstrip(".") + f" (in {count} Zeilen; genannt ist die erste).", p.hint,
                                               sheet=p.sheet, cell=p.cell, code=p.code)

    def _row_slice(self, arr: Arrangement, r: int) -> tuple:
        """What else a row is keyed by besides its area: its year and characteristic (long format)."""
        s = arr.table.sheet
        k = (id(arr), r)
        if k not in self._slices:
            self._slices[k] = tuple(cell(s, r, c).text for c in ((arr.year,) if arr.year is not None else ()) + arr.labels)
        return self._slices[k]

    def _area_row(self, arr: Arrangement, r: int, m, mine) -> None:
        s = arr.table.sheet
        name = cell(s, r, arr.area).text
        if m.rule:
            self.report.variants[name] = (m.qid, m.rule)
        for f, proposals, c, year in mine:
            x = cell(s, r, c)
            if year is None and arr.year is not None:
                y = cell(s, r, arr.year)
                if year_of(y) is None:
                    self.problem(s.name, s.address(r, arr.year), f"„{y.text}“ ist keine Jahreszahl.",
                                 "Tragen Sie eine vierstellige Jahreszahl ein.", "import-year-invalid")
                    return
                year = year_of(y)
            if x.problem:  # a number breaking the rules of the one parser (numbers.py): located, never guessed
                self.problem(s.name, s.address(r, c), x.message, NUMBER_HINTS.get(x.problem, ""), x.problem)
                continue
            number, mark, bad = _read_cell(x.text, x.number)
            if bad:
                self.problem(s.name, s.address(r, c), f"„{x.text}“ ist weder eine Zahl noch ein Zeichen für "
                             "geheim („.“, „x“) oder fehlend („-“, „k. A.“).",
                             "Tragen Sie die Zahl ein (1.234,5 oder 1234.5) oder das passende Zeichen.", "import-cell-text")
                continue
            if number is None and not mark:
                self.report.empty_cells += 1
                continue
            if mark:
                self.report.markers[mark] = self.report.markers.get(mark, 0) + 1
            own = proposals[0].slot
            if number is not None and own.role in ("zaehler", "nenner", "einwohner"):
                if number < 0 or not float(number).is_integer():
                    self.problem(s.name, s.address(r, c), f"„{x.text}“ ist keine Anzahl (ganze Zahl ab 0).",
                                 "Zähler, Nenner und Einwohner sind Anzahlen; ein Anteil gehört in eine Spalte „Anteil“.",
                                 "import-count-invalid")
                    continue
            if number is not None and own.role == "anteil":
                if not math.isfinite(number):
                    self.problem(s.name, s.address(r, c), f"„{x.text}“ ist keine endliche Zahl.",
                                 "Tragen Sie den Anteil in Prozent ein.", "import-share-invalid")
                    continue
                number *= self._scale.get(id(f), 1.0)
            for i, p in enumerate(proposals):
                reading = Reading(number, mark, s.name, s.address(r, c), x.text, id(f), self.file, i == 0)
                self._store(p.slot, m.qid, year, reading, name)

    def _store(self, slot: Slot, qid: str, year: int, reading: Reading, name: str) -> None:
        if slot.role == "einwohner":
            store, part = self.people, (qid, year)
        else:
            store, part = self.readings.setdefault((qid, slot.indicator, year), {}), slot.role
        before = store.get(part)
        if before is not None:
            if (before.number, before.marker) != (reading.number, reading.marker):
                self.problems.append(Problem(
                    reading.file, f"Für „{name}“ {year} ({slot.words()}) steht schon ein anderer Wert "
                    f"({before.where}{f' in {before.file}' if before.file != reading.file else ''}).",
                    "Jedes Gebiet darf je Jahr und Spalte einmal vorkommen; löschen Sie die doppelte Zeile.",
                    sheet=reading.sheet, cell=reading.cell, code="import-value-twice"))
            return
        store[part] = reading

    # -- checks and the result -----------------------------------------------------------------------------

    def out_of_line(self) -> None:
        """Values ≥ OUT_OF_LINE × off their column (the other areas that year) or their row (the same area in
        other years) and ≥ 10 × off the other, or a single year SPIKE × off its two nearest years (which agree
        with each other): a separator in the wrong place or a typing error, never imported."""
        series: dict[tuple[str, str | None, str], dict[int, Reading]] = {}  # (q, k, part) → year → reading
        column: dict[tuple[str | None, str, int], list[float]] = {}  # (k, part, year) → values
        for (q, k, year), parts in self.readings.items():
            for part in ("zaehler", "nenner"):
                p = parts.get(part)
                if p is not None and p.number is not None:
                    series.setdefault((q, k, part), {})[year] = p
                    column.setdefault((k, part, year), []).append(p.number)
        for (q, year), p in self.people.items():
            if p.number is not None:
                series.setdefault((q, None, "einwohner"), {})[year] = p
                column.setdefault((None, "einwohner", year), []).append(p.number)
        for (q, k, part), by_year in series.items():
            ys = sorted(by_year)
            for i, year in enumerate(ys):
                p = by_year[year]
                v = p.number
                others = list(column[(k, part, year)])
                others.remove(v)
                row = [by_year[y].number for y in ys if y != year]
                col_med = statistics.median(others) if len(others) >= 4 else None
                row_med = statistics.median(row) if len(row) >= 2 else None
                far = False
                if col_med is not None and row_med is not None:
                    ratios = (_ratio(v, col_med), _ratio(v, row_med))
                    far = min(ratios) >= 10 and max(ratios) >= OUT_OF_LINE
                spike = False
                near = [y for y in ys if y != year and abs(y - year) <= 2]
                before, after = [y for y in near if y < year], [y for y in near if y > year]
                pair = (before[-1:] + after[:1]) if before and after else (before[-2:] or after[:2])
                if len(pair) == 2 and max(abs(y - year) for y in pair) <= 2:
                    a, b = by_year[pair[0]].number, by_year[pair[1]].number
                    spike = (_ratio(a, b) <= 2 and _ratio(v, a) >= SPIKE and _ratio(v, b) >= SPIKE
                             and max(v, a, b) >= 100 and min(a, b) > 0 and v > 0)
                if far or spike:
                    said = []
                    if others:
                        said.append(f"die anderen Gebiete {year}: {_german(min(others))} bis {_german(max(others))}")
                    if row:
                        said.append(f"dasselbe Gebiet in anderen Jahren: {_german(min(row))} bis {_german(max(row))}")
                    what = "Einwohner" if part == "einwohner" else f"{cols.ROLE_WORDS_DE[part]} von {k}"
                    self.problems.append(Problem(
                        p.file, f"„{p.text}“ ({what}, {self.areas.names.get(q, q)} {year}) weicht stark von den "
                        f"Nachbarwerten ab ({'; '.join(said)}).",
                        "Prüfen Sie die Zahl: ein Tausenderpunkt an der falschen Stelle, ein Tippfehler?",
                        sheet=p.sheet, cell=p.cell, code="import-value-out-of-line"))

    def rows(self) -> tuple[dict, dict]:
        """(werte rows, einwohner rows) as text, after checking counts and shares agree."""
        values: dict[tuple[str, ...], dict[str, str]] = {}
        partial: list[tuple[str, str, int, Reading, str]] = []
        complete_fields: set[int] = set()
        for (q, k, year), parts in self.readings.items():
            z, n, a = (parts.get(p) for p in VALUE_PARTS)
            marks = [p.marker for p in (z, n, a) if p is not None and p.marker]
            row = {"zaehler": "", "nenner": "", "anteil": "", "angabe": ""}
            counts = z is not None and n is not None and z.number is not None and n.number is not None
            if counts:
                row["zaehler"], row["nenner"] = number_text(int(z.number)), number_text(int(n.number))
                if z.number > n.number:
                    self.problems.append(Problem(z.file, f"Der Zähler von {k} ({_german(z.number)}, Zelle {z.cell}) ist "
                                                 f"größer als der Nenner ({_german(n.number)}, {n.where}).",
                                                 "Prüfen Sie die Zahlen, oder ob die Spalten vertauscht sind.",
                                                 code="import-numerator-exceeds", sheet=z.sheet, cell=z.cell))
                if a is not None and a.number is not None and n.number > 0:
                    computed = 100 * z.number / n.number
                    if abs(computed - a.number) > share_tolerance(a.text):  # percentage points, never fractions
                        self.problems.append(Problem(
                            a.file, f"Der Anteil {a.text} von {k} passt nicht zu Zähler und Nenner "
                            f"({_german(z.number)} / {_german(n.number)} = {computed:.2f} % aus {z.cell} und {n.cell}).",
                            "Prüfen Sie die Zeile; eine Spalte ist wohl verrutscht.",
                            code="import-share-mismatch", sheet=a.sheet, cell=a.cell))
            elif marks:
                row["angabe"] = "geheim" if "geheim" in marks else "fehlt"
            elif a is not None and a.number is not None:
                row["anteil"] = number_text(a.number)  # a ready share (counts absent or incomplete)
            else:
                only, missing = (z, "Nenner") if z is not None else (n, "Zähler")
                partial.append((q, k, year, only, missing))
                continue
            complete_fields.update(p.field for p in (z, n, a) if p is not None)
            values[(q, k, str(year))] = row
        complete_fields.update(p.field for p in self.people.values())
        dropped: dict[str, int] = {}
        missing_parts: dict[tuple[int, str], list] = {}
        for q, k, year, only, missing in partial:
            if not only.primary:  # a further slot of a column imported as something else: nothing lost
                continue
            if only.field in complete_fields:  # its column is imported for another indicator of the same group
                dropped[k] = dropped.get(k, 0) + 1
                continue
            missing_parts.setdefault((only.field, k), []).append((year, only, missing))
        for (_, k), found in missing_parts.items():
            years = sorted({y for y, _, _ in found})
            _, only, missing = found[0]
            role = "zaehler" if missing == "Zähler" else "nenner"
            candidate = next((f for slot, f, file in self.guesses if slot == Slot(role, k) and file == only.file), None)
            hint = (f"Ist es Spalte {candidate.where} („{candidate.shown}“)? Dann ergänzen Sie in {MAPPING_FILE} "
                    f"{self._line(candidate, Slot(role, k))}." if candidate is not None else
                    f"Ordnen Sie auch die Spalte mit dem {missing} zu ({MAPPING_FILE}: spalten: "
                    f"{{\"<Spaltenkopf>\": {{rolle: {role}, indikator: {k}}}}}), oder die mit dem Anteil.")
            self.problems.append(Problem(
                only.file, f"Nur {'Nenner' if role == 'zaehler' else 'Zähler'} von „{k}“ ist angegeben "
                f"({len(found)} Werte, {', '.join(map(str, years))}); ohne {missing} wird er nicht übernommen.",
                hint, sheet=only.sheet, cell=only.cell, code="import-counts-partial"))
        for k, n in dropped.items():
            self.report.remarks.append(f"{k}: {n} Werte ohne Gegenstück (Zähler oder Nenner fehlt) nicht übernommen; "
                                     "die Spalte ist für einen anderen Indikator derselben Gruppe übernommen")
        people = {(q, str(y)): {"einwohner": number_text(int(p.number)) if p.number is not None else ""}
                  for (q, y), p in self.people.items()}
        for (q, k, y) in values:
            self.report.counts[(k, int(y))] = self.report.counts.get((k, int(y)), 0) + 1
        for (q, y) in people:
            self.report.counts[("Einwohner", int(y))] = self.report.counts.get(("Einwohner", int(y)), 0) + 1
        return values, people


def _sum_of(rows: list[int], r: int, count_cells: list[dict[int, float]]) -> str | None:
    """„5–12“ when row ``r`` holds, in every count column, the sum of the ``rows`` just above (or just
    below) it — a subtotal whatever its name; None otherwise. Needs two columns, or one with a sum ≥ 100."""
    i = rows.index(r)
    columns = [c for c in count_cells if r in c]
    if not columns:
        return None
    for direction in (-1, 1):
        for j in range(2, len(rows)):
            lo, hi = (i - j, i) if direction < 0 else (i + 1, i + 1 + j)
            if lo < 0 or hi > len(rows):
                break
            group = rows[lo:hi]
            checked = 0
            ok = True
            for c in columns:
                if not all(g in c for g in group):
                    continue
                checked += 1
                if abs(sum(c[g] for g in group) - c[r]) > 1e-6:
                    ok = False
                    break
            if ok and checked and (checked >= 2 or max(c[r] for c in columns) >= 100):
                return f"{group[0] + 1}–{group[-1] + 1}"
    return None


def _district_sum(members: list[int], r: int, count_cells: list[dict[int, float]]) -> str | None:
    """„Summe der Gebiete des Bezirks“ when row ``r`` holds, in every count column, the sum of the rows of its
    district's areas (wherever they stand); None otherwise."""
    columns = [c for c in count_cells if r in c and all(m in c for m in members)]
    if len(members) < 2 or not columns:
        return None
    if all(abs(sum(c[m] for m in members) - c[r]) <= 1e-6 for c in columns):
        return f"Summe seiner {len(members)} Gebiete"
    return None


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_COLUMN of one kind, then one line saying how many more: a wrong column
    mapping gives the same problem in every row of every sheet, and one look at the first ones suffices."""
    out, count = [], {}
    for p in problems:
        count[p.code] = count.get(p.code, 0) + 1
        if count[p.code] <= MAX_PROBLEMS_PER_COLUMN:
            out.append(p)
    for code, n in count.items():
        if n > MAX_PROBLEMS_PER_COLUMN:
            out.append(Problem(out[0].file, f"… und {n - MAX_PROBLEMS_PER_COLUMN} weitere Probleme dieser Art ({code}).",
                               "Meist hat es für alle dieselbe Ursache; beheben Sie die genannten zuerst.", code=code))
    return out


def _key_in(name: str, names: list[str]) -> bool:
    return key(name) in {key(n) for n in names}


def import_files(files: list[Path], city_dir: Path, mapping_path: Path | None = None, dry_run: bool = False,
                 year: int | None = None) -> ImportReport:
    """Read ``files`` into ``city_dir``'s werte.csv and einwohner.csv. Raises InputError with every problem."""
    if not (city_dir / paths.QUARTERS).exists() or not (city_dir / paths.INDICATORS).exists():
        raise InputError([Problem(str(city_dir), "Die Stadt hat noch keine quartiere.csv und indikatoren.csv.",
                                  "Legen Sie sie mit „sozialbericht init <stadt> --areas …“ an.", code="import-city-missing")])
    saved = city_dir / MAPPING_FILE
    source = mapping_path or (saved if saved.exists() else None)
    mapping = load_mapping(source) if source else ImportMapping()
    quarters = _read_csv(city_dir / paths.QUARTERS)
    indicator_rows = _read_csv(city_dir / paths.INDICATORS)
    areas = Areas(quarters, mapping.namen)
    city_name = ""
    if (city_dir / paths.CITY_CONFIG).exists():
        city_name = str((yaml.safe_load((city_dir / paths.CITY_CONFIG).read_text(encoding="utf-8")) or {}).get("stadt", ""))
    book = _Import(areas, cols.indicators_of(indicator_rows), mapping, {r["indikator_id"] for r in indicator_rows},
                   city_name, year)
    book.known_order = [r["indikator_id"] for r in indicator_rows]
    book.mapping_exists = source is not None and bool(mapping.spalten)
    for path in files:
        try:
            book.read_file(path)
        except InputError as exc:  # an unreadable file: said with the others
            book.problems += exc.problems
    book.out_of_line()
    values, people = book.rows()
    book.unplaced(values, people)
    if not values and not people and not book.problems:
        seen = "; ".join(book.sheets_seen[:8])
        unplaced = "; ".join(f"{what} ({where}): {why}" for what, where, why in book.report.unplaced[:5])
        book.problems.append(Problem(", ".join(p.name for p in files), "Es wurde kein einziger Wert übernommen."
                                     + (f" Übersprungen: {seen}." if seen else "")
                                     + (f" Nicht zugeordnet: {unplaced}." if unplaced else ""),
                                     "Prüfen Sie die Zuordnung mit --dry-run und legen Sie fehlende Spalten in "
                                     f"{MAPPING_FILE} fest.", code="import-nothing"))
    if book.problems:
        raise InputError(capped(book.problems), book.report.notes)

    report = book.report
    quarter_order = {q["quartier_id"]: i for i, q in enumerate(quarters)}
    indicator_order = {r["indikator_id"]: i for i, r in enumerate(indicator_rows)}
    report.values = merge(city_dir / paths.VALUES, list(INPUT_TABLES["werte"].fields),
                          ("quartier_id", "indikator_id", "jahr"), values,
                          lambda k: (quarter_order.get(k[0], 10**6), indicator_order.get(k[1], 10**6), k[2]))
    report.residents = merge(city_dir / paths.RESIDENTS, list(INPUT_TABLES["einwohner"].fields),
                             ("quartier_id", "jahr"), people, lambda k: (quarter_order.get(k[0], 10**6), k[1]))
    report.years = sorted({int(k[2]) for k in values} | {int(k[1]) for k in people})
    learned = ImportMapping(namen=dict(mapping.namen), ignorieren=list(mapping.ignorieren),
                            spalten={**book.learned, **mapping.spalten}, jahr=mapping.jahr)
    report.mapping_text = dump_mapping(learned)
    report.mapping_changed = not saved.exists() or saved.read_text(encoding="utf-8") != report.mapping_text
    if not dry_run:
        # both files checked first, then each replaced atomically (merge.commit); nothing half-written
        report.written += commit(city_dir, [(paths.VALUES, report.values), (paths.RESIDENTS, report.residents)])
        if report.mapping_changed:
            write_text(city_dir, MAPPING_FILE, report.mapping_text)
            report.written.append(MAPPING_FILE)
    return report


def import_workbook(workbook: Path, city_dir: Path, mapping_path: Path | None = None, dry_run: bool = False,
                    year: int | None = None) -> ImportReport:
    """One file: see import_files."""
    return import_files([workbook], city_dir, mapping_path, dry_run, year)
