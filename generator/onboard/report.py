"""What an import did, in words an office reads: the mapping it chose, what it left, what changed."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from .importer import MAPPING_FILE, ImportReport

ROLE_WORDS = {"zaehler": "Zähler", "nenner": "Nenner", "anteil": "Anteil", "einwohner": "Einwohner"}
MAX_LINES = 12


def _short(lines: list[str]) -> list[str]:
    return lines[:MAX_LINES] + ([f"… und {len(lines) - MAX_LINES} weitere"] if len(lines) > MAX_LINES else [])


def _grouped(items: list[tuple[str, str, str]]) -> list[str]:
    """("Spalte „Stadtbezirk“", "2012:B", "nicht erkannt") × 11 sheets → one line."""
    groups: dict[tuple[str, str], list[str]] = {}
    for what, where, why in items:
        groups.setdefault((what, why), []).append(where)
    return [f"  {what}: {why}  [{_places(where)}]" for (what, why), where in groups.items()]


def _places(where: list[str]) -> str:
    return ", ".join(where[:3]) + (f" … ({len(where)} Stellen)" if len(where) > 3 else "")


def describe(r: ImportReport, directory: Path, dry_run: bool) -> str:
    label = "Dateien" if len(r.files) > 1 else "Arbeitsmappe"
    out = [f"{label} {r.workbook}: Jahre {', '.join(map(str, r.years)) or '–'}"]
    out += [f"Hinweis: {n.message}" for n in r.notes]
    # The mapping, once per column header (the same header on every year's sheet is one line), with its evidence.
    seen: dict[tuple[str, str, str], list] = {}
    for p in r.placed:
        what = ROLE_WORDS[p.role.rolle] + (f" von {p.role.indikator}" if p.role.indikator else "")
        if p.also:
            what += " (auch " + ", ".join(p.also) + ": dieselbe Gruppe laut indikatoren.csv)"
        entry = seen.setdefault((p.header, what, p.source), [[], p.evidence])
        entry[0].append(f"{p.sheet}:{p.column}")
    out.append("Zuordnung der Spalten:")
    for (header, what, source), (where, evidence) in seen.items():
        out.append(f"  „{header}“ → {what}  [{source}; {_places(where)}]")
        out += [f"      {e}" for e in evidence]
    if r.variants:
        out.append("Namen in anderer Schreibweise zugeordnet (alle, mit ihrer Regel):")
        out += [f"  „{k}“ → {q} ({rule})" for k, (q, rule) in sorted(r.variants.items())]
    if r.unplaced:
        out.append("Nicht übernommen:")
        out += _short(_grouped(r.unplaced))
    if r.skipped:
        out.append("Übersprungen:")
        out += _short(_grouped(r.skipped))
    for note in r.remarks:
        out.append(f"Hinweis: {note}")
    if r.markers:
        words = {"geheim": "geheim („.“, „x“)", "fehlt": "fehlend („-“, „k. A.“)"}
        out.append("Gekennzeichnete Zellen, als solche übernommen (nie als 0): "
                   + ", ".join(f"{n} {words[k]}" for k, n in sorted(r.markers.items())))
    if r.empty_cells:
        out.append(f"Leere Zellen: {r.empty_cells} (nicht übernommen)")
    out += summary(r)
    verb = "würde" if dry_run else "wurde"
    for merged, name in ((r.values, paths.VALUES), (r.residents, paths.RESIDENTS)):
        if merged is None:
            continue
        out.append(f"{name}: {merged.added} Zeilen neu, {len(merged.changed)} Werte geändert, "
                   f"{merged.unchanged} Zeilen unverändert")
        if merged.note():
            out.append(f"  {merged.note()}")
        for k, col, old, new in merged.changed[:MAX_LINES]:
            out.append(f"  geändert: {' / '.join(k)} {col}: {old or '(leer)'} → {new or '(leer)'}")
        if len(merged.changed) > MAX_LINES:
            out.append(f"  … und {len(merged.changed) - MAX_LINES} weitere Änderungen")
    if dry_run:
        changed = [n for m, n in ((r.values, paths.VALUES), (r.residents, paths.RESIDENTS)) if m and m.touched]
        if r.mapping_changed:
            changed.append(MAPPING_FILE)
        out.append(f"Probelauf: nichts geschrieben. Ohne --dry-run {verb} geschrieben: {', '.join(changed) or 'nichts'}.")
    else:
        out.append(f"Geschrieben in {directory}: {', '.join(r.written) or 'nichts (alles war schon da)'}.")
    return "\n".join(out)


def summary(r: ImportReport) -> list[str]:
    """Values read per indicator and year, as a small table."""
    if not r.counts:
        return []
    years = sorted({y for _, y in r.counts})
    names = list(dict.fromkeys(k for k, _ in r.counts))
    names.sort(key=lambda k: (k == "Einwohner", 0))
    width = max(len(n) for n in names + ["Werte je Jahr"])
    out = ["Übernommene Werte je Indikator und Jahr:",
           "  " + "Indikator".ljust(width) + "".join(f"{y:>6}" for y in years)]
    for n in names:
        out.append("  " + n.ljust(width) + "".join(f"{r.counts.get((n, y), 0) or '–':>6}" for y in years))
    return out
