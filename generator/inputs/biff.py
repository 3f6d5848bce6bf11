"""Which cells of an Excel 97–2003 workbook (.xls, BIFF8) are formatted as percent.

python-calamine reads the values but not the number formats; a share stored as 0,125 and shown as
„12,5 %“ must be read as 12.5, as the office sees it. This reads just enough of the file for that:
the compound file (MS-CFB) to find the „Workbook“ stream, then the FORMAT, XF and BOUNDSHEET records
of the globals and the number cells (NUMBER, RK, MULRK, FORMULA) of each sheet ([MS-XLS] 2.4).
Anything unexpected returns nothing (the values stay as calamine read them).
"""

from __future__ import annotations

import re
import struct

FREESECT, ENDOFCHAIN = 0xFFFFFFFF, 0xFFFFFFFE
BUILTIN_PERCENT = {9, 10}  # "0%", "0.00%"
MAX_SECTORS = 1 << 20


def _stream(data: bytes, name: str) -> bytes | None:
    if len(data) < 512 or not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    size = 1 << shift
    mini_size = 1 << mini_shift
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size: (n + 2) * size]

    difat = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (FREESECT, ENDOFCHAIN)]
    s, seen = first_difat, 0
    while s not in (FREESECT, ENDOFCHAIN) and seen < n_difat:
        entries = struct.unpack(f"<{size // 4}I", sector(s))
        difat += [e for e in entries[:-1] if e not in (FREESECT, ENDOFCHAIN)]
        s, seen = entries[-1], seen + 1
    fat: list[int] = []
    for f in difat[:n_fat]:
        fat += struct.unpack(f"<{size // 4}I", sector(f))

    def chain(start: int, table: list[int]) -> list[int]:
        out = []
        while start not in (FREESECT, ENDOFCHAIN) and start < len(table) and len(out) < MAX_SECTORS:
            out.append(start)
            start = table[start]
        return out

    directory = b"".join(sector(s) for s in chain(first_dir, fat))
    entries = {}
    for i in range(0, len(directory) - 127, 128):
        e = directory[i: i + 128]
        length = struct.unpack_from("<H", e, 64)[0]
        ename = e[: max(length - 2, 0)].decode("utf-16-le", "replace")
        kind = e[66]
        start, stream_size = struct.unpack_from("<II", e, 116)
        entries[ename] = (kind, start, stream_size)
    root = next(((s, n) for (k, s, n) in entries.values() if k == 5), None)
    if name not in entries or root is None:
        return None
    _, start, stream_size = entries[name]
    if stream_size >= cutoff:
        return b"".join(sector(s) for s in chain(start, fat))[:stream_size]
    minifat: list[int] = []
    for s in chain(first_minifat, fat)[:n_minifat]:
        minifat += struct.unpack(f"<{size // 4}I", sector(s))
    ministream = b"".join(sector(s) for s in chain(root[0], fat))
    return b"".join(ministream[m * mini_size: (m + 1) * mini_size] for m in chain(start, minifat))[:stream_size]


def _records(stream: bytes, offset: int = 0):
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4: offset + 4 + length]
        offset += 4 + length
        if kind == 0x000A:  # EOF
            return


def _unicode(data: bytes, offset: int, count_bytes: int) -> str:
    n = data[offset] if count_bytes == 1 else struct.unpack_from("<H", data, offset)[0]
    flags = data[offset + count_bytes]
    body = data[offset + count_bytes + 1:]
    return body[: 2 * n].decode("utf-16-le", "replace") if flags & 1 else body[:n].decode("latin-1")


def percent_cells(data: bytes, sheet_names: list[str]) -> dict[str, set[tuple[int, int]]]:
    stream = _stream(data, "Workbook")
    if not stream:
        return {}
    formats: dict[int, bool] = {}
    xf_percent: list[bool] = []
    sheets: list[tuple[str, int]] = []
    for kind, body in _records(stream):
        if kind == 0x041E and len(body) >= 5:  # FORMAT
            ifmt = struct.unpack_from("<H", body)[0]
            code = _unicode(body, 2, 2)
            formats[ifmt] = "%" in re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)
        elif kind == 0x00E0 and len(body) >= 4:  # XF
            ifmt = struct.unpack_from("<H", body, 2)[0]
            xf_percent.append(ifmt in BUILTIN_PERCENT or formats.get(ifmt, False))
        elif kind == 0x0085 and len(body) >= 8:  # BOUNDSHEET
            pos = struct.unpack_from("<I", body)[0]
            sheets.append((_unicode(body, 6, 1), pos))
    if not any(xf_percent):
        return {}
    out: dict[str, set[tuple[int, int]]] = {}
    wanted = set(sheet_names)
    for name, pos in sheets:
        if name not in wanted:
            continue
        cells: set[tuple[int, int]] = set()

        def mark(r: int, c: int, xf: int) -> None:
            if xf < len(xf_percent) and xf_percent[xf]:
                cells.add((r, c))

        for kind, body in _records(stream, pos):
            if kind in (0x0203, 0x027E, 0x0006) and len(body) >= 6:  # NUMBER, RK, FORMULA
                mark(*struct.unpack_from("<HHH", body))
            elif kind == 0x00BD and len(body) >= 6:  # MULRK
                r, first = struct.unpack_from("<HH", body)
                n = (len(body) - 6) // 6
                for i in range(n):
                    mark(r, first + i, struct.unpack_from("<H", body, 4 + 6 * i)[0])
        out[name] = cells
    return out
