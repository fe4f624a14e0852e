"""`python -m site_builder codeowners [--check]`: .github/CODEOWNERS generated from the registries."""
from __future__ import annotations

import pytest

from gitrepo import MAIN, department_files, run_cli

REGISTRY = "clusters/2025/registry.yaml"
DEPARTMENT = "@syt-songlam-tdkt @syt-songlam-vanphong"


@pytest.fixture
def root(tmp_path):
    for path, text in department_files().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_generated_file_gives_each_path_to_its_owner(root):
    assert run_cli("codeowners", cwd=root) == (0, "Đã ghi .github/CODEOWNERS\n", "")
    lines = (root / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert "/clusters/2025/cum-ttyt-phia-bac/ @ttytsonha-tdkt" in rules
    assert "/clusters/2025/cum-benh-vien-tinh/ @bvdk-tdkt @cum1-thuongtruc" in rules
    # A unit's files: the unit and its cluster head (so someone other than the author can approve).
    assert "/submissions/2025/*/*/ttyt-tan-lap.yaml @ttyttanlap-tdkt @ttytsonha-tdkt" in rules
    assert "/writeups/2025/ttyt-tan-lap--* @ttyttanlap-tdkt @ttytsonha-tdkt" in rules
    assert "/submissions/2025/*/*/ttyt-son-ha.yaml @ttytsonha-tdkt" in rules  # the head's own, once
    # GitHub applies the last matching line: the Department's lines come last, the code among them.
    department = ["/rubric/", "/clusters/*/registry.yaml", "/.github/", "/site_builder/", "/ci/", "/.ci/", "/Makefile",
                  "/pyproject.toml", "/mkdocs.yml", "/.gitlab-ci.yml", "/.pre-commit-config.yaml",
                  "/.pre-commit-hooks.yaml", "/.github/CODEOWNERS"]
    assert rules[-13:] == [f"{path} {DEPARTMENT}" for path in department]
    # 4 clusters, 25 units of the example registry 2025 (one folder line each, two lines per unit).
    assert len(rules) == 4 + 13 + 2 * 25


def test_check_passes_on_a_fresh_file_and_fails_when_the_registry_changed(root):
    assert run_cli("codeowners", cwd=root)[0] == 0
    assert run_cli("codeowners", "--check", cwd=root) == (0, "", "")
    registry = root / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace("[ttyttanlap-tdkt]", "[ttyttanlap-tdkt, tanlap-2]"), encoding="utf-8")
    assert run_cli("codeowners", "--check", cwd=root) == (
        1, ".github/CODEOWNERS:1:1: lỗi: tệp sinh tự động đã cũ, không còn khớp với danh sách cụm; chạy: python -m site_builder codeowners\n", "")


def test_check_fails_when_the_file_is_missing(root):
    assert run_cli("codeowners", "--check", cwd=root) == (
        1, ".github/CODEOWNERS:1:1: lỗi: tệp sinh tự động chưa có; chạy: python -m site_builder codeowners\n", "")


def test_a_broken_registry_is_reported_not_turned_into_owners(root):
    registry = root / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace("accounts: [syt-songlam-tdkt, syt-songlam-vanphong]",
                                                                    "accounts: [\"@ai đó\"]"), encoding="utf-8")
    code, out, err = run_cli("codeowners", cwd=root)
    assert (code, out) == (1, "")
    assert err.startswith(f"{REGISTRY}:")
    assert not (root / ".github/CODEOWNERS").exists()


def test_committed_codeowners_of_the_example_data_is_current():
    assert run_cli("codeowners", "--check", cwd=MAIN) == (0, "", "")
