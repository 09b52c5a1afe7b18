"""Usage errors and help headings in the user's language."""

from __future__ import annotations

import argparse
import ast
import inspect
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderkit.cli.localized_argparse import USAGE, LocalizedArgumentParser, requested_locale
from tests.languages import english_in_korean


def _argparse_message_ids() -> set[str]:
    tree = ast.parse(inspect.getsource(argparse))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            found |= {
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            }
    return found


def test_every_text_of_this_pythons_argparse_has_korean() -> None:
    assert _argparse_message_ids() - set(USAGE) == set()


def _parser(locale: str) -> LocalizedArgumentParser:
    parser = LocalizedArgumentParser(prog="orderkit", locale=locale)
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate")
    validate.add_argument("file")
    validate.add_argument("--group-size", type=int)
    validate.add_argument("--format", choices=("text", "json"))
    return parser


CASES = [
    ([], "다음 인자가 필요합니다: COMMAND"),
    (["validate"], "다음 인자가 필요합니다: file"),
    (["validate", "a.xlsx", "b.xlsx"], "알 수 없는 인자입니다: b.xlsx"),
    (["validate", "a.xlsx", "--group-size", "many"], "int 값으로 쓸 수 없습니다: 'many'"),
    (["validate", "a.xlsx", "--group-size"], "값 하나가 필요합니다"),
    (["validate", "a.xlsx", "--format", "xml"], "고를 수 없는 값입니다: 'xml'"),
    (["remove"], "고를 수 없는 값입니다: 'remove'"),
]


@pytest.mark.parametrize(("argv", "expected"), CASES)
def test_usage_errors_are_korean(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        _parser("ko").parse_args(argv)
    assert exited.value.code == 2
    output = capsys.readouterr().err
    assert output.startswith("사용법: orderkit")
    error = output.strip().splitlines()[-1]
    assert error.split(": ", 1)[1].startswith("오류: ")
    assert expected in error
    # Names and values come from the parser and the command line, not from the catalogue.
    words = error
    for value in ("validate", "file", "remove", "text", "json"):
        words = words.replace(value, "")
    assert english_in_korean(words) == [], error


@pytest.mark.parametrize(("argv", "_"), CASES)
def test_english_stays_english(argv: list[str], _: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser("en").parse_args(argv)
    error = capsys.readouterr().err
    assert "usage: orderkit" in error
    assert ": error: " in error


def test_help_headings_follow_the_locale() -> None:
    korean = _parser("ko").format_help()
    assert "사용법: orderkit" in korean
    assert "이 도움말을 보여 주고 끝냅니다" in korean
    assert "show this help" not in korean
    assert "usage: orderkit" in _parser("en").format_help()


def test_other_parsers_stay_untouched(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser("ko").parse_args([])
    plain = argparse.ArgumentParser(prog="plain")
    plain.add_argument("file")
    with pytest.raises(SystemExit):
        plain.parse_args([])
    assert "plain: error: the following arguments are required: file" in capsys.readouterr().err


@given(
    st.lists(st.sampled_from(["validate", "a.xlsx", "--format", "json", "-t", "x"]), max_size=4),
    st.lists(st.sampled_from(["b.csv", "--platform", "네이버"]), max_size=3),
    st.sampled_from(["ko", "en"]),
    st.booleans(),
)
def test_the_locale_is_found_anywhere_before_a_double_dash(
    before: list[str], after: list[str], locale: str, joined: bool
) -> None:
    asked = [f"--locale={locale}"] if joined else ["--locale", locale]
    assert requested_locale([*before, *asked, *after]) == locale
    assert requested_locale([*before, "--", *asked]) == "ko"
    assert requested_locale([*before, "--locale", "fr"]) == "ko"


def test_the_command_line_reports_usage_errors_in_korean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "orderkit", "validate"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    # The command line words its usage errors itself, in the chosen language.
    assert "꼭 필요한 값이 빠졌습니다: file" in done.stderr
    assert "orderkit validate --help" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "orderkit", "validate", "--locale", "en"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert "missing required arguments: file" in done.stderr
