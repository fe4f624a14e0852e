"""Bytes to text: the encoding traps of Vietnamese files, found before YAML sees them."""
from __future__ import annotations

import re
import unicodedata

from site_builder.problems import Problem

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_BYTES = 1024 * 1024

# Letters of the Latin-1 block that Vietnamese never uses. Text typed in TCVN3
# or VNI and then read as Windows-1252 is full of them ("Bé Y tÕ" → "Bộ Y tế").
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_HARMLESS = set("°×÷±«»·§©\u00a0")
LEGACY_MARKERS = {
    chr(c) for c in range(0xA1, 0x100)
    if chr(c) not in _VIETNAMESE_LATIN1 and chr(c) not in _HARMLESS
}


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file, or the problems that make it unreadable."""
    if len(data) > MAX_BYTES:
        return None, [Problem(path, 1, 1, f"Tệp quá lớn ({len(data):,} byte); giới hạn là {MAX_BYTES:,} byte.".replace(",", "."), code="file.too-large")]
    if data.startswith(UTF16_BOMS):
        return None, [Problem(path, 1, 1, "Tệp được lưu ở dạng UTF-16 (Notepad gọi là 'Unicode'). Hãy lưu lại ở dạng UTF-8.", code="file.utf16")]
    if data.startswith(BOM):
        return None, [Problem(path, 1, 1, "Tệp bắt đầu bằng dấu BOM (byte-order mark). Hãy lưu lại ở dạng UTF-8 không có BOM.", code="file.bom")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(data, exc.start)
        return None, [Problem(path, line, col, "Tệp không phải UTF-8: có vẻ được gõ bằng bảng mã cũ (TCVN3, VNI hoặc Windows-1258). Hãy chuyển sang Unicode (UTF-8), ví dụ bằng Unikey → Công cụ chuyển mã.", code="file.not-utf8")]
    if not text.strip():
        return None, [Problem(path, 1, 1, "Tệp rỗng: chưa có nội dung nào.", code="file.empty")]
    return text, _tab_problems(path, text)


def _tab_problems(path: str, text: str) -> list[Problem]:
    problems = []
    if "\t" not in text:
        return problems  # nearly every file: one C search instead of a Python loop over its lines
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(path, number, indent.index("\t") + 1, "Dùng phím Tab để thụt lề: YAML chỉ chấp nhận dấu cách.", code="yaml.tab"))
    return problems


_MARKER = re.compile("[" + re.escape("".join(sorted(LEGACY_MARKERS))) + "]")


def looks_legacy(value: str) -> bool:
    """True for text that is mojibake of a legacy Vietnamese encoding."""
    # Asked of every string of every file: the markers are all above U+00A0, so
    # ASCII text (ids, keys, numbers) is answered at once, the rest by a C search.
    if value.isascii():
        return False
    # Two markers, not one: a lone "®" or "¼" can be meant.
    first = _MARKER.search(value)
    if first is not None and _MARKER.search(value, first.end()) is not None:
        return True
    if "«" not in value and "×" not in value:
        return False  # fewer than two markers, and no glued ones
    return (first is not None) + len(_GLUED.findall(value)) >= 2


# « and × are harmless alone, but TCVN3 puts them inside words ("M« h×nh" is
# "Mô hình"): glued to the letter before them, they are markers too.
_GLUED = re.compile(r"(?<=[^\W\d_])[«×]")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)
