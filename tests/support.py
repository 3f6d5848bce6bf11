"""Helpers the tests share (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations


def publish_edition(data, res, out):
    """One edition's package written to ``out`` at the city's own address: (tables, manifest)."""
    from generator.build import public_address
    from generator.publish.package import build_package
    from generator.publish.tables import published
    tables = published(data, res)
    return tables, build_package(data, res, tables, out, public_address(data))


def build_sign_language_site(root):
    """The minimal city with one video in Deutscher Gebärdensprache (topic „inhalte“, the fixture in
    tests/fixtures/sign-language/) built into ``root``/site; returns the site folder."""
    import os
    import shutil
    from pathlib import Path

    import yaml

    from generator.build import build
    fixtures = Path(__file__).resolve().parent / "fixtures"
    city = root / "data" / "city"
    shutil.copytree(fixtures / "minimal-city", city)
    shutil.copytree(fixtures / "sign-language" / "videos", city / "videos")
    data = yaml.safe_load((city / "stadt.yaml").read_text(encoding="utf-8"))
    data["gebaerdensprache"] = {"videos": [{"thema": "inhalte", "titel": "Was diese Website zeigt",
                                            "datei": "videos/inhalte.mp4", "untertitel": "videos/inhalte.vtt",
                                            "dauer": "0:01"}]}
    (city / "stadt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
