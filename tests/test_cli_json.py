"""Every command's ``--format json`` output, successes and failures, against the one
documented schema (docs/cli-output.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_xlsx
from .test_cli import EXAMPLE, NAVER, ROOT, run

SCHEMA = json.loads((ROOT / "docs" / "cli-output.schema.json").read_text(encoding="utf-8"))


def document(*args: object, exit_code: int) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.returncode == exit_code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(parsed, SCHEMA)
    assert parsed["exit_code"] == exit_code
    assert parsed["ok"] is (exit_code == 0)
    return parsed


def test_the_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"]["const"] == 1


def test_the_schema_rejects_what_it_should() -> None:
    good = {"schema_version": 1, "command": "x", "ok": True, "exit_code": 0, "exit_meaning": "ok"}
    jsonschema.validate(good, SCHEMA)
    for bad in ({**good, "schema_version": 2}, {**good, "surprise": 1}, {**good, "exit_code": 9}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


def test_every_command_prints_one_document_of_the_schema(tmp_path: Path) -> None:
    from .test_accounts import NAVER_V1, NAVER_V2, TEMPLATE_V1, naver_row

    db = tmp_path / "oms.db"
    clean = write_xlsx(tmp_path / "clean.xlsx", [STANDARD_HEADER, standard_row("A-1")])
    bad = write_xlsx(tmp_path / "bad.xlsx", [STANDARD_HEADER, standard_row("B-1", quantity=0)])

    checked = document("validate", EXAMPLE, "-t", "standard", "--platform", "P", exit_code=1)
    assert {p["order_number"] for p in checked["problems"]} >= {"HR-1004", "HR-1006"}
    document("validate", clean, "-t", "standard", "--platform", "P", exit_code=0)

    uploaded = document(
        "upload", clean, "-t", "standard", "--platform", "P", "--db", db, exit_code=0
    )
    assert uploaded["summary"]["committed"] == 1
    failed = document("upload", bad, "-t", "standard", "--platform", "P", "--db", db, exit_code=1)
    upload_id = failed["summary"]["upload_id"]
    written = document("failures", "--db", db, upload_id, "--out", tmp_path / "f.xlsx", exit_code=0)
    assert Path(written["path"]).is_file()

    events = document("history", "--db", db, "P", "A-1", exit_code=0)["events"]
    assert [(e["kind"], e["group"]) for e in events] == [("registered", 1)]
    cancelled = document("cancel", "--db", db, "P", "A-1", "--reason", "고객 요청", exit_code=0)
    assert cancelled["events"][0]["reason"] == "고객 요청"
    assert document("cancel", "--db", db, "P", "A-1", exit_code=1)["error"]["code"] == (
        "already_cancelled"
    )

    template = tmp_path / "haru.toml"
    template.write_text(orderkit.load_template(TEMPLATE_V1).to_toml(), encoding="utf-8")
    sample = write_xlsx(tmp_path / "v1.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])
    added = document("account", "add", "네이버", "haru", "--brand", "하루상점", "--db", db,
                     exit_code=0)  # fmt: skip
    assert added["accounts"][0]["brand"] == "하루상점"
    document("account", "add", "네이버", "haru", "--brand", "하루상점", "--db", db, exit_code=1)
    matched = document("template", "match", "haru", template, "--db", db, "--sample", sample,
                       "--brand", "하루상점", exit_code=0)  # fmt: skip
    assert matched["versions"][0]["version"] == 1
    assert (
        document("account", "list", "--db", db, exit_code=0)["accounts"][0]["active_version"] == 1
    )
    assert len(document("template", "history", "haru", "--db", db, exit_code=0)["versions"]) == 1

    drifted = write_xlsx(tmp_path / "v2.xlsx", [NAVER_V2, naver_row(NAVER_V2, "N-2")])
    refused = document("upload", drifted, "--account", "haru", "--db", db,
                       "--draft", tmp_path / "draft.toml", exit_code=1)  # fmt: skip
    assert {"old": "수취인명", "new": "수취인 이름"} in refused["drift"]["renamed"]
    assert refused["draft_file"] == str(tmp_path / "draft.toml")

    suggested = document("template", "suggest", NAVER, exit_code=0)
    assert orderkit.load_template(suggested["template"]).fields["recipient_name"]
    listing = document("template", "list", exit_code=0)
    assert "standard" in {t["name"] for t in listing["templates"]}
    blank = document("template", "blank", "--out", tmp_path / "blank.xlsx", exit_code=0)
    assert Path(blank["path"]).is_file()
    check = document("template", "check", "standard", clean, EXAMPLE, "--platform", "P",
                     exit_code=1)  # fmt: skip
    assert [f["ok"] for f in check["files"]] == [True, False]
    assert {p["file"] for p in check["problems"]} == {str(EXAMPLE)}


@pytest.mark.parametrize(
    ("args", "exit_code", "code"),
    [
        (("validate", EXAMPLE), 2, "missing_template"),
        (("validate",), 2, "usage"),
        (("frobnicate",), 2, "usage"),
        (("validate", "missing.xlsx", "-t", "standard", "--platform", "P"), 2, "unreadable_file"),
        (("validate", EXAMPLE, "-t", "fields = [", "--platform", "P"), 2, "template_error"),
        (("validate", EXAMPLE, "-t", "standard"), 2, "missing_platform"),
        (("validate", NAVER, "-t", "standard", "--platform", "P"), 1, None),
        (("history", "--db", "missing.db", "P", "1"), 2, "store_error"),
        (("template", "blank", "--out", "."), 2, "is_a_folder"),
    ],
)
def test_failures_are_documents_too(args: tuple[object, ...], exit_code: int, code: str) -> None:
    parsed = document(*args, exit_code=exit_code)
    if code is None:
        assert parsed["summary"]["template_mismatch"] is True
        assert {p["code"] for p in parsed["problems"]} == {"missing_column"}
    else:
        assert parsed["error"]["code"] == code
        assert parsed["error"]["message"]


def test_json_mode_given_before_the_command_covers_usage_errors() -> None:
    result = run("--format", "json", "--locale", "en", "upload", EXAMPLE)
    assert result.returncode == 2
    parsed = json.loads(result.stdout)
    jsonschema.validate(parsed, SCHEMA)
    assert parsed["command"] == "upload"
    assert "--db" in parsed["error"]["message"]
    assert "usage error" in parsed["error"]["message"]


def test_upload_problems_carry_their_order_number(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    rows = [STANDARD_HEADER, standard_row("U-1"), standard_row("U-2", quantity=0)]
    file = write_xlsx(tmp_path / "u.xlsx", rows)
    failed = document("upload", file, "-t", "standard", "--platform", "P", "--db", db, exit_code=1)
    numbers = {(p["code"], p["order_number"]) for p in failed["problems"]}
    assert numbers == {("out_of_range", "U-2"), ("group_failed", "U-1")}
    clean = write_xlsx(tmp_path / "c.xlsx", [STANDARD_HEADER, standard_row("U-3")])
    document("upload", clean, "-t", "standard", "--platform", "P", "--db", db, exit_code=0)
    again = document("upload", clean, "-t", "standard", "--platform", "P", "--db", db, exit_code=0)
    assert [(p["code"], p["order_number"]) for p in again["problems"]] == [
        ("already_registered", "U-3")
    ]
    text = run("upload", file, "-t", "standard", "--platform", "P", "--db", db).stdout
    assert "3행 · 주문 U-2 · 수량 · 오류 out_of_range" in text
