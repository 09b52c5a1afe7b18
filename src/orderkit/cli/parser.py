"""The ``orderkit`` argument parser: commands, their options, and usage errors as data.

The options every command shares (``--locale``, ``--format``, ``--tz``, ``--verbose``) are
accepted before the command (``orderkit --locale en validate …``) and after it.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final, NoReturn

from orderkit.cli import commands as cli_commands
from orderkit.cli.localized_argparse import LocalizedArgumentParser, _speaking
from orderkit.cli.words import help_words, words
from orderkit.model.messages import LOCALES

__all__ = ["UsageError", "build_parser", "prescan", "usage_detail"]

DEFAULT_TZ: Final = "Asia/Seoul"


class UsageError(Exception):
    """The command line itself is wrong; ``detail`` is argparse's English sentence."""

    def __init__(self, detail: str, prog: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.prog = prog


class _Parser(LocalizedArgumentParser):
    """argparse's headings and help in the user's language; its usage errors become
    :class:`UsageError`, which the command line words itself (see :func:`usage_detail`)."""

    def __init__(self, *args: Any, locale: str = "ko", **kwargs: Any) -> None:
        if isinstance(kwargs.get("description"), str):
            kwargs["description"] = help_words(kwargs["description"], locale)
        super().__init__(*args, locale=locale, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if isinstance(kwargs.get("help"), str):
            kwargs["help"] = help_words(kwargs["help"], self.locale)
        return super().add_argument(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        # Usage errors reach error() in argparse's English and are worded by usage_detail;
        # --help, printed while parsing, still speaks the locale (format_help sets it).
        with _speaking("en"):
            return argparse.ArgumentParser.parse_known_args(self, args, namespace)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


def _shared(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # After the command the defaults are suppressed, so a value given before it survives.
    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    parser.add_argument(
        "--locale", choices=LOCALES, default=default("ko"), help="message language (default ko)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default=default("text"), help="text or JSON"
    )
    parser.add_argument(
        "--tz", default=default(DEFAULT_TZ), help=f"time zone of shown times ({DEFAULT_TZ})"
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", default=default(False), help="every problem"
    )


def _version() -> str:
    # importlib.metadata costs ~20 ms to import: only --version pays it.
    from importlib import metadata

    try:
        return metadata.version("orderkit")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, printing what argparse's own action prints, but looking the version
    up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        sys.stdout.write(f"orderkit {_version()}\n")
        parser.exit()


class _Later:
    """A command's function, imported when that command runs: ``orderkit validate`` loads
    neither the store's commands (time zones, stores) nor the template tools."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, args: argparse.Namespace, screen: Any) -> int:
        run = getattr(importlib.import_module(f"orderkit.cli.{self.module}"), self.name)
        code: int = run(args, screen)
        return code


def build_parser(locale: str = "ko") -> argparse.ArgumentParser:
    """The ``orderkit`` parser; its ``--help`` headings are in ``locale``."""
    shared = _Parser(add_help=False, locale=locale)
    _shared(shared, top=False)
    mapping = _Parser(add_help=False, locale=locale)
    mapping.add_argument("--template", "-t", help="TOML path or built-in name")
    mapping.add_argument("--platform", help="sales platform for every row")
    mapping.add_argument("--brand", help="brand for every row")
    mapping.add_argument("--catalogue", help="product catalogue file (linked SKUs)")
    sheet = _Parser(add_help=False, locale=locale)
    sheet.add_argument("--sheet", help="the sheet to read: its name or its number from 1")
    owner = _Parser(add_help=False, locale=locale)
    owner.add_argument("--platform", help="the account's platform, when names repeat")
    owner.add_argument("--brand", help="the account's brand, when names repeat")

    parser = _Parser(
        locale=locale,
        prog="orderkit",
        description="Validate, map and upload order sheets for a Korean fulfillment warehouse.",
    )
    _shared(parser, top=True)
    parser.add_argument(
        "--version", action=_VersionAction, help="show program's version number and exit"
    )
    commands = parser.add_subparsers(
        title=help_words("commands", locale), required=True, metavar="COMMAND"
    )

    def command(
        group: argparse._SubParsersAction[_Parser],
        name: str,
        help_text: str,
        run: object,
        *parents: _Parser,
        full_name: str | None = None,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[shared, *parents], help=help_words(help_text, locale))
        sub.set_defaults(command=run, command_name=full_name or name)
        return sub

    validate = command(
        commands, "validate", "check an order file", cli_commands.validate, mapping, sheet
    )
    validate.add_argument("file", type=Path)

    upload = command(
        commands, "upload", "upload an order file into a store", cli_commands.upload, mapping,
        sheet,
    )  # fmt: skip
    upload.add_argument("file", type=Path)
    upload.add_argument(
        "--db", required=True, help="SQLite file (created if new) or postgresql:// URL"
    )
    upload.add_argument("--account", help="a seller account whose template is matched")
    upload.add_argument("--draft", type=Path, help="where to write a draft re-match on drift")
    upload.add_argument(
        "--group-size", type=int, default=100, help="orders per group in a bulk upload"
    )
    upload.add_argument("--failure-file", type=Path, help="where to write the failure file")

    template = commands.add_parser("template", help=help_words("seller templates", locale))
    subs = template.add_subparsers(
        title=help_words("template commands", locale), required=True, metavar="COMMAND"
    )
    suggest = command(
        subs, "suggest", "draft a template for a file (TOML on stdout)",
        _Later("templates", "template_suggest"), sheet, full_name="template suggest",
    )  # fmt: skip
    suggest.add_argument("file", type=Path)
    check = command(
        subs, "check", "check sample files against a template (CI)",
        _Later("templates", "template_check"), sheet, full_name="template check",
    )  # fmt: skip
    check.add_argument("template")
    check.add_argument("files", type=Path, nargs="+")
    check.add_argument("--platform", default=None)
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    blank = command(
        subs, "blank", "write the standard blank order sheet",
        _Later("templates", "template_blank"), full_name="template blank",
    )  # fmt: skip
    blank.add_argument("--out", type=Path, required=True)
    command(
        subs, "list", "built-in templates", _Later("templates", "template_list"),
        full_name="template list",
    )  # fmt: skip
    match = command(
        subs, "match", "match a seller account's layout (a new version)",
        _Later("store", "template_match"), owner, full_name="template match",
    )  # fmt: skip
    match.add_argument("account")
    match.add_argument("template")
    match.add_argument("--db", required=True)
    match.add_argument("--sample", type=Path, help="a file of the seller's layout")
    match.add_argument("--actor", help="who did it (kept in the history)")
    versions = command(
        subs, "history", "an account's template versions",
        _Later("store", "template_history"), owner, full_name="template history",
    )  # fmt: skip
    versions.add_argument("account")
    versions.add_argument("--db", required=True)

    account = commands.add_parser("account", help=help_words("seller accounts", locale))
    account_subs = account.add_subparsers(
        title=help_words("account commands", locale), required=True, metavar="COMMAND"
    )
    add = command(
        account_subs, "add", "register a seller account", _Later("store", "account_add"),
        full_name="account add",
    )  # fmt: skip
    add.add_argument("platform")
    add.add_argument("name")
    add.add_argument("--brand")
    add.add_argument("--db", required=True)
    accounts = command(
        account_subs, "list", "list the accounts", _Later("store", "account_list"),
        full_name="account list",
    )  # fmt: skip
    accounts.add_argument("--db", required=True)

    cancel = command(commands, "cancel", "force-cancel an order", _Later("store", "cancel"))
    _order_arguments(cancel)
    cancel.add_argument("--reason", help="why it was cancelled")
    cancel.add_argument("--actor", help="who did it (kept in the history)")
    history = command(commands, "history", "an order's history", _Later("store", "history"))
    _order_arguments(history)
    failures = command(
        commands, "failures", "write an upload's failure file again", _Later("store", "failures")
    )
    failures.add_argument("--db", required=True)
    failures.add_argument("upload_id", type=int)
    failures.add_argument("--out", type=Path, required=True, help="where to write the file")
    return parser


def _order_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True)
    parser.add_argument("platform")
    parser.add_argument("order_number")


_COMMANDS: Final = frozenset(
    {"validate", "upload", "template", "account", "cancel", "history", "failures"}
)


def prescan(argv: Sequence[str]) -> tuple[str, str, str]:
    """Locale, format and command name read from ``argv`` without parsing it, so that a
    usage error can still be told in the user's language and format."""
    locale, fmt = "ko", "text"
    names: list[str] = []
    for index, token in enumerate(argv):
        following = argv[index + 1] if index + 1 < len(argv) else ""
        for option in ("--locale", "--format"):
            value = following if token == option else ""
            if token.startswith(option + "="):
                value = token.partition("=")[2]
            if option == "--locale" and value in LOCALES:
                locale = value
            if option == "--format" and value in ("text", "json"):
                fmt = value
        first = not names and token in _COMMANDS
        grouped = len(names) == 1 and names[0] in ("template", "account")
        if first or (grouped and not token.startswith("-")):
            names.append(token)
    return locale, fmt, " ".join(names[:2])


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled on the first usage error, not at every start.
    return (
        (re.compile(r"the following arguments are required: (?P<what>.+)"), "usage_required"),
        (re.compile(r"unrecognized arguments: (?P<what>.+)"), "usage_unknown"),
        (
            re.compile(r"argument (?P<option>\S+): invalid choice: '?(?P<value>[^'(]*?)'? "
                       r"\(choose from (?P<choices>.+)\)"),
            "usage_choice",
        ),
        (re.compile(r"argument (?P<option>\S+): invalid \w+ value: '(?P<value>.*)'"),
         "usage_value"),
        (re.compile(r"argument (?P<option>\S+): expected one argument"), "usage_needs_value"),
    )  # fmt: skip


def usage_detail(detail: str, locale: str) -> str:
    """argparse's English sentence in ``locale``, for the errors people make most."""
    for pattern, key in _patterns():
        found = pattern.fullmatch(detail)
        if found:
            return words(key, locale, **found.groupdict())
    return detail
