"""Write-ups: `validate` says what is wrong with each file, in Vietnamese, at its line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import test_site_support as support

GOOD = """---
unit: bv-san-nhi
year: 2025
cluster: cum-benh-vien-tinh
title: "Mô hình tốt"
date: 15/06/2025
criteria: ["3.3.2.4"]
---
Nội dung bài viết.
"""


@pytest.fixture
def repo(tmp_path) -> Path:
    for name in ("rubric", "clusters"):
        shutil.copytree(support.MAIN / name, tmp_path / name)
    return tmp_path


def write(repo: Path, relpath: str, text: str) -> None:
    target = repo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def problems(repo: Path) -> tuple[int, list[str]]:
    done = support.run_cli("validate", cwd=repo)
    return done.returncode, [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("writeups/")]


def test_the_bundled_writeups_are_valid(tmp_path):
    for name in ("rubric", "clusters", "writeups"):
        shutil.copytree(support.MAIN / name, tmp_path / name)
    assert len(list((tmp_path / "writeups").rglob("*.md"))) >= 4
    code, found = problems(tmp_path)
    assert found == []


def test_a_good_writeup_passes(repo):
    write(repo, "writeups/2025/bv-san-nhi--mo-hinh-tot.md", GOOD)
    code, found = problems(repo)
    assert found == []


@pytest.mark.parametrize("change,expected", [
    (("cluster: cum-benh-vien-tinh", "cluster: cum-ttyt-phia-bac"),
     "writeups/2025/bv-san-nhi--mo-hinh-tot.md:4:10: lỗi: Bài viết: năm 2025, đơn vị 'bv-san-nhi' thuộc cụm 'cum-benh-vien-tinh', không phải 'cum-ttyt-phia-bac'."),
    (('criteria: ["3.3.2.4"]', "criteria: [3.3]"),
     'writeups/2025/bv-san-nhi--mo-hinh-tot.md:7:12: lỗi: Bài viết: mã tiêu chí 3.3 phải đặt trong ngoặc kép: "3.3".'),
    (('criteria: ["3.3.2.4"]', 'criteria: ["9.9"]'),
     "writeups/2025/bv-san-nhi--mo-hinh-tot.md:7:12: lỗi: Bài viết: mã tiêu chí '9.9' không có trong bộ tiêu chí năm 2025 của cụm."),
    (("date: 15/06/2025", "date: 31/02/2025"),
     "writeups/2025/bv-san-nhi--mo-hinh-tot.md:6:7: lỗi: Bài viết: '31/02/2025' không phải ngày có thật (dd/mm/yyyy)."),
    (("unit: bv-san-nhi", "unit: bv-phoi"),
     "writeups/2025/bv-san-nhi--mo-hinh-tot.md:2:7: lỗi: Bài viết: 'unit: bv-phoi' không khớp với tên tệp (phần trước '--' là 'bv-san-nhi')."),
    (("Nội dung bài viết.\n", ""),
     "writeups/2025/bv-san-nhi--mo-hinh-tot.md:9:1: lỗi: Bài viết: chưa có nội dung sau phần thông tin đầu bài."),
])
def test_each_mistake_is_reported_at_its_line(repo, change, expected):
    write(repo, "writeups/2025/bv-san-nhi--mo-hinh-tot.md", GOOD.replace(*change))
    code, found = problems(repo)
    assert code == 1
    assert found == [expected]


def test_a_missing_field_and_a_misspelt_key(repo):
    write(repo, "writeups/2025/bv-san-nhi--mo-hinh-tot.md", GOOD.replace("title: \"Mô hình tốt\"\n", "tieu_de: x\n"))
    code, found = problems(repo)
    assert code == 1
    assert any(":1:" in line or "thiếu 'title'" in line for line in found), found
    assert any("khóa 'tieu_de' không có trong mẫu" in line for line in found), found


def test_a_file_without_front_matter_or_in_the_wrong_place(repo):
    write(repo, "writeups/misc/bai-viet.md", "Chỉ có nội dung.\n")
    code, found = problems(repo)
    assert code == 1
    assert "writeups/misc/bai-viet.md:1:1: lỗi: Bài viết phải bắt đầu bằng phần thông tin giữa hai dòng '---' (unit, year, cluster, title, date, criteria)." in found
    assert any("writeups/<năm>/<mã đơn vị>--<tên-ngắn>.md" in line for line in found)


def test_legacy_encoding_in_the_body_is_refused(repo):
    write(repo, "writeups/2025/bv-san-nhi--mo-hinh-tot.md", GOOD + "Bé Y tÕ ®· triÓn khai c¸c ho¹t ®éng\n")
    code, found = problems(repo)
    assert code == 1
    assert found and found[0].startswith("writeups/2025/bv-san-nhi--mo-hinh-tot.md:10:1: lỗi: Bài viết: văn bản có vẻ gõ bằng bảng mã cũ")
