"""The scale benchmark still runs end to end (on the smallest repository): it is a documented command.

Nothing here is timed; the figures it prints are checked for presence, each target beside its figure.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["≤ 25 s", "≤ 3,3", "≤ 150 KB", "≤ 8 MB", "≤ 10%", "≥ 100×", "≤ 2 s"]


def test_the_harness_prints_every_figure_with_its_target_and_writes_the_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    done = subprocess.run([sys.executable, "bench/run.py", "--scale", "1", "--quick", "--write", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    written = out.read_text(encoding="utf-8")
    rows = [line for line in written.splitlines() if line.startswith("| ") and not line.startswith("| số đo")]
    for target in TARGETS:
        assert any(f"| {target} |" in row for row in rows), target
    assert "ngân sách của mục tiêu: 25 s × " in written and "không kể lịch sử điểm" in written
    parts = next(row for row in rows if "CPU theo phần" in row)
    assert "trang đơn vị và phiếu chấm " in parts and "dữ liệu mở (CSV, JSON, XLSX) " in parts and "; tổng " in parts
    assert "ngân sách sinh trang: 10% của 25 s × " in written
    assert "sàn: MkDocs + Material" in written and " lõi, " in written.split("Máy: ")[1].splitlines()[0]
    assert all(row.count("|") == 5 for row in rows)
    assert "Lệnh: `python bench/run.py --scale 1 --quick" in written
    assert "kiểm tra PR một tệp: tổng (lần chạy trung vị trong 3 lần)" in written
    assert "build toàn bộ (bản checkout mới)" in written and "(lần chạy trung vị trong 1 lần: " in written
