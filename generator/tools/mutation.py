"""The mutation score per module from mutmut's results (`make mutation`).

Score = killed / (mutants checked − mutants listed as equivalent). Equivalent mutants (a change
that cannot alter behaviour) are listed with their reason in tests/mutation-equivalents.txt; every
other survivor is a gap in the tests. Writes bench-results/mutation.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .. import paths

EQUIVALENTS = paths.ROOT / "tests" / "mutation-equivalents.txt"


def equivalents() -> dict[str, str]:
    out = {}
    if EQUIVALENTS.exists():
        for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, reason = line.partition(":")
                out[name.strip()] = reason.strip()
    return out


def results(mutmut: str) -> dict[str, str]:
    text = subprocess.run([mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
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
    parser.add_argument("--out", type=Path, default=paths.ROOT / "bench-results" / "mutation.json")
    args = parser.parse_args(argv)
    table = report(results(args.mutmut), equivalents())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=2), encoding="utf-8")
    for module, row in table.items():
        print(f"{module:40} {row['score']!s:>6} %  getötet {row.get('killed', 0) + row.get('timeout', 0):4}  "
              f"überlebt {row.get('survived', 0):3}  gleichwertig {row.get('equivalent', 0):3}  "
              f"ungeprüft {row.get('not checked', 0):3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
