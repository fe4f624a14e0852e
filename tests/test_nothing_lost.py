"""Nothing lost: no command rewrites a unit's file unless asked, and an interrupted build keeps the site that was.

(test_cli.py checks that `new` refuses an existing submission and that
validate leaves files alone; test_site_build.py that a build failing in
MkDocs strict mode keeps site/. These are the other ways to lose something.)
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import test_site_support as support
from conftest import DEFAULT_PLACE, MAIN, POSITIVE_BV_A, place, run_cli

from site_builder.cli import main

NEW = ("new", "--unit", "bv-a", "--year", "2025", "--period", "year", "--cluster", "cum-a")


def test_new_does_not_write_through_a_symbolic_link(repo, tmp_path):
    # exists() is False for a link to nothing: writing "there" would create the file it points to.
    outside = tmp_path / "ngoai-kho.yaml"
    link = repo / DEFAULT_PLACE
    link.parent.mkdir(parents=True)
    os.symlink(outside, link)
    code, out, err = run_cli(*NEW, cwd=repo)
    assert (code, out) == (2, "")
    assert err == f"{DEFAULT_PLACE} đã có; không ghi đè. Xóa hoặc đổi tên tệp cũ nếu thật sự muốn tạo lại.\n"
    assert link.is_symlink() and not outside.exists()


def test_new_does_not_overwrite_the_file_named_by_output(repo):
    notes = place(repo, "ghi-chu.yaml", "# ghi chú của đơn vị\n")
    code, out, err = run_cli(*NEW, "--output", "ghi-chu.yaml", cwd=repo)
    assert (code, out) == (2, "")
    assert err == "ghi-chu.yaml đã có; không ghi đè. Xóa hoặc đổi tên tệp cũ nếu thật sự muốn tạo lại.\n"
    assert notes.read_text(encoding="utf-8") == "# ghi chú của đơn vị\n"


def _data(root: Path) -> dict[str, str]:
    """Every file a person wrote, with its digest: what no command may change."""
    skip = ("site/", "build/", ".git/")
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.relative_to(root).as_posix().startswith(skip)}


def _run(root: Path, *args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main([*args, "--root", str(root)])


def test_no_command_rewrites_the_data(clean_repo, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(clean_repo, root, symlinks=True)
    before = _data(root)
    commands = [("validate",), ("validate", "--format", "github"), ("validate", "--format", "json"), ("lint",),
                ("rank", "--year", "2025"), ("rank", "--year", "2025", "--format", "json"),
                ("agree", "--year", "2025", "--period", "year", "--cluster", "cum-a", "--date", "14/01/2026"),
                ("schema", "--check"), ("build",)]
    assert [_run(root, *c) for c in commands] == [0] * len(commands)
    assert _data(root) == before


def _mkdocs_started(root: Path) -> bool:
    new = root / "build" / "site.new"
    return new.is_dir() and any(new.rglob("*.html"))


def test_a_killed_build_leaves_the_previous_site_intact(clean_repo, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(clean_repo, root, symlinks=True)
    assert _run(root, "build") == 0
    before = support.tree(root / "site")
    # Killed, it cannot remove its temporary folders (Material's blog pages): they stay in tmp_path.
    env = dict(os.environ, PYTHONPATH=str(MAIN), TMPDIR=str(tmp_path))
    build = subprocess.Popen([sys.executable, "-m", "site_builder", "build"], cwd=root, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _mkdocs_started(root) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert build.poll() is None, "the build ended before MkDocs wrote a page: nothing was interrupted"
        os.kill(build.pid, signal.SIGKILL)  # a power cut, an OOM kill, a cancelled CI job
    finally:
        build.wait()
    assert build.returncode == -signal.SIGKILL
    assert support.tree(root / "site") == before
    # The next build starts over from the half-written folder and gives the same site (one commit, one site).
    assert _run(root, "build") == 0
    assert support.tree(root / "site") == before


def test_a_refused_file_is_left_as_it_was(clean_repo, tmp_path):
    # NFD text is read as NFC, a BOM refused: validate and build report, they never "fix" the file.
    root = tmp_path / "repo"
    shutil.copytree(clean_repo, root, symlinks=True)
    nfd = (MAIN / "tests/negative/nfd-text.yaml").read_bytes()
    place(root, DEFAULT_PLACE, nfd)
    place(root, "submissions/2025/year/cum-a/bv-b.yaml", b"\xef\xbb\xbf" + POSITIVE_BV_A.read_bytes().replace(b"unit: bv-a", b"unit: bv-b"))
    before = _data(root)
    assert _run(root, "validate") == 1
    assert _run(root, "build") == 0
    assert _data(root) == before
