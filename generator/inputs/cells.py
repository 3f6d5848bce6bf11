"""Cells and headers: every cell of a CSV parsed by its field definition, or a located problem."""

from __future__ import annotations

import difflib
import math
import re

import pandas as pd

from ..errors import Problem
from ..model.fields import FIELDS, ID_RULE, Field, Table
from .numbers import ENGLISH, GERMAN
from . import numbers
from .read import RawTable

MARKUP = re.compile(r"<[A-Za-z/!]|&#?\w+;")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no spreadsheet or web page can show them
MAX_PROBLEMS_PER_COLUMN = 20
MAX_INTEGER = 2**53  # counts beyond this lose precision as numbers (and no city has them)
CONTROL_HINT = "Löschen Sie das Zeichen (oft aus einer kopierten Webseite oder PDF-Datei) und speichern Sie erneut."
FORMULA_HINT = "Schreiben Sie den Namen ohne führendes „=“; Formeln sind in den Eingabedaten nicht erlaubt."
ID_HINT = ("Kennungen werden Teil von Adressen und Dateinamen; benennen Sie die Kennung um, z. B. „Lirich Nord“ → "
           "„lirich-nord“, und ändern Sie sie in allen Dateien gleich.")
HTML_HINT = ("Schreiben Sie den Wert als reinen Text, ohne spitze Klammern oder HTML-Entitäten; "
             "die Website setzt Sonderzeichen selbst richtig.")


def parse_cell(text: str, f: Field, decimal_comma: bool, comma_separated: bool = True) -> tuple[object, str | None, str]:
    """(value, None, "") or (None, German message, problem code). Numbers by the one parser (numbers.py)."""
    if f.type == "string":
        if f.enum is not None and text not in f.enum:
            return None, f"„{_short(text)}“ ist nicht erlaubt; erlaubt sind: {', '.join(f.enum)}.", "cell-not-allowed"
        if f.pattern is not None and not re.fullmatch(f.pattern, text):
            return None, f"„{_short(text)}“ ist keine gültige Kennung ({ID_RULE}).", "cell-bad-id"
        if CONTROL.search(text):
            return None, (f"„{_short(CONTROL.sub('�', text))}“ enthält ein unsichtbares Steuerzeichen "
                          f"(U+{ord(CONTROL.search(text).group()):04X})."), "cell-control-character"
        if MARKUP.search(text):
            return None, f"„{_short(text)}“ enthält HTML-Zeichen (< oder &…;).", "cell-markup"
        if text.startswith("="):
            # A journalist's spreadsheet would run it as a formula (CSV/formula injection, OWASP).
            return None, f"„{_short(text)}“ beginnt mit „=“ wie eine Excel-Formel.", "cell-formula"
        return text, None, ""
    if f.type == "boolean":
        low = text.lower()
        if low in ("true", "wahr", "ja", "1"):
            return True, None, ""
        if low in ("false", "falsch", "nein", "0"):
            return False, None, ""
        return None, f"„{_short(text)}“ ist kein Wahrheitswert (true/false).", "cell-not-boolean"
    if comma_separated and not decimal_comma and re.fullmatch(r"[+\-−]?\d{1,3}(\.\d{3})*,\d+|[+\-−]?\d+,\d+", text.strip()):
        return None, (f"„{text}“ hat ein Dezimalkomma, die Datei ist aber mit Komma getrennt. "
                      "Speichern Sie mit Semikolon als Trennzeichen oder schreiben Sie einen Dezimalpunkt."), \
            "cell-decimal-comma"
    n = numbers.parse(text, GERMAN if decimal_comma else ENGLISH)
    if n.marker:
        return None, (f"„{_short(text)}“ ist ein Zeichen für {'geheime' if n.marker == 'geheim' else 'fehlende'} "
                      "Werte, keine Zahl."), "cell-not-number"
    if not n.ok:
        return None, n.message, n.code
    if n.percent and f.type == "integer":
        return None, f"„{_short(text)}“ ist ein Prozentwert, erwartet ist eine Anzahl.", "cell-not-integer"
    value = n.value
    if not math.isfinite(value):
        return None, f"„{_short(text)}“ ist keine endliche Zahl.", "cell-not-number"
    if f.type == "integer":
        if not value.is_integer():
            return None, f"„{_short(text)}“ ist keine ganze Zahl.", "cell-not-integer"
        if abs(value) > MAX_INTEGER:
            return None, f"„{_short(text)}“ ist zu groß für eine Zählung.", "cell-above-maximum"
        value = int(value)
    if f.minimum is not None and value < f.minimum:
        return None, f"{text} ist kleiner als {f.minimum:g}" + (" (negativ)." if value < 0 else "."), "cell-below-minimum"
    if f.maximum is not None and value > f.maximum:
        return None, f"{text} ist größer als {f.maximum:g}.", "cell-above-maximum"
    return value, None, ""


def _short(text: str, n: int = 60) -> str:
    """A cell as quoted in a message: a 10,000-character cell must not flood the terminal."""
    return text if len(text) <= n else text[:n] + "…"


def check_header(raw: RawTable, table: Table, problems: list[Problem]) -> bool:
    ok = True
    cols = raw.header
    if len(cols) == 1 and len(table.fields) > 1:
        problems.append(Problem(raw.file, f"Die Datei hat nur eine Spalte („{cols[0][:60]}“): das Trennzeichen wurde nicht erkannt.",
                                "Speichern Sie die Tabelle als CSV mit Komma oder Semikolon als Trennzeichen.", row=1,
                                code="header-one-column"))
        return False
    for dup in sorted({c for c in cols if cols.count(c) > 1}):
        problems.append(Problem(raw.file, f"Die Spalte „{dup}“ kommt mehrfach vor.", "Löschen Sie die doppelte Spalte.",
                                row=1, field=dup, code="header-duplicate-column"))
        ok = False
    unknown = [c for c in cols if c not in table.fields]
    for col in table.required_columns:
        if col not in cols:
            close = difflib.get_close_matches(col, unknown, n=1, cutoff=0.6)
            hint = (f"Die Spalte „{close[0]}“ sieht umbenannt aus: benennen Sie sie in „{col}“ um."
                    if close else f"Ergänzen Sie die Spalte „{col}“ ({FIELDS[col].title}).")
            problems.append(Problem(raw.file, f"Die Pflichtspalte „{col}“ fehlt.", hint, row=1, field=col,
                                    code="header-missing-column"))
            ok = False
    for col in unknown:
        if any(difflib.get_close_matches(r, [col], n=1, cutoff=0.6) for r in table.required_columns if r not in cols):
            continue  # already reported as a renamed required column
        close = difflib.get_close_matches(col, [f for f in table.fields if f not in cols], n=1, cutoff=0.6)
        hint = (f"Die Spalte sieht umbenannt aus: benennen Sie sie in „{close[0]}“ um." if close else
                f"Erlaubt sind: {', '.join(table.fields)}. Löschen oder benennen Sie sie um.")
        problems.append(Problem(raw.file, f"Die Spalte „{col}“ ist unbekannt.", hint, row=1, field=col,
                                code="header-unknown-column"))
        ok = False
    if not raw.rows:
        problems.append(Problem(raw.file, "Die Datei enthält nur die Kopfzeile, keine Daten.",
                                "Exportieren Sie die Tabelle mit allen Zeilen erneut.", code="table-no-rows"))
        ok = False
    return ok


def typed_table(raw: RawTable, table: Table, problems: list[Problem]) -> pd.DataFrame | None:
    """Parse every cell by its field definition; the frame keeps a ``_row`` column."""
    if not check_header(raw, table, problems):
        return None
    columns = [c for c in raw.header if c in table.fields]
    index = {c: raw.header.index(c) for c in columns}
    data: dict[str, list] = {c: [] for c in columns}
    per_column: dict[str, int] = {}
    bad_rows: list[bool] = []
    width = len(raw.header)
    bad_width = 0
    for rec, rownum in zip(raw.rows, raw.row_numbers):
        if len(rec) != width:
            bad_width += 1
            if bad_width <= MAX_PROBLEMS_PER_COLUMN:
                problems.append(Problem(
                    raw.file, f"Die Zeile hat {len(rec)} Zellen, die Kopfzeile {width}.",
                    "Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile"
                    + (" (ein Dezimalkomma in einer kommagetrennten Datei teilt die Zahl in zwei Zellen)."
                       if len(rec) > width and raw.delimiter == "," else "."), row=rownum, code="row-width"))
            for c in columns:
                data[c].append(None)
            bad_rows.append(True)
            continue
        bad = False
        for c in columns:
            text = rec[index[c]]
            f = FIELDS[c]
            if text == "":
                if f.required:
                    problems.append(Problem(raw.file, "Die Zelle ist leer, der Wert ist Pflicht.",
                                            f"Tragen Sie {f.title} ein.", row=rownum, field=c, code="cell-required"))
                    bad = True
                data[c].append(None)
                continue
            value, err, code = parse_cell(text, f, raw.decimal_comma, raw.delimiter == ",")
            if err:
                bad = True
                per_column[c] = per_column.get(c, 0) + 1
                if per_column[c] <= MAX_PROBLEMS_PER_COLUMN:
                    hint = {"cell-markup": HTML_HINT, "cell-formula": FORMULA_HINT, "cell-bad-id": ID_HINT,
                            "cell-control-character": CONTROL_HINT, **numbers.HINTS}.get(code) or _hint(f)
                    problems.append(Problem(raw.file, err, hint, row=rownum, field=c, code=code))
            data[c].append(value)
        bad_rows.append(bad)
    if bad_width > MAX_PROBLEMS_PER_COLUMN:
        problems.append(Problem(raw.file, f"… und {bad_width - MAX_PROBLEMS_PER_COLUMN} weitere Zeilen mit falscher Zellenzahl.",
                                "Meist hat es für alle Zeilen dieselbe Ursache; beheben Sie die genannten zuerst.",
                                code="row-width"))
    for c, n in per_column.items():
        if n > MAX_PROBLEMS_PER_COLUMN:
            problems.append(Problem(raw.file, f"… und {n - MAX_PROBLEMS_PER_COLUMN} weitere Fehler dieser Art.",
                                    "Meist hat es für alle Zeilen dieselbe Ursache; beheben Sie die genannten zuerst.",
                                    field=c, code="cell-errors-more"))
    frame = pd.DataFrame({c: pd.Series(data[c], dtype=_dtype(FIELDS[c])) for c in columns})
    for c in table.fields:
        if c not in frame:
            frame[c] = pd.Series([None] * len(frame), dtype=_dtype(FIELDS[c]))
    frame["_row"] = raw.row_numbers
    frame["_bad"] = bad_rows  # rows with a cell error: kept for cross-table checks, skipped by value checks
    return frame[[*table.fields, "_row", "_bad"]]


def _dtype(f: Field) -> str:
    return {"string": "object", "integer": "Int64", "number": "Float64", "boolean": "boolean"}.get(f.type, "object")


def _hint(f: Field) -> str:
    if f.type in ("integer", "number"):
        rng = []
        if f.minimum is not None:
            rng.append(f"mindestens {f.minimum:g}")
        if f.maximum is not None:
            rng.append(f"höchstens {f.maximum:g}")
        kind = "eine ganze Zahl" if f.type == "integer" else "eine Zahl"
        return f"Erwartet: {kind}" + (f" ({', '.join(rng)})" if rng else "") + f" – {f.description}"
    if f.enum:
        return f"Erwartet: einer der Werte {', '.join(f.enum)}."
    return f"Erwartet: {f.description}"
