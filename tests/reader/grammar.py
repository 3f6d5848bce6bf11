"""Grammar slips as pattern families (general patterns, not the strings found once).

Conventions:

* **Names with an article** (quartiere.csv ``artikel``) are used with it in running text: after a
  preposition or a lower-case word, and at the start of a sentence, the name needs its article
  („von der Innenstadt“, „Die Innenstadt hat …“); labels (after „:“, „–“, „·“, in tables, headings,
  lists of names) are free.
* **Names that start with an adjective** („Schwarze Heide“, „Großer Tiergarten“, „Westliche
  Müllerstraße“; adjectives are words ending in -isch/-lich or with a common adjective stem, not the
  indeclinable place forms „Leipziger“) are declined after dem/den/des/im/am/vom/zum/beim, after
  der/zur for feminine names, and — for names without an article — after any preposition or article.
* **Plural subjects** take plural verbs: an indicator whose head noun is plural (nominalised
  adjectives such as Alleinerziehende, Arbeitslose, Leistungsberechtigte, Nichtdeutsche, Ältere,
  Minderjährige; Kinder, Menschen, Haushalte, Familien, Personen, Zuzüge, Wohnungen, Empfänger …)
  is never the subject of „trägt/liegt/ist/hat/…“.
* **Internal names**: a snake_case word or a „schlüssel: wert“ of the input files is a finding in
  visible text, unless it stands in ``<code>`` *and* the sentence calls it a column (Spalte, Feld)
  of the published data *and* it is a field name or declared value of the site's datapackage.json.
  A quarter's id (other than its name) is a finding anywhere in visible text.
"""

from __future__ import annotations

import re

from .city import City
from .page import Page, sentences
from .report import Report

PREP = r"(?:zu|von|in|im|mit|für|aus|bei|nach|zum|zur|vom|beim|am|an|auf|über|unter|gegenüber|durch|ohne|um)"
PREP2 = r"(?:in|im|zu|zum|zur|von|vom|mit|für|aus|bei|beim|nach|am|an|auf)"
# the second preposition in lower case: „in An der Tränke“ is a name that starts with a preposition
DOUBLE_PREP = re.compile(rf"\b(?i:{PREP}) {PREP2} (?=[\wÄÖÜäöü])")
REPEAT = re.compile(r"\(([^()\n]{3,80})\)")
SPACE = re.compile(r"(?<![A-Z])[a-zäöüß%)\]“”]\.(?=[A-ZÄÖÜ][a-zäöüß])|[a-zäöüß)][!?](?=[A-ZÄÖÜ])|[a-zäöüß],(?=[A-Za-zÄÖÜäöü])")
URLISH = re.compile(r"\S+://\S+|\S+@\S+|\b[\w./-]+\.(?:org|de|com|net|md|csv|json|cff|svg|png|xlsx|zip|geojson|html|"
                    r"yaml|txt|xls|ods)\b")
MINUS_ZERO = re.compile(r"(?<![\w,.])(?:−|-(?=0,))0(?:,0+)?(?![,\d])")
DATIVE_VERBS = r"(?:reicht|reichen|fehlt|fehlen|gehört|gehören|hilft|helfen|droht|drohen|gelingt|gelingen|nützt|schadet)"
HOW_MANY = re.compile(rf"\bWie viele (\w+)\b[^?.\n]*?\b{DATIVE_VERBS}\b")
BUILD = re.compile(r"\b(?:jedem|beim|nach dem|vor dem|nächsten|letzten|einem) (?:Bau|Build)\b|\bBuilds?\b|\bTemplates?\b"
                   r"|\bJinja\b|\bmkdocs\b|\bpytest\b|\bStrictUndefined\b")
SNAKE = re.compile(r"(?<![\w/.:-])[a-z][a-z0-9]*_[a-z0-9_]+\b")
KEY_VALUE = re.compile(r"^([a-z_]+): \S")
SINGULAR = r"(?:trägt|liegt|ist|hat|steigt|sinkt|weicht|prägt|zeigt|fällt|wächst|bestimmt|zählt|reicht|lebt|bleibt|war)"

ADJ_STEMS = {"groß", "klein", "alt", "neu", "hoh", "hoch", "lang", "kurz", "schwarz", "weiß", "rot", "grün", "blau",
             "gelb", "braun", "grau", "breit", "krumm", "hell", "dunkl", "ober", "unter", "mittler", "nieder", "heilig",
             "schön", "frei", "tief", "still", "wild", "warm", "kalt", "west", "ost", "nord", "süd", "recht", "link",
             "gut", "glücklich", "fest", "eng", "weit", "jung", "hinter", "vorder", "äußer", "inner"}
PLURAL_HEADS = {"kinder", "menschen", "haushalte", "familien", "personen", "zuzüge", "fortzüge", "wohnungen",
                "empfänger", "bezieher", "ausländer", "einwohner", "leute", "senioren", "jugendliche", "frauen",
                "männer", "migranten", "einpersonenhaushalte", "transferbezieher", "alleinerziehende"}
NOMINALISED = re.compile(r"(?:ende|lose|berechtigte|deutsche|ältere|jährige|abhängige|bedürftige|beschäftigte|"
                         r"erwerbstätige|tätige|lose)$")


def adjective_start(name: str) -> str | None:
    """The first word of a name if it is a declinable adjective („Schwarze“, „Großer“, „Westliche“)."""
    parts = name.split()
    if len(parts) < 2 or not parts[1][:1].isupper():
        return None
    w = parts[0]
    low = w.lower()
    for ending in ("e", "er", "es"):
        if low.endswith(ending) and (low[:-len(ending)] in ADJ_STEMS or re.search(r"(isch|lich)$", low[:-len(ending)])):
            return w
    return None


def plural_head(short_name: str) -> bool:
    head_part = re.split(r"\s(?:mit|ab|unter|von|nach|in|je|ohne)\s|\s\(", short_name)[0]
    caps = [w for w in head_part.split() if w[:1].isupper()]
    if not caps:
        return False
    head = caps[-1].lower()
    return head in PLURAL_HEADS or bool(NOMINALISED.search(head)) or head.endswith(("haushalte", "familien", "kinder"))


class Grammar:
    """The pattern families, compiled once per city."""

    def __init__(self, city: City, published: set[str]):
        self.published = published
        self.with_article = {name: art for name, art in city.quarters.values() if art}
        self.adjective = {name: art for name, art in city.quarters.values() if adjective_start(name)}
        self.ids = {qid for qid, (name, _) in city.quarters.items() if qid != name and re.search(r"[a-z]", qid)
                    and (len(qid) > 4 or "-" in qid)}
        plural = sorted({n for n in city.indicators.values() if plural_head(n)}, key=len, reverse=True)
        self.plural = plural
        alt = "|".join(re.escape(n) for n in plural) or r"(?!x)x"
        self.verb_before = re.compile(rf"\b{SINGULAR} (?:am stärksten |danach |auch |hier |vor allem |besonders )?"
                                      rf"(?<!„)({alt})(?![\w“-])")
        self.verb_after = re.compile(rf"(?:^|[.:;!?] )({alt}) {SINGULAR}\b", re.M)
        self.case = self._case_patterns(city)
        names = sorted(set(self.with_article) | set(self.adjective), key=len, reverse=True)
        self.names = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])") if names else None
        self.id_re = re.compile(r"(?<![\w/.#-])(" + "|".join(re.escape(i) for i in sorted(self.ids, key=len, reverse=True))
                                + r")(?![\w/-])") if self.ids else None

    @staticmethod
    def _case_patterns(city: City):
        """Wrong articles before the area noun of stadt.yaml (gebiet, gebiet_kurz) by its gender."""
        gender = city.labels.get("gebiet_artikel", "das")
        nouns = {city.labels.get(k) for k in ("gebiet", "gebiet_kurz")} - {None, ""}
        if not nouns:
            return None
        dative_ok = {"der": {"einem", "dem"}, "das": {"einem", "dem"}, "die": {"einer", "der"}}[gender]
        acc_wrong = {"der": {"dem", "einem", "der", "ein"}, "das": {"dem", "einem"}, "die": {"der", "einer"}}[gender]
        any_wrong = {"der": {"ein"}, "die": {"ein"}, "das": set()}[gender]
        arts = "ein|eine|einen|einem|einer|der|die|das|den|dem"
        noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
        pat = re.compile(rf"\b(mit|von|aus|bei|nach|zu|seit|für|durch|gegen|ohne|um|auf|in|an|über|unter) +({arts}) +"
                         rf"({noun})\b")

        def wrong(prep: str, art: str) -> bool:
            if art in any_wrong:
                return True
            if prep in ("mit", "von", "aus", "bei", "nach", "zu", "seit"):
                return art not in dative_ok
            if prep in ("für", "durch", "gegen", "ohne", "um"):
                return art in acc_wrong
            return False
        return pat, wrong

    # -- all visible text of a page at once (patterns never cross a line) ---------------------------
    def text(self, lines: list[str], where: list[str], report: Report, prose: list[bool]) -> None:
        joined = "\n".join(lines)
        plain = URLISH.sub(lambda m: " " * len(m.group()), joined)
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)

        def at(i: int) -> int:
            lo, hi = 0, len(lines) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if starts[mid] <= i:
                    lo = mid
                else:
                    hi = mid - 1
            return lo

        def add(check: str, m: re.Match, what: str) -> None:
            i = at(m.start())
            report.add(check, where[i], f"{what} in: {lines[i][:140]}")

        for m in DOUBLE_PREP.finditer(plain):
            add("präposition-doppelt", m, f"„{m.group().strip()}“")
        for m in REPEAT.finditer(plain):
            inner = m.group(1).strip()
            if re.search(r"[A-Za-zÄÖÜäöü]", inner) and plain[:m.start()].rstrip(" ").endswith(inner):
                add("klammer-wiederholt", m, f"„{inner} ({inner})“")
        for m in SPACE.finditer(plain):
            add("leerzeichen-satzende", m, f"„{plain[max(0, m.start() - 8):m.end() + 6]}“")
        for m in MINUS_ZERO.finditer(plain):
            add("minus-null", m, f"„{m.group()}“")
        for m in HOW_MANY.finditer(plain):
            add("kasus-wie-viele", m, f"„Wie viele {m.group(1)} …“ mit Dativ-Verb: „{m.group()[:100]}“")
        for m in BUILD.finditer(plain):
            add("bauwort", m, f"„{m.group()}“")
        for pattern in (self.verb_before, self.verb_after):
            for m in pattern.finditer(plain):
                add("verb-numerus", m, f"„{m.group().lstrip('.:;!? ')}“ (Plural)")
        if self.case:
            pat, wrong = self.case
            for m in pat.finditer(plain):
                if wrong(m.group(1).lower(), m.group(2).lower()):
                    add("artikel-kasus", m, f"„{m.group()}“")
        if self.id_re:
            for m in self.id_re.finditer(plain):
                add("interne-namen", m, f"Kennung „{m.group()}“")
        if self.names:
            for i in sorted({at(m.start()) for m in self.names.finditer(plain)}):
                line = plain[starts[i]:starts[i + 1] - 1]
                for sentence in sentences(line) if prose[i] else [line]:
                    self._names(sentence, where[i], report, prose[i])

    def _names(self, s: str, where: str, report: Report, prose: bool) -> None:
        for m in self.names.finditer(s):
            name = m.group()
            before = s[:m.start()]
            prev = re.search(r"(\S+)\s$", before)
            prev_word = prev.group(1) if prev else ""
            art = self.with_article.get(name) or self.adjective.get(name, "")
            adj = adjective_start(name)
            if adj:
                wrong = {"dem", "den", "des", "im", "am", "vom", "zum", "beim"}
                if art == "die":
                    wrong |= {"der", "zur"}
                if not art:
                    wrong |= {"der", "die", "das", "zur", "ins"} | set(PREP[3:-1].split("|"))
                if prev_word in wrong:
                    report.add("adjektiv-undekliniert", where, f"„{prev_word} {name}“ in: {s[:140]}")
                    continue
            if name in self.with_article and prose:
                article_forms = {"der", "die", "das", "dem", "den", "des", "im", "am", "vom", "zum", "zur", "beim",
                                 "ins", "ans"}
                after = s[m.end():m.end() + 2]
                at_start = not before.strip() and re.match(r" [a-zäöü]", after)
                loose = prev_word and prev_word[:1].islower() and prev_word not in article_forms \
                    and re.fullmatch(r"[a-zäöüß]+", prev_word) and prev_word not in ("und", "oder", "sowie", "bzw")
                if at_start or loose:
                    report.add("artikel-fehlt", where, f"„{(prev_word + ' ') if prev_word else ''}{name}“ ohne Artikel "
                               f"„{self.with_article[name]}“ in: {s[:140]}")

    # -- a page ------------------------------------------------------------------------------------
    def page(self, page: Page, report: Report) -> None:
        report.saw("präposition-doppelt")
        lines = [b.text for b in page.blocks] + page.alternatives
        where = [page.where] * len(page.blocks) + [page.where + " (Alternativtext)"] * len(page.alternatives)
        prose = [not b.in_table and not b.level and b.tag not in ("dt", "dd", "summary", "label", "button", "option",
                                                                  "caption") for b in page.blocks]
        self.text(lines, where, report, prose + [False] * len(page.alternatives))
        self.internal(page, report)

    def internal(self, page: Page, report: Report) -> None:
        code = set(page.code)
        for block in page.blocks:
            if "_" not in block.text:
                continue
            for s in sentences(block.text):
                for m in SNAKE.finditer(URLISH.sub(" ", s)):
                    token = m.group()
                    allowed = any(token in c.split() or token == c for c in code) and token in self.published \
                        and re.search(r"\b(Spalten?|Feld(?:er)?|Felder)\b", s)
                    if not allowed:
                        report.add("interne-namen", page.where, f"„{token}“ in: {s[:140]}")
        for c in code:
            if m := KEY_VALUE.match(c):
                if m.group(1) not in self.published:
                    report.add("interne-namen", page.where, f"Eingabe-Schreibweise „{c}“ im Text")
        for check in ("interne-namen", "adjektiv-undekliniert", "artikel-kasus", "verb-numerus", "artikel-fehlt", "klammer-wiederholt",
                      "leerzeichen-satzende", "kasus-wie-viele", "minus-null", "bauwort"):
            report.saw(check)
