"""Hostile files, each refused in a child process limited to 5 GiB of address space.

Prints a table of the case, orderkit's answer, the time to refuse and the child's peak
memory (and that of the reader process it forks, if any), then the cost of reading in a
forked reader against reading in-process; `make hostile` writes both to
benchmarks/HOSTILE.md.

    python benchmarks/hostile.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

import orderkit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from hostile_scenarios import run_scenarios  # noqa: E402
from tests.hostile_files import (  # noqa: E402
    biff_cells,
    biff_workbook,
    ods_parts,
    with_sheet_data,
    write_zip,
    xls_file,
    xlsb_parts,
    xlsx_parts,
)

ADDRESS_SPACE = 5 << 30

CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import orderkit
limits = None
if sys.argv[2:] == ["lifted"]:
    # The pre-read bounds lifted: only the forked reader stands between the file and us.
    limits = orderkit.Limits(rows=10**8, columns=10**6, cells=10**15, sparse_area=10**15)
start = time.perf_counter()
try:
    orderkit.validate_file(sys.argv[1], "standard", platform="P", limits=limits)
    answer = "accepted"
except orderkit.OrderkitError as error:
    answer = type(error).__name__
except MemoryError:
    answer = "MemoryError"
seconds = time.perf_counter() - start
# VmHWM is this process image's own peak; ru_maxrss would include the parent's before exec.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()
peak = int(status[0]) / 1024
reader = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"answer": answer, "seconds": seconds, "peak_mib": peak,
                   "reader_mib": reader}}))
"""

COST_CHILD = """
import json, resource, statistics, sys, time
import orderkit
limits = orderkit.Limits(isolate=sys.argv[2] == "isolated")
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    orderkit.read_sheet(sys.argv[1], limits=limits)
    times.append(time.perf_counter() - start)
status = open("/proc/self/status").read().split("VmHWM:")[1].split()
print(json.dumps({"ms": statistics.median(times) * 1000, "best_ms": min(times) * 1000,
                  "peak_mib": int(status[0]) / 1024,
                  "reader_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def parts_of(rows: list[list[object]]) -> dict[str, bytes]:
    return xlsx_parts(rows)


def zipped(path: Path, parts: dict[str, bytes]) -> Path:
    return write_zip(path, parts)


def bomb(path: Path) -> Path:
    parts = parts_of([["주문번호"]])
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b"<!--" + b"0" * (2 << 30 >> 2) + b"--></worksheet>"
    )
    return zipped(path, parts)


def laughs(path: Path) -> Path:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    parts = parts_of([["주문번호"]])
    parts["xl/sharedStrings.xml"] = f"<!DOCTYPE s [{entities}]><sst>&l9;</sst>".encode()
    return zipped(path, parts)


def xxe(path: Path) -> Path:
    parts = parts_of([["주문번호"]])
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + sheet
    )
    return zipped(path, parts)


def far_cell(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    # The standard header, so that the head check lets the file through to the reader: the
    # case is about what the forked reader contains, not about a header that does not fit.
    sheet.append(list(orderkit.standard_template().headers))
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def stray(*cells: str) -> Callable[[Path], Path]:
    """The standard header, one order, and a cell at each of ``cells``: inside every limit,
    but a rectangle of millions of empty cells (issue 11, round two)."""

    def make(path: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["주문번호", "수취인명", "전화번호", "우편번호", "기본주소", "상세주소",
                      "배송메세지", "SKU", "수량", "주문금액", "총결제금액", "상품URL",
                      "국가코드", "결제금액"])  # fmt: skip
        sheet.append(["A-1", "홍길동", "010-1234-5678", "04524", "서울 중구 세종대로 110"])
        for cell in cells:
            sheet[cell] = "x"
        book.save(path)
        return path

    return make


def lying_zip(path: Path) -> Path:
    parts = parts_of([["주문번호"], ["A-1"]])
    zipped(path, parts)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def locked(path: Path) -> Path:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4096)
    return path


def html(path: Path) -> Path:
    path.write_text("<html><table><tr><td>주문번호</td></tr></table></html>")
    return path


def huge_cell(path: Path) -> Path:
    parts = parts_of([["주문번호"], ["LONG"]])
    cells = "xl/worksheets/sheet1.xml"
    parts[cells] = parts[cells].replace(b"LONG", b"x" * (50 << 20))
    return zipped(path, parts)


def long_cell(path: Path) -> Path:
    import random

    import orderkit

    text = "".join(random.Random(7).choices("가나다라마바사아자차카타파하", k=40_000))
    header = list(orderkit.standard_template().headers)
    parts = parts_of([header, ["A-1", "LONG"]])
    cells = "xl/worksheets/sheet1.xml"
    parts[cells] = parts[cells].replace(b"LONG", text.encode())
    return zipped(path, parts)


def many_parts(path: Path) -> Path:
    parts = parts_of([["주문번호"]])
    parts |= {f"xl/media/{n}.bin": b"x" for n in range(20_000)}
    return zipped(path, parts)


def bad_bytes_csv(path: Path) -> Path:
    path.write_bytes("주문번호,수취인명\n".encode() + b"A-1,\xff\xfe\xfa\n")
    return path


def csv_named_xlsx(path: Path) -> Path:
    path.write_text("주문번호,수취인명\nA-1,홍길동\n", encoding="utf-8")
    return path


def spelled(cell: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        return write_zip(path, with_sheet_data(f'<row r="1048576">{cell}</row>'))

    return make


def implied_columns(path: Path) -> Path:
    return write_zip(path, with_sheet_data("<row>" + "<c/>" * 16_385 + "</row>"))


def implied_rows(path: Path) -> Path:
    data = '<row r="1048576"><c><v>1</v></c></row><row><c><v>1</v></c></row>'
    return write_zip(path, with_sheet_data(data))


def elsewhere(path: Path) -> Path:
    parts = with_sheet_data('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    parts["xl/data/orders.xml"] = parts.pop("xl/worksheets/sheet1.xml")
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"/xl/worksheets/sheet1.xml", b"data/orders.xml")
    return write_zip(path, parts)


def unique_count(path: Path) -> Path:
    parts = xlsx_parts([["주문번호"], ["A-1"]])
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" '
        b'uniqueCount="2147483648"><si><t>a</t></si></sst>'
    )
    return write_zip(path, parts)


def dimension(path: Path) -> Path:
    parts = with_sheet_data('<row r="1"><c r="A1"><v>1</v></c></row>',
                            extra='<dimension ref="A1:XFD1048576"/>')  # fmt: skip
    return write_zip(path, parts)


HEADER_CELLS = [(0, 0, "주문번호"), (1, 0, "A-1")]


def xls_dimensions(path: Path) -> Path:
    stream = biff_workbook(biff_cells(HEADER_CELLS), dimensions=(4_000_000_000, 256))
    return xls_file(path, stream)


def xls_far_column(path: Path) -> Path:
    cells = biff_cells([*HEADER_CELLS, (0, 65_535, 1)])
    return xls_file(path, biff_workbook(cells, dimensions=(2, 1)))


def xls_truncated(path: Path) -> Path:
    stream = biff_workbook(biff_cells(HEADER_CELLS), dimensions=(2, 1))
    return xls_file(path, stream[:-7] + struct.pack("<HH", 0x0203, 14))


def ods(path: Path) -> Path:
    return write_zip(path, ods_parts(99_000, 1_000))


def xlsb(path: Path) -> Path:
    return write_zip(path, xlsb_parts("rId404"))


def duration(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["A2"] = "주문번호", 1.0
    sheet["A2"].number_format = "[h]:mm:ss"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(b"<v>1</v>", b"<v>-1e300</v>")
    return write_zip(path, parts)


def png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("zip bomb: a 512 MiB sheet part compressed to a few hundred KiB", "bomb.xlsx", bomb),
    ("billion laughs: nested entities in sharedStrings.xml", "laughs.xlsx", laughs),
    ("external entity (XXE) reading /etc/passwd", "xxe.xlsx", xxe),
    ("one cell at XFD1048576 (a reader would fill 17 billion cells)", "far.xlsx", far_cell),
    ("a zip whose directory understates a part's size", "lying.xlsx", lying_zip),
    ("a password-protected workbook (OLE EncryptedPackage)", "locked.xlsx", locked),
    ("an HTML table named .xls", "orders.xls", html),
    ("a 50 MiB cell of one repeated letter", "cell.xlsx", huge_cell),
    ("a 40,000-character cell (Excel holds 32,767)", "long.xlsx", long_cell),
    ("20,000 parts in one zip", "parts.xlsx", many_parts),
    ("CSV bytes that are neither UTF-8 nor CP949", "bad.csv", bad_bytes_csv),
    # issue 11, item 1: spellings, implied positions, hints, other formats
    (
        "far cell in single quotes: r='XFD1048576'",
        "quotes.xlsx",
        spelled("<c r='XFD1048576'><v>1</v></c>"),
    ),
    (
        'far cell with leading zeros: r="XFD0001048576"',
        "zeros.xlsx",
        spelled('<c r="XFD0001048576"><v>1</v></c>'),
    ),
    (
        'far cell in lower case: r="xfd1048576"',
        "lower.xlsx",
        spelled('<c r="xfd1048576"><v>1</v></c>'),
    ),
    (
        'a 10-digit row: r="B4294967297" (wraps to row 1 in calamine)',
        "digits.xlsx",
        spelled('<c r="B4294967297"><v>1</v></c>'),
    ),
    ("a tab and a newline after <c", "tab.xlsx", spelled('<c\tt="n"\nr="XFD1048576"><v>1</v></c>')),
    (
        'spaces around =: r = "XFD1048576"',
        "spaces.xlsx",
        spelled('<c r = "XFD1048576"><v>1</v></c>'),
    ),
    (
        "a namespace prefix: <x:c r=…>",
        "prefix.xlsx",
        lambda p: write_zip(
            p, with_sheet_data('<x:row><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>', prefix="x")
        ),
    ),
    ("16,385 cells without r in one row", "implied-columns.xlsx", implied_columns),
    ("a row without r after row 1,048,576", "implied-rows.xlsx", implied_rows),
    ("a far cell in a sheet stored at xl/data/orders.xml", "elsewhere.xlsx", elsewhere),
    ('sharedStrings uniqueCount="2147483648"', "sst.xlsx", unique_count),
    ('<dimension ref="A1:XFD1048576"/>', "dimension.xlsx", dimension),
    (".xls: DIMENSIONS of 4 billion rows × 256 columns", "dimensions.xls", xls_dimensions),
    (".xls: a cell at column 65,535", "column.xls", xls_far_column),
    (".ods: 99,000 repeated rows of 1,000 repeated cells", "repeated.ods", ods),
    (".xlsb: a sheet with a missing relationship id", "missing.xlsb", xlsb),
    # issue 11, item 2: panics
    ("[h]:mm:ss cell holding -1e300 (a Rust panic)", "duration.xlsx", duration),
    (".xls: a truncated BIFF record", "truncated.xls", xls_truncated),
    # issue 11, round two: stray cells far from the data, inside every limit
    ("a stray cell at N1048576 under a two-row order sheet", "stray-n.xlsx", stray("N1048576")),
    ("a stray cell at AD1000000", "stray-ad.xlsx", stray("AD1000000")),
    ("a stray cell at XFD1831", "stray-xfd.xlsx", stray("XFD1831")),
    # issue 12, item 5: identification
    ("a PNG named .xlsx", "image.xlsx", png),
    ("a 0-byte .xlsx", "empty.xlsx", empty),
]
# Cases run with the pre-read bounds lifted: the forked reader alone must hold.
LIFTED: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("bounds lifted: one cell at XFD1048576 (calamine aborts in the forked reader)",
     "far-lifted.xlsx", far_cell),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = [
        "| case | answer | time | peak memory | forked reader's peak |",
        "|---|---|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        runs = [(case, []) for case in CASES] + [(case, ["lifted"]) for case in LIFTED]
        for (title, name, make), extra in runs:
            path = make(Path(folder) / name)
            done = subprocess.run(
                [sys.executable, "-c", CHILD.format(limit=ADDRESS_SPACE), str(path), *extra],
                capture_output=True, text=True, check=False, timeout=120,
            )  # fmt: skip
            if done.returncode != 0 or not done.stdout.strip():
                lines.append(f"| {title} | crashed: {done.stderr.strip()[-200:]} | | | |")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            reader = f"{result['reader_mib']:,.0f} MiB" if result["reader_mib"] else "—"
            lines.append(
                f"| {title} | `{result['answer']}` | {result['seconds'] * 1000:,.0f} ms "
                f"| {result['peak_mib']:,.0f} MiB | {reader} |"
            )
        lines.extend(run_scenarios(ADDRESS_SPACE))
        cost = isolation_cost(Path(folder))
    text = "\n".join(lines) + "\n"
    print(text)
    print(cost)
    if args.out:
        args.out.write_text(
            "# Hostile files\n\nEach file is validated in a child process limited to 5 GiB "
            "of address space (`benchmarks/hostile.py`). Peak memory includes the "
            "interpreter and orderkit; the forked reader's peak is that of the process "
            "orderkit forks to run python-calamine (`Limits.isolate`). The rows after the "
            "files are paths, templates, names, catalogues and stores "
            "(`benchmarks/hostile_scenarios.py`): each builds its input in the child and "
            "times orderkit's answer.\n\n" + text + "\n## The cost of the forked reader\n\n" + cost,
            encoding="utf-8",
        )


def isolation_cost(folder: Path) -> str:
    """``read_sheet`` in-process and in a forked reader: median time and peak memory."""
    import data

    tiny = folder / "tiny.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(data.HEADER)
    sheet.append(["A-1"])
    book.save(tiny)
    bulk = data.write_xlsx(folder / "bulk.xlsx", 5000)
    lines = [
        "| file | reading | median time | best time | peak memory | forked reader's peak |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, path, repeat in (("tiny (1 order)", tiny, 31), ("5,000 orders", bulk, 7)):
        for mode in ("in-process", "isolated"):
            done = subprocess.run(
                [sys.executable, "-c", COST_CHILD, str(path), mode, str(repeat)],
                capture_output=True, text=True, check=True, timeout=600,
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            reader = f"{result['reader_mib']:,.0f} MiB" if result["reader_mib"] else "—"
            lines.append(
                f"| {label}, {path.stat().st_size / 1024:,.0f} KiB | {mode} "
                f"| {result['ms']:,.1f} ms | {result['best_ms']:,.1f} ms "
                f"| {result['peak_mib']:,.0f} MiB | {reader} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
