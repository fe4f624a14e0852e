"""`python -m site_builder diff BASE HEAD`: the review report of a pull request, on real git repositories."""
from __future__ import annotations

import re
import shutil

import pytest

from gitrepo import (CLUSTER, DEPARTMENT, MAIN, RECORD, SON_HA, SUBMISSIONS, commit, department_files, git, init,
                     run_cli, scenario, submission)

OWN = f"{SUBMISSIONS}/ttyt-son-ha.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff") / "repo"
    return root, scenario(root)


def criterion_rows(lines):
    return [line for line in lines if re.match(r"\| (\*\*Mục \d\*\*|\d\.[\d.]*) ", line)]


def criterion(row):
    """The id in the first cell of a criteria row (the title after it comes from the rubric)."""
    return re.match(r"\| (\*\*Mục \d\*\*|\d\.[\d.]*) ", row).group(1)


def diff(root, base, head, *more):
    code, out, err = run_cli("diff", base, head, *more, cwd=root)
    assert (code, err) == (0, ""), err
    return out


def test_correction_report_lists_changed_criteria_totals_and_ranks(built):
    root, ids = built
    out = diff(root, ids["broken"], ids["correction"])
    lines = out.splitlines()
    assert lines[0] == "## Báo cáo thay đổi điểm thi đua"
    assert lines[2] == f"Tính trên commit `{ids['correction']}` (HEAD), so với `{ids['broken']}`."
    assert lines[3] == "1 tệp thay đổi; 1 đơn vị có điểm thay đổi."
    assert "### Trung tâm Y tế huyện Sơn Hà (`ttyt-son-ha`)" in lines
    assert f"Tệp: `{OWN}` (sửa)" in lines
    rows = criterion_rows(lines)
    assert [criterion(r) for r in rows] == ["**Mục 1**", "1.2", "1.3"]
    assert rows[0] == "| **Mục 1** | 550 | 459 | 501,25 | +42,25 | — | — | — |"
    assert rows[1].endswith("| 100 | 74,75 | 100 | +25,25 | — | — | — |")
    assert rows[2].endswith("| 70 | 53 | 70 | +17 | — | — | — |")
    for row in ("| Tổng tự chấm | 727,75 | 770 | +42,25 |", "| Tổng Cụm chấm | — | — | — |",
                "| Tổng tính xếp hạng | 727,75 | 770 | +42,25 |", "| Thứ hạng trong cụm | 2 | 1 | |",
                "| Trạng thái | Đủ điều kiện xét | Đủ điều kiện xét | |"):
        assert row in lines
    assert ("| Cụm thi đua số 2 - Trung tâm Y tế các huyện phía Bắc (2025, cả năm) | Trung tâm Y tế huyện Tân Lập "
            "| 1 | 2 | Đủ điều kiện xét | Đủ điều kiện xét |") in lines
    assert "Không có lỗi hay cảnh báo." in lines
    assert "Các tệp khác" not in out
    assert lines[-1] == f"<sub>Tạo bởi `python -m site_builder diff {ids['broken'][:12]} {ids['correction'][:12]}`.</sub>"


def test_change_after_agreement_is_flagged(built):
    root, ids = built
    lines = diff(root, ids["agreement"], ids["late"]).splitlines()
    assert "> [!CAUTION]" in lines
    assert ("> **Sửa sau khi Cụm đã đối chiếu thống nhất điểm ngày 12/01/2026.** Đơn vị sửa số liệu sau khi Cụm "
            "đối chiếu thống nhất điểm thì không được xét thi đua (mục I.3.4 của Hướng dẫn).") in lines
    assert "| **Mục 1** | 550 | 501,25 | 504,75 | +3,5 | 459 | 459 | 0 |" in lines
    assert "| Thứ hạng trong cụm | 2 | — | |" in lines
    assert "| Trạng thái | Đủ điều kiện xét | Không xét: sửa số liệu sau khi Cụm đã đối chiếu thống nhất điểm | |" in lines


def test_cluster_scoring_shows_cluster_columns_and_the_record_as_outside_the_units(built):
    root, ids = built
    lines = diff(root, ids["correction"], ids["scoring"]).splitlines()
    assert "1 tệp thay đổi; 2 đơn vị có điểm thay đổi." in lines
    assert "| **Mục 1** | 550 | 501,25 | 501,25 | 0 | — | 459 | — |" in lines
    assert "| Tổng tính xếp hạng | 770 | 727,25 | -42,75 |" in lines
    assert "| Tổng Cụm chấm | — | 760,75 | — |" in lines
    assert f"- `{RECORD}` (thêm): hồ sơ của cụm '{CLUSTER}' năm 2025" in lines


def test_agreement_is_announced(built):
    root, ids = built
    lines = diff(root, ids["scoring"], ids["agreement"]).splitlines()
    assert ("> Cụm thi đua số 2 - Trung tâm Y tế các huyện phía Bắc, năm 2025, cả năm: "
            "ngày đối chiếu thống nhất điểm chưa có → 12/01/2026.") in lines
    assert "1 tệp thay đổi; 0 đơn vị có điểm thay đổi." in lines


def test_validation_errors_of_the_changed_file_are_shown(built):
    root, ids = built
    lines = diff(root, ids["tan-lap"], ids["broken"]).splitlines()
    assert "Tệp tự chấm sau khi sửa có lỗi nên không so sánh được điểm tự chấm từng tiêu chí." in lines
    assert "| Trạng thái | Chưa nộp | Tệp nộp có lỗi | |" in lines
    errors = [line for line in lines if line.startswith("- ❌ lỗi")]
    # Where exactly the YAML parser points is the loader's business; the report shows its one error.
    assert len(errors) == 1 and re.match(r"- ❌ lỗi dòng \d+, cột \d+: Lỗi cú pháp YAML: ", errors[0])


def test_report_is_read_from_git_objects_not_the_working_tree(built, tmp_path):
    root, ids = built
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    (copy / OWN).write_text("không phải YAML: [", encoding="utf-8")
    (copy / RECORD).unlink()
    assert diff(copy, ids["broken"], ids["correction"]) == diff(root, ids["broken"], ids["correction"])


def test_a_base_that_moved_on_is_measured_from_the_merge_base(built, tmp_path):
    root, ids = built
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    git(copy, "checkout", "-q", "-b", "pr", ids["correction"])
    text = (copy / OWN).read_text(encoding="utf-8").replace('  "1.8":\n    score: 31.75\n    self_score: 31.75\n',
                                                             '  "1.8":\n    score: 40\n    self_score: 40\n')
    head = commit(copy, "Sửa 1.8", {OWN: text}, who=SON_HA, date="2026-01-02T08:00:00+07:00")
    lines = diff(copy, ids["late"], head).splitlines()
    assert lines[2] == (f"Tính trên commit `{head}` (HEAD), so với `{ids['correction']}` "
                        f"(điểm rẽ nhánh của HEAD với BASE `{ids['late']}`).")
    assert [criterion(r) for r in criterion_rows(lines)] == ["**Mục 1**", "1.8"]
    assert "| Tổng tự chấm | 770 | 778,25 | +8,25 |" in lines


def test_files_outside_the_units_scores_are_listed_with_their_owner(built, tmp_path):
    root, ids = built
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    rubric = (copy / "rubric/2025.yaml").read_text(encoding="utf-8")
    head = commit(copy, "Sửa nhiều thứ", {OWN: (copy / OWN).read_text(encoding="utf-8") + "# ghi chú\n",
                                         "rubric/2025.yaml": rubric + "# ghi chú\n",
                                         "writeups/2025/ttyt-tan-lap--mo-hinh.md": "---\ntitle: Mô hình\n---\n"},
                  who=SON_HA, date="2026-01-20T08:00:00+07:00")
    lines = diff(copy, ids["late"], head).splitlines()
    assert "> Pull request này sửa tệp của 2 đơn vị: ttyt-son-ha, ttyt-tan-lap. Mỗi đơn vị chỉ được sửa tệp của mình." in lines
    assert "3 tệp thay đổi; 1 đơn vị có điểm thay đổi." in lines
    others = lines[lines.index("### Các tệp khác (ngoài phần điểm của các đơn vị ở trên)") + 2:][:2]
    assert others == ["- `rubric/2025.yaml` (sửa): tệp do Sở Y tế quản lý (bộ tiêu chí, danh sách cụm, cấu hình kho)",
                      "- `writeups/2025/ttyt-tan-lap--mo-hinh.md` (thêm): tệp của đơn vị 'ttyt-tan-lap'"]
    assert f"Tệp: `{OWN}` (sửa)" in lines


def test_user_text_cannot_inject_markdown_or_mentions(tmp_path):
    root = init(tmp_path / "repo")
    files = department_files()
    registry = files[f"clusters/2025/registry.yaml"]
    files[f"clusters/2025/registry.yaml"] = registry.replace(
        "name: Trung tâm Y tế huyện Sơn Hà,", 'name: "TTYT <b>Sơn Hà</b> | @ai [x](http://e.vn)",')
    base = commit(root, "Sở Y tế", files)
    head = commit(root, "Nộp (#3)", {OWN: submission("ttyt-son-ha")}, who=SON_HA)
    lines = diff(root, base, head).splitlines()
    assert "### TTYT \\<b\\>Sơn Hà\\</b\\> \\| @\u200bai \\[x\\](http://e.vn) (`ttyt-son-ha`)" in lines


def test_comment_limit_truncates_with_a_note_and_summary_keeps_everything(tmp_path):
    root = init(tmp_path / "repo")
    base = commit(root, "Sở Y tế", department_files())
    every = {p.relative_to(MAIN).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((MAIN / "submissions" / "2025" / "year").rglob("*.yaml"))}
    head = commit(root, "Mọi đơn vị nộp bài", every, who=DEPARTMENT)
    full = diff(root, base, head, "--limit", "none")
    assert len(full) > 65_000
    assert diff(root, base, head) == full  # --limit summary (1 MiB) is the default and the whole report fits
    cut = diff(root, base, head, "--limit", "comment")
    assert len(cut) <= 65_000
    units = len(every)
    shown = cut.count("\n### ") - cut.count("\n### Các đơn vị khác") - cut.count("\n### Thứ hạng")
    assert 0 < shown < units
    assert (f"> Báo cáo đã được rút gọn cho vừa giới hạn của GitHub (65.000 ký tự): {units - shown} trên {units} "
            f"đơn vị chỉ được ghi tóm tắt. Xem bản đầy đủ: `python -m site_builder diff --limit none "
            f"{base[:12]} {head[:12]}`.") in cut.splitlines()
    assert cut.count("): tổng tính xếp hạng — → ") == units - shown
    assert full.count("\n### ") == units + 0


def test_output_is_appended_like_a_step_summary(built, tmp_path):
    root, ids = built
    summary = tmp_path / "summary.md"
    summary.write_text("# Kết quả kiểm tra\n", encoding="utf-8")
    code, out, err = run_cli("diff", ids["broken"], ids["correction"], "--output", summary, cwd=root)
    assert (code, out, err) == (0, "", "")
    assert summary.read_text(encoding="utf-8") == "# Kết quả kiểm tra\n" + diff(root, ids["broken"], ids["correction"])


def test_unknown_commit_is_bad_input(built):
    root, ids = built
    code, out, err = run_cli("diff", "khong-co", ids["late"], cwd=root)
    assert (code, out) == (1, "")
    assert err.startswith(".git:1:1: lỗi: Không tìm thấy commit 'khong-co' trong kho (đã fetch nhánh đó chưa?).")
