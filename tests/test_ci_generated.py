"""Generated files kept in step by CI: the submission schemas and CODEOWNERS, annotated where they are stale."""
from __future__ import annotations

import pytest

from ci_repo import base_repository, pr_check, pull_request
from gitrepo import DEPARTMENT, YEAR

DEPARTMENT_LOGIN = "syt-songlam-tdkt"
REGISTRY = f"clusters/{YEAR}/registry.yaml"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    return root, base_repository(root)


def test_a_rubric_changed_without_its_schema_fails_on_the_schema_file(repo, tmp_path):
    root, base = repo
    rubric = (root / "rubric/2025.yaml").read_text(encoding="utf-8")
    head = pull_request(root, {"rubric/2025.yaml": rubric.replace("max: 70", "max: 60", 1)}, who=DEPARTMENT)

    run = pr_check(root, tmp_path, "--only", "validate", base, head, DEPARTMENT_LOGIN)

    assert run.code == 1
    assert "::error file=rubric/schema/submission-2025.schema.json,line=1,col=1,title=Tệp sinh tự động::" in run.stdout


def test_a_registry_changed_without_codeowners_fails_on_codeowners(repo, tmp_path):
    root, base = repo
    registry = (root / REGISTRY).read_text(encoding="utf-8")
    changed = registry.replace("accounts: [bvmat-tdkt]", "accounts: [bvmat-tdkt, bvmat-phophong]", 1)
    assert changed != registry
    head = pull_request(root, {REGISTRY: changed}, who=DEPARTMENT)

    run = pr_check(root, tmp_path, "--only", "report", base, head, DEPARTMENT_LOGIN)

    assert run.code == 1
    assert any(a.startswith("::error file=.github/CODEOWNERS,line=1") for a in run.annotations()), run.stdout
    assert "| Quyền sửa tệp (`check-access`, `codeowners --check`) | ❌ lỗi (mã 1) |" in run.summary.read_text(
        encoding="utf-8")
