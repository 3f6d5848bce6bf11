"""Frozen parameter objects. Unknown keys are rejected, so a typo never silently falls back to a default."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping

from ..errors import SettingsError
from ..model.classes import DEFAULT_FOKUS_CODES, is_combined_code


def _reject_unknown(cls: type, data: Mapping[str, Any]) -> None:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SettingsError(
            f"Unbekannte Einstellung(en) {', '.join(unknown)} für {cls.__name__}; "
            f"erlaubt sind: {', '.join(sorted(known))}"
        )


@dataclass(frozen=True)
class IndexSettings:
    """Parameters of the status/dynamics index (the published MSS method by default)."""

    status_columns: tuple[str, ...]
    dynamics_columns: tuple[str, ...]
    population_column: str = "einwohner"
    min_population: float = 300
    exclude: tuple[str, ...] = ()
    status_thresholds: tuple[float, float, float] = (-1.0, 1.0, 1.5)
    dynamics_thresholds: tuple[float, float] = (-1.0, 1.0)
    fokus_codes: tuple[int, ...] = DEFAULT_FOKUS_CODES
    # Only for negative controls: the published method uses ddof=0 and an unweighted mean.
    ddof: int = 0
    weighted_mean: bool = False
    min_valid_areas: int = 3

    def __post_init__(self) -> None:
        for name in ("status_columns", "dynamics_columns", "exclude", "status_thresholds",
                     "dynamics_thresholds", "fokus_codes"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, (tuple, list)):
                raise SettingsError(f"{name} muss eine Liste sein, nicht {value!r}")
            object.__setattr__(self, name, tuple(value))
        object.__setattr__(self, "exclude", tuple(str(x) for x in self.exclude))
        if not self.status_columns and not self.dynamics_columns:
            raise SettingsError("Es ist weder ein Status- noch ein Dynamikindikator angegeben.")
        if len(self.status_thresholds) != 3 or list(self.status_thresholds) != sorted(self.status_thresholds):
            raise SettingsError(
                f"status_thresholds braucht drei aufsteigende Schwellen, nicht {list(self.status_thresholds)}"
            )
        if len(self.dynamics_thresholds) != 2 or list(self.dynamics_thresholds) != sorted(self.dynamics_thresholds):
            raise SettingsError(
                f"dynamics_thresholds braucht zwei aufsteigende Schwellen, nicht {list(self.dynamics_thresholds)}"
            )
        if self.min_population < 0:
            raise SettingsError("min_population darf nicht negativ sein")
        if self.ddof not in (0, 1):
            raise SettingsError("ddof muss 0 (Populations-SD) oder 1 (Stichproben-SD) sein")
        for code in self.fokus_codes:
            if not is_combined_code(code):
                raise SettingsError(f"fokus_codes: {code} ist kein Code der Form 10·Status + Dynamik")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "IndexSettings":
        _reject_unknown(cls, data)
        try:
            return cls(**data)
        except TypeError as exc:  # missing required keys
            raise SettingsError(str(exc)) from None

    def replace(self, **changes: Any) -> "IndexSettings":
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return IndexSettings.from_mapping({**data, **changes})
