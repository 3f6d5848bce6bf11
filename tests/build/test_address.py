"""One public address: --base-url (or else the homepage of stadt.yaml) is the only address any
built file cites – pages, sitemap, canonical links, citations, packages, DCAT, CITATION.cff."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from generator.build import build
from generator.cli import main

BASE = "https://statistik.example.de/sozialbericht/"
HOMEPAGE = "example.org/sozialbericht-oberhausen"


def _texts(site):
    """Every file's text, with the members of ZIP and XLSX files opened (as a journalist would)."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        blob = path.read_bytes()
        if path.suffix in (".zip", ".xlsx"):
            with zipfile.ZipFile(io.BytesIO(blob)) as z:
                for name in z.namelist():
                    yield f"{path}!{name}", z.read(name).decode("utf-8", "replace")
        else:
            yield str(path), blob.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("address") / "site"
    build("oberhausen", out, docs_dir=None, base_url=BASE)
    return out


def test_no_file_cites_the_homepage(site):
    assert [name for name, text in _texts(site) if HOMEPAGE in text] == []


def test_every_kind_of_file_uses_the_base_url(site, oberhausen):
    assert f"<loc>{BASE}quartiere/innenstadt/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    page = (site / "quartiere" / "innenstadt" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}quartiere/innenstadt/">' in page
    assert f"{BASE}quartiere/innenstadt/" in page.split("Zitiervorschlag:", 1)[1]
    pkg = site / "daten" / "2022"
    assert json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["homepage"] == f"{BASE}daten/2022/"
    assert f"url: {BASE}daten/2022/" in (pkg / "CITATION.cff").read_text(encoding="utf-8")
    assert f"{BASE}daten/2022/" in (pkg / "README.md").read_text(encoding="utf-8")
    dcat = json.loads((site / "daten" / "dcat.jsonld").read_text(encoding="utf-8"))
    assert dcat["@id"] == f"{BASE}daten/dcat.jsonld"
    datasets = dcat["dcat:dataset"]  # one per edition of the inputs: all() of nothing would be true
    assert len(datasets) == len(oberhausen.editions) and all(d["@id"].startswith(BASE) for d in datasets)


def test_an_address_that_is_no_url_is_refused(tmp_path, capsys):
    code = main(["build", "--city", "oberhausen", "--site-dir", str(tmp_path / "site"), "--base-url", "statistik/"])
    assert code == 2
    assert "--base-url" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
