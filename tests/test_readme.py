"""The README's snippets run as written, twice over, in a fresh folder holding only the
files they name."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
NAMED_FILE = re.compile(r"examples/[\w./-]+\.(?:xlsx|csv|json|toml)")


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README) if lang == language]


def workspace(tmp_path: Path) -> Path:
    """A folder with the example files the README names, at the paths it names them."""
    named = set(NAMED_FILE.findall(README))
    assert named, "the README names example files"
    for relative in named:
        source = ROOT / relative
        assert source.is_file(), f"the README names {relative}, which does not exist"
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return tmp_path


def test_the_readme_starts_with_the_two_quick_start_commands() -> None:
    first = blocks("sh")[0].strip().splitlines()
    assert [line.split()[:2] for line in first] == [["make", "demo"], ["make", "test"]]


def test_every_python_snippet_runs_as_written_and_again(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    snippets = blocks("python")
    assert len(snippets) >= 3
    for attempt in (1, 2):
        for number, code in enumerate(snippets, start=1):
            result = subprocess.run(
                [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True,
                check=False, timeout=120,
            )  # fmt: skip
            assert result.returncode == 0, f"snippet {number}, run {attempt}:\n{result.stderr}"
    assert (folder / "oms.db").is_file()


def test_the_shell_snippets_run_after_the_python_ones(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    for code in blocks("python"):
        subprocess.run([sys.executable, "-c", code], cwd=folder, check=True, capture_output=True)
    script = str(Path(sys.executable).with_name("orderkit"))
    commands = [
        line.split("#")[0].strip()
        for body in blocks("sh")
        for line in body.splitlines()
        if line.startswith("orderkit ")
    ]
    assert commands
    env = {**os.environ, "PATH": f"{Path(script).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        result = subprocess.run(
            [script, *shlex.split(command)[1:]], cwd=folder, capture_output=True, text=True,
            env=env, check=False, timeout=120,
        )  # fmt: skip
        assert result.returncode in (0, 1), f"{command}:\n{result.stderr}"
        assert result.stdout, command
        assert "Traceback" not in result.stderr
