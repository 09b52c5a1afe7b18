"""Reading the streams of an OLE compound file (a legacy ``.xls``, an encrypted ``.xlsx``, a
``.doc`` or ``.hwp``), strictly and within the file's own bytes.

Only what orderkit needs to decide what the file is and how far its cells reach: the names
of its streams and the bytes of one. Every chain of sectors is followed with a guard against
loops and against sectors outside the file; anything inconsistent is :class:`BrokenCompound`.
"""

from __future__ import annotations

import struct
from typing import Final

__all__ = ["SIGNATURE", "BrokenCompound", "Compound"]

SIGNATURE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END: Final = 0xFFFFFFFE
_FREE: Final = 0xFFFFFFFF
_SPECIAL: Final = 0xFFFFFFFA
_HEADER_DIFAT: Final = 109
_STREAM: Final = 2
_ROOT: Final = 5


class BrokenCompound(ValueError):
    """The compound file's structure is inconsistent (a loop, a sector beyond its end)."""


class Compound:
    """An OLE compound file held in memory."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise BrokenCompound("too short for a compound file")
        self._data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise BrokenCompound(f"sector sizes 2**{shift}, 2**{mini_shift}")
        self._sector: int = 1 << shift
        self._mini: int = 1 << mini_shift
        fat_sectors, self._first_directory = struct.unpack_from("<II", data, 0x2C)
        (self._cutoff,) = struct.unpack_from("<I", data, 0x38)
        first_mini_fat, mini_fat_count, first_difat, difat_count = struct.unpack_from(
            "<IIII", data, 0x3C
        )
        self._fat = self._read_fat(fat_sectors, first_difat, difat_count)
        self._entries = self._read_directory()
        root = self._entries[0] if self._entries else None
        if root is None or root[1] != _ROOT:
            raise BrokenCompound("no root entry")
        self._mini_stream = self._chain_bytes(root[2], root[3])
        self._mini_fat = self._ints(self._chain_bytes(first_mini_fat, None))[
            : mini_fat_count * self._sector // 4
        ]

    @property
    def names(self) -> list[str]:
        """The names of every stream (not storage) in the file."""
        return [name for name, kind, _, _ in self._entries if kind == _STREAM]

    def read(self, wanted: str) -> bytes | None:
        """The bytes of the first stream named ``wanted`` (case-insensitive), or ``None``."""
        for name, kind, start, size in self._entries:
            if kind == _STREAM and name.lower() == wanted.lower():
                if size < self._cutoff:
                    return self._mini_bytes(start, size)
                return self._chain_bytes(start, size)
        return None

    # sectors ------------------------------------------------------------------------------

    def _count(self) -> int:
        return (len(self._data) - 512) // self._sector

    def _sector_bytes(self, number: int) -> bytes:
        if number >= self._count():
            raise BrokenCompound(f"sector {number} is beyond the end of the file")
        start = (number + 1) * self._sector
        return self._data[start : start + self._sector]

    @staticmethod
    def _ints(data: bytes) -> list[int]:
        return list(struct.unpack_from(f"<{len(data) // 4}I", data))

    def _read_fat(self, fat_sectors: int, first_difat: int, difat_count: int) -> list[int]:
        locations = self._ints(self._data[0x4C : 0x4C + 4 * _HEADER_DIFAT])
        seen: set[int] = set()
        sector = first_difat
        for _ in range(difat_count):
            if sector >= _SPECIAL or sector in seen:
                break
            seen.add(sector)
            block = self._ints(self._sector_bytes(sector))
            locations += block[:-1]
            sector = block[-1]
        fat: list[int] = []
        for location in locations[:fat_sectors]:
            if location < _SPECIAL:
                fat += self._ints(self._sector_bytes(location))
        return fat

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        sector = start
        while sector < _SPECIAL:
            if sector in seen or sector >= len(table):
                raise BrokenCompound(f"the chain from sector {start} is broken")
            seen.add(sector)
            chain.append(sector)
            sector = table[sector]
        return chain

    def _chain_bytes(self, start: int, size: int | None) -> bytes:
        if start in (_END, _FREE):
            return b""
        data = b"".join(self._sector_bytes(s) for s in self._chain(start, self._fat))
        if size is not None and size > len(data):
            raise BrokenCompound(f"a stream says it holds {size:,} bytes, more than its sectors")
        return data if size is None else data[:size]

    def _mini_bytes(self, start: int, size: int) -> bytes:
        if start in (_END, _FREE) or size == 0:
            return b""
        pieces = []
        for number in self._chain(start, self._mini_fat):
            offset = number * self._mini
            if offset + self._mini > len(self._mini_stream):
                raise BrokenCompound("a mini sector is beyond the mini stream")
            pieces.append(self._mini_stream[offset : offset + self._mini])
        data = b"".join(pieces)
        if size > len(data):
            raise BrokenCompound(f"a stream says it holds {size:,} bytes, more than its sectors")
        return data[:size]

    def _read_directory(self) -> list[tuple[str, int, int, int]]:
        raw = self._chain_bytes(self._first_directory, None)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            entry = raw[offset : offset + 128]
            length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
            name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
            kind = entry[0x42]
            start, size = struct.unpack_from("<IQ", entry, 0x74)
            if self._sector == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            entries.append((name, kind, start, size))
        return entries
