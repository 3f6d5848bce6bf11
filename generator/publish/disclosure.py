"""Disclosure control: what may be published of counts and shares.

Primary suppression on counts; the index is computed before this, on the unsuppressed data.
"""

from __future__ import annotations

import pandas as pd

# Decimal places of shares in published files.
SHARE_DECIMALS = 3


def suppress(values: pd.DataFrame, min_count: int, min_denominator: int) -> pd.DataFrame:
    """Primary disclosure control on counts; the index is computed before this, on raw data."""
    v = values[["quartier_id", "indikator_id", "jahr", "zaehler", "nenner", "anteil"]].copy()
    v["kennzeichen"] = ""
    small_count = v["zaehler"].notna() & (v["zaehler"] < min_count)
    small_den = v["nenner"].notna() & (v["nenner"] < min_denominator)
    v.loc[small_den, "kennzeichen"] = "nenner_klein"
    v.loc[small_count, "kennzeichen"] = "geheim"
    v["zaehler"] = v["zaehler"].astype(object).where(~small_count, None)
    v["nenner"] = v["nenner"].astype(object).where(~(v["nenner"].notna() & (v["nenner"] < min_count)), None)
    v["anteil"] = v["anteil"].astype(float).round(SHARE_DECIMALS).astype(object).where(~(small_count | small_den), None)
    return v
