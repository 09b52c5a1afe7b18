"""Coverage-guided fuzzing of reader → mapper → engine with atheris: `make fuzz`.

Each input is written as a file (the first byte picks the extension) and uploaded into an
in-memory store. Any exception that is not an OrderkitError is a bug; so is a row that is
neither committed nor in the failure file.

    python fuzz/fuzz_files.py [-max_total_time=60] [corpus/]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # orderkit loads its modules on first use: import the ones a file goes through here,
    # so that they are instrumented for coverage.
    import orderkit
    import orderkit.assemble
    import orderkit.checks
    import orderkit.csvfile
    import orderkit.failures
    import orderkit.mapper
    import orderkit.reader
    import orderkit.rules
    import orderkit.safety
    import orderkit.sheet
    import orderkit.upload

SUFFIXES = (".xlsx", ".csv", ".xls")
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
        target = corpus / f"seed-{encoding}"
        if not target.exists():
            target.write_bytes(bytes([SUFFIXES.index(".csv")]) + csv.encode(encoding))


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        seed(folder)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
