"""Every file the build writes goes through here: nothing may land outside the folder it belongs to.

Validation already makes ids and editions safe (they become folder names); this is the second
line of defence, so that a bug or a hand-made CityData can never write beside the site.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnsafePathError


def inside(root: Path, rel: str) -> Path:
    """``root/rel``, refused unless it resolves inside ``root``."""
    base = root.resolve()
    target = (base / rel).resolve()
    if target != base and not target.is_relative_to(base):
        raise UnsafePathError(f"Der Pfad „{rel}“ läge außerhalb von {root}; nichts wurde geschrieben.")
    return target


def write_bytes(root: Path, rel: str, data: bytes) -> Path:
    target = inside(root, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def write_text(root: Path, rel: str, text: str) -> Path:
    return write_bytes(root, rel, text.encode("utf-8"))
