"""The corpus of bad inputs: each case, where it lands, what `validate` must say, and its category.

A case is one file dropped into the clean repository of hostile_repo.py
(replacing the file at that place, if any). Its expectations are whole report
lines, "LINE:COL [cảnh báo: ]message" about the case's own file, or
"PATH:LINE:COL …" about another file it upsets; nothing else may be printed,
so the rest of the repository provably validates as before.

Cases come from three places:
    tests/negative/   submissions at submissions/2025/year/cum-a/bv-a.yaml (header or expectations.yaml)
    tests/hostile/    any other file: registries, cluster records, write-ups, misplaced submissions
    GENERATED         inputs too big or too odd to commit (tests/hostile_generated.py)
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from conftest import NEGATIVE, SUMMARY, TESTS, negative_cases

from site_builder.cli import main

HOSTILE = TESTS / "hostile"
HOSTILE_MANIFEST = HOSTILE / "expectations.yaml"
# The summary line lists them in this order; a case must name one of them.
CATEGORIES = ["YAML", "bảng mã", "Unicode", "kiểu", "ngoài khoảng", "mã", "số liệu", "HTML",
              "vị trí", "thành viên", "bài viết", "đường dẫn"]
_OWN = re.compile(r"^(\d+):(\d+)$")
_OTHER = re.compile(r"^(.+):(\d+):(\d+)$")
_HEADER = re.compile(r"^# (expect|place|why|category): (.*)$")


@dataclass
class BadInput:
    name: str
    category: str
    place: str
    expect: list[str]
    content: bytes | None = None
    # For what a file cannot be on its own: a symbolic link, a file too big to commit.
    setup: Callable[[Path], None] | None = field(default=None, repr=False)

    def put(self, root: Path) -> None:
        if self.setup:
            self.setup(root)
            return
        target = root / self.place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.content)

    def lines(self) -> list[str]:
        """The report lines expected, in the order the report sorts them."""
        return [full_line(self.place, e) for e in self.expect]

    @property
    def exit_code(self) -> int:
        return 1 if any(": lỗi: " in line for line in self.lines()) else 0


def full_line(place: str, expected: str) -> str:
    where, text = expected.split(" ", 1)
    severity, message = text.split(": ", 1) if text.startswith(("lỗi: ", "cảnh báo: ")) else ("lỗi", text)
    own, other = _OWN.match(where), _OTHER.match(where)
    assert own or other, f"expectation without LINE:COL: {expected!r}"
    path, line, col = (place, *own.groups()) if own else other.groups()
    return f"{path}:{line}:{col}: {severity}: {message}"


# ---------------------------------------------------------------- the cases

def negative() -> list[BadInput]:
    return [BadInput(c.name, c.category, c.place, c.expect, c.path.read_bytes()) for c in negative_cases()]


def hostile() -> list[BadInput]:
    manifest = yaml.safe_load(HOSTILE_MANIFEST.read_text(encoding="utf-8")) or {}
    cases = []
    for path in sorted(p for p in HOSTILE.iterdir() if p.is_file() and p != HOSTILE_MANIFEST):
        spec = manifest.get(path.name) or _header(path)
        assert spec.get("expect") and spec.get("place"), f"{path.name}: no place or expectation"
        cases.append(BadInput(path.name, spec.get("category", ""), spec["place"], spec["expect"], path.read_bytes()))
    return cases


def _header(path: Path) -> dict:
    spec: dict = {"expect": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        key, value = match.groups()
        if key == "expect":
            spec["expect"].append(value)
        else:
            spec[key] = value.strip()
    return spec


# ---------------------------------------------------------------- running them

def copy_for_validate(base: Path, target: Path) -> Path:
    """The clean repository without what only `build` reads."""
    shutil.copytree(base, target, symlinks=True, ignore=shutil.ignore_patterns(".git", "docs", "site", "build"))
    return target


def validate(root: Path) -> tuple[int, list[str], str, str]:
    """`validate` through the real entry point: exit code, problem lines, summary line, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--root", str(root)])
    lines = out.getvalue().splitlines()
    assert lines and SUMMARY.match(lines[-1]), out.getvalue() + err.getvalue()
    return code, lines[:-1], lines[-1], err.getvalue()


def check(case: BadInput, base: Path, work: Path) -> None:
    """The case dropped into a copy of the clean repository says exactly what it expects, and nothing else."""
    root = copy_for_validate(base, work / "repo")
    case.put(root)
    code, lines, summary, err = validate(root)
    expected = case.lines()
    # Compared as sorted text: the report sorts by number (17:3 before 17:27), text sorts otherwise.
    assert sorted(lines) == sorted(expected), "\n".join(["printed:", *lines, "expected:", *expected])
    errors = sum(": lỗi: " in line for line in expected)
    assert summary.endswith(f": {errors} lỗi, {len(expected) - errors} cảnh báo.")
    assert (code, err) == (case.exit_code, "")


def summary_line(counts: dict[str, int], failed: int) -> str:
    """"Kho dữ liệu xấu: 112 trường hợp — YAML 25, kiểu 20, …", and how many did not pass."""
    total = sum(counts.values())
    parts = ", ".join(f"{c} {counts[c]}" for c in CATEGORIES if counts.get(c))
    verdict = "tất cả đạt" if not failed else f"{failed} không đạt"
    return f"Kho dữ liệu xấu: {total} trường hợp — {parts} ({verdict})."
