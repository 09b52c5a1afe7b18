"""Templates that ship with orderkit: the standard sheet and marketplace examples."""

from __future__ import annotations

import os
from functools import cache
from typing import Any, Final

from orderkit.templates.template import Template, load_template

__all__ = ["builtin_descriptions", "builtin_names", "builtin_template", "standard_template"]

# The TOML files next to this module (a test holds the two equal).
_NAMES: Final = (
    "cafe24", "esm", "naver-smartstore", "qoo10-japan", "rakuten-rms", "shopify", "standard",
)  # fmt: skip
_FOLDER: Final = os.path.dirname(__file__)


def builtin_names() -> tuple[str, ...]:
    return _NAMES


def _text(name: str) -> str:
    # Read by the package's own loader, from a folder or a zip alike: importlib.resources
    # would import tempfile, zipfile and shutil into every process that names a template.
    loader: Any = __spec__.loader
    data: bytes = loader.get_data(os.path.join(_FOLDER, f"{name}.toml"))
    return data.decode("utf-8")


@cache
def builtin_template(name: str) -> Template:
    return load_template(_text(name))


def builtin_descriptions(locale: str = "ko") -> dict[str, str]:
    """Each built-in template's name and what it is, in ``locale`` (``"ko"`` or ``"en"``)."""
    from orderkit.templates.builtin_texts import BUILTIN_DESCRIPTIONS

    descriptions = {}
    for name in builtin_names():
        if name in BUILTIN_DESCRIPTIONS:
            descriptions[name] = BUILTIN_DESCRIPTIONS(name, locale)
            continue
        # Not described yet (a test says so): the file's first comment line.
        first = next((line for line in _text(name).splitlines() if line.startswith("#")), "#")
        descriptions[name] = first.lstrip("# ").strip()
    return descriptions


def standard_template() -> Template:
    """The standard layout (표준 주문서); its three rightmost columns are for Japan customs."""
    return builtin_template("standard")
