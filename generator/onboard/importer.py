"""`sozialbericht import`: an office's workbook into werte.csv and einwohner.csv.

Per sheet: find the table (layout.py), decide what each column holds (columns.py, import.yaml first),
read every cell of the placed columns (numbers, German numbers, markers; never a zero for a marker),
then merge into the city's files (merge.py). Every problem of the whole workbook is collected with
sheet and cell; with any problem nothing is written.
"""

from __future__ import annotations

import json
import math
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
from .layout import Layout, cell, locate
from .match import Areas
from .merge import Merged, commit, merge, number_text
from .workbook import read_workbook

MAPPING_FILE = "import.yaml"
SHARE_TOLERANCE = 0.1  # percentage points: a share rounded to one decimal still agrees with its counts
VALUE_PARTS = ("zaehler", "nenner", "anteil")


@dataclass
class Placed:
    sheet: str
    column: str
    header: str
    role: ColumnRole
    source: str  # "import.yaml" or "erkannt"
    year: str  # where the year comes from, said for the report


@dataclass
class Reading:
    """One value read from one cell."""
    number: float | None
    marker: str  # "", "geheim", "fehlt"
    sheet: str
    cell: str  # "D14"

    @property
    def where(self) -> str:
        return f"Tabelle „{self.sheet}“, Zelle {self.cell}"


@dataclass
class ImportReport:
    workbook: str
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
    variants: dict[str, str] = field(default_factory=dict)  # spelling in the workbook → quartier_id
    notes: list[Problem] = field(default_factory=list)  # what the reader decided (encoding, separator, decimal mark)


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


class _Workbook:
    """The state of one import: what was read, where, and what went wrong."""

    def __init__(self, name: str, areas: Areas, indicators: list[cols.Indicator], mapping: ImportMapping,
                 known_indicators: set[str], city: str, year: int | None):
        self.name, self.areas, self.indicators, self.mapping = name, areas, indicators, mapping
        self.known, self.city, self.fixed_year = known_indicators, city, year
        self.problems: list[Problem] = []
        self.report = ImportReport(name)
        self.readings: dict[tuple[str, str, int], dict[str, Reading]] = {}  # (q, k, year) → part → reading
        self.people: dict[tuple[str, int], Reading] = {}
        self.learned: dict[str, ColumnRole] = {}

    def problem(self, sheet: str, address: str | None, message: str, hint: str, code: str) -> None:
        self.problems.append(Problem(self.name, message, hint, cell=address, sheet=sheet, code=code))

    def sheet(self, layout: Layout) -> None:
        s = layout.sheet
        year_col = next((c for c in layout.columns if cols.is_year_column(c.key)), None)
        placed: list[tuple[int, ColumnRole, int | None]] = []
        seen: dict[tuple[str, str | None, int | None], str] = {}
        for c in layout.columns:
            if year_col is not None and c.index == year_col.index:
                continue
            role, source = cols.role_for(c.key, self.mapping, self.indicators)
            label, at = f"Spalte „{c.header or 'ohne Kopf'}“", f"{s.name}:{c.letter}"
            if role is None:
                self.report.unplaced.append((label, at, "nicht erkannt"))
                if c.key:  # saved as "ignorieren", so import.yaml shows it and the office can give it a role
                    self.learned.setdefault(c.key, ColumnRole(rolle="ignorieren"))
                continue
            if role.rolle == "ignorieren":
                self.report.unplaced.append((label, at, f"laut {source} ignoriert"))
                self.learned.setdefault(c.key, role)
                continue
            if role.indikator is not None and role.indikator not in self.known:
                self.problem(s.name, f"{c.letter}{(layout.header_rows or (0,))[-1] + 1}",
                             f"Die Spalte „{c.header}“ ist dem Indikator „{role.indikator}“ zugeordnet, den indikatoren.csv "
                             "nicht kennt.", "Ergänzen Sie den Indikator in indikatoren.csv oder ändern Sie die Zuordnung in "
                             "import.yaml.", "import-indicator-unknown")
                continue
            year, said = self._column_year(layout, c, year_col)
            if year is None and year_col is None:
                if len(c.years) > 1:
                    self.report.unplaced.append((label, at, f"nennt mehrere Jahre ({', '.join(map(str, c.years))})"))
                    continue
                self.problem(s.name, f"{c.letter}{(layout.header_rows or (0,))[-1] + 1}",
                             f"Für die Spalte „{c.header}“ ist kein Jahr erkennbar (weder im Namen der Tabelle noch im "
                             "Spaltenkopf noch in einer Spalte „Jahr“).",
                             "Nennen Sie das Jahr im Namen der Tabelle (z. B. „2022“) oder mit --jahr.", "import-year-unknown")
                continue
            slot = (role.rolle, role.indikator, year)
            if slot in seen:
                self.problem(s.name, f"{c.letter}{(layout.header_rows or (0,))[-1] + 1}",
                             f"Die Spalten {seen[slot]} und {c.letter} enthalten beide "
                             f"{role.rolle} von „{role.indikator or 'Einwohner'}“{f' {year}' if year else ''}.",
                             "Lassen Sie eine der beiden in import.yaml ignorieren (rolle: ignorieren).", "import-column-twice")
                continue
            seen[slot] = c.letter
            self.learned.setdefault(c.key, role)
            placed.append((c.index, role, year))
            self.report.placed.append(Placed(s.name, c.letter, c.header, role, source, said))
        for r in layout.data_rows:
            self._row(layout, r, placed, year_col.index if year_col else None)
        if layout.more_below is not None:
            self.report.skipped.append(("eine weitere Tabelle darunter", f"{s.name}:{layout.more_below + 1}",
                                        "nicht gelesen (eine Tabelle je Blatt)"))

    def _column_year(self, layout: Layout, c, year_col) -> tuple[int | None, str]:
        if year_col is not None:
            return None, f"Spalte {year_col.letter}"
        if len(c.years) == 1:
            return c.years[0], "Spaltenkopf"
        if len(c.years) > 1:
            return None, ""
        if len(layout.sheet_years) == 1:
            return layout.sheet_years[0], "Tabellenname"
        year = self.fixed_year or self.mapping.jahr
        return (year, "--jahr" if self.fixed_year else "import.yaml") if year else (None, "")

    def _row(self, layout: Layout, r: int, placed, year_index: int | None) -> None:
        s = layout.sheet
        name = cell(s, r, layout.area_column).text
        address = s.address(r, layout.area_column)
        qid = self.areas.find(name)
        if qid is None:
            if key_in(name, self.mapping.ignorieren) or self.areas.is_aggregate(name, self.city):
                self.report.skipped.append((f"Zeile „{name}“", f"{s.name}:{r + 1}", "kein Gebiet"))
                return
            close = self.areas.suggest(name)
            hint = (f"Meinten Sie „{close}“? Dann ergänzen Sie in import.yaml unter namen: „{name}: "
                    f"{self.areas.find(close)}“." if close else
                    "Ergänzen Sie in import.yaml unter namen: „<Name>: <quartier_id>“, oder unter ignorieren, wenn die "
                    "Zeile kein Gebiet ist.")
            self.problem(s.name, address, f"„{name}“ ist kein bekanntes Gebiet.", hint, "import-area-unknown")
            return
        if not self.areas.is_exact(name):
            self.report.variants[name] = qid  # matched despite its spelling: said in the report
        row_year = None
        if year_index is not None:
            y = cell(s, r, year_index)
            if y.number is None or not float(y.number).is_integer() or not 1900 <= y.number <= 2100:
                self.problem(s.name, s.address(r, year_index), f"„{y.text}“ ist keine Jahreszahl.",
                             "Tragen Sie eine vierstellige Jahreszahl ein.", "import-year-invalid")
                return
            row_year = int(y.number)
        for index, role, year in placed:
            c = cell(s, r, index)
            if c.problem:  # a number breaking the rules of the one parser (numbers.py): located, never guessed
                self.problem(s.name, s.address(r, index), c.message, NUMBER_HINTS.get(c.problem, ""), c.problem)
                continue
            number, marker, bad = _read_cell(c.text, c.number)
            if bad:
                self.problem(s.name, s.address(r, index), f"„{c.text}“ ist weder eine Zahl noch ein Zeichen für "
                             "geheim („.“, „x“) oder fehlend („-“, „k. A.“).",
                             "Tragen Sie die Zahl ein (1.234,5 oder 1234.5) oder das passende Zeichen.", "import-cell-text")
                continue
            if number is None and not marker:
                self.report.empty_cells += 1
                continue
            if marker:
                self.report.markers[marker] = self.report.markers.get(marker, 0) + 1
            if number is not None and role.rolle in ("zaehler", "nenner", "einwohner"):
                if number < 0 or not float(number).is_integer():
                    self.problem(s.name, s.address(r, index), f"„{c.text}“ ist keine Anzahl (ganze Zahl ab 0).",
                                 "Zähler, Nenner und Einwohner sind Anzahlen; ein Anteil gehört in eine Spalte „Anteil“.",
                                 "import-count-invalid")
                    continue
            if number is not None and role.rolle == "anteil" and not math.isfinite(number):
                self.problem(s.name, s.address(r, index), f"„{c.text}“ ist keine endliche Zahl.",
                             "Tragen Sie den Anteil in Prozent ein.", "import-share-invalid")
                continue
            the_year = row_year if row_year is not None else year
            reading = Reading(number, marker, s.name, s.address(r, index))
            slot = ((qid, the_year) if role.rolle == "einwohner" else (qid, role.indikator, the_year))
            store = self.people if role.rolle == "einwohner" else self.readings.setdefault(slot, {})
            part = slot if role.rolle == "einwohner" else role.rolle
            before = store.get(part)
            if before is not None:
                if (before.number, before.marker) != (number, marker):
                    self.problem(s.name, s.address(r, index),
                                 f"Für „{name}“ {the_year} steht schon ein anderer Wert ({before.where}).",
                                 "Jedes Gebiet darf je Jahr und Spalte einmal vorkommen; löschen Sie die doppelte Zeile.",
                                 "import-value-twice")
                continue
            store[part] = reading

    def rows(self) -> tuple[dict, dict]:
        """(werte rows, einwohner rows) as text, after checking counts and shares agree."""
        values: dict[tuple[str, ...], dict[str, str]] = {}
        for (q, k, year), parts in self.readings.items():
            z, n, a = (parts.get(p) for p in VALUE_PARTS)
            marks = [p.marker for p in (z, n, a) if p is not None and p.marker]
            row = {"zaehler": "", "nenner": "", "anteil": "", "angabe": ""}
            counts = z is not None and n is not None and z.number is not None and n.number is not None
            if counts:
                row["zaehler"], row["nenner"] = number_text(int(z.number)), number_text(int(n.number))
                if z.number > n.number:
                    self.problems.append(Problem(self.name, f"Der Zähler ({z.number:g}) ist größer als der Nenner "
                                                 f"({n.number:g}, {n.where}).", "Prüfen Sie, ob die Spalten vertauscht sind.",
                                                 code="import-numerator-exceeds", sheet=z.sheet, cell=z.cell))
                if a is not None and a.number is not None and n.number > 0 and \
                        abs(100 * z.number / n.number - a.number) > SHARE_TOLERANCE:
                    self.problems.append(Problem(self.name, f"Der Anteil {a.number:g} passt nicht zu Zähler und Nenner "
                                                 f"({100 * z.number / n.number:.2f} % aus {z.cell} und {n.cell}).",
                                                 "Prüfen Sie die Zeile; eine Spalte ist wohl verrutscht.",
                                                 code="import-share-mismatch", sheet=a.sheet, cell=a.cell))
            elif marks:
                row["angabe"] = "geheim" if "geheim" in marks else "fehlt"
            elif a is not None and a.number is not None:
                row["anteil"] = number_text(a.number)  # a ready share (counts absent or incomplete)
            else:
                only, missing = (z, "Nenner") if z is not None else (n, "Zähler")
                self.problems.append(Problem(
                    self.name, f"Nur {'Zähler' if z is not None else 'Nenner'} von „{k}“ {year} ist angegeben.",
                    f"Ordnen Sie auch die Spalte mit dem {missing} zu (import.yaml), oder die mit dem Anteil.",
                    sheet=only.sheet, cell=only.cell, code="import-counts-partial"))
                continue
            values[(q, k, str(year))] = row
        people = {(q, str(y)): {"einwohner": number_text(int(p.number)) if p.number is not None else ""}
                  for (q, y), p in self.people.items()}
        return values, people


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


def key_in(name: str, names: list[str]) -> bool:
    from .match import key
    return key(name) in {key(n) for n in names}


def import_workbook(workbook: Path, city_dir: Path, mapping_path: Path | None = None, dry_run: bool = False,
                    year: int | None = None) -> ImportReport:
    """Read ``workbook`` into ``city_dir``'s werte.csv and einwohner.csv. Raises InputError with every problem."""
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
    book = _Workbook(workbook.name, areas, cols.indicators_of(indicator_rows), mapping,
                     {r["indikator_id"] for r in indicator_rows}, city_name, year)
    sheets = read_workbook(workbook)
    book.report.notes += [n for s in sheets for n in s.notes]
    tables = 0
    for s in sheets:
        layout = locate(s, areas)
        if layout is None:
            book.report.skipped.append((f"Tabelle „{s.name}“", s.name, "keine Gebiete gefunden, nicht gelesen"))
            continue
        tables += 1
        book.sheet(layout)
    if tables == 0:
        names = ", ".join(list(areas.names.values())[:3])
        book.problems.append(Problem(workbook.name, "In keiner Tabelle steht eine Spalte mit bekannten Gebieten.",
                                     f"Die Gebiete müssen mit Namen (z. B. {names}) oder Kennung aus quartiere.csv "
                                     "genannt sein.", code="import-no-table"))
    values, people = book.rows()
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
