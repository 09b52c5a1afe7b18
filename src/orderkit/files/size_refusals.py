"""Refusing a file for its size: more bytes, or more rows, than the limits allow.

The messages say how large the file is against the limit, in a unit that tells the two
apart, and what to do: split the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from orderkit.model.errors import FileTooLarge

if TYPE_CHECKING:
    from orderkit.files.safety import Limits

__all__ = ["check_size", "too_many_rows"]

_MIB: Final = 1 << 20


def check_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.file_size:
        shown, allowed = _sizes(size, limits.file_size, "bytes")
        shown_ko, allowed_ko = _sizes(size, limits.file_size, "바이트")
        raise FileTooLarge(
            f"{path.name} is {shown}, more than the {allowed} allowed; split it into smaller files",
            ko=f"{path.name} 파일의 크기 {shown_ko}가 허용된 {allowed_ko}를 넘습니다. 파일을 "
            "나누어 올리세요.",
        )


def _sizes(size: int, limit: int, bytes_word: str) -> tuple[str, str]:
    """A file's size and the limit it passed, in the unit that shows them apart (MiB,
    KiB, or bytes for a limit under a KiB)."""
    for unit, scale in (("MiB", _MIB), ("KiB", 1024)):
        if limit >= scale:
            return f"{size / scale:,.1f} {unit}", f"{limit / scale:,.0f} {unit}"
    return f"{size:,} {bytes_word}", f"{limit:,} {bytes_word}"


def too_many_rows(name: str, limits: Limits) -> FileTooLarge:
    return FileTooLarge(
        f"{name} has more than the {limits.rows:,} rows allowed; split it into smaller files",
        ko=f"{name} 파일이 허용된 {limits.rows:,}행을 넘습니다. 파일을 나누어 올리세요.",
    )
