"""What ``import orderkit`` and checking one dict load, each in a fresh interpreter.

A service imports orderkit in every worker and a notebook imports it before anything
else: the heavy libraries load only when a call needs them. Checking one dict (a form
post) never pays for polars, pandas or pyarrow, which cost more to import than the check.
This asserts what is loaded, never how long it takes (speed lives in ``benchmarks/``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Everything orderkit may use that ``import orderkit`` leaves unloaded.
HEAVY = ("polars", "pandas", "pyarrow", "numpy", "openpyxl", "python_calamine",
         "phonenumbers", "pycountry", "psycopg", "regex")  # fmt: skip
COLUMNAR = ("polars", "pandas", "pyarrow", "numpy")

ORDER = {
    "platform": "P",
    "order_number": "2026-0000001",
    "recipient_name": "山田 太郎",
    "phone": "090-1234-5678",
    "postal_code": "100-0001",
    "address": "東京都千代田区千代田1-1",
    "country": "JP",
    "product_url": "https://shop.example.jp/items/1",
    "paid_amount": "1,000",
    "sku": "SKU-0001",
    "quantity": "2",
}


def loaded_after(code: str) -> dict[str, list[str]]:
    """Run ``code`` in a fresh interpreter; which top-level packages it then holds, and
    what it printed as JSON under ``"out"`` (if anything)."""
    script = (
        f"import json, sys\n{code}\n"
        "print(json.dumps({'loaded': sorted({m.split('.')[0] for m in sys.modules}),"
        " 'out': globals().get('out', [])}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_import_orderkit_loads_no_heavy_library() -> None:
    loaded = loaded_after("import orderkit")["loaded"]
    assert "orderkit" in loaded
    assert [name for name in HEAVY if name in loaded] == []


@pytest.mark.parametrize(
    ("country", "errors"),
    [
        ("JP", []),  # a whole, valid Japan-bound order
        ("", ["postal_code:bad_postal_code"]),  # empty means KR: 100-0001 is no KR code
        ("Japan", ["country:bad_country"]),
    ],
)
def test_checking_one_dict_loads_no_columnar_library(country: str, errors: list[str]) -> None:
    order = {**ORDER, "country": country}
    result = loaded_after(
        "import orderkit\n"
        f"problems = orderkit.validate_order({order!r})\n"
        "out = [f'{p.field}:{p.code.value}' for p in problems"
        " if p.severity is orderkit.Severity.ERROR]\n"
        "try:\n"
        f"    orderkit.order_from_dict({order!r})\n"
        "except orderkit.ValidationError:\n"
        "    pass\n"
    )
    assert result["out"] == errors  # the dict was really checked
    assert [name for name in COLUMNAR if name in result["loaded"]] == []


def test_a_heavy_library_loads_once_it_is_used() -> None:
    """The check above can fail: the same probe sees a library that a call does load."""
    # A number written with its country code is phonenumbers' to judge (a domestic one
    # is decided from tables generated from its metadata, without loading it).
    check = "orderkit.validate_order({'platform': 'P', 'phone': '+82-10-1234-5678'})"
    result = loaded_after(f"import orderkit\n{check}")
    assert "phonenumbers" in result["loaded"]
