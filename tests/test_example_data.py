"""The bundled example data: valid, and showing every status a ranking can give."""
from __future__ import annotations

import json
import subprocess
import sys

from repo_builder import MAIN

STATUSES = {"eligible", "changed", "violation", "not_registered", "deferred", "not_submitted"}


def run(*args):
    return subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, text=True, cwd=MAIN)


def test_example_data_validates_with_the_one_expected_warning():
    result = run("validate")
    assert result.returncode == 0, result.stdout
    warnings = [line for line in result.stdout.splitlines() if ": cảnh báo: " in line]
    # bv-mat's file was edited after its cluster agreed the scores: on purpose, to show the status.
    assert len(warnings) == 1 and warnings[0].startswith("submissions/2025/year/cum-benh-vien-tinh/bv-mat.yaml:1:1:")


def test_example_rankings_show_every_status_and_rank_prints_them():
    payload = json.loads(run("rank", "--year", "2025", "--format", "json", "--as-of", "26/11/2026").stdout)
    seen = {row["status"] for ranking in payload["rankings"] for row in ranking["rows"]}
    assert seen == STATUSES
    text = run("rank", "--year", "2025", "--as-of", "26/11/2026").stdout
    for label in ("Đủ điều kiện xét", "Không xét: sửa số liệu sau khi Cụm đã đối chiếu thống nhất điểm",
                  "Không xét: có vi phạm", "Không xét: không đăng ký, ký kết giao ước thi đua",
                  "Chưa xét: chờ kết luận của cơ quan có thẩm quyền", "Chưa nộp", "5=", "(tạm tính theo điểm tự chấm)"):
        assert label in text


def test_example_nominations_and_deadlines():
    payload = json.loads(run("rank", "--year", "2025", "--format", "json", "--as-of", "26/11/2026").stdout)
    flags = payload["nominations"]
    assert [p["unit"] for p in flags["provincial_flag"]] == ["bv-san-nhi", "ttyt-tan-lap", "tt-kiem-nghiem"]
    assert flags["government_flag"]["unit"] == "bv-san-nhi"
    assert flags["cap_arithmetic"] == "20% × 46 = 9,2 → làm tròn xuống: 9"
    warnings = {r["cluster"]: r["warnings"] for r in payload["rankings"]}
    assert warnings["cum-du-phong-quan-ly"] == ["Hội nghị tổng kết năm họp ngày 25/01/2026, sau thời hạn (trước ngày 20/01/2026)."]
    assert warnings["cum-ttyt-phia-nam"] == ["Hội nghị tổng kết năm chưa được ghi nhận, đã quá hạn (trước ngày 20/01/2026)."]
    assert warnings["cum-benh-vien-tinh"] == []


def test_a_unit_that_moved_cluster_stays_in_its_old_cluster_for_the_old_year(tmp_path):
    def cluster_of(year):
        payload = json.loads(run("rank", "--year", str(year), "--format", "json", "--as-of", "26/11/2026").stdout)
        return [r["cluster"] for r in payload["rankings"] for row in r["rows"] if row["unit"] == "bv-phuc-hoi-chuc-nang"]
    assert cluster_of(2024) == ["cum-du-phong-quan-ly"]
    assert cluster_of(2025) == ["cum-benh-vien-tinh"]
    # Filed under its old cluster in the new year, a submission is told where it belongs.
    import shutil
    for folder in ("rubric", "clusters", "submissions"):
        shutil.copytree(MAIN / folder, tmp_path / folder)
    old = tmp_path / "submissions/2025/year/cum-benh-vien-tinh/bv-phuc-hoi-chuc-nang.yaml"
    moved = tmp_path / "submissions/2025/year/cum-du-phong-quan-ly/bv-phuc-hoi-chuc-nang.yaml"
    moved.write_text(old.read_text(encoding="utf-8").replace("cluster: cum-benh-vien-tinh", "cluster: cum-du-phong-quan-ly"), encoding="utf-8")
    result = run("validate", str(moved), "--root", str(tmp_path))
    assert result.returncode == 1
    assert ("submissions/2025/year/cum-du-phong-quan-ly/bv-phuc-hoi-chuc-nang.yaml:6:10: lỗi: Năm 2025, đơn vị "
            "'bv-phuc-hoi-chuc-nang' thuộc cụm 'cum-benh-vien-tinh', không phải cụm 'cum-du-phong-quan-ly'") in result.stdout
