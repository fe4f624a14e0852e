"""PyYAML's English parser messages, said in Vietnamese."""
from __future__ import annotations

import yaml

_KNOWN = [
    ("could not find expected ':'", "thiếu dấu hai chấm ':' sau khóa"),
    ("mapping values are not allowed here", "dấu hai chấm ':' đặt sai chỗ (giá trị có dấu ':' thì hãy đặt trong ngoặc kép)"),
    ("found character '\\t' that cannot start any token", "có ký tự Tab: YAML chỉ chấp nhận dấu cách"),
    ("found unexpected end of stream", "tệp kết thúc khi chuỗi hoặc ngoặc chưa đóng"),
    ("did not find expected key", "thụt lề không đều, hoặc thiếu khóa"),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đều"),
    ("did not find expected node content", "thiếu giá trị"),
    ("expected <block end>, but found", "thụt lề không đều"),
    ("found undefined alias", "dùng alias (*) chưa được định nghĩa"),
    ("while scanning a quoted scalar", "chuỗi trong ngoặc kép chưa đóng"),
    ("while parsing a flow", "ngoặc [ ] hoặc { } chưa đóng đúng"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng '---' thứ hai)"),
    ("found unknown escape character", "ký tự thoát (\\) không hợp lệ trong chuỗi ngoặc kép"),
]


def syntax_message(exc: yaml.MarkedYAMLError) -> str:
    english = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    for needle, said in _KNOWN:
        if needle in english:
            return f"Lỗi cú pháp YAML: {said}."
    return f"Lỗi cú pháp YAML ({english})."
