"""The class-change pages (each edition's /veraenderungen/) and the start page's summary, read as a
journalist would print them.

Conventions:

* the page says that the index is **relative** (a sentence with „relativ“);
* a class change is **near the threshold** when the new index value (as the quarter's page of the
  newer edition shows it) lies closer to the crossed threshold than the „knapp“ limit (the page's own
  definition, else the method page's); such a row says „knapp“ and the distance (0,02); a row that
  is not near says no „knapp“;
* when the two editions' dynamics windows (edition YAMLs: dynamik_von, dynamik_bis) differ in length,
  the page — and the start page's summary — warn in a sentence that names both windows (their years)
  with „Zeitfenster“, „Zeitraum“ or „Jahre“;
* every quarter that is newly or no longer in focus (from the Fokus entries of both editions'
  quarter pages) is named in a sentence or list item that speaks of the focus;
* the stated **counts** are the table's: the total is its number of rows; „N mit höherem/niedrigerem
  Status“, „bei N änderte sich die Dynamikklasse“ (or günstiger/ungünstiger) match the rows; parts
  that do not add up to the total must state the overlap („beides“, „sowohl … als auch“, „zugleich“);
* the „Richtung“ of each row agrees with its classes (hoch > mittel > niedrig > sehr niedrig;
  positiv > stabil > negativ);
* a stated **sort order** is true of the table: „größte Änderung (des Statusindex) oben/zuerst“ means
  |Δ Statusindex| does not increase down the table, „Klassenstufen“ the number of class steps,
  „alphabetisch/nach Namen“ the names (DIN 5007-1: ä = a, ö = o, ü = u, ß = ss); „bei gleicher …“
  names the order of ties; another stated order is a finding (not understood).
"""

from __future__ import annotations

import re

from .city import DYNAMICS, STATUS, City
from .classes import _fmt, is_knapp
from .numbers import NUM, parse, values
from .page import Page, Table, sentences
from .report import Report

KNAPP_NUM = re.compile(rf"knapp[^|;]*?({NUM})|({NUM})[^|;]*?knapp")


def _table(page: Page) -> Table | None:
    for t in page.tables:
        h = " ".join(t.header)
        if re.search(r"Status \d{4}", h) and re.search(r"Dynamik \d{4}", h):
            return t
    return None


def _col(header: list[str], pattern: str) -> int | None:
    for i, h in enumerate(header):
        if re.fullmatch(pattern, h.strip()):
            return i
    return None


def rows(page: Page, old: int, new: int) -> list[dict] | None:
    """The change table's rows: classes before/after (separate columns „Status 2020“, „Status 2022“ or
    one „Status 2020 → 2022“ with „mittel → niedrig“), index values „a → b“, the direction."""
    t = _table(page)
    if t is None:
        return None
    h = t.header
    arrow = rf"{old}\s*→\s*{new}"
    cols = {k: _col(h, p) for k, p in (("s0", rf"Status {old}"), ("s1", rf"Status {new}"), ("d0", rf"Dynamik {old}"),
                                        ("d1", rf"Dynamik {new}"), ("s", rf"Status(?:klasse)? {arrow}"),
                                        ("d", rf"Dynamik(?:klasse)? {arrow}"), ("si", rf"Statusindex {arrow}"),
                                        ("di", rf"Dynamikindex {arrow}"), ("dir", r"Richtung"))}
    out = []
    for r in t.rows[1:]:
        row = {"name": r[0], "cells": r, "text": " | ".join(r)}
        for k, i in cols.items():
            row[k] = r[i] if i is not None and i < len(r) else None
        for part in ("s", "d"):
            if row[part] and (m := re.fullmatch(r"(.+?)\s*→\s*(.+)", row[part])):
                row[part + "0"], row[part + "1"] = m.group(1).strip(), m.group(2).strip()
        for k in ("si", "di"):
            if row[k] and (m := re.fullmatch(rf"({NUM})\s*→\s*({NUM})", row[k])):
                row[k] = (parse(m.group(1))[0], parse(m.group(2))[0])
            else:
                row[k] = None
        out.append(row)
    return out


def _knapp_said(cells: list[str], part: str) -> tuple[bool, float | None]:
    """Whether the row calls this part's change „knapp“ and the distance it gives for it: read in the
    „;“-separated segment that names the part (Status…/Dynamik…), or in the whole row if no segment
    names a part."""
    segments = [seg for c in cells[1:] for seg in c.split(";")]
    own = [seg for seg in segments if re.search(rf"\b{part}", seg) and re.search(rf"{NUM}", seg)]
    if not own:
        return False, None
    seg = own[0]
    m = re.search(rf"({NUM}) (?:Indexpunkte )?von der (?:Klassen)?[Gg]renze", seg) or re.search(rf"({NUM})", seg)
    return "knapp" in seg, parse(m.group(1))[0] if m else None


def _step(labels, a, b) -> int:
    """Class steps from a to b, positive when better (hoch/positiv are best)."""
    if a not in labels or b not in labels:
        return 0
    return labels.index(a) - labels.index(b)


def crossed(thresholds: tuple[float, ...], labels: tuple[str, ...], old: str, new: str) -> float:
    """The threshold at the edge of the new class towards the old one."""
    i0, i1 = labels.index(old), labels.index(new)
    return thresholds[i1] if i1 < i0 else thresholds[i1 - 1]


def check_changes(page: Page, new: int, old: int, city: City, facts: dict, report: Report,
                  rule, start: Page | None) -> None:
    """``facts``: (edition, name) → the quarter page's facts (classes, index values, Fokus entry)."""
    where = page.where
    text = "\n".join(b.text for b in page.prose)
    rs = rows(page, old, new)
    report.saw("wechsel-relativ")
    if not re.search(r"\brelativ", text):
        report.add("wechsel-relativ", where, "kein Satz sagt, dass der Index relativ ist (neu standardisiert je Ausgabe)")
    if rs is None:
        report.add("wechsel-zahlen", where, "keine Tabelle mit „Status <Jahr>“ und „Dynamik <Jahr>“")
        return
    e_new, e_old = city.editions[new], city.editions[old]
    # near thresholds, directions
    for r in rs:
        f_new = facts.get((new, r["name"]), {})
        report.saw("wechsel-richtung")
        ds = _step(STATUS, r["s0"], r["s1"])
        dd = _step(DYNAMICS, r["d0"], r["d1"])
        said = r["dir"] or ""
        for part, step, up, down in (("Status", ds, ("höher", "besser"), ("niedriger", "schlechter")),
                                     ("Dynamik", dd, ("günstiger", "besser"), ("ungünstiger", "schlechter"))):
            m = re.search(rf"\b{part} (höher|niedriger|günstiger|ungünstiger|besser|schlechter)\b", said)
            if step and (not m or m.group(1) not in (up if step > 0 else down)) and r["dir"] is not None:
                report.add("wechsel-richtung", where, f"{r['name']}: {part} {r[part[0].lower() + '0']} → "
                           f"{r[part[0].lower() + '1']}, die Zeile sagt „{said}“")
            if not step and m:
                report.add("wechsel-richtung", where, f"{r['name']}: {part} unverändert, die Zeile sagt „{said}“")
        for part, labels, thresholds, c0, c1, value in (
                ("Status", STATUS, e_new.status_thresholds, r["s0"], r["s1"],
                 r["si"][1] if r["si"] else f_new.get("Status")),
                ("Dynamik", DYNAMICS, e_new.dynamics_thresholds, r["d0"], r["d1"],
                 r["di"][1] if r["di"] else f_new.get("Dynamik"))):
            if c0 == c1 or c0 not in labels or c1 not in labels or value is None or rule is None:
                continue
            report.saw("wechsel-knapp")
            t = crossed(tuple(sorted(thresholds)), labels, c0, c1)
            d = round(abs(value - t), 2)
            near = is_knapp(d, rule)
            said_knapp, said_d = _knapp_said(r["cells"], part)
            if near and not (said_knapp and said_d is not None and abs(said_d - d) < 1e-9):
                report.add("wechsel-knapp", where, f"{r['name']}: {part} {c0} → {c1} nur {_fmt(d)} von der Grenze "
                           f"{_fmt(t)}, die Zeile sagt nicht „knapp“ mit diesem Abstand")
            if not near and said_knapp:
                report.add("wechsel-knapp", where, f"{r['name']}: {part} „knapp“ bei {_fmt(d)} Abstand")
    # windows
    for p in [page] + ([start] if start is not None else []):
        check_window(p, e_new.window, e_old.window, report)
    # new and lost focus quarters
    names_new = {n for (y, n), f in facts.items() if y == new and f.get("fokus") == "ja"}
    names_old = {n for (y, n), f in facts.items() if y == old and f.get("fokus") == "ja"}
    focus_words = ("Fokus", city.fokus_label.split()[-1])  # „Aufmerksamkeitsbedarf“ in any case of the label
    focus_blocks = [b.text for b in page.prose if any(w in b.text for w in focus_words)]
    for name in sorted((names_new - names_old) | (names_old - names_new)):
        report.saw("wechsel-fokus")
        if not any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", b) for b in focus_blocks):
            report.add("wechsel-fokus", where, f"{name} ist {'neu' if name in names_new else 'nicht mehr'} "
                       f"{city.fokus_label} – die Seite nennt es nicht")
    # counts and sort order
    for p, blocks in ((page, page.prose), (start, _summary(start, old) if start is not None else [])):
        for b in blocks:
            for s in sentences(b.text):
                check_counts(s, rs, p.where, report, city.labels.get("gebiete", "Sozialquartiere")[:10])
    check_order(text, rs, where, report)


def _summary(start: Page, old: int) -> list:
    """The start page's blocks about the changes since the older edition."""
    return [b for b in start.prose if re.search(r"andere Status|Klassenwechsel|geändert", b.text) and not b.level]


def check_window(page: Page, w_new: tuple[int, int], w_old: tuple[int, int], report: Report) -> None:
    if (w_new[1] - w_new[0]) == (w_old[1] - w_old[0]):
        return
    report.saw("wechsel-zeitfenster")
    for s in sentences("\n".join(b.text for b in page.prose)):
        if re.search(r"Zeitfenster|Zeitraum|Zeitspanne|Jahre", s) and all(str(y) in s for y in (*w_new, *w_old)):
            return
    report.add("wechsel-zeitfenster", page.where, f"Dynamik {w_old[0]}–{w_old[1]} gegen {w_new[0]}–{w_new[1]}: "
               "verschieden lange Zeitfenster, keine Warnung")


def _category(segment: str, area: str) -> str | None:
    """What a count in a summary counts, read from the words after it."""
    seg = segment.lower()
    w = set(re.findall(r"[a-zäöüß]+", seg))
    if area.lower() in seg and (w & {"andere", "anderen", "wechselten", "wechseln", "gewechselt", "klasse"}):
        return "total"
    if w & {"beidem", "beiden", "beide", "beides", "zugleich", "gleichzeitig", "sowohl"}:
        return "both"
    if "dynamik" in seg or "dynamikklasse" in seg:
        if w & {"günstiger", "günstigere", "günstigerer", "günstigeren", "besser", "besserer"}:
            return "dyn_up"
        if w & {"ungünstiger", "ungünstigere", "ungünstigerer", "ungünstigeren", "schlechter", "schlechterer"}:
            return "dyn_down"
        return "dyn"
    if w & {"höherem", "höheren", "höher", "höhere", "besserem", "besser", "besseren"}:
        return "status_up"
    if w & {"niedrigerem", "niedrigeren", "niedriger", "niedrigere", "schlechterem", "schlechter", "schlechteren"}:
        return "status_down"
    if "status" in seg or "statusklasse" in seg:
        return "status"
    return None


def check_counts(s: str, rs: list[dict], where: str, report: Report, area: str = "") -> None:
    """The numbers of a summary sentence against the table: the total, the status and dynamics
    changes (and their directions), the overlap; parts that do not add up to the total must state the
    overlap."""
    if not re.search(r"andere Status|Klasse", s):
        return
    vals = [v for v in values(s) if not v.unit and float(v.value).is_integer()]
    if not vals:
        return
    st = [_step(STATUS, r["s0"], r["s1"]) for r in rs]
    dy = [_step(DYNAMICS, r["d0"], r["d1"]) for r in rs]
    truth = {"total": len(rs), "status": sum(x != 0 for x in st), "status_up": sum(x > 0 for x in st),
             "status_down": sum(x < 0 for x in st), "dyn": sum(x != 0 for x in dy), "dyn_up": sum(x > 0 for x in dy),
             "dyn_down": sum(x < 0 for x in dy), "both": sum(a != 0 and b != 0 for a, b in zip(st, dy))}
    said = {}
    for i, v in enumerate(vals):
        end = vals[i + 1].start if i + 1 < len(vals) else len(s)
        seg = s[v.end:end]
        cat = _category(seg, area or "Sozialquartier")
        if cat is None or cat in said:
            continue
        said[cat] = int(v.value)
        report.saw("wechsel-zahlen")
        if truth[cat] != int(v.value):
            report.add("wechsel-zahlen", where, f"„{v.text}{seg[:40]}“: die Tabelle hat {truth[cat]} – in: {s[:160]}")
    status = said.get("status", said.get("status_up", 0) + said.get("status_down", 0))
    dyn = said.get("dyn", said.get("dyn_up", 0) + said.get("dyn_down", 0))
    parts = status + dyn
    if "total" in said and parts and parts - said.get("both", 0) != said["total"]:
        report.add("wechsel-zahlen", where, f"Status {status} + Dynamik {dyn}"
                   + (f" − beides {said['both']}" if "both" in said else "")
                   + f" ergibt nicht die {said['total']}; die Überschneidung fehlt oder stimmt nicht – in: {s[:160]}")


ORDERS = (("name", r"alphabetisch|nach (?:dem )?Namen"), ("steps", r"Stufe|Klassen(?:stufen|schritte)"),
          ("dyn", r"Dynamikindex"), ("status", r"größte|stärkste|Änderung|Statusindex"))


def _keys(kind: str, rs: list[dict]):
    if kind == "name":  # DIN 5007-1: ä = a, ö = o, ü = u, ß = ss
        return [r["name"].casefold().translate(str.maketrans("äöü", "aou")) for r in rs], False
    if kind == "steps":
        return [abs(_step(STATUS, r["s0"], r["s1"])) + abs(_step(DYNAMICS, r["d0"], r["d1"])) for r in rs], True
    col = "di" if kind == "dyn" else "si"
    if any(r[col] is None for r in rs):
        return None, True
    return [round(abs(r[col][1] - r[col][0]), 2) for r in rs], True


def check_order(text: str, rs: list[dict], where: str, report: Report) -> None:
    """A stated order is true of the table: the first criterion named is the primary key, one named
    „bei gleicher …“ orders the ties."""
    for s in sentences(text):
        if not re.search(r"\b(oben|zuerst|sortiert|Reihenfolge|geordnet|absteigend|aufsteigend)\b", s):
            continue
        report.saw("wechsel-reihenfolge")
        named = sorted((m.start(), kind) for kind, pattern in ORDERS if (m := re.search(pattern, s)))
        if not named:
            report.add("wechsel-reihenfolge", where, f"Sortierung nicht verstanden: {s[:140]}")
            continue
        kinds = [k for _, k in named]
        primary = kinds[0]
        secondary = kinds[1] if len(kinds) > 1 and re.search(r"bei gleiche[rmn]", s) else None
        keys, descending = _keys(primary, rs)
        if keys is None:
            report.add("wechsel-reihenfolge", where, f"Sortierung nach einer Spalte, die nicht jede Zeile zeigt: {s[:140]}")
            continue
        keys2 = _keys(secondary, rs)[0] if secondary else None
        for i in range(len(rs) - 1):
            a, b = keys[i], keys[i + 1]
            wrong = (a < b) if descending else (a > b)
            if a == b and keys2 is not None:
                d2 = _keys(secondary, rs)[1]
                wrong = (keys2[i] < keys2[i + 1]) if d2 else (keys2[i] > keys2[i + 1])
            if wrong:
                report.add("wechsel-reihenfolge", where, f"„{s[:100]}“ – aber {rs[i]['name']} steht vor "
                           f"{rs[i + 1]['name']}")
                break
