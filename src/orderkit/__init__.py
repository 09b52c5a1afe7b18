"""orderkit: validate, map and upload e-commerce order sheets for a Korean 3PL warehouse.

Import cost stays low: pandas, openpyxl, python-calamine and phonenumbers load only when a
function that needs them runs.
"""

from orderkit.assemble import AssembledOrder
from orderkit.blank import write_blank_sheet
from orderkit.builtins import standard_template
from orderkit.catalogue import Catalogue, load_catalogue
from orderkit.errors import (
    AlreadyCancelled,
    InvalidArgument,
    OrderkitError,
    OrderNotFound,
    StoreError,
    TemplateError,
    TemplateMismatch,
    UnreadableFile,
    UploadNotFound,
    ValidationError,
)
from orderkit.failures import FailureFile
from orderkit.files import validate_file, validate_records
from orderkit.model import Address, Order, OrderStatus, Payment, Recipient, SkuLine
from orderkit.orders import order_from_dict, validate_order
from orderkit.problems import Code, Problem, Severity
from orderkit.reader import read_sheet
from orderkit.report import Report
from orderkit.results import GroupResult, GroupStatus, UploadResult
from orderkit.sheet import Sheet
from orderkit.sink import CommitResult, Event, EventKind, Sink
from orderkit.store import MemorySink, SqliteSink
from orderkit.suggest import suggest_template
from orderkit.template import Column, Constant, Joined, Template, load_template
from orderkit.upload import upload_file, upload_rows

__all__ = [
    "Address",
    "AlreadyCancelled",
    "AssembledOrder",
    "Catalogue",
    "Code",
    "Column",
    "CommitResult",
    "Constant",
    "Event",
    "EventKind",
    "FailureFile",
    "GroupResult",
    "GroupStatus",
    "InvalidArgument",
    "Joined",
    "MemorySink",
    "Order",
    "OrderNotFound",
    "OrderStatus",
    "OrderkitError",
    "Payment",
    "Problem",
    "Recipient",
    "Report",
    "Severity",
    "Sheet",
    "Sink",
    "SkuLine",
    "SqliteSink",
    "StoreError",
    "Template",
    "TemplateError",
    "TemplateMismatch",
    "UnreadableFile",
    "UploadNotFound",
    "UploadResult",
    "ValidationError",
    "load_catalogue",
    "load_template",
    "order_from_dict",
    "read_sheet",
    "standard_template",
    "suggest_template",
    "upload_file",
    "upload_rows",
    "validate_file",
    "validate_order",
    "validate_records",
    "write_blank_sheet",
]
