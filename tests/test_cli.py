"""The real console script, driven in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import orderkit

from .sheets import STANDARD_HEADER, standard_row, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "standard-orders.xlsx"
NAVER = ROOT / "examples" / "naver-smartstore-orders.xlsx"
SCRIPT = str(Path(sys.executable).with_name("orderkit"))


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *map(str, args)], capture_output=True, text=True, cwd=cwd, check=False
    )


def clean_file(tmp_path: Path) -> Path:
    rows = [STANDARD_HEADER, standard_row("A-1"), standard_row("A-2", sku="S-2", quantity=3)]
    return write_xlsx(tmp_path / "clean.xlsx", rows)


# validate -----------------------------------------------------------------------------------


def test_validate_names_row_column_problem_and_what_to_do_in_korean() -> None:
    result = run("validate", EXAMPLE, "--template", "standard", "--platform", "수기")
    assert result.returncode == 1
    assert "standard-orders.xlsx: 8행, 주문 7건" in result.stdout
    assert "8행 · 주문 HR-1006 · 수량 · 오류 out_of_range:" in result.stdout
    assert "범위 안의 값을 입력하세요" in result.stdout
    assert "7행 · 주문 HR-1005 · 우편번호 · 경고 restored_leading_zero" in result.stdout
    assert result.stderr == ""


def test_validate_speaks_english_on_request() -> None:
    result = run("validate", EXAMPLE, "-t", "standard", "--platform", "P", "--locale", "en")
    assert "row 8 · order HR-1006 · 수량 · error out_of_range:" in result.stdout
    assert "Enter a value in range" in result.stdout


def test_validate_json_has_the_documented_shape() -> None:
    result = run("validate", EXAMPLE, "-t", "standard", "--platform", "P", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["summary"]["orders"] == 7
    first = document["problems"][0]
    assert set(first) == {
        "row", "line", "column", "field", "order_number", "code", "severity", "message", "value"
    }  # fmt: skip
    assert (first["row"], first["order_number"]) == (6, "HR-1004")


def test_validate_a_clean_file_exits_0(tmp_path: Path) -> None:
    result = run("validate", clean_file(tmp_path), "-t", "standard", "--platform", "P")
    assert result.returncode == 0, result.stdout
    assert "오류 0개" in result.stdout


def test_a_template_mismatch_is_a_data_problem_with_the_missing_columns() -> None:
    result = run("validate", NAVER, "-t", "standard", "--platform", "P", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["summary"]["template_mismatch"] is True
    assert {p["code"] for p in document["problems"]} == {"missing_column"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("validate", "missing.xlsx", "-t", "standard"), "파일을 열 수 없습니다"),
        (("validate", EXAMPLE, "-t", "standard"), "--platform"),
        (("validate", EXAMPLE, "-t", "no-such-template"), "내장 템플릿"),
        (("validate", EXAMPLE, "-t", "fields = ["), "TOML"),
        (("validate", EXAMPLE, "-t", "standard"), "판매 플랫폼"),
        (("history", "--db", "missing.db", "P", "1"), "저장소"),
    ],
)
def test_user_errors_exit_2_without_a_traceback(args: tuple[object, ...], says: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("validate", EXAMPLE).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "orderkit", "template", "list"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "standard" in result.stdout


# upload, cancel, history, failures ----------------------------------------------------------


def test_upload_summarises_and_writes_the_failure_file(tmp_path: Path) -> None:
    db, failures = tmp_path / "o.db", tmp_path / "failed.xlsx"
    result = run(
        "upload", EXAMPLE, "-t", "standard", "--platform", "수기", "--db", db,
        "--failure-file", failures,
    )  # fmt: skip
    assert result.returncode == 1
    assert "업로드 1 (소량): 그룹 1개 중 0개 등록, 1개 실패" in result.stdout
    assert f"실패 파일: {failures} (8행)" in result.stdout
    assert result.stderr == "", "no progress bar when stderr is not a terminal"
    assert len(orderkit.read_sheet(failures).rows) == 9


def test_upload_json_and_a_clean_reupload(tmp_path: Path) -> None:
    db, file = tmp_path / "o.db", clean_file(tmp_path)
    first = run("upload", file, "-t", "standard", "--platform", "P", "--db", db, "--format", "json")
    assert first.returncode == 0, first.stdout
    summary = json.loads(first.stdout)["summary"]
    assert (summary["committed"], summary["skipped"], summary["failure_file"]) == (2, 0, None)
    again = run("upload", file, "-t", "standard", "--platform", "P", "--db", db, "--format", "json")
    assert json.loads(again.stdout)["summary"]["skipped"] == 2


def test_cancel_history_and_failures_work_on_the_store(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    run("upload", clean_file(tmp_path), "-t", "standard", "--platform", "P", "--db", db)
    cancelled = run("cancel", "--db", db, "P", "A-1", "--reason", "고객 요청", "--actor", "kim")
    assert cancelled.returncode == 0
    assert "취소했습니다: P A-1" in cancelled.stdout
    again = run("cancel", "--db", db, "P", "A-1")
    assert again.returncode == 1
    assert "이미 취소" in again.stderr
    history = run("history", "--db", db, "P", "A-1", "--locale", "en")
    lines = history.stdout.splitlines()
    assert "registered  upload 1, group 1" in lines[0]
    assert "cancelled  kim · 고객 요청" in lines[1]
    assert run("history", "--db", db, "P", "nope").returncode == 1

    bad = write_xlsx(tmp_path / "bad.xlsx", [STANDARD_HEADER, standard_row("B-1", quantity=0)])
    upload = run("upload", bad, "-t", "standard", "--platform", "P", "--db", db)
    assert "orderkit failures --db" in upload.stdout
    out = tmp_path / "again.xlsx"
    assert run("failures", "--db", db, "2", "--out", out).returncode == 0
    assert orderkit.read_sheet(out).rows[1][0] == "B-1"
    assert run("failures", "--db", db, "99", "--out", out).returncode == 1


def test_upload_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER] + [standard_row(f"O-{n}") for n in range(6)]
    file = write_xlsx(tmp_path / "six.xlsx", rows)
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [SCRIPT, "upload", str(file), "-t", "standard", "--platform", "P",
         "--db", str(tmp_path / "o.db"), "--group-size", "2"],
        stdout=subprocess.PIPE, stderr=slave, text=True,
    )  # fmt: skip
    os.close(slave)
    stdout, _ = process.communicate(timeout=60)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert process.returncode == 0, stdout
    assert "그룹 1개 중 1개 등록" in stdout
    assert "그룹 1/1" in terminal.decode()


# templates ------------------------------------------------------------------------------------


def test_template_suggest_prints_toml_that_loads() -> None:
    result = run("template", "suggest", NAVER)
    assert result.returncode == 0
    template = orderkit.load_template(result.stdout)
    assert template.header_row == 2
    assert template.fields["recipient_name"].headers == ("수취인명",)


def test_template_check_gates_ci_on_sample_files(tmp_path: Path) -> None:
    clean = clean_file(tmp_path)
    assert run("template", "check", "standard", clean, "--platform", "P").returncode == 0
    result = run("template", "check", "standard", clean, NAVER, EXAMPLE)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1/3개 파일 통과"
    document = json.loads(
        run("template", "check", "naver-smartstore", NAVER, "--format", "json").stdout
    )
    assert document["ok"] is True
    assert document["files"][0]["ok"] is True


def test_template_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    rows = [STANDARD_HEADER, standard_row("A-1", postal=4524)]
    file = write_xlsx(tmp_path / "w.xlsx", rows)
    assert run("template", "check", "standard", file, "--platform", "P").returncode == 0
    assert run("template", "check", "standard", file, "--platform", "P", "--strict").returncode == 1


def test_template_blank_and_list(tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    result = run("template", "blank", "--out", out)
    assert result.returncode == 0
    assert orderkit.read_sheet(out).rows[0] == tuple(STANDARD_HEADER)
    listing = run("template", "list").stdout.splitlines()
    assert [line.split()[0] for line in listing] == [
        "cafe24",
        "esm",
        "naver-smartstore",
        "qoo10-japan",
        "rakuten-rms",
        "shopify",
        "standard",
    ]


# seller accounts --------------------------------------------------------------------------------


def test_the_account_flow_from_the_command_line(tmp_path: Path) -> None:
    from .test_accounts import NAVER_V1, NAVER_V2, TEMPLATE_V1, naver_row

    db = tmp_path / "oms.db"
    template = tmp_path / "haru.toml"
    template.write_text(orderkit.load_template(TEMPLATE_V1).to_toml(), encoding="utf-8")
    sample = write_xlsx(tmp_path / "v1.xlsx", [NAVER_V1, naver_row(NAVER_V1, "N-1")])

    assert (
        run("account", "add", "네이버", "haru", "--brand", "하루상점", "--db", db).returncode == 0
    )
    again = run("account", "add", "네이버", "haru", "--brand", "하루상점", "--db", db)
    assert again.returncode == 1
    assert "이미 등록" in again.stderr
    matched = run("template", "match", "haru", template, "--db", db, "--sample", sample,
                  "--actor", "kim")  # fmt: skip
    assert matched.returncode == 0, matched.stderr
    assert "버전 1" in matched.stdout
    listing = run("account", "list", "--db", db).stdout
    assert "haru" in listing
    assert "v1" in listing
    assert "v1  " in run("template", "history", "haru", "--db", db).stdout

    uploaded = run("upload", sample, "--account", "haru", "--db", db, "--format", "json")
    assert uploaded.returncode == 0, uploaded.stdout + uploaded.stderr
    assert json.loads(uploaded.stdout)["summary"]["committed"] == 1

    drifted = write_xlsx(tmp_path / "v2.xlsx", [NAVER_V2, naver_row(NAVER_V2, "N-2")])
    draft = tmp_path / "draft.toml"
    refused = run("upload", drifted, "--account", "haru", "--db", db, "--draft", draft)
    assert refused.returncode == 1
    assert "'수취인명' → '수취인 이름'" in refused.stdout
    assert orderkit.load_template(draft.read_text(encoding="utf-8")).fields[
        "recipient_name"
    ].headers == ("수취인 이름",)
    rematch = run("template", "match", "haru", draft, "--db", db, "--sample", drifted)
    assert "버전 2" in rematch.stdout
    assert run("upload", drifted, "--account", "haru", "--db", db).returncode == 0


def test_upload_needs_exactly_one_of_template_and_account(tmp_path: Path) -> None:
    db, file = tmp_path / "o.db", clean_file(tmp_path)
    neither = run("upload", file, "--db", db)
    assert neither.returncode == 2
    assert "--template과 --account 중 정확히 하나를" in neither.stderr
    assert "하나만" not in neither.stderr  # "only one" would be wrong when none was given
    english = run("upload", file, "--db", db, "--locale", "en")
    assert "exactly one of --template and --account" in english.stderr
    both = run("upload", file, "--db", db, "-t", "standard", "--account", "x")
    assert both.returncode == 2
