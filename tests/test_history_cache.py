"""The history kept between builds: a later call replays only the commits landed since, with the same result.

On gitrepo.scenario's repository (real git): the history is read up to the
cluster's scoring with a cache folder, then up to HEAD; the second call must
replay only the two commits that followed and give exactly what a call
without any cache gives.
"""
from __future__ import annotations

import gzip
import json

import pytest

from gitrepo import scenario
from site_builder.history import cache as cache_module
from site_builder.history import history_for, timeline


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("history-cache") / "repo"
    ids = scenario(root)
    return root, ids, history_for(root)


@pytest.fixture
def replayed(monkeypatch):
    """The subjects of the commits each call actually replays."""
    calls = []
    real = timeline.replay_from

    def counting(root, line, start=None):
        calls.append([landing.commit.subject for landing in line])
        return real(root, line, start)

    monkeypatch.setattr(timeline, "replay_from", counting)
    return calls


def test_a_later_call_replays_only_the_new_commits_and_agrees_with_no_cache(repo, replayed, tmp_path):
    root, ids, whole = repo
    earlier = history_for(root, ids["scoring"], cache=tmp_path)
    assert earlier["head"] == ids["scoring"]
    later = history_for(root, cache=tmp_path)
    assert replayed[1] == ["Đối chiếu thống nhất điểm ngày 12/01/2026 (#16)", "Bổ sung minh chứng 1.6 (#18)"]
    assert later == whole
    assert history_for(root, cache=tmp_path) == whole
    assert replayed[2] == []  # nothing landed since: nothing replayed


def test_going_back_to_an_earlier_commit_uses_the_cache_too(repo, replayed, tmp_path):
    root, ids, whole = repo
    history_for(root, cache=tmp_path)
    assert history_for(root, ids["correction"], cache=tmp_path) == history_for(root, ids["correction"])
    assert replayed[1] == []


def test_a_cache_of_other_code_or_a_broken_file_is_ignored(repo, replayed, tmp_path, monkeypatch):
    root, _, whole = repo
    history_for(root, cache=tmp_path)
    monkeypatch.setattr(cache_module, "code_version", lambda: "other code")
    assert history_for(root, cache=tmp_path) == whole
    assert len(replayed[1]) == len(replayed[0]) > 0  # everything again
    (tmp_path / cache_module.FILE).write_bytes(gzip.compress(b'{"format": 1, "code": "other code", "steps": [')[:-9])
    assert history_for(root, cache=tmp_path) == whole
    assert len(replayed[2]) == len(replayed[0])
    stored = json.loads(gzip.decompress((tmp_path / cache_module.FILE).read_bytes()))
    assert stored["code"] == "other code" and len(stored["steps"]) == len(replayed[0])
