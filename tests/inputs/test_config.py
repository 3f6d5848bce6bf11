"""Configuration: every key of stadt.yaml and of an edition file, given a value of the wrong type,
becomes a located problem (file, line, key, code) and exit 2 – never a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from generator.cli import main
from generator.config.models import CityConfig, EditionConfig
from generator.errors import InputError
from generator.inputs.validate import validate_city

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
EDITION = "editionen/2020.yaml"


def _wrong(annotation) -> object:
    """A value of the wrong type for a field of this annotation."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _wrong(args[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return _wrong(args[0])
    if origin is typing.Literal:
        return 42
    if origin is tuple:
        return "ein Wort statt einer Liste"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "ein Wort statt einer Zuordnung"
    return {str: ["eine", "Liste"], int: "dreihundert", float: "viel", dt.date: "gestern", bool: "vielleicht"}[annotation]


def _keys(model: type[BaseModel], prefix: str = "") -> list[tuple[str, object]]:
    """Every key path of a model with a wrong value for it, nested models included."""
    out = []
    for name, info in model.model_fields.items():
        out.append((prefix + name, _wrong(info.annotation)))
        inner = [a for a in typing.get_args(info.annotation) if isinstance(a, type) and issubclass(a, BaseModel)
                 and typing.get_origin(info.annotation) is not tuple]  # list entries: tested on their own
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            inner = [info.annotation]
        for sub in inner:
            out += _keys(sub, f"{prefix}{name}.")
    return out


def _city(tmp_path: Path) -> Path:
    city = tmp_path / "data" / "city"
    shutil.copytree(MINIMAL, city)
    return city


def _set(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for p in parents:
        if not isinstance(data.get(p), dict):
            data[p] = {"name": "x", "titel": "x", "pfad": "x", "stand": "x", "kontakt": "x", "schlichtungsstelle": "x"} \
                if p != "geheimhaltung" else {}
        data = data[p]
    data[last] = value


def _problems(city: Path) -> list:
    with pytest.raises(InputError) as info:
        validate_city(city)
    return info.value.problems


CASES = [("stadt.yaml", k, v) for k, v in _keys(CityConfig)] + [(EDITION, k, v) for k, v in _keys(EditionConfig)]


@pytest.mark.parametrize("file,key,wrong", CASES, ids=[f"{f}:{k}" for f, k, _ in CASES])
def test_a_wrong_type_is_a_located_problem(tmp_path, file, key, wrong):
    city = _city(tmp_path)
    data = yaml.safe_load((city / file).read_text(encoding="utf-8"))
    _set(data, key, wrong)
    (city / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = [p for p in _problems(city) if p.file == file and p.field == key]
    assert found, f"no problem for {key}"
    assert found[0].code in ("config-type", "config-value")
    assert found[0].row is not None and found[0].hint


def test_every_field_is_covered():
    assert len(CASES) >= 40
    assert {k for f, k, _ in CASES if f == EDITION} >= {"mindest_einwohner", "dynamik_von", "fokus_codes",
                                                        "geheimhaltung.mindestnenner", "stichtag"}


@pytest.mark.parametrize("key,value,words", [
    ("mindest_einwohner", "dreihundert", "„dreihundert“ ist keine ganze Zahl"),
    ("dynamik_von", "2019", "„2019“ ist keine ganze Zahl"),
    ("fokus_codes", ["x", 33], "Eintrag 1 „x“ ist keine ganze Zahl"),
])
def test_the_reported_cases_exit_2_with_a_located_message(tmp_path, capsys, key, value, words):
    city = _city(tmp_path)
    data = yaml.safe_load((city / EDITION).read_text(encoding="utf-8"))
    data[key] = value
    (city / EDITION).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == 2
    err = capsys.readouterr().err
    assert f"{EDITION}, Zeile" in err and f"Schlüssel „{key}“: {words}" in err and "→" in err
    assert "Traceback" not in err


def test_an_edition_without_indicators_gets_every_index_indicator(tmp_path):
    """Defaults are resolved in one place (config), before any later stage sees the edition."""
    city = _city(tmp_path)
    data = yaml.safe_load((city / EDITION).read_text(encoding="utf-8"))
    del data["status_indikatoren"], data["dynamik_indikatoren"]
    (city / EDITION).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ed = validate_city(city).editions[0]
    indicators = [line.split(",")[0] for line in (city / "indikatoren.csv").read_text(encoding="utf-8").splitlines()[1:]
                  if ",index," in line]
    assert list(ed.status_indikatoren) == indicators == list(ed.dynamik_indikatoren)


def test_configuration_is_frozen():
    ed = EditionConfig.model_validate(yaml.safe_load((MINIMAL / EDITION).read_text(encoding="utf-8")))
    with pytest.raises(ValidationError, match="frozen"):
        ed.mindest_einwohner = 5
