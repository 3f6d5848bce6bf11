"""Planted contradictions: real built pages of the demonstration site, one defect planted in each,
and the reader reports exactly that defect.

Each plant is judged against the same pages without it. Where a page exists that is clean for the
planted check today, it is used and the test asserts it is clean before planting; where the
generator's output is not clean yet for that check (the class-change pages, the Fokus pages), the
test asserts one finding more of that check than the unplanted pages have, and positive controls
show that a correct sentence makes the finding go away. Every other check must report exactly what
it reported without the plant (unless the defect necessarily implies another one, named per plant).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator import paths
from reader import comparisons as C
from reader.audit import kind, reader_for
from reader.city import code, deciding, load
from reader.classes import class_texts, entries
from reader.grammar import adjective_start, plural_head
from reader.numbers import values
from reader.page import read, sentences
from reader.report import CHECKS

CITY = "oberhausen"


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


@pytest.fixture(scope="module")
def city():
    return load(paths.city_dir(CITY))


def html_of(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def judge(site, pages: dict[str, str]):
    reader = reader_for(site, paths.city_dir(CITY))
    for rel, html in pages.items():
        reader.page(read(html, rel))
    return reader.finish()


def planted(site, base: dict[str, str], plant: dict[str, str], check: str, expect: str | None = None,
            clean: bool = True, also: frozenset = frozenset(), delta: int | None = 1):
    """Judge base and planted pages; the planted check gains ``delta`` findings (one naming
    ``expect``; ``None``: one or more, each naming it), every other check is unchanged (except ``also``)."""
    b, p = judge(site, base), judge(site, {**base, **plant})
    bc, pc = Counter(f.check for f in b.findings), Counter(f.check for f in p.findings)
    if clean:
        assert bc[check] == 0, f"the unplanted pages are not clean for {check}: {b.of(check)[:3]}"
    old = {(f.where, f.detail) for f in b.of(check)}
    new = [f for f in p.of(check) if (f.where, f.detail) not in old]
    if delta is None:
        assert pc[check] > bc[check] and all(expect in f.detail for f in new), (check, [str(f) for f in new])
    else:
        assert pc[check] - bc[check] == delta, (check, [str(f) for f in new])
    if delta != 0:
        assert new and (expect is None or any(expect in f.detail for f in new)), [str(f) for f in new]
    changed = {c: (bc[c], pc[c]) for c in CHECKS if c != check and c not in also and bc[c] != pc[c]}
    assert not changed, f"other checks changed: {changed}: {[str(f) for f in p.findings if f.check in changed][:5]}"
    return new


def quarter_pages(site, city, year=None):
    year = year or city.latest
    base = site / city.edition_dir(year) / "quartiere"
    return [p.relative_to(site).as_posix() for p in sorted(base.glob("*/index.html")) if p.parent.name in city.quarters]


def first(site, city, predicate, year=None, check=None):
    """The first quarter page (of one edition) that fulfils ``predicate(page)`` and, if ``check`` is
    given, is clean for it."""
    for rel in quarter_pages(site, city, year):
        html = html_of(site, rel)
        page = read(html, rel)
        if predicate(page) and (check is None or not judge(site, {rel: html}).of(check)):
            return rel, html, page
    pytest.fail("no page fits the plant")


def insert(html: str, paragraph: str) -> str:
    """A paragraph added at the end of the page's article."""
    at = html.rindex("</article>")
    return html[:at] + f"<p>{paragraph}</p>\n" + html[at:]


def swap_first(html: str, old: str, new: str, after: int = 0) -> str:
    at = html.index(old, after)
    return html[:at] + new + html[at + len(old):]


# --- class texts, index, distance, knapp ---------------------------------------------------------

def _meaning(page, part):
    return class_texts(page)[part]


@pytest.mark.parametrize("own,other", [("mittel", "hoch"), ("niedrig", "sehr niedrig"), ("sehr niedrig", "niedrig"),
                                       ("hoch", "niedrig")])
def test_class_text_of_another_class(site, city, own, other):
    """The meaning of another status class under this class's label (issue 23: „niedrig“ given the
    text of „sehr niedrig“)."""
    rel, html, page = first(site, city, lambda p: entries(p).get("Status") == own and "Status" in class_texts(p),
                            check="klassentext")
    _, _, donor = next((r, h, p) for y in sorted(city.editions) for r, h, p in
                       [(r, html_of(site, r), read(html_of(site, r), r)) for r in quarter_pages(site, city, y)]
                       if entries(p).get("Status") == other)
    mine, theirs = _meaning(page, "Status")[1], _meaning(donor, "Status")[1]
    assert mine != theirs
    planted(site, {rel: html}, {rel: swap_first(html, mine, theirs)}, "klassentext", f"Status {own}")


@pytest.mark.parametrize("label,word,swap", [("positiv", "günstiger", "ungünstiger"),
                                             ("negativ", "ungünstiger", "günstiger")])
def test_favourable_and_unfavourable_swapped(site, city, label, word, swap):
    """„günstiger“ is inside „ungünstiger“: the reader reads whole words."""
    rel, html, page = next(x for y in sorted(city.editions, reverse=True) for x in
                           [(r, html_of(site, r), read(html_of(site, r), r)) for r in quarter_pages(site, city, y)]
                           if entries(x[2]).get("Dynamik") == label)
    meaning = _meaning(page, "Dynamik")[1]
    assert re.search(rf"\b{word}\b", meaning)
    wrong = re.sub(rf"\b{word}\b", swap, meaning, count=1)
    planted(site, {rel: html}, {rel: swap_first(html, meaning, wrong)}, "klassentext", f"Dynamik {label}",
            clean=False)


def test_index_outside_the_stated_thresholds(site, city):
    rel, html, page = first(site, city, lambda p: entries(p).get("Status") == "mittel", check="klasse-index")
    m = re.search(r"Statusindex (?:beträgt|liegt bei) ([−\d,]+)", page.text)
    assert m, "the page states its Statusindex"
    at = html.index(m.group(0))
    planted(site, {rel: html}, {rel: swap_first(html, m.group(1), "1,25", at)}, "klasse-index", "1,25",
            also=frozenset({"abstand", "knapp"}))  # the distances stated for the real value no longer fit


def _distance_sentence(page):
    for b in page.prose:
        for s in sentences(b.text):
            if re.search(r"nächsten (?:Klassen)?[Gg]renze", s) and (m := re.search(r"(\d+,\d\d) von der nächsten", s)):
                return s, m.group(1)
    return None


def test_wrong_distance(site, city):
    rel, html, page = first(site, city, lambda p: _distance_sentence(p) is not None, check="abstand")
    s, d = _distance_sentence(page)
    wrong = f"{float(d.replace(',', '.')) + 0.01:.2f}".replace(".", ",")
    at = html.index(s[:30])
    planted(site, {rel: html}, {rel: swap_first(html, d, wrong, at)}, "abstand", wrong)


def test_wrong_threshold_in_the_distance_to_the_next_class(site, city):
    """Issue 23: „Bis zur Statusklasse … sinken“ computed with the wrong threshold."""
    def has(p):
        return any(re.search(r"Bis zur Statusklasse „[^“]+“ .*Grenze", s) for b in p.prose for s in sentences(b.text))
    rel, html, page = first(site, city, has, check="abstand")
    s = next(s for b in page.prose for s in sentences(b.text) if re.search(r"Bis zur Statusklasse .*Grenze", s))
    grenze = re.search(r"Grenze ([−\d,]+)", s).group(1)
    other = next(t for t in ("−1,0", "1,0", "1,5") if t != grenze)
    at = html.index(s[:25])
    planted(site, {rel: html}, {rel: swap_first(html, f"Grenze {grenze}", f"Grenze {other}", at)}, "abstand", other)


RULE = "Knapp heißt: weniger als 0,1 von der nächsten Klassengrenze entfernt."


def _class_sentence(page, word):
    for b in page.prose:
        for s in sentences(b.text):
            if re.search(rf"(?:Status|Dynamik)klasse ist {word}\b", s):
                return s
    return None


@pytest.mark.parametrize("said,planted_word", [("deutlich", "knapp"), ("knapp", "deutlich")])
def test_wrong_knapp(site, city, said, planted_word):
    """„knapp“ for a distance beyond the page's own limit, „deutlich“ for one below it (issue 23:
    „knapp“ only below 0,01)."""
    rel, html, page = next(x for y in sorted(city.editions, reverse=True) for x in
                           [(r, html_of(site, r), read(html_of(site, r), r)) for r in quarter_pages(site, city, y)]
                           if _class_sentence(x[2], said))
    base = insert(html, RULE)
    s = _class_sentence(page, said)
    at = base.index(s[:25])
    plant = swap_first(base, f"ist {said}", f"ist {planted_word}", at)
    planted(site, {rel: base}, {rel: plant}, "knapp", planted_word, clean=False)


def test_lead_sentence_against_the_class(site, city):
    rel, html, page = first(site, city, lambda p: entries(p).get("Status") == "mittel", check="klasse-einleitung")
    assert "einen mittleren sozialen Status" in html
    planted(site, {rel: html}, {rel: swap_first(html, "einen mittleren sozialen Status", "einen hohen sozialen Status")},
            "klasse-einleitung", "hohen")


def test_most_deviating_with_a_middle_rank(site, city):
    """A list of the most deviating values with a middle rank and no |z| ≥ 1 among them."""
    def ranks(p):
        return any(re.search(r"deutlich", b.text) for b in p.prose) and re.search(r"Rang [12] von", p.text)
    rel, html, page = first(site, city, ranks)
    m = re.search(r"Rang ([12]) von (\d+)", html)
    end = html.index("</li>", m.end())
    middle = int(m.group(2)) // 2
    item = f"Rang {middle} von {m.group(2)}" + re.sub(r"(?:\d+,\d+|eine|einer) Standardabweichung(en)?|z-Wert [−\d,]+",
                                                       "0,3 Standardabweichungen", html[m.end():end])
    planted(site, {rel: html}, {rel: html[:m.start()] + item + html[end:]}, "deutlich-abweichend", f"Rang {middle}",
            clean=False)


# --- grammar ----------------------------------------------------------------------------------------

def _grammar_plants(city):
    article = next(n for n, a in city.quarters.values() if a and not adjective_start(n))
    adjective = next(n for n, a in city.quarters.values() if adjective_start(n))
    plural = next(n for n in city.indicators.values() if plural_head(n))
    area = city.area
    return [
        ("präposition-doppelt", "Die Zahlen aus im Jahr davor sind vorläufig.", "aus im"),
        ("klammer-wiederholt", "Gezählt werden Zuzüge je 1.000 Haushalte (je 1.000 Haushalte).", "je 1.000 Haushalte"),
        ("adjektiv-undekliniert", f"Die Werte im {adjective} sind neu.", adjective),
        ("verb-numerus", f"Am stärksten trägt {plural} zum Index bei.", plural),
        ("artikel-fehlt", f"Die Werte von {article} sind neu.", article),
        ("artikel-kasus", f"Ein Vergleich mit ein {area} ist möglich.", area),
        ("leerzeichen-satzende", "Der Wert ist hoch (z-Wert 1,20).Danach folgt der nächste.", ").Danach"),
        ("kasus-wie-viele", "Wie viele Kinder fehlt ein Platz in der Kita?", "Wie viele Kinder"),
        ("minus-null", "Die Veränderung beträgt −0,0 Prozentpunkte.", "−0,0"),
        ("interne-namen", "Der Abstand steht im Feld status_abstand.", "status_abstand"),
        ("bauwort", "Das prüft ein Test nach jedem Build.", "Build"),
    ]


@pytest.mark.parametrize("i", range(11))
def test_grammar_slip(site, city, i):
    check, sentence, expect = _grammar_plants(city)[i]
    rel = "methodik/index.html"
    html = html_of(site, rel)
    if judge(site, {rel: html}).of(check):  # not clean today: use a page that is
        rel = next(r for r in quarter_pages(site, city) if not judge(site, {r: html_of(site, r)}).of(check))
        html = html_of(site, rel)
    planted(site, {rel: html}, {rel: insert(html, sentence)}, check, expect)


def test_internal_name_is_allowed_only_as_a_published_column(site, city):
    rel = "methodik/index.html"
    html = html_of(site, rel)
    base = judge(site, {rel: html})
    ok = insert(html, "Die Spalte <code>status_abstand</code> nennt den Abstand zur Klassengrenze.")
    assert len(judge(site, {rel: ok}).of("interne-namen")) == len(base.of("interne-namen"))
    planted(site, {rel: html}, {rel: insert(html, "In den Eingaben steht <code>angabe: fehlt</code>.")},
            "interne-namen", "angabe: fehlt", clean=False)


# --- placeholders --------------------------------------------------------------------------------

def test_unmarked_placeholder_address(site, city):
    rel = "methodik/index.html"
    html = html_of(site, rel)
    planted(site, {rel: html}, {rel: insert(html, "Fragen an fragen@example.org beantworten wir.")}, "platzhalter",
            "example.org", clean=False)
    planted(site, {rel: html}, {rel: insert(html, 'Fragen an <mark class="sb-platzhalter">fragen@example.org</mark>.')},
            "platzhalter", delta=0, clean=False)
    code = '<textarea readonly>&lt;iframe src="https://example.org/x/"&gt;&lt;/iframe&gt;</textarea>'
    planted(site, {rel: html}, {rel: insert(html, code)}, "platzhalter", "Code zum Kopieren", clean=False)
    marked = code.replace("&lt;/iframe&gt;", "&lt;/iframe&gt;&lt;!-- Platzhalter-Adresse: vor dem Einbinden ersetzen --&gt;")
    planted(site, {rel: html}, {rel: insert(html, marked)}, "platzhalter", delta=0, clean=False)


# --- comparisons across pages -------------------------------------------------------------------

def test_the_same_pair_with_another_phrase_on_another_page(site, city):
    pages = quarter_pages(site, city)
    rel, html, page = first(site, city, lambda p: any(
        c.problem is None and c.claim.kind not in ("unknown", "difference") and C.ratio(c.a, c.b) != 1
        for b in p.prose for s in sentences(b.text) for c in C.in_sentence(s, "x")))
    c = next(c for b in page.prose for s in sentences(b.text) for c in C.in_sentence(s, "x")
             if c.problem is None and c.claim.kind not in ("unknown", "difference") and C.ratio(c.a, c.b) != 1)
    r = C.ratio(c.a, c.b)
    other = f"etwa {round(abs(r - 1) * 100)} % {'höher' if r > 1 else 'niedriger'} als"
    rel2 = next(p for p in pages if p != rel)
    html2 = html_of(site, rel2)
    unit = f" {c.a.unit}" if c.a.unit else ""
    sentence = f"{c.a.text}{unit} im Beispiel, {c.b.text}{unit} in der Stadt – {other} in der Stadt."
    planted(site, {rel: html, rel2: html2}, {rel2: insert(html2, sentence)}, "vergleich-uneinheitlich", other,
            clean=False)


# --- class changes ------------------------------------------------------------------------------

def _changes(site, city):
    year = city.latest
    years = sorted(city.editions)
    old = years[years.index(year) - 1]
    rel = city.edition_dir(year) + "veraenderungen/index.html"
    pages = {r: html_of(site, r) for y in (old, year) for r in quarter_pages(site, city, y)}
    pages[rel] = html_of(site, rel)
    pages[city.edition_dir(year) + "index.html"] = html_of(site, city.edition_dir(year) + "index.html")
    return rel, pages, year, old


def test_class_change_count_that_does_not_add_up(site, city):
    rel, pages, year, old = _changes(site, city)
    page = read(pages[rel], rel)
    area = city.labels.get("gebiete", "Sozialquartiere")
    s = next(s for b in page.prose for s in sentences(b.text) if area in s and "lasse" in s and values(s))
    n = next(v.text for v in values(s) if not v.unit)  # the number of quarters with another class
    html = pages[rel]
    m = re.compile(rf"(?<![\d,.]){n}(?![\d,])").search(html, html.index(s[:20]))
    # the total no longer matches the table, and (where the parts are stated) no longer their sum
    planted(site, pages, {rel: html[:m.start()] + str(int(n) + 1) + html[m.end():]}, "wechsel-zahlen",
            f"{int(n) + 1}", clean=False, delta=None)


def test_false_sort_order_claim(site, city):
    rel, pages, year, old = _changes(site, city)
    page = read(pages[rel], rel)
    table = next(t for t in page.tables if any(h.startswith("Status ") for h in t.header))
    names = [r[0].casefold() for r in table.rows[1:]]
    claim = ("Die Tabelle ist alphabetisch nach Namen sortiert." if names != sorted(names) else
             "Die Zeilen sind nach der Zahl der Klassenstufen sortiert, die meisten zuerst.")
    planted(site, pages, {rel: insert(pages[rel], claim)}, "wechsel-reihenfolge", claim[:30], clean=False)


def test_direction_against_the_classes(site, city):
    rel, pages, year, old = _changes(site, city)
    m = re.search(r"Status (niedriger|höher|besser|schlechter)", pages[rel])
    wrong = {"niedriger": "höher", "höher": "niedriger", "besser": "schlechter", "schlechter": "besser"}[m.group(1)]
    planted(site, pages, {rel: pages[rel][:m.start()] + f"Status {wrong}" + pages[rel][m.end():]},
            "wechsel-richtung")


def test_change_context_positive_controls(site, city):
    """Sentences an editor would accept make the context findings go away: the index is relative,
    the windows differ, the focus quarters that came and went."""
    rel, pages, year, old = _changes(site, city)
    base = judge(site, pages)
    relative = "Der Index ist relativ: jede Ausgabe vergleicht die Quartiere untereinander neu."
    e0, e1 = city.editions[old], city.editions[year]
    window = (f"Achtung, verschiedene Zeitfenster: die Dynamik vergleicht {e1.window[0]} bis {e1.window[1]} "
              f"mit {e0.window[0]} bis {e0.window[1]}, verschieden viele Jahre.")
    facts = {}
    for r in pages:
        y, k, qid = kind(r, city)
        if k == "quarter":
            facts[(y, city.quarters[qid][0])] = entries(read(pages[r], r)).get(city.fokus_label)
    came = sorted(n for (y, n), f in facts.items() if y == year and f == "ja" and facts.get((old, n)) != "ja")
    went = sorted(n for (y, n), f in facts.items() if y == old and f == "ja" and facts.get((year, n)) != "ja")
    focus = f"Neu im Fokus: {', '.join(came) or 'keines'}; nicht mehr im Fokus: {', '.join(went) or 'keines'}."
    fixed = pages[rel]
    for s in (relative, window, focus):
        fixed = insert(fixed, s)
    after = judge(site, {**pages, rel: fixed})
    assert not after.of("wechsel-relativ")
    if not base.of("wechsel-relativ"):  # the page says it already: without the word, the finding is back
        gone = judge(site, {**pages, rel: re.sub(r"relativ", "neu", pages[rel])})
        assert gone.of("wechsel-relativ")
    assert not [f for f in after.of("wechsel-fokus") if f.where == rel]
    if e0.window[1] - e0.window[0] != e1.window[1] - e1.window[0]:
        assert not [f for f in after.of("wechsel-zeitfenster") if f.where == rel]


# --- Fokus pages --------------------------------------------------------------------------------

def _fokus_page(site, city, parts):
    for y in sorted(city.editions, reverse=True):
        for rel in quarter_pages(site, city, y):
            html = html_of(site, rel)
            page = read(html, rel)
            e = entries(page)
            s, d = e.get("Status"), e.get("Dynamik")
            if e.get(city.fokus_label) == "ja" and s and d and deciding(city.editions[y], s, d) == parts:
                return rel, html, page, y, s, d
    pytest.fail(f"no Fokus page decided by {parts}")


def _section_end(html):
    """Insert position at the end of the Fokus section's first paragraph."""
    m = re.search(r"<h2[^>]*>[^<]*(?:Fokus|Vertiefung)", html)
    return html.index("</p>", m.end())


def _section_says(html, sentence):
    """The Fokus section's paragraphs replaced by one sentence (its tables and lists stay)."""
    m = re.search(r"<h2[^>]*>[^<]*(?:Fokus|Vertiefung)[^<]*</h2>", html)
    end = html.index("<h2", m.end())
    body = re.sub(r"<p>.*?</p>", "", html[m.end():end], flags=re.S)
    return html[:m.end()] + f"<p>{sentence}</p>" + body + html[end:]


def test_fokus_rule_stated_and_missing(site, city):
    rel, html, page, y, s, d = _fokus_page(site, city, {"Status"})
    right = f"Im Fokus steht es wegen seines Status „{s}“ nach der Regel der Ausgabe."
    wrong = f"Im Fokus steht es wegen seiner Dynamik „{d}“."
    assert not judge(site, {rel: _section_says(html, right)}).of("fokus-regel")
    bad = judge(site, {rel: _section_says(html, wrong)}).of("fokus-regel")
    assert len(bad) == 1 and f"Status {s}" in bad[0].detail, bad


def test_fokus_page_without_its_section(site, city):
    rel, html, page, y, s, d = _fokus_page(site, city, {"Status"})
    m = re.search(r"(<h2[^>]*>)([^<]*(?:Fokus|Vertiefung)[^<]*)(</h2>)", html)
    plant = html[:m.start()] + m.group(1) + "Mehr zum Quartier" + m.group(3) + html[m.end():]
    found = judge(site, {rel: plant})
    assert [f.detail for f in found.of("fokus-regel")] == ["kein Abschnitt „Fokus“/„Vertiefung“"]
    assert not found.of("fokus-erklaerung")  # nothing to explain in a section that is not there


def test_fokus_by_dynamics_needs_changes_in_points(site, city):
    """Status mittel with negative dynamics (code 25): the changes in percentage points must be named,
    and as the indicator table shows them."""
    rel, html, page, y, s, d = _fokus_page(site, city, {"Status", "Dynamik"})
    assert code(s, d) in city.editions[y].fokus_codes
    table = next(t for t in page.tables if any(h.startswith("Veränderung") for h in t.header))
    col = next(i for i, h in enumerate(table.header) if h.startswith("Veränderung"))
    name, change = table.rows[1][0], table.rows[1][col]
    at = _section_end(html)
    right = f" Die Dynamik ist negativ: {name} {change} Prozentpunkte."
    wrong_number = "+9,9" if change != "+9,9" else "+8,8"
    base = judge(site, {rel: html})
    ok = judge(site, {rel: html[:at] + right + html[at:]})
    assert not [f for f in ok.of("fokus-erklaerung") if "keine Veränderungen" in f.detail]
    assert [f for f in base.of("fokus-erklaerung") if "keine Veränderungen" in f.detail] or \
        "Prozentpunkt" in "".join(b.text for b in page.prose)
    planted(site, {rel: html[:at] + right + html[at:]},
            {rel: html[:at] + right.replace(change, wrong_number) + html[at:]},
            "fokus-erklaerung", wrong_number, clean=False)


def test_fokus_change_said_with_the_wrong_direction(site, city):
    """„stieg … um 2,0 Prozentpunkte, im Durchschnitt … um 0,2 Prozentpunkte“ where the average fell."""
    rel, html, page, y, s, d = _fokus_page(site, city, {"Status", "Dynamik"})
    name = next(n for n in city.indicators.values() if re.search(rf">{re.escape(n)}<", html))
    at = _section_end(html) + len("</p>")
    table = (f"<table><caption>Beispiel der Veränderungen</caption><tr><th>Indikator</th><th>Veränderung</th>"
             f"<th>Durchschnitt der {city.labels.get('gebiete', 'Sozialquartiere')}</th></tr>"
             f"<tr><th>{name}</th><td>+2,0</td><td>−0,2</td></tr></table>")
    right = f"<p>Bei „{name}“ stieg der Wert um 2,0 Prozentpunkte, im Durchschnitt sank er um 0,2 Prozentpunkte.</p>"
    wrong = f"<p>Bei „{name}“ stieg der Wert um 2,0 Prozentpunkte, im Durchschnitt um 0,2 Prozentpunkte.</p>"
    base = html[:at] + table + right + html[at:]
    planted(site, {rel: base}, {rel: html[:at] + table + wrong + html[at:]}, "fokus-erklaerung", "+0,2",
            clean=False)
