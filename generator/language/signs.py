"""Signs for numbers that are not shown, as in German official statistics (Zeichenerklärung of the
statistical offices), used the same way on pages, in figures and in every package.

    .   Zahlenwert unbekannt oder geheim zu halten – here: kept secret (a count below the minimum,
        or a number that would give one away), or the source has no value
    /   keine Angabe, da Zahlenwert nicht sicher genug – here: a share whose denominator is too small
    x   Tabellenfach gesperrt, weil Aussage nicht sinnvoll – here: an area without a classification
        (no index values, no class, no Sozialindex)
    –   nichts vorhanden – here: an empty list (no exclusions), never a missing number

The machine-readable CSV files keep empty cells and say why in a column (``kennzeichen``); the
Excel workbook and the "CSV für Excel" files show these signs.
"""

from __future__ import annotations

from typing import Any, Iterable

UNKNOWN = "."  # secret or unknown
UNCERTAIN = "/"  # too uncertain
NOT_APPLICABLE = "x"  # no statement possible (no classification)
NOTHING = "–"  # nothing there

ORDER = (UNKNOWN, UNCERTAIN, NOT_APPLICABLE, NOTHING)

# kennzeichen (published values) → the sign of the share
FLAG_SIGNS = {"geheim": UNKNOWN, "geheim_quelle": UNKNOWN, "fehlt": UNKNOWN, "nenner_klein": UNCERTAIN}

# What a sign means on this site (the legend), and the official wording (packages, method page).
MEANING = {
    UNKNOWN: "geheim gehalten oder nicht bekannt",
    UNCERTAIN: "zu unsicher (Nenner zu klein)",
    NOT_APPLICABLE: "nicht sinnvoll (keine Einstufung)",
    NOTHING: "nichts vorhanden",
}
OFFICIAL = {
    UNKNOWN: "Zahlenwert unbekannt oder geheim zu halten",
    UNCERTAIN: "keine Angabe, da Zahlenwert nicht sicher genug",
    NOT_APPLICABLE: "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
    NOTHING: "nichts vorhanden",
}
# Why a share of a quarter is not shown, as a clause after "Der Wert … ist".
REASONS = {
    "geheim": "geheim gehalten, weil die Fallzahl zu klein ist",
    "geheim_quelle": "schon in der Quelle geheim gehalten",
    "fehlt": "in der Quelle nicht vorhanden",
    "nenner_klein": "nicht veröffentlicht, weil der Nenner zu klein und der Anteil deshalb zu unsicher ist",
    "": "nicht veröffentlicht",
}


def of_flag(flag: str | None) -> str:
    """The sign of a share that is not shown, by its kennzeichen."""
    return FLAG_SIGNS.get(flag or "", UNKNOWN)


def reason(flag: str | None) -> str:
    return REASONS.get(flag or "", REASONS[""])


def legend(used: Iterable[str], mindestnenner: int | None = None) -> str:
    """The line under a table or figure that explains the signs it uses ("" when it uses none)."""
    used = set(used)  # once: an iterator would be used up by the first sign's test
    present = [s for s in ORDER if s in used]
    if not present:
        return ""
    parts = []
    for s in present:
        meaning = MEANING[s]
        if s == UNCERTAIN and mindestnenner:
            meaning = f"zu unsicher (Nenner unter {mindestnenner})"
        parts.append(f"„{s}“ {meaning}")
    return "Zeichen: " + " · ".join(parts) + "."


def signs_in(cells: Iterable[Any]) -> set[str]:
    """Which signs a list of displayed cells contains."""
    return {c for c in cells if isinstance(c, str) and c in ORDER}


# --- packages ----------------------------------------------------------------------------------
# Which sign an empty cell gets in the Excel workbook and the "CSV für Excel" files. Text columns
# stay empty (an empty name of a Sozialraum is no missing number).

SIGNED_TYPES = ("integer", "number", "boolean")


def package_sign(table: str, row: dict[str, Any], column: str, column_type: str) -> str:
    """The sign for the empty cell ``column`` of ``row`` of a published table ("" = leave empty)."""
    if column_type not in SIGNED_TYPES:
        return ""
    if table == "indikatorwerte":
        flag = row.get("kennzeichen") or ""
        if not flag:
            return ""  # e.g. no counts behind a share taken as published
        return UNCERTAIN if (flag == "nenner_klein" and column == "anteil") else UNKNOWN
    if table == "indizes":
        return UNKNOWN if row.get("gueltig") is True or row.get("gueltig") == 1 else NOT_APPLICABLE
    if table == "zeitreihe":
        return NOT_APPLICABLE if _empty(row.get("statusklasse")) else UNKNOWN
    if table in ("klassenwechsel", "quartiere"):
        return UNKNOWN
    return ""


def _empty(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN; pd.NA != pd.NA is pd.NA, whose truth value raises
    except TypeError:
        return True


def package_legend_lines(mindestfallzahl: int, mindestnenner: int) -> list[str]:
    """The explanation of the signs for a package README and the workbook's "Lies mich"."""
    return [
        f"„{UNKNOWN}“ – {OFFICIAL[UNKNOWN]}: eine Fallzahl unter {mindestfallzahl} oder eine Zahl, die sie "
        "verraten würde; oder die Quelle hat keinen Wert.",
        f"„{UNCERTAIN}“ – {OFFICIAL[UNCERTAIN]}: ein Anteil mit einem Nenner unter {mindestnenner}.",
        f"„{NOT_APPLICABLE}“ – {OFFICIAL[NOT_APPLICABLE]}: ein Gebiet ohne Einstufung hat keine Indexwerte "
        "und keine Klasse.",
    ]
