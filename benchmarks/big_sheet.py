"""A workbook of about 20 million cells written part by part: the sheet whose whole read
takes a minute, for measuring how fast a wrong layout is refused from its first rows.

    python benchmarks/big_sheet.py OUT.xlsx [ROWS]
"""

from __future__ import annotations

import random
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"

PARTS = {
    "[Content_Types].xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="orders" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def sheet_xml(
    header: list[str], rows: int, columns: int, *, references: bool = True, seed: int = 15
) -> Iterator[bytes]:
    """The sheet part in blocks: a header of inline strings, then ``rows`` rows of numbers
    (cells with their ``r`` reference, as Excel writes them, or without)."""
    pick = random.Random(seed)
    letters = [chr(65 + c // 26 - 1) * (c >= 26) + chr(65 + c % 26) for c in range(columns)]
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
    cells = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in header)
    yield f'<row r="1">{cells}</row>'.encode()
    block: list[str] = []
    for row in range(2, rows + 2):
        if references:
            values = "".join(
                f'<c r="{letter}{row}"><v>{pick.randrange(1000)}</v></c>' for letter in letters
            )
        else:
            values = "".join(f"<c><v>{pick.randrange(10**6)}</v></c>" for _ in letters)
        block.append(f'<row r="{row}">{values}</row>')
        if len(block) == 2000:
            yield "".join(block).encode()
            block.clear()
    yield "".join(block).encode()
    yield b"</sheetData></worksheet>"


def write(
    path: Path, header: list[str], rows: int, columns: int, *, references: bool = True
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for block in sheet_xml(header, rows, columns, references=references):
                part.write(block)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 700_000
    bare = "--bare" in sys.argv
    write(out, [f"column {c}" for c in range(1, 21)], count, 20, references=not bare)
    print(out, out.stat().st_size)
