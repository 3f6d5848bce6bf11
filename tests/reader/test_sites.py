"""The reader over both built sites, all editions: Oberhausen (the demonstration city) and Berlin
(four MSS editions, 448 planning areas). One test per check, so that a failure names the family;
each site is built once per run and read once (support.shared; the Berlin tests share the „berlin“
xdist group with tests/datasets/test_berlin_site.py, so that the other process never waits for them)."""

from __future__ import annotations

import time

import pytest

from generator import paths
from reader.audit import check_site
from reader.report import CHECKS

from support import shared_value

# What each site must at least give the checks to judge (so that a check cannot pass by seeing nothing):
# about four fifths of what the structure of the site gives today (81 classified quarter pages in
# Oberhausen, 1,741 in Berlin; every page for the grammar families; each edition's change page).
GRAMMAR = ("präposition-doppelt", "klammer-wiederholt", "adjektiv-undekliniert", "verb-numerus", "artikel-fehlt",
           "artikel-kasus", "leerzeichen-satzende", "kasus-wie-viele", "minus-null", "interne-namen", "bauwort")
MINIMUM = {
    "oberhausen": {"vergleich-band": 1000, "vergleich-uneinheitlich": 500, "klassentext": 150,
                   "klassentext-fehlt": 150, "klasse-index": 150, "klasse-einleitung": 300, "abstand": 150,
                   "knapp": 60, "deutlich-abweichend": 30, "wechsel-relativ": 2, "wechsel-richtung": 10,
                   "wechsel-knapp": 10, "wechsel-zahlen": 4, "wechsel-fokus": 5, "wechsel-zeitfenster": 2,
                   "fokus-regel": 20, "fokus-erklaerung": 20, **{g: 1000 for g in GRAMMAR}},
    "berlin-mss": {"vergleich-band": 10000, "vergleich-uneinheitlich": 5000, "vergleich-differenz": 500,
                   "klassentext": 3000, "klassentext-fehlt": 3000, "klasse-index": 3000, "klasse-einleitung": 6000,
                   "abstand": 3000, "knapp": 1000, "deutlich-abweichend": 500, "wechsel-relativ": 3,
                   "wechsel-richtung": 300, "wechsel-knapp": 300, "wechsel-zahlen": 6, "wechsel-fokus": 100,
                   "fokus-regel": 400, "fokus-erklaerung": 400, **{g: 12000 for g in GRAMMAR}},
}


def _run(site, city):
    start = time.process_time()
    report = check_site(site, paths.city_dir(city))
    print(f"\n{report.table(f'Leser {city}: {time.process_time() - start:.1f} s CPU')}")
    return report


@pytest.fixture(scope="session")
def oberhausen_report(built_site, tmp_path_factory):
    return shared_value(tmp_path_factory, "leser-oberhausen", lambda: _run(built_site, "oberhausen"))


@pytest.fixture(scope="session")
def berlin_report(berlin_site, tmp_path_factory):
    return shared_value(tmp_path_factory, "leser-berlin", lambda: _run(berlin_site, "berlin-mss"))


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
