"""Hostile files, each refused in a child process limited to 5 GiB of address space.

Prints a table of the case, orderkit's answer, the time to refuse and the child's peak
memory; `make hostile` writes it to benchmarks/HOSTILE.md.

    python benchmarks/hostile.py [--out PATH]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
ADDRESS_SPACE = 5 << 30

CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import orderkit
start = time.perf_counter()
try:
    orderkit.validate_file(sys.argv[1], "standard", platform="P")
    answer = "accepted"
except orderkit.OrderkitError as error:
    answer = type(error).__name__
except MemoryError:
    answer = "MemoryError"
seconds = time.perf_counter() - start
# VmHWM is this process image's own peak; ru_maxrss would include the parent's before exec.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()
peak = int(status[0]) / 1024
print(json.dumps({{"answer": answer, "seconds": seconds, "peak_mib": peak}}))
"""


def parts_of(rows: list[list[object]]) -> dict[str, bytes]:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


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
    sheet["A1"], sheet["XFD1048576"] = "주문번호", "x"
    book.save(path)
    return path


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
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = [
        "| case | answer | time | peak memory |",
        "|---|---|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for title, name, make in CASES:
            path = make(Path(folder) / name)
            done = subprocess.run(
                [sys.executable, "-c", CHILD.format(limit=ADDRESS_SPACE), str(path)],
                capture_output=True, text=True, check=False, timeout=120,
            )  # fmt: skip
            if done.returncode != 0 or not done.stdout.strip():
                lines.append(f"| {title} | crashed: {done.stderr.strip()[-200:]} | | |")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            lines.append(
                f"| {title} | `{result['answer']}` | {result['seconds'] * 1000:,.0f} ms "
                f"| {result['peak_mib']:,.0f} MiB |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(
            "# Hostile files\n\nEach file is validated in a child process limited to 5 GiB "
            "of address space (`benchmarks/hostile.py`). Peak memory includes the "
            "interpreter and orderkit.\n\n" + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
