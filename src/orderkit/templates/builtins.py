"""Templates that ship with orderkit: the standard sheet and marketplace examples."""

from __future__ import annotations

from functools import cache
from importlib import resources

from orderkit.templates.template import Template, load_template

__all__ = ["builtin_descriptions", "builtin_names", "builtin_template", "standard_template"]


@cache
def builtin_names() -> tuple[str, ...]:
    folder = resources.files("orderkit") / "templates"
    return tuple(
        sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def _text(name: str) -> str:
    return (resources.files("orderkit") / "templates" / f"{name}.toml").read_text("utf-8")


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
