"""Open data: each year's scores, rankings and nominations as CSV, JSON and XLSX, naming their commit."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

import test_site_support as support


@pytest.fixture(scope="session")
def repo(tmp_path_factory) -> Path:
    return support.built(tmp_path_factory)


def data_file(repo: Path, year: int, name: str) -> Path:
    return repo / "site" / "du-lieu" / str(year) / name


def read_csv(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("year", [2024, 2025])
def test_json_is_what_rank_prints(repo, year):
    published = json.loads(data_file(repo, year, f"thi-dua-{year}.json").read_text(encoding="utf-8"))
    assert published["commit"] == support.git(repo, "rev-parse", "HEAD")
    for period in ("h1", "year"):
        done = support.run_cli("rank", "--year", year, "--period", period, "--as-of", support.AS_OF, "--format", "json", cwd=repo)
        printed = json.loads(done.stdout)
        assert published["ky"][period]["rankings"] == printed["rankings"]
        if period == "year":
            assert published["nominations"] == printed["nominations"]


def test_csv_rankings_match_the_json(repo):
    published = json.loads(data_file(repo, 2025, "thi-dua-2025.json").read_text(encoding="utf-8"))
    rows = read_csv(data_file(repo, 2025, "xep-hang-2025.csv"))
    head = support.git(repo, "rev-parse", "HEAD")
    expected = [(p, r["cluster"], row["unit"], row["cluster_total"] or "", row["self_total"] or "")
                for p, k in published["ky"].items() for r in k["rankings"] for row in r["rows"]]
    assert [(r["ky"], r["ma_cum"], r["ma_don_vi"], r["cum_cham"], r["tu_cham"]) for r in rows] == expected
    assert {r["commit"] for r in rows} == {head}


def test_csv_scores_add_up_to_the_totals(repo):
    rows = read_csv(data_file(repo, 2025, "diem-2025.csv"))
    sections = [r for r in rows if r["ky"] == "year" and r["ma_don_vi"] == "bv-san-nhi" and "." not in r["ma_tieu_chi"]]
    total = sum(Decimal(r["diem_cum_cham"]) for r in sections)
    ranking = {r["ma_don_vi"]: r for r in read_csv(data_file(repo, 2025, "xep-hang-2025.csv")) if r["ky"] == "year"}
    assert total == Decimal(ranking["bv-san-nhi"]["cum_cham"])


def test_xlsx_holds_the_same_rows_with_exact_numbers(repo):
    book = load_workbook(data_file(repo, 2025, "thi-dua-2025.xlsx"))
    assert book.sheetnames == ["Xếp hạng", "Điểm", "Đề nghị"]
    sheet = book["Xếp hạng"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=2)]
    csv_rows = read_csv(data_file(repo, 2025, "xep-hang-2025.csv"))
    assert len(rows) == len(csv_rows)
    for a, b in zip(rows, csv_rows):
        assert a["ma_don_vi"] == b["ma_don_vi"]
        assert (Decimal(str(a["cum_cham"])) if a["cum_cham"] not in (None, "") else "") == (Decimal(b["cum_cham"]) if b["cum_cham"] else "")
    nominations = [dict(zip([c.value for c in book["Đề nghị"][1]], [c.value for c in r])) for r in book["Đề nghị"].iter_rows(min_row=2)]
    assert {n["loai"] for n in nominations} == {"co_ubnd_tinh", "co_chinh_phu"}


def test_every_sheet_row_names_the_commit_of_the_csv(repo):
    # The commit is a shared string of the workbook (what a rebuild changes): every row still shows it.
    book = load_workbook(data_file(repo, 2025, "thi-dua-2025.xlsx"))
    for title, name in [("Xếp hạng", "xep-hang-2025.csv"), ("Điểm", "diem-2025.csv"), ("Đề nghị", "de-nghi-2025.csv")]:
        sheet = book[title]
        column = [c.value for c in sheet[1]].index("commit")
        commits = [row[column].value for row in sheet.iter_rows(min_row=2)]
        expected = [r["commit"] for r in read_csv(data_file(repo, 2025, name))]
        assert commits == expected and len(set(commits)) == 1 and len(commits[0]) == 40


def test_json_lays_out_one_score_row_per_line(repo):
    # A row per line reads and diffs well; each line is what json.dumps writes for the row. A row
    # longer than 500 characters (a long note of the cluster) is laid out over several lines.
    text = data_file(repo, 2025, "thi-dua-2025.json").read_text(encoding="utf-8")
    rows = [json.dumps(row, ensure_ascii=False) for row in json.loads(text)["scores"]]
    lines = [line.strip().removesuffix(",") for line in text.splitlines() if line.strip().startswith('{"nam": ')]
    assert lines == [row for row in rows if len(row) <= 500]
    assert len(rows) > len(lines) > 100
