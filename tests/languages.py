"""Finding text of the other language in a rendered message (identifiers and values aside)."""

from __future__ import annotations

import re
from typing import Final

from orderkit.templates.template import MAPPABLE_FIELDS

# Latin words a Korean sentence may hold: names of formats, of the program and of Python
# types (argparse names the type a value failed), all read the same in both languages.
IDENTIFIERS: Final = frozenset(
    "orderkit openpyxl calamine xlsx xls csv http https datetime dict int float str Path".split()
) | set(MAPPABLE_FIELDS)  # canonical field names: country, sku, option, …
_HANGUL: Final = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_QUOTED: Final = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_CHUNK: Final = re.compile(r"[^\s\uac00-\ud7a3]+")
# A command line is an identifier: orderkit template match
_COMMAND: Final = re.compile(
    r"\borderkit(?:\s+(?:validate|upload|template|suggest|check|blank|list|match|history|"
    r"account|add|cancel|failures)(?![A-Za-z]))+"
)
# A chunk that is code, an option or a file name rather than words: keep_orders=True,
# --platform, .xlsx, fields.phone, (?P<value>...), datetime.now(UTC), Asia/Seoul, v2, Ctrl-C
_CODE: Final = re.compile(
    r"[_=<>{}]|--|\w\.\w|^\.\w|\w\(|[A-Za-z]/[A-Za-z]|^[vV]\d|[A-Z][a-z]*-[A-Z]\b"
)
# A TOML or keyword assignment (sheet = 2, platform = "네이버") names a key.
_ASSIGNMENT: Final = re.compile(r"\b[A-Za-z_][\w.]*\s*=\s*[\w.]*")


def english_in_korean(text: str) -> list[str]:
    """English words in a Korean text, quoted identifiers and code-like words aside."""
    found = []
    text = _ASSIGNMENT.sub(" ", _COMMAND.sub(" ", _QUOTED.sub(" ", text)))
    for chunk in _CHUNK.findall(text):
        if _CODE.search(chunk) or re.search(r"[a-z][A-Z]", chunk):  # code, or a CamelCase name
            continue
        for word in re.findall(r"[A-Za-z]+", chunk):
            acronym = word.isupper()  # JP, SKU, ISO, and metavars like FILE and COMMAND
            if not acronym and word not in IDENTIFIERS and word != "MiB":
                found.append(word)
    return found


def korean_in_english(text: str) -> list[str]:
    """Korean letters in an English text, outside quoted identifiers (a column '실패 사유')."""
    return _HANGUL.findall(_QUOTED.sub(" ", text))


def other_language(text: str, locale: str) -> list[str]:
    """What of the other language is in ``text``, written in ``locale``."""
    return english_in_korean(text) if locale == "ko" else korean_in_english(text)
