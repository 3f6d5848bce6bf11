"""The build's swap (generator/swap.py), unit by unit on small trees in tmp_path, no site builds.

What a user relies on (the module's docstring): a reader sees either the complete old tree or the
complete new one; where the file system cannot exchange two folders in one step the swap is two
renames, and a build that died between them is repaired by the next one (``recover`` puts the old
tree back); files whose bytes did not change keep their modification time (rsync, file watchers)."""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from pathlib import Path

import pytest

import generator.swap as stage
from generator.swap import exchange, keep_unchanged_mtimes, move_into, recover, swap


def tree(root: Path) -> dict[str, str]:
    """Every file below root → its text (the whole tree as a reader would see it)."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*"))
            if p.is_file()}


def make(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


OLD = {"index.html": "alte Startseite", "quartiere/a/index.html": "alt a", "nur-alt.txt": "weg damit"}
NEW = {"index.html": "neue Startseite", "quartiere/b/index.html": "neu b"}


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- exchange ------------------------------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a = make(tmp_path / "a", {"f.txt": "aus a"})
    b = make(tmp_path / "b", {"g.txt": "aus b"})
    assert exchange(a, b) is True
    assert tree(a) == {"g.txt": "aus b"} and tree(b) == {"f.txt": "aus a"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_exchange_with_a_missing_path_is_an_error_that_names_the_target(tmp_path):
    a = make(tmp_path / "a", {"f.txt": "aus a"})
    missing_target = tmp_path / "gibt-es-nicht"
    with pytest.raises(OSError) as err:
        exchange(a, missing_target)
    assert err.value.errno == errno.ENOENT
    assert err.value.filename == str(missing_target)
    assert err.value.strerror == os.strerror(errno.ENOENT)
    assert tree(a) == {"f.txt": "aus a"} and not missing_target.exists()


def test_exchange_is_not_attempted_outside_linux(tmp_path, monkeypatch):
    a = make(tmp_path / "a", {"f.txt": "aus a"})
    b = make(tmp_path / "b", {"g.txt": "aus b"})
    monkeypatch.setattr(sys, "platform", "darwin")
    assert exchange(a, b) is False
    assert tree(a) == {"f.txt": "aus a"} and tree(b) == {"g.txt": "aus b"}


class FakeLibc:
    """A C library whose renameat2 fails with a given errno (or that has no renameat2 at all)."""

    def __init__(self, code: int | None):
        self.code = code
        self.calls: list[tuple] = []
        if code is not None:
            self.renameat2 = self._renameat2

    def _renameat2(self, *args):
        self.calls.append(args)
        return -1


def with_libc(monkeypatch, libc: FakeLibc | Exception, code: int = 0) -> None:
    def cdll(name, use_errno=False):
        assert name is None and use_errno is True  # the process's own libc, with errno kept
        if isinstance(libc, Exception):
            raise libc
        return libc
    monkeypatch.setattr(stage.ctypes, "CDLL", cdll)
    monkeypatch.setattr(stage.ctypes, "get_errno", lambda: code)


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP], ids=["EINVAL", "ENOSYS", "EOPNOTSUPP"])
def test_a_file_system_that_cannot_exchange_falls_back_quietly(tmp_path, monkeypatch, code):
    libc = FakeLibc(code)
    with_libc(monkeypatch, libc, code)
    monkeypatch.setattr(sys, "platform", "linux")
    a, b = tmp_path / "a", tmp_path / "b"
    assert exchange(a, b) is False
    # AT_FDCWD (-100) for both paths, the paths as bytes, RENAME_EXCHANGE (2)
    assert libc.calls == [(-100, os.fsencode(a), -100, os.fsencode(b), 2)]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOENT, errno.EACCES, errno.EXDEV, 21, 23, 37, 39, 94, 96])
def test_any_other_failure_of_the_exchange_is_raised_not_hidden(tmp_path, monkeypatch, code):
    with_libc(monkeypatch, FakeLibc(code), code)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(OSError) as err:
        exchange(tmp_path / "a", tmp_path / "b")
    assert err.value.errno == code and err.value.filename == str(tmp_path / "b")
    assert err.value.strerror == os.strerror(code)


def test_a_libc_without_renameat2_means_no_exchange(tmp_path, monkeypatch):
    with_libc(monkeypatch, FakeLibc(None))
    monkeypatch.setattr(sys, "platform", "linux")
    assert exchange(tmp_path / "a", tmp_path / "b") is False


def test_a_libc_that_cannot_be_loaded_means_no_exchange(tmp_path, monkeypatch):
    with_libc(monkeypatch, OSError("no libc"))
    monkeypatch.setattr(sys, "platform", "linux")
    assert exchange(tmp_path / "a", tmp_path / "b") is False


# --- swap ----------------------------------------------------------------------------------------

@pytest.fixture(params=["exchange", "two renames"])
def way(request, monkeypatch):
    """Both ways of swapping: the atomic exchange, and two renames where the system cannot exchange."""
    if request.param == "two renames":
        monkeypatch.setattr(stage, "exchange", lambda a, b: False)
    return request.param


def test_swap_puts_the_new_tree_in_place_and_leaves_nothing_beside_it(tmp_path, way):
    target = make(tmp_path / "site", OLD)
    new = make(tmp_path / "site.tmp-1", NEW)
    swap(new, target)
    assert tree(target) == NEW
    assert names(tmp_path) == ["site"]


def test_swap_into_a_place_that_does_not_exist_yet(tmp_path, way):
    new = make(tmp_path / "site.tmp-1", NEW)
    swap(new, tmp_path / "site")
    assert tree(tmp_path / "site") == NEW
    assert names(tmp_path) == ["site"]


def test_the_atomic_swap_never_lets_the_target_be_missing(tmp_path, monkeypatch):
    """Where the exchange works, ``target`` is never renamed away: only the exchange touches it."""
    target = make(tmp_path / "site", OLD)
    new = make(tmp_path / "site.tmp-1", NEW)
    moved = []
    real_replace = os.replace

    def watched(a, b):
        moved.append((Path(a).name, Path(b).name))
        return real_replace(a, b)
    monkeypatch.setattr(stage.os, "replace", watched)
    seen = []
    real_exchange = stage.exchange

    def exchange_and_look(a, b):
        ok = real_exchange(a, b)
        seen.append(tree(target))
        return ok
    monkeypatch.setattr(stage, "exchange", exchange_and_look)
    swap(new, target)
    assert moved == [] and seen == [NEW]
    assert tree(target) == NEW and names(tmp_path) == ["site"]


def crash_on_second_rename(monkeypatch):
    """The build dies between the two renames of the fallback (old tree moved away, new not yet in)."""
    monkeypatch.setattr(stage, "exchange", lambda a, b: False)
    real_replace = os.replace
    calls = []

    def replace(a, b):
        calls.append((Path(a).name, Path(b).name))
        if len(calls) == 2:
            raise KeyboardInterrupt("build killed")
        return real_replace(a, b)
    monkeypatch.setattr(stage.os, "replace", replace)
    return calls


def test_a_build_killed_between_the_renames_leaves_the_old_tree_under_its_pid(tmp_path, monkeypatch):
    target = make(tmp_path / "site", OLD)
    new = make(tmp_path / "site.tmp-1", NEW)
    calls = crash_on_second_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        swap(new, target)
    alt = f"site.alt-{os.getpid()}"
    assert calls == [("site", alt), ("site.tmp-1", "site")]
    assert names(tmp_path) == sorted([alt, "site.tmp-1"])
    assert tree(tmp_path / alt) == OLD


def test_the_next_build_repairs_a_swap_that_died_half_way(tmp_path, monkeypatch):
    target = make(tmp_path / "site", OLD)
    new = make(tmp_path / "site.tmp-1", NEW)
    crash_on_second_rename(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        swap(new, target)
    monkeypatch.undo()
    recover(target)
    assert tree(target) == OLD
    assert names(tmp_path) == ["site", "site.tmp-1"]  # the unfinished new tree is the build's to clear


# --- recover ---------------------------------------------------------------------------------------

def aged(path: Path, seconds: int) -> Path:
    """Give a leftover tree a modification time (seconds since the epoch)."""
    os.utime(path, (seconds, seconds))
    return path


def test_recover_puts_back_the_newest_leftover_and_removes_the_others(tmp_path):
    older = aged(make(tmp_path / "site.alt-100", {"index.html": "vorletzter Stand"}), 1_600_000_000)
    newest = aged(make(tmp_path / "site.alt-50", {"index.html": "letzter Stand"}), 1_700_000_000)
    oldest = aged(make(tmp_path / "site.alt-7", {"index.html": "ganz alt"}), 1_500_000_000)
    assert older.exists() and newest.exists() and oldest.exists()
    recover(tmp_path / "site")
    assert tree(tmp_path / "site") == {"index.html": "letzter Stand"}
    assert names(tmp_path) == ["site"]


def test_recover_keeps_a_complete_target_and_removes_every_leftover(tmp_path):
    make(tmp_path / "site", NEW)
    aged(make(tmp_path / "site.alt-1", OLD), 1_700_000_000)
    aged(make(tmp_path / "site.alt-2", OLD), 1_600_000_000)
    recover(tmp_path / "site")
    assert tree(tmp_path / "site") == NEW
    assert names(tmp_path) == ["site"]


def test_recover_leaves_other_folders_alone(tmp_path):
    make(tmp_path / "site", NEW)
    make(tmp_path / "docs.alt-1", {"a.md": "fremd"})
    make(tmp_path / "website.alt-1", {"a.md": "fremd"})
    make(tmp_path / "site-alt-1", {"a.md": "fremd"})
    recover(tmp_path / "site")
    assert names(tmp_path) == ["docs.alt-1", "site", "site-alt-1", "website.alt-1"]


def test_recover_without_anything_to_repair_changes_nothing(tmp_path):
    recover(tmp_path / "site")
    assert names(tmp_path) == []
    make(tmp_path / "site", NEW)
    recover(tmp_path / "site")
    assert tree(tmp_path / "site") == NEW and names(tmp_path) == ["site"]


# --- move_into -----------------------------------------------------------------------------------

def test_move_into_merges_folders_and_replaces_files(tmp_path):
    target = make(tmp_path / "docs", {"index.md": "alt", "quartiere/a.md": "alt a", "quartiere/b.md": "alt b",
                                      "bleibt.md": "bleibt"})
    source = make(tmp_path / "staging", {"index.md": "neu", "quartiere/b.md": "neu b", "quartiere/c.md": "neu c",
                                         "grafiken/2022/karte.svg": "svg"})
    move_into(source, target)
    assert tree(target) == {"index.md": "neu", "quartiere/a.md": "alt a", "quartiere/b.md": "neu b",
                            "quartiere/c.md": "neu c", "grafiken/2022/karte.svg": "svg", "bleibt.md": "bleibt"}
    assert tree(source) == {}


def test_move_into_renames_a_missing_folder_in_one_step(tmp_path, monkeypatch):
    target = make(tmp_path / "docs", {"index.md": "alt"})
    source = make(tmp_path / "staging", {f"grafiken/{i}.svg": str(i) for i in range(5)})
    moved = []
    real_replace = os.replace
    monkeypatch.setattr(stage.os, "replace", lambda a, b: (moved.append(Path(a).name), real_replace(a, b))[1])
    move_into(source, target)
    assert moved == ["grafiken"]
    assert tree(target) == {"index.md": "alt", **{f"grafiken/{i}.svg": str(i) for i in range(5)}}


def test_move_into_replaces_a_folder_by_a_file_of_the_same_name(tmp_path):
    target = make(tmp_path / "docs", {"karte/alt.svg": "alt", "karte/tief/x.svg": "x"})
    source = make(tmp_path / "staging", {"karte": "jetzt eine Datei"})
    move_into(source, target)
    assert tree(target) == {"karte": "jetzt eine Datei"}


# --- keep_unchanged_mtimes -------------------------------------------------------------------------

OLD_MTIME = 1_600_000_000_123_456_789


def stamped(path: Path, mtime_ns: int, atime_ns: int | None = None) -> Path:
    os.utime(path, ns=(atime_ns if atime_ns is not None else mtime_ns, mtime_ns))
    return path


def test_unchanged_files_keep_their_old_modification_time(tmp_path):
    old = make(tmp_path / "old", {"same.html": "gleich", "sub/same.css": "body{}"})
    new = make(tmp_path / "new", {"same.html": "gleich", "sub/same.css": "body{}"})
    # an access time later than now, so reading the old file does not move it (relatime)
    future_atime = (int(__import__("time").time()) + 3600) * 10**9
    for rel in ("same.html", "sub/same.css"):
        stamped(old / rel, OLD_MTIME, future_atime)
    keep_unchanged_mtimes(new, old)
    for rel in ("same.html", "sub/same.css"):
        st = (new / rel).stat()
        assert st.st_mtime_ns == OLD_MTIME, rel
        assert st.st_atime_ns == future_atime, rel


def test_changed_files_keep_their_new_modification_time(tmp_path):
    old = make(tmp_path / "old", {"same-size.html": "Wert 12,3", "longer.html": "kurz", "shorter.html": "länger"})
    new = make(tmp_path / "new", {"same-size.html": "Wert 12,4", "longer.html": "viel länger", "shorter.html": "l"})
    for p in old.iterdir():
        stamped(p, OLD_MTIME)
    fresh = {p.name: p.stat().st_mtime_ns for p in new.iterdir()}
    keep_unchanged_mtimes(new, old)
    assert {p.name: p.stat().st_mtime_ns for p in new.iterdir()} == fresh
    assert all(t != OLD_MTIME for t in fresh.values())


def test_new_files_and_files_that_were_folders_keep_their_new_time(tmp_path):
    old = make(tmp_path / "old", {"wasdir/x": "gleich"})
    stamped(old / "wasdir" / "x", OLD_MTIME)
    stamped(old / "wasdir", OLD_MTIME)
    new = make(tmp_path / "new", {"wasdir2": "gleich", "neu.html": "neu"})
    (new / "wasdir2").rename(new / "wasdir")
    fresh = {p.name: p.stat().st_mtime_ns for p in new.iterdir()}
    keep_unchanged_mtimes(new, old)
    assert {p.name: p.stat().st_mtime_ns for p in new.iterdir()} == fresh


def test_folders_are_left_to_the_file_system(tmp_path):
    """Only files get the old time; a folder's time is its own (it changes when its entries do)."""
    old = make(tmp_path / "old", {"sub/a.txt": "gleich"})
    stamped(old / "sub" / "a.txt", OLD_MTIME)
    stamped(old / "sub", OLD_MTIME)
    new = make(tmp_path / "new", {"sub/a.txt": "gleich"})
    before = (new / "sub").stat().st_mtime_ns
    keep_unchanged_mtimes(new, old)
    assert (new / "sub").stat().st_mtime_ns == before != OLD_MTIME
    assert (new / "sub" / "a.txt").stat().st_mtime_ns == OLD_MTIME


def test_a_first_build_without_an_old_tree_changes_nothing(tmp_path):
    new = make(tmp_path / "new", {"a.txt": "neu"})
    fresh = (new / "a.txt").stat().st_mtime_ns
    keep_unchanged_mtimes(new, tmp_path / "gibt-es-nicht")
    (tmp_path / "eine-datei").write_text("x", encoding="utf-8")
    keep_unchanged_mtimes(new, tmp_path / "eine-datei")
    assert (new / "a.txt").stat().st_mtime_ns == fresh


def test_a_file_that_vanishes_while_comparing_is_skipped_not_fatal(tmp_path, monkeypatch):
    old = make(tmp_path / "old", {"a.txt": "gleich", "b.txt": "gleich"})
    for p in old.iterdir():
        stamped(p, OLD_MTIME)
    new = make(tmp_path / "new", {"a.txt": "gleich", "b.txt": "gleich"})
    real_read = Path.read_bytes

    def read_bytes(self):
        if self == old / "a.txt":
            raise FileNotFoundError(str(self))
        return real_read(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    keep_unchanged_mtimes(new, old)
    assert (new / "a.txt").stat().st_mtime_ns != OLD_MTIME
    assert (new / "b.txt").stat().st_mtime_ns == OLD_MTIME


def test_the_whole_rebuild_with_the_same_inputs_changes_no_time(tmp_path, way):
    """Old site, a rebuild into a new tree with partly the same bytes, swap: the unchanged files keep
    their time, the changed one does not (what rsync and file watchers see)."""
    target = make(tmp_path / "site", OLD)
    for p in target.rglob("*"):
        if p.is_file():
            stamped(p, OLD_MTIME)
    new = make(tmp_path / "site.tmp-1", {**NEW, "quartiere/a/index.html": "alt a"})
    keep_unchanged_mtimes(new, target)
    swap(new, target)
    assert (target / "quartiere/a/index.html").stat().st_mtime_ns == OLD_MTIME
    assert (target / "index.html").stat().st_mtime_ns != OLD_MTIME
    assert hashlib.sha256((target / "index.html").read_bytes()).hexdigest() == \
        hashlib.sha256("neue Startseite".encode()).hexdigest()


@pytest.fixture()
def undeletable_folders(monkeypatch):
    """A file system on which no folder can be removed (a busy NFS mount, a file held open on Windows)."""
    def refuse(path, *args, **kwargs):
        raise PermissionError(errno.EPERM, "Vorgang nicht zulässig", str(path))
    monkeypatch.setattr(os, "rmdir", refuse)


def test_an_old_tree_that_cannot_be_removed_does_not_fail_the_swap(tmp_path, way, undeletable_folders):
    """The new site is in place; what is left of the old one is only clutter, never an error."""
    target = make(tmp_path / "site", OLD)
    new = make(tmp_path / "site.tmp-1", NEW)
    swap(new, target)
    assert tree(target) == NEW


def test_a_leftover_that_cannot_be_removed_does_not_fail_the_repair(tmp_path, undeletable_folders):
    make(tmp_path / "site", NEW)
    make(tmp_path / "site.alt-1", OLD)
    recover(tmp_path / "site")
    assert tree(tmp_path / "site") == NEW
