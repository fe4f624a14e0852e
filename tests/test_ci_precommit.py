"""The pre-commit hook: same validation as CI, stopping a commit of a broken submission on a unit's machine."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from ci_repo import TAN_LAP_FILE, base_repository
from gitrepo import TAN_LAP, commit, git, replace_score, submission

MAIN = Path(__file__).resolve().parents[1]


def config_hook() -> tuple[str, dict]:
    config = yaml.safe_load((MAIN / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    return repo["repo"], hook


def manifest_hook() -> dict:
    [hook] = yaml.safe_load((MAIN / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def pyproject() -> dict:
    return tomllib.loads((MAIN / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_local_hook_installs_what_the_package_needs():
    _, hook = config_hook()
    assert sorted(hook["additional_dependencies"]) == sorted(pyproject()["project"]["dependencies"])


def test_the_local_hook_is_the_published_one_run_from_this_checkout():
    where, local = config_hook()
    published = manifest_hook()
    assert where == "local" and local["id"] == published["id"] == "validate-submissions"
    for key in ("files", "language", "require_serial"):
        assert local[key] == published[key], key
    assert published["entry"] == "site-builder validate"
    assert pyproject()["project"]["scripts"]["site-builder"] == "site_builder.cli:main"
    assert local["entry"] == "python -m site_builder validate"


def pre_commit_or_fail():
    if importlib.util.find_spec("pre_commit") is None:
        if os.environ.get("CI"):
            pytest.fail("pre-commit is not installed: make lint-ci installs it")
        pytest.skip("pre-commit is not installed (make lint-ci installs it)")
    return [sys.executable, "-m", "pre_commit"]


def test_a_commit_of_a_broken_submission_is_stopped_with_the_line(tmp_path):
    pre_commit = pre_commit_or_fail()
    root = tmp_path / "repo"
    base_repository(root)
    shutil.copytree(MAIN / "site_builder", root / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(MAIN / ".pre-commit-config.yaml", root / ".pre-commit-config.yaml")
    commit(root, "Mã và cấu hình pre-commit",
           {str(p.relative_to(root)): p.read_bytes() for p in [*root.joinpath("site_builder").rglob("*.*"),
                                                              root / ".pre-commit-config.yaml"]})
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull,
               GIT_AUTHOR_NAME=TAN_LAP[0], GIT_AUTHOR_EMAIL=TAN_LAP[1], GIT_COMMITTER_NAME=TAN_LAP[0],
               GIT_COMMITTER_EMAIL=TAN_LAP[1], GIT_AUTHOR_DATE="2025-12-21T10:00:00+07:00",
               GIT_COMMITTER_DATE="2025-12-21T10:00:00+07:00")
    env.pop("PYTHONPATH", None)  # the hook must run the checkout's own code
    subprocess.run([*pre_commit, "install"], cwd=root, env=env, check=True, capture_output=True)

    broken = replace_score(submission("ttyt-tan-lap"), "1.2", "71.5", "120")
    (root / TAN_LAP_FILE).write_text(broken, encoding="utf-8")
    git(root, "add", TAN_LAP_FILE)
    refused = subprocess.run(["git", "commit", "-m", "Nộp bài"], cwd=root, env=env, capture_output=True, text=True,
                             timeout=900)
    assert refused.returncode != 0
    line = broken.splitlines().index("    score: 120") + 1
    assert f"{TAN_LAP_FILE}:{line}:12: lỗi: Tiêu chí 1.2 (tối đa 100): 120 vượt quá mức tối đa 100." in refused.stdout + refused.stderr

    fixed = replace_score(submission("ttyt-tan-lap"), "1.2", "71.5", "72")
    (root / TAN_LAP_FILE).write_text(fixed, encoding="utf-8")
    git(root, "add", TAN_LAP_FILE)
    accepted = subprocess.run(["git", "commit", "-m", "Nộp bài"], cwd=root, env=env, capture_output=True, text=True,
                              timeout=900)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
