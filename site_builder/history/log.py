"""Every commit and every file it changed, from ONE `git log` over the whole history.

One git process for the whole history instead of one per file: on a
repository of thousands of files that is the difference between a fraction
of a second and minutes (see bench/history_bench.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.history import git

FIELDS = ("%H", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B")
# \x1e opens each commit; every field ends with NUL, which git forbids inside messages.
FORMAT = "%x1e" + "%x00".join(FIELDS) + "%x00"
ZERO = "0" * 40

_MERGE = re.compile(r"^Merge pull request #(\d+) from ")
_SQUASH = re.compile(r"\(#(\d+)\)\s*$")


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, T, R (renamed), C (copied)
    path: str  # the path after the change (the old one for a deletion)
    blob: str | None  # content after the change; None when deleted
    old_path: str | None = None  # the path before, for a rename or a copy
    old_blob: str | None = None

    @property
    def paths(self) -> list[str]:
        """Both sides of a rename count: the file left one place and arrived at another."""
        return [p for p in (self.old_path, self.path) if p]


@dataclass
class Commit:
    id: str
    parents: list[str]
    author: str
    author_email: str
    author_date: dt.datetime
    committer: str
    committer_email: str
    date: dt.datetime  # committer date: when the change entered this history
    message: str
    changes: list[FileChange] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return self.message.split("\n", 1)[0]

    @property
    def pull_request(self) -> int | None:
        return pull_request(self.message)


def pull_request(message: str) -> int | None:
    """The pull request a merge or squash commit names: "Merge pull request #7 from …" or "… (#12)"."""
    subject = message.split("\n", 1)[0].strip()
    found = _MERGE.match(subject) or _SQUASH.search(subject)
    return int(found.group(1)) if found else None


def read_log(root: Path, rev: str = "HEAD", paths: list[str] | None = None) -> list[Commit]:
    """Commits reachable from `rev`, parents before children, each with its files changed.

    A merge lists what it changed against its first parent, i.e. what the
    pull request brought into the branch it was merged into.
    """
    args = ["-c", "log.showSignature=false", "log", "--reverse", "--topo-order", f"--format={FORMAT}",
            "--raw", "-z", "-M", "--no-abbrev", "--no-color", "--diff-merges=first-parent", rev, "--"]
    return parse(git.run(root, *args, *(paths or [])))


def parse(out: bytes) -> list[Commit]:
    commits, pos, end = [], 0, len(out)
    while pos < end:
        if out[pos] != 0x1E:
            pos += 1  # the NUL and newline git puts between a header and its files
            continue
        pos += 1
        values = []
        for _ in FIELDS:
            stop = out.index(b"\0", pos)
            values.append(out[pos:stop].decode("utf-8", "replace"))
            pos = stop + 1
        commit = _commit(values)
        pos = _changes(out, pos, commit.changes)
        commits.append(commit)
    return commits


def _commit(values: list[str]) -> Commit:
    id_, parents, an, ae, ad, cn, ce, cd, message = values
    return Commit(id_, parents.split(), an, ae, dt.datetime.fromisoformat(ad), cn, ce,
                  dt.datetime.fromisoformat(cd), message.strip())


def _changes(out: bytes, pos: int, into: list[FileChange]) -> int:
    """Raw entries ':old-mode new-mode old-blob new-blob STATUS\\0path\\0[new-path\\0]'."""
    while pos < len(out) and out[pos] in b"\0\n":
        pos += 1
    while pos < len(out) and out[pos] == ord(":"):
        stop = out.index(b"\0", pos)
        old_mode, new_mode, old_blob, new_blob, status = out[pos + 1:stop].decode().split()
        pos = stop + 1
        names = []
        for _ in range(2 if status[0] in "RC" else 1):
            stop = out.index(b"\0", pos)
            names.append(out[pos:stop].decode("utf-8", "surrogateescape"))
            pos = stop + 1
        into.append(_change(status[0], names, old_mode, new_mode, old_blob, new_blob))
        while pos < len(out) and out[pos] in b"\0\n":
            pos += 1
    return pos


def _change(status, names, old_mode, new_mode, old_blob, new_blob) -> FileChange:
    old = old_blob if old_blob != ZERO and old_mode in git.REGULAR else None
    new = new_blob if new_blob != ZERO and new_mode in git.REGULAR else None
    if len(names) == 2:
        return FileChange(status, names[1], new, names[0], old)
    return FileChange(status, names[0], new, old_blob=old)


def read_diff(root: Path, base: str, head: str) -> list[FileChange]:
    """The files changed from `base` to `head` (renames detected), as the same records as the log."""
    out = git.run(root, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-color", base, head, "--")
    changes: list[FileChange] = []
    _changes(out, 0, changes)
    return changes
