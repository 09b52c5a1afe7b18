"""The ``orderkit`` commands that read order files: validate and upload, and what they share
with the template tools (sheets, order numbers, output paths, mismatches).

Each command takes the parsed arguments and a :class:`~orderkit.cli.output.Screen`, prints a
summary first (counts, then errors, then folded warnings) or one JSON document, and returns
its exit code.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from orderkit.cli.output import (
    NUMBER_IS_VALUE,
    CliProblem,
    Screen,
    order_of,
    problem_record,
    summary_lines,
    visible,
)
from orderkit.cli.progress import Bar, Ticker
from orderkit.cli.words import words
from orderkit.engine.grouping import MAX_ORDERS
from orderkit.model import errors
from orderkit.model.problems import Code
from orderkit.templates.mismatch import TemplateMismatch

if TYPE_CHECKING:
    from orderkit.engine.report import Report
    from orderkit.engine.results import UploadResult
    from orderkit.model.accounts import Drift
    from orderkit.model.problems import Problem
    from orderkit.templates.template import Template

__all__ = [
    "check_input",
    "check_output",
    "fitting_sheet",
    "mismatch",
    "order_numbers",
    "problem_records",
    "sample_problems",
    "sheet_choice",
    "template_with_sheet",
    "upload",
    "validate",
    "writing",
]

DATA_PROBLEM: Final = 1


def check_output(path: Path | None, example: str) -> None:
    """Refuse an output path that cannot be written *before* any work is done."""
    if path is None:
        return
    if path.is_dir():
        raise CliProblem("os_is_folder", "is_a_folder", path=path, example=example)
    # A named pipe (or a socket) would block the write until a reader comes, after an
    # upload committed. Devices answer at once (/dev/null discards, a full disk says so).
    if path.is_fifo() or path.is_socket():
        raise CliProblem("os_not_regular", "not_a_regular_file", path=path, example=example)
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise CliProblem("os_not_folder", "not_a_folder", path=path)
    if not folder.exists():
        raise CliProblem("os_no_folder", "no_such_folder", path=path, folder=folder)


def check_input(path: str | Path | None, example: str) -> None:
    """Refuse a folder given as a file to read, naming the path as it was given (the
    library's own words name only the folder's last part, and nothing for ``.``)."""
    if path is not None and Path(path).is_dir():
        inside = os.path.join(path, example)
        raise CliProblem("input_is_folder", "not_a_regular_file", path=path, inside=inside)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Name ``path`` in an OSError that does not (a zip writer on a full disk says only
    "No space left on device"), so the message can say which file could not be written."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            error.filename = os.fspath(path)
        raise


def sheet_choice(value: str | None) -> str | int | None:
    """``--sheet 2`` is the second sheet (a number from 1); anything else is a sheet name."""
    if value is None:
        return None
    return int(value) if value.isdigit() and int(value) >= 1 else value


def template_with_sheet(args: argparse.Namespace, source: str) -> Template:
    from orderkit.templates.template import load_template

    template = load_template(source)
    sheet = sheet_choice(getattr(args, "sheet", None))
    return template if sheet is None else attrs.evolve(template, sheet=sheet)


def _check_file_first(args: argparse.Namespace, template: Template) -> None:
    """What to say about the order file before any work: that it is missing (said by the
    reader), that it is no spreadsheet at all (an image named .xlsx: no platform would help
    it), then that the orders' platform is unknown."""
    if not args.file.exists():
        return
    from orderkit.files.reader import sheet_format

    sheet_format(args.file)
    if not args.platform and not template.platform and "platform" not in template.fields:
        raise CliProblem("need_platform", "missing_platform")


def order_numbers(report: Report) -> dict[int, str]:
    """Excel row → order number of each problem's row, for telling which order a problem
    belongs to."""
    return {p.row: n for p, n in report.problems_with_orders() if p.row is not None and n}


def problem_records(
    problems: tuple[Problem, ...], numbers: Mapping[int, str], **extra: Any
) -> Iterator[dict[str, Any]]:
    """The problems as JSON records, made one at a time as the document is written."""
    return (problem_record(p, order_of(p, numbers), **extra) for p in problems)


def validate(args: argparse.Namespace, screen: Screen) -> int:
    if args.template is None:
        raise CliProblem("need_template", "missing_template")
    template = template_with_sheet(args, args.template)
    check_input(args.file, "orders.xlsx")
    check_input(args.catalogue, "catalogue.csv")
    _check_file_first(args, template)
    # Imported once the file is known to be worth reading: a refusal stays quick.
    from orderkit.engine.validate import validate_file

    with Ticker(args.file.name, args.locale):
        # The command shows problems and counts only: a CSV file is streamed, so a file of
        # millions of rows is read in bounded memory (the report is that of a whole read).
        report = validate_file(
            args.file, template, platform=args.platform, brand=args.brand,
            catalogue=args.catalogue, locale=args.locale, keep_orders=False,
        )  # fmt: skip
    counts = report.summary()
    numbers = order_numbers(report)
    exit_code = 0 if report.ok else DATA_PROBLEM
    screen.say(
        screen.words(
            "file", name=args.file.name, rows=counts["rows"], orders=counts["orders"],
            valid=counts["valid_orders"], invalid=counts["invalid_orders"],
            errors=counts["errors"], warnings=counts["warnings"],
        )
    )  # fmt: skip
    for line in summary_lines(
        report.problems, args.locale, verbose=args.verbose, order_numbers=numbers
    ):
        screen.say(line)
    return screen.document(
        exit_code,
        summary={"file": args.file.name, **counts},
        problems=problem_records(report.problems, numbers),
    )


def upload(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.cli import store as cli_store
    from orderkit.engine.upload import upload_file

    if (args.template is None) == (args.account is None):
        raise CliProblem("template_or_account", "template_or_account")
    check_output(args.failure_file, "failed.xlsx")
    check_output(args.draft, "draft.toml")
    template = template_with_sheet(args, args.template) if args.template is not None else None
    check_input(args.file, "orders.xlsx")
    check_input(args.catalogue, "catalogue.csv")
    if template is not None:
        _check_file_first(args, template)
    bar = Bar("progress_groups", args.locale) if not screen.json else None
    clock = Ticker(args.file.name, args.locale)

    def on_group(group: Any) -> None:
        if bar is not None:
            clock.stop()  # the groups are counted now: the bar takes the line
            bar.step(group.index + 1, group.total, ok=group.ok)

    with cli_store.open_store(args.db, create=True) as sink:
        account = None
        if args.account is not None:
            account = cli_store.find_account(sink, args.account, args.platform, args.brand)
            with suppress(errors.AccountNotFound):  # upload_file says so itself
                args.account_template = sink.active_template(account).template
        with clock if bar is not None else _nothing():
            result = upload_file(
                args.file, sink, template=template, account=account, platform=args.platform,
                brand=args.brand, catalogue=args.catalogue, group_size=args.group_size,
                on_group=on_group, locale=args.locale,
                sheet=sheet_choice(args.sheet) if account is not None else None,
            )  # fmt: skip
    summary: dict[str, Any] = {"file": args.file.name, **result.summary()}
    failure_path = None
    if args.failure_file is not None and len(result.failures):
        with writing(args.failure_file):
            failure_path = result.write_failure_file(args.failure_file)
    exit_code = 0 if result.ok else DATA_PROBLEM
    hint = None
    if result.mode == "refused":
        screen.say(screen.words("refused"))
        hint = screen.words(
            "refused_hint", limit=f"{MAX_ORDERS:,}", orders=f"{summary['orders']:,}"
        )
    else:
        mode = screen.words(f"mode_{result.mode}")
        screen.say(screen.words("upload", **{**result.summary(), "mode": mode}))
    used = template or getattr(args, "account_template", None)
    numbers = _failed_order_numbers(result, used)
    problems = _with_key_column(result.problems, used)
    for line in summary_lines(problems, args.locale, verbose=args.verbose, order_numbers=numbers):
        screen.say(line)
    if hint is not None:
        screen.say(hint)
    elif failure_path is not None:
        screen.say(screen.words("failure_file", path=failure_path, rows=len(result.failures)))
    elif len(result.failures):
        if result.upload_id is not None:
            screen.say(screen.words("failure_hint", db=args.db, upload_id=result.upload_id))
    elif args.failure_file is not None:
        screen.say(screen.words("no_failure_file", path=args.failure_file))
    else:  # the summary always says where the failure file is, or that there is none
        screen.say(screen.words("no_failures"))
    summary["failure_file"] = str(failure_path) if failure_path else None
    return screen.document(
        exit_code,
        summary=summary,
        problems=problem_records(problems, numbers),
        **({} if hint is None else {"hint": hint}),
    )


def _with_key_column(
    problems: tuple[Problem, ...], template: Template | None
) -> tuple[Problem, ...]:
    """Problems about an order as a whole (already registered, a duplicate number) told at
    the order-number column of the template, where the user would look."""
    spec = template.fields.get("order_number") if template is not None else None
    if spec is None or not spec.headers:
        return problems
    return tuple(
        attrs.evolve(p, column=spec.headers[0])
        if p.column is None and p.code in NUMBER_IS_VALUE
        else p
        for p in problems
    )


def _failed_order_numbers(result: UploadResult, template: Template | None) -> dict[int, str]:
    """Excel row → order number for the rows of failed groups, read from the failure file's
    own cells (an upload keeps no table); rows of committed groups have no entry."""
    spec = template.fields.get("order_number") if template is not None else None
    if spec is None or not result.failures.preamble:
        return {}
    header = result.failures.preamble[-1]
    column = next((header.index(h) for h in spec.headers if h in header), None)
    if column is None:
        return {}
    return {
        failed.row: failed.cells[column]
        for failed in result.failures.rows
        if column < len(failed.cells) and failed.cells[column]
    }


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def mismatch(args: argparse.Namespace, screen: Screen, found: TemplateMismatch) -> int:
    """A file that does not fit its template: what is missing, what changed, where it fits.

    ``template match --sample`` is told as matching: the sample is named, and the advice is
    to fit the template to the sample, not to "match again".
    """
    matching = getattr(args, "command_name", "") == "template match"
    file = getattr(args, "sample", None) if matching else getattr(args, "file", None)
    name = Path(file).name if file is not None else ""
    problems = sample_problems(found.problems, args.locale) if matching else found.problems
    draft_path = getattr(args, "draft", None)
    if draft_path is not None and found.draft is not None:
        with writing(draft_path):
            draft_path.write_text(found.draft.to_toml(), encoding="utf-8")
    elif draft_path is not None:
        draft_path = None
    other = fitting_sheet(args, Path(file)) if file is not None else None
    screen.say(screen.words("sample_mismatch" if matching else "mismatch", name=name))
    # What to do first: the sheet that fits, or what changed; then each missing column.
    if other is not None:
        key = "other_sheet_template" if matching else "other_sheet"
        screen.say("  " + screen.words(key, sheet=other[1], number=other[0]))
    if found.drift:
        screen.say(f"  {found.drift.describe(args.locale)}")
    for line in summary_lines(problems, args.locale, verbose=True):
        screen.say(line)
    if matching:
        screen.say(screen.words("sample_advice", sample=visible(name)))
    if draft_path is not None:
        screen.say(screen.words("draft", path=draft_path))
    return screen.document(
        DATA_PROBLEM,
        summary={"file": name, "template_mismatch": True},
        problems=problem_records(problems, {}),
        drift=drift_record(found.drift) if found.drift else None,
        other_sheet=None if other is None else {"number": other[0], "name": other[1]},
        draft_file=None if draft_path is None else str(draft_path),
    )


def sample_problems(problems: tuple[Problem, ...], locale: str) -> tuple[Problem, ...]:
    """The missing columns of a sample being matched, each told as what to fix in the
    template (the library's own message advises re-matching, which is what is failing)."""
    from orderkit.model.fields import label

    reworded = []
    for p in problems:
        if p.code == Code.MISSING_COLUMN:
            header = p.column or p.value or p.field
            message = words(
                "sample_missing_column", locale, header=header, label=label(p.field, locale)
            )
            p = attrs.evolve(p, message=message)
        reworded.append(p)
    return tuple(reworded)


def drift_record(drift: Drift) -> dict[str, Any]:
    return {
        "added": list(drift.added),
        "removed": list(drift.removed),
        "renamed": [{"old": old, "new": new} for old, new in drift.renamed],
        "moved": list(drift.moved),
    }


def fitting_sheet(args: argparse.Namespace, path: Path) -> tuple[int, str] | None:
    """Another sheet of the workbook on which every column of the template is present."""
    from orderkit.templates.fitting import fitting_sheet as fitting

    template = getattr(args, "account_template", None)
    asked = sheet_choice(getattr(args, "sheet", None))
    if template is not None and asked is not None:  # --sheet with --account
        template = attrs.evolve(template, sheet=asked)
    source = getattr(args, "template", None)
    if template is None and isinstance(source, str):
        try:
            template = template_with_sheet(args, source)
        except errors.OrderkitError:
            return None
    if template is None:
        return None
    return fitting(path, template)
