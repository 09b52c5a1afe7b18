"""The ``orderkit`` command line: a thin layer over the library.

Exit codes: 0 no errors (warnings allowed); 1 problems in the data (including a template
mismatch, failed groups, an unknown or already cancelled order); 2 usage errors, unreadable
files, bad templates, an unusable store. A user error never prints a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from orderkit import cli_store, errors
from orderkit.cli_output import Progress, json_document, problem_line, words
from orderkit.error_texts import error
from orderkit.localized_argparse import LocalizedArgumentParser, requested_locale
from orderkit.messages import LOCALES

if TYPE_CHECKING:
    from orderkit.problems import Problem

__all__ = ["main"]

DATA_PROBLEM: Final = 1
USAGE: Final = 2
# Exceptions that mean "the data has problems" rather than "the input is unusable".
_DATA_ERRORS: Final = (
    errors.TemplateMismatch,
    errors.ValidationError,
    errors.OrderNotFound,
    errors.AlreadyCancelled,
    errors.UploadNotFound,
    errors.AccountExists,
    errors.AccountNotFound,
)

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser(requested_locale(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    command: Command = args.command
    try:
        return command(args)
    except errors.TemplateMismatch as mismatch:
        return _mismatch(args, mismatch)
    except errors.OrderkitError as error:
        print(f"orderkit: {error.localized(args.locale)}", file=sys.stderr)
        return DATA_PROBLEM if isinstance(error, _DATA_ERRORS) else USAGE
    except KeyboardInterrupt:
        print("orderkit: interrupted", file=sys.stderr)
        return 130


def _mismatch(args: argparse.Namespace, mismatch: errors.TemplateMismatch) -> int:
    name = Path(getattr(args, "file", "")).name
    draft_path = getattr(args, "draft", None)
    if draft_path is not None and mismatch.draft is not None:
        draft_path.write_text(mismatch.draft.to_toml(), encoding="utf-8")
    if getattr(args, "format", "text") == "json":
        summary = {"file": name, "template_mismatch": True}
        if mismatch.drift:
            summary["drift"] = mismatch.drift.describe(args.locale)
        print(json_document(False, summary, mismatch.problems))
    else:
        print(words("mismatch", args.locale, name=name))
        for problem in mismatch.problems:
            print(problem_line(problem, args.locale))
        if mismatch.drift:
            print(f"  {mismatch.drift.describe(args.locale)}")
        if draft_path is not None and mismatch.draft is not None:
            print(words("draft", args.locale, path=draft_path))
    return DATA_PROBLEM


# the parser -------------------------------------------------------------------------------------


def _parser(locale: str = "ko") -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--locale", choices=LOCALES, default="ko", help="message language (default: ko)"
    )
    formats = argparse.ArgumentParser(add_help=False)
    formats.add_argument("--format", choices=("text", "json"), default="text")
    mapping = argparse.ArgumentParser(add_help=False)
    mapping.add_argument("--template", "-t", help="TOML path or built-in name")
    mapping.add_argument("--platform", help="sales platform (판매 플랫폼) for every row")
    mapping.add_argument("--brand", help="brand (브랜드) for every row")
    mapping.add_argument("--catalogue", help="product catalogue file (연결 SKU)")

    parser = LocalizedArgumentParser(
        locale=locale,
        prog="orderkit",
        description="Validate, map and upload order sheets for a Korean fulfillment warehouse.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", parents=[common, formats, mapping], help="check an order file"
    )
    validate.add_argument("file", type=Path)
    validate.set_defaults(command=_validate)

    upload = commands.add_parser(
        "upload", parents=[common, formats, mapping], help="upload an order file into a store"
    )
    upload.add_argument("file", type=Path)
    upload.add_argument("--db", type=Path, required=True, help="SQLite store (created if new)")
    upload.add_argument("--account", help="a seller account whose template is matched")
    upload.add_argument("--draft", type=Path, help="where to write a draft re-match on drift")
    upload.add_argument("--group-size", type=int, default=100)
    upload.add_argument("--failure-file", type=Path, help="where to write the failure file")
    upload.set_defaults(command=_upload)

    template = commands.add_parser("template", help="seller templates")
    template_commands = template.add_subparsers(title="template commands", required=True)
    suggest = template_commands.add_parser(
        "suggest", parents=[common], help="draft a template for a file (TOML on stdout)"
    )
    suggest.add_argument("file", type=Path)
    suggest.set_defaults(command=_template_suggest)
    check = template_commands.add_parser(
        "check", parents=[common, formats], help="check sample files against a template (CI)"
    )
    check.add_argument("template")
    check.add_argument("files", type=Path, nargs="+")
    check.add_argument("--platform", default=None)
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.set_defaults(command=_template_check)
    blank = template_commands.add_parser(
        "blank", parents=[common], help="write the standard blank order sheet"
    )
    blank.add_argument("--out", type=Path, required=True)
    blank.set_defaults(command=_template_blank)
    listing = template_commands.add_parser("list", parents=[common], help="built-in templates")
    listing.set_defaults(command=_template_list)
    match = template_commands.add_parser(
        "match", parents=[common], help="match a seller account's layout (a new version)"
    )
    match.add_argument("account")
    match.add_argument("template")
    match.add_argument("--db", type=Path, required=True)
    match.add_argument("--platform", help="the account's platform, when names repeat")
    match.add_argument("--sample", type=Path, help="a file of the seller's layout")
    match.add_argument("--actor")
    match.set_defaults(command=cli_store.template_match)
    versions = template_commands.add_parser(
        "history", parents=[common], help="an account's template versions"
    )
    versions.add_argument("account")
    versions.add_argument("--db", type=Path, required=True)
    versions.add_argument("--platform", help="the account's platform, when names repeat")
    versions.set_defaults(command=cli_store.template_history)

    account = commands.add_parser("account", help="seller accounts (판매처 계정)")
    account_commands = account.add_subparsers(title="account commands", required=True)
    add = account_commands.add_parser("add", parents=[common], help="register a seller account")
    add.add_argument("platform")
    add.add_argument("name")
    add.add_argument("--brand")
    add.add_argument("--db", type=Path, required=True)
    add.set_defaults(command=cli_store.account_add)
    accounts = account_commands.add_parser("list", parents=[common], help="list the accounts")
    accounts.add_argument("--db", type=Path, required=True)
    accounts.set_defaults(command=cli_store.account_list)

    cancel = commands.add_parser("cancel", parents=[common], help="force-cancel an order")
    _store_arguments(cancel)
    cancel.add_argument("--reason")
    cancel.add_argument("--actor")
    cancel.set_defaults(command=cli_store.cancel)

    history = commands.add_parser("history", parents=[common], help="an order's history")
    _store_arguments(history)
    history.set_defaults(command=cli_store.history)

    failures = commands.add_parser(
        "failures", parents=[common], help="write an upload's failure file again"
    )
    failures.add_argument("--db", type=Path, required=True)
    failures.add_argument("upload_id", type=int)
    failures.add_argument("--out", type=Path, required=True)
    failures.set_defaults(command=cli_store.failures)
    return parser


def _store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("platform")
    parser.add_argument("order_number")


# commands ---------------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    from orderkit.files import validate_file

    if args.template is None:
        raise error(errors.InvalidArgument, "template_option_required")
    report = validate_file(
        args.file,
        args.template,
        platform=args.platform,
        brand=args.brand,
        catalogue=args.catalogue,
        locale=args.locale,
    )
    counts = report.summary()
    if args.format == "json":
        print(json_document(report.ok, {"file": args.file.name, **counts}, report.problems))
    else:
        print(
            words(
                "file", args.locale, name=args.file.name, rows=counts["rows"],
                orders=counts["orders"], valid=counts["valid_orders"],
                invalid=counts["invalid_orders"], errors=counts["errors"],
                warnings=counts["warnings"],
            )
        )  # fmt: skip
        for problem in report.problems:
            print(problem_line(problem, args.locale))
    return 0 if report.ok else DATA_PROBLEM


def _upload(args: argparse.Namespace) -> int:
    from orderkit.upload import upload_file

    if (args.template is None) == (args.account is None):
        raise error(errors.InvalidArgument, "template_or_account_option")
    progress = Progress(args.locale) if args.format == "text" else None
    with cli_store.open_store(args.db, create=True) as sink:
        account = sink.account(args.account) if args.account else None
        result = upload_file(
            args.file,
            args.template,
            sink,
            account=account,
            platform=args.platform,
            brand=args.brand,
            catalogue=args.catalogue,
            group_size=args.group_size,
            on_group=progress,
            locale=args.locale,
        )
    failure_path = None
    if args.failure_file is not None and len(result.failures):
        failure_path = result.write_failure_file(args.failure_file)
    summary = {"file": args.file.name, **result.summary()}
    if args.format == "json":
        summary["failure_file"] = str(failure_path) if failure_path else None
        print(json_document(result.ok, summary, result.problems))
        return 0 if result.ok else DATA_PROBLEM
    if result.mode == "refused":
        print(words("refused", args.locale))
    else:
        print(words("upload", args.locale, **result.summary()))
    for problem in result.problems:
        if problem.code != "group_failed":  # one line per failing row is enough
            print(problem_line(problem, args.locale))
    if failure_path is not None:
        print(words("failure_file", args.locale, path=failure_path, rows=len(result.failures)))
    elif len(result.failures) and result.upload_id is not None:
        print(words("failure_hint", args.locale, db=args.db, upload_id=result.upload_id))
    return 0 if result.ok else DATA_PROBLEM


def _template_suggest(args: argparse.Namespace) -> int:
    from orderkit.mapper import REQUIRED_FIELDS
    from orderkit.suggest import suggest_template

    template = suggest_template(args.file)
    missing = [f for f in REQUIRED_FIELDS if f not in template.fields and f != "platform"]
    if missing:
        print(words("unmapped", args.locale, fields=", ".join(missing)))
    print(template.to_toml(), end="")
    return 0


def _template_check(args: argparse.Namespace) -> int:
    from orderkit.files import validate_file
    from orderkit.template import load_template

    template = load_template(args.template)
    platform = args.platform or template.platform or "check"
    results: list[tuple[Path, bool, dict[str, object], tuple[Problem, ...]]] = []
    for path in args.files:
        try:
            report = validate_file(path, template, platform=platform, locale=args.locale)
        except errors.TemplateMismatch as mismatch:
            results.append((path, False, {"template_mismatch": True}, mismatch.problems))
            continue
        passed = report.ok and not (args.strict and report.warnings)
        results.append((path, passed, dict(report.summary()), report.problems))
    passed_count = sum(passed for _, passed, _, _ in results)
    if args.format == "json":
        files = [
            {"file": str(p), "ok": ok, "summary": summary, "problems": len(problems)}
            for p, ok, summary, problems in results
        ]
        every = [problem for *_, problems in results for problem in problems]
        summary = {"files": len(results), "passed": passed_count}
        print(json_document(passed_count == len(results), summary, every, files=files))
    else:
        for path, ok, _, problems in results:
            print(f"{words('ok' if ok else 'fail', args.locale)}  {path}")
            for problem in problems:
                if problem.is_error or args.strict:
                    print(problem_line(problem, args.locale))
        print(words("checked", args.locale, passed=passed_count, total=len(results)))
    return 0 if passed_count == len(results) else DATA_PROBLEM


def _template_blank(args: argparse.Namespace) -> int:
    from orderkit.blank import write_blank_sheet

    print(words("blank", args.locale, path=write_blank_sheet(args.out)))
    return 0


def _template_list(args: argparse.Namespace) -> int:
    from orderkit.builtins import builtin_descriptions

    for name, description in builtin_descriptions(args.locale).items():
        print(f"{name:18} {description}")
    return 0
