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
