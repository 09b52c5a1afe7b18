"""Every sentence the command line prints, in Korean and English.

One key names one situation. ``words(key, locale, **values)`` fills the placeholders; the
values (file names, cell text) are escaped for the terminal where they are printed, not here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from orderkit.model.wording import fill

__all__ = ["CLI_WORDS", "HELP_KOREAN", "help_words", "words"]

CLI_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    # problems and summaries
    "row": ("{row}행", "row {row}"),
    "line": ("SKU {line}번째 줄", "SKU line {line}"),
    "order": ("주문 {order_number}", "order {order_number}"),
    "error": ("오류", "error"),
    "warning": ("경고", "warning"),
    "file": ("{name}: {rows}행, 주문 {orders}건 (등록 가능 {valid}건, 오류 {invalid}건), "
             "오류 {errors}개, 경고 {warnings}개",
             "{name}: {rows} row(s), {orders} order(s) ({valid} valid, {invalid} with "
             "errors), {errors} error(s), {warnings} warning(s)"),
    "by_code": ("{kind} {count}개 ({codes})", "{kind}s: {count} ({codes})"),
    "folded": ("    └ 같은 {code} {kind} {count}건 더 (모두 보려면 --verbose)",
               "    └ {count} more {code} ({kind}; --verbose shows them all)"),
    "group_folded": ("    └ 같은 그룹이라 함께 실패한 행 {count}개 (group_failed, 모두 보려면 "
                     "--verbose)",
                     "    └ {count} row(s) failed with their group (group_failed; --verbose "
                     "shows them all)"),
    "mismatch": ("{name}: 템플릿과 열이 맞지 않습니다",
                 "{name}: the columns do not fit the template"),
    "other_sheet": ("시트 '{sheet}'({number}번째 시트)에는 템플릿의 열이 모두 있습니다. "
                    "--sheet {number} 옵션을 붙여 다시 실행하세요.",
                    "sheet '{sheet}' (sheet {number}) has every column of the template: "
                    "run again with --sheet {number}."),
    "other_sheet_template": ("시트 '{sheet}'({number}번째 시트)에는 템플릿의 열이 모두 "
                             "있습니다. 템플릿에 sheet = {number} 줄을 넣고 매칭하세요 "
                             "(orderkit template match).",
                             "sheet '{sheet}' (sheet {number}) has every column of the template: "
                             "put sheet = {number} in the template and match it "
                             "(orderkit template match)."),
    "sample_mismatch": ("{name}: 샘플 파일이 템플릿과 맞지 않아 매칭하지 않았습니다",
                        "{name}: the sample does not fit the template, so nothing was matched"),
    "sample_missing_column": ("샘플에 '{header}' 열이 없습니다 ({label}). 템플릿의 이 헤더를 "
                              "샘플의 열 이름으로 고치세요.",
                              "The sample has no column '{header}' ({label}). Change this "
                              "header in the template to the sample's column name."),
    "sample_advice": ("템플릿의 헤더를 {sample}의 열 이름에 맞춘 뒤 다시 실행하세요. 샘플에 "
                      "맞는 초안이 필요하면 orderkit template suggest {sample:을} 실행하세요.",
                      "fit the template's headers to the columns of {sample}, then run this "
                      "again; orderkit template suggest {sample} drafts a template that fits."),
    "mode_small": ("소량", "small"),
    "mode_bulk": ("대량", "bulk"),
    "upload": ("업로드 {upload_id} ({mode}): 그룹 {groups}개 중 {groups_committed}개 등록, "
               "{groups_failed}개 실패 — 주문 등록 {committed}건, 건너뜀 {skipped}건, "
               "실패 {failed}건",
               "upload {upload_id} ({mode}): {groups_committed} of {groups} group(s) "
               "committed, {groups_failed} failed — orders registered {committed}, "
               "skipped {skipped}, failed {failed}"),
    "refused": ("업로드 거부: 아무것도 등록되지 않았습니다",
                "upload refused: nothing was committed"),
    "refused_hint": ("한 번에 올릴 수 있는 주문은 최대 {limit}건입니다 (이 파일: {orders}건). "
                     "파일을 주문 {limit}건 이하씩 나누어 따로 올리세요. 모든 행의 문제는 "
                     "orderkit validate로 볼 수 있습니다.",
                     "one upload takes at most {limit} orders (this file: {orders}). Split the "
                     "file into uploads of at most {limit} orders each; orderkit validate shows "
                     "every row's problems."),
    "failure_file": ("실패 파일: {path} ({rows}행)", "failure file: {path} ({rows} row(s))"),
    "no_failure_file": ("실패한 행이 없어 실패 파일을 쓰지 않았습니다: {path}",
                        "no row failed, so no failure file was written: {path}"),
    "no_failures": ("실패한 행이 없어 실패 파일이 없습니다.",
                    "no row failed, so there is no failure file."),
    "failure_hint": ("실패 파일 받기: orderkit failures --db {db} {upload_id} --out FILE",
                     "get the failure file: orderkit failures --db {db} {upload_id} --out FILE"),
    "progress_groups": ("그룹", "group"),
    "progress_files": ("파일", "file"),
    "ok": ("통과", "OK"),
    "fail": ("실패", "FAIL"),
    "checked": ("{passed}/{total}개 파일 통과", "{passed} of {total} file(s) passed"),
    # the store
    "cancelled": ("취소했습니다: {platform} {order_number} ({at})",
                  "cancelled: {platform} {order_number} ({at})"),
    "registered": ("등록", "registered"),
    "cancelled_event": ("취소", "cancelled"),
    "event_upload": ("업로드 {upload_id}, 그룹 {group}", "upload {upload_id}, group {group}"),
    "version_line": ("v{version}  {at}  {fingerprint}  열 {columns}개{actor}",
                     "v{version}  {at}  {fingerprint}  {columns} column(s){actor}"),
    "account_heading": ("계정", "account"),
    "platform_heading": ("플랫폼", "platform"),
    "brand_heading": ("브랜드", "brand"),
    "version_heading": ("템플릿", "template"),
    "no_accounts": ("등록된 판매처 계정이 없습니다. orderkit account add로 등록하세요.",
                    "no seller account yet: register one with orderkit account add."),
    "ambiguous_account": ("'{name}' 판매처 계정이 여러 개입니다 ({accounts}). "
                          "--platform이나 --brand로 하나를 고르세요.",
                          "several seller accounts are named '{name}' ({accounts}): choose one "
                          "with --platform or --brand."),
    "blank": ("표준 주문서를 썼습니다: {path}", "wrote the standard order sheet: {path}"),
    "written": ("썼습니다: {path}", "wrote {path}"),
    "draft": ("초안 템플릿을 썼습니다: {path} (확인한 뒤 orderkit template match로 매칭하세요)",
              "wrote a draft template: {path} (check it, then orderkit template match)"),
    "matched": ("매칭했습니다: {account} 버전 {version} (헤더 지문 {fingerprint})",
                "matched: {account} version {version} (header fingerprint {fingerprint})"),
    "account_added": ("판매처 계정을 등록했습니다: {account}", "registered the account {account}"),
    "unmapped": ("# 아래 항목은 찾지 못했습니다. 직접 채우세요: {fields}",
                 "# these fields were not found; fill them in by hand: {fields}"),
    # failures of the command itself
    "need_template": ("--template(-t) 옵션으로 템플릿을 지정하세요 (파일 경로나 내장 템플릿 이름).",
                      "give the template with --template (-t): a TOML path or a built-in name."),
    "template_or_account": ("--template과 --account 중 정확히 하나를 지정하세요 (둘 다 빠져도, "
                            "둘 다 있어도 안 됩니다).",
                            "give exactly one of --template and --account."),
    "need_platform": ("판매 플랫폼을 알 수 없습니다. --platform 옵션으로 지정하세요 "
                      "(예: --platform 네이버), 또는 템플릿에 platform = \"네이버\"를 적으세요.",
                      "the sales platform is unknown: give it with --platform (e.g. --platform "
                      "Naver), or write platform = \"Naver\" in the template."),
    "usage": ("명령을 잘못 썼습니다: {detail}. 사용법은 orderkit {command} --help로 보세요.",
              "usage error: {detail}. See orderkit {command} --help."),
    "usage_required": ("꼭 필요한 값이 빠졌습니다: {what}", "missing required arguments: {what}"),
    "usage_unknown": ("알 수 없는 인자입니다: {what}", "unrecognised arguments: {what}"),
    "usage_choice": ("{option} 값 '{value}'은(는) 쓸 수 없습니다. 다음 중에서 고르세요: {choices}",
                     "{option} cannot be '{value}': choose one of {choices}"),
    "usage_value": ("{option} 값 '{value}'이(가) 올바르지 않습니다",
                    "{option} cannot be '{value}'"),
    "usage_needs_value": ("{option} 다음에 값을 쓰세요", "{option} needs a value"),
    "bad_tz": ("시간대 {tz!q:을} 모릅니다. Asia/Seoul이나 UTC처럼 쓰세요.",
               "unknown time zone '{tz}': write it like Asia/Seoul or UTC."),
    "interrupted": ("중단했습니다 (Ctrl-C). 업로드 중이었다면 끝난 그룹까지만 등록되었습니다: "
                    "orderkit history로 확인하세요.",
                    "interrupted (Ctrl-C). If an upload was running, only its finished groups "
                    "were committed: check with orderkit history."),
    "pipe_closed": ("출력을 받던 쪽이 닫혀 결과를 끝까지 쓰지 못했습니다. 작업 자체는 끝났습니다.",
                    "the reader of the output went away before the end; the work itself is done."),
    "internal": ("orderkit 내부 오류입니다 ({kind}: {detail}). 이 메시지와 실행한 명령을 "
                 "관리자에게 알려 주세요.",
                 "internal error in orderkit ({kind}: {detail}). Please report this message "
                 "with the command you ran."),
    "os_missing": ("{path}: 파일이 없습니다. 경로를 확인하세요.",
                   "{path}: no such file. Check the path."),
    "os_no_folder": ("{path}: 폴더 {folder}이(가) 없습니다. 폴더를 먼저 만들거나 "
                     "다른 경로를 주세요.",
                     "{path}: the folder {folder} does not exist. Create it or give another path."),
    "os_is_folder": ("{path}: 폴더입니다. 폴더 안의 파일 이름까지 주세요 (예: {path}/{example}).",
                     "{path} is a folder: name a file in it (e.g. {path}/{example})."),
    "input_is_folder": ("{path}: 파일이 아니라 폴더입니다. 폴더 안의 파일까지 경로로 주세요 "
                        "(예: {inside}).",
                        "{path} is a folder, not a file: give the path of a file in it "
                        "(e.g. {inside})."),
    "os_not_regular": ("{path}: 일반 파일이 아니라 파이프(또는 소켓)입니다. 읽는 쪽이 없으면 "
                       "쓰기가 끝나지 않으니 일반 파일 경로를 주세요 (예: {example}).",
                       "{path} is a named pipe (or a socket), not a regular file: writing "
                       "there waits for a reader that may never come. Give the path of a "
                       "regular file (e.g. {example})."),
    "os_not_folder": ("{path}: 경로 중간에 폴더가 아닌 파일이 있습니다. 경로를 확인하세요.",
                      "{path}: a part of the path is a file, not a folder. Check the path."),
    "os_permission": ("{path}: 권한이 없어 쓸 수 없습니다. 다른 경로를 주거나 권한을 확인하세요.",
                      "{path}: permission denied. Give another path or check the permissions."),
    "os_full": ("{path}: 디스크가 가득 차서 쓰지 못했습니다. 공간을 비운 뒤 다시 실행하세요.",
                "{path}: the disk is full. Free some space and run it again."),
    "os_read_only": ("{path}: 읽기 전용 디스크라 쓸 수 없습니다. 다른 경로를 주세요.",
                     "{path}: the disk is read-only. Give another path."),
    "os_other": ("{path}: 파일을 다루지 못했습니다 (운영체제 오류 {name}).",
                 "{path}: the file could not be used (system error {name})."),
    "version": ("orderkit {version}", "orderkit {version}"),
}  # fmt: skip


# What ``--help`` says of each command and option, keyed by its English text (the text
# written in the parser); argparse's own headings come from orderkit.cli.localized_argparse.
HELP_KOREAN: Final[Mapping[str, str]] = {
    "Validate, map and upload order sheets for a Korean fulfillment warehouse.": (
        "주문서를 검증하고, 매핑하고, 풀필먼트 창고 시스템에 올립니다."
    ),
    "message language (default ko)": "메시지 언어 (기본 ko)",
    "text or JSON": "text(사람용) 또는 json(기계용)",
    "time zone of shown times (Asia/Seoul)": "보여 줄 시각의 시간대 (기본 Asia/Seoul)",
    "every problem": "문제를 접지 않고 모두 보여 줍니다",
    "show program's version number and exit": "프로그램 버전을 보여 주고 끝냅니다",
    "TOML path or built-in name": "TOML 파일 경로나 내장 템플릿 이름",
    "sales platform for every row": "모든 행의 판매 플랫폼",
    "brand for every row": "모든 행의 브랜드",
    "product catalogue file (linked SKUs)": "상품 카탈로그 파일 (연결 SKU)",
    "the sheet to read: its name or its number from 1": "읽을 시트: 이름, 또는 1부터 센 번호",
    "the account's platform, when names repeat": "같은 이름의 계정이 여럿일 때 계정의 플랫폼",
    "the account's brand, when names repeat": "같은 이름의 계정이 여럿일 때 계정의 브랜드",
    "check an order file": "주문서 파일을 검증합니다",
    "upload an order file into a store": "주문서 파일을 저장소에 올립니다",
    "SQLite file (created if new) or postgresql:// URL": (
        "SQLite 파일 (없으면 만듭니다) 또는 postgresql:// 주소"
    ),
    "a seller account whose template is matched": "템플릿이 매칭된 판매처 계정",
    "where to write a draft re-match on drift": "양식이 바뀌었을 때 다시 매칭할 초안을 쓸 곳",
    "orders per group in a bulk upload": "대량 업로드에서 그룹 하나의 주문 수",
    "where to write the failure file": "실패 파일을 쓸 곳",
    "seller templates": "판매처 템플릿",
    "draft a template for a file (TOML on stdout)": (
        "파일에 맞는 템플릿 초안을 만듭니다 (TOML 출력)"
    ),
    "commands": "명령",
    "template commands": "템플릿 명령",
    "account commands": "계정 명령",
    "check sample files against a template (CI)": "샘플 파일이 템플릿에 맞는지 검사합니다 (CI)",
    "warnings fail too": "경고도 실패로 칩니다",
    "write the standard blank order sheet": "표준 빈 주문서를 씁니다",
    "built-in templates": "내장 템플릿 목록",
    "match a seller account's layout (a new version)": (
        "판매처 계정의 주문서 양식을 매칭합니다 (새 버전)"
    ),
    "a file of the seller's layout": "판매처 양식의 샘플 파일",
    "who did it (kept in the history)": "작업한 사람 (이력에 남습니다)",
    "an account's template versions": "계정의 템플릿 버전 이력",
    "seller accounts": "판매처 계정",
    "register a seller account": "판매처 계정을 등록합니다",
    "list the accounts": "계정 목록을 보여 줍니다",
    "force-cancel an order": "주문을 강제 취소합니다",
    "why it was cancelled": "취소 사유",
    "an order's history": "주문의 이력을 보여 줍니다",
    "write an upload's failure file again": "업로드의 실패 파일을 다시 씁니다",
    "where to write the file": "파일을 쓸 곳",
}


def help_words(english: str, locale: str) -> str:
    """The ``--help`` text ``english`` in ``locale`` (as written when there is no Korean)."""
    return HELP_KOREAN.get(english, english) if locale == "ko" else english


def words(key: str, locale: str, **values: object) -> str:
    """The CLI sentence ``key`` in ``locale`` (``"ko"`` or ``"en"``) with ``values`` filled.

    ``{rows} row(s)`` is a count with its noun: ``1 row``, ``2 rows`` (English needs one
    form per count; Korean counts with 개/건 and has none).
    """
    ko, en = CLI_WORDS[key]
    template = _COUNTED.sub(lambda found: _counted(found, values), ko if locale == "ko" else en)
    # Counts read as the messages write them: 5,001 orders, 5,001건.
    values = {
        name: f"{value:,}" if name in _COUNTS and type(value) is int else value
        for name, value in values.items()
    }
    # fill() chooses Korean particles by how each value is read ('JP'를, 'URL'을).
    return fill(template, values)


# A count placeholder and the regular noun after it: "{rows} row(s)". Read as written it
# is still English, so the table stays plain text for every other reader of it.
_COUNTED: Final = re.compile(r"\{(\w+)\} (\w+)\(s\)")


# Every placeholder that counts something: those before a counted noun, and these.
_COUNTS: Final = frozenset(
    {name for _, en in CLI_WORDS.values() for name, _ in _COUNTED.findall(en)}
    | {"orders", "valid", "invalid", "count", "groups_committed", "groups_failed",
       "committed", "skipped", "failed", "limit"}
)  # fmt: skip


def _counted(found: re.Match[str], values: Mapping[str, object]) -> str:
    name, noun = found.groups()
    return f"{{{name}}} {noun if values.get(name) == 1 else noun + 's'}"
