"""The ``orderkit`` command line: a thin layer over the library.

Exit codes: 0 no errors (warnings allowed); 1 problems in the data (including a template
mismatch, failed groups, an unknown or already cancelled order); 2 the command cannot run
(usage errors, unreadable files, bad templates, an unusable store, an output path that
cannot be written, a full disk); 3 the output was cut off (its reader closed the pipe);
4 an internal error; 130 interrupted (Ctrl-C). No path prints a traceback: each prints
``orderkit: `` and a message on stderr, and with ``--format json`` one JSON object on stdout.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence
from typing import Final

from orderkit.cli.commands import mismatch
from orderkit.cli.output import CliProblem, OutputFailed, Screen, visible
from orderkit.cli.parser import UsageError, build_parser, prescan, usage_detail
from orderkit.cli.words import words
from orderkit.model import errors
from orderkit.templates.mismatch import TemplateMismatch

__all__ = ["main"]

DATA_PROBLEM: Final = 1
CANNOT_RUN: Final = 2
OUTPUT_CUT_OFF: Final = 3
INTERNAL: Final = 4
INTERRUPTED: Final = 130
# Exceptions that mean "the data has problems" rather than "the input is unusable".
_DATA_ERRORS: Final = (
    TemplateMismatch,
    errors.ValidationError,
    errors.OrderNotFound,
    errors.AlreadyCancelled,
    errors.UploadNotFound,
    errors.AccountExists,
    errors.AccountNotFound,
)
_OS_WORDS: Final = {
    errno.ENOENT: ("os_missing", "no_such_file"),
    errno.EISDIR: ("os_is_folder", "is_a_folder"),
    errno.ENOTDIR: ("os_not_folder", "not_a_folder"),
    errno.EACCES: ("os_permission", "permission_denied"),
    errno.EPERM: ("os_permission", "permission_denied"),
    errno.ENOSPC: ("os_full", "disk_full"),
    errno.EDQUOT: ("os_full", "disk_full"),
    errno.EROFS: ("os_read_only", "read_only"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    locale, fmt, name = prescan(arguments)
    screen = Screen(name or "orderkit", locale, fmt)
    try:
        try:
            args = build_parser(locale).parse_args(arguments)
        except UsageError as usage:
            detail = usage_detail(usage.detail, locale)
            message = words("usage", locale, detail=detail, command=name or "").replace(
                "orderkit  --help", "orderkit --help"
            )
            return _fail(screen, CANNOT_RUN, "usage", message)
        screen = Screen(args.command_name, args.locale, args.format)
        try:
            code: int = args.command(args, screen)
        except TemplateMismatch as found:
            code = mismatch(args, screen, found)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error.errno, error.strerror) from None
        return code
    except CliProblem as problem:
        return _fail(screen, problem.exit_code, problem.code, problem.text(screen.locale))
    except errors.OrderkitError as error:
        exit_code = DATA_PROBLEM if isinstance(error, _DATA_ERRORS) else CANNOT_RUN
        return _fail(
            screen, exit_code, _snake(type(error).__name__), error.localized(screen.locale)
        )
    except BrokenPipeError:
        _silence_stdout()
        return _fail(screen, OUTPUT_CUT_OFF, "output_cut_off", words("pipe_closed", locale))
    except OSError as error:
        key, os_code = _OS_WORDS.get(error.errno or 0, ("os_other", "os_error"))
        exit_code = CANNOT_RUN
        # A writer that failed leaves objects whose clean-up fails again when collected
        # ("Exception ignored in ZipFile.__del__"): the failure is told below, once.
        sys.unraisablehook = _ignore
        if isinstance(error, OutputFailed):  # stdout itself (a full disk under a redirect)
            _silence_stdout()
            exit_code = OUTPUT_CUT_OFF
        path = error.filename if error.filename is not None else "stdout"
        name_of = errno.errorcode.get(error.errno or 0, "?")
        folder = os.path.dirname(os.fspath(path)) or "."
        message = words(
            key, screen.locale, path=path, folder=folder, name=name_of, example="orders.xlsx"
        )
        return _fail(screen, exit_code, os_code, message)
    except KeyboardInterrupt:
        return _fail(screen, INTERRUPTED, "interrupted", words("interrupted", screen.locale))
    except Exception as error:  # a bug in orderkit: say so without a traceback
        return _internal(screen, error)
    except BaseException as error:  # a native panic (pyo3) derives from BaseException only
        if isinstance(error, SystemExit | GeneratorExit):
            raise
        return _internal(screen, error)


def _ignore(unraisable: object) -> None:
    return None


def _internal(screen: Screen, error: BaseException) -> int:
    detail = str(error).splitlines()[0][:200] if str(error) else ""
    message = words("internal", screen.locale, kind=type(error).__name__, detail=detail)
    return _fail(screen, INTERNAL, "internal_error", message)


def _fail(screen: Screen, exit_code: int, code: str, message: str) -> int:
    """Tell the failure on stderr, and as a JSON object on stdout in JSON mode."""
    try:
        print(f"orderkit: {visible(message, keep_newlines=True)}", file=sys.stderr)
        if screen.json and exit_code != OUTPUT_CUT_OFF:
            screen.document(exit_code, error={"code": code, "message": message})
            sys.stdout.flush()
    except OSError:  # nowhere left to tell it
        _silence_stdout()
    return exit_code


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at devnull so that flush cannot fail
    # and print a traceback of its own.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
