"""A cluster's refinement of the rubric (section IV.2): sections 1 and 2 only, within their points, 100% agreed."""
from __future__ import annotations

import json
import textwrap

import pytest
from repo_builder import cli, make_repo

SPLIT_1_2 = """\
      - id: "1.2"
        children:
          - {id: "1.2.1", title: Tham mưu văn bản chuyên môn, max: 60, rule: {type: assessed}}
          - {id: "1.2.2", title: Tham mưu văn bản quản lý, max: 40, rule: {type: assessed}}
"""


def cluster_year(criteria: str, agreed_by: str = "[a, b]") -> str:
    return textwrap.dedent("""\
        year: 2025
        cluster: cum-a
        refinement:
          agreed_on: 20/01/2025
          agreed_by: {agreed_by}
          criteria:
        """).format(agreed_by=agreed_by) + criteria


def test_a_split_agreed_by_everyone_becomes_the_cluster_rubric(tmp_path):
    split = {"1.2": None, "1.2.1": {"score": 55}, "1.2.2": {"score": 40}}
    make_repo(tmp_path, {"a": split, "b": split}, cluster_year=cluster_year(SPLIT_1_2))
    result = cli(tmp_path, "validate")
    assert result.returncode == 0, result.stdout
    payload = json.loads(cli(tmp_path, "rank", "--year", "2025", "--format", "json").stdout)
    # 945 with 1.2 = 55 + 40 = 95 instead of 100: 940.
    assert [r["self_total"] for r in payload["rankings"][0]["rows"]] == ["940", "940"]
    assert payload["rankings"][0]["refined"] is True
    assert cli(tmp_path, "schema").returncode == 0
    assert (tmp_path / "rubric/schema/submission-2025-cum-a.schema.json").exists()


def test_a_submission_on_the_base_rubric_is_told_about_the_split(tmp_path):
    make_repo(tmp_path, {"a": {}, "b": {}}, cluster_year=cluster_year(SPLIT_1_2))
    result = cli(tmp_path, "validate", str(tmp_path / "submissions/2025/year/cum-a/a.yaml"))
    assert result.returncode == 1
    assert "thiếu tiêu chí 1.2.1 «Tham mưu văn bản chuyên môn» (tối đa 60)" in result.stdout
    assert "Tiêu chí 1.2 (tối đa 100): khóa 'score' không có trong mẫu." in result.stdout


@pytest.mark.parametrize("criteria, agreed_by, message", [
    (SPLIT_1_2, "[a]", "cluster.yaml:5:14: lỗi: Cụ thể hóa tiêu chí: cần 100% thành viên thống nhất; còn thiếu: b."),
    ('      - {id: "3.5", max: 5}\n', "[a, b]", "Cụ thể hóa tiêu chí: mục 3 không được cụ thể hóa (chỉ các mục được phép: 1, 2)."),
    ('      - {id: "1.9", title: Chuyển đổi số, max: 10, rule: {type: done}}\n', "[a, b]",
     "Cụ thể hóa tiêu chí: mục 1 sau khi cụ thể hóa có tổng 560 điểm, vượt 550 điểm của mục."),
    ('      - {id: "1.10", title: Chuyển đổi số, max: 10, rule: {type: done}}\n', "[a, b]",
     "tiêu chí mới phải mang mã tiếp theo '1.9', không phải '1.10'."),
    ('      - {id: "2.1", max: 50, rule: {type: levels, levels: []}}\n', "[a, b]", "2.1: cần ít nhất 1 mục."),
])
def test_refinements_that_break_the_rules_are_rejected(tmp_path, criteria, agreed_by, message):
    make_repo(tmp_path, {"a": {}, "b": {}}, cluster_year=cluster_year(criteria, agreed_by))
    result = cli(tmp_path, "validate")
    assert result.returncode == 1
    assert message in result.stdout, result.stdout
