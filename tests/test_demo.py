"""The stress-repository generator (`demo`) at a tiny scale: valid, deterministic, the history it promises.

The benchmark (bench/run.py) runs it at scale 20; here one cluster over two
years is enough to check every kind of file and pull request it writes.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.history.log import read_log

MAIN = Path(__file__).resolve().parents[1]
SCALE, YEARS = 1, 2
# Per year: the Department's rubric and registry, then per cluster the covenant
# and, per period, 15 submissions, 10 corrections, scores, agreement, meeting.
PULL_REQUESTS = YEARS * (1 + SCALE * (1 + 2 * (15 + 10 + 3)))
# The first commit, one per pull request, one merge commit for every tenth.
COMMITS = 1 + PULL_REQUESTS + PULL_REQUESTS // 10


def demo(out, seed: int = 7):
    done = subprocess.run([sys.executable, "-m", "site_builder", "demo", "--scale", str(SCALE), "--years", str(YEARS),
                           "--seed", str(seed), "--out", str(out), "--root", str(MAIN)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def git(root, *args) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout.strip()


def site_builder(root, *args):
    return subprocess.run([sys.executable, "-m", "site_builder", *args, "--root", str(root)], capture_output=True, text=True, cwd=MAIN)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return demo(tmp_path_factory.mktemp("demo") / "repo")


def test_everything_written_validates(repo):
    done = site_builder(repo, "validate")
    assert done.returncode == 0, done.stdout
    assert "0 lỗi, 0 cảnh báo" in done.stdout
    assert len(list((repo / "submissions").rglob("*.yaml"))) == SCALE * 15 * 2 * YEARS
    assert site_builder(repo, "schema", "--check").returncode == 0


def test_agreement_digests_are_what_agree_prints(repo):
    printed = site_builder(repo, "agree", "--year", "2025", "--period", "year", "--cluster", "cum-01", "--date", "06/01/2026").stdout
    record = (repo / "clusters/2025/cum-01/year.yaml").read_text(encoding="utf-8")
    digests = [line for line in printed.splitlines() if "sha256:" in line]
    assert len(digests) == 15
    assert all(line in record for line in digests)


def test_history_has_the_pull_requests_promised(repo):
    assert int(git(repo, "rev-list", "--count", "HEAD")) == COMMITS
    commits = read_log(repo)
    numbers = sorted(c.pull_request for c in commits if c.pull_request)
    assert numbers == list(range(1, PULL_REQUESTS + 1))
    merges = [c for c in commits if len(c.parents) == 2]
    assert len(merges) == PULL_REQUESTS // 10
    assert git(repo, "status", "--porcelain") == ""


def test_same_seed_same_tree_and_commit_ids(repo, tmp_path):
    again = demo(tmp_path / "again")
    assert git(again, "rev-parse", "HEAD") == git(repo, "rev-parse", "HEAD")
    other = demo(tmp_path / "other", seed=8)
    assert git(other, "rev-parse", "HEAD^{tree}") != git(repo, "rev-parse", "HEAD^{tree}")


def test_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "x").write_text("x", encoding="utf-8")
    done = site_builder(MAIN, "demo", "--scale", "1", "--out", str(tmp_path))
    assert done.returncode == 2
