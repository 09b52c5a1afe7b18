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
