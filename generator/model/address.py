"""The one public address of a site: every link, citation, package and catalogue entry uses it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*)?")


@dataclass(frozen=True)
class PublicAddress:
    base: str  # absolute, always ending in "/"

    @classmethod
    def of(cls, base_url: str) -> "PublicAddress":
        return cls(base_url.strip().rstrip("/") + "/")

    @staticmethod
    def is_valid(text: str) -> bool:
        return bool(_URL.fullmatch(text.strip()))

    def url(self, rel: str = "") -> str:
        """The absolute URL of ``rel`` (a site path such as "daten/2022/")."""
        return self.base + rel.lstrip("/")
