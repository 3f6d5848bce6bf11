"""Every column of every table, defined once.

Table schemas (Frictionless), data-package metadata, template labels and the docs are
derived from here, so a column's German title or unit is written in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import paths

# Ids become folder and file names (quartiere/<id>/, indikatoren/<id>/), so they are safe by
# construction: lower-case letters, digits, "-" and "_", at most 64 characters. Berlin's 8-digit
# planning-area ids pass; "../x", "A B" or "<b>" do not.
ID_PATTERN = r"[a-z0-9][a-z0-9_-]{0,63}"
ID_RULE = "Kleinbuchstaben a–z, Ziffern, „-“ und „_“, höchstens 64 Zeichen, z. B. „lirich-nord“ oder „01011101“"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless type: string, integer, number, boolean, date
    title: str
    description: str
    unit: str | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None

    def descriptor(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title,
                             "description": self.description}
        if self.unit:
            d["unit"] = self.unit  # custom property; Table Schema allows extra properties
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if constraints:
            d["constraints"] = constraints
        return d


def _fields(*items: Field) -> dict[str, Field]:
    return {f.name: f for f in items}


def _stability_fields(prefix: str, label: str) -> tuple[Field, ...]:
    """How firm a status or dynamics class is (the same three columns for both)."""
    return (
        Field(f"{prefix}_abstand", "number", f"Abstand {label} zur nächsten Schwelle",
              f"Betrag des Abstands des {label}index zur nächstgelegenen Klassengrenze."),
        Field(f"{prefix}_stabil", "boolean", f"{label}klasse stabil",
              f"Ob die {label}klasse gleich bleibt, wenn ein beliebiger Indikator weggelassen wird."),
        Field(f"{prefix}_kippt_ohne", "string", f"{label}klasse ändert sich ohne",
              f"Indikatoren, ohne die sich die {label}klasse ändern würde (kommagetrennt)."),
    )


def _crossing_fields(prefix: str, label: str) -> tuple[Field, ...]:
    """Where a class change crossed a class limit, and how far the new index lies beyond it."""
    return (
        Field(f"{prefix}_grenze", "number", f"Überschrittene {label}grenze",
              f"Die Klassengrenze, die der {label}index beim Wechsel überschritten hat (bei mehreren die dem neuen "
              f"Wert nächste). Leer, wenn die {label}klasse gleich blieb."),
        Field(f"{prefix}_abstand_grenze", "number", f"Abstand {label}index zur überschrittenen Grenze",
              f"Abstand des neuen {label}index, wie auf der Website gerundet (zwei Nachkommastellen), zu dieser "
              "Grenze. Leer, wenn die Klasse gleich blieb oder die Indexwerte nicht veröffentlicht sind.", minimum=0),
        Field(f"{prefix}_knapp", "boolean", f"{label}wechsel knapp",
              f"Ob der Abstand zur überschrittenen Grenze unter 0,1 liegt: Schon eine kleine Änderung hätte die alte "
              f"{label}klasse ergeben."),
    )


def change_field(column: str, indicator_title: str) -> Field:
    """Per-indicator change columns of the class changes depend on the city's indicators."""
    return Field(column, "number", f"Veränderung: {indicator_title}",
                 f"Veränderung des Indikators „{indicator_title}“ im Dynamik-Zeitfenster dieser Ausgabe, wie sie in "
                 "den Dynamikindex eingeht (Anteile in Prozentpunkten). Leer, wenn sie nicht veröffentlicht ist.",
                 unit="Prozentpunkte oder Einheit des Indikators")


def _before(name: str) -> Field:
    """The same column in the previous edition (class changes)."""
    f = FIELDS[name]
    return Field(f"{name}_vorher", f.type, f"{f.title} (vorige Ausgabe)", f"{f.description} In der vorigen Ausgabe.",
                 f.unit, False, f.minimum, f.maximum, f.enum)


FIELDS: dict[str, Field] = _fields(
    Field("quartier_id", "string", "Quartier-ID",
          "Stabile Kennung des Gebiets (Text; führende Nullen sind Teil der Kennung).",
          required=True, pattern=ID_PATTERN),
    Field("name", "string", "Name", "Name des Gebiets.", required=True),
    Field("name_status", "string", "Status des Namens",
          "belegt: in öffentlichen Quellen belegt; angenommen: zur Vervollständigung angenommen; "
          "amtlich: amtliche Bezeichnung.",
          enum=("belegt", "angenommen", "amtlich")),
    Field("artikel", "string", "Artikel",
          "Bestimmter Artikel, mit dem man den Namen sagt („die Innenstadt“, „das Brücktorviertel“, „die Schwarze "
          "Heide/Alsfeld“); leer, wenn der Name ohne Artikel steht („Alstaden“). Die Sätze der Website richten sich "
          "danach: Ein Adjektiv am Anfang des Namens wird mit dem Artikel gebeugt („in der Schwarzen Heide/Alsfeld“); "
          "ein Name ohne Artikel, der kein Ortsname ist (mehrere Wörter, ein Adjektiv am Anfang oder ein Wort wie "
          "„-straße“, „-platz“, „-viertel“), steht nach dem Gebietswort („im Planungsraum Stülerstraße“).",
          enum=("der", "die", "das")),
    Field("kennung", "string", "Kennung der Stadt",
          "Die Kennung, unter der die Stadt das Gebiet führt (z. B. „01“ oder „SQ 1.2“), wenn sie von der Quartier-ID "
          "abweicht; Arbeitsmappen dürfen Gebiete auch so nennen."),
    Field("stadtbezirk", "string", "Stadtbezirk", "Stadtbezirk, zu dem das Gebiet gehört."),
    Field("sozialraum", "string", "Sozialraum", "Sozialraum, zu dem das Gebiet gehört."),
    Field("jahr", "integer", "Jahr", "Stichtagsjahr (31.12.).", required=True,
          minimum=1990, maximum=2100),
    Field("einwohner", "integer", "Einwohner", "Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12. "
          "Leer: nicht bekannt; das Gebiet erhält dann in diesem Jahr keine Einstufung.",
          unit="Personen", minimum=0),
    Field("indikator_id", "string", "Indikator-ID", "Kurze, stabile Kennung des Indikators.",
          required=True, pattern=ID_PATTERN),
    Field("kurzname", "string", "Kurzname", "Kurzer Name des Indikators für Tabellenköpfe.",
          required=True),
    Field("titel", "string", "Bezeichnung", "Vollständige Bezeichnung des Indikators.", required=True),
    Field("zaehler_definition", "string", "Zähler", "Was gezählt wird (Zähler des Anteils).",
          required=True),
    Field("nenner_definition", "string", "Nenner", "Worauf der Anteil bezogen wird (Nenner).",
          required=True),
    Field("einheit", "string", "Einheit", "Einheit des Indikatorwerts.", required=True),
    Field("quelle", "string", "Quelle", "Datenquelle des Indikators.", required=True),
    Field("richtung", "string", "Richtung",
          "hoeher_benachteiligt: ein höherer Wert bedeutet mehr Benachteiligung; "
          "niedriger_benachteiligt: ein niedrigerer Wert bedeutet mehr Benachteiligung; "
          "neutral (nur Kontextindikatoren): der Wert sagt nichts über Benachteiligung.",
          required=True, enum=("hoeher_benachteiligt", "niedriger_benachteiligt", "neutral")),
    Field("art", "string", "Art des Indikators",
          "index: kann in Status- und Dynamikindex eingehen (ohne Angabe in einer Berichtsausgabe gehen alle "
          "Indexindikatoren ein); kontext: Kontextindikator, der den Index erklärt, aber nie in ihn eingeht.",
          required=True, enum=("index", "kontext")),
    Field("beschreibung", "string", "Beschreibung", "Erläuterung in einfacher Sprache."),
    Field("hinweise", "string", "Hinweise", "Einschränkungen und Besonderheiten."),
    Field("zaehler", "integer", "Zähler", "Anzahl der Personen oder Haushalte im Zähler.",
          unit="Personen oder Haushalte", minimum=0),
    Field("nenner", "integer", "Nenner", "Anzahl der Personen oder Haushalte im Nenner.",
          unit="Personen oder Haushalte", minimum=0),
    Field("anteil", "number", "Wert", "Der Wert des Indikators: Zähler je 100 Nenner (Anteil in Prozent), oder "
          "fertig angegeben in der Einheit des Indikators (z. B. je 100 Einwohner, Prozentpunkte).",
          unit="Einheit des Indikators"),
    Field("angabe", "string", "Angabe",
          "Leer: der Wert ist angegeben. geheim: in der Quelle geheim gehalten (dort z. B. „.“ oder „x“); fehlt: in "
          "der Quelle nicht vorhanden (dort z. B. „-“ oder „k. A.“). Zähler, Nenner und Anteil bleiben dann leer, nie 0; "
          "das Gebiet erhält in einer Ausgabe, die den Wert braucht, keine Einstufung.",
          enum=("geheim", "fehlt")),
    Field("von_jahr", "integer", "von Jahr", "Anfangsjahr der Veränderung.", required=True,
          minimum=1990, maximum=2100),
    Field("bis_jahr", "integer", "bis Jahr", "Endjahr der Veränderung.", required=True,
          minimum=1990, maximum=2100),
    Field("veraenderung", "number", "Veränderung",
          "Veränderung des Anteils zwischen von_jahr und bis_jahr.", unit="Prozentpunkte",
          required=True),
    Field("kennzeichen", "string", "Kennzeichen",
          "Leer: Wert veröffentlicht. geheim: Zähler unter der Veröffentlichungsschwelle, "
          "Zähler und Anteil unterdrückt (in Excel „.“). nenner_klein: Nenner unter der Mindestgröße, Anteil "
          "unterdrückt (in Excel „/“: zu unsicher). geheim_quelle: schon in der Quelle geheim gehalten (in Excel "
          "„.“). fehlt: in der Quelle nicht vorhanden (in Excel „.“). Die maschinenlesbaren CSV-Dateien lassen "
          "diese Zellen leer.",
          enum=("", "geheim", "nenner_klein", "geheim_quelle", "fehlt")),
    Field("edition", "integer", "Berichtsausgabe", "Jahr der Berichtsausgabe.", required=True),
    Field("flaeche_km2", "number", "Fläche", "Fläche des Gebiets (aus der Geometrie berechnet).",
          unit="km²", minimum=0),
    Field("gueltig", "boolean", "gültig",
          "Ob das Gebiet in den Index eingeht (Mindesteinwohnerzahl erreicht, nicht ausgeschlossen, "
          "alle Werte vorhanden).", required=True),
    Field("ungueltig_grund", "string", "Grund für Ungültigkeit", "Leer bei gültigen Gebieten."),
    Field("statussumme", "number", "Statussumme", "Summe der z-Werte der Statusindikatoren."),
    Field("statusindex", "number", "Statusindex", "Standardisierte Statussumme (Mittel 0, SD 1)."),
    Field("statusklasse", "integer", "Statusklasse (Code)",
          "1 hoch (Index < −1), 2 mittel (−1 ≤ Index ≤ 1), 3 niedrig (1 < Index ≤ 1,5), "
          "4 sehr niedrig (Index > 1,5).", enum=None, minimum=1, maximum=4),
    Field("statuslabel", "string", "Statusklasse",
          "Bezeichnung der Statusklasse.", enum=("hoch", "mittel", "niedrig", "sehr niedrig")),
    *_stability_fields("status", "Status"),
    Field("dynamiksumme", "number", "Dynamiksumme", "Summe der z-Werte der Dynamikindikatoren."),
    Field("dynamikindex", "number", "Dynamikindex", "Standardisierte Dynamiksumme (Mittel 0, SD 1)."),
    Field("dynamikklasse", "integer", "Dynamikklasse (Code)",
          "1 positiv (Index < −1), 3 stabil (−1 ≤ Index ≤ 1), 5 negativ (Index > 1).",
          minimum=1, maximum=5),
    Field("dynamiklabel", "string", "Dynamikklasse", "Bezeichnung der Dynamikklasse.",
          enum=("positiv", "stabil", "negativ")),
    *_stability_fields("dynamik", "Dynamik"),
    Field("gesamtcode", "integer", "Gesamtindex (Code)", "10 · Statusklasse + Dynamikklasse, z. B. 25."),
    Field("sozialindex", "string", "Sozialindex", "Status/Dynamik-Symbol, z. B. 2+/- oder 3-."),
    Field("fokus", "boolean", "Fokusquartier",
          "Ob das Gebiet nach der Regel der Berichtsausgabe ein Fokusquartier ist."),
    Field("vorige_edition", "integer", "Vorige Berichtsausgabe", "Jahr der Ausgabe, mit der verglichen wird.",
          required=True),
    Field("status_wechsel", "string", "Wechsel der Statusklasse",
          "besser: höhere Statusklasse (weniger Armutsrisiken) als in der vorigen Ausgabe; schlechter: niedrigere; "
          "gleich: dieselbe.", enum=("besser", "schlechter", "gleich")),
    Field("dynamik_wechsel", "string", "Wechsel der Dynamikklasse",
          "besser: günstigere Dynamikklasse als in der vorigen Ausgabe; schlechter: ungünstigere; gleich: dieselbe.",
          enum=("besser", "schlechter", "gleich")),
    Field("stufen", "integer", "Klassenstufen",
          "Um wie viele Klassenstufen sich Status- und Dynamikklasse zusammen geändert haben (die Tabelle ist danach "
          "sortiert, die meisten zuerst, bei gleicher Zahl nach dem Namen).", minimum=1),
    *_crossing_fields("status", "Status"),
    *_crossing_fields("dynamik", "Dynamik"),
    Field("dynamik_von_vorher", "integer", "Dynamik von (vorige Ausgabe)",
          "Anfangsjahr des Dynamik-Zeitfensters der vorigen Ausgabe.", minimum=1990, maximum=2100),
    Field("dynamik_bis_vorher", "integer", "Dynamik bis (vorige Ausgabe)",
          "Endjahr des Dynamik-Zeitfensters der vorigen Ausgabe. Ist das Fenster anders lang als in dieser "
          "Ausgabe, sind die Dynamikklassen nur eingeschränkt vergleichbar.", minimum=1990, maximum=2100),
    Field("dynamik_von", "integer", "Dynamik von", "Anfangsjahr des Dynamik-Zeitfensters dieser Ausgabe.",
          minimum=1990, maximum=2100),
    Field("dynamik_bis", "integer", "Dynamik bis", "Endjahr des Dynamik-Zeitfensters dieser Ausgabe.",
          minimum=1990, maximum=2100),
)
FIELDS.update({f.name: f for f in (_before("statusklasse"), _before("statuslabel"), _before("statusindex"),
                                      _before("dynamikklasse"), _before("dynamiklabel"), _before("dynamikindex"),
                                      _before("fokus"))})


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[str, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    optional: tuple[str, ...] = ()  # columns a file may leave out

    def field_defs(self) -> list[Field]:
        return [FIELDS[n] for n in self.fields]

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(n for n in self.fields if n not in self.optional)


_Q = ForeignKey(("quartier_id",), "quartiere", ("quartier_id",))
_I = ForeignKey(("indikator_id",), "indikatoren", ("indikator_id",))

INPUT_TABLES: dict[str, Table] = {t.name: t for t in (
    Table("quartiere", "Quartiere", "Die Gebiete der Stadt mit Namen und Zuordnung.",
          ("quartier_id", "name", "name_status", "artikel", "kennung", "stadtbezirk", "sozialraum"), ("quartier_id",),
          optional=("name_status", "artikel", "kennung", "stadtbezirk", "sozialraum")),
    Table("einwohner", "Einwohner", "Einwohner je Quartier und Jahr.",
          ("quartier_id", "jahr", "einwohner"), ("quartier_id", "jahr"), (_Q,)),
    Table("indikatoren", "Indikatoren", "Definition jedes Indikators, einmal.",
          ("indikator_id", "kurzname", "titel", "zaehler_definition", "nenner_definition", "einheit",
           "quelle", "richtung", "art", "beschreibung", "hinweise"), ("indikator_id",),
          optional=("beschreibung", "hinweise")),
    Table("werte", "Indikatorwerte", "Zähler und Nenner (oder fertige Anteile) je Quartier, Indikator und Jahr.",
          ("quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "angabe"),
          ("quartier_id", "indikator_id", "jahr"), (_Q, _I), optional=("zaehler", "nenner", "anteil", "angabe")),
    Table("veraenderungen", "Veränderungen", "Fertige Veränderungen in Prozentpunkten (optional).",
          ("quartier_id", "indikator_id", "von_jahr", "bis_jahr", "veraenderung"),
          ("quartier_id", "indikator_id", "von_jahr", "bis_jahr"), (_Q, _I)),
)}

INPUT_FILES = {"quartiere": paths.QUARTERS, "einwohner": paths.RESIDENTS, "indikatoren": paths.INDICATORS,
               "werte": paths.VALUES, "veraenderungen": paths.CHANGES}

PUBLISHED_TABLES: dict[str, Table] = {t.name: t for t in (
    Table("quartiere", "Quartiere", "Die Gebiete mit Namen, Zuordnung, Einwohnern und Fläche.",
          ("quartier_id", "name", "name_status", "artikel", "kennung", "stadtbezirk", "sozialraum", "einwohner",
           "flaeche_km2"),
          ("quartier_id",)),
    Table("indikatoren", "Indikatoren", "Definition jedes Indikators.",
          INPUT_TABLES["indikatoren"].fields, ("indikator_id",)),
    Table("indikatorwerte", "Indikatorwerte",
          "Zähler, Nenner und Anteil je Quartier, Indikator und Jahr (Langformat), nach Geheimhaltung.",
          ("quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil", "kennzeichen"),
          ("quartier_id", "indikator_id", "jahr"), (_Q, _I)),
    Table("indizes", "Indizes",
          "Status-, Dynamik- und Gesamtindex je Quartier mit z-Werten, Klassen und Stabilität.",
          ("quartier_id", "gueltig", "ungueltig_grund", "statussumme", "statusindex", "statusklasse",
           "statuslabel", "status_abstand", "status_stabil", "status_kippt_ohne", "dynamiksumme",
           "dynamikindex", "dynamikklasse", "dynamiklabel", "dynamik_abstand", "dynamik_stabil",
           "dynamik_kippt_ohne", "gesamtcode", "sozialindex", "fokus"),
          ("quartier_id",), (_Q,)),
    Table("klassenwechsel", "Klassenwechsel",
          "Gebiete, deren Status- oder Dynamikklasse sich gegenüber der vorigen Ausgabe geändert hat, mit beiden "
          "Klassen und Indexwerten, dem Abstand zur überschrittenen Klassengrenze (knapp: unter 0,1), beiden "
          "Dynamik-Zeitfenstern und den Veränderungen der Dynamikindikatoren; sortiert nach der Zahl der "
          "Klassenstufen (die meisten zuerst), dann nach dem Namen. Leer in der ersten Ausgabe. Der Index ist "
          "relativ und wird in jeder Ausgabe neu standardisiert: Ein Wechsel kann auch daher kommen, dass sich andere "
          "Gebiete verändert haben.",
          ("quartier_id", "name", "vorige_edition", "edition", "stufen", "statusklasse_vorher", "statusklasse",
           "statuslabel_vorher", "statuslabel", "statusindex_vorher", "statusindex", "status_wechsel",
           "status_grenze", "status_abstand_grenze", "status_knapp",
           "dynamikklasse_vorher", "dynamikklasse", "dynamiklabel_vorher", "dynamiklabel", "dynamikindex_vorher",
           "dynamikindex", "dynamik_wechsel", "dynamik_grenze", "dynamik_abstand_grenze", "dynamik_knapp",
           "dynamik_von_vorher", "dynamik_bis_vorher", "dynamik_von", "dynamik_bis", "fokus_vorher", "fokus"),
          ("quartier_id",), (_Q,)),
    Table("zeitreihe", "Zeitreihe",
          "Eine Zeile je Gebiet und Berichtsausgabe: Klassen, Indexwerte und Fokus aller Ausgaben.",
          ("quartier_id", "name", "edition", "statusklasse", "statuslabel", "statusindex", "dynamikklasse",
           "dynamiklabel", "dynamikindex", "sozialindex", "fokus"), ("quartier_id", "edition"), (_Q,)),
)}


def z_field(column: str, indicator_title: str, kind: str) -> Field:
    """Per-indicator z-value columns depend on the city's indicators, so they are made here."""
    what = "Anteil" if kind == "status" else "Veränderung"
    return Field(column, "number", f"z-Wert {what}: {indicator_title}",
                 f"Standardisierter Wert ({what}) des Indikators „{indicator_title}“ über die gültigen Gebiete.")


def table_schema(table: Table, extra: list[Field] | None = None,
                 missing_values: tuple[str, ...] = ("",)) -> dict[str, Any]:
    """A Frictionless Table Schema for ``table`` (plus per-city extra fields)."""
    defs = table.field_defs() + list(extra or [])
    schema: dict[str, Any] = {
        "fields": [f.descriptor() for f in defs],
        "missingValues": list(missing_values),
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]
    return schema
