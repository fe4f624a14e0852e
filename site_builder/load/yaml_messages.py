"""PyYAML's English parser messages, said in Vietnamese."""
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
