"""What the command line prints: text for people (Korean by default), JSON for machines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any, Final, TextIO

from orderkit.problems import Problem
from orderkit.report import PROBLEM_COLUMNS

__all__ = ["Progress", "json_document", "problem_line", "words"]

_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    "row": ("{row}행", "row {row}"),
    "error": ("오류", "error"),
    "warning": ("경고", "warning"),
    "file": ("{name}: {rows}행, 주문 {orders}건 (등록 가능 {valid}건, 오류 {invalid}건), "
             "오류 {errors}개, 경고 {warnings}개",
             "{name}: {rows} rows, {orders} orders ({valid} valid, {invalid} with errors), "
             "{errors} errors, {warnings} warnings"),
    "mismatch": ("{name}: 템플릿과 열이 맞지 않습니다",
                 "{name}: the columns do not fit the template"),
    "upload": ("업로드 {upload_id} ({mode}): 그룹 {groups}개 중 {groups_committed}개 등록, "
               "{groups_failed}개 실패 — 주문 등록 {committed}건, 건너뜀 {skipped}건, "
               "실패 {failed}건",
               "upload {upload_id} ({mode}): {groups_committed} of {groups} groups committed, "
               "{groups_failed} failed — orders registered {committed}, skipped {skipped}, "
               "failed {failed}"),
    "refused": ("업로드 거부: 아무것도 등록되지 않았습니다",
                "upload refused: nothing was committed"),
    "failure_file": ("실패 파일: {path} ({rows}행)", "failure file: {path} ({rows} rows)"),
    "failure_hint": ("실패 파일 받기: orderkit failures --db {db} {upload_id} --out FILE",
                     "get the failure file: orderkit failures --db {db} {upload_id} --out FILE"),
    "progress": ("그룹 {done}/{total}", "group {done}/{total}"),
    "ok": ("통과", "OK"),
    "fail": ("실패", "FAIL"),
    "checked": ("{passed}/{total}개 파일 통과", "{passed} of {total} files passed"),
    "cancelled": ("취소했습니다: {platform} {order_number} ({at})",
                  "cancelled: {platform} {order_number} ({at})"),
    "registered": ("등록", "registered"),
    "cancelled_event": ("취소", "cancelled"),
    "blank": ("표준 주문서를 썼습니다: {path}", "wrote the standard order sheet: {path}"),
    "written": ("썼습니다: {path}", "wrote {path}"),
    "draft": ("초안 템플릿을 썼습니다: {path} (확인한 뒤 orderkit template match로 매칭하세요)",
              "wrote a draft template: {path} (check it, then orderkit template match)"),
    "matched": ("매칭했습니다: {account} 버전 {version} (헤더 지문 {fingerprint})",
                "matched: {account} version {version} (header fingerprint {fingerprint})"),
    "account_added": ("판매처 계정을 등록했습니다: {account}", "registered the account {account}"),
    "unmapped": ("# 아래 항목은 찾지 못했습니다. 직접 채우세요: {fields}",
                 "# these fields were not found; fill them in by hand: {fields}"),
}  # fmt: skip


def words(key: str, locale: str, **values: object) -> str:
    ko, en = _WORDS[key]
    return (ko if locale == "ko" else en).format(**values)


def problem_line(problem: Problem, locale: str) -> str:
    """``6행 · 전화번호 · 오류 too_long: message`` — where, which column, what, what to do."""
    parts = []
    if problem.row is not None:
        parts.append(words("row", locale, row=problem.row))
    if problem.line is not None:
        parts.append(f"SKU {problem.line + 1}")
    parts.append(problem.column or problem.field)
    kind = words("error" if problem.is_error else "warning", locale)
    return f"  {' · '.join(parts)} · {kind} {problem.code}: {problem.message}"


def problem_record(problem: Problem) -> dict[str, Any]:
    values = (
        problem.row,
        problem.column,
        problem.field,
        str(problem.code),
        str(problem.severity),
        problem.message,
        problem.value,
    )
    return dict(zip(PROBLEM_COLUMNS, values, strict=True))


def json_document(
    ok: bool, summary: Mapping[str, Any], problems: Iterable[Problem], **extra: Any
) -> str:
    document = {
        "ok": ok,
        "summary": dict(summary),
        "problems": [problem_record(p) for p in problems],
        **extra,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


class Progress:
    """A one-line progress bar on a terminal; silent when the stream is not a terminal."""

    WIDTH: Final = 24

    def __init__(self, locale: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.locale = locale
        self.enabled = self.stream.isatty()
        self.failed = 0

    def __call__(self, group: Any) -> None:
        if not self.enabled:
            return
        self.failed += not group.ok
        done, total = group.index + 1, max(group.total, 1)
        filled = round(self.WIDTH * done / total)
        bar = "█" * filled + "·" * (self.WIDTH - filled)
        label = words("progress", self.locale, done=done, total=total)
        failed = f" ✗{self.failed}" if self.failed else ""
        self.stream.write(f"\r{label} [{bar}]{failed}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()
