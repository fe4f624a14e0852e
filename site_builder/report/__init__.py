"""Reporters: the same problems as plain lines, GitHub annotations or JSON."""
from __future__ import annotations

import json
import sys

from site_builder.problems import Problem

SEVERITY_WORD = {"error": "lỗi", "warning": "cảnh báo"}


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo."


# Everything str.splitlines() breaks a line at, written as an escape: a key or a
# file name holding a newline must not print a second, forged "file:line: lỗi:" line.
_LINE_BREAKS = str.maketrans({ch: ascii(ch)[1:-1] for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


def text(problems: list[Problem], files: int, out=None) -> None:
    out = out or sys.stdout
    for p in sorted(problems):
        print(f"{one_line(p.path)}:{p.line}:{p.col}: {SEVERITY_WORD[p.severity]}: {one_line(p.message)}", file=out)
    print(summary(problems, files), file=out)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], files: int, out=None) -> None:
    out = out or sys.stdout
    for p in sorted(problems):
        title = "Lỗi nộp bài" if p.is_error else "Cảnh báo"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.col},title={_escape_property(title)}"
        print(f"::{p.severity} {props}::{_escape_data(p.message)}", file=out)
    print(summary(problems, files), file=out)


def as_json(problems: list[Problem], files: int, extra: dict | None = None, out=None) -> None:
    out = out or sys.stdout
    payload = {
        "files": files,
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems),
        "problems": [
            {"path": p.path, "line": p.line, "col": p.col, "severity": p.severity, "code": p.code, "message": p.message}
            for p in sorted(problems)
        ],
    }
    payload.update(extra or {})
    json.dump(payload, out, ensure_ascii=False, indent=2)
    print(file=out)


FORMATS = {"text": text, "github": github, "json": as_json}
