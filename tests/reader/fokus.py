"""Every Fokus quarter page states the rule that put it in focus and explains the deciding part.

Conventions:

* the page has a section whose heading says „Fokus“, „Vertiefung“ or the city's own focus label;
* the **deciding parts** follow from the edition's Fokus rule (edition YAML ``fokus_codes``) and the
  quarter's classes (shown on the page): a part decides when another class in that part, the other
  part unchanged, would take the quarter out of focus (Status niedrig with any dynamics: Status;
  Status mittel with negative dynamics under the default rule: Status *and* Dynamik);
* the section speaks of the focus (Fokus, the city's label or „Regel“) and has a sentence with a word
  of decision (weil, wegen, ausschlaggebend, entscheidend, genügt, reicht, allein …) that names each
  deciding part with its class („Status mittel“, „mittlerer Status“, „Dynamik negativ“, „negative
  Dynamik“);
* the part to **explain** is the one that alone puts the quarter in focus (Status niedrig: every
  dynamics class would keep it there); if neither part does, the dynamics (Status mittel with
  negative dynamics is in focus because of its dynamics);
* **Dynamik** to explain → the section names the quarter's changes in percentage points for index
  indicators (an indicator name before „N Prozentpunkte“ in a sentence — a number said of the
  average or the city is a reference — or a table of the section with a „Veränderung“ column), and
  each named change is the one its indicator table outside the section shows;
* **Status** to explain → the section names status contributions: a sentence with „Statusindex“, an
  indicator and a number, or a table of the section whose caption names the Statusindex;
* a sentence that gives a change with a verb („stieg … um 2,0 Prozentpunkte, im Durchschnitt … um
  0,2 Prozentpunkte“) says the sign of both numbers: they must be the section table's values;
* a z-value is not a contribution: a sentence that calls a „z-Wert N“ a „Beitrag“ / says it „trägt …
  bei“ (without index points), or a caption „Beitrag … z-Werte“, is a finding; contributions given in
  index points (column „Beitrag (Indexpunkte)“) add up to the index shown (± half a unit each).
"""

from __future__ import annotations

import re

from .city import City, Edition, deciding, explained
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


def _changes_table(page: Page, exclude: list) -> dict[str, str]:
    """Indicator short name → the change its indicator table shows (tables outside the Fokus section)."""
    out = {}
    for t in page.tables:
        if any(t is x for x in exclude):
            continue
        h = t.header
        col = next((i for i, x in enumerate(h) if x.startswith("Veränderung")), None)
        if col is None:
            continue
        for r in t.rows[1:]:
            if col < len(r):
                # an indicator that is itself a change (Berlin 2013: „Veränderung Ausländeranteil“, given
                # in points) shows its change as its value; its own change column is empty („.“)
                own = r[0].startswith("Veränderung") and len(r) > 1 and "Prozentpunkt" in r[1]
                out.setdefault(r[0], r[1].removesuffix(" Prozentpunkte") if own else r[col])
    return out


def _named_changes(text: list[str], names: list[str]) -> list[tuple[str, str]]:
    """(indicator, number) for every „N Prozentpunkte“ of the sentences that belongs to an indicator
    named before it in the sentence (a number said of the average or the city is a reference)."""
    out = []
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    for s in text:
        if "Prozentpunkt" not in s:
            continue
        for m in re.finditer(rf"({NUM}) Prozentpunkt", s):
            before = s[:m.start()]
            clause = re.split(r"[,;:]\s|\(", before)[-1]
            opened = before.rfind("(")
            bracket = before[opened + 1:] if opened > before.rfind(")") else ""  # „(… unter dem Durchschnitt …, 1,0 Prozentpunkte)“
            if re.search(r"Durchschnitt|Stadt|Mittel", clause) or re.search(r"Durchschnitt|Mittel", bracket):
                continue
            found = list(re.finditer(rf"(?<![\w-])({alt})(?![\w-])", before))
            if found:
                out.append((found[-1].group(1), m.group(1)))
    return out


UP = re.compile(r"\b(?:stieg|stiegen|wuchs|wuchsen|nahm(?:en)? zu|zunahm|erhöhte sich)\b")
DOWN = re.compile(r"\b(?:sank|sanken|fiel|fielen|ging(?:en)? zurück|nahm(?:en)? ab|abnahm|verringerte sich)\b")


def _said_with_direction(text: list[str], names: list[str]) -> list[tuple[str, str, float]]:
    """(indicator, „own“ or „average“, signed value) for „… stieg … um N Prozentpunkte, im Durchschnitt
    … um M Prozentpunkte“: the verb's direction gives both numbers their sign."""
    out = []
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    for s in text:
        verbs = sorted([(m.start(), m.end(), 1) for m in UP.finditer(s)] + [(m.start(), m.end(), -1) for m in DOWN.finditer(s)])
        if not verbs:
            continue
        found = list(re.finditer(rf"(?<![\w-])({alt})(?![\w-])", s[:verbs[0][0]]))
        if not found:
            continue
        for m in re.finditer(rf"um ({NUM}) Prozentpunkt", s):
            before = [v for v in verbs if v[1] <= m.start()]
            if not before or m.group(1)[0] in "+−-±":
                continue
            sign = before[-1][2]
            clause = re.split(r"[,;:]\s|\(", s[verbs[0][1]:m.start()])[-1]
            which = "average" if re.search(r"Durchschnitt|Stadt", clause) else "own"
            out.append((found[-1].group(1), which, sign * parse(m.group(1))[0]))
    return out


def check_fokus(page: Page, edition: Edition, city: City, facts: dict, report: Report) -> None:
    status, dynamics = facts.get("status"), facts.get("dynamics")
    if facts.get("fokus") != "ja" or not status or not dynamics:
        return
    where = page.where
    report.saw("fokus-regel")
    report.saw("fokus-erklaerung")
    parts = deciding(edition, status, dynamics)
    explain = explained(edition, status, dynamics)
    blocks = section(page, city)
    if blocks is None:
        report.add("fokus-regel", where, "kein Abschnitt „Fokus“/„Vertiefung“")
        return
    text = [s for b in blocks for s in sentences(b.text)]
    label = {"Status": status, "Dynamik": dynamics}
    focus = re.compile(rf"Fokus|Regel|{re.escape(city.fokus_label.split()[-1])}")
    decision = re.compile(r"\b(?:weil|wegen|da|denn|Grund|Ausschlag|ausschlaggebend|entscheidend|entscheidet|genügt|"
                          r"genügen|reicht|reichen|deshalb|daher|aufgrund|allein)\b", re.I)

    def named(part: str, s: str) -> bool:
        word = r"Status" if part == "Status" else r"Dynamik|Entwicklung"
        return re.search(word, s) is not None and re.search(STEMS[label[part]], s) is not None

    stated = any(focus.search(s) for s in text) and \
        any(decision.search(s) and all(named(p, s) for p in parts) for s in text)
    if not stated:
        need = " und ".join(f"{p} {label[p]}" for p in sorted(parts, reverse=True))
        report.add("fokus-regel", where, f"der Abschnitt sagt nicht, dass {need} den Ausschlag gibt "
                   f"(Regel der Ausgabe: {edition.fokus_rule or sorted(edition.fokus_codes)})")
    index_names = list(city.indicators.values())
    captions = {b.text for b in blocks if b.tag == "caption"}
    own = [t for t in page.tables if t.caption and t.caption in captions]
    shown = _changes_table(page, own)
    if "Dynamik" in explain:
        named = _named_changes(text, index_names)
        for t in own:
            col = next((i for i, x in enumerate(t.header) if x.startswith("Veränderung")), None)
            if col is not None:
                named += [(r[0], r[col]) for r in t.rows[1:] if col < len(r) and r[0] in index_names]
        if not named:
            report.add("fokus-erklaerung", where, "Dynamik entscheidet, aber der Abschnitt nennt keine Veränderungen "
                       "in Prozentpunkten")
        for name, number in named:
            if name not in shown or not re.fullmatch(NUM, number):
                continue
            if not re.fullmatch(NUM, shown[name]):
                report.add("fokus-erklaerung", where, f"{name}: {number} Prozentpunkte im Abschnitt, die Tabelle zeigt "
                           f"keine Veränderung („{shown[name]}“)")
            elif abs(parse(shown[name])[0]) != abs(parse(number)[0]):
                report.add("fokus-erklaerung", where, f"{name}: {number} Prozentpunkte im Abschnitt, die Tabelle zeigt "
                           f"{shown[name]}")
    for name, which, value in _said_with_direction(text, index_names):
        for t in own:
            col = next((i for i, x in enumerate(t.header) if (x.startswith("Veränderung") if which == "own" else
                                                                re.search(r"Durchschnitt|Stadt", x))), None)
            row = next((r for r in t.rows[1:] if r[0] == name), None)
            if col is None or row is None or col >= len(row) or not re.fullmatch(NUM, row[col]):
                continue
            if parse(row[col])[0] != value:
                report.add("fokus-erklaerung", where, f"{name}: der Satz sagt {'im Durchschnitt ' if which == 'average' else ''}"
                           f"{value:+.1f} Prozentpunkte, die Tabelle des Abschnitts {row[col]}".replace(".", ",")
                           .replace("-", "−"))
    if "Status" in explain:
        ok = any("Statusindex" in s and any(n in s for n in index_names) and values(s) for s in text) or \
            any("Statusindex" in t.caption and any(r[0] in index_names for r in t.rows[1:]) for t in own)
        if not ok:
            report.add("fokus-erklaerung", where, "Status entscheidet, aber der Abschnitt nennt keine Beiträge zum "
                       "Statusindex")
    z_as_part = [s for s in text if re.search(r"\bBeitr(?:ag|äge)\b|\bträgt\b.*\bbei\b", s)
                 and re.search(rf"z-Wert:? {NUM}", s) and not re.search(r"Indexpunkt|geteilt", s)]
    z_as_part += [t.caption for t in page.tables if re.search(r"Beitr", t.caption) and "z-Wert" in t.caption]
    if z_as_part:
        report.add("fokus-erklaerung", where, f"z-Werte als „Beitrag“ bezeichnet (kein Beitrag in Indexpunkten): "
                   f"{z_as_part[0][:120]}" + (f" (und {len(z_as_part) - 1} weitere)" if len(z_as_part) > 1 else ""))
    for t in own:
        col = next((i for i, x in enumerate(t.header) if "Beitrag" in x and ("Indexpunkt" in x or "Indexpunkt" in t.caption)),
                   None)
        part = "Status" if "Statusindex" in t.caption else "Dynamik" if "Dynamikindex" in t.caption else None
        if col is None or part is None or facts.get(part) is None:
            continue
        nums = [parse(r[col])[0] for r in t.rows[1:] if col < len(r) and re.fullmatch(NUM, r[col])]
        if nums and abs(sum(nums) - facts[part]) > 0.005 * (len(nums) + 1):
            report.add("fokus-erklaerung", where, f"Beiträge ergeben {sum(nums):.2f}, der {part}index ist "
                       f"{facts[part]:.2f}".replace(".", ","))
