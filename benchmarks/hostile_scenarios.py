"""Hostile paths, templates, names, catalogues and stores (issue 11, items 3–15).

Each scenario is a few lines of Python run in a child process limited to 5 GiB of address
space and 120 s: it builds its own input in a temporary folder, calls orderkit and sets
``answer`` to what came back. ``hostile.py`` runs them after the hostile files and puts
them in the same table.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Final

# The child: scenario code runs inside main(); time and peak memory are measured around it.
CHILD: Final = """
import json, os, resource, sys, tempfile, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import orderkit

HEADER = ["주문번호", "수취인명", "수취인 연락처", "우편번호", "주소", "상품코드", "수량"]
ROW = ["A-1", "김하늘", "010-1234-5678", "04524", "서울특별시 중구 세종대로 110", "TEE", "1"]
TEMPLATE = {{"fields": {{
    "order_number": "주문번호", "recipient_name": "수취인명", "phone": "수취인 연락처",
    "postal_code": "우편번호", "address": "주소", "sku": "상품코드", "quantity": "수량",
}}}}


def write_csv(path, rows):
    import csv
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def main(folder):
    answer = None
{code}
    return answer


with tempfile.TemporaryDirectory() as folder:
    folder = Path(folder)
    start = time.perf_counter()
    try:
        answer = main(folder)
    except orderkit.OrderkitError as error:
        answer = type(error).__name__
    seconds = time.perf_counter() - start
status = open("/proc/self/status").read().split("VmHWM:")[1].split()
print(json.dumps({{"answer": str(answer), "seconds": seconds, "peak_mib": int(status[0]) / 1024}}))
"""

# (what the case is, the code that runs it: it sets ``answer``)
SCENARIOS: Final[list[tuple[str, str]]] = [
    (
        "a named pipe (FIFO) as the order file",
        """
    fifo = folder / "orders.csv"
    os.mkfifo(fifo)
    orderkit.validate_file(fifo, TEMPLATE, platform="P")
""",
    ),
    (
        "the zero device as the order file",
        """
    orderkit.validate_file("/dev/zero", TEMPLATE, platform="P")
""",
    ),
    (
        "a named pipe as the template",
        """
    fifo = folder / "shop.toml"
    os.mkfifo(fifo)
    orderkit.load_template(fifo)
""",
    ),
    (
        "a named pipe as the catalogue",
        """
    fifo = folder / "catalogue.csv"
    os.mkfifo(fifo)
    orderkit.load_catalogue(fifo)
""",
    ),
    (
        "a folder as the order file",
        """
    orderkit.validate_file(folder, TEMPLATE, platform="P")
""",
    ),
    (
        "a template pattern (a+)+$ (backtracking without end)",
        """
    orderkit.load_template({"fields": {**TEMPLATE["fields"],
        "sku": {"column": "상품코드", "pattern": "(?P<value>(a+)+$)"}}})
""",
    ),
    (
        "a template pattern (x|x)*y run on a 31-character cell",
        """
    path = write_csv(folder / "o.csv", [HEADER, [*ROW[:5], "x" * 31, "1"]])
    template = {"fields": {**TEMPLATE["fields"],
        "sku": {"column": "상품코드", "pattern": "(?P<value>(x|x)*y)"}}}
    report = orderkit.validate_file(path, template, platform="P")
    answer = "report" if report is not None else None
""",
    ),
    (
        "a TOML template nested 5,000 deep",
        """
    orderkit.load_template("x = " + "[" * 5000 + "]" * 5000 + "\\n[fields]\\n")
""",
    ),
    (
        "a TOML template of 100,000 dotted keys",
        """
    orderkit.load_template("a." * 100_000 + "b = 1\\n")
""",
    ),
    (
        "an 80 KB workbook of long header cells through the suggester",
        """
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(2):
        sheet.append([f"{n} " + "받는분 주소 상세 " * 150 for n in range(24)])
    book.save(folder / "long.xlsx")
    template = orderkit.suggest_template(folder / "long.xlsx")
    answer = f"draft of {len(template.fields)} fields"
""",
    ),
    (
        "a CSV of 16,385 columns",
        """
    path = write_csv(folder / "wide.csv", [[f"c{n}" for n in range(16_385)], ["1"] * 16_385])
    orderkit.validate_file(path, TEMPLATE, platform="P")
""",
    ),
    (
        "a CSV cell of 40,000 characters in a column the template reads",
        """
    path = write_csv(folder / "long.csv", [HEADER, [*ROW[:4], "가" * 40_000, *ROW[5:]]])
    orderkit.validate_file(path, TEMPLATE, platform="P")
""",
    ),
    (
        "a catalogue that is a link to the password file (its text must not appear)",
        """
    link = folder / "catalogue.csv"
    link.symlink_to("/etc/passwd")
    try:
        orderkit.load_catalogue(link)
        answer = "accepted"
    except orderkit.OrderkitError as error:
        leaked = "root:" in str(error) or "root:" in error.localized("ko")
        answer = type(error).__name__ + (" LEAKED" if leaked else ", nothing echoed")
""",
    ),
    (
        "a failure file for an upload of a CSV named [네이버]주문\\x07.csv",
        """
    bad = [*ROW[:6], "0"]
    path = write_csv(folder / "[네이버]주문\\x07.csv", [HEADER, ROW, bad])
    result = orderkit.upload_file(path, orderkit.MemorySink(), template=TEMPLATE,
                                  platform="P")
    written = result.write_failure_file(folder / "failed.xlsx")
    import openpyxl
    openpyxl.load_workbook(written)
    answer = "failure file written and opened"
""",
    ),
    (
        "a store path that is a PNG",
        """
    store = folder / "oms.db"
    store.write_bytes(b"\\x89PNG\\r\\n\\x1a\\n" + bytes(200))
    orderkit.SqliteSink(store)
""",
    ),
    (
        "1,000,000 orders given to upload (refused from the order count)",
        """
    path = folder / "million.csv"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\\n")
        for n in range(1_000_000):
            handle.write(f"M-{n},김하늘,010-1234-5678,04524,서울 중구,TEE,1\\n")
    started = time.perf_counter()  # writing the file above is not orderkit's time
    result = orderkit.upload_file(path, orderkit.MemorySink(), template=TEMPLATE,
                                  platform="P")
    took = time.perf_counter() - started
    answer = f"{result.mode}, {result.problems[0].code} (upload_file: {took:.1f} s)"
""",
    ),
    (
        "a named pipe as the store",
        """
    fifo = folder / "oms.db"
    os.mkfifo(fifo)
    orderkit.SqliteSink(fifo)
""",
    ),
    (
        "a named pipe as --failure-file (the command line)",
        """
    import subprocess
    fifo = folder / "failed.xlsx"
    os.mkfifo(fifo)
    path = write_csv(folder / "o.csv", [HEADER, [*ROW[:6], "0"]])
    done = subprocess.run([sys.executable, "-m", "orderkit", "upload", str(path),
                           "--template", "standard", "--platform", "P",
                           "--db", str(folder / "o.db"), "--failure-file", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    answer = f"exit {done.returncode}"
""",
    ),
    (
        "another application's SQLite database as the store",
        """
    import sqlite3
    with sqlite3.connect(folder / "crm.db") as other:
        other.execute("CREATE TABLE orders (x)")
    orderkit.SqliteSink(folder / "crm.db")
""",
    ),
    (
        "a catalogue multiplier of 4,301 digits",
        """
    path = folder / "catalogue.csv"
    path.write_text("product_code,sku,multiplier\\nTEE,X," + "9" * 4301 + "\\n")
    orderkit.load_catalogue(path)
""",
    ),
    (
        "ESC sequences in cells and the file name, shown by the command line",
        """
    import subprocess
    path = write_csv(folder / "o\\x1b[2J.csv", [HEADER, ["\\x1b]0;pwned\\x07", *ROW[1:6], "x"]])
    done = subprocess.run([sys.executable, "-m", "orderkit", "validate", str(path),
                           "--template", "standard", "--platform", "P"],
                          capture_output=True, text=True)
    raw = "\\x1b" in done.stdout + done.stderr
    answer = f"exit {done.returncode}, " + ("ESC reached the terminal" if raw else "escaped")
""",
    ),
]


def run_scenarios(limit: int) -> list[str]:
    """One table row per scenario: what it is, orderkit's answer, time and peak memory."""
    lines = []
    for title, code in SCENARIOS:
        title = title.replace("|", "\\|")  # a table cell
        indented = "\n".join(line for line in code.strip("\n").splitlines())
        source = CHILD.format(limit=limit, code=indented)
        try:
            done = subprocess.run(
                [sys.executable, "-c", source],
                capture_output=True, text=True, check=False, timeout=120,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            lines.append(f"| {title} | **hung past 120 s** | | | |")
            continue
        if done.returncode != 0 or not done.stdout.strip():
            lines.append(f"| {title} | crashed: {done.stderr.strip()[-200:]} | | | |")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        lines.append(
            f"| {title} | `{result['answer']}` | {result['seconds'] * 1000:,.0f} ms "
            f"| {result['peak_mib']:,.0f} MiB | — |"
        )
    return lines
