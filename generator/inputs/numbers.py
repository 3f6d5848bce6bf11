"""The one number parser: every number an office writes as text (CSV cells, text cells of workbooks,
`sozialindex` tables) is read here, by the same rules, stated once.

The rules (README „Eigene Daten einlesen“ says the same in German):

1. **Decimal mark.** A file (or a workbook sheet's text cells) has one convention, ``","`` (German)
   or ``"."`` (English). It is decided by the cells' votes:
   - a vote for ``","``: a comma followed by 1, 2 or 4+ digits („12,5“, „0,1234“), both marks with the
     comma last („1.234,5“), or dot-grouped thousands („1.234“, „12.345.678“, as German Excel writes
     them); a vote for ``"."``: a point followed by 1, 2 or 4+ digits („12.5“, „1.3066“) or both marks
     with the point last („1,234.5“);
   - the convention with more votes wins (a tie: the default); without any vote, the default:
     German for `;`- and tab-separated files and for workbooks (German Excel), English for
     comma-separated files. A comma-separated file is always English: a comma in a number there is
     the problem ``cell-decimal-comma`` (the comma splits the cell);
   - in workbooks the English convention needs unambiguous evidence („1,234.5“): German Excel stores
     „1,64“ as a number, so a text „1.64“ among numbers is a typing slip, not a decimal.
2. **Thousands separators** are accepted only in valid groups of three: „1.234“, „12.345.678“, „1 234“
   (space, no-break space U+00A0, narrow no-break space U+202F, thin space U+2009) in the German
   convention, „1,234“ in the English one. Anything else („1.3066“, „1.64“, „12.34.5“ in a German file)
   is the located problem ``number-thousands-misplaced``, never a guess.
3. **The other mark** in the wrong role („1.5“ in a file that writes „1,5“) is ``number-decimal-mismatch``.
4. **Signs**: „-“, „+“, the minus sign U+2212 „−“ and the dash „–“ directly before the digits.
   **Percent**: a trailing „%“ (with or without space) is allowed; the value is the number as written
   („12,5 %“ → 12.5), and the cell says it was a percentage. **Exponents** („1,5E-05“) are read.
5. **Markers** instead of a number (Zeichenerklärung of the statistical offices): secret „.“, „x“, „X“,
   „*“ → ``geheim``; nothing / not available „-“, „–“, „—“, „…“, „...“, „k.A.“, „k. A.“, „kA“, „n.v.“,
   „/“ → ``fehlt``. A marker is never a zero.
6. **Anything else with digits** („857°“, „ca. 12“, „12a“) is ``number-stray-character``; text without
   digits is ``cell-not-number``; „inf“, „nan“ are ``cell-not-number``.

The parser returns a :class:`Number` — a value, a marker, or a typed problem (stable ``code`` and a
German ``message``); callers add where it was (file, row/cell) and what to do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

GERMAN, ENGLISH = ",", "."

# Markers offices write instead of a number: secret, nothing, not available (never a zero).
SECRET = frozenset({".", "x", "X", "*"})
NOTHING = frozenset({"-", "–", "—", "…", "...", "k.A.", "k. A.", "kA", "n.v.", "/"})
_MARKERS = {**{m: "geheim" for m in SECRET}, **{m: "fehlt" for m in NOTHING}}
_MARKERS_LOOSE = {re.sub(r"\s+", "", m).lower(): v for m, v in _MARKERS.items()}

SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain: thousands groups
MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (typeset German tables)
_SPACE_RE = re.compile(f"[{SPACES}]")
_SHAPE = re.compile(rf"^([+{re.escape(MINUS)}]?)([\d.,{SPACES}]*\d)(?:[eE]([+-]?\d{{1,3}}))?[{SPACES}]?(%?)$")
_DIGIT = re.compile(r"\d")
# Votes for a decimal mark: a mark followed by 1, 2 or 4+ digits at the end („12,5“, „0,1234“), or both
# marks with this one last („1.234,5“); and, for the comma, dot-grouped thousands („1.234“, „12.345.678“)
# as German Excel writes them (a comma-grouped „1,234“ is no vote: German Excel never writes it).
_VOTES = {GERMAN: re.compile(r"(?:,(?:\d{1,2}|\d{4,})$)|(?:\.\d{3},\d*$)|(?:^\d{1,3}(?:\.\d{3})+$)"),
          ENGLISH: re.compile(r"(?:\.(?:\d{1,2}|\d{4,})$)|(?:,\d{3}\.\d*$)")}
_STRONG_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$")


@dataclass(frozen=True)
class Number:
    """One cell read as a number: ``value`` (or None), a ``marker`` (``geheim``/``fehlt``), or a problem."""

    value: float | None = None
    marker: str = ""
    percent: bool = False
    code: str = ""  # "" when the cell is fine (a number, a marker or empty)
    message: str = ""  # German: what is wrong with the text
    literal: str = ""  # the number written plainly with a decimal point, digit for digit („1.234,50“ → „1234.50“)

    @property
    def ok(self) -> bool:
        return not self.code

    @property
    def empty(self) -> bool:
        return self.ok and self.value is None and not self.marker


def marker(text: str) -> str:
    """``geheim``, ``fehlt`` or "" for a cell text."""
    t = text.strip()
    if not t or len(t) > 8:
        return ""
    return _MARKERS.get(t) or _MARKERS_LOOSE.get(re.sub(r"\s+", "", t).lower(), "")


def evidence(text: str) -> str | None:
    """The decimal mark a single cell text votes for, if any (``","``, ``"."`` or None)."""
    if text.isdigit() or ("," not in text and "." not in text):
        return None
    t = _SPACE_RE.sub("", text.strip()).removesuffix("%").rstrip()
    t = re.sub(r"[eE][+-]?\d+$", "", t).lstrip("+" + MINUS)
    if not t or not t[0].isdigit():
        return None
    for mark, rx in _VOTES.items():
        if rx.search(t) and parse(text, mark).ok:
            return mark
    return None


@dataclass(frozen=True)
class Decision:
    mark: str  # "," or "."
    votes: dict[str, int]
    example: str = ""  # a cell that voted for the mark, to show in a note

    def said(self) -> str:
        """German: how the decision was made, e.g. „(312 Zellen wie „12,5“)“ or „(Voreinstellung)“."""
        n = self.votes.get(self.mark, 0)
        if not n or not self.example:  # no vote, a tie, or a mark the caller set: the cells did not decide
            return "(Voreinstellung)"
        return f"({n} {'Zelle' if n == 1 else 'Zellen'} wie „{self.example}“)"


def decide(texts: Iterable[str], default: str, strong_only: bool = False) -> Decision:
    """The decimal mark of a file (or sheet) from its cells' votes (rule 1).

    ``strong_only``: only „1,234.5“ can make it English (workbooks)."""
    count = {GERMAN: 0, ENGLISH: 0}
    example: dict[str, str] = {}
    for text in texts:
        if not text or not _DIGIT.search(text) or len(text) > 40:
            continue
        mark = evidence(text)
        if mark is None:
            continue
        if strong_only and mark == ENGLISH and not _STRONG_ENGLISH.match(_SPACE_RE.sub("", text.strip()).lstrip("+" + MINUS)):
            continue
        count[mark] += 1
        example.setdefault(mark, text.strip())
    if count[GERMAN] == count[ENGLISH]:
        mark = default
    else:
        mark = GERMAN if count[GERMAN] > count[ENGLISH] else ENGLISH
    return Decision(mark, count, example.get(mark, "") if count[GERMAN] != count[ENGLISH] else "")


def _groups_ok(integer: str, sep: str) -> bool:
    """ "1.234.567" with sep "." → True; "1.3066", "12.34" → False."""
    parts = integer.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and all(p.isdigit() for p in parts)


def parse(text: str, decimal: str = GERMAN) -> Number:
    """Read one cell text by the rules above, in the convention ``decimal`` ("," or ".")."""
    t = text.strip()
    if not t:
        return Number()
    if t.isascii() and t.isdigit():  # the common case, fast
        return Number(value=float(t), literal=t)
    m = marker(t)
    if m:
        return Number(marker=m)
    shape = _SHAPE.match(t)
    if shape is None:
        if _DIGIT.search(t) and t.lower() not in ("inf", "nan", "-inf", "+inf"):
            return Number(code="number-stray-character",
                          message=f"„{_short(t)}“ enthält neben der Zahl andere Zeichen.")
        return Number(code="cell-not-number", message=f"„{_short(t)}“ ist keine Zahl.")
    sign, body, exponent, percent = shape.groups()
    other = ENGLISH if decimal == GERMAN else GERMAN
    integer, has_decimal, fraction = body.partition(decimal)
    if decimal in fraction or other in fraction:
        return Number(code="number-decimal-mismatch", message=_mismatch(t, decimal))
    if _SPACE_RE.search(fraction) or (has_decimal and not fraction):
        return Number(code="number-stray-character", message=f"„{_short(t)}“ ist keine vollständige Zahl.")
    spaced = _SPACE_RE.search(integer)
    if spaced or other in integer:
        sep = " " if spaced else other
        flat = _SPACE_RE.sub(" ", integer)
        if (spaced and other in integer) or not _groups_ok(flat, sep):
            return Number(code="number-thousands-misplaced", message=_misplaced(t, sep, decimal))
        integer = flat.replace(sep, "")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        return Number(code="number-stray-character", message=f"„{_short(t)}“ ist keine vollständige Zahl.")
    literal = f"{'-' if sign and sign in MINUS else ''}{integer}{'.' + fraction if fraction else ''}"
    if exponent:
        literal += f"e{exponent}"
    value = float(literal)
    if not math.isfinite(value):
        return Number(code="cell-not-number", message=f"„{_short(t)}“ ist keine endliche Zahl.")
    return Number(value=value, percent=bool(percent), literal=literal)


def _misplaced(t: str, sep: str, decimal: str) -> str:
    word = {" ": "Leerzeichen", ".": "Punkt", ",": "Komma"}[sep]
    dec = "Komma" if decimal == GERMAN else "Punkt"
    plain = _SPACE_RE.sub("", t) if sep == " " else t.replace(sep, "")
    guesses = f"„{plain}“" if sep == " " or t.count(sep) > 1 else f"„{t.replace(sep, decimal)}“ oder „{plain}“"
    return (f"„{_short(t)}“: {'der' if sep == '.' else 'das'} {word} trennt hier Tausender, steht aber nicht vor einer "
            f"Dreiergruppe (die Datei schreibt Dezimalzahlen mit {dec}). Gemeint ist vielleicht {guesses} – "
            "das kann nur die Quelle sagen.")


def _mismatch(t: str, decimal: str) -> str:
    dec = "Komma" if decimal == GERMAN else "Punkt"
    return (f"„{_short(t)}“ ist anders geschrieben als die übrigen Zahlen der Datei (Dezimalzeichen {dec}): "
            "Punkt und Komma sind vertauscht oder doppelt.")


HINTS = {
    "number-thousands-misplaced": "Schreiben Sie die Zahl, wie sie in der Quelle steht: Tausendertrennzeichen nur vor "
                                  "Dreiergruppen (1.234.567), Dezimalzeichen wie in der übrigen Datei.",
    "number-decimal-mismatch": "Schreiben Sie die Zahl mit demselben Dezimalzeichen wie die übrigen Zahlen der Datei.",
    "number-stray-character": "Löschen Sie die Zeichen, die nicht zur Zahl gehören (Einheiten, Grad, Buchstaben); "
                              "Prozent („12,5 %“) ist erlaubt.",
    "cell-decimal-comma": "Speichern Sie mit Semikolon als Trennzeichen oder schreiben Sie einen Dezimalpunkt.",
}


def canonical(text: str, decimal: str = GERMAN) -> str | None:
    """The number written plainly with a decimal point, digit for digit („1.234,50“ → „1234.50“), or None.

    Lossless (no rounding): used where a file is rewritten in the project's own dialect."""
    n = parse(text, decimal)
    return n.literal if n.ok and n.value is not None and not n.percent else None


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[:n] + "…"
