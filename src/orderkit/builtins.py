"""Templates that ship with orderkit: the standard sheet and marketplace examples."""

from __future__ import annotations

from functools import cache
from importlib import resources

from orderkit.template import Template, load_template

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


def builtin_descriptions() -> dict[str, str]:
    """Each built-in template's name and the first line of its description."""
    descriptions = {}
    for name in builtin_names():
        first = next((line for line in _text(name).splitlines() if line.startswith("#")), "#")
        descriptions[name] = first.lstrip("# ").strip()
    return descriptions


def standard_template() -> Template:
    """The standard layout (표준 주문서); its three rightmost columns are for Japan customs."""
    return builtin_template("standard")
