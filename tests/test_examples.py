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
