"""The public API is flat, sorted and pinned."""

from __future__ import annotations

import subprocess
import sys

import orderkit

PUBLIC = [
    "AccountExists",
    "AccountNotFound",
    "Address",
    "AlreadyCancelled",
    "AmbiguousAccount",
    "AssembledOrder",
    "Catalogue",
    "Code",
    "Column",
    "CommitResult",
    "Constant",
    "Drift",
    "DuplicateColumns",
    "EmptyFile",
    "Event",
    "EventKind",
    "FailureFile",
    "FileTooLarge",
    "GroupResult",
    "GroupStatus",
    "InvalidArgument",
    "Joined",
    "Limits",
    "MemorySink",
    "MissingExtra",
    "NoFailures",
    "NoOrders",
    "NotARegularFile",
    "NotASpreadsheet",
    "Order",
    "OrderNotFound",
    "OrderStatus",
    "OrderkitError",
    "PasswordProtected",
    "Payment",
    "PostgresSink",
    "Problem",
    "Recipient",
    "Report",
    "SellerAccount",
    "Severity",
    "Sheet",
    "Sink",
    "SkuLine",
    "SqliteSink",
    "Store",
    "StoreError",
    "Template",
    "TemplateError",
    "TemplateMismatch",
    "TemplateVersion",
    "UnreadableFile",
    "UnsafeFile",
    "UploadNotFound",
    "UploadRecord",
    "UploadResult",
    "ValidationError",
    "load_catalogue",
    "load_template",
    "open_store",
    "order_from_dict",
    "read_sheet",
    "standard_template",
    "suggest_template",
    "upload_file",
    "upload_rows",
    "validate_file",
    "validate_frame",
    "validate_order",
    "validate_records",
    "write_blank_sheet",
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
        "heavy = {'pandas', 'openpyxl', 'phonenumbers', 'pycountry', 'python_calamine'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_says_where_it_lives() -> None:
    assert set(orderkit._EXPORTS) == set(orderkit.__all__)
    for name, module in orderkit._EXPORTS.items():
        assert getattr(orderkit, name).__module__.startswith("orderkit"), name
        assert module.startswith("orderkit.")


def test_an_unknown_name_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError, match="frobnicate"):
        _ = orderkit.frobnicate  # type: ignore[attr-defined]
