"""`sozialbericht init <city> --areas FILE`: a new city's folder from its area file.

Writes quartiere.csv (ids made safe, the city's own code kept as `kennung`), quartiere.geojson
(WGS84, RFC 7946), stadtgrenze.geojson (the union of the areas), a commented stadt.yaml, a first
edition and an indikatoren.csv with the seven usual Sozialbericht indicators as examples.
Everything the office must still decide is marked „BITTE PRÜFEN“. An existing city is never touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from .. import paths
from ..errors import InputError, Problem
from ..model.fields import ID_PATTERN, INPUT_TABLES
from ..model.outputs import write_text
from .areas import Area, feature_collection, orient_all, read_areas, _rounded

TODO = "BITTE PRÜFEN"

# The seven core indicators of poverty risk most Sozialberichte use (groups with the highest risk per the
# federal Armuts- und Reichtumsbericht); examples to adapt, not a prescription.
INDICATORS = (
    ("sgb2", "SGB II", "Leistungsberechtigte nach SGB II",
     "Leistungsberechtigte in Bedarfsgemeinschaften nach SGB II unter 65 Jahren", "Einwohner unter 65 Jahren",
     "Bundesagentur für Arbeit; Einwohnermelderegister",
     "Wie viele Menschen unter 65 Jahren leben von Grundsicherung für Arbeitsuchende (Bürgergeld)?"),
    ("kinderarmut", "Kinderarmut", "Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften",
     "Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II", "Einwohner unter 15 Jahren",
     "Bundesagentur für Arbeit; Einwohnermelderegister",
     "Wie viele Kinder unter 15 Jahren wachsen in Familien auf, die von Grundsicherung leben?"),
    ("jugendarbeitslosigkeit", "Junge Arbeitslose", "Arbeitslose von 15 bis unter 25 Jahren",
     "Arbeitslose von 15 bis unter 25 Jahren (SGB II und III)", "Einwohner von 15 bis unter 25 Jahren",
     "Bundesagentur für Arbeit; Einwohnermelderegister",
     "Wie viele junge Menschen zwischen 15 und 24 Jahren sind arbeitslos gemeldet?"),
    ("altersarmut", "Altersarmut", "Empfänger von Grundsicherung im Alter",
     "Empfänger von Grundsicherung im Alter (SGB XII Kapitel 4) ab 65 Jahren", "Einwohner ab 65 Jahren",
     "Sozialamt; Einwohnermelderegister", "Wie vielen Menschen ab 65 Jahren reicht die Rente nicht zum Leben?"),
    ("alleinerziehende", "Alleinerziehende", "Haushalte von Alleinerziehenden",
     "Haushalte von Alleinerziehenden mit Kindern unter 18 Jahren", "Haushalte mit Kindern unter 18 Jahren",
     "Haushaltegenerierung aus dem Einwohnermelderegister",
     "Wie viele Familien mit Kindern sind Haushalte von Alleinerziehenden?"),
    ("kinderreiche", "Kinderreiche", "Kinderreiche Haushalte",
     "Haushalte mit drei und mehr Kindern unter 18 Jahren", "Haushalte mit Kindern unter 18 Jahren",
     "Haushaltegenerierung aus dem Einwohnermelderegister",
     "Wie viele Familien haben drei oder mehr Kinder?"),
    ("nichtdeutsche", "Nichtdeutsche", "Einwohner ohne deutsche Staatsangehörigkeit",
     "Einwohner ohne deutsche Staatsangehörigkeit", "Einwohner insgesamt", "Einwohnermelderegister",
     "Wie viele Menschen ohne deutschen Pass leben hier?"),
)


@dataclass(frozen=True)
class InitReport:
    directory: Path
    areas: int
    crs: str
    files: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]  # (original code, safe id) where they differ


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def city_yaml(name: str, count: int, today: dt.date) -> str:
    return f"""# Stadt-Konfiguration von {name}, angelegt von „sozialbericht init“ am {today.isoformat()}.
# Alles, was die Website über die Stadt und den Herausgeber sagt. Zeilen mit „{TODO}“ müssen Sie anpassen.
# Beispiele für jede Angabe: data/oberhausen/stadt.yaml (Demonstration) und data/berlin-mss/stadt.yaml.
stadt: {_q(name)}
ags: ""  # {TODO}: Amtlicher Gemeindeschlüssel, achtstellig, in Anführungszeichen
titel: {_q(f"Sozialbericht {name}")}
untertitel: {_q(f"Sozialindex für {count} Gebiete")}  # {TODO}
# Wie die Gebiete heißen: Einzahl, Mehrzahl, Kurzform und der Artikel der Einzahl (der, die, das).
gebiet: Quartier
gebiete: Quartiere
gebiet_kurz: Quartier
gebiete_kurz: Quartiere
gebiet_artikel: das
stadtbezirk: Stadtbezirk
# Entwurf: jede Seite sagt „keine amtlichen Zahlen“. Erst nach Freigabe der Zahlen: amtlich.
datenstand: Entwurf
datenstand_erlaeuterung: >-
  Die Zahlen sind noch nicht von der Stadt {name} freigegeben; die Seiten dienen der Prüfung.
herausgeber:
  name: {_q(f"Stadt {name}")}  # {TODO}: herausgebende Stelle, z. B. Fachbereich Statistik
  rolle: publisher
  email: ""  # {TODO}: Kontaktadresse für Rückfragen
  adresse: ""  # {TODO}: Postanschrift
datenhalter:
  name: {_q(f"Stadt {name}, Statistikstelle")}  # {TODO}
  rolle: author
homepage: "https://sozialbericht.example.org/"  # {TODO}: öffentliche Adresse der Website
lizenz:
  name: dl-de-by-2.0
  titel: Datenlizenz Deutschland – Namensnennung – Version 2.0
  pfad: https://www.govdata.de/dl-de/by-2-0
namensnennung:
  - {_q(f"Stadt {name} – Sozialbericht")}  # {TODO}: wie Nutzer die Quelle nennen sollen
schlagworte: [Sozialbericht, Sozialindex, {_q(name)}]
# Rechtstexte: jede Pflichtangabe ist ein Feld. Solange eines leer ist oder „{TODO}“ enthält,
# zeigen die Seiten es markiert, und eine amtliche Website wird nicht gebaut.
# Die Vorgaben für Rechtsgrundlage, Ombudsstelle und Datenschutzaufsicht gelten in Nordrhein-Westfalen.
barrierefreiheit:
  status: teilweise vereinbar  # vollständig vereinbar | teilweise vereinbar | nicht vereinbar
  stand: {_q(today.isoformat())}  # {TODO}: Datum der Erstellung oder letzten Prüfung (jährlich)
  methode: Selbstbewertung
  kontakt:
    name: ""  # {TODO}: zuständige Stelle
    telefon: ""
    email: ""  # {TODO}: Adresse für Hinweise auf Barrieren
  kontaktformular: ""  # {TODO}: Adresse eines barrierefreien Kontaktformulars der Stadt
  barrieren: []  # eigene nicht barrierefreie Inhalte: inhalt, grund, begruendung, alternative
impressum:
  anbieter: {_q(f"Stadt {name}")}
  rechtsform: Körperschaft des öffentlichen Rechts
  vertreten_durch: ""  # {TODO}: z. B. die Oberbürgermeisterin oder der Oberbürgermeister
  adresse: ""  # {TODO}: Postanschrift
  telefon: ""  # {TODO}
  email: ""  # {TODO}
  aufsichtsbehoerde: ""  # {TODO}: für eine kreisfreie Stadt die Bezirksregierung
  verantwortlich:  # natürliche Person nach § 18 Abs. 2 MStV
    name: ""  # {TODO}
    adresse: ""  # {TODO}
datenschutz:
  datenschutzbeauftragte:
    name: ""  # {TODO}
    email: ""  # {TODO}
  hoster: ""  # {TODO}: Hosting-Anbieter mit Anschrift (Auftragsverarbeiter)
  speicherdauer: ""  # {TODO}: z. B. 7 Tage
  # E-Mails an die Adressen der Website (Rückmeldungen, Hinweise auf Barrieren, Fragen):
  rueckmeldung_empfaenger: ""  # {TODO}: Stelle, die sie liest; E-Mail-Dienstleister (Auftragsverarbeiter), falls einer
  rueckmeldung_speicherdauer: ""  # {TODO}: z. B. bis das Anliegen erledigt ist, längstens 12 Monate
# Videos in Deutscher Gebärdensprache (Pflicht nach BITV 2.0 § 4 mit Anlage 2, auf die die BITV NRW verweist).
# Solange eines der vier Themen fehlt, nennt die Erklärung zur Barrierefreiheit das als Barriere. {TODO}
# Je Video (Dateien im Stadtordner, keine Adresse eines Videodienstes):
#   - thema: inhalte  # inhalte | navigation | barrierefreiheit | hinweise | weitere
#     titel: Was diese Website zeigt
#     datei: videos/inhalte.mp4  # MP4 oder WebM
#     untertitel: videos/inhalte.vtt  # WebVTT, Pflicht
#     dauer: "2:35"  # Minuten:Sekunden, in Anführungszeichen
gebaerdensprache:
  videos: []
"""


def edition_yaml(year: int) -> str:
    return f"""# Berichtsausgabe {year}, angelegt von „sozialbericht init“. Zeilen mit „{TODO}“ müssen Sie anpassen.
# Weitere Ausgaben: sozialbericht new-edition <Jahr>
edition: {year}
titel: "Sozialbericht {year}"
veroeffentlicht: {year + 1}  # {TODO}
stichtag: "{year}-12-31"  # der Status vergleicht die Werte dieses Jahres
dynamik_von: {year - 3}  # die Dynamik vergleicht dynamik_von mit dynamik_bis
dynamik_bis: {year}
# Leer: alle Indikatoren mit art=index aus indikatoren.csv
status_indikatoren: []
dynamik_indikatoren: []
# Schwellen des Berliner Monitorings Soziale Stadtentwicklung
schwellen_status: [-1.0, 1.0, 1.5]
schwellen_dynamik: [-1.0, 1.0]
mindest_einwohner: 300  # kleinere Gebiete erhalten keine Einstufung
ausschluss: []
fokus_codes: [31, 33, 35, 41, 43, 45, 25]
fokus_regel: Status niedrig oder sehr niedrig, oder Status mittel mit negativer Dynamik.
datenstand: Entwurf
geheimhaltung:
  mindestfallzahl: 3
  mindestnenner: 100
aenderungen: >-
  Erste Ausgabe auf dieser Website.
"""


def indicators_csv() -> str:
    fields = INPUT_TABLES["indikatoren"].fields
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\n")
    w.writerow(fields)
    for k, short, title, num, den, source, question in INDICATORS:
        row = {"indikator_id": k, "kurzname": short, "titel": title, "zaehler_definition": num,
               "nenner_definition": den, "einheit": "Prozent", "quelle": source, "richtung": "hoeher_benachteiligt",
               "art": "index", "beschreibung": question,
               "hinweise": f"{TODO}: Beispiel; Zähler, Nenner und Quelle an die eigenen Daten anpassen."}
        w.writerow([row[f] for f in fields])
    return buffer.getvalue()


def quarters_csv(areas: list[Area]) -> str:
    fields = [f for f in INPUT_TABLES["quartiere"].fields if f != "name_status"]
    if not any(a.district for a in areas):
        fields.remove("stadtbezirk")
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\n")
    w.writerow(fields)
    for a in areas:
        row = {"quartier_id": a.id, "name": a.name, "artikel": "", "kennung": a.original, "stadtbezirk": a.district,
               "sozialraum": ""}
        w.writerow([row[f] for f in fields])
    return buffer.getvalue()


def outline(areas: list[Area]) -> dict:
    union = orient_all(shapely.set_precision(shapely.union_all([shape(a.geometry) for a in areas]), 1e-6))
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": _rounded(mapping(union))}]}


def init_city(city: str, areas_file: Path, data_dir: Path | None = None, name: str | None = None,
              id_field: str | None = None, name_field: str | None = None, district_field: str | None = None,
              crs: str | None = None, edition: int | None = None, today: dt.date | None = None,
              ids_from_names: bool = False) -> InitReport:
    today = today or dt.date.today()
    target = paths.city_dir(city, data_dir)
    problems = []
    if not re.fullmatch(ID_PATTERN, city):
        problems.append(Problem(city, f"„{city}“ taugt nicht als Ordnername einer Stadt.",
                                "Nutzen Sie Kleinbuchstaben, Ziffern und Bindestriche, z. B. „musterstadt“.",
                                code="init-city-name"))
    elif target.exists() and any(target.iterdir()):
        problems.append(Problem(str(target), "Diesen Stadtordner gibt es schon; init überschreibt nichts.",
                                "Wählen Sie einen anderen Namen oder löschen Sie den Ordner selbst.", code="init-city-exists"))
    if problems:
        raise InputError(problems)
    areas, code = read_areas(areas_file, id_field, name_field, district_field, crs, ids_from_names)
    year = edition or today.year - 1
    files = {
        paths.QUARTERS: quarters_csv(areas),
        paths.GEOMETRY: json.dumps(feature_collection(areas), ensure_ascii=False, separators=(",", ":")) + "\n",
        paths.OUTLINE: json.dumps(outline(areas), ensure_ascii=False, separators=(",", ":")) + "\n",
        paths.CITY_CONFIG: city_yaml(name or city.replace("-", " ").title(), len(areas), today),
        f"{paths.EDITIONS}/{year}.yaml": edition_yaml(year),
        paths.INDICATORS: indicators_csv(),
    }
    for rel, text in files.items():
        write_text(target, rel, text)
    return InitReport(target, len(areas), code, tuple(files),
                      tuple((a.original, a.id) for a in areas if a.original != a.id))
