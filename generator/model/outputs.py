"""Every file the build writes goes through here: nothing may land outside the folder it belongs to.

Validation already makes ids and editions safe (they become folder names); this is the second
line of defence, so that a bug or a hand-made CityData can never write beside the site.
"""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import Path

from ..errors import UnsafePathError


@functools.lru_cache(maxsize=64)
def _base(root: str) -> str:
    return os.path.realpath(root)


def inside(root: Path, rel: str) -> Path:
    """``root/rel``, refused unless it lies inside ``root``: the root with its links resolved, ``rel``
    normalised by its text (an absolute ``rel`` or one whose ``..`` climbs above the root is refused).
    The folders below the root are the build's own (a staging folder it made), so no link inside
    them can lead out; resolving every path on disk cost a third of the time of writing 10,000 files."""
    base = _base(os.fspath(root))
    norm = posixpath.normpath(os.fspath(rel).replace(os.sep, "/"))
    if posixpath.isabs(norm) or norm == ".." or norm.startswith("../"):
        raise UnsafePathError(f"Der Pfad „{rel}“ läge außerhalb von {root}; nichts wurde geschrieben.")
    return Path(base) if norm == "." else Path(base, norm)


def write_bytes(root: Path, rel: str, data: bytes, atomic: bool = False) -> Path:
    """``data`` to ``root/rel``; ``atomic``: written beside it and renamed into place, so that a
    reader (or another process writing the same bytes) never sees half a file."""
    target = inside(root, rel)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
    if not atomic:
        with open(target, "wb") as f:
            f.write(data)
        return target
    tmp = f"{target}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, target)
    return target


def write_text(root: Path, rel: str, text: str, atomic: bool = False) -> Path:
    return write_bytes(root, rel, text.encode("utf-8"), atomic)
