"""Class texts by meaning, index values against the thresholds the page states, every distance
sentence, every „knapp“/„deutlich“ claim.

Conventions the pages must follow (an editor's reading):

* **Class texts** start with „Status <Klasse>:“ / „Dynamik <Klasse>:“ and their first sentence says,
  in whole words, what the class means: Status hoch – poverty risks *seltener/weniger/geringer*;
  mittel – *Mittelfeld/durchschnittlich*, no direction; niedrig – *häufiger* without an intensifier;
  sehr niedrig – *häufiger/mehr* with *viel/weit/erheblich/fast allen/am häufigsten*. Dynamik positiv –
  *günstiger* (the word, not inside „ungünstiger“), never *stärker gestiegen/schwächer gesunken*;
  negativ – *ungünstiger*, never *stärker gesunken/schwächer gestiegen*; stabil – neither direction
  alone (*weder … noch*, *ähnlich*). A page with a class (its „Status“/„Dynamik“ entry) has both
  texts.
* **Thresholds** are those the page states in its scale sentence (the sentence that quotes the class
  names with numbers); they must be the edition's thresholds. An index value shown must fall in the
  class shown (a value equal to a threshold after rounding may be either neighbour).
* **Distances** are |index − threshold| of the numbers as displayed, exactly: „… liegt D von der
  nächsten Klassengrenze“ is the nearest threshold; „Bis zur Statusklasse „X“ … D … (Grenze T)“ is the
  threshold at the near edge of class X, with „sinken“ when T is below the index and „steigen“ above.
  Any other sentence with „Grenze“ and a number is a distance sentence the reader does not understand.
* **„knapp“** means a distance below the limit the page itself defines („knapp heißt: weniger als
  0,1 …“, „ein Abstand unter 0,1 heißt: knapp“); „deutlich“ about a class means at least that limit.
  A page that calls a class knapp without defining knapp is a finding (the method page's definition
  is then used for the other checks).
* **„am deutlichsten abweichend“** lists only values with a displayed |z| ≥ 1 or a top/bottom rank:
  rank ≤ ⌈0,16·n⌉ or rank > n − ⌈0,16·n⌉ (the share beyond one standard deviation on each side).
"""

from __future__ import annotations

import math
import re

from .city import DYNAMICS, STATUS, City, Edition, code
from .numbers import NUM, parse, values
from .page import Page, sentences
from .report import Report

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


# --- what a page shows ---------------------------------------------------------------------------

def entries(page: Page) -> dict[str, str]:
    """The page's description list: dt → dd."""
    out = {}
    for a, b in zip(page.blocks, page.blocks[1:]):
        if a.tag == "dt" and b.tag == "dd":
            out.setdefault(a.text, b.text)
    return out


def number_after(text: str, pattern: str) -> tuple[float, int, str] | None:
    if m := re.search(pattern + rf"\s*({NUM})", text):
        v, d = parse(m.group(1))
        return v, d, m.group(1)
    return None


def scale(text: str, labels: tuple[str, ...]) -> tuple[float, ...] | None:
    """The thresholds a scale sentence states: the distinct numbers of the sentence that quotes at
    least two class names of this part."""
    for s in sentences(text):
        quoted = re.findall(r"„([^“]+)“", s)
        if sum(q in labels for q in quoted) >= 2 and (vs := values(s)):
            return tuple(sorted({v.value for v in vs}))
    return None


def klass(value: float, thresholds: tuple[float, ...], labels: tuple[str, ...]) -> set[str]:
    """The class a value falls in („unter t0“ is the first; a value on a threshold belongs below it),
    with both neighbours when the value is a threshold after rounding."""
    i = sum(value > t for t in thresholds)
    out = {labels[i]}
    for j, t in enumerate(thresholds):
        if math.isclose(value, t, abs_tol=1e-9):
            out |= {labels[j], labels[j + 1]}
    return out


# --- class texts ---------------------------------------------------------------------------------

LESS = {"seltener", "weniger", "geringer", "niedriger", "kleiner"}
MORE = {"häufiger", "mehr", "höher", "größer", "öfter"}
STRONG = {"viel", "weit", "erheblich", "besonders", "fast", "häufigsten", "meisten"}
MIDDLE = {"mittelfeld", "durchschnittlich", "durchschnitt", "mittleren", "mittlere"}


def status_text_problem(label: str, text: str) -> str | None:
    w = words(text)
    ws = set(w)
    less, more = ws & LESS, ws & MORE
    strong = any(x in ws for x in ("viel", "weit", "erheblich")) or "fast allen" in text.lower() \
        or "häufigsten" in ws
    if label == "hoch":
        return None if less and not more else "„hoch“ heißt: Armutsrisiken seltener als in den meisten"
    if label == "mittel":
        return None if ws & MIDDLE and not (less or more) else "„mittel“ heißt: im Mittelfeld, ohne Richtung"
    if label == "niedrig":
        return None if more and not less and not strong else "„niedrig“ heißt: häufiger (ohne „viel“/„fast allen“)"
    return None if more and not less and strong else "„sehr niedrig“ heißt: viel häufiger als fast überall"


def dynamics_text_problem(label: str, text: str) -> str | None:
    ws = set(words(text))
    lower = text.lower()
    good = "günstiger" in ws or "stärker gesunken" in lower or "schwächer gestiegen" in lower
    bad = "ungünstiger" in ws or "stärker gestiegen" in lower or "schwächer gesunken" in lower
    neither = ("weder" in ws and "noch" in ws) or "ähnlich" in ws
    if label == "positiv":
        return None if good and not bad else "„positiv“ heißt: günstiger entwickelt"
    if label == "negativ":
        return None if bad and not good else "„negativ“ heißt: ungünstiger entwickelt"
    return None if neither or not (good or bad) else "„stabil“ heißt: weder günstiger noch ungünstiger"


def class_texts(page: Page) -> dict[str, tuple[str, str]]:
    """part → (label, first sentence of its class text)."""
    out = {}
    for block in page.prose:
        for s in sentences(block.text):
            for part, labels in (("Status", STATUS), ("Dynamik", DYNAMICS)):
                if m := re.match(rf"{part} ({'|'.join(sorted(labels, key=len, reverse=True))}):\s*(.*)$", s):
                    out.setdefault(part, (m.group(1), m.group(2)))
    return out


# --- knapp ---------------------------------------------------------------------------------------

def _is_rule(s: str) -> bool:
    """A definition of „knapp“: „knapp heißt …“, „… heißt: knapp“, „„knapp“: …“."""
    return "knapp" in s.lower() and (re.search(r"heißt|bedeutet|gilt|nennen|nennt|gelten", s) is not None
                                     or re.search(r"„knapp“\s*:|^knapp\s*:", s, re.I) is not None)


def knapp_rule(text: str) -> tuple[float, bool] | None:
    """The page's own definition of „knapp“: (limit, strict)."""
    for s in sentences(text):
        if not _is_rule(s):
            continue
        if m := re.search(rf"(unter|weniger als|kleiner als|bis|höchstens|nicht mehr als) ({NUM})", s):
            return parse(m.group(2))[0], m.group(1) in ("unter", "weniger als", "kleiner als")
    return None


def is_knapp(d: float, rule: tuple[float, bool]) -> bool:
    limit, strict = rule
    return d < limit - 1e-9 if strict else d <= limit + 1e-9


# --- the checks ----------------------------------------------------------------------------------

def _part_of(s: str) -> str | None:
    st = re.search(r"Status(?:klasse|index)?\b", s)
    dy = re.search(r"Dynamik(?:klasse|index)?\b", s)
    if st and not dy:
        return "Status"
    if dy and not st:
        return "Dynamik"
    return None


def check_quarter(page: Page, edition: Edition, city: City, report: Report, default_knapp=None) -> dict:
    """All class checks of one quarter page; returns its facts for the site-wide checks."""
    where = page.where
    dl = entries(page)
    status, dynamics = dl.get("Status"), dl.get("Dynamik")
    status = status if status in STATUS else None
    dynamics = dynamics if dynamics in DYNAMICS else None
    facts = {"status": status, "dynamics": dynamics, "name": page.blocks[0].text if page.blocks else "",
             "fokus": dl.get(city.fokus_label), "sozialindex": dl.get("Sozialindex")}
    text = "\n".join(b.text for b in page.prose)
    texts = class_texts(page)
    for part, label, problem in (("Status", status, status_text_problem), ("Dynamik", dynamics, dynamics_text_problem)):
        if label is None:
            continue
        report.saw("klassentext-fehlt")
        if part not in texts:
            report.add("klassentext-fehlt", where, f"kein Satz „{part} {label}: …“")
            continue
        report.saw("klassentext")
        said, meaning = texts[part]
        if said != label:
            report.add("klassentext", where, f"Klassentext „{part} {said}“ auf einer Seite mit {part} {label}")
        elif why := problem(label, meaning):
            report.add("klassentext", where, f"{part} {label}: {why} – steht: „{meaning}“")
    # lead, Sozialindex, Fokus entry
    adjective = {"hohen": "hoch", "mittleren": "mittel", "niedrigen": "niedrig", "sehr niedrigen": "sehr niedrig"}
    if status and (m := re.search(r"einen (sehr niedrigen|hohen|mittleren|niedrigen) sozialen Status", text)):
        report.saw("klasse-einleitung")
        if adjective[m.group(1)] != status:
            report.add("klasse-einleitung", where, f"Einleitung „{m.group()}“, Klasse {status}")
    if dynamics and (m := re.search(r"(?:die Entwicklung|die Dynamik)\b[^.;]*? ist (positiv|stabil|negativ)\b", text)):
        report.saw("klasse-einleitung")
        if m.group(1) != dynamics:
            report.add("klasse-einleitung", where, f"Einleitung „{m.group()}“, Dynamik {dynamics}")
    if status and dynamics:
        expected = f"{STATUS.index(status) + 1}{ {'positiv': '+', 'stabil': '+/-', 'negativ': '-'}[dynamics] }"
        if facts["sozialindex"]:
            report.saw("klasse-einleitung")
            if facts["sozialindex"] != expected:
                report.add("klasse-einleitung", where, f"Sozialindex {facts['sozialindex']} zu {status}/{dynamics}")
        if m := re.search(r"Der Sozialindex (\d)(\+/-|\+|-) verbindet beides: die Ziffer ist die Statusklasse "
                          r"\((\d) = ([a-z ]+)\), das Zeichen die Dynamik \(„([^“]+)“ = (\w+)\)", text):
            report.saw("klasse-einleitung")
            d1, s1, d2, lab, s2, dyn = m.groups()
            if f"{d1}{s1}" != expected or d2 != d1 or s2 != s1 or lab != status or dyn != dynamics:
                report.add("klasse-einleitung", where, f"Sozialindex falsch erklärt: {m.group()}")
        if facts["fokus"] in ("ja", "nein"):
            report.saw("klasse-einleitung")
            focus = code(status, dynamics) in edition.fokus_codes
            if (facts["fokus"] == "ja") != focus:
                report.add("klasse-einleitung", where, f"„{city.fokus_label}: {facts['fokus']}“, aber Code "
                           f"{code(status, dynamics)} ist {'' if focus else 'nicht '}in der Fokusregel der Ausgabe")
    # index values, thresholds, distances, knapp
    rule = knapp_rule(text)
    for part, label, labels, stated_t, word in (
            ("Status", status, STATUS, edition.status_thresholds, "Statusindex"),
            ("Dynamik", dynamics, DYNAMICS, edition.dynamics_thresholds, "Dynamikindex")):
        if label is None:
            continue
        value = number_after(text, rf"(?:Der |der ){word}(?: von [^.;,]*?)? (?:beträgt|liegt bei|ist|von|:)")
        thresholds = scale(text, labels)
        facts[part] = value[0] if value else None
        facts[part + "-text"] = value[2] if value else None
        if thresholds is None:
            continue
        if thresholds != tuple(sorted(stated_t)):
            report.add("klasse-index", where, f"Schwellen {part} auf der Seite {thresholds}, in der Ausgabe {stated_t}")
        if value is None:
            continue
        report.saw("klasse-index")
        v = value[0]
        if label not in klass(v, thresholds, labels):
            report.add("klasse-index", where, f"{word} {value[2]} liegt in „{'/'.join(klass(v, thresholds, labels))}“, "
                       f"die Seite sagt „{label}“")
        facts[part + "-thresholds"] = thresholds
    check_distances(page, facts, report, rule or default_knapp, rule is not None)
    return facts


def _fmt(x: float) -> str:
    return f"{x:.2f}".replace(".", ",").replace("-", "−")


# The narrowest „knapp“ an editor accepts: issue 21's example, a class change 0,02 index points from
# the threshold, must be called knapp; a page whose own definition is narrower than this misleads.
EDITOR_KNAPP = 0.05

DEFINITION_IN_BRACKETS = re.compile(r"\s*\([^()]*\b(?:knapp|deutlich)\b[^()]*\b(?:heißt|bedeutet)\b[^()]*\)")


def deutlich_rule(text: str) -> float | None:
    """The page's own definition of „deutlich“ about a class („deutlich heißt: 0,25 oder mehr“): the
    smallest distance that may be called deutlich."""
    for m in re.finditer(rf"deutlich (?:heißt|bedeutet):? (?:ab |mindestens )?({NUM})(?: oder mehr)?", text):
        return parse(m.group(1))[0]
    return None


def check_distances(page: Page, facts: dict, report: Report, rule, own_rule: bool, name: str | None = None) -> None:
    """Every sentence that states a distance to a class limit, every „knapp“/„deutlich“ about a class.
    ``facts`` holds the index values and thresholds as the quarter's page displays them."""
    where = page.where
    blocks = [b.text for b in page.prose]
    for text in blocks:
        ss = sentences(text)
        for i, s in enumerate(ss):
            # a claim may carry its definition in brackets ("… ist knapp: … (knapp heißt: weniger als 0,10)"):
            # the claim is judged without it, a sentence that is only a definition is skipped
            s = DEFINITION_IN_BRACKETS.sub("", s)
            joined = s + (" " + ss[i + 1] if i + 1 < len(ss) and not values(s) else "")
            if re.search(r"„[^“]+“[^„]*„[^“]+“", s) and len(values(s)) >= 2 and "Bis zur" not in s or _is_rule(s):
                continue  # the scale sentence, the definition of „knapp“
            has_limit = re.search(r"Grenze|Schwelle", joined)
            knapp_word = re.search(r"\b(knapp|deutlich)\b", s)
            if not has_limit and not (knapp_word and re.search(r"klasse\b|Klasse\b|Einstufung", s)):
                continue
            part = _part_of(joined) or ("Status" if "Status" in (name or "") else None)
            nums = [v for v in values(joined)]
            if not nums:
                continue
            if part is None or facts.get(part) is None or facts.get(part + "-thresholds") is None:
                if has_limit:
                    report.saw("abstand")
                    report.add("abstand", where, f"Abstandssatz ohne zuzuordnenden Index: {joined[:160]}")
                continue
            v, ts = facts[part], facts[part + "-thresholds"]
            labels = STATUS if part == "Status" else DYNAMICS
            current = facts["status" if part == "Status" else "dynamics"]
            if m := re.search(r"Bis zur (?:Status|Dynamik)\w* „([^“]+)“", joined):
                report.saw("abstand")
                target = m.group(1)
                if target not in labels or target == current:
                    report.add("abstand", where, f"Zielklasse „{target}“ gibt es nicht neben {current}: {joined[:160]}")
                    continue
                i_now, i_to = labels.index(current), labels.index(target)
                t = ts[i_to] if i_to < i_now else ts[i_to - 1]
                grenze = re.search(rf"Grenze ({NUM})", joined)
                if grenze and not math.isclose(parse(grenze.group(1))[0], t, abs_tol=1e-9):
                    report.add("abstand", where, f"Grenze {grenze.group(1)} ist nicht die Grenze zu „{target}“ "
                               f"({_fmt(t)}): {joined[:160]}")
                amount = [x for x in values(joined[m.start():]) if not (grenze and x.text == grenze.group(1))]
                true = round(abs(v - t), 2)
                if not amount or not math.isclose(abs(amount[0].value), true, abs_tol=1e-9):
                    report.add("abstand", where, f"Abstand {amount[0].text if amount else '?'} statt {_fmt(true)} "
                               f"(Index {_fmt(v)}, Grenze {_fmt(t)}): {joined[:160]}")
                way = re.search(r"\b(sinken|steigen|fallen|wachsen)\b", joined)
                if way and not math.isclose(t, v, abs_tol=1e-9) and (way.group(1) in ("sinken", "fallen")) != (t < v):
                    report.add("abstand", where, f"„{way.group(1)}“, aber die Grenze {_fmt(t)} liegt "
                               f"{'unter' if t < v else 'über'} dem Index {_fmt(v)}")
                d = true
            elif re.search(r"nächsten (?:Klassen)?[Gg]renze|nächste (?:Klassen)?[Gg]renze", joined):
                report.saw("abstand")
                true = round(min(abs(v - t) for t in ts), 2)
                if not math.isclose(abs(nums[0].value), true, abs_tol=1e-9):
                    report.add("abstand", where, f"Abstand {nums[0].text} statt {_fmt(true)} (Index {_fmt(v)}, "
                               f"Grenzen {', '.join(_fmt(t) for t in ts)}): {joined[:160]}")
                d = true
            elif has_limit:
                report.saw("abstand")
                report.add("abstand", where, f"Abstandssatz nicht verstanden: {joined[:160]}")
                continue
            else:
                d = round(min(abs(v - t) for t in ts), 2)
            if knapp_word:
                report.saw("knapp")
                report.saw("knapp-regel")
                if rule is not None and rule[0] < EDITOR_KNAPP - 1e-9:
                    report.add("knapp-regel", where, f"„knapp“ heißt hier nur unter {_fmt(rule[0])}: ein Redakteur nennt "
                               f"schon {_fmt(EDITOR_KNAPP)} Indexpunkte von der Grenze knapp (Tackenberg-West, 0,02)")
                if rule is None:
                    report.add("knapp-regel", where, f"„{knapp_word.group(1)}“ ohne Regel auf der Seite oder der "
                               f"Methodik: {s[:120]}")
                    continue
                if not own_rule and knapp_word.group(1) == "knapp":
                    report.add("knapp-regel", where, f"„knapp“, ohne dass die Seite sagt, was knapp heißt: {s[:120]}")
                said = knapp_word.group(1) == "knapp"
                clear = deutlich_rule("\n".join(page.lines))
                if not said and clear is not None and d < clear - 1e-9:
                    report.add("knapp", where, f"„deutlich“ bei Abstand {_fmt(d)} (deutlich heißt ab {_fmt(clear)}): "
                               f"{s[:120]}")
                elif said != is_knapp(d, rule):
                    report.add("knapp", where, f"„{knapp_word.group(1)}“ bei Abstand {_fmt(d)} (knapp heißt "
                               f"{'unter' if rule[1] else 'bis'} {_fmt(rule[0])}): {s[:120]}")


def check_deviations(page: Page, report: Report) -> None:
    """Lists that call values the most deviating („am deutlichsten abweicht“) name only values with
    |z| ≥ 1 (as displayed) or a top/bottom rank."""
    active = False
    for b in page.prose:
        if b.level:
            active = False
        if re.search(r"deutlichsten|deutlich abweich|am stärksten abweich", b.text):
            active = True
        if not active:
            continue
        for m in re.finditer(r"Rang (\d+) von (\d+)", b.text):
            r, n = int(m.group(1)), int(m.group(2))
            edge = math.ceil(0.16 * n)
            z = re.search(rf"z-Wert ({NUM})", b.text)
            sd = re.search(rf"({NUM}|eine|einer) Standardabweichung", b.text)
            z = parse(z.group(1))[0] if z else (1.0 if sd and sd.group(1) in ("eine", "einer") else
                                                 parse(sd.group(1))[0] if sd else 0.0)
            report.saw("deutlich-abweichend")
            if not (r <= edge or r > n - edge or abs(z) >= 1):
                report.add("deutlich-abweichend", page.where, f"Rang {r} von {n} ist kein Spitzen- oder Schlussrang "
                           f"(≤ {edge} oder > {n - edge}): {b.text[:140]}")
