"""What a short ``orderkit validate`` process pays for besides validating: nothing it does
not run, and no tearing down of the interpreter at the end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

SCRIPT = str(Path(sys.executable).with_name("orderkit"))
# What the command line itself adds to a validate: its own modules, argparse, and gettext
# with the locale module it loads.
CLI_ONLY = frozenset({"argparse", "gettext", "locale", "_locale"})


def modules_after(code: str) -> set[str]:
    """The modules a fresh process has loaded after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_validate_loads_only_what_validate_file_loads_and_the_command_line(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A-1", quantity=0)])
    library = modules_after(
        f"import orderkit\norderkit.validate_file({str(path)!r}, 'standard', platform='P')"
    )
    command = modules_after(
        "import contextlib, io\nfrom orderkit.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['validate', {str(path)!r}, '-t', 'standard', '--platform', 'P'])"
    )
    extra = {m for m in command - library if not m.startswith("orderkit.cli")}
    assert extra <= CLI_ONLY, sorted(extra - CLI_ONLY)


def test_the_parser_looks_the_version_up_only_for_version() -> None:
    started = modules_after(
        "from orderkit.cli.parser import build_parser\n"
        "build_parser('ko').parse_args(['validate', 'o.xlsx'])"
    )
    assert "importlib.metadata" not in started
    assert "orderkit.cli.store" not in started  # the store's commands load when they run
    version = subprocess.run([SCRIPT, "--version"], capture_output=True, text=True)
    assert version.returncode == 0
    assert version.stdout.startswith("orderkit ")
    assert version.stdout.strip() != "orderkit unknown"


def test_the_script_writes_all_its_output_before_it_ends_the_process(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, *(standard_row(f"A-{i}", quantity=0) for i in range(3000))]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    out = tmp_path / "out.json"
    with out.open("w") as stdout:  # a file, not a pipe: Python buffers it in blocks
        done = subprocess.run(
            [SCRIPT, "validate", path, "-t", "standard", "--platform", "P", "--format", "json"],
            stdout=stdout, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert len(json.loads(out.read_text())["problems"]) == 3000
