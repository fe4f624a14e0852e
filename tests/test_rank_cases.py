"""Ranking rules on small real repositories: ties, eligibility, the freeze, the vote."""
from __future__ import annotations

import json

import textwrap

import yaml
from repo_builder import FULL, MAIN, cli, digest, make_repo


def rank_json(root, *extra):
    result = cli(root, "rank", "--year", "2025", "--format", "json", "--as-of", "01/12/2025", *extra)
    return result, json.loads(result.stdout)


def rows(payload):
    return {row["unit"]: row for row in payload["rankings"][0]["rows"]}


def test_ties_share_a_rank_and_the_next_rank_is_skipped(tmp_path):
    # a and b: the full 945. c: 1.1 loses 1 point per late task, 3 tasks → 100 − 3 = 97,
    # so 945 − 3 = 942. Ranks 1, 1, 3 (competition ranking), never 1, 1, 2.
    make_repo(tmp_path, {"a": {}, "b": {}, "c": {"1.1": {"so_nhiem_vu_cham": 3}}})
    result, payload = rank_json(tmp_path)
    assert result.returncode == 0, result.stderr
    got = rows(payload)
    assert [(u, got[u]["rank"], got[u]["tied"], got[u]["self_total"]) for u in "abc"] == [
        ("a", 1, True, "945"), ("b", 1, True, "945"), ("c", 3, False, "942")]
    assert "1=" in cli(tmp_path, "rank", "--year", "2025", "--as-of", "01/12/2025").stdout


def test_ranking_does_not_depend_on_member_order(tmp_path):
    units = {"a": {"1.2": {"score": 90}}, "b": {}, "c": {"1.3": {"score": 60}}}
    make_repo(tmp_path / "one", units)
    make_repo(tmp_path / "two", dict(reversed(list(units.items()))))
    first, second = rank_json(tmp_path / "one")[1], rank_json(tmp_path / "two")[1]
    # b 945; a 945 − (100 − 90) = 935; c 945 − (70 − 60) = 935: a and c tie at 2.
    order = [(r["unit"], r["rank"]) for r in first["rankings"][0]["rows"]]
    assert order == [("b", 1), ("a", 2), ("c", 2)]
    assert order == [(r["unit"], r["rank"]) for r in second["rankings"][0]["rows"]]


def test_missing_cluster_scores_leave_the_self_score_provisional(tmp_path):
    # The cluster scored every leaf of a (1.1: 95 instead of the claimed 100 → 945 − 5 = 940)
    # but only 1.1 of b: b has no cluster total, and its rank uses its own 945, marked provisional.
    leaves = full_leaf_scores() | {"1.1": "95"}
    record = "year: 2025\nperiod: year\ncluster: cum-a\nscores:\n"
    record += "  a: {" + ", ".join(f'"{cid}": {value}' for cid, value in leaves.items()) + "}\n"
    record += '  b: {"1.1": {score: 90, note: Chậm 10 nhiệm vụ theo báo cáo của Sở}}\n'
    make_repo(tmp_path, {"a": {}, "b": {}}, record=record)
    result, payload = rank_json(tmp_path)
    assert result.returncode == 0, result.stderr
    got = rows(payload)
    assert (got["a"]["cluster_total"], got["a"]["provisional"], got["a"]["difference"]) == ("940", False, "-5")
    assert (got["b"]["cluster_total"], got["b"]["provisional"], got["b"]["counted_total"]) == (None, True, "945")
    assert got["b"]["unscored"] == 38  # 39 leaves, one scored
    assert [got["b"]["rank"], got["a"]["rank"]] == [1, 2]


def full_leaf_scores() -> dict[str, str]:
    """Each leaf at its maximum, except 3.4.4 whose highest tier gives 5 of 10."""
    rubric = yaml.safe_load((MAIN / "rubric/2025.yaml").read_text(encoding="utf-8"))
    found = {}

    def walk(node):
        for child in node.get("children", []):
            walk(child)
        if "rule" in node:
            found[node["id"]] = "5" if node["id"] == "3.4.4" else str(node["max"])
    for section in rubric["sections"]:
        walk(section)
    assert set(found) == set(FULL)
    return found


AGREED = """\
    year: 2025
    period: year
    cluster: cum-a
    agreement:
      date: 10/01/2026
      digests:
        a: {a}
        b: {b}
        c: {c}
    """


def test_a_change_after_agreement_excludes_the_unit_and_says_why(tmp_path):
    make_repo(tmp_path, {"a": {}, "b": {}, "c": {"1.1": {"so_nhiem_vu_cham": 3}}})
    record = textwrap.dedent(AGREED).format(**{u: digest(tmp_path, u) for u in "abc"})
    (tmp_path / "clusters/2025/cum-a/year.yaml").write_text(record, encoding="utf-8")
    assert rows(rank_json(tmp_path)[1])["a"]["status"] == "eligible"
    path = tmp_path / "submissions/2025/year/cum-a/a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 100", "score: 99", 1), encoding="utf-8")
    result, payload = rank_json(tmp_path)
    a = rows(payload)["a"]
    assert (a["status"], a["rank"]) == ("changed", None)
    assert "đã bị sửa sau khi Cụm đối chiếu thống nhất điểm ngày 10/01/2026" in a["reasons"][0]
    assert [r["unit"] for r in payload["rankings"][0]["rows"]] == ["b", "c", "a"]
    text = cli(tmp_path, "rank", "--year", "2025", "--as-of", "01/12/2025").stdout
    assert "Không xét: sửa số liệu sau khi Cụm đã đối chiếu thống nhất điểm" in text
    validate = cli(tmp_path, "validate")
    assert "submissions/2025/year/cum-a/a.yaml:1:1: cảnh báo: Không xét: sửa số liệu" in validate.stdout


def test_deferred_violation_and_unregistered_units_are_listed_not_ranked(tmp_path):
    make_repo(tmp_path, {"a": {}, "b": {}, "c": {}, "d": {}, "e": None}, record="""\
        year: 2025
        period: year
        cluster: cum-a
        eligibility:
          - {unit: b, status: deferred, reason: Chờ kết luận thanh tra}
          - {unit: c, status: violation, reason: Sai phạm đấu thầu, reference: KL 45/KL-TTr}
        """, cluster_year="""\
        year: 2025
        cluster: cum-a
        covenant: {signed_on: 15/01/2025, units: [a, b, c, e]}
        """)
    result, payload = rank_json(tmp_path)
    assert result.returncode == 0, result.stderr
    got = rows(payload)
    assert {u: (r["status"], r["rank"]) for u, r in got.items()} == {
        "a": ("eligible", 1), "c": ("violation", None), "d": ("not_registered", None),
        "b": ("deferred", None), "e": ("not_submitted", None)}
    assert got["c"]["reasons"] == ["Sai phạm đấu thầu (KL 45/KL-TTr)"]
    assert "15/01/2025" in got["d"]["reasons"][0]


def test_the_vote_may_elect_the_second_and_says_so_and_lists_absent_units(tmp_path):
    make_repo(tmp_path, {"a": {}, "b": {"1.2": {"score": 99}}, "c": {"1.2": {"score": 98}}}, record="""\
        year: 2025
        period: year
        cluster: cum-a
        vote: {date: 15/01/2026, voters: 3, votes: {a: 1, b: 2}}
        """, settings="{flag_base: 12, government_flag: a}")
    result, payload = rank_json(tmp_path)
    vote = payload["rankings"][0]["vote"]
    assert (vote["elected"], vote["votes"], vote["absent"]) == ("b", {"a": 1, "b": 2, "c": 0}, ["c"])
    assert "hạng 2" in vote["notes"][0] and "không phải lỗi" in vote["notes"][0]
    assert result.returncode == 1  # the Department's pick (a) is not a cluster top
    flags = payload["nominations"]
    assert [p["unit"] for p in flags["provincial_flag"]] == ["b"]
    # 20% of the 12 collectives of the settings: 2.4, floored to 2.
    assert flags["cap"] == 2 and flags["cap_arithmetic"] == "20% × 12 = 2,4 → làm tròn xuống: 2"
    assert "không phải đơn vị nhất Cụm" in flags["errors"][0]


def test_electing_an_ineligible_unit_is_an_error(tmp_path):
    make_repo(tmp_path, {"a": {}, "b": {}}, record="""\
        year: 2025
        period: year
        cluster: cum-a
        eligibility: [{unit: a, status: violation, reason: Vi phạm}]
        vote: {date: 15/01/2026, votes: {a: 2}}
        """)
    result, payload = rank_json(tmp_path)
    assert result.returncode == 1
    assert payload["rankings"][0]["vote"]["elected"] is None
    # Line 5 of the record, at the elected unit's entry in the vote.
    assert "clusters/2025/cum-a/year.yaml:5:34: lỗi: Đơn vị được bầu (Đơn vị A)" in result.stderr and "không đủ điều kiện xét thi đua" in result.stderr
