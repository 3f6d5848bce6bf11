"""YAML data → configuration models, or located problems (never a traceback).

Each pydantic error becomes a Problem with the file, the line of the key, the key path, what is
wrong in German words and what to do, and a stable code:

    config-not-mapping   the file (or a nested key) is no "Schlüssel: Wert" mapping
    config-unknown-key   a key the model does not know (typo?)
    config-missing-key   a required key is absent
    config-type          a value of the wrong type ("dreihundert" for a number)
    config-value         a value of the right type that breaks a rule (thresholds, codes, window)
"""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from . import models
from .models import CityConfig, EditionConfig

_MODEL_NAMES = {n for n, v in vars(models).items() if isinstance(v, type) and issubclass(v, BaseModel)}

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "int_type": "ist keine ganze Zahl", "int_parsing": "ist keine ganze Zahl", "int_from_float": "ist keine ganze Zahl",
    "float_type": "ist keine Zahl", "float_parsing": "ist keine Zahl",
    "string_type": "ist kein Text", "bool_type": "ist kein Wahrheitswert (true/false)",
    "date_type": "ist kein Datum", "date_parsing": "ist kein Datum", "date_from_datetime_parsing": "ist kein Datum",
    "tuple_type": "ist keine Liste", "list_type": "ist keine Liste",
    "model_type": "ist keine Zuordnung „Schlüssel: Wert“", "dict_type": "ist keine Zuordnung „Schlüssel: Wert“",
    "model_attributes_type": "ist keine Zuordnung „Schlüssel: Wert“",
}
_TYPE_HINTS = {
    "ist keine ganze Zahl": "Schreiben Sie eine ganze Zahl ohne Anführungszeichen, z. B. 300.",
    "ist keine Zahl": "Schreiben Sie eine Zahl mit Dezimalpunkt und ohne Anführungszeichen, z. B. 1.5.",
    "ist kein Text": "Setzen Sie den Wert in Anführungszeichen, z. B. \"05119\".",
    "ist kein Wahrheitswert (true/false)": "Schreiben Sie true oder false.",
    "ist kein Datum": "Schreiben Sie das Datum als \"JJJJ-MM-TT\", z. B. \"2022-12-31\".",
    "ist keine Liste": "Schreiben Sie eine Liste in eckigen Klammern, z. B. [sgb2, kinderarmut].",
    "ist keine Zuordnung „Schlüssel: Wert“": "Schreiben Sie darunter eingerückte Zeilen „schluessel: wert“; "
                                          "vergleichen Sie mit data/oberhausen/.",
}


def show(value: Any) -> str:
    """A value as a user wrote it in YAML, in German quotes."""
    if value is None:
        return "(leer)"
    if isinstance(value, bool):
        return "„true“" if value else "„false“"
    if isinstance(value, (list, tuple)):
        return "„[" + ", ".join(str(v) for v in value) + "]“"
    if isinstance(value, dict):
        return "„{" + ", ".join(f"{k}: {v}" for k, v in list(value.items())[:4]) + "}“"
    text = str(value)
    return f"„{text[:80]}{'…' if len(text) > 80 else ''}“"


def _known(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed where ``loc`` points (for a "did you mean")."""
    current: Any = model
    for part in loc[:-1]:
        field = getattr(current, "model_fields", {}).get(part) if isinstance(part, str) else None
        if field is None:
            return []
        annotation = field.annotation
        candidates = [a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type)
                      and issubclass(a, BaseModel)]
        if not candidates:
            return []
        current = candidates[0]
    return list(getattr(current, "model_fields", {}))


def _path(loc: tuple) -> tuple[str, int | None]:
    """('geheimhaltung', 'mindestnenner') → "geheimhaltung.mindestnenner"; list positions separately.
    Pydantic adds the model name to union branches ('herausgeber', 'Party', 'name'): dropped."""
    keys = [p for p in loc if isinstance(p, str) and p not in _MODEL_NAMES]
    index = next((p for p in loc if isinstance(p, int)), None)
    return ".".join(keys), index


def problems_of(error: ValidationError, model: type[BaseModel], file: str,
                lines: dict[str, int] | None = None) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    lines = lines or {}
    for err in error.errors(include_url=False):
        kind, loc = err["type"], tuple(err["loc"])
        key, index = _path(loc)
        if (key, kind) in seen and kind not in ("extra_forbidden",):
            continue  # a union reports the same key once per branch
        seen.add((key, kind))
        # list items have their own lines ("gebaerdensprache.videos.1.datei", inputs/read.py key_lines)
        exact = ".".join(str(p) for p in loc if not (isinstance(p, str) and p in _MODEL_NAMES))
        row = lines.get(exact) or lines.get(key) or lines.get(key.rsplit(".", 1)[0])
        item = f"Eintrag {index + 1} " if index is not None else ""
        if kind == "extra_forbidden":
            known = _known(model, loc)
            close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
            hint = (f"Meinten Sie „{close[0]}“? " if close else "") + f"Erlaubt sind: {', '.join(known)}."
            out.append(Problem(file, f"Unbekannter Schlüssel „{key}“.", hint, row, key, "config-unknown-key"))
        elif kind == "missing":
            out.append(Problem(file, f"Pflichtangabe „{key}“ fehlt.", "Ergänzen Sie den Schlüssel in der YAML-Datei.",
                               row, key, "config-missing-key"))
        elif kind in _TYPE_WORDS:
            words = _TYPE_WORDS[kind]
            out.append(Problem(file, f"{item}{show(err['input'])} {words}.", _TYPE_HINTS[words], row, key, "config-type"))
        elif kind == "literal_error":
            expected = str(err.get("ctx", {}).get("expected", ""))
            allowed = "„" + expected.strip("'").replace("' or '", "“ oder „").replace("', '", "“, „") + "“"
            out.append(Problem(file, f"{show(err['input'])} ist nicht erlaubt.", f"Erlaubt sind: {allowed}.",
                               row, key, "config-value"))
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            ctx = err.get("ctx", {})
            limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
            word = "mindestens" if kind.startswith("greater") else "höchstens"
            hint = (_VALUE_HINTS["jahr"] if key in _YEARS else f"Der Wert muss {word} {limit} sein.")
            out.append(Problem(file, f"{item}{show(err['input'])} ist außerhalb des erlaubten Bereichs.",
                               hint, row, key, "config-value"))
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
            out.append(Problem(file, f"{message[:1].upper() + message[1:]}.",
                               _VALUE_HINTS.get(key, "Korrigieren Sie den Wert."), row, key, "config-value"))
        else:  # a rule pydantic knows and we have no German words for yet: still located, still exit 2
            out.append(Problem(file, f"{show(err['input'])} ist hier nicht erlaubt ({err['msg']}).",
                               "Vergleichen Sie mit data/oberhausen/.", row, key, "config-value"))
    return out


_YEARS = ("edition", "veroeffentlicht", "dynamik_von", "dynamik_bis")
_VALUE_HINTS = {
    "jahr": "Schreiben Sie eine vierstellige Jahreszahl, z. B. 2022.",
    "schwellen_status": "Ordnen Sie die drei Schwellen von klein nach groß, z. B. [-1.0, 1.0, 1.5].",
    "schwellen_dynamik": "Ordnen Sie die zwei Schwellen von klein nach groß, z. B. [-1.0, 1.0].",
    "fokus_codes": "Jeder Code ist 10 · Statusklasse (1–4) + Dynamikklasse (1, 3, 5), z. B. [31, 33, 35, 41, 43, 45, 25].",
    "dynamik_bis": "dynamik_von muss vor dynamik_bis liegen, z. B. dynamik_von: 2019, dynamik_bis: 2022.",
    "status_indikatoren": "Löschen Sie den doppelten Eintrag; jeder Indikator zählt im Index einmal.",
    "dynamik_indikatoren": "Löschen Sie den doppelten Eintrag; jeder Indikator zählt im Index einmal.",
    "ausschluss": "Löschen Sie den doppelten Eintrag.",
}


def parse(model: type[M], data: Any, file: str, problems: list[Problem],
          lines: dict[str, int] | None = None) -> M | None:
    if not isinstance(data, dict):
        problems.append(Problem(file, "Die Datei muss eine Zuordnung „Schlüssel: Wert“ sein.",
                                "Vergleichen Sie mit der Beispielkonfiguration in data/oberhausen/.",
                                code="config-not-mapping"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_of(exc, model, file, lines))
        return None


def parse_city(data: Any, file: str, problems: list[Problem], lines: dict[str, int] | None = None) -> CityConfig | None:
    return parse(CityConfig, data, file, problems, lines)


def parse_edition(data: Any, file: str, problems: list[Problem],
                  lines: dict[str, int] | None = None) -> EditionConfig | None:
    return parse(EditionConfig, data, file, problems, lines)
