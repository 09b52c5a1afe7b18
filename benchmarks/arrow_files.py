"""Reading files straight to columns, measured (issue 15, item 2): every figure a median of
child processes, with each child's peak memory (its maximum resident set).

- CSV: the csv-module reader (``iter_csv_rows``) against pyarrow's streaming reader
  (``iter_csv_batches``) and ``pandas.read_csv(engine="pyarrow", dtype=str)``, on the 1M-row
  UTF-8 and CP949 files of ``benchmarks/data.py``.
- xlsx: python-calamine, fastexcel (when installed) and openpyxl on the 5,000-order sheet,
  and orderkit's own reads (``read_sheet`` with every cell's text, ``read_xlsx_table``).
- The head of a sheet of 14 million cells (``read_head``) against the safety scan and the
  full read a mismatch waits for today.

    python benchmarks/arrow_files.py [--runs N] [--quick]

The files are written to ``benchmarks/data/`` on first use.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


# a workbook of millions of cells, written part by part ------------------------------

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
    where = [f' r="{letter}1"' if references else "" for letter in letters]
    cells = "".join(
        f'<c{at} t="inlineStr"><is><t>{text}</t></is></c>'
        for at, text in zip(where, header, strict=False)
    )
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


# the cases, each run in a child process ------------------------------------------------------


def _csv_module(path: Path) -> object:
    from orderkit.files.csvfile import iter_csv_rows

    return sum(1 for _ in iter_csv_rows(path))


def _csv_arrow(path: Path) -> object:
    from orderkit.files.arrow_csv import iter_csv_batches

    _, batches = iter_csv_batches(path)
    return sum(batch.num_rows for batch in batches)


def _pandas(path: Path) -> object:
    import pandas as pd

    from orderkit.files.csvfile import csv_encoding

    encoding, _ = csv_encoding(path)
    return len(pd.read_csv(path, engine="pyarrow", dtype=str, encoding=encoding))


def _calamine(path: Path) -> object:
    import python_calamine

    with path.open("rb") as handle:
        book = python_calamine.CalamineWorkbook.from_filelike(handle)
        return len(book.get_sheet_by_index(0).to_python(skip_empty_area=True))


def _fastexcel_text(path: Path) -> object:
    import fastexcel

    return fastexcel.read_excel(path).load_sheet(0, header_row=None, dtypes="string").to_arrow()


def _fastexcel_typed(path: Path) -> object:
    import fastexcel

    return fastexcel.read_excel(path).load_sheet(0, header_row=None).to_arrow()


def _openpyxl(path: Path) -> object:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows


def _read_sheet(path: Path) -> object:
    from orderkit.files.reader import read_sheet

    return len(read_sheet(path).rows)


def _read_xlsx_table(path: Path) -> object:
    from orderkit.files.arrow_xlsx import read_xlsx_table

    return read_xlsx_table(path).cells.num_rows


def _head(path: Path) -> object:
    from orderkit.files.xlsx_head import read_head

    head = read_head(path, None, 30)
    assert head is not None
    return len(head)


def _mismatch_today(path: Path) -> object:
    import orderkit

    try:
        orderkit.validate_file(path, "standard", platform="shop")
    except orderkit.TemplateMismatch as mismatch:
        return mismatch
    raise AssertionError("the big sheet fits no template")


def _mismatch_from_head(path: Path) -> object:
    import orderkit
    from orderkit.files.xlsx_head import read_head
    from orderkit.templates.mapper import map_sheet

    head = read_head(path, None, 30)
    assert head is not None
    try:
        map_sheet(head, orderkit.standard_template(), platform="-")
    except orderkit.TemplateMismatch as mismatch:
        return mismatch
    raise AssertionError("the big sheet fits no template")


def _scan(path: Path) -> object:
    from orderkit.files.safety import DEFAULT_LIMITS, check_xlsx

    check_xlsx(path, DEFAULT_LIMITS)
    return None


CASES: dict[str, Callable[[Path], object]] = {
    "csv module (iter_csv_rows)": _csv_module,
    "pyarrow streaming (iter_csv_batches)": _csv_arrow,
    "pandas.read_csv(engine='pyarrow', dtype=str)": _pandas,
    "python-calamine to_python": _calamine,
    "fastexcel, every column as text, to Arrow": _fastexcel_text,
    "fastexcel, typed columns, to Arrow": _fastexcel_typed,
    "openpyxl read-only": _openpyxl,
    "read_sheet, every cell's text": _read_sheet,
    "read_xlsx_table (Arrow)": _read_xlsx_table,
    "read_head, 30 rows": _head,
    "safety scan (check_xlsx)": _scan,
    "TemplateMismatch from the head (read_head, map_sheet)": _mismatch_from_head,
    "TemplateMismatch today (validate_file: scan, full read)": _mismatch_today,
}


# What each case imports, loaded before the clock starts: the figures are reading, not
# importing (pandas alone takes about a second here).
_IMPORTS = {
    "csv module": ["orderkit.files.csvfile"],
    "pyarrow": ["orderkit.files.arrow_csv", "pyarrow.csv", "pyarrow.compute", "numpy"],
    "pandas": ["pandas", "pyarrow.csv", "orderkit.files.csvfile"],
    "python-calamine": ["python_calamine"],
    "fastexcel": ["fastexcel", "pyarrow"],
    "openpyxl": ["openpyxl"],
    "read_sheet": ["orderkit.files.reader", "python_calamine"],
    "read_xlsx_table": ["orderkit.files.arrow_xlsx", "pyarrow.compute", "python_calamine"],
    "read_head": ["orderkit.files.xlsx_head"],
    "safety scan": ["orderkit.files.safety"],
    "TemplateMismatch": ["orderkit", "orderkit.engine.validate", "orderkit.templates.mapper",
                         "orderkit.files.xlsx_head", "python_calamine"],
}  # fmt: skip


def _child(case: str, path: Path) -> None:
    import importlib

    for prefix, modules in _IMPORTS.items():
        if case.startswith(prefix):
            for module in modules:
                importlib.import_module(module)
    start = time.perf_counter()
    CASES[case](path)
    print(time.perf_counter() - start)


def measure(case: str, path: Path, runs: int, timeout: float = 600) -> tuple[float, float]:
    """Median seconds and the largest peak memory (MiB) over ``runs`` child processes."""
    times, peaks = [], []
    for _ in range(runs):
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", case, str(path)], stdout=subprocess.PIPE
        )
        assert child.stdout is not None
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        if status != 0:
            raise RuntimeError(f"{case} on {path.name} failed (wait status {status})")
        times.append(float(out.decode().strip().splitlines()[-1]))
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def _available(case: str) -> bool:
    if "fastexcel" not in case:
        return True
    try:
        import fastexcel  # noqa: F401
    except ImportError:
        return False
    return True


def files(quick: bool) -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    import data

    DATA.mkdir(exist_ok=True)
    rows = 100_000 if quick else 1_000_000
    wanted = {
        "utf8": (DATA / f"rows-{rows}-utf8.csv", lambda p: data.write_csv(p, rows, "utf-8")),
        "cp949": (DATA / f"rows-{rows}-cp949.csv", lambda p: data.write_csv(p, rows, "cp949")),
        "xlsx": (DATA / "orders-5000.xlsx", lambda p: data.write_xlsx(p, 5000)),
        "big": (
            DATA / f"cells-{rows * 14 // 1000}k.xlsx",
            lambda p: write(p, [f"column {c}" for c in range(1, 21)], rows * 7 // 10, 20),
        ),
    }
    for path, make in wanted.values():
        if not path.exists():
            make(path)
    return {key: path for key, (path, _) in wanted.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--only", choices=["utf8", "cp949", "xlsx", "big"], action="append")
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    found = files(args.quick)
    plan = [
        ("utf8", list(CASES)[:3], args.runs),
        ("cp949", list(CASES)[:3], args.runs),
        ("xlsx", list(CASES)[3:9], args.runs),
        ("big", list(CASES)[9:12], args.runs),
        ("big", ["TemplateMismatch today (validate_file: scan, full read)"], 1),
    ]
    print("| file | reading | median | ratio to the first | peak memory |")
    print("|---|---|---:|---:|---:|")
    for key, cases, runs in plan:
        if args.only and key not in args.only:
            continue
        path = found[key]
        first = None
        for case in cases:
            if not _available(case):
                continue
            seconds, peak = measure(case, path, runs)
            first = first or seconds
            print(
                f"| {path.name} | {case} | {seconds * 1000:,.0f} ms | {seconds / first:.2f}× "
                f"| {peak:,.0f} MiB |",
                flush=True,
            )


if __name__ == "__main__":
    main()
