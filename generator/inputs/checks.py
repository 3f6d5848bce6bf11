"""Checks across rows and tables: keys, references, counts against denominators and residents."""

from __future__ import annotations

import difflib

import pandas as pd

from .. import paths
from ..config import legal as rules
from ..errors import Problem
from .cells import MAX_PROBLEMS_PER_COLUMN


def duplicates(frame: pd.DataFrame, keys: tuple[str, ...], file: str, problems: list[Problem]) -> None:
    dup = frame[frame.duplicated(list(keys), keep=False)]
    for _, group in dup.groupby(list(keys), sort=False):
        rows = group["_row"].tolist()
        what = ", ".join(f"{k}={group.iloc[0][k]}" for k in keys)
        problems.append(Problem(file, f"Der Schlüssel {what} kommt mehrfach vor (Zeilen {', '.join(map(str, rows))}).",
                                "Jede Kombination darf nur einmal vorkommen; löschen Sie die doppelte Zeile.",
                                row=rows[1], field=keys[0], code="key-duplicate"))


def unknown_refs(frame: pd.DataFrame, column: str, known: set[str], file: str, target: str,
                 problems: list[Problem]) -> None:
    bad = frame[frame[column].notna() & ~frame[column].isin(known)]
    for value, group in list(bad.groupby(column, sort=False))[:MAX_PROBLEMS_PER_COLUMN]:
        close = difflib.get_close_matches(str(value), sorted(known), n=1)
        hint = f"Meinten Sie „{close[0]}“?" if close else f"Ergänzen Sie „{value}“ in {target} oder korrigieren Sie die Kennung."
        rows = group["_row"].tolist()
        more = f" (und {len(rows) - 1} weitere Zeilen)" if len(rows) > 1 else ""
        problems.append(Problem(file, f"„{value}“ gibt es in {target} nicht{more}.", hint,
                                row=rows[0], field=column, code="ref-unknown"))


def quarters_without_rows(quarters: pd.DataFrame, frame: pd.DataFrame, file: str, exempt: set[str],
                          problems: list[Problem]) -> None:
    present = set(frame["quartier_id"])
    rows: dict[str, int] = {}
    for q, r in zip(quarters["quartier_id"], quarters["_row"]):
        rows.setdefault(q, r)  # a duplicated id is reported at its first row
    for q in dict.fromkeys(quarters["quartier_id"]):
        if isinstance(q, str) and q not in present and q not in exempt:
            problems.append(Problem(paths.QUARTERS, f"Das Quartier „{q}“ hat keine Zeilen in {file}.",
                                    f"Ergänzen Sie die Daten in {file} oder löschen Sie das Quartier.",
                                    row=int(rows[q]), field="quartier_id", code="quarter-without-rows"))


def values(all_values: pd.DataFrame, file: str, problems: list[Problem]) -> pd.DataFrame:
    """Checks rows without cell errors; returns every row, with the share computed from the counts."""
    ok = all_values[~all_values["_bad"]]
    has_counts = ok["zaehler"].notna() & ok["nenner"].notna()
    partial = ok["zaehler"].notna() ^ ok["nenner"].notna()
    for _, r in ok[partial].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        col = "nenner" if pd.isna(r["nenner"]) else "zaehler"
        problems.append(Problem(file, "Zähler und Nenner müssen beide angegeben sein.",
                                f"Ergänzen Sie {col} oder lassen Sie beide leer und geben den Anteil an.",
                                row=int(r["_row"]), field=col, code="counts-partial"))
    marked = ok["angabe"].notna()
    given = ok["zaehler"].notna() | ok["nenner"].notna() | ok["anteil"].notna()
    for _, r in ok[marked & given].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, f"Die Zeile ist als „{r['angabe']}“ gekennzeichnet, hat aber einen Wert.",
                                "Lassen Sie Zähler, Nenner und Anteil leer, wenn der Wert geheim ist oder fehlt, oder "
                                "leeren Sie die Spalte angabe.", row=int(r["_row"]), field="angabe", code="marker-with-value"))
    neither = ~has_counts & ok["anteil"].isna() & ~partial & ~marked
    for _, r in ok[neither].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, "Weder Zähler/Nenner noch ein Anteil ist angegeben.",
                                "Tragen Sie Zähler und Nenner ein (bevorzugt) oder den fertigen Anteil in Prozent.",
                                row=int(r["_row"]), field="zaehler", code="value-missing"))
    zero = has_counts & (ok["nenner"] == 0)
    for _, r in ok[zero].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, "Der Nenner ist 0; ein Anteil ist nicht berechenbar.",
                                "Lassen Sie die Zeile weg, wenn es keine Bezugsbevölkerung gibt, oder korrigieren Sie den Nenner.",
                                row=int(r["_row"]), field="nenner", code="denominator-zero"))
    over = has_counts & (ok["zaehler"] > ok["nenner"])
    for _, r in ok[over].head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(file, f"Der Zähler ({r['zaehler']}) ist größer als der Nenner ({r['nenner']}).",
                                "Prüfen Sie, ob Zähler und Nenner vertauscht sind.", row=int(r["_row"]), field="zaehler",
                                code="numerator-exceeds-denominator"))
    out = all_values.copy()
    has_counts = out["zaehler"].notna() & out["nenner"].notna()
    computed = 100 * out["zaehler"].astype("Float64") / out["nenner"].astype("Float64").where(out["nenner"] != 0)
    out["anteil"] = computed.where(has_counts, out["anteil"]).astype("Float64")
    return out


def percent_range(values: pd.DataFrame, indicators: pd.DataFrame, problems: list[Problem]) -> None:
    """A ready-made value of an indicator in percent lies between 0 and 100 (other units may not:
    a migration balance per 100 residents can be negative)."""
    percent = set(indicators.index[indicators["einheit"].str.strip().str.lower().isin(["prozent", "%"])])
    given = values[values["zaehler"].isna() & values["anteil"].notna() & values["indikator_id"].isin(percent)]
    bad = given[(given["anteil"] < 0) | (given["anteil"] > 100)]
    for _, r in bad.head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(paths.VALUES, f"Der Anteil {r['anteil']} liegt nicht zwischen 0 und 100 Prozent.",
                                f"Der Indikator „{r['indikator_id']}“ hat die Einheit Prozent; prüfen Sie den Wert "
                                "oder die Einheit in indikatoren.csv.", row=int(r["_row"]), field="anteil",
                                code="value-out-of-range"))


def neutral_index_indicators(indicators: pd.DataFrame, problems: list[Problem]) -> None:
    """An index indicator needs a direction: the index adds it with a sign."""
    bad = indicators[(indicators["art"] == "index") & (indicators["richtung"] == "neutral")]
    for _, r in bad.iterrows():
        problems.append(Problem(paths.INDICATORS, f"Der Indexindikator „{r['indikator_id']}“ hat die Richtung „neutral“.",
                                "Ein Indexindikator braucht hoeher_benachteiligt oder niedriger_benachteiligt; "
                                "oder setzen Sie art=kontext.", row=int(r["_row"]), field="richtung",
                                code="indicator-direction-missing"))


def denominators(values: pd.DataFrame, residents: pd.DataFrame, problems: list[Problem]) -> None:
    """A denominator of persons can never exceed the residents of the quarter that year."""
    merged = values.merge(residents[["quartier_id", "jahr", "einwohner"]], on=["quartier_id", "jahr"], how="inner")
    bad = merged[merged["nenner"].notna() & (merged["nenner"] > merged["einwohner"])]
    for _, r in bad.head(MAX_PROBLEMS_PER_COLUMN).iterrows():
        problems.append(Problem(paths.VALUES, f"Der Nenner {r['nenner']} ist größer als die Einwohnerzahl "
                                f"{r['einwohner']} von „{r['quartier_id']}“ im Jahr {r['jahr']}.",
                                "Prüfen Sie Nenner und einwohner.csv.", row=int(r["_row"]), field="nenner",
                                code="denominator-exceeds-residents"))


def legal(city, lines: dict[str, int], problems: list[Problem]) -> None:
    """The legal pages' mandatory parts: an `amtlich` site must have every one (legal.py); any site
    must not claim full accessibility while the statement lists barriers."""
    file = paths.CITY_CONFIG

    def line(path: str) -> int | None:
        while path and path not in lines:
            path = path.rpartition(".")[0]
        return lines.get(path)

    if city.datenstand == "amtlich":
        for path, label, value in rules.gaps(city):
            problems.append(Problem(
                file, f"Pflichtangabe der Rechtstexte fehlt: {label}"
                      + (f" (noch ein Platzhalter: „{value[:60]}“)" if value.strip() else ""),
                hint=f"In {file} unter „{path}“ eintragen. Eine amtliche Website braucht jede Pflichtangabe "
                     "(siehe README, Abschnitt „Rechtstexte“).",
                row=line(path), field=path, code="legal-missing"))
        if days := rules.review_overdue(city):
            problems.append(Problem(
                file, f"Die Erklärung zur Barrierefreiheit wurde vor {days} Tagen zuletzt überprüft; sie ist "
                      "mindestens einmal im Jahr zu überprüfen (§ 4 Abs. 4 BITV NRW).",
                hint="Die Erklärung prüfen und das Datum in „barrierefreiheit.stand“ setzen.",
                row=line("barrierefreiheit.stand"), field="barrierefreiheit.stand", code="legal-outdated"))
    if city.barrierefreiheit.status == "vollständig vereinbar":
        problems.append(Problem(
            file, "„vollständig vereinbar“ trifft nicht zu: Die interaktive Karte ist nicht mit Tastatur und "
                  "Screenreader bedienbar, und die Erklärung nennt sie als nicht barrierefreien Inhalt.",
            hint="„teilweise vereinbar“ eintragen.", row=line("barrierefreiheit.status"),
            field="barrierefreiheit.status", code="legal-status"))
