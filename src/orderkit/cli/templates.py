"""The ``orderkit template`` commands that need no store: suggest, check, blank and list."""

from __future__ import annotations

import argparse
import errno
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from orderkit.cli.commands import (
    check_input,
    check_output,
    fitting_sheet,
    order_numbers,
    problem_records,
    sheet_choice,
    template_with_sheet,
    writing,
)
from orderkit.cli.output import Screen, summary_lines
from orderkit.cli.progress import Bar
from orderkit.cli.words import words
from orderkit.model import errors
from orderkit.model.error_texts import error
from orderkit.templates.mismatch import TemplateMismatch

if TYPE_CHECKING:
    from orderkit.model.problems import Problem

__all__ = ["template_blank", "template_check", "template_list", "template_suggest"]

DATA_PROBLEM: Final = 1
_UNUSABLE_INPUT: Final = 2  # orderkit.cli.app.CANNOT_RUN: a file with nothing to check


def template_suggest(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.templates.mapper import REQUIRED_FIELDS
    from orderkit.templates.suggest import suggest_template

    check_input(args.file, "orders.xlsx")
    # The suggester picks the orders sheet itself unless --sheet names one, and the draft's
    # own notes (comments in the TOML, in the user's language) say which fields it left.
    template = suggest_template(args.file, sheet=sheet_choice(args.sheet), locale=args.locale)
    if not template.fields:  # a draft that maps nothing is no template: say so, and fail
        raise error(
            errors.TemplateError, "suggest_nothing_mapped",
            file=args.file.name, row=template.header_row,
        )  # fmt: skip
    missing = [f for f in REQUIRED_FIELDS if f not in template.fields and f != "platform"]
    if not screen.json:
        print(template.to_toml(), end="")
    return screen.document(
        0,
        summary={"file": args.file.name, "mapped": len(template.fields)},
        template=template.to_toml(),
        confidence=dict(template.confidence),
        unmapped=missing,
    )


def template_check(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.engine.validate import validate_file

    template = template_with_sheet(args, args.template)
    platform = args.platform or template.platform or "check"
    bar = Bar("progress_files", args.locale) if not screen.json else None
    results: list[tuple[Path, bool, dict[str, Any], tuple[Problem, ...], dict[int, str]]] = []
    failed_to_read: dict[Path, dict[str, str]] = {}
    for done, path in enumerate(args.files, start=1):
        try:
            report = validate_file(path, template, platform=platform, locale=args.locale)
        except TemplateMismatch as found:
            summary: dict[str, Any] = {"template_mismatch": True}
            other = fitting_sheet(args, path)
            if other is not None:
                summary["other_sheet"], summary["other_sheet_name"] = other
            results.append((path, False, summary, found.problems, {}))
        except (errors.UnreadableFile, errors.InvalidArgument, OSError) as error:
            failed_to_read[path] = _read_error(error, path, args.locale)
            results.append((path, False, {"unreadable": True}, (), {}))
        else:
            passed = report.ok and not (args.strict and report.warnings)
            numbers = order_numbers(report)
            results.append((path, passed, dict(report.summary()), report.problems, numbers))
        if bar is not None:
            bar.step(done, len(args.files), ok=results[-1][1], note=path.name)
    passed_count = sum(passed for _, passed, *_ in results)
    exit_code = 0 if passed_count == len(results) else DATA_PROBLEM
    if any("unreadable" in summary for _, _, summary, *_ in results):
        # A sample with no orders (or no readable sheet) proves nothing: as validate says.
        exit_code = _UNUSABLE_INPUT
    for path, ok, summary, problems, numbers in results:
        screen.say(f"{screen.words('ok' if ok else 'fail')}  {path}")
        if path in failed_to_read:
            screen.say(f"  {failed_to_read[path]['message']}")
        if "other_sheet" in summary:
            number, name = summary["other_sheet"], summary["other_sheet_name"]
            screen.say("  " + screen.words("other_sheet", sheet=name, number=number))
        shown = problems if args.strict else tuple(p for p in problems if p.is_error)
        for line in summary_lines(shown, args.locale, verbose=args.verbose, order_numbers=numbers):
            screen.say(line)
    screen.say(screen.words("checked", passed=passed_count, total=len(results)))
    files = [
        {"file": str(p), "ok": ok, "summary": summary, "problems": len(problems)}
        | ({"error": failed_to_read[p]} if p in failed_to_read else {})
        for p, ok, summary, problems, _ in results
    ]
    every = (
        record
        for path, _, _, problems, numbers in results
        for record in problem_records(problems, numbers, file=str(path))
    )
    return screen.document(
        exit_code,
        summary={"files": len(results), "passed": passed_count},
        problems=every,
        files=files,
    )


def _read_error(error: Exception, path: Path, locale: str) -> dict[str, str]:
    """Why a sample could not be read, as the JSON ``error`` object of other failures."""
    if isinstance(error, errors.OrderkitError):
        name = type(error).__name__
        code = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
        return {"code": code, "message": error.localized(locale)}
    name = errno.errorcode.get(getattr(error, "errno", None) or 0, "?")
    return {"code": "os_error", "message": words("os_other", locale, path=path, name=name)}


def template_blank(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.templates.blank import write_blank_sheet

    check_output(args.out, "blank.xlsx")
    with writing(args.out):
        path = write_blank_sheet(args.out)
    screen.say(screen.words("blank", path=path))
    return screen.document(0, path=str(path))


def template_list(args: argparse.Namespace, screen: Screen) -> int:
    from orderkit.templates.builtins import builtin_descriptions

    described = builtin_descriptions(args.locale)
    for name, description in described.items():
        screen.say(f"{name:18} {description}")
    return screen.document(
        0, templates=[{"name": n, "description": d} for n, d in described.items()]
    )
