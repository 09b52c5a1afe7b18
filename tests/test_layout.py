"""The package layout shows the pipeline: stage sub-packages that import only downward.

``model`` → ``rules`` → ``files`` → ``templates`` → ``store`` → ``engine`` → ``cli``: a
stage may import the stages before it, never one after it, so there is no import loop
between sub-packages. Imports are read from the source (every ``import``, also those inside
functions and under ``TYPE_CHECKING``), so a lazy import cannot hide a loop.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path

import orderkit

PACKAGE = Path(orderkit.__file__).parent
STAGES = ("model", "rules", "files", "templates", "store", "engine", "cli")
# Modules that stay at the top: the flat public API, ``python -m orderkit`` and the adapters
# for other engines, which are imported only by name.
TOP_LEVEL = {"__init__", "__main__", "spark", "dask"}


def stage_of(module: str) -> str | None:
    """The stage sub-package of a dotted module name under ``orderkit``, or ``None``."""
    parts = module.split(".")
    if parts[0] != "orderkit" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in STAGES else None


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every orderkit module a source file imports."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "orderkit":
                for alias in node.names:
                    yield node.lineno, f"orderkit.{alias.name}"
            else:
                yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def stage_imports() -> dict[tuple[str, str], list[str]]:
    """Each import from one stage into another, as ``(from, to) -> ["file:line", ...]``."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) < 2:
            continue
        source = relative.parts[0]
        for line, module in imported_modules(path):
            target = stage_of(module)
            if target is not None and target != source:
                edges.setdefault((source, target), []).append(f"{relative}:{line}")
    return edges


def find_cycle(edges: Mapping[tuple[str, str], object]) -> list[str] | None:
    """One loop in a directed graph given by its edges, as the nodes around it, or ``None``."""
    graph: dict[str, list[str]] = {}
    for source, target in edges:
        graph.setdefault(source, []).append(target)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_there_is_no_import_loop_between_stages() -> None:
    edges = stage_imports()
    cycle = find_cycle(edges)
    where = {f"{a} -> {b}": edges[(a, b)] for a, b in itertools.pairwise(cycle)} if cycle else {}
    assert cycle is None, f"import loop {' -> '.join(cycle or [])}: {where}"


def test_stages_import_only_the_stages_before_them() -> None:
    upward = {
        f"{source} -> {target}": places
        for (source, target), places in stage_imports().items()
        if STAGES.index(target) > STAGES.index(source)
    }
    assert upward == {}


def test_model_imports_nothing_of_the_stages_and_rules_only_model() -> None:
    edges = stage_imports()
    assert sorted(target for source, target in edges if source == "model") == []
    assert sorted(target for source, target in edges if source == "rules") in ([], ["model"])


def test_nothing_imports_the_command_line() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli" or relative.name == "__main__.py":
            continue
        importers += [
            f"{relative}:{line}"
            for line, module in imported_modules(path)
            if stage_of(module) == "cli"
        ]
    assert importers == []


def test_every_module_sits_in_a_stage() -> None:
    top = {path.stem for path in PACKAGE.glob("*.py")}
    folders = {
        path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()
    }
    assert top == TOP_LEVEL
    assert folders == set(STAGES)


def test_the_loop_finder_finds_a_loop_and_its_path() -> None:
    assert find_cycle({("a", "b"): [], ("b", "c"): []}) is None
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == ["a", "b", "c", "a"]
    assert find_cycle({("x", "a"): [], ("a", "b"): [], ("b", "a"): []}) == ["a", "b", "a"]


def test_imports_are_read_also_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from orderkit.engine.report import Report\n"
        "def f():\n    import orderkit.cli.app\n    from orderkit import model\n",
        encoding="utf-8",
    )
    modules = [module for _, module in imported_modules(source)]
    assert [stage_of(m) for m in modules] == [None, "engine", "cli", "model"]
