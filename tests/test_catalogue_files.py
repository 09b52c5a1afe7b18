"""A catalogue file that is no catalogue is refused, and told as a catalogue, not an order
sheet: a header with no product rows, an image, an empty file."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_csv, write_xlsx

SCRIPT = str(Path(sys.executable).with_name("orderkit"))
HEADER = ["상품코드", "옵션", "연결 SKU", "수량"]


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *map(str, args)], capture_output=True, text=True, check=False)


def png(path: Path) -> Path:
    """A real 1×1 PNG: what a seller sends after screenshotting the catalogue."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


@pytest.fixture(params=["csv", "xlsx", "english-csv", "blank-rows"])
def header_only(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "csv":
        return write_csv(tmp_path / "links.csv", [HEADER])
    if request.param == "english-csv":
        return write_csv(tmp_path / "links.csv", [["product_code", "option", "sku", "multiplier"]])
    if request.param == "blank-rows":  # Excel keeps formatted rows that hold nothing
        return write_csv(tmp_path / "links.csv", [HEADER, ["", "", "", ""], ["", "", "", ""]])
    return write_xlsx(tmp_path / "links.xlsx", [HEADER])


def test_a_header_only_catalogue_is_refused_saying_how_to_fix_it(header_only: Path) -> None:
    with pytest.raises(orderkit.UnreadableFile) as caught:
        orderkit.load_catalogue(header_only)
    ko, en = caught.value.localized("ko"), caught.value.localized("en")
    assert ko.startswith(f"상품 연결 파일 {header_only.name}에 머리글 행만 있고 상품 행이 없습니다")
    assert "상품마다 한 행씩" in ko
    assert en.startswith(f"catalogue {header_only.name} has a header row but no product rows")
    assert "add one row per product" in en


def test_a_catalogue_with_one_product_row_still_loads(tmp_path: Path) -> None:
    links = write_csv(tmp_path / "links.csv", [HEADER, ["P-1", "", "W-1", "2"]])
    assert orderkit.load_catalogue(links).expand("P-1") == (("W-1", 2),)


@pytest.mark.parametrize("name", ["links.png", "links.csv", "links.xlsx"])
def test_an_image_as_the_catalogue_is_told_as_no_catalogue(tmp_path: Path, name: str) -> None:
    with pytest.raises(orderkit.NotASpreadsheet) as caught:
        orderkit.load_catalogue(png(tmp_path / name))
    ko, en = caught.value.localized("ko"), caught.value.localized("en")
    assert ko.startswith(f"{name} 파일은 상품 연결 파일이 아닙니다")
    assert en.startswith(f"{name} is not a product catalogue")
    for said in (ko, en):
        assert "주문서" not in said
        assert "order sheet" not in said
        assert "product_code" in said  # what a catalogue is, in both namings
        assert "상품코드" in said


def test_an_empty_catalogue_file_is_told_as_a_catalogue(tmp_path: Path) -> None:
    empty = tmp_path / "links.csv"
    empty.write_bytes(b"")
    with pytest.raises(orderkit.EmptyFile) as caught:
        orderkit.load_catalogue(empty)
    assert caught.value.localized("en").startswith("catalogue links.csv is empty")
    assert caught.value.localized("ko").startswith("상품 연결 파일 links.csv가 비어 있습니다")
    assert "order sheet" not in caught.value.localized("en")


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_validate_with_a_header_only_catalogue_exits_2(tmp_path: Path, locale: str) -> None:
    orders = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    links = write_csv(tmp_path / "links.csv", [HEADER])
    result = run("validate", orders, "-t", "standard", "--platform", "P", "--catalogue", links,
                 "--locale", locale, "--format", "json")  # fmt: skip
    assert result.returncode == 2, result.stdout
    document = json.loads(result.stdout)
    message = document["error"]["message"]
    assert "links.csv" in message
    assert ("상품 행이 없습니다" if locale == "ko" else "no product rows") in message
    assert "unknown_sku" not in result.stdout


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_validate_with_an_image_as_the_catalogue_says_it_is_no_catalogue(
    tmp_path: Path, locale: str
) -> None:
    orders = write_xlsx(tmp_path / "o.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    result = run("validate", orders, "-t", "standard", "--platform", "P",
                 "--catalogue", png(tmp_path / "links.png"), "--locale", locale)  # fmt: skip
    assert result.returncode == 2
    expected = "상품 연결 파일이 아닙니다" if locale == "ko" else "is not a product catalogue"
    assert expected in result.stderr
    assert ("주문서가 아니라" if locale == "ko" else "not an order sheet") not in result.stderr
