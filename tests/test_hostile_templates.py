"""Hostile templates and catalogues: bounded parsing, no echo of what a file holds
(issue 11, items 9 and 13)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import orderkit
from orderkit import TemplateError, UnreadableFile
from orderkit.templates.tomlguard import MAX_DEPTH, MAX_KEY_PARTS, MAX_TEMPLATE_CHARS

# Generous bounds that prove a hang is gone, not speed asserts.
QUICKLY = 10.0

HOSTILE_TOML = {
    "nested arrays": "fields = " + "[" * 5000 + "]" * 5000,
    "nested inline tables": "fields = " + "{ a = " * 5000 + '"x"' + " }" * 5000,
    "100,000 dotted parts": "a" + ".a" * 100_000 + ' = "x"',
    "100,000 dotted keys in a table header": "[" + ".".join(["t"] * 100_000) + "]",
    "100,000 keys": "\n".join(f'k{i} = "v"' for i in range(100_000)),
    "a megabyte of comment": "#" + "x" * (1 << 20),
}


@pytest.mark.parametrize("text", HOSTILE_TOML.values(), ids=HOSTILE_TOML.keys())
def test_hostile_toml_is_a_template_error_quickly(text: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    for source in (text, path):
        started = time.perf_counter()
        with pytest.raises(TemplateError) as caught:
            orderkit.load_template(source)
        assert time.perf_counter() - started < QUICKLY
        assert caught.value.ko, "the refusal has its Korean wording"
        assert len(str(caught.value)) < 2_000, "the error is a sentence, not the file"


def test_the_limits_leave_room_for_real_templates() -> None:
    # A deep-enough, long-enough template with a large map still loads.
    countries = ", ".join(f'"나라{i}" = "JP"' for i in range(2_000))
    text = (
        'name = "a.b.c"\nfields.order_number = "주문번호"\nfields.sku = "상품코드"\n'
        f'fields.country = {{ column = "국가", map = {{ {countries} }} }}\n'
    )
    assert len(text) < MAX_TEMPLATE_CHARS
    template = orderkit.load_template(text)
    assert template.fields["sku"] == orderkit.Column(("상품코드",))
    nested = "x = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n[fields]\nsku = 'A'"
    with pytest.raises(TemplateError, match="unknown key 'x'"):
        orderkit.load_template(nested)  # nesting at the limit is parsed (and x is unknown)
    dotted = "fields." + ".".join(["a"] * (MAX_KEY_PARTS - 1)) + " = 'x'"
    with pytest.raises(TemplateError, match="not a canonical field"):
        orderkit.load_template(dotted)


def test_too_many_mistakes_are_listed_in_part() -> None:
    data = {"fields": {"sku": "A"}, **{f"k{i}": 1 for i in range(1_000)}}
    with pytest.raises(TemplateError) as caught:
        orderkit.load_template(data)
    assert "unknown key 'k0'" in str(caught.value)
    assert "980 more" in str(caught.value)


SECRET = "root:x:0:0:secret-first-line:/root:/bin/bash"


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "passwd"
    path.write_text(SECRET + "\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n", encoding="utf-8")
    return path


def assert_not_echoed(error: BaseException) -> None:
    assert isinstance(error, orderkit.OrderkitError)
    for text in (str(error), error.localized("ko"), error.localized("en")):
        assert "secret" not in text
        assert "root:x" not in text


def test_a_catalogue_linked_to_a_password_file_does_not_echo_it(
    password_file: Path, tmp_path: Path
) -> None:
    for name in ("catalogue.csv", "catalogue.xlsx"):
        link = tmp_path / name
        link.symlink_to(password_file)
        with pytest.raises(UnreadableFile) as caught:
            orderkit.load_catalogue(link)
        assert_not_echoed(caught.value)
        assert "product_code" in str(caught.value)  # it says what was expected
        assert "상품코드" in caught.value.localized("ko")


def test_a_template_linked_to_a_password_file_or_a_config_does_not_echo_it(
    password_file: Path, tmp_path: Path
) -> None:
    link = tmp_path / "template.toml"
    link.symlink_to(password_file)
    config = tmp_path / "config.toml"
    config.write_text('[server]\npassword = "secret-token"\nsecret_key = "abc"\n', "utf-8")
    binary = tmp_path / "key.toml"
    binary.write_bytes(b"secret\xff\xfe" + SECRET.encode())
    for source in (link, str(link), config, binary):
        with pytest.raises(TemplateError) as caught:
            orderkit.load_template(source)
        assert_not_echoed(caught.value)
    with pytest.raises(TemplateError, match=r"\[fields\] table"):
        orderkit.load_template(config)
