"""Bad inputs made by code: too big to commit, too hostile for other tools, or not a plain file at all.

Each is a corpus case like those of tests/negative/ and tests/hostile/; the
submission ones start from the compact valid submission below (the same as
the newer negative cases), changed in one place.
"""
from __future__ import annotations

import os
from pathlib import Path

from corpus import BadInput

PLACE = "submissions/2025/year/cum-a/bv-a.yaml"
LEAVES = {
    "1.1": "so_nhiem_vu_cham: 2", "1.2": "score: 95.5", "1.3": "score: 70", "1.4": "score: 90",
    "1.5": "so_noi_dung_chua_khac_phuc: 1", "1.6": "score: 45.25", "1.7.1": "score: 10",
    "1.7.2": "so_truong_hop_tham_nhung: 0", "1.8": "score: 37.75", "2.1": "level: tot", "2.2": "level: kha",
    "2.3": "level: tot", "2.4": "level: kha", "2.5": "level: trung_binh", "3.1.1": "done: true",
    "3.1.2.1": "done: true", "3.1.2.2": "done: false", "3.1.3": "done: true", "3.2.1.1": "done: true",
    "3.2.1.2": "done: true", "3.2.1.3": "done: true", "3.2.2.1": "so_chuyen_de: 12", "3.2.2.2": "done: true",
    "3.3.1": "done: true", "3.3.2.1": "done: true", "3.3.2.2": "done: false", "3.3.2.3": "so_bai_tuyen_truyen: 7",
    "3.3.2.4": "so_guong_gioi_thieu: 4", "3.4.1": "so_ngay_cham: 3", "3.4.2": "so_ho_so_khong_du_dieu_kien: 1",
    "3.4.3": "so_ntvt_cap_tinh: 3, so_khen_thuong_dot_xuat: 1", "3.4.4": "ty_le_lao_dong_truc_tiep: 62.5",
    "3.4.5": "done: true", "3.5": "so_khieu_nai_vuot_cap: 0", "3.6.1": "done: true", "3.6.2": "done: true",
    "3.7.1": "done: true", "3.7.2": "done: true", "3.7.3": "done: false",
}
HEAD = "unit: bv-a\nyear: 2025\nperiod: year\ncluster: cum-a\ncriteria:\n"  # "1.1" is line 6
SECRET = "mật khẩu của máy chạy CI"


def submission(changes: dict[str, str] | None = None) -> str:
    entries = {**LEAVES, **(changes or {})}
    return HEAD + "".join(f'  "{cid}": {{{fields}}}\n' for cid, fields in entries.items())


def _laughs() -> str:
    # "Billion laughs": nine lists of nine aliases of the list before, 9^9 items once expanded.
    # Not a committed file: check-jsonschema (editors, pre-commit users) expands it and never ends.
    names = "abcdefghi"
    changes = {"3.1.1": 'done: true, evidence: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'}
    for cid, previous, current in zip(["3.1.2.1", "3.1.2.2", "3.1.3", "3.2.1.1", "3.2.1.2", "3.2.1.3", "3.2.2.2", "3.3.1"], names, names[1:]):
        changes[cid] = f"{LEAVES[cid]}, evidence: &{current} [{', '.join(['*' + previous] * 9)}]"
    return submission(changes)


def _write(root: Path, relpath: str, data: bytes) -> None:
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _link(root: Path, relpath: str) -> None:
    """`relpath` as a symbolic link to a file outside the repository holding a secret."""
    outside = root.parent / "ngoai-kho.txt"
    outside.write_text(f"{SECRET}\n", encoding="utf-8")
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    os.symlink(outside, target)


def _fifty_megabytes(root: Path) -> None:
    # A valid submission followed by 50 MB of comment: refused from its size, never read.
    with open(root / PLACE, "wb") as out:
        out.write(submission().encode())
        line = b"# " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            out.write(line)


def _symlinked_image(root: Path) -> None:
    _link(root, "writeups/2025/anh-mo-hinh.png")
    _write(root, "writeups/2025/bv-a--co-anh.md", (WRITEUP + "![Ảnh mô hình](anh-mo-hinh.png)\n").encode())


WRITEUP = '---\nunit: bv-a\nyear: 2025\ncluster: cum-a\ntitle: "Có ảnh"\ndate: 15/06/2025\ncriteria: ["3.3.2.4"]\n---\nĐoạn mở đầu.\n\n'
SYMLINK = "1:1 Tệp là liên kết tượng trưng (symlink): dữ liệu phải là tệp thật trong kho, không trỏ sang tệp khác."
DEEP = "Cấu trúc YAML lồng nhau quá sâu (quá 32 cấp)."

GENERATED = [
    BadInput("10000-nested-brackets", "YAML", PLACE,
             # Depth 3 at the '{' (file, criteria, entry); the 31st '[' is level 34, past the 33 allowed.
             [f"6:59 {DEEP}"],
             submission({"1.1": "so_nhiem_vu_cham: " + "[" * 10_000 + "2" + "]" * 10_000}).encode()),
    BadInput("10000-nested-brackets-unclosed", "YAML", PLACE, [f"6:59 {DEEP}"],
             submission({"1.1": "so_nhiem_vu_cham: " + "[" * 10_000}).encode()),
    BadInput("billion-laughs", "YAML", PLACE,
             [f"{line}:{col} Không dùng anchor (&) và alias (*) trong tệp dữ liệu: hãy viết đầy đủ từng giá trị."
              for line, col in [(20, 35), (21, 37), (22, 38), (23, 35), (24, 37), (25, 37), (26, 37), (28, 37), (29, 35)]],
             _laughs().encode()),
    BadInput("5000-digit-number", "YAML", PLACE,
             ["7:18 Số '99999999999999999999…' quá lớn hoặc quá nhiều chữ số (tối đa 15 chữ số): hãy kiểm tra lại."],
             submission({"1.2": "score: " + "9" * 5000}).encode()),
    BadInput("50-megabytes", "YAML", PLACE, ["1:1 Tệp quá lớn (52.481.175 byte); giới hạn là 1.048.576 byte."],
             setup=_fifty_megabytes),
    BadInput("submission-symlink-to-outside", "đường dẫn", "submissions/2025/year/cum-a/bv-c.yaml", [SYMLINK],
             setup=lambda root: _link(root, "submissions/2025/year/cum-a/bv-c.yaml")),
    BadInput("registry-symlink-to-outside", "đường dẫn", "clusters/2024/registry.yaml", [SYMLINK],
             setup=lambda root: _link(root, "clusters/2024/registry.yaml")),
    BadInput("writeup-symlink-to-outside", "đường dẫn", "writeups/2025/bv-a--mo-hinh-hay.md", [SYMLINK],
             setup=lambda root: _link(root, "writeups/2025/bv-a--mo-hinh-hay.md")),
    BadInput("writeup-image-symlink-to-outside", "đường dẫn", "writeups/2025/bv-a--co-anh.md",
             ["11:16 Bài viết: ảnh 'anh-mo-hinh.png' là liên kết tượng trưng (symlink) trỏ ra ngoài kho."],
             setup=_symlinked_image),
]
