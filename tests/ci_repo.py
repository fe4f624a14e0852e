"""A pull request in a real temporary repository, checked by the real CI script.

The base commit is what the Department and two units committed before: the
rubrics, the registry, the cluster's covenant, two submissions, the generated
CODEOWNERS and the site configuration. Each test adds its own head commit and
runs ci/pr-check.sh from the repository root, as a CI runner does.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from gitrepo import MAIN, SUBMISSIONS, TAN_LAP, commit, department_files, init, run_cli, submission

CI = MAIN / "ci"
TAN_LAP_FILE = f"{SUBMISSIONS}/ttyt-tan-lap.yaml"
SON_HA_FILE = f"{SUBMISSIONS}/ttyt-son-ha.yaml"
TAN_LAP_LOGIN = "ttyttanlap-tdkt"
# What `build` needs besides the data: the MkDocs configuration and the hand-written pages.
SITE_FILES = ("mkdocs.yml", "docs")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    out: Path
    summary: Path

    def annotations(self, kind: str = "error") -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith(f"::{kind} ")]


def base_repository(root: Path) -> str:
    """The repository before the pull request; returns the base commit id."""
    init(root)
    files = department_files()
    files[SON_HA_FILE] = submission("ttyt-son-ha")
    files[TAN_LAP_FILE] = submission("ttyt-tan-lap")
    commit(root, "Sở Y tế: bộ tiêu chí, danh sách cụm; hai đơn vị đã nộp", files, date="2025-12-20T09:00:00+07:00")
    for name in SITE_FILES:
        source = MAIN / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    for generate in ("codeowners", "schema"):
        code, _, err = run_cli(generate, cwd=root)
        assert code == 0, err
    site = {str(p.relative_to(root)): p.read_bytes() for p in _files(root, SITE_FILES + (".github", "rubric/schema"))}
    return commit(root, "Cấu hình trang, CODEOWNERS và JSON Schema", site, date="2025-12-20T09:30:00+07:00")


def _files(root: Path, names) -> list[Path]:
    found = []
    for name in names:
        path = root / name
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.exists() else []
    return found


def pull_request(root: Path, files: dict, who=TAN_LAP) -> str:
    """One commit on a branch, as a unit pushes it from the web editor."""
    from gitrepo import git

    git(root, "checkout", "-q", "-b", "nop-bai")
    return commit(root, "Nộp bản tự chấm", files, who=who, date="2025-12-21T10:00:00+07:00")


def pr_check(root: Path, tmp: Path, *args: str, env: dict | None = None) -> Run:
    """ci/pr-check.sh run from `root` with this checkout's package, as CI runs it."""
    out, summary = tmp / "ci-out", tmp / "step-summary.md"
    summary.write_text("", encoding="utf-8")  # GitHub creates the file; the script appends
    full_env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHON=sys.executable, PYTHONIOENCODING="utf-8",
                    CI_OUT=str(out), GITHUB_STEP_SUMMARY=str(summary),
                    GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    full_env.pop("CI_ANNOTATIONS", None)
    full_env.update(env or {})
    done = subprocess.run(["bash", str(CI / "pr-check.sh"), *args], cwd=root, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", timeout=600)
    return Run(done.returncode, done.stdout, done.stderr, out, summary)


def line_of(text: str, needle: str) -> int:
    """1-based number of the line that is exactly `needle`."""
    return text.splitlines().index(needle) + 1
