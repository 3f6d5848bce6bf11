"""The legal pages' mandatory parts (../shared/docs/legal-pages-nrw.md): an `amtlich` city that
lacks one is refused with a located problem; a demonstration shows marked placeholders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config.legal import MANDATORY
from generator.errors import InputError
from generator.inputs.validate import validate_city
from support import minimal_city, validation_problems

FILLED = {
    "impressum": {"anbieter": "Stadt Musterstadt", "rechtsform": "Körperschaft des öffentlichen Rechts",
                  "vertreten_durch": "Oberbürgermeisterin Erika Mustermann", "adresse": "Rathausplatz 1, 40000 Musterstadt",
                  "telefon": "0200 123-0", "email": "info@musterstadt.de",
                  "aufsichtsbehoerde": "Bezirksregierung Düsseldorf, Cecilienallee 2, 40474 Düsseldorf",
                  "verantwortlich": {"name": "Max Beispiel", "adresse": "Rathausplatz 1, 40000 Musterstadt"}},
    "datenschutz": {"datenschutzbeauftragte": {"name": "Datenschutzbeauftragte der Stadt Musterstadt",
                                               "email": "datenschutz@musterstadt.de"},
                    "hoster": "Stadtwerke-IT GmbH, Werkstraße 2, 40000 Musterstadt", "speicherdauer": "7 Tage",
                    "rueckmeldung_empfaenger": "Fachbereich Statistik; E-Mail-Betrieb: Stadtwerke-IT GmbH",
                    "rueckmeldung_speicherdauer": "bis die Anfrage erledigt ist, längstens 12 Monate"},
    "barrierefreiheit": {"status": "teilweise vereinbar", "stand": dt.date.today().isoformat(),
                         "kontakt": {"name": "Fachbereich Statistik", "email": "barrierefrei@musterstadt.de"},
                         "kontaktformular": "https://www.musterstadt.de/barriere-melden"},
}


def _city(tmp_path: Path, **changes) -> Path:
    return minimal_city(tmp_path, **changes)


def _legal_problems(city: Path) -> list:
    return [p for p in validation_problems(city) if p.code.startswith("legal")]


def test_the_demonstration_may_show_placeholders(tmp_path):
    assert _legal_problems(_city(tmp_path)) == []


def test_an_amtlich_city_with_placeholders_is_refused_for_each_missing_part(tmp_path):
    problems = _legal_problems(_city(tmp_path, datenstand="amtlich"))
    fields = {p.field for p in problems if p.code == "legal-missing"}
    # the minimal city fills some parts (address, NRW defaults) and leaves the rest as placeholders
    assert {"impressum.rechtsform", "impressum.telefon", "impressum.verantwortlich.name",
            "datenschutz.hoster", "datenschutz.speicherdauer", "datenschutz.rueckmeldung_empfaenger",
            "datenschutz.rueckmeldung_speicherdauer", "barrierefreiheit.kontaktformular"} <= fields
    assert "datenschutz.aufsichtsbehoerde.name" not in fields  # the NRW default (LDI NRW) is filled
    for p in problems:
        assert p.file == "stadt.yaml" and p.row is not None and p.field in p.hint


def test_an_amtlich_city_with_every_part_builds_its_validation(tmp_path):
    # FILLED has no videos in Deutscher Gebärdensprache: their absence is a declared barrier of the
    # accessibility statement, not a gap that stops an official site
    assert "gebaerdensprache" not in FILLED
    assert _legal_problems(_city(tmp_path, datenstand="amtlich", **FILLED)) == []


def _line_of(text: str, path: str) -> int:
    """The line of a nested key, found by reading the YAML text as a person would: each part of the
    path at the next indentation below the previous one."""
    lines, start = text.splitlines(), 0
    for depth, key in enumerate(path.split(".")):
        start = next(i for i in range(start, len(lines)) if lines[i].startswith(" " * 2 * depth + key + ":"))
    return start + 1


@pytest.mark.parametrize("path", [p for p, _ in MANDATORY])
def test_each_mandatory_part_is_checked(tmp_path, path):
    data = yaml.safe_load(yaml.safe_dump(FILLED))
    *parents, last = path.split(".")
    node = data
    for p in parents:
        node = node.setdefault(p, {})
    node[last] = ""
    city = _city(tmp_path, datenstand="amtlich", **data)
    problems = _legal_problems(city)
    assert [(p.code, p.field) for p in problems] == [("legal-missing", path)]
    assert problems[0].row == _line_of((city / "stadt.yaml").read_text(encoding="utf-8"), path)
    assert path in problems[0].hint


def test_the_cli_names_file_line_and_key(tmp_path, capsys):
    city = _city(tmp_path, datenstand="amtlich", **{**FILLED, "impressum": {**FILLED["impressum"], "telefon": ""}})
    assert main(["validate", "--data-dir", str(city.parent), "--city", city.name]) == 2
    err = capsys.readouterr().err
    assert "stadt.yaml, Zeile" in err and "„impressum.telefon“" in err and "Telefon" in err and "Traceback" not in err


def test_a_review_older_than_a_year_is_refused_for_amtlich(tmp_path):
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    city = _city(tmp_path, datenstand="amtlich", **{**FILLED, "barrierefreiheit": {**FILLED["barrierefreiheit"], "stand": old}})
    assert [p.code for p in _legal_problems(city)] == ["legal-outdated"]


def test_full_compliance_cannot_be_claimed_while_barriers_are_listed(tmp_path):
    city = _city(tmp_path, barrierefreiheit={**FILLED["barrierefreiheit"], "status": "vollständig vereinbar"})
    assert [p.code for p in _legal_problems(city)] == ["legal-status"]


def test_a_status_wording_the_law_does_not_know_is_refused(tmp_path):
    city = _city(tmp_path, barrierefreiheit={**FILLED["barrierefreiheit"], "status": "weitgehend vereinbar"})
    with pytest.raises(InputError) as info:
        validate_city(city)
    assert any(p.field == "barrierefreiheit.status" for p in info.value.problems)
