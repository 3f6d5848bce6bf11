"""DCAT-AP.de catalogue (JSON-LD) of every edition's distributions, for GovData and Open.NRW."""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths
from ..model.address import PublicAddress
from ..model.records import CityData, EditionResult, Manifest
from ..language.voice import files_note
from .citation import build_date, description, package_name

# DCAT-AP.de licence URIs of the licences cities use; anything else is named by its own address.
LICENCE_URIS = {
    "dl-de-by-2.0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de-zero-2.0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "CC-BY-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "CC0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
}


def catalogue(data: CityData, results: dict[int, EditionResult], manifests: dict[int, Manifest],
              address: PublicAddress) -> dict:
    c = data.city
    datasets = []
    for year, res in sorted(results.items()):
        ed = res.edition
        ce = ed.city(c)  # this edition's publisher, licence and attribution
        base = manifests[year].url
        licence = LICENCE_URIS.get(ce.lizenz.name, ce.lizenz.pfad)
        dists = []
        for f in manifests[year].files:
            if not f.catalogue:
                continue
            dists.append({
                "@id": base + f.path, "@type": "dcat:Distribution", "dct:title": f.title,
                "dcat:accessURL": {"@id": base + f.path}, "dcat:downloadURL": {"@id": base + f.path},
                "dcat:mediaType": f.mediatype, "dcat:byteSize": {"@value": str(f.size), "@type": "xsd:nonNegativeInteger"},
                "dct:license": {"@id": licence},
                "dcatde:licenseAttributionByText": "; ".join(ce.namensnennung),
            })
        datasets.append({
            "@id": base, "@type": "dcat:Dataset", "dct:title": f"{ce.titel} – {ed.titel}",
            "dct:description": description(ce, ed) + files_note(base), "dct:identifier": f"{package_name(data.slug)}-{year}",
            "dct:issued": {"@value": build_date(ed).date().isoformat(), "@type": "xsd:date"},
            "dct:temporal": {"@type": "dct:PeriodOfTime", "dcat:startDate": f"{ed.dynamik_von}-12-31",
                             "dcat:endDate": ed.stichtag.isoformat()},
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": ce.herausgeber.name},
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": ce.herausgeber.name,
                                  **({"vcard:hasEmail": {"@id": f"mailto:{ce.herausgeber.email}"}} if ce.herausgeber.email else {})},
            "dcat:theme": [{"@id": "http://publications.europa.eu/resource/authority/data-theme/SOCI"}],
            "dcat:keyword": list(ce.schlagworte),
            "dcatde:politicalGeocodingLevelURI": {"@id": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"},
            **({"dcatde:politicalGeocodingURI": {"@id": f"http://dcat-ap.de/def/politicalGeocoding/municipalityKey/{ce.ags}000"}} if ce.ags else {}),
            "dcat:landingPage": {"@id": address.url(f"{paths.EDITIONS_URL}/{year}/")},
            "dcat:distribution": dists,
        })
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "dcatde": "http://dcat-ap.de/def/dcatde/", "foaf": "http://xmlns.com/foaf/0.1/",
                     "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": address.url(f"{paths.DATA_URL}/dcat.jsonld"), "@type": "dcat:Catalog",
        "dct:title": f"{c.titel}: offene Daten", "dct:description": (c.datenstand_erlaeuterung if c.is_demo else c.titel) + files_note(address.base),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": c.herausgeber.name},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dcat:dataset": datasets,
    }


def write_catalogue(data: CityData, results: dict[int, EditionResult], manifests: dict[int, Manifest],
                    address: PublicAddress, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(catalogue(data, results, manifests, address), ensure_ascii=False, indent=2) + "\n"
    (out / "dcat.jsonld").write_text(text, encoding="utf-8")
