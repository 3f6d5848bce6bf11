"""Shared fixtures. Expensive things (a validated city, a built site) are made once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import paths
from generator.inputs.validate import validate_city

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
BERLIN_SRC = TESTS / "data" / "berlin-mss"


@pytest.fixture(scope="session")
def oberhausen():
    return validate_city(paths.city_dir("oberhausen"))


@pytest.fixture(scope="session")
def results(oberhausen):
    from generator.index.edition import compute_all
    return compute_all(oberhausen)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The default site, built once into a temporary folder (SOURCE_DATE_EPOCH fixed)."""
    from generator.build import build
    out = tmp_path_factory.mktemp("site") / "site"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        build("oberhausen", out, docs_dir=None)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return out


@pytest.fixture(scope="session")
def berlin_site(tmp_path_factory):
    """Berlin's four editions (448 areas each), built once per test process: the tests that use it
    share one xdist group („berlin“) so that it is built once in the whole run."""
    from generator.build import build
    site = tmp_path_factory.mktemp("berlin") / "site"
    build("berlin-mss", site, docs_dir=None)
    return site


@pytest.fixture()
def city_copy(tmp_path):
    """A writable copy of the demonstration city, for tests that change inputs."""
    target = tmp_path / "data" / "oberhausen"
    shutil.copytree(paths.city_dir("oberhausen"), target, ignore=shutil.ignore_patterns("quellen"))
    return target
