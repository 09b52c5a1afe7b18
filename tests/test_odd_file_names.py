"""A workbook whose name is not valid UTF-8 is read like any other (issue 11, red-team
round two, item 3): the reader opens the file in Python and hands the native parser its
bytes, instead of a path the parser would have to decode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import orderkit
from orderkit.files.safety import Limits

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the file system must take any bytes in a name"
)

NAMES = [
    b"\xed\xa0\x80.xlsx",  # an encoded surrogate: Python keeps it as an escape
    b"\xb9\xe8\xbc\xdb.xlsx",  # a CP949 name ("배송") on a UTF-8 system
    "주문".encode() + b"\xff.xlsx",
]


@pytest.mark.parametrize("isolate", [True, False])
@pytest.mark.parametrize("raw", NAMES)
def test_a_name_that_is_not_utf8_is_read(tmp_path: Path, raw: bytes, isolate: bool) -> None:
    path = tmp_path / os.fsdecode(raw)
    write_xlsx(path, [STANDARD_HEADER, standard_row("A-1"), standard_row("A-2")])
    assert os.path.exists(os.fsencode(path))
    sheet = orderkit.read_sheet(path, limits=Limits(isolate=isolate))
    assert len(sheet) == 3
    report = orderkit.validate_file(path, "standard", platform="수기")
    assert report.counts.rows == 2
