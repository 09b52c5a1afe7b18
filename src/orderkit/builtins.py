"""Templates that ship with orderkit: the standard sheet and marketplace examples."""

from __future__ import annotations

from functools import cache
from importlib import resources

from orderkit.template import Template, load_template

__all__ = ["builtin_names", "builtin_template", "standard_template"]


@cache
def builtin_names() -> tuple[str, ...]:
    folder = resources.files("orderkit") / "templates"
    return tuple(
        sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
    )


@cache
def builtin_template(name: str) -> Template:
    text = (resources.files("orderkit") / "templates" / f"{name}.toml").read_text("utf-8")
    return load_template(text)


def standard_template() -> Template:
    """The standard layout (표준 주문서); its three rightmost columns are for Japan customs."""
    return builtin_template("standard")
