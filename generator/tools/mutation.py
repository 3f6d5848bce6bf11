"""The mutation score per module from mutmut's results (`make mutation`, `make mutation GROUP=…`).

Without a group, mutmut runs with pyproject.toml's [tool.mutmut] (engine and disclosure control).
A group (GROUPS below: the modules where a wrong line hurts users, each with the tests that guard
it) runs in a copy of the project whose [tool.mutmut] names that group's modules and tests, so
that each group's tests run only against its own mutants.

Score = killed / (mutants checked − mutants listed as equivalent). Equivalent mutants (a change
that cannot alter behaviour) are listed with their reason in tests/mutation-equivalents.txt; every
other survivor is a gap in the tests. Writes bench-results/mutation.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from .. import paths

EQUIVALENTS = paths.ROOT / "tests" / "mutation-equivalents.txt"

# group: (modules to mutate, tests that guard them). Tests that build whole sites are left out of
# the groups: one build per mutant would take hours; the modules' unit tests must kill the mutants.
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    # reading numbers and cells from the offices' files
    "zahlen": (["generator/inputs/numbers.py", "generator/inputs/cells.py"],
               ["tests/inputs/test_numbers.py", "tests/inputs/test_tabular.py", "tests/inputs/test_cells.py"]),
    # the importer: rows to areas, columns to roles, merging into the city's files
    "zuordnung": (["generator/onboard/match.py", "generator/onboard/columns.py", "generator/onboard/merge.py"],
                  ["tests/onboard/test_match_units.py", "tests/onboard/test_columns_units.py",
                   "tests/onboard/test_merge.py"]),
    # the sentences: comparison words, class words, numbers as printed, signs
    "sprache": (["generator/language/compare.py", "generator/language/signs.py", "generator/language/numbers.py",
                 "generator/language/classes.py"],
                ["tests/language/"]),
    # the package writer: published tables, file formats, the manifest and SHA256SUMS
    "pakete": (["generator/publish/tables.py", "generator/publish/formats.py", "generator/publish/manifest.py"],
               ["tests/publish/test_writer_units.py"]),
    # the build's swap: atomic exchange, repair, modification times
    "tausch": (["generator/swap.py"], ["tests/build/test_swap.py"]),
}
COPY = ["generator", "tests", "data", "site_templates", "mkdocs.yml", "pyproject.toml", "README.md"]


def run_group(group: str, mutmut: str, jobs: int) -> dict[str, str]:
    """Run mutmut for one group in a copy of the project; its results (mutant → status)."""
    modules, tests = GROUPS[group]
    with tempfile.TemporaryDirectory(prefix=f"mutation-{group}-") as tmp:
        root = Path(tmp)
        for name in COPY:
            src = paths.ROOT / name
            if src.is_dir():
                shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__", "mutants"))
            else:
                shutil.copy2(src, root / name)
        pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
        pyproject = re.sub(r'only_mutate = \[[^\]]*\]', "only_mutate = " + json.dumps(modules), pyproject)
        pyproject = re.sub(r'pytest_add_cli_args_test_selection = \[[^\]]*\]',
                           "pytest_add_cli_args_test_selection = " + json.dumps(tests), pyproject)
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        subprocess.run([mutmut, "run", "--max-children", str(jobs)], cwd=root, check=False)
        return results(mutmut, root)


def equivalents() -> dict[str, str]:
    out = {}
    if EQUIVALENTS.exists():
        for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, reason = line.partition(":")
                out[name.strip()] = reason.strip()
    return out


def results(mutmut: str, cwd: Path | None = None) -> dict[str, str]:
    """mutant → status, as mutmut lists them (in ``cwd``, default the project)."""
    text = subprocess.run([mutmut, "results", "--all", "true"], cwd=cwd, capture_output=True, text=True,
                          check=True).stdout
    out = {}
    for line in text.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep:
            out[name] = status
    return out


def report(states: dict[str, str], equiv: dict[str, str]) -> dict:
    per: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    for name, status in states.items():
        module = name.split(".x_")[0] if ".x_" in name else name.rsplit(".", 1)[0]
        if status == "survived" and name in equiv:
            status = "equivalent"
        per[module][status] += 1
        if status == "survived":
            survivors[module].append(name)
    table = {}
    for module, c in sorted(per.items()):
        checked = sum(n for s, n in c.items() if s not in ("not checked", "equivalent"))
        killed = c["killed"] + c["timeout"]
        table[module] = {**c, "score": round(100 * killed / checked, 1) if checked else None,
                         "survivors": survivors[module]}
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutmut", default=str(Path(sys.executable).with_name("mutmut")))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--group", choices=sorted(GROUPS), help="run mutmut for this group first")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.group:
        states = run_group(args.group, args.mutmut, args.jobs)
    else:
        states = results(args.mutmut)
    out = args.out or paths.ROOT / "bench-results" / f"mutation{'-' + args.group if args.group else ''}.json"
    table = report(states, equivalents())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, ensure_ascii=False, indent=2), encoding="utf-8")
    for module, row in table.items():
        print(f"{module:40} {row['score']!s:>6} %  getötet {row.get('killed', 0) + row.get('timeout', 0):4}  "
              f"überlebt {row.get('survived', 0):3}  gleichwertig {row.get('equivalent', 0):3}  "
              f"ungeprüft {row.get('not checked', 0):3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
