"""Coverage-guided fuzzing of reader → mapper → engine with atheris: `make fuzz`.

Each input is written as a file (the first byte picks the extension) and uploaded into an
in-memory store. Any exception that is not an OrderkitError is a bug; so is a row that is
neither committed nor in the failure file; so is the process dying. The corpus starts from
the example sheets, a CSV in two encodings, a legacy .xls, an .xlsb and an .ods skeleton,
and sheets that write their cell references in every spelling a reader accepts.

    python fuzz/fuzz_files.py [-max_total_time=60] [corpus/]
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # orderkit loads its modules on first use: import the ones a file goes through here,
    # so that they are instrumented for coverage.
    import orderkit
    import orderkit.engine.assemble
    import orderkit.engine.upload
    import orderkit.files.biff
    import orderkit.files.cell_transfer
    import orderkit.files.csvfile
    import orderkit.files.failures
    import orderkit.files.flat_rows
    import orderkit.files.identify
    import orderkit.files.isolation
    import orderkit.files.ole
    import orderkit.files.reader
    import orderkit.files.safety
    import orderkit.files.sheet
    import orderkit.files.xlsxfast
    import orderkit.files.xlsxscan
    import orderkit.rules.field_rules
    import orderkit.rules.order_rules
    import orderkit.templates.mapper

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.hostile_files import (
    biff_cells,
    biff_workbook,
    compound,
    ods_parts,
    with_sheet_data,
    xlsb_parts,
)

SUFFIXES = (".xlsx", ".csv", ".xls", ".xlsb", ".ods")
# Every way a reference may be written; the fuzzer mutates them further.
SPELLINGS = (
    '<c r="B2" t="inlineStr"><is><t>x</t></is></c>',
    "<c r='b0002'><v>1</v></c>",
    '<c\tr = "C2"\n><v>1</v></c>',
    "<c/><c><v>2</v></c>",
    '<x:c r="D2"><x:v>3</x:v></x:c>',
)
FOLDER = Path(tempfile.mkdtemp(prefix="orderkit-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    path = FOLDER / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    sink = orderkit.MemorySink()
    try:
        result = orderkit.upload_file(path, "standard", sink, platform="P", small_limit=0,
                                      group_size=2)  # fmt: skip
    except orderkit.OrderkitError:
        return
    committed = sum(len(group.rows) for group in result.groups if group.ok)
    if result.rows != committed + len(result.failures):
        raise AssertionError(f"rows lost: {result.rows} read, {committed} committed, "
                             f"{len(result.failures)} failed")  # fmt: skip


def seed(corpus: Path) -> None:
    """Start from the example sheets: the fuzzer mutates real files, not noise."""
    examples = Path(__file__).resolve().parent.parent / "examples"
    for number, example in enumerate(sorted(examples.glob("*.xlsx"))):
        target = corpus / f"seed-{number}"
        if not target.exists():
            target.write_bytes(bytes([SUFFIXES.index(".xlsx")]) + example.read_bytes())
    csv = (
        "주문번호,수취인명,전화번호,우편번호,기본주소,SKU,수량\n"
        "A-1,홍길동,010-1234-5678,04524,서울,S,1\n"
    )
    for encoding in ("utf-8", "cp949"):
        _write(corpus / f"seed-{encoding}", ".csv", csv.encode(encoding))
    header = [(0, column, text) for column, text in enumerate(csv.split("\n")[0].split(","))]
    line = [(1, column, text) for column, text in enumerate(csv.split("\n")[1].split(","))]
    stream = biff_workbook(biff_cells([*header, *line]), dimensions=(2, len(header)))
    _write(corpus / "seed-xls", ".xls", compound({"Workbook": stream}))
    _write(corpus / "seed-xlsb", ".xlsb", _zipped(xlsb_parts()))
    _write(corpus / "seed-ods", ".ods", _zipped(ods_parts(3, 4)))
    for number, spelling in enumerate(SPELLINGS):
        parts = with_sheet_data(f"<row>{spelling}</row><row>{spelling}</row>", prefix="x")
        _write(corpus / f"seed-spelling-{number}", ".xlsx", _zipped(parts))


def _write(target: Path, suffix: str, data: bytes) -> None:
    if not target.exists():
        target.write_bytes(bytes([SUFFIXES.index(suffix)]) + data)


def _zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        seed(folder)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
