"""The command line as CI and units use it: formats, exit codes, several files, no side effects."""
from __future__ import annotations

import json
import os

from conftest import (DEFAULT_PLACE, NEGATIVE, POSITIVE_BV_A, fill_template, place, problem_lines,
                      run_cli, summary_counts)

OVER_MAX = NEGATIVE / "score-over-maximum.yaml"  # line 40, col 12: 1.3 scored 75 of 70
NFD = NEGATIVE / "nfd-text.yaml"                 # line 26, col 13: a warning only


def test_text_format_is_one_line_per_problem(repo):
    place(repo, DEFAULT_PLACE, OVER_MAX.read_bytes())
    code, out, err = run_cli("validate", DEFAULT_PLACE, cwd=repo)
    assert problem_lines(out) == [f"{DEFAULT_PLACE}:40:12: lỗi: Tiêu chí 1.3 (tối đa 70): 75 vượt quá mức tối đa 70."]
    assert (summary_counts(out), code, err) == ((1, 0), 1, "")


def test_github_format(repo):
    place(repo, DEFAULT_PLACE, OVER_MAX.read_bytes())
    place(repo, "submissions/2025/year/cum-a/bv-b.yaml", NFD.read_bytes().replace(b"unit: bv-a", b"unit: bv-b"))
    code, out, err = run_cli("validate", "--format", "github", cwd=repo)
    lines = out.splitlines()
    # Workflow commands: "::error file=…,line=…,col=…,title=…::message", one per problem.
    assert lines[:2] == [
        f"::error file={DEFAULT_PLACE},line=40,col=12,title=Lỗi nộp bài::Tiêu chí 1.3 (tối đa 70): 75 vượt quá mức tối đa 70.",
        "::warning file=submissions/2025/year/cum-a/bv-b.yaml,line=26,col=13,title=Cảnh báo::Văn bản ở dạng tổ hợp (NFD, "
        "thường gặp trên macOS); đã chuẩn hóa sang dạng dựng sẵn (NFC) khi đọc.",
    ]
    assert (summary_counts(out), len(lines), code, err) == ((1, 1), 3, 1, "")


def test_json_format(repo):
    place(repo, DEFAULT_PLACE, OVER_MAX.read_bytes())
    place(repo, "submissions/2025/year/cum-a/bv-c.yaml", POSITIVE_BV_A.read_bytes().replace(b"unit: bv-a", b"unit: bv-c"))
    code, out, err = run_cli("validate", "--format", "json", cwd=repo)
    report = json.loads(out)
    assert (report["errors"], report["warnings"], code, err) == (1, 0, 1, "")
    assert report["problems"] == [{
        "path": DEFAULT_PLACE, "line": 40, "col": 12, "severity": "error", "code": "schema.maximum",
        "message": "Tiêu chí 1.3 (tối đa 70): 75 vượt quá mức tối đa 70.",
    }]
    # Recomputed scores for the valid file only: an invalid file's figures are not scored.
    assert list(report["scores"]) == ["submissions/2025/year/cum-a/bv-c.yaml"]
    assert report["scores"]["submissions/2025/year/cum-a/bv-c.yaml"]["3.4.1"] == "9.25"


def test_usage_errors_exit_2(repo):
    assert run_cli("validate", "--no-such-option", cwd=repo)[0::2] == (2, "site_builder: lỗi cú pháp lệnh: unrecognized arguments: --no-such-option\n")
    assert run_cli("validate", "submissions/khong-co.yaml", cwd=repo)[0::2] == (2, "Không tìm thấy: submissions/khong-co.yaml\n")
    assert run_cli(cwd=repo)[0::2] == (2, "Thiếu lệnh. Xem: python -m site_builder --help\n")
    assert run_cli("validate", "--format", "xml", cwd=repo)[0] == 2


def test_all_files_reported_in_one_run(repo):
    place(repo, DEFAULT_PLACE, OVER_MAX.read_bytes())
    place(repo, "submissions/2025/year/cum-b/bv-b.yaml", b"\xef\xbb\xbf" + POSITIVE_BV_A.read_bytes())
    for args in ((), ("submissions",), (DEFAULT_PLACE, "submissions/2025/year/cum-b/bv-b.yaml")):
        code, out, err = run_cli("validate", *args, cwd=repo)
        assert problem_lines(out) == [
            f"{DEFAULT_PLACE}:40:12: lỗi: Tiêu chí 1.3 (tối đa 70): 75 vượt quá mức tối đa 70.",
            "submissions/2025/year/cum-b/bv-b.yaml:1:1: lỗi: Tệp bắt đầu bằng dấu BOM (byte-order mark). Hãy lưu lại ở dạng UTF-8 không có BOM.",
        ], args
        assert (summary_counts(out), code, err) == ((2, 0), 1, "")


def test_validate_never_modifies_files(repo):
    # NFD text is normalised when read, a BOM is refused: neither is "fixed" on disk.
    files = [place(repo, DEFAULT_PLACE, NFD.read_bytes()),
             place(repo, "submissions/2025/year/cum-a/bv-b.yaml", b"\xef\xbb\xbf" + POSITIVE_BV_A.read_bytes()),
             place(repo, "submissions/2025/year/cum-a/bv-c.yaml", POSITIVE_BV_A.read_bytes().replace(b"unit: bv-a", b"unit: bv-c"))]
    for f in files:
        os.utime(f, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in files}
    for fmt in ("text", "github", "json"):
        assert run_cli("validate", "--format", fmt, cwd=repo)[0] == 1
    assert {f: (f.read_bytes(), f.stat().st_mtime_ns) for f in files} == before
    assert sorted(p.name for p in (repo / "submissions/2025/year/cum-a").iterdir()) == ["bv-a.yaml", "bv-b.yaml", "bv-c.yaml"]


def test_new_writes_the_template_at_its_place(repo):
    code, out, err = run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "h1", "--cluster", "cum-a", cwd=repo)
    target = repo / "submissions/2025/h1/cum-a/bv-a.yaml"
    assert (code, err) == (0, "")
    assert out == ("Đã tạo submissions/2025/h1/cum-a/bv-a.yaml. Điền số liệu rồi chạy: "
                   "python -m site_builder validate submissions/2025/h1/cum-a/bv-a.yaml\n")
    printed = run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "h1", "--cluster", "cum-a", "--output", "-", cwd=repo)[1]
    assert target.read_text(encoding="utf-8") == printed
    assert "unit: bv-a\nyear: 2025\nperiod: h1\ncluster: cum-a\ncriteria:\n" in printed


def test_new_refuses_to_overwrite(repo):
    target = place(repo, DEFAULT_PLACE, POSITIVE_BV_A.read_bytes())
    os.utime(target, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    code, out, err = run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "year", "--cluster", "cum-a", cwd=repo)
    assert (code, out) == (2, "")
    assert err == f"{DEFAULT_PLACE} đã có; không ghi đè. Xóa hoặc đổi tên tệp cũ nếu thật sự muốn tạo lại.\n"
    assert (target.read_bytes(), target.stat().st_mtime_ns) == (POSITIVE_BV_A.read_bytes(), 1_600_000_000_000_000_000)


def test_new_rejects_names_that_are_not_slugs(repo):
    code, out, err = run_cli("new", "--unit", "BV Đa khoa", "--year", "2025", "--period", "year", "--cluster", "cum-a", cwd=repo)
    assert (code, out) == (2, "")
    assert err == "--unit 'BV Đa khoa' phải là chữ thường không dấu, số và '-', ví dụ bv-da-khoa-tinh.\n"
    assert not (repo / "submissions").exists()


def test_new_then_filled_validates_clean(repo):
    run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "year", "--cluster", "cum-a", cwd=repo)
    target = repo / DEFAULT_PLACE
    # As the unit would do it: fill in the file that `new` wrote, in place;
    # self scores left empty (they are optional).
    target.write_text(fill_template(target.read_text(encoding="utf-8"), self_scores={}), encoding="utf-8")
    code, out, err = run_cli("validate", DEFAULT_PLACE, cwd=repo)
    assert (problem_lines(out), summary_counts(out), code, err) == ([], (0, 0), 0, "")


def test_unfilled_template_is_rejected_at_every_input(repo):
    run_cli("new", "--unit", "bv-a", "--year", "2025", "--period", "year", "--cluster", "cum-a", cwd=repo)
    code, out, _ = run_cli("validate", "--format", "json", DEFAULT_PLACE, cwd=repo)
    report = json.loads(out)
    # 40 inputs: one per leaf criterion, two for 3.4.3 (39 leaves).
    assert (code, report["errors"], report["warnings"]) == (1, 40, 0)
    assert {p["code"] for p in report["problems"]} == {"schema.type", "schema.enum"}

