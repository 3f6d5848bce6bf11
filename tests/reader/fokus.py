"""Every Fokus quarter page states the rule that put it in focus and explains the deciding part.

Conventions:

* the page has a section whose heading says „Fokus“, „Vertiefung“ or the city's own focus label;
* the **deciding parts** follow from the edition's Fokus rule (edition YAML ``fokus_codes``) and the
  quarter's classes (shown on the page): a part decides when another class in that part, the other
  part unchanged, would take the quarter out of focus (Status niedrig with any dynamics: Status;
  Status mittel with negative dynamics under the default rule: Status *and* Dynamik);
* the section has a sentence that speaks of the focus (Fokus, the city's label or „Regel“) and names
  each deciding part with its class („Status mittel“, „mittleren Status“, „Dynamik negativ“,
  „negativen Dynamik“);
* **Dynamik** decides → the section names the quarter's changes in percentage points for index
  indicators (indicator name and „Prozentpunkte“), and each named change is the one its indicator
  table shows (column „Veränderung“);
* **Status** decides → the section names status contributions: „Statusindex“ and index indicators
  with their numbers;
* a z-value is not a contribution: a sentence or caption that calls z-values „Beitrag“ / „trägt …
  bei“ is a finding; contributions given in index points add up to the index shown (± rounding).
"""

from __future__ import annotations

import re

from .city import City, Edition, deciding
from .numbers import NUM, parse, values
from .page import Block, Page, sentences
from .report import Report

STEMS = {"hoch": r"\bhoh\w*|\bhoch\b", "mittel": r"\bmittel\w*|\bmittler\w*", "niedrig": r"(?<!sehr )\bniedrig\w*",
         "sehr niedrig": r"\bsehr niedrig\w*", "positiv": r"\bpositiv\w*", "stabil": r"\bstabil\w*",
         "negativ": r"\bnegativ\w*"}


def section(page: Page, city: City) -> list[Block] | None:
    heads = ("Fokus", "Vertiefung", city.fokus_label)
    for i, b in enumerate(page.blocks):
        if b.level and any(h in b.text for h in heads):
            out = [b]
            for c in page.blocks[i + 1:]:
                if c.level and c.level <= b.level:
                    break
                out.append(c)
            return out
    return None


def _changes_table(page: Page) -> dict[str, str]:
    """Indicator short name → the change its table row shows."""
    out = {}
    for t in page.tables:
        h = t.header
        col = next((i for i, x in enumerate(h) if x.startswith("Veränderung")), None)
        if col is None:
            continue
        for r in t.rows[1:]:
            if col < len(r):
                out.setdefault(r[0], r[col])
    return out


def check_fokus(page: Page, edition: Edition, city: City, facts: dict, report: Report) -> None:
    status, dynamics = facts.get("status"), facts.get("dynamics")
    if facts.get("fokus") != "ja" or not status or not dynamics:
        return
    where = page.where
    report.saw("fokus-regel")
    report.saw("fokus-erklaerung")
    parts = deciding(edition, status, dynamics)
    blocks = section(page, city)
    if blocks is None:
        report.add("fokus-regel", where, "kein Abschnitt „Fokus“/„Vertiefung“")
        return
    text = [s for b in blocks for s in sentences(b.text)]
    label = {"Status": status, "Dynamik": dynamics}
    focus = re.compile(rf"Fokus|Regel|{re.escape(city.fokus_label)}")
    because = re.compile(r"\b(weil|wegen|da|denn|Grund|Regel|Ausschlag|deshalb|daher|aufgrund|durch)\b")
    stated = False
    for s in text:
        if not focus.search(s) or not because.search(s):
            continue
        if all(re.search(rf"{p}|{'Entwicklung' if p == 'Dynamik' else 'sozialen Status'}", s)
               and re.search(STEMS[label[p]], s) for p in parts):
            stated = True
            break
    if not stated:
        need = " und ".join(f"{p} {label[p]}" for p in sorted(parts, reverse=True))
        report.add("fokus-regel", where, f"der Abschnitt sagt nicht, dass {need} den Ausschlag gibt "
                   f"(Regel der Ausgabe: {edition.fokus_rule or sorted(edition.fokus_codes)})")
    index_names = [n for n in city.indicators.values()]
    shown = _changes_table(page)
    if "Dynamik" in parts:
        named = []
        for s in text:
            if "Prozentpunkt" not in s:
                continue
            for name in index_names:
                for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])[^.;,]*?({NUM}) Prozentpunkt", s):
                    named.append((name, m.group(1)))
        if not named:
            report.add("fokus-erklaerung", where, "Dynamik entscheidet, aber der Abschnitt nennt keine Veränderungen "
                       "in Prozentpunkten")
        for name, number in named:
            if name in shown and not re.fullmatch(NUM, shown[name]):
                report.add("fokus-erklaerung", where, f"{name}: {number} Prozentpunkte im Abschnitt, die Tabelle zeigt "
                           f"keine Veränderung („{shown[name]}“)")
            elif name in shown and parse(shown[name])[0] != parse(number)[0]:
                report.add("fokus-erklaerung", where, f"{name}: {number} Prozentpunkte im Abschnitt, die Tabelle zeigt "
                           f"{shown[name]}")
    if "Status" in parts:
        ok = any("Statusindex" in s and any(n in s for n in index_names) and values(s) for s in text) or \
            any(b.in_table and any(n == b.text for n in index_names) for b in blocks)
        if not ok:
            report.add("fokus-erklaerung", where, "Status entscheidet, aber der Abschnitt nennt keine Beiträge zum "
                       "Statusindex")
    z_as_part = [s for s in text if re.search(r"\bBeitr(?:ag|äge)\b|\bträgt\b.*\bbei\b", s) and "z-Wert" in s]
    if z_as_part:
        report.add("fokus-erklaerung", where, f"z-Werte als „Beitrag“ bezeichnet (kein Beitrag in Indexpunkten): "
                   f"{z_as_part[0][:120]}" + (f" (und {len(z_as_part) - 1} weitere)" if len(z_as_part) > 1 else ""))
    for t in page.tables:
        cap = t.caption
        if re.search(r"Beitr", cap) and re.search(r"Indexpunkt", cap) and facts.get("Status") is not None:
            nums = [values(r[-1])[0].value for r in t.rows[1:] if values(r[-1])]
            if nums and abs(sum(nums) - facts["Status"]) > 0.005 * (len(nums) + 1):
                report.add("fokus-erklaerung", where, f"Beiträge ergeben {sum(nums):.2f}, der Statusindex ist "
                           f"{facts['Status']:.2f}".replace(".", ","))
