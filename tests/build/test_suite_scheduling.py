"""The suite's own promise: tests that share an xdist group run in one process (`make test` uses
`--dist loadgroup`), so that the Berlin site, the reader's reports and the attacker's two sites are
made by the process that uses them while the other one runs other tests. pytest 9.2 stopped reading
the group that pytest-xdist 3.8 writes into the test id, and every group was silently split (each
Berlin setup then waited two minutes for the other process): this runs a small suite and asserts
where its tests ran."""

from __future__ import annotations

import re
import subprocess
import sys


def test_tests_of_one_xdist_group_run_in_one_process(tmp_path):
    (tmp_path / "test_grouped.py").write_text(
        "import os, time, pytest\n"
        "pytestmark = pytest.mark.xdist_group('gruppe')\n"
        "@pytest.mark.parametrize('i', range(6))\n"
        "def test_grouped(i):\n    time.sleep(0.2)\n", encoding="utf-8")
    (tmp_path / "test_free.py").write_text(
        "import time, pytest\n"
        "@pytest.mark.parametrize('i', range(6))\n"
        "def test_free(i):\n    time.sleep(0.2)\n", encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "no:cacheprovider",
                          str(tmp_path)], capture_output=True, text=True, cwd=tmp_path).stdout
    grouped = set(re.findall(r"\[(gw\d)\].*PASSED test_grouped\.py", out))
    free = set(re.findall(r"\[(gw\d)\].*PASSED test_free\.py", out))
    assert len(re.findall(r"PASSED test_grouped\.py", out)) == 6, out[-2000:]
    assert len(grouped) == 1, out[-2000:]  # the whole group in one process
    assert len(free) == 2, out[-2000:]  # and the scheduler still uses both processes
