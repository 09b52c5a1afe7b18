"""An :class:`argparse.ArgumentParser` that speaks the user's language.

argparse words its usage errors and help headings in English through :mod:`gettext`
(``the following arguments are required: FILE``). :class:`LocalizedArgumentParser` swaps
in the Korean phrases of :data:`USAGE` while it parses and formats, so a Korean user sees
``orderkit: 오류: 다음 인자가 필요합니다: FILE``. Which locale to use must be known before
parsing; :func:`requested_locale` finds ``--locale`` in the raw arguments.

argparse reads its translation function from a module global, so the swap holds for the
whole process while a parse runs: fine for a command line, not for threads sharing argparse.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, Final, NoReturn

from orderkit.model.wording import LOCALES, phrasebook

__all__ = ["USAGE", "LocalizedArgumentParser", "requested_locale"]

# argparse's own texts (its gettext message ids) and their Korean. Placeholders are
# %-style, as argparse fills them; the phrasebook's {} fields are not used here.
_KOREAN: Final[dict[str, str]] = {
    "usage: ": "사용법: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s 인자: %(message)s",
    "the following arguments are required: %s": "다음 인자가 필요합니다: %s",
    "one of the arguments %s is required": "다음 인자 중 하나가 필요합니다: %s",
    "unrecognized arguments: %s": "알 수 없는 인자입니다: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "%(option)s 옵션이 여럿에 들어맞습니다: %(matches)s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "고를 수 없는 값입니다: %(value)r (고를 수 있는 값: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "%(type)s 값으로 쓸 수 없습니다: %(value)r",
    "expected one argument": "값 하나가 필요합니다",
    "expected at most one argument": "값은 하나까지만 줄 수 있습니다",
    "expected at least one argument": "값이 하나 이상 필요합니다",
    "expected %s argument": "값 %s개가 필요합니다",
    "expected %s arguments": "값 %s개가 필요합니다",
    "not allowed with argument %s": "%s 인자와 함께 쓸 수 없습니다",
    "ignored explicit argument %r": "값을 받지 않는 옵션에 값 %r가 주어졌습니다",
    "unexpected option string: %s": "예상하지 못한 옵션입니다: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "알 수 없는 명령 %(parser_name)r (쓸 수 있는 명령: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "'%(filename)s' 파일을 열 수 없습니다: %(error)s",
    "positional arguments": "위치 인자",
    "options": "옵션",
    "show this help message and exit": "이 도움말을 보여 주고 끝냅니다",
    # Mistakes in building a parser: bugs in orderkit, worded for completeness.
    ".__call__() not defined": ".__call__()이 정의되지 않았습니다",
    "'required' is an invalid argument for positionals": (
        "위치 인자에는 'required'를 쓸 수 없습니다"
    ),
    "mutually exclusive arguments must be optional": "서로 배타적인 인자는 옵션이어야 합니다",
    "%r is not callable": "%r은(는) 호출할 수 없습니다",
    "cannot merge actions - two groups are named %r": (
        "동작을 합칠 수 없습니다: 두 그룹의 이름이 %r입니다"
    ),
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "옵션 문자열 %(option)r: %(prefix_chars)r 문자로 시작해야 합니다"
    ),
    "dest= is required for options like %r": "%r 같은 옵션에는 dest=가 필요합니다",
    "invalid conflict_resolution value: %r": "conflict_resolution 값이 올바르지 않습니다: %r",
    "cannot have multiple subparser arguments": "하위 명령 인자는 하나만 둘 수 있습니다",
    "conflicting subparser: %s": "하위 명령이 겹칩니다: %s",
    "conflicting subparser alias: %s": "하위 명령 별칭이 겹칩니다: %s",
    "conflicting option string: %s": "옵션 문자열이 겹칩니다: %s",
    "conflicting option strings: %s": "옵션 문자열이 겹칩니다: %s",
    'argument "-" with mode %r': '모드 %r의 "-" 인자',
    "show program's version number and exit": "프로그램 버전을 보여 주고 끝냅니다",
    "%(prog)s: error: ": "%(prog)s: 오류: ",
}

USAGE: Final = phrasebook(
    "argparse", {english: (korean, english) for english, korean in _KOREAN.items()}
)
"""argparse's texts in both languages, keyed by argparse's own (English) message ids."""


def _translate(locale: str) -> Any:
    def gettext(message: str) -> str:
        phrase = USAGE.phrases.get(message)
        return message if phrase is None else phrase.template(locale)

    return gettext


def _translate_plural(locale: str) -> Any:
    gettext = _translate(locale)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return str(gettext(singular if count == 1 else plural))

    return ngettext


@contextlib.contextmanager
def _speaking(locale: str) -> Iterator[None]:
    module = vars(argparse)
    saved = module["_"], module["ngettext"]
    module["_"], module["ngettext"] = _translate(locale), _translate_plural(locale)
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved


class LocalizedArgumentParser(argparse.ArgumentParser):
    """An argument parser whose own messages (usage errors, help headings) follow ``locale``.

    Args:
        locale: ``"ko"`` (the default) or ``"en"``; sub-parsers made with
            ``add_subparsers().add_parser`` inherit it.
        **kwargs: as for :class:`argparse.ArgumentParser`.
    """

    def __init__(self, *args: Any, locale: str = "ko", **kwargs: Any) -> None:
        self.locale = locale
        with _speaking(locale):  # the default -h/--help text is made here
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction[Any]:
        action = super().add_subparsers(**kwargs)
        locale = self.locale
        parser_class = action._parser_class

        def make(*args: Any, **inner: Any) -> Any:
            inner.setdefault("locale", locale)
            return parser_class(*args, **inner)

        action._parser_class = make  # type: ignore[assignment]
        return action

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> Any:
        with _speaking(self.locale):
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        with _speaking(self.locale):
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _speaking(self.locale):
            return super().format_usage()

    def format_help(self) -> str:
        with _speaking(self.locale):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _speaking(self.locale):
            super().error(message)


def requested_locale(argv: Sequence[str], default: str = "ko") -> str:
    """The locale asked for by ``--locale X`` or ``--locale=X`` anywhere in ``argv``.

    Falls back to ``default``; a value orderkit does not speak is left for the parser to
    refuse (in ``default``).
    """
    found = default
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--locale" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--locale="):
            found = arg.partition("=")[2]
    return found if found in LOCALES else default
