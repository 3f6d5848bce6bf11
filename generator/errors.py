"""Typed errors. The library raises these; only the CLI turns them into text and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as a user sees it in a spreadsheet.

    ``row`` is the spreadsheet row (the header is row 1), ``None`` for file-level problems.
    """

    file: str
    message: str
    hint: str = ""
    row: int | None = None
    field: str | None = None

    def format(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", Zeile {self.row}"
        if self.field:
            where += f", Spalte „{self.field}“"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class SozialberichtError(Exception):
    """Base of every error the generator raises on purpose."""


class InputError(SozialberichtError):
    """The input data has problems; all of them are collected in ``problems``."""

    def __init__(self, problems: list[Problem], notes: list[Problem] | None = None):
        self.problems = list(problems)
        self.notes = list(notes or [])
        super().__init__(f"{len(self.problems)} Problem(e) in den Eingabedaten")


class SettingsError(SozialberichtError):
    """Parameters of the index computation are wrong (unknown key, bad value)."""


class ComputationError(SozialberichtError):
    """The index cannot be computed (e.g. too few valid areas)."""


class BuildError(SozialberichtError):
    """A later stage (package, render, mkdocs) failed; the previous output is kept."""
