"""Evidence links stay inside the repository: no absolute paths, no '..', no symlink out."""
from __future__ import annotations

import os

from repo_builder import cli, make_repo

EVIDENCE = ["../../etc/passwd", "/etc/passwd", "C:\\\\hoso\\\\kh.pdf", "minh-chung/ra-ngoai.pdf",
            "minh-chung/ke-hoach.pdf", "minh-chung/chua-co.pdf", "https://soyte.example/kh.pdf", "mailto:tdkt@soyte.example"]


def test_evidence_paths_outside_the_repository_are_refused(tmp_path):
    make_repo(tmp_path, {"a": {"1.1": {"evidence": EVIDENCE}}})
    (tmp_path / "minh-chung").mkdir()
    (tmp_path / "minh-chung" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    os.symlink("/etc/hostname", tmp_path / "minh-chung" / "ra-ngoai.pdf")
    result = cli(tmp_path, "validate")
    lines = [line for line in result.stdout.splitlines() if "a.yaml" in line]
    # The evidence items of 1.1 are lines 9 to 16 of the file, each after '- '.
    assert lines == [
        "submissions/2025/year/cum-a/a.yaml:9:7: lỗi: Tiêu chí 1.1: minh chứng '../../etc/passwd' trỏ ra ngoài kho (..); chỉ được dẫn tới tệp trong kho.",
        "submissions/2025/year/cum-a/a.yaml:10:7: lỗi: Tiêu chí 1.1: minh chứng '/etc/passwd' là đường dẫn tuyệt đối; hãy ghi đường dẫn trong kho, ví dụ minh-chung/2025/ke-hoach.pdf.",
        # A drive letter reads as a URL scheme: the schema refuses it first.
        "submissions/2025/year/cum-a/a.yaml:11:7: lỗi: Tiêu chí 1.1 (tối đa 100): 'C:\\\\hoso\\\\kh.pdf' không đúng dạng: đường dẫn https://…, mailto:… hoặc tệp trong kho (không dùng javascript:, file:, …).",
        "submissions/2025/year/cum-a/a.yaml:12:7: lỗi: Tiêu chí 1.1: minh chứng 'minh-chung/ra-ngoai.pdf' là liên kết tượng trưng (symlink) trỏ ra ngoài kho.",
        "submissions/2025/year/cum-a/a.yaml:14:7: cảnh báo: Tiêu chí 1.1: minh chứng 'minh-chung/chua-co.pdf' không tìm thấy trong kho.",
    ]
    assert result.returncode == 1
