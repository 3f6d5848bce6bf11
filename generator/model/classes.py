"""The classes of the index: codes, labels and symbols, defined once for every stage."""

from __future__ import annotations

STATUS_LABELS = {1: "hoch", 2: "mittel", 3: "niedrig", 4: "sehr niedrig"}
DYNAMICS_LABELS = {1: "positiv", 3: "stabil", 5: "negativ"}
DYNAMICS_SYMBOLS = {1: "+", 3: "+/-", 5: "-"}
# Default Fokusquartier rule: status niedrig or sehr niedrig (any dynamics),
# or status mittel with negative dynamics. Oberhausen's exact rule is not public.
DEFAULT_FOKUS_CODES = (31, 33, 35, 41, 43, 45, 25)
DEFAULT_STATUS_THRESHOLDS = (-1.0, 1.0, 1.5)
DEFAULT_DYNAMICS_THRESHOLDS = (-1.0, 1.0)


def is_combined_code(code: int) -> bool:
    """10 · status class + dynamics class, e.g. 25."""
    return code // 10 in STATUS_LABELS and code % 10 in DYNAMICS_LABELS
