"""Imported rows merged into an input CSV: existing rows keep their place, new rows follow in a stable
order, a changed value is reported. Nothing changed → the file is not touched (same bytes)."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Merged:
    text: str
    header: list[str]
    added: int = 0
    unchanged: int = 0
    changed: list[tuple[tuple[str, ...], str, str, str]] = field(default_factory=list)  # key, column, old, new

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed)


def number_text(value: float | int | None) -> str:
    """How a number is written into our CSV files: integers plain, shares without trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _same(a: str, b: str) -> bool:
    if a.strip() == b.strip():
        return True
    try:
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
    except ValueError:
        return False


def merge(path: Path, order: list[str], key_columns: tuple[str, ...], rows: dict[tuple[str, ...], dict[str, str]],
          sort_key) -> Merged:
    """``rows``: key → {column: text}. ``order``: every column the table knows, in its order."""
    existing: list[dict[str, str]] = []
    header: list[str] = []
    if path.exists():
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
        header = list(reader.fieldnames or [])
        existing = [dict(r) for r in reader]
    needed = {c for r in rows.values() for c, v in r.items() if v != ""}
    header = header or [c for c in order if c in key_columns or c in needed]
    header += [c for c in order if c in needed and c not in header]
    out = Merged("", header)
    position = {tuple((r.get(c) or "").strip() for c in key_columns): i for i, r in enumerate(existing)}
    new_keys = []
    for k, values in rows.items():
        if k in position:
            old = existing[position[k]]
            changes = [(c, old.get(c) or "", v) for c, v in values.items() if not _same(old.get(c) or "", v)]
            if changes:
                out.changed += [(k, c, o, v) for c, o, v in changes]
                old.update(values)
            else:
                out.unchanged += 1
        else:
            new_keys.append(k)
    out.added = len(new_keys)
    for k in sorted(new_keys, key=sort_key):
        existing.append({**dict(zip(key_columns, k)), **rows[k]})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for r in existing:
        writer.writerow([r.get(c) or "" for c in header])
    out.text = buffer.getvalue()
    return out
