"""Where a YAML syntax error is, and what it says in Vietnamese, for the person who wrote the file."""
from __future__ import annotations

import yaml

_KNOWN = [
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau khóa"),
    ("mapping values are not allowed here", "dấu hai chấm ':' đặt sai chỗ (giá trị có dấu ':' thì hãy đặt trong ngoặc kép)"),
    ("found character '\\t' that cannot start any token", "có ký tự Tab: YAML chỉ chấp nhận dấu cách"),
    ("while scanning a quoted scalar", "chuỗi trong ngoặc kép mở ở đây chưa đóng"),
    ("found unexpected end of stream", "tệp kết thúc khi chuỗi hoặc ngoặc chưa đóng"),
    ("did not find expected key", "thụt lề không đều, hoặc thiếu khóa"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đều"),
    ("did not find expected node content", "thiếu giá trị"),
    ("expected <block end>, but found", "thụt lề không đều, hoặc thiếu dấu hai chấm ':'"),
    ("found undefined alias", "dùng alias (*) chưa được định nghĩa"),
    ("while parsing a flow", "ngoặc [ ] hoặc { } mở ở đây chưa đóng đúng"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)"),
    ("found unknown escape character", "ký tự thoát (\\) không hợp lệ trong chuỗi ngoặc kép"),
]
# Mistakes that PyYAML only notices on the next line: name the line above too.
_LOOK_ABOVE = ("expected <block end>, but found", "did not find expected key", "could not find expected ':'")


def syntax_message(exc: yaml.MarkedYAMLError, text: str = "", line: int = 0, unclosed_quote: bool = False) -> str:
    if unclosed_quote:
        return "Lỗi cú pháp YAML: chuỗi trong ngoặc kép mở ở đây chưa đóng (thiếu dấu ngoặc kép ở cuối)."
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    for needle, said in _KNOWN:
        if needle in english:
            return f"Lỗi cú pháp YAML: {said}{_above(english, text, line)}."
    return f"Lỗi cú pháp YAML ({english})."


def _above(english: str, text: str, line: int) -> str:
    if not any(needle in english for needle in _LOOK_ABOVE):
        return ""
    previous = _previous_content_line(text, line)
    return f" (xem dòng này và dòng {previous} ở trên)" if previous else ""


def _previous_content_line(text: str, line: int) -> int | None:
    lines = text.splitlines()
    for number in range(min(line - 1, len(lines)), 0, -1):
        content = lines[number - 1].strip()
        if content and not content.startswith("#"):
            return number
    return None


def syntax_position(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, bool]:
    """Where the writer has to look, and whether it is a quote left open.

    PyYAML often notices a mistake one or more lines after it was made.
    """
    problem, context = exc.problem_mark, exc.context_mark
    if context and exc.context and ("flow" in exc.context or "quoted scalar" in exc.context):
        # An unclosed bracket or quote: the place it was opened.
        return context.line + 1, context.column + 1, False
    if problem and context and problem.line > context.line:
        # A double-quoted string left open swallows the lines after it until the
        # next '"' and the parser stumbles further down: point at the opening.
        lines = text.splitlines()
        for number in range(context.line, min(problem.line, len(lines))):
            col = _open_quote(lines[number])
            if col is not None:
                return number + 1, col + 1, True
    mark = problem or context
    return (mark.line + 1, mark.column + 1, False) if mark else (1, 1, False)


def _open_quote(line: str) -> int | None:
    """The column of a quote that starts a value on this line and is never closed, else None."""
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return None  # the rest of the line is a comment
        if ch in "\"'" and _starts_value(line[:i]):
            close = _closing_quote(line, i)
            if close is None:
                return i
            i = close
        i += 1
    return None


def _starts_value(before: str) -> bool:
    before = before.rstrip()
    return not before or before[-1] in ":[{," or not before.replace("-", "").strip()


def _closing_quote(line: str, start: int) -> int | None:
    quote, i = line[start], start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2  # '' is a quote inside a single-quoted string
                continue
            return i
        i += 1
    return None
