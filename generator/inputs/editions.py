"""Edition files against the data: known indicators and quarters, residents and values for every
year an edition needs."""

from __future__ import annotations

import difflib

import pandas as pd

from .. import paths
from ..config.models import EditionConfig
from ..errors import Problem


def index_indicators(indicators: pd.DataFrame) -> tuple[str, ...]:
    """The indicators marked as index indicators in indikatoren.csv (the editions' default)."""
    return tuple(indicators.index[indicators["art"] == "index"])


def check_editions(editions: list[tuple[str, EditionConfig]], indicators: pd.DataFrame | None,
                   values: pd.DataFrame | None, changes: pd.DataFrame | None, residents: pd.DataFrame | None,
                   quarter_ids: set[str], problems: list[Problem], small: set[str] = frozenset(),
                   lines: dict[str, dict[str, int]] | None = None) -> list[EditionConfig]:
    out = []
    lines = lines or {}
    seen: dict[int, str] = {}
    for file, ed in editions:
        line = lines.get(file, {}).get
        if ed.edition in seen:
            problems.append(Problem(file, f"Die Ausgabe {ed.edition} ist schon in {seen[ed.edition]} beschrieben.",
                                    "Jede Ausgabe hat genau eine Datei editionen/<Jahr>.yaml.", row=line("edition"),
                                    field="edition",
                                    code="edition-duplicate"))
            continue
        seen[ed.edition] = file
        stem = file.rsplit("/", 1)[-1].removesuffix(".yaml")
        if stem != str(ed.edition):
            problems.append(Problem(file, f"Die Datei beschreibt die Ausgabe {ed.edition}, heißt aber „{stem}.yaml“.",
                                    f"Benennen Sie die Datei in „{ed.edition}.yaml“ um (oder korrigieren Sie „edition“).",
                                    row=line("edition"), field="edition", code="edition-file-name"))
        if indicators is not None:
            ed = ed.with_indicators(index_indicators(indicators))
            for key in ("status_indikatoren", "dynamik_indikatoren"):
                if not getattr(ed, key):
                    problems.append(Problem(file, f"„{key}“ ist leer, und indikatoren.csv markiert keinen Indikator als "
                                                  "Indexindikator.",
                                            "Nennen Sie die Indikatoren der Ausgabe, z. B. [sgb2, kinderarmut], oder setzen "
                                            "Sie art=index in indikatoren.csv.", row=line(key), field=key,
                                            code="edition-no-indicators"))
            context = set(indicators.index[indicators["art"] == "kontext"])
            for key in ("status_indikatoren", "dynamik_indikatoren"):
                for k in getattr(ed, key):
                    if k in context:  # context indicators explain the index; they never enter it
                        problems.append(Problem(file, f"„{key}“ nennt den Kontextindikator „{k}“.",
                                                "Kontextindikatoren gehen nie in den Index ein; streichen Sie ihn aus der "
                                                "Liste oder setzen Sie art=index in indikatoren.csv.", row=line(key),
                                                field=key, code="edition-context-indicator"))
                    elif k not in indicators.index:
                        close = difflib.get_close_matches(k, list(indicators.index), n=1)
                        problems.append(Problem(file, f"„{key}“ nennt den unbekannten Indikator „{k}“.",
                                                f"Meinten Sie „{close[0]}“?" if close else
                                                f"Bekannt sind: {', '.join(indicators.index)}.", row=line(key),
                                                field=key, code="edition-unknown-indicator"))
        for qid in ed.ausschluss:
            if str(qid) not in quarter_ids:
                problems.append(Problem(file, f"„ausschluss“ nennt das unbekannte Quartier „{qid}“.",
                                        "Nennen Sie Kennungen aus quartiere.csv (Spalte quartier_id).",
                                        row=line("ausschluss"), field="ausschluss", code="edition-unknown-quarter"))
        if residents is not None:
            have = set(residents.loc[residents["jahr"] == ed.status_jahr, "quartier_id"])
            missing = sorted(quarter_ids - have)
            if missing:
                problems.append(Problem(paths.RESIDENTS, f"Für die Ausgabe {ed.edition} fehlen Einwohnerzahlen {ed.status_jahr} "
                                        f"für {len(missing)} Quartier(e): {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}.",
                                        f"Ergänzen Sie die Zeilen mit jahr = {ed.status_jahr}.", field="jahr",
                                        code="edition-residents-missing"))
        known = set(indicators.index) if indicators is not None else set()
        if values is not None and indicators is not None and set(ed.status_indikatoren + ed.dynamik_indikatoren) <= known:
            check_years(file, ed, values, changes, quarter_ids - unclassified(residents, ed), problems)
        out.append(ed)
    return sorted(out, key=lambda e: e.edition)


def always_small(residents: pd.DataFrame | None, editions: list[EditionConfig]) -> set[str]:
    """Areas below every edition's minimum population: they never get a class, so they may
    have no indicator values (parks, forests, industrial areas)."""
    if residents is None or not editions:
        return set()
    small = None
    for ed in editions:
        year = residents[residents["jahr"] == ed.status_jahr]
        below = set(year.loc[year["einwohner"].fillna(0) < ed.mindest_einwohner, "quartier_id"])
        small = below if small is None else small & below
    return small or set()


def unclassified(residents: pd.DataFrame | None, ed: EditionConfig) -> set[str]:
    """Quarters that cannot get a class in this edition (residents unknown or below the minimum,
    or excluded): they need no indicator values for it."""
    out = set(ed.ausschluss)
    if residents is not None:
        year = residents[residents["jahr"] == ed.status_jahr]
        out |= set(year.loc[year["einwohner"].isna() | (year["einwohner"].fillna(0) < ed.mindest_einwohner),
                            "quartier_id"])
    return out


def check_years(file: str, ed: EditionConfig, values: pd.DataFrame, changes: pd.DataFrame | None,
                quarter_ids: set[str], problems: list[Problem]) -> None:
    have = set(zip(values["quartier_id"], values["indikator_id"], values["jahr"]))
    ready = set()
    if changes is not None:
        ready = set(zip(changes["quartier_id"], changes["indikator_id"], changes["von_jahr"], changes["bis_jahr"]))
    needs: list[tuple[str, int]] = [(k, ed.status_jahr) for k in ed.status_indikatoren]
    for k in ed.dynamik_indikatoren:
        needs += [(k, ed.dynamik_von), (k, ed.dynamik_bis)]
    for k, year in dict.fromkeys(needs):
        missing = sorted(q for q in quarter_ids if (q, k, year) not in have
                         and not ((q, k, ed.dynamik_von, ed.dynamik_bis) in ready and year != ed.status_jahr))
        if missing:
            problems.append(Problem(
                paths.VALUES, f"Die Ausgabe {ed.edition} ({file}) braucht Werte des Indikators „{k}“ für {year}; "
                              f"es fehlen {len(missing)} Quartier(e): {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}.",
                f"Ergänzen Sie werte.csv um das Jahr {year} oder ändern Sie das Zeitfenster der Ausgabe.",
                field="jahr", code="edition-values-missing"))
