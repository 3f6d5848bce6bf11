"""Findings of the reader, by check (a stable code), with how many things each check looked at."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CHECKS = {
    # comparisons
    "vergleich-band": "Vergleichswort außerhalb des Bandes (±6 % um die genannte Zahl, angezeigte Werte)",
    "vergleich-differenz": "Differenz in Prozentpunkten stimmt nicht mit den angezeigten Werten",
    "vergleich-unbekannt": "Vergleichswendung, die der Leser nicht kennt",
    "vergleich-ohne-zahlen": "Vergleichswort ohne die zwei verglichenen Zahlen im selben Satz/in derselben Zeile",
    "vergleich-uneinheitlich": "dasselbe angezeigte Zahlenpaar mit verschiedenen Wörtern",
    # classes
    "klassentext": "Klassentext passt nicht zur Klasse (Bedeutung, Richtungswörter)",
    "klassentext-fehlt": "Seite mit Klasse ohne Klassentext „Status …:“/„Dynamik …:“",
    "klasse-index": "Indexwert passt nicht zu Klasse und genannten Schwellen",
    "klasse-einleitung": "Einleitung, Sozialindex-Erklärung oder Tabelle widerspricht den Klassen",
    "abstand": "genannter Abstand zur Klassengrenze ist nicht |Index − Grenze|",
    "knapp": "„knapp“/„deutlich“ passt nicht zum Abstand und zur Regel der Seite",
    "knapp-regel": "Seite sagt „knapp“, ohne zu sagen, was knapp heißt, oder mit einer zu engen Regel",
    "deutlich-abweichend": "„am deutlichsten abweichend“ für einen Wert ohne |z| ≥ 1 und ohne Spitzenrang",
    # grammar
    "präposition-doppelt": "Präposition folgt auf Präposition („zu in der …“)",
    "klammer-wiederholt": "dieselbe Wendung in Klammern wiederholt („je 100 Einwohner (je 100 Einwohner)“)",
    "adjektiv-undekliniert": "Adjektiv im Namen nach Artikel/Präposition nicht dekliniert („in der Schwarze Heide“)",
    "verb-numerus": "Verb im Singular zu einem Subjekt im Plural („trägt Alleinerziehende … bei“)",
    "artikel-fehlt": "Name mit Artikel ohne Artikel gebraucht („von Innenstadt“)",
    "artikel-kasus": "Artikel nach Präposition im falschen Fall („auf ein Planungsraum“)",
    "leerzeichen-satzende": "kein Leerzeichen nach dem Satzende („2,43).Bis“)",
    "kasus-wie-viele": "Kasus nach „wie viele“ („Wie viele Menschen … reicht“)",
    "minus-null": "„−0,0“ (eine Null hat kein Vorzeichen)",
    "interne-namen": "interne Kennungen oder Feldnamen im sichtbaren Text",
    "bauwort": "Wörter des Baus im Text („bei jedem Bau“)",
    # class changes
    "wechsel-relativ": "Seite der Klassenwechsel sagt nicht, dass der Index relativ ist",
    "wechsel-knapp": "Klassenwechsel nahe der Grenze ohne „knapp“ und Abstand (oder „knapp“ ohne Grund)",
    "wechsel-zeitfenster": "keine Warnung bei verschiedenen Dynamik-Zeitfenstern",
    "wechsel-fokus": "neue oder weggefallene Fokusquartiere nicht genannt",
    "wechsel-zahlen": "genannte Zahlen passen nicht zu den Zeilen der Tabelle",
    "wechsel-richtung": "Richtung eines Wechsels widerspricht den Klassen",
    "wechsel-reihenfolge": "genannte Sortierung stimmt nicht",
    # Fokus pages
    "fokus-regel": "Fokusseite nennt die Regel nicht, die das Quartier in den Fokus bringt",
    "fokus-erklaerung": "Fokusseite erklärt den entscheidenden Teil nicht",
    # placeholders
    "platzhalter": "Platzhalter-Adresse ohne Platzhalter-Kennzeichnung",
}


@dataclass(frozen=True)
class Finding:
    check: str
    where: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.where}: {self.detail}"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    seen: Counter = field(default_factory=Counter)   # check → how many things it judged

    def add(self, check: str, where: str, detail: str) -> None:
        assert check in CHECKS, check
        self.findings.append(Finding(check, where, detail))

    def saw(self, check: str, n: int = 1) -> None:
        assert check in CHECKS, check
        self.seen[check] += n

    def of(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]

    def counts(self) -> dict[str, tuple[int, int]]:
        """check → (judged, findings)."""
        found = Counter(f.check for f in self.findings)
        return {c: (self.seen[c], found[c]) for c in CHECKS}

    def table(self, title: str) -> str:
        lines = [title, f"{'Prüfung':26} {'geprüft':>8} {'Befunde':>8}  Beispiel"]
        for c, (seen, found) in self.counts().items():
            example = next((str(f) for f in self.findings if f.check == c), "")
            lines.append(f"{c:26} {seen:8} {found:8}  {example[:200]}")
        return "\n".join(lines)
