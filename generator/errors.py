"""Typed errors. The library raises these; only the CLI turns them into text and exit codes.

Every problem with the input carries a stable ``code`` (like frictionless' error types): tests,
scripts and the documentation refer to the code, never to the German wording, which may improve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "note"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth saying about) the input, located as a user sees it.

    ``row`` is the spreadsheet row (the header is row 1) or the line of a YAML/JSON file, ``None``
    for file-level problems; ``field`` is a column, a configuration key (``geheimhaltung.mindestnenner``)
    or a GeoJSON property.
    """

    file: str
    message: str
    hint: str = ""
    row: int | None = None
    field: str | None = None
    code: str = "input-invalid"
    severity: Severity = "error"
    cell: str | None = None  # a workbook cell such as "D14" (imports from spreadsheets)
    sheet: str | None = None

    @property
    def field_kind(self) -> str:
        """How the file's own format calls a place: a YAML key, a GeoJSON property, else a column."""
        if self.file.endswith((".yaml", ".yml")):
            return "Schlüssel"
        if self.file.endswith((".geojson", ".json")):
            return "Eigenschaft"
        return "Spalte"

    def location(self) -> str:
        where = self.file
        if self.sheet is not None:
            where += f", Tabelle „{self.sheet}“"
        if self.cell is not None:
            where += f", Zelle {self.cell}"
        elif self.row is not None:
            where += f", Zeile {self.row}"
        if self.field:
            where += f", {self.field_kind} „{self.field}“"
        return where

    def format(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


class SozialberichtError(Exception):
    """Base of every error the generator raises on purpose."""

    code = "sozialbericht-error"


class InputError(SozialberichtError):
    """The input data has problems; all of them are collected in ``problems``."""

    code = "input-invalid"

    def __init__(self, problems: list[Problem], notes: list[Problem] | None = None):
        self.problems = list(problems)
        self.notes = list(notes or [])
        super().__init__(f"{len(self.problems)} Problem(e) in den Eingabedaten")

    def __reduce__(self):  # crosses process boundaries (the build's process pool) whole
        return (type(self), (self.problems, self.notes))

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


class SettingsError(SozialberichtError):
    """Parameters of the index computation are wrong (unknown key, bad value)."""

    code = "settings-invalid"


class ComputationError(SozialberichtError):
    """The index cannot be computed (e.g. too few valid areas)."""

    code = "computation-impossible"


class BuildError(SozialberichtError):
    """A later stage (package, render, mkdocs) failed; the previous output is kept."""

    code = "build-failed"


class UnsafePathError(BuildError):
    """A file would be written outside the folder it belongs to (defence in depth)."""

    code = "path-outside-site"
