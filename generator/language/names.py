"""Nouns and names in their cases: the area noun of a city ("das Sozialquartier", "der Planungsraum")
and the names of its areas ("die Innenstadt", "die Schwarze Heide/Alsfeld", "Alstaden",
"der Planungsraum Stülerstraße").

The one place for articles, cases, plurals and the declension of adjectives in names:

- A name with an ``artikel`` (quartiere.csv) is declined with it; leading adjectives take the weak
  ending after the article: "die Schwarze Heide/Alsfeld" → "in der Schwarzen Heide/Alsfeld".
- A name without an article is said bare when it is a place name ("in Alstaden", "in Lirich-Nord").
  A name that is no place name – it has several words, begins with an adjective or ends in a word
  such as "-straße", "-platz", "-viertel" – is put after the area noun, where it keeps its
  nominative form: "im Planungsraum Stülerstraße", "der Planungsraum Großer Tiergarten".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Article = str  # "der", "die", "das" or "" (no article)

DEFINITE = {  # nominative, accusative, dative, genitive
    "der": ("der", "den", "dem", "des"),
    "die": ("die", "die", "der", "der"),
    "das": ("das", "das", "dem", "des"),
}
INDEFINITE = {"der": ("ein", "einen", "einem"), "die": ("eine", "eine", "einer"), "das": ("ein", "ein", "einem")}
NEGATIVE = {"der": ("kein", "keinen", "keinem"), "die": ("keine", "keine", "keiner"), "das": ("kein", "kein", "keinem")}
EACH = {"der": ("jeder", "jeden", "jedem"), "die": ("jede", "jede", "jeder"), "das": ("jedes", "jedes", "jedem")}
THIS = {"der": ("dieser", "diesen", "diesem"), "die": ("diese", "diese", "dieser"), "das": ("dieses", "dieses", "diesem")}
MY = {"der": ("mein", "meinen", "meinem"), "die": ("meine", "meine", "meiner"), "das": ("mein", "mein", "meinem")}
PRONOUN = {"der": "er", "die": "sie", "das": "es"}
POSSESSIVE = {"der": "sein", "die": "ihr", "das": "sein"}  # stem: "seine Seite", "ihre Seite"
IN_DATIVE = {"der": "im", "die": "in der", "das": "im"}
ZU_DATIVE = {"der": "zum", "die": "zur", "das": "zum"}
VON_DATIVE = {"der": "vom", "die": "von der", "das": "vom"}
CASES = ("nom", "akk", "dat", "gen")

# Heads of names that are common nouns, not place names: said after the area noun.
NOUN_HEADS = ("straße", "str.", "platz", "allee", "weg", "damm", "ufer", "chaussee", "ring", "park", "garten",
              "gärten", "kiez", "viertel", "siedlung", "hafen", "markt", "brücke", "kanal", "friedhof", "bahnhof",
              "insel", "gasse", "promenade", "zeile", "steig", "pfad", "graben", "see", "wiese", "forst", "tal",
              "grund", "bogen", "becken", "schanze", "gelände", "gebiet", "stadt", "zentrum", "tor", "hof", "kirche",
              "spitze", "pfuhl", "aue", "halbinsel", "land", "heit", "keit", "ung", "schaft", "berge", "heide",
              "kehle", "werke", "höhe", "spree", "kolonnaden", "werder")
# Adjectives that begin names ("Schwarze Heide", "Neue Mitte"); and endings that mark one.
ADJECTIVES = {"alt", "neu", "groß", "gross", "klein", "schwarz", "weiß", "weiss", "rot", "grün", "blau", "gelb",
              "hoh", "lang", "ober", "unter", "mittler", "inner", "äußer", "nieder", "vorder", "hinter", "schön",
              "breit", "krumm", "tief", "heilig", "golden", "still", "wild", "warm", "kalt", "jung", "hell", "dunkel",
              "frei", "recht", "link", "nördlich", "südlich", "westlich", "östlich"}
ADJECTIVE_SUFFIXES = ("lich", "isch", "sam", "bar")  # not "-ig": "Leipziger" is a place, not an adjective


def _stem(word: str) -> str | None:
    """The stem of an adjective at the start of a name, in its weak ("Schwarze", "Neue") or strong
    form ("Großer", "Gelbes", "Nördlicher"); None for any other word ("Heide", "Leipziger",
    "Hellersdorfer")."""
    if not word[:1].isupper() or "/" in word or "-" in word:
        return None
    for ending in ("er", "es", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            low = stem.lower()
            if low in ADJECTIVES or low.endswith(ADJECTIVE_SUFFIXES):
                return stem
    return None


def leading_adjectives(name: str) -> int:
    """How many words at the start of ``name`` are inflected adjectives (never the last word)."""
    words = name.split(" ")
    n = 0
    while n < len(words) - 1 and _stem(words[n]) is not None:
        n += 1
    return n


def is_place_name(name: str) -> bool:
    """Whether a name without an article can follow "in" bare ("in Alstaden", "in Lirich-Nord")."""
    if " " in name.strip():
        return False
    parts = [p for p in re.split(r"[-/]", name.lower()) if p]
    return not any(p.endswith(NOUN_HEADS) for p in parts)


def _decline(name: str, article: Article, case: str) -> str:
    """The name after its definite article in ``case``: leading adjectives take the weak ending."""
    n = leading_adjectives(name)
    if not n:
        return name
    weak_e = case == "nom" or (case == "akk" and article != "der")
    words = name.split(" ")
    out = [(_stem(w) or w) + ("e" if weak_e else "en") for w in words[:n]]
    return " ".join(out + words[n:])


def genitive_noun(noun: str) -> str:
    """Genitive of a masculine or neuter noun ("des Sozialberichts", "des Planungsraums")."""
    if noun.endswith(("s", "ß", "x", "z")):
        return noun + "es"
    return noun + "s"


def dative_plural(plural: str) -> str:
    """ "in den Sozialquartieren", "in den Planungsräumen"; only the first word of a phrase
    ("Gebieten mit besonderem Aufmerksamkeitsbedarf")."""
    head, _, rest = plural.partition(" ")
    head = head if head.endswith(("n", "s")) else head + "n"
    return head + (f" {rest}" if rest else "")


def capital(text: str) -> str:
    """First letter upper case, the rest as it is (Jinja's capitalize lowercases the rest)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Noun:
    """A common noun with its article and plural: "das Sozialquartier, die Sozialquartiere"."""

    singular: str
    plural: str
    article: Article = "das"

    def the(self, case: str = "nom", capital_first: bool = False) -> str:
        """ "das Sozialquartier", dative "dem Sozialquartier", genitive "des Sozialquartiers"."""
        art = DEFINITE[self.article][CASES.index(case)]
        noun = self.singular
        if case == "gen" and self.article != "die":
            head, _, rest = noun.partition(" ")
            noun = genitive_noun(head) + (f" {rest}" if rest else "")
        out = f"{art} {noun}"
        return capital(out) if capital_first else out

    def a(self, case: str = "nom") -> str:
        """ "ein Sozialquartier", "einen Planungsraum" (nominative, accusative, dative)."""
        return f"{INDEFINITE[self.article][CASES.index(case)]} {self.singular}"

    def no(self, case: str = "nom") -> str:
        """ "kein Sozialquartier", "keinen Planungsraum"."""
        return f"{NEGATIVE[self.article][CASES.index(case)]} {self.singular}"

    def each(self, case: str = "nom") -> str:
        """ "jedes Sozialquartier", "jeden Planungsraum"."""
        return f"{EACH[self.article][CASES.index(case)]} {self.singular}"

    def this(self, case: str = "nom") -> str:
        """ "dieses Sozialquartier", dative "diesem Planungsraum"."""
        return f"{THIS[self.article][CASES.index(case)]} {self.singular}"

    def mine(self, case: str = "nom") -> str:
        """ "mein Quartier", accusative "meinen Planungsraum"."""
        return f"{MY[self.article][CASES.index(case)]} {self.singular}"

    def each_word(self, case: str = "nom") -> str:
        """ "jedes", "jeden", "jede" alone (e.g. "jedes dieser Sozialquartiere")."""
        return EACH[self.article][CASES.index(case)]

    @property
    def pronoun(self) -> str:
        return PRONOUN[self.article]

    @property
    def possessive(self) -> str:
        """ "sein" / "ihr": the stem; "seine Seite" = possessive + "e"."""
        return POSSESSIVE[self.article]

    @property
    def dative_plural(self) -> str:
        return dative_plural(self.plural)

    def count(self, n: int, case: str = "nom") -> str:
        """ "1 Sozialquartier", "8 Sozialquartiere", dative "8 Sozialquartieren"."""
        from .numbers import integer
        if n == 1:
            return f"{integer(n)} {self.singular}"
        return f"{integer(n)} {self.dative_plural if case == 'dat' else self.plural}"

    def number(self, n: int, case: str = "nom") -> str:
        """Singular or plural form alone, for "8 von 27 …"."""
        if n == 1:
            return self.singular
        return self.dative_plural if case == "dat" else self.plural


@dataclass(frozen=True)
class Name:
    """The name of an area as a noun phrase, with or without its article."""

    name: str
    article: Article = ""
    area: Noun | None = None  # the city's area noun, for names said after it

    @property
    def bare(self) -> bool:
        """Said without any article ("Alstaden")."""
        return not self.article and (self.area is None or is_place_name(self.name))

    @property
    def gender(self) -> Article:
        """The article that decides pronouns: the name's own, the area noun's (apposition), or
        neuter for a place name."""
        if self.article:
            return self.article
        return "das" if self.bare or self.area is None else self.area.article

    def _phrase(self, case: str) -> tuple[str, str]:
        """(article, rest) of the phrase in ``case``; article "" for a bare place name."""
        if self.article:
            return DEFINITE[self.article][CASES.index(case)], _decline(self.name, self.article, case)
        if self.bare:
            return "", self.name
        assert self.area is not None
        noun = self.area.the(case).split(" ", 1)[1]
        return DEFINITE[self.area.article][CASES.index(case)], f"{noun} {self.name}"

    def case(self, case: str = "nom", capital_first: bool = False) -> str:
        art, rest = self._phrase(case)
        out = f"{art} {rest}" if art else rest
        return capital(out) if capital_first else out

    def nominative(self, capital: bool = False) -> str:
        return self.case("nom", capital)

    def accusative(self) -> str:
        return self.case("akk")

    def dative(self) -> str:
        return self.case("dat")

    def _contracted(self, table: dict[str, str], plain: str) -> str:
        art, rest = self._phrase("dat")
        if not art:
            return f"{plain} {rest}"
        gender = self.article or (self.area.article if self.area else "das")
        return f"{table[gender]} {rest}"

    def in_(self) -> str:
        """ "in der Innenstadt", "im Brücktorviertel", "in Alstaden", "im Planungsraum Stülerstraße"."""
        return self._contracted(IN_DATIVE, "in")

    def zu(self) -> str:
        """ "zur Innenstadt", "zum Brücktorviertel", "zu Alstaden"."""
        return self._contracted(ZU_DATIVE, "zu")

    def von(self) -> str:
        """ "von der Innenstadt", "vom Brücktorviertel", "von Alstaden"."""
        return self._contracted(VON_DATIVE, "von")

    def fuer(self) -> str:
        """ "für die Innenstadt", "für den Planungsraum Stülerstraße", "für Alstaden"."""
        return f"für {self.accusative()}"

    @property
    def pronoun(self) -> str:
        return PRONOUN[self.gender]

    @property
    def possessive(self) -> str:
        return POSSESSIVE[self.gender]


# --- edition titles ("Sozialbericht 2022", "MSS 2019"): reports are masculine or neuter nouns ---

def edition_in(titel: str) -> str:
    """ "im Sozialbericht 2022", "im MSS 2019"."""
    return f"im {titel}"


def edition_zu(titel: str) -> str:
    """ "zum Sozialbericht 2022"."""
    return f"zum {titel}"


def edition_vom(titel: str) -> str:
    """ "vom Sozialbericht 2020"."""
    return f"vom {titel}"


def edition_dative(titel: str) -> str:
    """ "dem Sozialbericht 2020" (after "gegenüber", "seit")."""
    return f"dem {titel}"


def edition_genitive(titel: str) -> str:
    """ "des Sozialberichts 2022", "des MSS 2019"."""
    head, _, rest = titel.partition(" ")
    if head.isupper() or head.endswith(("s", "ß", "x", "z")):
        return f"des {titel}"
    return f"des {genitive_noun(head)}" + (f" {rest}" if rest else "")


def district_in(noun: "Noun") -> str:
    """ "im Stadtbezirk", "im Bezirk" """
    return f"{IN_DATIVE[noun.article]} {noun.singular}"


def plural_guess(noun: str) -> str:
    """The plural of a configured singular without a plural key ("Stadtbezirk" → "Stadtbezirke",
    "Bezirk" → "Bezirke", "Ortsteil" → "Ortsteile")."""
    if noun.endswith("e"):
        return noun + "n"
    if noun.endswith(("er", "el", "en")):
        return noun
    return noun + "e"


def alphabetical(name: str) -> str:
    """Sort key of a name in German alphabetical order (DIN 5007-1: ä = a, ö = o, ü = u, ß = ss)."""
    return name.casefold().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))
