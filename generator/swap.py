"""Putting a new tree in place of the old one: atomically where the system can, and repaired after
a build that died half-way (``recover``). Imports nothing of ours.

A reader or a web server sees either the complete old tree or the complete new one, never a mix and
never nothing; files whose bytes did not change keep their modification time.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from pathlib import Path


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``. Where the system can, one atomic exchange: at every moment
    ``target`` is the complete old tree or the complete new one. Elsewhere two renames, and a build
    that dies between them is repaired by the next one (``recover``)."""
    if target.exists() and exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old tree
        return
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.alt-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """A build that died between the two renames of ``swap`` left the old tree as <name>.alt-<pid>:
    put it back. Leftover old trees beside a complete target are removed."""
    leftovers = sorted(target.parent.glob(f"{target.name}.alt-*"), key=lambda p: p.stat().st_mtime)
    if leftovers and not target.exists():
        os.replace(leftovers.pop(), target)
    for p in leftovers:
        shutil.rmtree(p, ignore_errors=True)


def move_into(source: Path, target: Path) -> None:
    """Every file below ``source`` to the same place below ``target``: whole folders that ``target``
    lacks are renamed in one step (thousands of figures), only shared folders are walked."""
    for entry in sorted(source.iterdir()):
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            move_into(entry, there)
        else:
            if there.is_dir():
                shutil.rmtree(there)
            os.replace(entry, there)


def keep_unchanged_mtimes(new: Path, old: Path) -> None:
    """Files with identical bytes keep the old modification time: a rebuild with the same
    inputs changes nothing a file-watcher or rsync would notice."""
    if not old.is_dir():
        return
    for path in new.rglob("*"):
        if path.is_file():
            before = old / path.relative_to(new)
            try:
                if before.is_file() and before.stat().st_size == path.stat().st_size and before.read_bytes() == path.read_bytes():
                    st = before.stat()
                    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            except OSError:
                pass
