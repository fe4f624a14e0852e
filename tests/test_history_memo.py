"""A new version of a cluster's record changes some units' scores and leaves the others equal.

The replay keeps each unit's scores and state while its inputs are the same or equal
(history/state.Memo) and compares only units whose state is new. Here the record is
written three times: ttyt-son-ha's scores; then ttyt-tan-lap's added, ttyt-son-ha's
copied unchanged; then one score of ttyt-son-ha lowered from 100 to 99.
Each commit must list exactly the unit whose cluster scores moved.
"""
from __future__ import annotations

import pytest

from gitrepo import CLUSTER, RECORD, SUBMISSIONS, commit, department_files, init, record_with_scores, submission
from site_builder.history import history_for
from site_builder.history.state import Memo

KEY = f"2025/{CLUSTER}"
UNITS = ["ttyt-son-ha", "ttyt-tan-lap"]


def _lowered(record: str) -> str:
    """ttyt-son-ha's 1.1 from 100 to 99: its first score in the record; ttyt-tan-lap's 1.1 is also 100."""
    at = record.index("  ttyt-son-ha:\n")
    old = '    "1.1": 100\n'
    assert record.index(old, at) < record.index("  ttyt-tan-lap:\n")
    return record[:at] + record[at:].replace(old, '    "1.1": 99\n', 1)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("memo") / "repo"
    init(root)
    commit(root, "Sở Y tế: dữ liệu năm 2025", department_files())
    commit(root, "Nộp bài (#2)", {f"{SUBMISSIONS}/{u}.yaml": submission(u) for u in UNITS})
    ids = {
        "son-ha": commit(root, "Chấm Sơn Hà (#3)", {RECORD: record_with_scores(["ttyt-son-ha"])}),
        "tan-lap": commit(root, "Chấm Tân Lập (#4)", {RECORD: record_with_scores(UNITS)}),
        "lowered": commit(root, "Sửa điểm Sơn Hà (#5)", {RECORD: _lowered(record_with_scores(UNITS))}),
    }
    return root, ids


def _entries(root, ids) -> dict:
    found = {e["commit"]["id"]: e for e in history_for(root)["clusters"][KEY]}
    return {name: found.get(sha, {"units": []}) for name, sha in ids.items()}  # no entry: nothing listed


@pytest.fixture(scope="module")
def entries(repo):
    return _entries(*repo)


def _moved(entry) -> list[tuple[str, list[str]]]:
    return [(u["unit"], [c["id"] for c in u["criteria"] if c["cluster"]["before"] != c["cluster"]["after"]])
            for u in entry["units"] if "cluster" in u["changed"]]


def test_a_unit_whose_entries_are_copied_unchanged_is_not_listed(entries):
    # ttyt-tan-lap's own figure becomes the cluster's 760,75 (it was its self total 764,75): still first,
    # so ttyt-son-ha, whose entries were copied as they were, moved in nothing.
    assert [u["unit"] for u in entries["tan-lap"]["units"]] == ["ttyt-tan-lap"]
    assert entries["tan-lap"]["units"][0]["cluster_total"]["after"] == "760.75"


def test_a_unit_whose_one_score_moved_is_listed_with_that_criterion_and_its_section(entries):
    # 1.1 is a leaf of section 1, whose sum moves with it; the total goes from 727,25 to 727,25 − 1 = 726,25.
    assert _moved(entries["lowered"]) == [("ttyt-son-ha", ["1", "1.1"])]
    assert entries["lowered"]["units"][0]["cluster_total"] == {"before": "727.25", "after": "726.25", "difference": "-1"}


def test_a_memo_emptied_at_every_unit_gives_the_same_entries(repo, entries, monkeypatch):
    # The memo is emptied when full, so that it does not keep every version to the end: nothing else changes.
    monkeypatch.setattr(Memo, "LIMIT", 1)
    assert _entries(*repo) == entries
