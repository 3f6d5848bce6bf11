"""A built page as a reader sees it: its visible text block by block, its tables as rows, its text
alternatives (alt, aria-label, title, the <title>/<desc> of inline SVG) apart, the code to copy
(textareas) apart, and where placeholder addresses stand unmarked.

What counts as visible: everything in <body> except scripts, styles, templates, <noscript>, elements
with the ``hidden`` attribute or ``display:none``, hidden inputs and the inside of inline SVG (whose
<title>, <desc> and <text> are alternatives). ``data-`` attributes are never read. Text in <code>
is visible (and also listed apart, for the check of internal names).

Placeholder mark (the convention the legal pages follow today, ``angabe`` filter of the site
templates): an element with the class ``sb-platzhalter`` (``<mark class="sb-platzhalter">``). A
placeholder (an example.org/.com/.net address, „[Platzhalter“, „BITTE PRÜFEN“) in visible text or in
a link target counts as marked when it stands inside such an element, or — for a link — when the
link holds one. A placeholder word in German quotes („[Platzhalter]“) is a mention — a sentence that
explains the mark — not a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

PLACEHOLDER = re.compile(r"\bexample\.(?:org|com|net)\b|\[Platzhalter|BITTE PRÜFEN", re.IGNORECASE)
MARK_CLASS = "sb-platzhalter"

SKIP = {"script", "style", "template", "noscript", "head"}
BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "nav", "header", "footer",
         "aside", "figure", "figcaption", "caption", "dt", "dd", "dl", "ul", "ol", "table", "thead", "tbody",
         "tfoot", "tr", "td", "th", "blockquote", "details", "summary", "form", "label", "main", "fieldset",
         "legend", "option", "select", "button", "body", "pre", "hr", "br", "textarea", "iframe", "output"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}
CODE = {"code", "kbd", "samp"}
HEADING = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


@dataclass
class Block:
    """One block of visible text (a paragraph, list item, heading, table cell …)."""
    text: str
    tag: str
    in_table: bool = False
    in_article: bool = False

    @property
    def level(self) -> int:
        return HEADING.get(self.tag, 0)


@dataclass
class Table:
    caption: str
    rows: list[list[str]] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.rows[0] if self.rows else []


@dataclass
class Page:
    where: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    textareas: list[str] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)  # placeholders in text or links without the mark
    placeholders: int = 0  # how many placeholders the page holds in text, links and textareas
    forward: bool = False  # a forwarding page (meta refresh)

    @property
    def lines(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def article(self) -> list[str]:
        """The lines of the page's main text (its <article>), without header, navigation and footer."""
        return [b.text for b in self.blocks if b.in_article]

    @property
    def prose(self) -> list[Block]:
        """Running text outside tables: the page's article if it has one (not header, navigation,
        footer), else all of it."""
        main = any(b.in_article for b in self.blocks)
        return [b for b in self.blocks if not b.in_table and (b.in_article or not main)]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class _Reader(HTMLParser):
    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.page = Page(where)
        self._stack: list[tuple[str, bool, bool]] = []  # tag, hides, marks
        self._open: dict[str, int] = {}  # how many of each tag are open
        self._hidden = 0
        self._marked = 0
        self._svg = 0
        self._svg_text: list[str] | None = None
        self._buf: list[str] = []
        self._tables: list[Table] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._code: list[str] | None = None
        self._textarea: list[str] | None = None
        self._title: list[str] | None = None
        self._links: list[list] = []  # [href, marked at start, mark seen inside]
        self._caption: list[str] | None = None
        self._tag_for_block = "body"
        self._article = 0

    # -- helpers ---------------------------------------------------------------------------------
    def _flush(self, tag: str) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self.page.blocks.append(Block(text, self._tag_for_block, in_table=self._cell is not None or
                                          (bool(self._tables) and self._row is not None),
                                          in_article=self._article > 0))
        self._tag_for_block = tag

    def _placeholder_text(self, data: str) -> None:
        for m in PLACEHOLDER.finditer(data):
            if data.rfind("„", 0, m.start()) > data.rfind("“", 0, m.start()):
                continue  # „[Platzhalter]“ in quotes: the mark is being explained, not used
            self.page.placeholders += 1
            if not self._marked:
                s = data[max(0, m.start() - 60):m.end() + 60]
                self.page.unmarked.append("Text: " + " ".join(s.split()))

    # -- parser callbacks ------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.page.forward = True
        if self._svg:
            if tag in ("title", "desc", "text"):
                self._svg_text = []
            if tag not in VOID and not tag.endswith("/"):
                self._push((tag, False, False))
            if tag == "svg":
                self._svg += 1
            return
        if tag == "title" and not self._open.get("body"):
            self._title = []
        hides = (tag in SKIP or "hidden" in a or (tag == "input" and a.get("type") == "hidden")
                 or re.search(r"display\s*:\s*none", a.get("style") or "") is not None)
        if not self._hidden and not hides:
            for name in ("alt", "aria-label", "title"):
                if a.get(name):
                    self.page.alternatives.append(" ".join(a[name].split()))
        if tag in VOID:
            if tag == "br" and not self._hidden:
                self._buf.append(" ")
                self._flush(self._tag_for_block)
            return
        marks = MARK_CLASS in (a.get("class") or "").split()
        self._push((tag, hides, marks))
        self._hidden += hides
        self._marked += marks
        if marks:
            for link in self._links:
                link[2] = True
        if self._hidden:
            return
        if tag == "svg":
            self._svg = 1
            return
        if tag in BLOCK or tag == "article":
            self._flush(tag)
        self._article += tag == "article"
        if tag == "a":
            self._links.append([a.get("href") or "", bool(self._marked), False])
        if tag == "table":
            self._tables.append(Table(""))
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in CODE:
            self._code = []
        elif tag == "textarea":
            self._textarea = []

    def _push(self, entry: tuple[str, bool, bool]) -> None:
        self._stack.append(entry)
        self._open[entry[0]] = self._open.get(entry[0], 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and (self._svg or tag != "svg"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None and not self._svg:
            self.page.title = " ".join("".join(self._title).split())
            self._title = None
        if not self._open.get(tag):
            return
        while self._stack:
            opened, hides, marks = self._stack.pop()
            self._open[opened] -= 1
            if self._svg:
                if opened in ("title", "desc", "text") and self._svg_text is not None:
                    text = " ".join("".join(self._svg_text).split())
                    if text:
                        self.page.alternatives.append(text)
                    self._svg_text = None
                if opened == "svg":
                    self._svg -= 1
                if opened == tag:
                    break
                continue
            self._hidden -= hides
            self._marked -= marks
            if not self._hidden and not hides:
                self._close(opened)
            if opened == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in BLOCK or tag == "article":
            self._flush(self._stack[-1][0] if self._stack else "body")
        self._article -= tag == "article"
        if tag == "a" and self._links:
            href, marked, inner = self._links.pop()
            if PLACEHOLDER.search(href):
                self.page.placeholders += 1
                if not (marked or inner):
                    self.page.unmarked.append(f"Link: {href}")
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._tables and self._row:
                self._tables[-1].rows.append(self._row)
            self._row = None
        elif tag == "caption" and self._caption is not None and self._tables:
            self._tables[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "table" and self._tables:
            self.page.tables.append(self._tables.pop())
        elif tag in CODE and self._code is not None:
            text = " ".join("".join(self._code).split())
            if text:
                self.page.code.append(text)
            self._code = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea)
            self.page.textareas.append(text)
            n = len(PLACEHOLDER.findall(text))
            self.page.placeholders += n
            if n and "Platzhalter" not in text:
                self.page.unmarked.append("Code zum Kopieren: " + " ".join(text.split())[:160])
            self._textarea = None

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        if self._svg:
            if self._svg_text is not None:
                self._svg_text.append(data)
            return
        if self._hidden:
            return
        if self._textarea is not None:
            self._textarea.append(data)
            return
        data = data.replace("\n", " ")
        self._buf.append(data)
        self._placeholder_text(data)
        for part in (self._cell, self._code, self._caption):
            if part is not None:
                part.append(data)


_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
                    re.S)
_ATTR = re.compile(r"(?<![\w:-])(class|hidden|style|alt|aria-label|title|href|http-equiv|type)(?![\w:-])"
                   r"(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?", re.I)  # only what the reader uses
_RAW = {t: re.compile(rf"</{t}\s*>", re.I) for t in ("script", "style", "textarea", "title")}


def _attrs(raw: str) -> list[tuple[str, str | None]]:
    out = []
    for m in _ATTR.finditer(raw):
        v = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out.append((m.group(1).lower(), unescape(v) if v is not None else None))
    return out


def _feed(r: _Reader, html: str) -> None:
    """A fast tokenizer for the generator's well-formed pages, driving the same callbacks as
    ``HTMLParser`` would (several times faster: 12,000 Berlin pages are read in every test run)."""
    pos, n = 0, len(html)
    while pos < n:
        m = _TOKEN.search(html, pos)
        if m is None:
            r.handle_data(unescape(html[pos:]))
            break
        if m.start() > pos:
            r.handle_data(unescape(html[pos:m.start()]))
        pos = m.end()
        tag = m.group(2)
        if tag is None:
            continue  # comment, doctype, processing instruction
        tag = tag.lower()
        if m.group(1):
            r.handle_endtag(tag)
            continue
        raw = m.group(3) or ""
        closed = raw.rstrip().endswith("/")
        attrs = _attrs(raw.rstrip().rstrip("/")) if raw.strip() else []
        if closed:
            r.handle_startendtag(tag, attrs)
            continue
        r.handle_starttag(tag, attrs)
        if tag in _RAW and (end := _RAW[tag].search(html, pos)):  # raw text up to its end tag
            text = html[pos:end.start()]
            r.handle_data(unescape(text) if tag in ("textarea", "title") else text)
            pos = end.start()


def read(html: str, where: str = "") -> Page:
    """The page as a reader sees it (see the module's docstring for what is visible)."""
    r = _Reader(where)
    _feed(r, html)
    r._flush("body")
    if r.page.title:
        r.page.alternatives.append(r.page.title)
    return r.page


# --- sentences ---------------------------------------------------------------------------------
ABBREVIATIONS = ("z. B.", "z.B.", "u. a.", "d. h.", "bzw.", "ca.", "Nr.", "Abs.", "Art.", "vgl.", "S.", "Tab.",
                 "Abb.", "inkl.", "ggf.", "usw.", "etc.", "Dr.", "Str.", "u.a.", "o. ä.", "i. d. R.", "gem.")
_ABBR = re.compile("|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)))
_END = re.compile(r"(?<=[.!?])[“”\"»)]?\s+(?=[„\"«(]?[A-ZÄÖÜ0-9−+])")


def sentences(text: str) -> list[str]:
    """A block split into sentences (a full stop, ! or ? and a space before a capital or a number;
    abbreviations and dates do not end a sentence)."""
    out = []
    for line in text.split("\n"):
        guarded = _ABBR.sub(lambda m: m.group().replace(".", "\x00"), line)
        out += [s.replace("\x00", ".").strip() for s in _END.split(guarded) if s.strip()]
    return out
