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


def text(problems: list[Problem], files: int, out=None) -> None:
    out = out or sys.stdout
    for p in sorted(problems):
        print(f"{p.path}:{p.line}:{p.col}: {SEVERITY_WORD[p.severity]}: {p.message}", file=out)
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
