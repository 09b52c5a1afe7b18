"""orderkit: validate, map and upload e-commerce order sheets for a Korean 3PL warehouse.

Every public name is importable from here. Names load on first use, so ``import orderkit``
costs almost nothing, and a command that only validates never loads the upload engine;
pandas, openpyxl and phonenumbers load only when a function that needs them runs.
"""

from __future__ import annotations

import importlib

# Not ``typing.TYPE_CHECKING``: importing typing would be most of what ``import orderkit``
# costs. Type checkers read a module-level TYPE_CHECKING as true all the same.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from orderkit.engine.assemble import AssembledOrder
    from orderkit.engine.catalogue import Catalogue, load_catalogue
    from orderkit.engine.frame import validate_frame
    from orderkit.engine.orders import order_from_dict, validate_order
    from orderkit.engine.report import Report
    from orderkit.engine.results import GroupResult, GroupStatus, UploadResult
    from orderkit.engine.upload import upload_file, upload_rows
    from orderkit.engine.validate import validate_file, validate_records
    from orderkit.files.failures import FailureFile
    from orderkit.files.reader import read_sheet
    from orderkit.files.safety import Limits
    from orderkit.files.sheet import Sheet
    from orderkit.model.accounts import Drift, SellerAccount
    from orderkit.model.errors import (
        AccountExists,
        AccountNotFound,
        AlreadyCancelled,
        AmbiguousAccount,
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
        UnreadableFile,
        UnsafeFile,
        UploadNotFound,
        ValidationError,
    )
    from orderkit.model.problems import Code, Problem, Severity
    from orderkit.model.values import Address, Order, OrderStatus, Payment, Recipient, SkuLine
    from orderkit.store.accounts import TemplateVersion
    from orderkit.store.postgres import PostgresSink
    from orderkit.store.sink import CommitResult, Event, EventKind, Sink
    from orderkit.store.sqlite import MemorySink, SqliteSink
    from orderkit.store.storage import Store, UploadRecord, open_store
    from orderkit.templates.blank import write_blank_sheet
    from orderkit.templates.builtins import standard_template
    from orderkit.templates.mismatch import DuplicateColumns, TemplateMismatch
    from orderkit.templates.suggest import suggest_template
    from orderkit.templates.template import Column, Constant, Joined, Template, load_template

# Where each public name lives.
_EXPORTS: dict[str, str] = {
    "AccountExists": "orderkit.model.errors",
    "AccountNotFound": "orderkit.model.errors",
    "Address": "orderkit.model.values",
    "AlreadyCancelled": "orderkit.model.errors",
    "AmbiguousAccount": "orderkit.model.errors",
    "AssembledOrder": "orderkit.engine.assemble",
    "Catalogue": "orderkit.engine.catalogue",
    "Code": "orderkit.model.problems",
    "Column": "orderkit.templates.template",
    "CommitResult": "orderkit.store.sink",
    "Constant": "orderkit.templates.template",
    "Drift": "orderkit.model.accounts",
    "DuplicateColumns": "orderkit.templates.mismatch",
    "EmptyFile": "orderkit.model.errors",
    "Event": "orderkit.store.sink",
    "EventKind": "orderkit.store.sink",
    "FailureFile": "orderkit.files.failures",
    "FileTooLarge": "orderkit.model.errors",
    "GroupResult": "orderkit.engine.results",
    "GroupStatus": "orderkit.engine.results",
    "InvalidArgument": "orderkit.model.errors",
    "Joined": "orderkit.templates.template",
    "Limits": "orderkit.files.safety",
    "MemorySink": "orderkit.store.sqlite",
    "MissingExtra": "orderkit.model.errors",
    "NoFailures": "orderkit.model.errors",
    "NoOrders": "orderkit.model.errors",
    "NotARegularFile": "orderkit.model.errors",
    "NotASpreadsheet": "orderkit.model.errors",
    "Order": "orderkit.model.values",
    "OrderNotFound": "orderkit.model.errors",
    "OrderStatus": "orderkit.model.values",
    "OrderkitError": "orderkit.model.errors",
    "PasswordProtected": "orderkit.model.errors",
    "Payment": "orderkit.model.values",
    "PostgresSink": "orderkit.store.postgres",
    "Problem": "orderkit.model.problems",
    "Recipient": "orderkit.model.values",
    "Report": "orderkit.engine.report",
    "SellerAccount": "orderkit.model.accounts",
    "Severity": "orderkit.model.problems",
    "Sheet": "orderkit.files.sheet",
    "Sink": "orderkit.store.sink",
    "SkuLine": "orderkit.model.values",
    "SqliteSink": "orderkit.store.sqlite",
    "Store": "orderkit.store.storage",
    "StoreError": "orderkit.model.errors",
    "Template": "orderkit.templates.template",
    "TemplateError": "orderkit.model.errors",
    "TemplateMismatch": "orderkit.templates.mismatch",
    "TemplateVersion": "orderkit.store.accounts",
    "UnreadableFile": "orderkit.model.errors",
    "UnsafeFile": "orderkit.model.errors",
    "UploadNotFound": "orderkit.model.errors",
    "UploadRecord": "orderkit.store.storage",
    "UploadResult": "orderkit.engine.results",
    "ValidationError": "orderkit.model.errors",
    "load_catalogue": "orderkit.engine.catalogue",
    "load_template": "orderkit.templates.template",
    "open_store": "orderkit.store.storage",
    "order_from_dict": "orderkit.engine.orders",
    "read_sheet": "orderkit.files.reader",
    "standard_template": "orderkit.templates.builtins",
    "suggest_template": "orderkit.templates.suggest",
    "upload_file": "orderkit.engine.upload",
    "upload_rows": "orderkit.engine.upload",
    "validate_file": "orderkit.engine.validate",
    "validate_frame": "orderkit.engine.frame",
    "validate_order": "orderkit.engine.orders",
    "validate_records": "orderkit.engine.validate",
    "write_blank_sheet": "orderkit.templates.blank",
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
