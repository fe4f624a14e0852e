"""The timeline read from a real git history: every change to a score, who made it, through which pull request.

The repository is built by tests/gitrepo.py's `scenario`: a submission, a
merge commit, a broken file, a correction, the cluster's scoring, the
agreement and a change after it. The example data's scores give the totals:
ttyt-son-ha self 727,75 (cluster 727,25), ttyt-tan-lap self 764,75 (cluster 760,75).
"""
from __future__ import annotations

import pytest

from gitrepo import CLUSTER, scenario
from site_builder.history import history_for
from site_builder.history.log import pull_request

KEY = f"2025/{CLUSTER}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("history") / "repo"
    ids = scenario(root)
    return root, ids, history_for(root)


def _entry(entries, commit_id):
    found = [e for e in entries if e["commit"]["id"] == commit_id]
    assert len(found) == 1, [e["commit"]["subject"] for e in entries]
    return found[0]


def _criteria(entry):
    return [(c["id"], c["self"]["before"], c["self"]["after"], c["self"]["difference"]) for c in entry["criteria"]]


def test_unit_timeline_is_newest_first_with_what_moved(built):
    _, ids, history = built
    timeline = history["units"]["ttyt-son-ha"]
    assert [(e["commit"]["id"], e["changed"]) for e in timeline] == [
        (ids["late"], ["file", "self", "rank", "status"]),
        (ids["scoring"], ["cluster", "rank"]),
        (ids["correction"], ["file", "self", "rank"]),
        (ids["tan-lap"], ["rank"]),
        (ids["son-ha"], ["file", "self", "rank", "status"]),
    ]


def test_first_submission_record(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-son-ha"], ids["son-ha"])
    commit = entry["commit"]
    assert (commit["date"], commit["author"], commit["pull_request"], commit["subject"]) == (
        "20/12/2025", "TTYT Sơn Hà", 3, "Nộp bản tự chấm cả năm 2025 (#3)")
    assert entry["self_total"] == {"before": None, "after": "727.75", "difference": None}
    assert entry["rank"] == {"before": None, "after": 1}
    assert entry["status"] == {"before": "not_submitted", "after": "eligible"}
    assert entry["file"] == {"before": None, "after": f"submissions/2025/year/{CLUSTER}/ttyt-son-ha.yaml"}
    # Every criterion gets its first value: 3 sections + 10 of section 1 + 5 of section 2 + 35 of section 3 (DOMAIN.md).
    assert len(entry["criteria"]) == 53
    assert entry["after_agreement"] is False


def test_correction_lists_the_criteria_changed_and_the_new_rank(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-son-ha"], ids["correction"])
    assert entry["commit"]["pull_request"] == 12
    assert entry["commit"]["date"] == "28/12/2025"
    assert _criteria(entry) == [("1", "459", "501.25", "42.25"), ("1.2", "74.75", "100", "25.25"), ("1.3", "53", "70", "17")]
    assert [c["max"] for c in entry["criteria"]] == ["550", "100", "70"]
    assert entry["self_total"] == {"before": "727.75", "after": "770", "difference": "42.25"}
    assert entry["counted_total"] == {"before": "727.75", "after": "770", "difference": "42.25"}
    assert entry["rank"] == {"before": 2, "after": 1}


def test_a_unit_moved_by_another_units_change_has_a_rank_only_entry(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-tan-lap"], ids["correction"])
    assert entry["changed"] == ["rank"]
    assert entry["rank"] == {"before": 1, "after": 2}
    assert entry["criteria"] == []


def test_merge_commit_gives_its_pull_request_and_the_branch_author(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-tan-lap"], ids["tan-lap"])
    commit = entry["commit"]
    assert commit["pull_request"] == 7
    assert (commit["author"], commit["date"]) == ("Cụm trưởng Cụm 2", "22/12/2025")
    assert [(m["id"], m["author"], m["date"]) for m in commit["merged"]] == [(ids["tan-lap-branch"], "TTYT Tân Lập", "21/12/2025")]
    assert entry["self_total"]["after"] == "764.75"
    assert entry["rank"] == {"before": None, "after": 1}


def test_cluster_scoring_gives_old_and_new_cluster_scores(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-son-ha"], ids["scoring"])
    assert entry["cluster_total"] == {"before": None, "after": "727.25", "difference": None}
    assert entry["counted_total"] == {"before": "770", "after": "727.25", "difference": "-42.75"}
    assert entry["rank"] == {"before": 1, "after": 2}
    one_two = next(c for c in entry["criteria"] if c["id"] == "1.2")
    assert one_two["cluster"] == {"before": None, "after": "74.75", "difference": None}
    assert one_two["self"] == {"before": "100", "after": "100", "difference": "0"}


def test_agreement_is_recorded_on_the_cluster_log(built):
    _, ids, history = built
    entry = _entry(history["clusters"][KEY], ids["agreement"])
    assert entry["agreed_on"] == {"before": None, "after": "12/01/2026"}
    assert entry["agreement_recorded"] is True
    assert entry["after_agreement"] is False
    assert entry["units"] == []  # the digests match: nobody's status moves


def test_change_after_agreement_is_flagged(built):
    _, ids, history = built
    entry = _entry(history["units"]["ttyt-son-ha"], ids["late"])
    assert entry["after_agreement"] is True
    assert entry["agreed_on"] == "12/01/2026"
    assert _criteria(entry) == [("1", "501.25", "504.75", "3.5"), ("1.6", "36.5", "40", "3.5")]
    assert entry["status"] == {"before": "eligible", "after": "changed"}
    assert entry["status_label"]["after"] == "Không xét: sửa số liệu sau khi Cụm đã đối chiếu thống nhất điểm"
    assert entry["reasons"] == ["Tệp nộp đã bị sửa sau khi Cụm đối chiếu thống nhất điểm ngày 12/01/2026 (mã kiểm tra không còn khớp)."]
    assert entry["rank"] == {"before": 2, "after": None}
    cluster = _entry(history["clusters"][KEY], ids["late"])
    assert (cluster["after_agreement"], cluster["agreement_recorded"]) == (True, False)
    earlier = [e["after_agreement"] for e in history["units"]["ttyt-son-ha"][1:]]
    assert earlier == [False, False, False, False]


def test_a_version_that_does_not_parse_is_recorded_as_invalid(built):
    _, ids, history = built
    [entry] = history["units"]["ttyt-dong-xuan"]
    assert entry["commit"]["id"] == ids["broken"]
    assert entry["commit"]["pull_request"] is None
    assert entry["changed"] == ["file", "status"]
    assert entry["valid"] == {"before": None, "after": False}
    assert entry["status"] == {"before": "not_submitted", "after": "invalid"}
    assert entry["criteria"] == []


def test_cluster_log_and_feed_are_newest_first(built):
    _, ids, history = built
    order = ["late", "agreement", "scoring", "correction", "broken", "tan-lap", "son-ha"]
    assert [e["commit"]["id"] for e in history["clusters"][KEY]] == [ids[name] for name in order]
    assert [c["id"] for c in history["commits"]] == [ids[name] for name in order + ["department"]]
    assert len(history["changes"]) == sum(len(e["units"]) for e in history["clusters"][KEY])
    assert history["head"] == ids["late"]


def test_pull_request_numbers_from_merge_and_squash_messages():
    assert pull_request("Merge pull request #12 from unit/branch\n\nbody") == 12
    assert pull_request("Sửa điểm tiêu chí 1.2 (#345)") == 345
    assert pull_request("Sửa điểm (#12) rồi nói thêm") is None
    assert pull_request("Nhắc tới #7 trong câu") is None
    assert pull_request("Tiêu đề\n\n(#9)") is None
