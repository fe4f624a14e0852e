"""Shared by the tests of the published site (no tests here): a git repository made from
the bundled example data, and its site built once per test session with the real CLI.

The repository is committed with fixed dates, so the "as of" date of the site
(taken from the HEAD commit) is known to the tests: 10/02/2026.
"""
from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]
COPIED = ["rubric", "clusters", "submissions", "writeups", "docs", "mkdocs.yml"]
COMMIT_DATE = "2026-02-10T09:00:00+07:00"
AS_OF = "10/02/2026"
_BUILT: dict[str, Path] = {}


def run_cli(*args, cwd: Path, timeout: int = 600, **variables: str) -> subprocess.CompletedProcess:
    """`python -m site_builder …` as a person runs it, from the repository root `cwd`."""
    env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHONIOENCODING="utf-8", **variables)
    return subprocess.run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=timeout)


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Kiểm thử", GIT_AUTHOR_EMAIL="kiem-thu@example.invalid",
               GIT_COMMITTER_NAME="Kiểm thử", GIT_COMMITTER_EMAIL="kiem-thu@example.invalid",
               GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def make_repo(target: Path, parts=COPIED) -> Path:
    """A fresh git repository holding a copy of the example data, committed once."""
    target.mkdir(parents=True, exist_ok=True)
    for name in parts:
        source = MAIN / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    (target / ".gitignore").write_text("/build/\n/site/\n", encoding="utf-8")
    commit_all(target, "Dữ liệu ví dụ")
    return target


def commit_all(repo: Path, message: str) -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def built(factory) -> Path:
    """The example repository with its site built by `build --strict` (once per session)."""
    if "repo" not in _BUILT:
        repo = make_repo(factory.mktemp("site") / "repo")
        done = run_cli("build", "--strict", cwd=repo)
        assert done.returncode == 0, f"build --strict failed:\n{done.stdout}\n{done.stderr}"
        _BUILT["repo"] = repo
        _BUILT["stderr"] = done.stderr
    return _BUILT["repo"]


def build_stderr() -> str:
    return _BUILT.get("stderr", "")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def vi_number(text: str) -> Decimal | None:
    """A number as the site prints it (1.000,5; -1,5; +2), back to a Decimal; '—' is none."""
    text = text.strip().rstrip("*").strip()
    if text in ("—", ""):
        return None
    if not re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})*(,\d+)?", text):
        raise AssertionError(f"not a number in Vietnamese notation: {text!r}")
    return Decimal(text.replace(".", "").replace(",", "."))


class Cells(html.parser.HTMLParser):
    """Every table cell of a page with its attributes and visible text, grouped by row."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self._tables: list[dict] = []
        self._cell: dict | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._tables.append(attrs)
        elif tag == "tr":
            self.rows.append({"table": dict(self._tables[-1]) if self._tables else {}, "attrs": attrs, "cells": []})
        elif tag in ("td", "th") and self.rows:
            self._cell = {"tag": tag, "attrs": attrs, "text": ""}
            self.rows[-1]["cells"].append(self._cell)
        elif tag == "ul" and self._cell is not None:
            self._skip += 1  # the reasons under a status are not part of the cell's number

    def handle_endtag(self, tag):
        if tag == "table" and self._tables:
            self._tables.pop()
        elif tag in ("td", "th"):
            self._cell = None
        elif tag == "ul" and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell["text"] += data


def page_rows(path: Path, table_class: str) -> list[dict]:
    parser = Cells()
    parser.feed(path.read_text(encoding="utf-8"))
    return [r for r in parser.rows if table_class in r["table"].get("class", "").split()]
