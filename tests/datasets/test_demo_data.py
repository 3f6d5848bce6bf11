"""The Oberhausen demonstration dataset: geometry, residents, counts, determinism, calibration."""

from __future__ import annotations

import json
from itertools import combinations

import pandas as pd
import shapely
from shapely.geometry import shape

from generator import paths
from generator.datasets import oberhausen as demo

CITY = paths.city_dir("oberhausen")
GENERATED = ["quartiere.csv", "einwohner.csv", "werte.csv", "quartiere.geojson", "stadtgrenze.geojson", "datapackage.json"]

LOW_2022 = {"innenstadt", "lirich-sued", "marienviertel-ost", "marienviertel-west", "bruecktorviertel",
            "osterfeld-mitte-vonderort", "sterkrade-mitte"}
BEST_2022 = {"walsumermark", "koenigshardt", "schmachtendorf", "holten-barmingholten", "klosterhardt"}


def _shapes(name):
    gj = json.loads((CITY / name).read_text(encoding="utf-8"))
    return {f["properties"].get("quartier_id", "stadt"): shape(f["geometry"]) for f in gj["features"]}


def test_script_is_deterministic(tmp_path):
    out = tmp_path / "oberhausen"
    (out / "quellen").mkdir(parents=True)
    for f in (CITY / "quellen").iterdir():
        (out / "quellen" / f.name).write_bytes(f.read_bytes())
    (out / "indikatoren.csv").write_bytes((CITY / "indikatoren.csv").read_bytes())  # hand-written input
    demo.build(out)
    first = {n: (out / n).read_bytes() for n in GENERATED}
    demo.build(out)
    assert {n: (out / n).read_bytes() for n in GENERATED} == first
    # and the committed files are exactly what the script makes
    assert {n: (CITY / n).read_bytes() for n in GENERATED} == first


def test_quarters_tile_the_outline():
    quarters = _shapes("quartiere.geojson")
    outline = _shapes("stadtgrenze.geojson")["stadt"]
    assert len(quarters) == 27 and all(g.is_valid for g in quarters.values())
    union = shapely.union_all(list(quarters.values()))
    assert abs(union.area - outline.area) / outline.area < 0.001
    assert union.symmetric_difference(outline).area / outline.area < 0.001
    overlap = sum(a.intersection(b).area for a, b in combinations(quarters.values(), 2))
    assert overlap / outline.area < 1e-6  # rounding to 6 decimals only


def test_outline_keeps_its_attribution():
    gj = json.loads((CITY / "stadtgrenze.geojson").read_text(encoding="utf-8"))
    assert "GeoBasis-DE / BKG" in gj["attribution"]


def test_names_and_their_status_are_carried(oberhausen):
    src = pd.read_csv(CITY / "quellen" / "sozialquartiere.csv")
    q = oberhausen.quarters
    assert list(q.index) == list(src["slug"])
    assert list(q["name"]) == list(src["name"])
    assert (q["name_status"] == "angenommen").sum() == 5 and (q["name_status"] == "belegt").sum() == 22


def test_residents_add_up(oberhausen):
    res = oberhausen.residents
    per_year = res.groupby("jahr")["einwohner"].sum()
    assert per_year[2012] == 211173
    assert per_year.between(209_000, 213_000).all()
    assert set(res.groupby("jahr")["quartier_id"].nunique()) == {27}
    bezirk = res[res["jahr"] == 2016].merge(oberhausen.quarters[["quartier_id", "stadtbezirk"]].reset_index(drop=True))
    totals = bezirk.groupby("stadtbezirk")["einwohner"].sum()
    for name, published in demo.BEZIRK_RESIDENTS.items():
        assert abs(totals[name] - published) / published < 0.02


def test_counts_are_consistent(oberhausen):
    v = oberhausen.values.merge(oberhausen.residents, on=["quartier_id", "jahr"])
    assert (v["zaehler"] >= 0).all() and (v["zaehler"] <= v["nenner"]).all()
    assert (v["nenner"] > 0).all() and (v["nenner"] <= v["einwohner"]).all()
    assert set(v["jahr"]) == set(range(2012, 2023))
    # age groups fit inside the residents: under 15 + 15–24 ≤ under 65; under 65 + 65+ = all
    wide = v.pivot_table(index=["quartier_id", "jahr"], columns="indikator_id", values="nenner")
    e = oberhausen.residents.set_index(["quartier_id", "jahr"])["einwohner"]
    assert ((wide["kinderarmut"] + wide["jugendarbeitslosigkeit"]) <= wide["sgb2"]).all()
    assert (wide["sgb2"] + wide["altersarmut"] == e.loc[wide.index]).all()
    assert (wide["nichtdeutsche"] == e.loc[wide.index]).all()


def _city_share(oberhausen, k, year):
    v = oberhausen.values
    sel = v[(v["indikator_id"] == k) & (v["jahr"] == year)]
    return 100 * sel["zaehler"].sum() / sel["nenner"].sum()


def test_calibration_to_published_facts(oberhausen):
    for year in (2016, 2017, 2018, 2019):
        assert 15.0 <= _city_share(oberhausen, "sgb2", year) <= 16.5
    assert _city_share(oberhausen, "kinderarmut", 2016) > 25  # "more than one in four"
    v = oberhausen.values
    ka = v[(v["indikator_id"] == "kinderarmut") & (v["jahr"] == 2016)].merge(
        oberhausen.quarters[["quartier_id", "sozialraum"]].reset_index(drop=True))
    mitte = ka[ka["sozialraum"] == "Oberhausen-Mitte/Styrum"]
    assert 40 <= 100 * mitte["zaehler"].sum() / mitte["nenner"].sum() <= 60  # "almost one in two"
    ju = v[(v["indikator_id"] == "jugendarbeitslosigkeit") & (v["jahr"] == 2018)].set_index("quartier_id")["anteil"]
    assert ju.idxmin() == "koenigshardt" and ju.idxmax() == "innenstadt"
    assert 2.0 <= ju.min() <= 3.0 and 12.0 <= ju.max() <= 17.0
    assert 10.0 <= _city_share(oberhausen, "kinderreiche", 2012) <= 12.0
    share12 = v[v["jahr"] == 2012].set_index(["quartier_id", "indikator_id"])["anteil"]
    for (slug, k), published in demo.PINNED_2012.items():
        assert abs(share12[(slug, k)] - published) < 1.0, (slug, k)


def test_2022_edition_reproduces_the_published_pattern(results):
    r = results[2022].result.sort_values("statusindex", ascending=False)
    assert set(r.index[:7]) == LOW_2022
    assert set(r["statuslabel"].iloc[:7]) <= {"niedrig", "sehr niedrig"}
    assert (r["statuslabel"].iloc[7:].isin(["hoch", "mittel"])).all()
    assert set(r.index[-5:]) == BEST_2022
    assert r.at["lirich-nord", "fokus"]  # "im Fokus", close to the threshold


def test_other_editions_bonus_patterns(results):
    r17 = results[2017].result
    assert set(r17.sort_values("statusindex").index[-2:]) == {"lirich-sued", "innenstadt"}
    assert r17.at["schlad", "dynamiklabel"] == "positiv"
    notable = {"innenstadt", "lirich-sued", "marienviertel-ost", "osterfeld-mitte-vonderort", "bruecktorviertel",
               "marienviertel-west", "rothebusch", "tackenberg-ost", "sterkrade-mitte"}
    assert set(r17.index[r17["fokus"]]) == notable
    r20 = results[2020].result
    assert r20.at["innenstadt", "statuslabel"] == "sehr niedrig" and r20.at["innenstadt", "dynamiklabel"] == "negativ"
    for q in ("holten-barmingholten", "schmachtendorf"):
        assert (r20.at[q, "statuslabel"], r20.at[q, "dynamiklabel"]) == ("hoch", "positiv")
    for q in ("klosterhardt", "koenigshardt", "tackenberg-west", "walsumermark"):
        assert (r20.at[q, "statuslabel"], r20.at[q, "dynamiklabel"]) == ("hoch", "stabil")


def test_no_northern_quarter_with_negative_dynamics_in_2020(results, oberhausen):
    north = oberhausen.quarters.index[oberhausen.quarters["sozialraum"] == "Sterkrade-Nord"]
    assert not (results[2020].result.loc[north, "dynamiklabel"] == "negativ").any()


def test_data_status_is_demonstration_everywhere(oberhausen):
    assert oberhausen.city.datenstand == "Demonstrationsdaten"
    assert all(e.datenstand == "Demonstrationsdaten" for e in oberhausen.editions)
    assert "keine amtlichen Zahlen" in oberhausen.city.datenstand_erlaeuterung


def test_inputs_are_a_valid_frictionless_package():
    """The input files, described by the schemas in fields.py, pass Frictionless on their own."""
    from frictionless import validate
    report = validate(str(CITY / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])[:5]


CONTEXT = ("minderjaehrige", "senioren", "wohndauer", "haushalte_kinder", "einpersonenhaushalte", "wohngeld", "zuzuege")


def test_context_indicators_are_marked_and_labelled(oberhausen):
    ind = oberhausen.indicators
    assert list(ind.index[ind["art"] == "kontext"]) == list(CONTEXT)
    assert (ind.loc[list(CONTEXT), "hinweise"].str.contains("Kontextindikator")).all()
    assert (ind.loc[list(CONTEXT), "hinweise"].str.contains("Demonstrationsdaten")).all()
    for e in oberhausen.editions:  # no edition lists one
        assert not set(CONTEXT) & set(e.status_indikatoren + e.dynamik_indikatoren)


def test_context_indicators_are_calibrated(oberhausen):
    assert abs(_city_share(oberhausen, "minderjaehrige", 2012) - 15.7) < 0.3  # published: 15.7 % (2012)
    households = oberhausen.values
    hh = households[(households["indikator_id"] == "einpersonenhaushalte") & (households["jahr"] == 2012)]["nenner"].sum()
    assert abs(hh - demo.HOUSEHOLDS_2012) / demo.HOUSEHOLDS_2012 < 0.02  # published: 101,545 (2010)
    assert abs(_city_share(oberhausen, "haushalte_kinder", 2012) - 20.7) < 1.5  # published: 20.7 % (2010)
    for year in range(2012, 2023):
        for k, (targets, _) in demo.CONTEXT_TARGETS.items():
            assert abs(_city_share(oberhausen, k, year) - targets[year - 2012]) < 0.15, (k, year)
    # the counts fit each other: under 18 contains under 15, households with children are households
    v = oberhausen.values.pivot_table(index=["quartier_id", "jahr"], columns="indikator_id", values="zaehler")
    n = oberhausen.values.pivot_table(index=["quartier_id", "jahr"], columns="indikator_id", values="nenner")
    assert (v["minderjaehrige"] >= n["kinderarmut"]).all()
    assert (v["haushalte_kinder"] <= n["haushalte_kinder"]).all()


def test_context_indicators_go_with_the_status_but_are_no_copy_of_it(results, oberhausen):
    r = results[2022].result["statusindex"]
    v = oberhausen.values[oberhausen.values["jahr"] == 2022].pivot(index="quartier_id", columns="indikator_id",
                                                                   values="anteil").astype(float)
    corr = {k: v[k].corr(r) for k in CONTEXT}
    assert corr["wohngeld"] > 0.5 and corr["zuzuege"] > 0.3 and corr["wohndauer"] < -0.5 and corr["senioren"] < 0
    assert max(abs(c) for c in corr.values()) < 0.98
