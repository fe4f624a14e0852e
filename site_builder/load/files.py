"""A data file's bytes, read only when it is a plain file of a sane size.

Anyone can propose a file in a pull request, and CI prints what it reads:
a symbolic link to /etc/passwd would have its lines quoted back in the
error messages, and a huge file would be read whole before being refused.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from site_builder.load.text import MAX_BYTES
from site_builder.problems import Problem


def read_data_file(path: str | Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem that kept it unread."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return None, [Problem(shown, 1, 1, "Tệp là liên kết tượng trưng (symlink): dữ liệu phải là tệp thật trong kho, không trỏ sang tệp khác.", code="file.symlink")]
    if not stat.S_ISREG(info.st_mode):
        return None, [Problem(shown, 1, 1, "Không phải tệp thông thường: không đọc được.", code="file.not-regular")]
    if info.st_size > MAX_BYTES:
        return None, [_too_large(shown, info.st_size)]
    return Path(path).read_bytes(), []


def _too_large(shown: str, size: int) -> Problem:
    message = f"Tệp quá lớn ({size:,} byte); giới hạn là {MAX_BYTES:,} byte.".replace(",", ".")
    return Problem(shown, 1, 1, message, code="file.too-large")
