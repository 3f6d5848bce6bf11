"""Site: a number that is not shown gets the sign of official statistics on every page that would
show it – „.“ secret, „/“ too uncertain – with a legend, never „–“ (which means "nothing there") and
never 0. Planted into the minimal city: a secret count in the status year (its city value is then
withheld too) and a share with a small denominator."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from generator.build import public_address
from generator.index.edition import compute_all
from generator.inputs.validate import validate_city
from generator.publish.package import build_packages
from generator.publish.tables import published_all
from generator.site.pages import SitePages
from generator.site.views import SiteViews

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-city"
PLANTED = {("bermensfeld", "kinderarmut", 2020): (2, 951),  # secret count in the status year
           ("marienviertel-ost", "kinderarmut", 2019): (20, 80)}  # denominator below 100


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("signs")
    city = tmp / "city"
    shutil.copytree(MINIMAL, city)
    values = pd.read_csv(city / "werte.csv", dtype={"quartier_id": str})
    for (q, k, y), (count, den) in PLANTED.items():
        at = (values["quartier_id"] == q) & (values["indikator_id"] == k) & (values["jahr"] == y)
        assert at.sum() == 1
        values.loc[at, ["zaehler", "nenner"]] = [count, den]
    values.to_csv(city / "werte.csv", index=False)
    data = validate_city(city)
    results = compute_all(data)
    tables = published_all(data, results)
    address = public_address(data)
    manifests = build_packages(data, results, tables, tmp / "daten", address)
    SitePages(SiteViews(data, results, tables, manifests, address), tmp / "docs", tmp / "static").render_all()
    return tmp / "docs"


def test_a_secret_value_and_its_withheld_city_value_show_the_secret_sign(pages):
    page = (pages / "quartiere" / "bermensfeld.md").read_text(encoding="utf-8")
    assert "Der Wert in Bermensfeld ist geheim gehalten, weil die Fallzahl zu klein ist („.“)." in page
    row = re.search(r"<tr><th scope=\"row\">Kinderarmut</th>(.*?)</tr>", page).group(1)
    assert re.findall(r'<td class="zahl">([^<]*)</td>', row)[:2] == [".", "."]  # value and withheld city value
    assert "Zeichen: „.“ geheim gehalten oder nicht bekannt." in page
    other = (pages / "quartiere" / "innenstadt.md").read_text(encoding="utf-8")
    row = re.search(r"<tr><th scope=\"row\">Kinderarmut</th>(.*?)</tr>", other).group(1)
    assert re.findall(r'<td class="zahl">([^<]*)</td>', row)[1] == "."
    assert "ein Vergleichswert in der Stadt ist nicht veröffentlicht („.“)" in other
    assert not re.search(r'<td class="zahl">–', other + page)


def test_a_share_with_a_small_denominator_shows_the_uncertain_sign(pages):
    page = (pages / "quartiere" / "marienviertel-ost.md").read_text(encoding="utf-8")
    assert re.search(r'<tr><th scope="row">2019</th><td class="zahl">/</td>', page)
    assert "„/“ zu unsicher (Nenner unter 100)" in page


def test_indicator_pages_rank_and_map_with_signs(pages):
    page = (pages / "indikatoren" / "kinderarmut.md").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*bermensfeld/">Bermensfeld</a></t[dh]><td class="zahl" data-wert="">\.</td>', page)
    assert "Zeichen: „.“ geheim gehalten oder nicht bekannt." in page
    assert "kein Wert („.“ geheim gehalten oder nicht bekannt)" in page
