"""The few git questions the history and the review ask, each one process, with Vietnamese errors."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from site_builder.problems import InputError, Problem

# Where a problem about the repository as a whole is reported: there is no file line to point at.
WHERE = ".git"


def fail(message: str) -> InputError:
    return InputError([Problem(WHERE, 1, 1, message, code="git")])


def run(root: Path, *args: str, input: bytes | None = None) -> bytes:
    """stdout of one git command; a git failure becomes an InputError (exit 1), not a traceback."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=input, capture_output=True,
                              env=env(), check=False)
    except FileNotFoundError:
        raise fail("Không tìm thấy chương trình git; hãy cài git rồi chạy lại.") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise fail(f"Lệnh git {' '.join(args[:2])} không chạy được: {said[-1] if said else 'lỗi không rõ'}")
    return done.stdout


def env() -> dict:
    # LC_ALL=C keeps git's own words stable in the error we quote; no pager, no prompt; a
    # changed file named like pathspec magic (":(glob)…") is still just that file.
    return dict(os.environ, LC_ALL="C", GIT_PAGER="cat", GIT_TERMINAL_PROMPT="0", GIT_LITERAL_PATHSPECS="1")


def require_repository(root: Path) -> None:
    try:
        inside = run(root, "rev-parse", "--is-inside-work-tree").strip()
    except InputError:
        inside = b""
    if inside != b"true":
        raise fail(f"'{root}' không phải một kho git: lịch sử thay đổi điểm được đọc từ git (git clone kho về rồi chạy lại).")


def require_full_history(root: Path) -> None:
    """Refuse a shallow clone: its history would silently start at the last commit.

    CI checkouts fetch one commit by default; an empty timeline would then look
    like "nobody ever changed a score", which is worse than no timeline.
    """
    require_repository(root)
    if run(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
        raise fail("Kho được clone nông (shallow): chỉ có vài commit cuối nên không dựng được lịch sử thay đổi điểm. "
                   "Hãy lấy đủ lịch sử rồi chạy lại: git fetch --unshallow "
                   "(trên GitHub Actions: actions/checkout với fetch-depth: 0), "
                   "hoặc dựng trang không kèm lịch sử với --no-history.")


def resolve(root: Path, rev: str) -> str:
    """The full commit id of a revision given on the command line."""
    try:
        return run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except InputError:
        raise fail(f"Không tìm thấy commit '{rev}' trong kho (đã fetch nhánh đó chưa?).") from None


def merge_base(root: Path, base: str, head: str) -> str:
    """Where HEAD left BASE: what a pull request changes is measured from here, as GitHub does."""
    try:
        return run(root, "merge-base", base, head).decode().strip()
    except InputError:
        raise fail(f"BASE {base[:12]} và HEAD {head[:12]} không có commit chung nào: không so sánh được.") from None


def list_tree(root: Path, commit: str, paths: list[str]) -> dict[str, tuple[str, str]]:
    """path → (mode, blob id) of the regular files under `paths` at `commit`."""
    if not paths:
        return {}
    out = run(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
    found = {}
    for item in out.split(b"\0"):
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, kind, blob = meta.decode().split()
        if kind == "blob" and mode in REGULAR:
            found[path.decode("utf-8", "surrogateescape")] = (mode, blob)
    return found


# Symbolic links and submodules are not data: a link could point anywhere on the builder's disk.
REGULAR = {"100644", "100755"}
