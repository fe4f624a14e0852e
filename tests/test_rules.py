"""Worked examples of every rule type, scored by the real `validate --format json`.

The arithmetic in the comments is the document's (section II of the guidance),
done by hand; the tool must arrive at the same number. Each example is the
valid example with a few inputs changed and no self scores (they are optional,
so a file is valid whatever its scores).
"""
from __future__ import annotations

import json

import pytest

from conftest import FILL, fill_template, new_template, place, run_cli

ALL_DONE = {cid: {"done": "true"} for cid, inputs in FILL.items() if "done" in inputs}
NONE_DONE = {cid: {"done": "false"} for cid in ALL_DONE}


@pytest.fixture
def score(repo):
    """score({unit: {criterion: {input: value}}}) -> {unit: {criterion or section: score}}, in one run."""
    template = new_template(repo)

    def run(units: dict[str, dict]) -> dict[str, dict[str, str]]:
        for unit, changes in units.items():
            text = fill_template(template, {**FILL, **changes}, self_scores={})
            place(repo, f"submissions/2025/year/cum-a/{unit}.yaml", text.replace("unit: bv-a\n", f"unit: {unit}\n", 1))
        code, out, err = run_cli("validate", "--format", "json", cwd=repo)
        report = json.loads(out)
        assert (code, report["problems"], err) == (0, [], ""), out
        return {unit: report["scores"][f"submissions/2025/year/cum-a/{unit}.yaml"] for unit in units}

    return run


def test_deduction_per_day(score):
    # 3.4.1: 10, minus 0.25 per day a dossier was late, floor 0.
    got = score({
        "d7": {"3.4.1": {"so_ngay_cham": "7"}},    # 10 - 0.25 x 7  = 8.25
        "d40": {"3.4.1": {"so_ngay_cham": "40"}},  # 10 - 0.25 x 40 = 0
        "d41": {"3.4.1": {"so_ngay_cham": "41"}},  # 10 - 0.25 x 41 = -0.25 -> floor 0
        "d0": {"3.4.1": {"so_ngay_cham": "0"}},    # 10
    })
    assert [got[u]["3.4.1"] for u in ("d7", "d40", "d41", "d0")] == ["8.25", "0", "0", "10"]


def test_deduction_with_a_cap_on_the_total_deducted(score):
    # 3.4.2: 10, minus 1 per dossier not meeting the conditions, deduction at most 10.
    got = score({
        "h3": {"3.4.2": {"so_ho_so_khong_du_dieu_kien": "3"}},    # 10 - 1 x 3 = 7
        "h14": {"3.4.2": {"so_ho_so_khong_du_dieu_kien": "14"}},  # deduction 14 capped at 10: 10 - 10 = 0
    })
    assert (got["h3"]["3.4.2"], got["h14"]["3.4.2"]) == ("7", "0")


def test_deduction_down_to_nothing(score):
    # 1.7.2: 30, minus 2 per collective or person investigated for corruption,
    # "đến hết điểm chuẩn": never below 0. 1.1: 100, minus 1 per late task.
    got = score({
        "t7": {"1.7.2": {"so_truong_hop_tham_nhung": "7"}, "1.1": {"so_nhiem_vu_cham": "0"}},     # 30 - 14 = 16; 100
        "t15": {"1.7.2": {"so_truong_hop_tham_nhung": "15"}, "1.1": {"so_nhiem_vu_cham": "100"}},  # 30 - 30 = 0; 100 - 100 = 0
        "t16": {"1.7.2": {"so_truong_hop_tham_nhung": "16"}, "1.1": {"so_nhiem_vu_cham": "101"}},  # 30 - 32 -> 0; 100 - 101 -> 0
    })
    assert [(got[u]["1.7.2"], got[u]["1.1"]) for u in ("t7", "t15", "t16")] == [("16", "100"), ("0", "0"), ("0", "0")]
    # 1.7 = 1.7.1 + 1.7.2 = 10 + 16, then 10 + 0.
    assert (got["t7"]["1.7"], got["t16"]["1.7"]) == ("26", "10")


def test_points_per_item_capped_at_the_maximum(score):
    got = score({
        "c1": {"3.2.2.1": {"so_chuyen_de": "1"},        # 0.5 x 1 = 0.5
               "3.3.2.3": {"so_bai_tuyen_truyen": "9"},  # 0.5 x 9 = 4.5
               "3.3.2.4": {"so_guong_gioi_thieu": "10"}},  # 1 x 10 = 10
        "c31": {"3.2.2.1": {"so_chuyen_de": "31"},       # 0.5 x 31 = 15.5 -> capped at 15
                "3.3.2.3": {"so_bai_tuyen_truyen": "11"},  # 0.5 x 11 = 5.5 -> capped at 5
                "3.3.2.4": {"so_guong_gioi_thieu": "12"}},  # 1 x 12 = 12 -> capped at 10
    })
    assert [got["c1"][c] for c in ("3.2.2.1", "3.3.2.3", "3.3.2.4")] == ["0.5", "4.5", "10"]
    assert [got["c31"][c] for c in ("3.2.2.1", "3.3.2.3", "3.3.2.4")] == ["15", "5", "10"]


def test_two_kinds_of_items_added(score):
    # 3.4.3: 0.5 per provincial NTVT case + 1 per provincial ad-hoc commendation, at most 10.
    got = score({
        "n": {"3.4.3": {"so_ntvt_cap_tinh": "3", "so_khen_thuong_dot_xuat": "2"}},    # 0.5 x 3 + 1 x 2 = 3.5
        "m": {"3.4.3": {"so_ntvt_cap_tinh": "10", "so_khen_thuong_dot_xuat": "6"}},   # 5 + 6 = 11 -> 10
    })
    assert (got["n"]["3.4.3"], got["m"]["3.4.3"]) == ("3.5", "10")


@pytest.mark.parametrize("share, points", [
    ("0", "1"), ("49.99", "1"),   # under 50 %: 1
    ("50", "3"), ("74.9", "3"),   # 50 % to under 75 %: 3
    ("75", "5"), ("100", "5"),    # 75 % and over: 5 (never the 10 the criterion is worth)
])
def test_tiers_by_share_of_direct_workers(score, share, points):
    got = score({"r": {"3.4.4": {"ty_le_lao_dong_truc_tiep": share}}})
    assert got["r"]["3.4.4"] == points


def test_levels(score):
    # 2.4: Hoàn thành xuất sắc 40, tốt 30, hoàn thành 20; không hoàn thành nhiệm vụ 0.
    levels = ("tot", "kha", "trung_binh", "khong_dat")
    got = score({f"lv-{i}": {"2.4": {"level": level}, "2.5": {"level": level}} for i, level in enumerate(levels)})
    assert [got[f"lv-{i}"]["2.4"] for i in range(4)] == ["40", "30", "20", "0"]
    # 2.5: Vững mạnh, xuất sắc 30; Hoàn thành tốt 20; Hoàn thành 10; Không hoàn thành 0.
    assert [got[f"lv-{i}"]["2.5"] for i in range(4)] == ["30", "20", "10", "0"]


def test_done_or_not_done(score):
    got = score({"done": {"3.1.1": {"done": "true"}, "3.7.2": {"done": "true"}},
                 "not-done": {"3.1.1": {"done": "false"}, "3.7.2": {"done": "false"}}})
    # Done: the maximum (20, 2); not done: 0.
    assert [got[u][c] for u in ("done", "not-done") for c in ("3.1.1", "3.7.2")] == ["20", "2", "0", "0"]


def test_assessed_and_not_applicable(score, repo):
    got = score({"a": {"1.2": {"score": "0.25"}, "1.6": {"score": "0"}},
                 "b": {"1.2": {"score": "100"}, "1.6": {"score": "50"}}})
    assert [got[u][c] for u in "ab" for c in ("1.2", "1.6")] == ["0.25", "0", "100", "50"]
    # 1.6: a unit without state-budget projects gets the full 50 ("chấm tối đa điểm chuẩn").
    path = repo / "submissions/2025/year/cum-a/b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    score: 50 ", "    not_applicable: true  ", 1), encoding="utf-8")
    code, out, _ = run_cli("validate", "--format", "json", "submissions/2025/year/cum-a/b.yaml", cwd=repo)
    assert (code, json.loads(out)["scores"]["submissions/2025/year/cum-a/b.yaml"]["1.6"]) == (0, "50")
    assert "not_applicable: true" in path.read_text(encoding="utf-8")


def test_parent_is_the_capped_sum_of_its_children(score):
    got = score({
        # 3.1 = 3.1.1 + 3.1.2 + 3.1.3 = 20 + (5 + 5) + 10 = 40 -> capped at 30
        "all": ALL_DONE,
        # 0 + (5 + 5) + 10 = 20: under the cap, the plain sum
        "no311": {**ALL_DONE, "3.1.1": {"done": "false"}},
    })
    assert (got["all"]["3.1.2"], got["all"]["3.1"], got["no311"]["3.1"]) == ("10", "30", "20")


def test_sections_and_totals_of_the_best_and_the_worst_unit(score):
    best = {**ALL_DONE, "1.1": {"so_nhiem_vu_cham": "0"}, "1.2": {"score": "100"}, "1.3": {"score": "70"},
            "1.4": {"score": "100"}, "1.5": {"so_noi_dung_chua_khac_phuc": "0"}, "1.6": {"score": "50"},
            "1.7.1": {"score": "10"}, "1.7.2": {"so_truong_hop_tham_nhung": "0"}, "1.8": {"score": "40"},
            **{f"2.{i}": {"level": "tot"} for i in range(1, 6)},
            "3.2.2.1": {"so_chuyen_de": "30"}, "3.3.2.3": {"so_bai_tuyen_truyen": "10"}, "3.3.2.4": {"so_guong_gioi_thieu": "10"},
            "3.4.1": {"so_ngay_cham": "0"}, "3.4.2": {"so_ho_so_khong_du_dieu_kien": "0"},
            "3.4.3": {"so_ntvt_cap_tinh": "0", "so_khen_thuong_dot_xuat": "10"}, "3.4.4": {"ty_le_lao_dong_truc_tiep": "100"},
            "3.5": {"so_khieu_nai_vuot_cap": "0"}}
    worst = {**NONE_DONE, "1.1": {"so_nhiem_vu_cham": "150"}, "1.2": {"score": "0"}, "1.3": {"score": "0"},
             "1.4": {"score": "0"}, "1.5": {"so_noi_dung_chua_khac_phuc": "60"}, "1.6": {"score": "0"},
             "1.7.1": {"score": "0"}, "1.7.2": {"so_truong_hop_tham_nhung": "16"}, "1.8": {"score": "0"},
             **{f"2.{i}": {"level": "khong_dat"} for i in range(1, 6)},
             "3.2.2.1": {"so_chuyen_de": "0"}, "3.3.2.3": {"so_bai_tuyen_truyen": "0"}, "3.3.2.4": {"so_guong_gioi_thieu": "0"},
             "3.4.1": {"so_ngay_cham": "40"}, "3.4.2": {"so_ho_so_khong_du_dieu_kien": "14"},
             "3.4.3": {"so_ntvt_cap_tinh": "0", "so_khen_thuong_dot_xuat": "0"}, "3.4.4": {"ty_le_lao_dong_truc_tiep": "0"},
             "3.5": {"so_khieu_nai_vuot_cap": "12"}}
    got = score({"best": best, "worst": worst})
    # Best: section 1 = 100 + 100 + 70 + 100 + 50 + 50 + (10 + 30) + 40 = 550; section 2 = 50 + 30 + 50 + 40 + 30 = 200;
    # section 3 = 30 (3.1, capped) + 60 + 30 + (10 + 10 + 10 + 5 + 10) + 10 + 10 + 10 = 195, since 3.4.4 gives
    # at most 5 of its 10. Total 945: not the announced 1.000, nor the 950 the sections add up to.
    assert [got["best"][s] for s in ("1", "2", "3", "3.4")] == ["550", "200", "195", "45"]
    # Worst: everything 0 except 3.4.4, whose lowest tier (under 50 %) still gives 1.
    assert [got["worst"][s] for s in ("1", "2", "3", "3.4.4")] == ["0", "0", "1", "1"]
