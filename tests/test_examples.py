"""The bundled examples run and say what they should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_validates_the_example_orders_in_korean() -> None:
    result = subprocess.run(
        [sys.executable, "examples/validate_orders.py", "examples/orders.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "주문 1 (2026112600001): 등록 가능" in result.stdout
    assert "[url_required]" in result.stdout
    assert "+819012345678" in result.stdout
    assert "3건 중 1건 등록 가능, 2건 오류" in result.stdout


def test_the_demo_sheet_validates_with_the_standard_template() -> None:
    result = subprocess.run(
        [sys.executable, "examples/validate_sheet.py", "examples/standard-orders.xlsx"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # the example holds mistakes on purpose
    assert "standard-orders.xlsx: 8행, 주문 7건 (등록 가능 3건, 오류 4건)" in result.stdout
    assert "7행 [우편번호] 경고 restored_leading_zero" in result.stdout
    assert "9행 [국가코드] 오류 bad_country" in result.stdout


def test_the_marketplace_example_validates_with_its_template() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "examples/validate_sheet.py",
            "examples/naver-smartstore-orders.xlsx",
            "--template",
            "naver-smartstore",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "주문 2건 (등록 가능 2건, 오류 0건)" in result.stdout


def test_the_service_example_commits_and_hands_back_the_failure_file(tmp_path: Path) -> None:
    import json

    result = subprocess.run(
        [
            sys.executable,
            "examples/service.py",
            "examples/standard-orders.xlsx",
            "--db",
            str(tmp_path / "orders.db"),
            "--out",
            str(tmp_path / "failures"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(result.stdout)
    assert answer["status"] == 207
    assert answer["failed"] == 7
    assert Path(answer["failure_file"]).is_file()
    assert {p["code"] for p in answer["problems"]} >= {"out_of_range", "bad_country"}


def test_the_notebook_runs_and_shows_tables() -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(ROOT / "examples" / "orders.ipynb", as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / "examples")}},
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("orderkit report" in h for h in html)
    assert any("orderkit upload" in h for h in html)
    assert any("<table" in h for h in html)


def test_the_ci_example_runs_the_check_it_shows() -> None:
    import re
    import shlex

    folder = ROOT / "examples" / "ci"
    workflow = (folder / "github-actions.yml").read_text(encoding="utf-8")
    (command,) = re.findall(r"- run: (orderkit template check .*)", workflow)
    script = Path(sys.executable).with_name("orderkit")
    args = shlex.split(command)[1:]
    files = [str(p.relative_to(folder)) for p in sorted(folder.glob("samples/haru-shop-*.xlsx"))]
    args = [a for a in args if "*" not in a]
    args[3:3] = files
    result = subprocess.run(
        [str(script), *args], cwd=folder, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "1 of 1 file passed"
