"""The pull-request workflow's commands, run locally through the script the workflow calls.

Each test makes a real repository with a base and a head commit and runs
ci/pr-check.sh on it: annotations on stdout, the job summary, the comment body
and the exit code are what GitHub (or Forgejo, or GitLab) would get.
"""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from ci_repo import (SON_HA_FILE, TAN_LAP_FILE, TAN_LAP_LOGIN, base_repository, line_of, pr_check, pull_request)
from gitrepo import replace_score, submission

BROKEN = replace_score(submission("ttyt-tan-lap"), "1.2", "71.5", "120")
CORRECTED = replace_score(submission("ttyt-tan-lap"), "1.2", "71.5", "72")


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    return root, base_repository(root)


def test_a_broken_submission_fails_with_an_annotation_at_its_line(repo, tmp_path):
    root, base = repo
    head = pull_request(root, {TAN_LAP_FILE: BROKEN})

    run = pr_check(root, tmp_path, base, head, TAN_LAP_LOGIN)

    assert run.code == 1, run.stderr
    line = line_of(BROKEN, "    score: 120")
    [error] = run.annotations("error")
    assert error.startswith(f"::error file={TAN_LAP_FILE},line={line},col=")
    assert error.endswith("::Tiêu chí 1.2 (tối đa 100): 120 vượt quá mức tối đa 100.")
    summary = run.summary.read_text(encoding="utf-8")
    assert f"Commit `{head[:12]}`, so với `{base[:12]}`; tài khoản: `{TAN_LAP_LOGIN}`." in summary
    assert re.search(r"^\| Kiểm tra tệp nộp \(`validate`, `schema --check`\) \| ❌ lỗi \(mã 1\) \| Đã kiểm tra \d+ tệp: 1 lỗi, 0 cảnh báo\. \|$",
                     summary, re.M)
    assert "| Quyền sửa tệp (`check-access`, `codeowners --check`) | ✅ đạt |" in summary
    # The diff report follows the table and names the commit it was computed on.
    assert "Trung tâm Y tế huyện Tân Lập (`ttyt-tan-lap`)" in summary
    assert head in summary
    assert f"lỗi dòng {line}" in summary
    comment = (run.out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("## Kiểm tra pull request")
    assert "Tân Lập" in comment and len(comment) <= 65_000


def test_a_clean_change_passes_every_step(repo, tmp_path):
    root, base = repo
    head = pull_request(root, {TAN_LAP_FILE: CORRECTED})

    run = pr_check(root, tmp_path, base, head, TAN_LAP_LOGIN)

    assert run.code == 0, run.stdout + run.stderr
    assert run.annotations("error") == []
    summary = run.summary.read_text(encoding="utf-8")
    for step in ("validate", "check-access", "diff", "build --strict"):
        row = next(line for line in summary.splitlines() if f"`{step}`" in line and line.startswith("| "))
        assert "| ✅ đạt |" in row, row
    # 1.2 went from 71.5 to 72: the report shows it in Vietnamese notation.
    assert "71,5" in summary and "| 72 |" in summary
    assert (root / "site" / "index.html").is_file()


def test_a_unit_editing_another_units_file_is_refused(repo, tmp_path):
    root, base = repo
    head = pull_request(root, {SON_HA_FILE: replace_score(submission("ttyt-son-ha"), "1.2", "74.75", "100")})

    run = pr_check(root, tmp_path, "--only", "report", base, head, TAN_LAP_LOGIN)

    assert run.code == 1
    assert any(f"file={SON_HA_FILE}" in a for a in run.annotations("error")), run.stdout
    summary = run.summary.read_text(encoding="utf-8")
    assert "| Quyền sửa tệp (`check-access`, `codeowners --check`) | ❌ lỗi (mã 1) |" in summary
    # The refusal is quoted as plain "file:line: message", not as a workflow command.
    section = summary.split("### Quyền sửa tệp", 1)[1]
    assert f"{SON_HA_FILE}:1: " in section and "::error" not in section


def test_every_account_in_the_pull_request_is_checked(repo, tmp_path):
    """Author allowed, pusher not: the pusher's refusal still fails the check."""
    root, base = repo
    head = pull_request(root, {TAN_LAP_FILE: CORRECTED})

    run = pr_check(root, tmp_path, "--only", "report", base, head, TAN_LAP_LOGIN, "ttytsonha-tdkt")

    assert run.code == 1
    assert any(f"file={TAN_LAP_FILE}" in a for a in run.annotations("error")), run.stdout


def test_gitlab_mode_writes_a_code_quality_report(repo, tmp_path):
    root, base = repo
    head = pull_request(root, {TAN_LAP_FILE: BROKEN})

    run = pr_check(root, tmp_path, "--only", "validate", base, head, TAN_LAP_LOGIN, env={"CI_ANNOTATIONS": "gitlab"})

    assert run.code == 1
    assert run.annotations("error") == []  # GitLab would print them as noise
    line = line_of(BROKEN, "    score: 120")
    assert f"{TAN_LAP_FILE}:{line}:12: lỗi: Tiêu chí 1.2 (tối đa 100): 120 vượt quá mức tối đa 100." in run.stdout
    [issue] = json.loads((run.out / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert issue["location"] == {"path": TAN_LAP_FILE, "lines": {"begin": line}}
    assert issue["severity"] == "major" and len(issue["fingerprint"]) == 64


def test_a_shallow_checkout_is_refused_with_the_setting_to_change(repo, tmp_path):
    root, base = repo
    head = pull_request(root, {TAN_LAP_FILE: CORRECTED})
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "nop-bai", root.as_uri(), str(shallow)], check=True)

    run = pr_check(shallow, tmp_path, head, head, TAN_LAP_LOGIN)

    assert run.code == 2
    assert "shallow clone" in run.stderr and "fetch-depth: 0" in run.stderr and "GIT_DEPTH" in run.stderr


def test_a_wrong_call_is_a_usage_error(repo, tmp_path):
    root, base = repo
    assert pr_check(root, tmp_path, base, "HEAD").code == 2
    assert pr_check(root, tmp_path, "--only", "deploy", base, "HEAD", "x").code == 2
    assert pr_check(root, tmp_path, base, "HEAD", "x", env={"CI_ANNOTATIONS": "sarif"}).code == 2
    unknown = pr_check(root, tmp_path, "0" * 40, "HEAD", "x")
    assert unknown.code == 2 and "không có commit BASE" in unknown.stderr
