"""Disclosure control: what may be published of counts, shares, city values and index numbers.

Primary: a count below ``mindestfallzahl`` is secret ("geheim": count and share suppressed); a
share whose denominator is below ``mindestnenner`` is not shown ("nenner_klein": too uncertain;
count and denominator are not secret and stay).

Across editions: an edition shows every year up to its status year, so one cell appears in the
packages and pages of several editions, which may set different minimum counts. A cell is secret
in every edition that shows it if it is secret under the rule of any of them: the minimum count of
a cell is the highest ``mindestfallzahl`` of the editions that show its year (``min_counts``).
Otherwise the edition with the lower minimum would print the count another edition withholds.
``mindestnenner`` is no secrecy rule (a small denominator's count and denominator are published)
and stays the edition's own.

Secondary (the numbers around a secret count would give it away):
- City value. The city-wide share of an indicator-year with a secret count is not published:
  city total minus the other quarters would be the secret count.
- Index numbers. The z-values of one indicator sum to zero over the valid quarters, every z-value
  with its share reveals the indicator's mean and SD, and sums and indices are tied together the
  same way. So, where a secret count enters an edition's index (a status indicator in the status
  year, a dynamics indicator at either end of the window), that part of the index – status or
  dynamics – publishes no z-values, sums, index values or distances to the thresholds, for any
  quarter. Its classes are published in full: they are what the report is about, and a class only
  says that the index lies in an interval at least half a standard deviation wide.
The index itself is always computed on the complete, unsuppressed data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from ..config.models import EditionConfig

# Decimal places of shares in published files.
SHARE_DECIMALS = 3
PART_NUMBERS = ("summe", "index", "_abstand")  # per part: status + these, dynamik + these


def min_counts(years: pd.Series, editions: Iterable[EditionConfig]) -> pd.Series:
    """Per cell (its year in ``years``): the strictest ``mindestfallzahl`` of the editions that show
    that year (those whose status year is not earlier). A year no edition shows gets 0: it is never
    published."""
    out = pd.Series(0, index=years.index)
    for ed in editions:
        shown = years <= ed.status_jahr
        out[shown] = out[shown].clip(lower=ed.geheimhaltung.mindestfallzahl)
    return out


def stricter_editions(ed: EditionConfig, editions: Iterable[EditionConfig]) -> list[tuple[int, int, int]]:
    """The other editions whose rule is stricter for some years ``ed`` shows: (edition, the last of
    those years, its mindestfallzahl), for the package README."""
    own = ed.geheimhaltung.mindestfallzahl
    return [(o.edition, min(o.status_jahr, ed.status_jahr), o.geheimhaltung.mindestfallzahl) for o in editions
            if o.edition != ed.edition and o.geheimhaltung.mindestfallzahl > own]


def suppress(values: pd.DataFrame, min_count: int | pd.Series, min_denominator: int) -> pd.DataFrame:
    """Primary disclosure control on counts; the index is computed before this, on raw data.
    ``min_count`` is one number, or one per row of ``values`` (``min_counts``)."""
    v = values[["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil"]].copy()
    # Marked in the source: no value to protect; said as such, never as a zero.
    v["kennzeichen"] = (values["angabe"].map({"geheim": "geheim_quelle", "fehlt": "fehlt"}).fillna("")
                        if "angabe" in values else "")
    small_count = v["zaehler"].notna() & (v["zaehler"] < min_count)
    small_den = v["nenner"].notna() & (v["nenner"] < min_denominator)
    v.loc[small_den, "kennzeichen"] = "nenner_klein"
    v.loc[small_count, "kennzeichen"] = "geheim"
    v["zaehler"] = v["zaehler"].astype(object).where(~small_count, None)
    v["nenner"] = v["nenner"].astype(object).where(~(v["nenner"].notna() & (v["nenner"] < min_count)), None)
    v["anteil"] = v["anteil"].astype(float).round(SHARE_DECIMALS).astype(object).where(~(small_count | small_den), None)
    return v


@dataclass(frozen=True)
class Protection:
    """What the secondary rule withholds in one edition."""

    city_values: frozenset[tuple[str, int]]  # (indicator, year) without a published city value
    parts: frozenset[str]  # "status" / "dynamik": parts of the index published as classes only

    def hides(self, part: str) -> bool:
        return part in self.parts


def protection(suppressed: pd.DataFrame, ed: EditionConfig) -> Protection:
    secret = suppressed[suppressed["kennzeichen"] == "geheim"]
    cells = set(zip(secret["indikator_id"], secret["jahr"].astype(int)))
    parts = set()
    if any((k, ed.status_jahr) in cells for k in ed.status_indikatoren):
        parts.add("status")
    if any((k, y) in cells for k in ed.dynamik_indikatoren for y in (ed.dynamik_von, ed.dynamik_bis)):
        parts.add("dynamik")
    return Protection(frozenset(cells), frozenset(parts))


def protect_city_values(city_shares: pd.DataFrame, rule: Protection) -> pd.DataFrame:
    out = city_shares.copy()
    for k, year in rule.city_values:
        if k in out.index and year in out.columns:
            out.loc[k, year] = float("nan")
    return out


def protect_indices(result: pd.DataFrame, z_columns: list[tuple[str, str, str]], rule: Protection) -> pd.DataFrame:
    """The engine's result with the numbers of protected parts blanked for every quarter."""
    out = result.copy()
    for part in rule.parts:
        columns = [c for c, _, kind in z_columns if kind == part]
        columns += [f"{part}{suffix}" for suffix in PART_NUMBERS]
        for c in columns:
            if c in out:
                out[c] = float("nan")
    return out
