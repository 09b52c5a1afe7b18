"""The public API is flat, sorted and pinned."""

from __future__ import annotations

import subprocess
import sys

import orderkit

PUBLIC = [
    "Address",
    "Code",
    "InvalidArgument",
    "Order",
    "OrderStatus",
    "OrderkitError",
    "Payment",
    "Problem",
    "Recipient",
    "Severity",
    "SkuLine",
    "ValidationError",
    "order_from_dict",
    "validate_order",
]


def test_all_is_sorted_and_pinned() -> None:
    assert orderkit.__all__ == sorted(orderkit.__all__)
    assert orderkit.__all__ == PUBLIC


def test_every_exported_name_exists() -> None:
    for name in orderkit.__all__:
        assert getattr(orderkit, name) is not None


def test_every_exception_derives_from_orderkit_error() -> None:
    for name in orderkit.__all__:
        value = getattr(orderkit, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, orderkit.OrderkitError)


def test_import_loads_neither_pandas_nor_openpyxl_nor_phonenumbers() -> None:
    code = (
        "import sys, orderkit; "
        "print(sorted({'pandas','openpyxl','phonenumbers','pycountry'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
