"""A shallow clone is refused with the command that fixes it, never read as an empty history."""
from __future__ import annotations

import pytest

from gitrepo import SON_HA, SUBMISSIONS, commit, department_files, git, init, submission
from site_builder.history import history_for, require_full_history
from site_builder.problems import InputError


@pytest.fixture
def origin(tmp_path):
    root = init(tmp_path / "origin")
    commit(root, "Sở Y tế: năm 2025", department_files())
    commit(root, "Nộp bài (#3)", {f"{SUBMISSIONS}/ttyt-son-ha.yaml": submission("ttyt-son-ha")}, who=SON_HA,
           date="2025-12-20T09:00:00+07:00")
    return root


def test_shallow_clone_is_refused_with_the_fix(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    with pytest.raises(InputError) as caught:
        history_for(clone)
    [problem] = caught.value.problems
    assert problem.path == ".git"
    assert problem.message == (
        "Kho được clone nông (shallow): chỉ có vài commit cuối nên không dựng được lịch sử thay đổi điểm. "
        "Hãy lấy đủ lịch sử rồi chạy lại: git fetch --unshallow "
        "(trên GitHub Actions: actions/checkout với fetch-depth: 0), "
        "hoặc dựng trang không kèm lịch sử với --no-history.")


def test_full_clone_is_accepted(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(clone))
    require_full_history(clone)
    assert [c["subject"] for c in history_for(clone)["commits"]] == ["Nộp bài (#3)", "Sở Y tế: năm 2025"]


def test_a_folder_that_is_not_a_repository_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        history_for(tmp_path)
    assert caught.value.problems[0].message.startswith(f"'{tmp_path}' không phải một kho git")
