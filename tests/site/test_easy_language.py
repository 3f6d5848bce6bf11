"""The page in Leichte Sprache keeps the rules of the Netzwerk Leichte Sprache that a machine can
check, and covers what a reader needs: the classes, the focus areas, the data status, help."""

from __future__ import annotations

import re

from reader.page import read

NUMBER_WORDS = r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|hundert)\b"
PASSIVE = r"\b(wird|werden|wurde|wurden|worden)\b"


def _page(site) -> str:
    return (site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")


def test_one_statement_per_line_and_simple_grammar(built_site):
    lines = read(_page(built_site)).article
    assert len(lines) > 30
    for line in lines:
        sentences = re.findall(r"[.!?](?=\s|$)", line)
        assert len(sentences) <= 1, line
        assert not re.search(PASSIVE, line), f"Passiv: {line}"
        assert not re.search(r"\bdes\b|\bdeines\b|\bihres\b", line), f"Genitiv: {line}"
        assert not re.search(NUMBER_WORDS, line, re.IGNORECASE), f"Zahlwort: {line}"
        assert "Website" not in line and "Sozialbericht" not in line, line


def test_every_class_the_focus_areas_the_data_status_and_help_are_explained(built_site):
    text = "\n".join(read(_page(built_site)).article)
    for words in ("Status hoch heißt", "Status mittel heißt", "Status niedrig heißt", "Status sehr niedrig heißt",
                  "Dynamik positiv heißt", "Dynamik stabil heißt", "Dynamik negativ heißt",
                  "Stabil heißt nicht: Alles ist gleich geblieben", "Fokus-Quartier", "nicht echt",
                  "Barriere-Freiheit"):
        assert words in text, words
    assert 'href="../barrierefreiheit/' in _page(built_site)
