"""`sozialbericht sozialindex` for a statistics office's own CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from generator.datasets import berlin
from generator.cli import main

SRC = Path(__file__).resolve().parents[1] / "data" / "berlin-mss" / "2021" / "index-indicators.csv"
ARGS = ["--id", "PLR_ID", "--population", "EW", "--status", "S1,S3,S4", "--dynamics", "D1,D3,D4", "--exclude", "10100205"]


def _read(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def _german(tmp_path: Path) -> Path:
    """The same table as German Excel writes it: semicolons and decimal commas."""
    rows = list(csv.reader(open(SRC, encoding="utf-8")))
    out = tmp_path / "deutsch.csv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(rows[0])
        for r in rows[1:]:
            w.writerow([c.replace(".", ",") for c in r])
    return out


def test_berlin_2021_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "ergebnis.csv"
    assert main(["sozialindex", str(SRC), *ARGS, "--out", str(out)]) == 0
    result = _read(out)
    assert len(result) == 542
    assert list(next(iter(result.values())))[:8] == ["id", "gueltig", "statusindex", "statusklasse", "dynamikindex",
                                                     "dynamikklasse", "sozialindex", "fokus"]
    assert {"z_S1", "z_S3", "z_S4", "z_D1", "z_D3", "z_D4"} <= set(next(iter(result.values())))
    assert "01100101" in result  # ids keep their leading zeros
    pub = berlin.published_2021()
    for pid, row in pub.iterrows():
        r = result[pid]
        if row["KOM"] == "gültig":
            assert r["gueltig"] == "true" and int(r["statusklasse"]) == row["SI_N"] and r["sozialindex"] == row["SDI"]
        else:
            assert r["gueltig"] == "false" and r["statusklasse"] == r["statusindex"] == r["sozialindex"] == ""
    assert "03400831" in capsys.readouterr().err  # the empty population cell is named


def test_semicolon_and_decimal_comma_are_detected(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    main(["sozialindex", str(SRC), *ARGS, "--out", str(a)])
    assert main(["sozialindex", str(_german(tmp_path)), *ARGS, "--out", str(b)]) == 0
    assert _read(a) == _read(b)


@pytest.mark.parametrize("args, message", [
    (["--status", "S1,S9"], "„S9“ gibt es nicht"),
    (["--id", "ID"], "„ID“ gibt es nicht"),
])
def test_unknown_columns_are_a_clear_error(tmp_path, capsys, args, message):
    base = dict(zip(ARGS[::2], ARGS[1::2]))
    base.update(dict(zip(args[::2], args[1::2])))
    flat = [x for kv in base.items() for x in kv]
    assert main(["sozialindex", str(SRC), *flat]) == 2
    assert message in capsys.readouterr().err


def test_text_that_is_not_a_number(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,ew,s\n1,1000,3.5\n2,1000,viel\n3,1000,2\n4,900,1\n", encoding="utf-8")
    assert main(["sozialindex", str(bad), "--id", "id", "--population", "ew", "--status", "s"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv, Zeile 3, Spalte „s“" in err and "„viel“ ist keine Zahl" in err


def test_too_few_valid_areas(tmp_path, capsys):
    small = tmp_path / "small.csv"
    small.write_text("id,ew,s\n1,100,3.5\n2,1000,2\n3,50,2\n", encoding="utf-8")
    assert main(["sozialindex", str(small), "--id", "id", "--population", "ew", "--status", "s"]) == 2
    assert "gültige Gebiete" in capsys.readouterr().err


def test_semicolons_with_decimal_points_are_not_read_as_thousands(tmp_path):
    """Issue 20: „1.5“ in a semicolon file was read as 15. A `;` file written with decimal points (pandas,
    R's write.csv2 with dec=".") gives the same indices as the comma original."""
    rows = list(csv.reader(open(SRC, encoding="utf-8")))
    dotted = tmp_path / "punkt.csv"
    with open(dotted, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    main(["sozialindex", str(SRC), *ARGS, "--out", str(a)])
    assert main(["sozialindex", str(dotted), *ARGS, "--out", str(b)]) == 0
    assert _read(a) == _read(b)


def test_a_dot_among_decimal_commas_is_a_located_problem_not_a_thousand(tmp_path, capsys):
    german = _german(tmp_path)
    lines = german.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]], delimiter=";"))
    cells = next(csv.reader([lines[5]], delimiter=";"))
    cells[header.index("S1")] = "1.5"
    lines[5] = ";".join(cells) + "\n"
    german.write_text("".join(lines), encoding="utf-8")
    assert main(["sozialindex", str(german), *ARGS]) == 2
    err = capsys.readouterr().err
    assert "deutsch.csv, Zeile 6, Spalte „S1“" in err and "„1.5“" in err and "„1,5“ oder „15“" in err
