"""The documentation's examples are real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import orderkit

DOCS = Path(__file__).resolve().parent.parent / "docs"


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_the_template_reference_example_loads() -> None:
    (example,) = blocks("templates.md", "toml")
    template = orderkit.load_template(example)
    assert template.header_row == 2
    assert set(template.fields) >= {"order_number", "phone", "address", "option", "country"}


def test_every_page_is_in_the_table_of_contents() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    trees = re.findall(r"```\{toctree\}\n(.*?)```", index, flags=re.S)
    listed = {line for tree in trees for line in tree.splitlines() if re.fullmatch(r"[\w-]+", line)}
    pages = {p.stem for p in DOCS.glob("*.md")} - {"index"}
    assert pages == listed


def test_the_code_table_is_generated_from_the_catalogue() -> None:
    import sys

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from orderkit_docs import codes_markdown
    finally:
        sys.path.pop(0)
    table = codes_markdown()
    from orderkit.model.messages import CATALOGUE, DESCRIPTIONS

    for code in orderkit.Code:
        assert f"| `{code}` |" in table
        assert DESCRIPTIONS[code][0] in table
        assert DESCRIPTIONS[code][1] in table
    for message_id in CATALOGUE:
        assert f"`{message_id}`" in table


def test_every_command_is_in_the_cli_reference() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = ["validate", "upload", "template suggest", "template check", "template blank",
                "template list", "template match", "template history", "account add",
                "account list", "cancel", "history", "failures"]  # fmt: skip
    for command in commands:
        assert f"orderkit {command}" in reference, command


# The API reference ------------------------------------------------------------------------


def public_methods(cls: type) -> set[str]:
    """Public methods and properties of ``cls``, its own and those of orderkit base classes."""
    import inspect

    found = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("orderkit"):
            continue  # str.capitalize or Exception.with_traceback are Python's to document
        for name, value in vars(klass).items():
            method = isinstance(value, staticmethod | classmethod | property)
            if not name.startswith("_") and (method or inspect.isfunction(value)):
                found.add(name)
    return found


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every Python object the built HTML docs describe, from Sphinx's own inventory."""
    import posixpath
    import subprocess
    import sys

    from sphinx.util.inventory import InventoryFile

    out = tmp_path_factory.mktemp("html")
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / ".doctrees"),
         str(DOCS), str(out)],
        check=True,
    )  # fmt: skip
    with (out / "objects.inv").open("rb") as inventory:
        loaded = InventoryFile.load(inventory, "", posixpath.join)
    return {name for kind, entries in loaded.items() if kind.startswith("py:") for name in entries}


def test_every_public_name_is_in_the_api_reference(documented: set[str]) -> None:
    missing = [name for name in orderkit.__all__ if f"orderkit.{name}" not in documented]
    assert missing == []


def test_every_public_method_is_in_the_api_reference(documented: set[str]) -> None:
    import inspect

    missing = [
        f"{name}.{method}"
        for name in orderkit.__all__
        if inspect.isclass(cls := getattr(orderkit, name))
        for method in sorted(public_methods(cls))
        if f"orderkit.{name}.{method}" not in documented
    ]
    assert missing == []


def test_the_account_methods_the_readme_teaches_are_documented(documented: set[str]) -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    taught = set(re.findall(r"\.(register_account|match_template|account|accounts)\(", readme))
    assert taught
    for method in taught:
        assert f"orderkit.SqliteSink.{method}" in documented


def test_inherited_methods_are_found_in_orderkit_bases() -> None:
    assert {"register_account", "match_template"} <= public_methods(orderkit.SqliteSink)
    assert "localized" in public_methods(orderkit.TemplateError)
    assert "capitalize" not in public_methods(orderkit.Code)


# The exception tree -------------------------------------------------------------------------


def _ext() -> object:
    import sys

    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        import orderkit_docs
    finally:
        sys.path.pop(0)
    return orderkit_docs


def drawn_parents(tree: str) -> dict[str, str | None]:
    """Each exception in a drawn tree and the one it hangs from."""
    parents: dict[str, str | None] = {}
    stack: list[str] = []
    for line in tree.splitlines():
        found = re.match(r"^((?:[│ ]   )*)(?:[├└]── )?(\w+)", line)
        if not found or not found.group(2)[0].isupper():
            continue
        depth = len(found.group(1)) // 4 + (1 if "──" in line else 0)
        del stack[depth:]
        parents[found.group(2)] = stack[-1] if stack else None
        stack.append(found.group(2))
    return parents


def _every_exception() -> list[type[orderkit.OrderkitError]]:
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(orderkit.__path__, "orderkit."):
        if not module.name.endswith("__main__"):
            try:
                importlib.import_module(module.name)
            except ModuleNotFoundError:
                continue  # a module of an extra that is not installed
    found, todo = [], [orderkit.OrderkitError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if not cls.__name__.startswith("_")]


def _public_parent(cls: type) -> str | None:
    for base in cls.__mro__[1:]:
        if issubclass(base, orderkit.OrderkitError) and not base.__name__.startswith("_"):
            return base.__name__
    return None


def test_the_exception_tree_is_drawn_once_and_whole() -> None:
    tree = _ext().exception_tree()  # type: ignore[attr-defined]
    drawn = drawn_parents(tree)
    actual = {cls.__name__: _public_parent(cls) for cls in _every_exception()}
    # Every exception class is drawn under its parent. The drawing may run ahead of the code:
    # it is kept whole while parallel branches add exceptions, before they are merged.
    assert {name: drawn.get(name, "(not drawn)") for name in actual} == actual
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "_generated/exceptions.md" in index
    assert "├──" not in index


def test_the_tree_reader_reads_nesting() -> None:
    tree = "A\n├── B (also ValueError)   x\n│   └── C   y\n└── D   z\n"
    assert drawn_parents(tree) == {"A": None, "B": "A", "C": "B", "D": "A"}


def test_the_languages_example_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (example,) = blocks("languages.md", "python")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "languages.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    promised = [
        line.split("# ", 1)[1].rstrip(" …") for line in example.splitlines() if "# " in line
    ]
    assert len(printed) == len(promised) == 2
    for line, promise in zip(printed, promised, strict=True):
        assert line.startswith(promise)
