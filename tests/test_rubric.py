"""The rubric itself: its contradictions (lint), its generated schema, and a broken copy."""
from __future__ import annotations

import json
import shutil
import unicodedata

import pytest

from conftest import DEFAULT_PLACE, MAIN, POSITIVE_BV_A, place, problem_lines, run_cli, summary_counts

RUBRIC = "rubric/2025.yaml"
SCHEMA = "rubric/schema/submission-2025.schema.json"


def line_of(repo, needle: str) -> int:
    """The line of the rubric file where `needle` is written (found in the file, not asked of the tool)."""
    lines = (repo / RUBRIC).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def edit_rubric(repo, old: str, new: str) -> None:
    path = repo / RUBRIC
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_lint_reports_the_documents_contradictions(repo):
    code, out, err = run_cli("lint", "--year", "2025", cwd=repo)
    section3, c31, c344 = line_of(repo, '- id: "3"'), line_of(repo, '- id: "3.1"'), line_of(repo, '- id: "3.4.4"')
    assert problem_lines(out) == [
        # "Tổng số điểm là 1.000 điểm" but 550 + 200 + 200.
        f"{RUBRIC}:1:1: cảnh báo: Văn bản công bố tổng 1.000 điểm, nhưng các mục cộng lại 550 + 200 + 200 = 950.",
        # Section 3's table header offers only "Đã thực hiện / Chưa thực hiện".
        f"{RUBRIC}:{section3}:1: cảnh báo: Mục 3: tiêu đề bảng chỉ có 'Đã thực hiện / Chưa thực hiện', nhưng 8 tiêu chí "
        "chấm cách khác: 3.2.2.1 (tính điểm theo số lượng), 3.3.2.3 (tính điểm theo số lượng), 3.3.2.4 (tính điểm "
        "theo số lượng), 3.4.1 (trừ điểm theo số lượng), 3.4.2 (trừ điểm theo số lượng), 3.4.3 (tính điểm theo số "
        "lượng), 3.4.4 (theo bậc tỷ lệ), 3.5 (trừ điểm theo số lượng).",
        f"{RUBRIC}:{c31}:1: cảnh báo: 3.1: các tiêu chí con cộng lại 20 + 10 + 10 = 40, vượt điểm tối đa 30 (điểm được chặn ở 30).",
        f"{RUBRIC}:{c344}:1: cảnh báo: 3.4.4: mức cao nhất của quy tắc là 5 < điểm tối đa 10: không đơn vị nào đạt đủ 10.",
    ]
    # Contradictions of the source are reported, not failures of the tool.
    assert (summary_counts(out), code, err) == ((0, 4), 0, "")


def test_schema_check_passes_when_current(repo):
    assert run_cli("schema", "--check", cwd=repo) == (0, "", "")


def test_committed_schemas_of_the_repository_are_current(tmp_path):
    # With the clusters too: refined clusters have schemas of their own.
    shutil.copytree(MAIN / "rubric", tmp_path / "rubric")
    if (MAIN / "clusters").is_dir():
        shutil.copytree(MAIN / "clusters", tmp_path / "clusters")
    assert run_cli("schema", "--check", cwd=tmp_path) == (0, "", "")


def test_schema_check_fails_when_stale_and_schema_regenerates(repo):
    edit_rubric(repo, 'id: "1.3"\n        title: Có biện pháp tổ chức thực hiện sáng tạo, đạt chất lượng, hiệu quả cao trong thực hiện nhiệm vụ\n        max: 70',
                'id: "1.3"\n        title: Có biện pháp tổ chức thực hiện sáng tạo, đạt chất lượng, hiệu quả cao trong thực hiện nhiệm vụ\n        max: 60')
    before = (repo / SCHEMA).read_bytes()
    assert run_cli("schema", "--check", cwd=repo) == (
        1, f"{SCHEMA}:1:1: lỗi: tệp sinh tự động đã cũ hoặc chưa có; chạy: python -m site_builder schema\n", "")
    assert (repo / SCHEMA).read_bytes() == before  # --check only looks

    assert run_cli("schema", cwd=repo) == (0, f"Đã ghi {SCHEMA}\n", "")
    regenerated = json.loads((repo / SCHEMA).read_text(encoding="utf-8"))
    score = regenerated["properties"]["criteria"]["properties"]["1.3"]["properties"]["score"]
    assert (score["maximum"], score["description"]) == (60, "Điểm chấm, 0 đến 60.")
    assert run_cli("schema", "--check", cwd=repo) == (0, "", "")


def test_criterion_with_rule_and_children_is_refused(repo):
    edit_rubric(repo, 'max: 40\n        children:\n          - id: "1.7.1"', 'max: 40\n        rule: {type: assessed}\n        children:\n          - id: "1.7.1"')
    line = line_of(repo, '- id: "1.7"')
    message = f"{RUBRIC}:{line}:9: lỗi: Bộ tiêu chí: '1.7' có cùng lúc 'children' và 'rule': chỉ được dùng một trong số đó."
    for command in (("lint", "--year", "2025"), ("validate",)):
        code, out, err = run_cli(*command, cwd=repo)
        assert (problem_lines(out), summary_counts(out), code, err) == ([message], (1, 0), 1, ""), command


def test_child_numbered_out_of_order_is_refused(repo):
    # 1.7's second child written as 1.7.3: ids are the document's numbering.
    edit_rubric(repo, '- id: "1.7.2"', '- id: "1.7.3"')
    line = line_of(repo, '- id: "1.7.3"')
    message = (f"{RUBRIC}:{line}:17: lỗi: Bộ tiêu chí: mã '1.7.3' không đúng thứ tự "
               "của văn bản; ở vị trí này phải là '1.7.2'.")
    for command in (("lint", "--year", "2025"), ("validate",)):
        code, out, err = run_cli(*command, cwd=repo)
        assert (problem_lines(out), summary_counts(out), code, err) == ([message], (1, 0), 1, ""), command
    # Nothing can be built on a broken rubric: `new` refuses too, with the same message.
    code, out, err = run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "year", "--cluster", "cum-a", "--output", "-", cwd=repo)
    assert (code, out, problem_lines(err)) == (1, "", [message])


def test_rubric_with_only_a_warning_is_still_used(repo):
    # A title typed on macOS (NFD) is normalised with a warning; the rubric is
    # otherwise fine and submissions must still be checked against it.
    title = "title: Công tác khen thưởng"
    edit_rubric(repo, title, unicodedata.normalize("NFD", title))
    place(repo, DEFAULT_PLACE, POSITIVE_BV_A.read_bytes())
    code, out, err = run_cli("validate", cwd=repo)
    line = line_of(repo, unicodedata.normalize("NFD", title))
    assert problem_lines(out) == [f"{RUBRIC}:{line}:16: cảnh báo: Văn bản ở dạng tổ hợp (NFD, thường gặp trên macOS); "
                                  "đã chuẩn hóa sang dạng dựng sẵn (NFC) khi đọc."]
    assert (code, err) == (0, "")
