"""`validate FILE…` checks across files only what those files can move, as a pull-request check needs.

A submission or a period record moves its cluster-period; a registry or a
rubric the whole year. The repository is a small generated one (two clusters,
one year), with a broken record in one cluster and an agreed file edited in the other.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MAIN = Path(__file__).resolve().parents[1]
EDITED = "submissions/2025/h1/cum-01"
BROKEN = "clusters/2025/cum-02/h1.yaml"


def validate(root: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", "validate", *paths], cwd=root, capture_output=True, text=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("scope") / "repo"
    subprocess.run([sys.executable, "-m", "site_builder", "demo", "--scale", "2", "--years", "1", "--out", str(root), "--root", str(MAIN)],
                   check=True, capture_output=True)
    record = root / BROKEN
    record.write_text(record.read_text(encoding="utf-8").replace("scores:\n", "scores:\n  khong-phai-thanh-vien:\n    \"1.2\": 50\n", 1), encoding="utf-8")
    edited = sorted((root / EDITED).glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace('result: "', 'result: "(sửa sau) ', 1), encoding="utf-8")
    return root, f"{EDITED}/{edited.name}"


def test_one_submission_is_checked_with_its_own_cluster_only(repo):
    root, edited = repo
    done = validate(root, edited)
    assert done.returncode == 0, done.stdout
    assert f"{edited}:1:1: cảnh báo:" in done.stdout  # changed after the agreement: a cross-file finding
    assert "cum-02" not in done.stdout


def test_a_record_is_checked_with_its_cluster_period(repo):
    root, _ = repo
    done = validate(root, BROKEN)
    assert done.returncode == 1
    assert f"{BROKEN}:" in done.stdout and "khong-phai-thanh-vien" in done.stdout


def test_a_registry_or_no_path_checks_the_whole_year(repo):
    root, edited = repo
    for args in (("clusters/2025/registry.yaml",), ()):
        done = validate(root, *args)
        assert done.returncode == 1
        assert f"{BROKEN}:" in done.stdout and f"{edited}:1:1: cảnh báo:" in done.stdout
