"""Helpers the tests share (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from pathlib import Path


def publish_edition(data, res, out):
    """One edition's package written to ``out`` at the city's own address: (tables, manifest)."""
    from generator.build import public_address
    from generator.publish.package import build_package
    from generator.publish.tables import published
    tables = published(data, res)
    return tables, build_package(data, res, tables, out, public_address(data))



def minimal_city(root, videos: bool = False, **changes):
    """A copy of tests/fixtures/minimal-city at ``root``/data/city with top-level keys of stadt.yaml
    replaced by ``changes`` (and the sign-language fixture's files in videos/ if asked); returns the folder."""
    import shutil
    from pathlib import Path

    import yaml
    fixtures = Path(__file__).resolve().parent / "fixtures"
    city = root / "data" / "city"
    shutil.copytree(fixtures / "minimal-city", city)
    if videos:
        shutil.copytree(fixtures / "sign-language" / "videos", city / "videos")
    data = yaml.safe_load((city / "stadt.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    (city / "stadt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return city


def validation_problems(city) -> list:
    """Every problem `validate` finds in the city folder ([] when it is valid)."""
    from generator.errors import InputError
    from generator.inputs.validate import validate_city
    try:
        validate_city(city)
    except InputError as exc:
        return exc.problems
    return []


def build_sign_language_site(root):
    """The minimal city with one video in Deutscher Gebärdensprache (topic „inhalte“, the fixture in
    tests/fixtures/sign-language/) built into ``root``/site; returns the site folder."""
    import os

    from generator.build import build
    minimal_city(root, videos=True, gebaerdensprache={"videos": [
        {"thema": "inhalte", "titel": "Was diese Website zeigt", "datei": "videos/inhalte.mp4",
         "untertitel": "videos/inhalte.vtt", "dauer": "0:01"}]})
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        build("city", root / "site", data_dir=root / "data", docs_dir=None)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return root / "site"


def shared(tmp_path_factory, name: str, make) -> Path:
    """A read-only product made once for the whole run, not once per test process: the first
    process that needs it makes it under a lock in the run's common temporary folder, the others
    wait and use it. Tests never write into it (a test that changes a site copies it first)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-xdist: the folder above the workers' own
    target, done = base / f"geteilt-{name}" / "site", base / f"geteilt-{name}.fertig"
    with open(base / f"geteilt-{name}.sperre", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            if target.parent.exists():
                shutil.rmtree(target.parent)  # a process that died while making it
            make(target)
            done.touch()
    return target


def shared_value(tmp_path_factory, name: str, make):
    """A value computed once for the whole run (pickled beside the shared sites)."""
    def store(target: Path) -> None:
        target.mkdir(parents=True)
        (target / "wert.pickle").write_bytes(pickle.dumps(make()))
    return pickle.loads((shared(tmp_path_factory, name, store) / "wert.pickle").read_bytes())
