"""Shared fixtures. Expensive things (a validated city, a built site) are made once per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import paths
from generator.inputs.validate import validate_city
from support import shared

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
    """The default site, built once per run (SOURCE_DATE_EPOCH fixed)."""
    from generator.build import build

    def make(out):
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
        try:
            build("oberhausen", out, docs_dir=None)
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
    return shared(tmp_path_factory, "oberhausen", make)


@pytest.fixture(scope="session")
def berlin_site(tmp_path_factory):
    """Berlin's four editions (448 areas each), built once per run."""
    from generator.build import build
    return shared(tmp_path_factory, "berlin", lambda out: build("berlin-mss", out, docs_dir=None))


@pytest.fixture()
def city_copy(tmp_path):
    """A writable copy of the demonstration city, for tests that change inputs."""
    target = tmp_path / "data" / "oberhausen"
    shutil.copytree(paths.city_dir("oberhausen"), target, ignore=shutil.ignore_patterns("quellen"))
    return target
