"""The history written by ONE `git fast-import` process: thousands of commits in seconds.

Running `git commit` thousands of times would take minutes and depend on the
machine's git configuration; fast-import takes the exact trees, names and
dates we give, so the same plan gives the same commit ids everywhere.
Pull requests are squash-merged ("… (#12)"), except every tenth, which keeps
its branch commit and lands with "Merge pull request #n from …", as both
forms occur in real repositories and the history reader handles both.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from site_builder.demo.plan import Change

MAIN, BRANCH = "refs/heads/main", "refs/demo/pull-request"
FORGE = ("Máy chủ Git Sở Y tế", "git@soyte.demo.example")
MERGE_EVERY = 10


def commit_count(pull_requests: int) -> int:
    """The first commit, one per pull request, and the merge commit of every tenth."""
    return 1 + pull_requests + pull_requests // MERGE_EVERY


def _person(role: str, name: str, email: str, when) -> bytes:
    return f"{role} {name} <{email}> {int(when.timestamp())} +0700\n".encode()


def _commit(ref: str, mark: int, author: tuple[str, str], committer: tuple[str, str], when, message: str,
            files: dict[str, bytes], parents: list[int]) -> bytes:
    text = message.encode()
    out = [f"commit {ref}\nmark :{mark}\n".encode(), _person("author", author[0], author[1], when),
           _person("committer", committer[0], committer[1], when), f"data {len(text)}\n".encode(), text, b"\n"]
    if parents:
        out.append(f"from :{parents[0]}\n".encode())
    out += [f"merge :{p}\n".encode() for p in parents[1:]]
    for path, data in sorted(files.items()):
        out += [f"M 100644 inline {path}\ndata {len(data)}\n".encode(), data, b"\n"]
    return b"".join(out) + b"\n"


def stream(first: Change, changes: list[Change]):
    """fast-import commands: the first commit, then each pull request in order, numbered from 1."""
    yield _commit(MAIN, 1, first.who, FORGE, first.when, first.title, first.files, [])
    head = 1
    for number, change in enumerate(changes, start=1):
        who = (change.who[0], f"{change.who[1]}@soyte.demo.example")
        mark = 2 * number + 1
        if number % MERGE_EVERY:
            yield _commit(MAIN, mark, who, FORGE, change.when, f"{change.title} (#{number})", change.files, [head])
        else:
            yield f"reset {BRANCH}\nfrom :{head}\n\n".encode()
            yield _commit(BRANCH, mark - 1, who, who, change.when, change.title, change.files, [head])
            message = f"Merge pull request #{number} from {change.branch}\n\n{change.title}"
            # The merge's tree is the branch's: fast-import starts from the first parent, so the files are repeated.
            yield _commit(MAIN, mark, who, FORGE, change.when, message, change.files, [head, mark - 1])
        head = mark
    yield b"done\n"


def write_history(root: Path, first: Change, changes: list[Change]) -> None:
    """A new repository at `root` holding the history, with main checked out."""
    git = ["git", "-C", str(root)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    importer = subprocess.Popen([*git, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE)
    try:
        for chunk in stream(first, changes):
            importer.stdin.write(chunk)
    finally:
        importer.stdin.close()
    if importer.wait() != 0:
        raise RuntimeError("git fast-import thất bại")
    subprocess.run([*git, "update-ref", "-d", BRANCH], check=True)
    subprocess.run([*git, "reset", "-q", "--hard", "main"], check=True)
