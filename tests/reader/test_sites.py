"""The reader over both built sites, all editions: Oberhausen (the demonstration city) and Berlin
(four MSS editions, 448 planning areas). One test per check, so that a failure names the family;
each site is read once per test process (module fixtures; the Berlin tests share the „berlin“
xdist group with tests/datasets/test_berlin_site.py, so its site is built once)."""

from __future__ import annotations

import time

import pytest

from generator import paths
from reader.audit import check_site
from reader.report import CHECKS

# What each site must at least give the checks to judge (so that a check cannot pass by seeing nothing).
MINIMUM = {
    "oberhausen": {"vergleich-band": 1000},
    "berlin-mss": {"vergleich-band": 10000},
}


def _run(site, city):
    start = time.process_time()
    report = check_site(site, paths.city_dir(city))
    print(f"\n{report.table(f'Leser {city}: {time.process_time() - start:.1f} s CPU')}")
    return report


@pytest.fixture(scope="module")
def oberhausen_report(built_site):
    return _run(built_site, "oberhausen")


@pytest.fixture(scope="module")
def berlin_report(berlin_site):
    return _run(berlin_site, "berlin-mss")


def _assert_clean(report, check, city):
    seen, found = report.counts()[check]
    assert seen >= MINIMUM[city].get(check, 0), f"{check}: only {seen} judged"
    findings = report.of(check)
    assert not findings, f"{len(findings)} × {CHECKS[check]}:\n" + "\n".join(str(f) for f in findings[:25])


@pytest.mark.xdist_group("reader-oberhausen")
@pytest.mark.parametrize("check", list(CHECKS))
def test_oberhausen(oberhausen_report, check):
    _assert_clean(oberhausen_report, check, "oberhausen")


@pytest.mark.slow
@pytest.mark.xdist_group("berlin")
@pytest.mark.parametrize("check", list(CHECKS))
def test_berlin(berlin_report, check):
    _assert_clean(berlin_report, check, "berlin-mss")
