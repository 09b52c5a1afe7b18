"""orderkit: validate, map and upload e-commerce order sheets for a Korean 3PL warehouse.

Every public name is importable from here. Names load on first use, so ``import orderkit``
costs almost nothing, and a command that only validates never loads the upload engine;
pandas, openpyxl and phonenumbers load only when a function that needs them runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orderkit.accounts import Drift, SellerAccount, TemplateVersion
    from orderkit.assemble import AssembledOrder
    from orderkit.blank import write_blank_sheet
    from orderkit.builtins import standard_template
    from orderkit.catalogue import Catalogue, load_catalogue
    from orderkit.errors import (
        AccountExists,
        AccountNotFound,
        AlreadyCancelled,
        AmbiguousAccount,
        DuplicateColumns,
        EmptyFile,
        FileTooLarge,
        InvalidArgument,
        MissingExtra,
        NoFailures,
        NoOrders,
        NotARegularFile,
        NotASpreadsheet,
        OrderkitError,
        OrderNotFound,
        PasswordProtected,
        StoreError,
        TemplateError,
        TemplateMismatch,
        UnreadableFile,
        UnsafeFile,
        UploadNotFound,
        ValidationError,
    )
    from orderkit.failures import FailureFile
    from orderkit.files import validate_file, validate_records
    from orderkit.frame import validate_frame
    from orderkit.model import Address, Order, OrderStatus, Payment, Recipient, SkuLine
    from orderkit.orders import order_from_dict, validate_order
    from orderkit.postgres import PostgresSink
    from orderkit.problems import Code, Problem, Severity
    from orderkit.reader import read_sheet
    from orderkit.report import Report
    from orderkit.results import GroupResult, GroupStatus, UploadResult
    from orderkit.safety import Limits
    from orderkit.sheet import Sheet
    from orderkit.sink import CommitResult, Event, EventKind, Sink
    from orderkit.storage import Store, UploadRecord, open_store
    from orderkit.store import MemorySink, SqliteSink
    from orderkit.suggest import suggest_template
    from orderkit.template import Column, Constant, Joined, Template, load_template
    from orderkit.upload import upload_file, upload_rows

# Where each public name lives.
_EXPORTS: dict[str, str] = {
    "AccountExists": "orderkit.errors",
    "AccountNotFound": "orderkit.errors",
    "Address": "orderkit.model",
    "AlreadyCancelled": "orderkit.errors",
    "AmbiguousAccount": "orderkit.errors",
    "AssembledOrder": "orderkit.assemble",
    "Catalogue": "orderkit.catalogue",
    "Code": "orderkit.problems",
    "Column": "orderkit.template",
    "CommitResult": "orderkit.sink",
    "Constant": "orderkit.template",
    "Drift": "orderkit.accounts",
    "DuplicateColumns": "orderkit.errors",
    "EmptyFile": "orderkit.errors",
    "Event": "orderkit.sink",
    "EventKind": "orderkit.sink",
    "FailureFile": "orderkit.failures",
    "FileTooLarge": "orderkit.errors",
    "GroupResult": "orderkit.results",
    "GroupStatus": "orderkit.results",
    "InvalidArgument": "orderkit.errors",
    "Joined": "orderkit.template",
    "Limits": "orderkit.safety",
    "MemorySink": "orderkit.store",
    "MissingExtra": "orderkit.errors",
    "NoFailures": "orderkit.errors",
    "NoOrders": "orderkit.errors",
    "NotARegularFile": "orderkit.errors",
    "NotASpreadsheet": "orderkit.errors",
    "Order": "orderkit.model",
    "OrderNotFound": "orderkit.errors",
    "OrderStatus": "orderkit.model",
    "OrderkitError": "orderkit.errors",
    "PasswordProtected": "orderkit.errors",
    "Payment": "orderkit.model",
    "PostgresSink": "orderkit.postgres",
    "Problem": "orderkit.problems",
    "Recipient": "orderkit.model",
    "Report": "orderkit.report",
    "SellerAccount": "orderkit.accounts",
    "Severity": "orderkit.problems",
    "Sheet": "orderkit.sheet",
    "Sink": "orderkit.sink",
    "SkuLine": "orderkit.model",
    "SqliteSink": "orderkit.store",
    "Store": "orderkit.storage",
    "StoreError": "orderkit.errors",
    "Template": "orderkit.template",
    "TemplateError": "orderkit.errors",
    "TemplateMismatch": "orderkit.errors",
    "TemplateVersion": "orderkit.accounts",
    "UnreadableFile": "orderkit.errors",
    "UnsafeFile": "orderkit.errors",
    "UploadNotFound": "orderkit.errors",
    "UploadRecord": "orderkit.storage",
    "UploadResult": "orderkit.results",
    "ValidationError": "orderkit.errors",
    "load_catalogue": "orderkit.catalogue",
    "load_template": "orderkit.template",
    "open_store": "orderkit.storage",
    "order_from_dict": "orderkit.orders",
    "read_sheet": "orderkit.reader",
    "standard_template": "orderkit.builtins",
    "suggest_template": "orderkit.suggest",
    "upload_file": "orderkit.upload",
    "upload_rows": "orderkit.upload",
    "validate_file": "orderkit.files",
    "validate_frame": "orderkit.frame",
    "validate_order": "orderkit.orders",
    "validate_records": "orderkit.files",
    "write_blank_sheet": "orderkit.blank",
}

__all__ = [
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'orderkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
