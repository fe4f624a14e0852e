"""The history kept between builds: a later call replays only the commits landed since, with the same result.

On gitrepo.scenario's repository (real git): the history is read up to the
cluster's scoring with a cache folder, then up to HEAD; the second call must
replay only the two commits that followed and give exactly what a call
without any cache gives.
"""
from __future__ import annotations

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
    real = timeline.replay_entries

    def counting(root, line, start=None, parts=None):
        calls.append([landing.commit.subject for landing in line])
        return real(root, line, start, parts)

    monkeypatch.setattr(timeline, "replay_entries", counting)
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
    good = (tmp_path / cache_module.FILE).read_bytes()
    (tmp_path / cache_module.FILE).write_bytes(good[:len(good) // 2])  # half a file, as an interrupted copy leaves
    assert history_for(root, cache=tmp_path) == whole
    assert len(replayed[2]) == len(replayed[0])
    stored = cache_module.read(tmp_path / cache_module.FILE)
    assert stored["code"] == "other code" and len(stored["steps"]) == len(replayed[0])


def test_commits_added_to_the_line_are_a_part_added_to_the_file(repo, replayed, tmp_path, monkeypatch):
    root, ids, whole = repo
    path = tmp_path / cache_module.FILE
    history_for(root, ids["scoring"], cache=tmp_path)
    first = path.read_bytes()
    history_for(root, cache=tmp_path)
    # The earlier part as it was, and one for the two commits that followed.
    assert path.read_bytes().startswith(first) and cache_module.read(path)["parts"] == 2
    assert history_for(root, cache=tmp_path) == whole and replayed[2] == []
    line = set(cache_module.read(path)["steps"])
    # Back to an earlier commit: the file keeps that line only, in one part.
    assert history_for(root, ids["correction"], cache=tmp_path) == history_for(root, ids["correction"])
    assert cache_module.read(path)["parts"] == 1 and set(cache_module.read(path)["steps"]) < line
    # So many parts that reading them costs more than writing one: the next save writes one.
    monkeypatch.setattr(cache_module, "PARTS", 1)
    assert history_for(root, cache=tmp_path) == whole
    assert cache_module.read(path)["parts"] == 1
    assert history_for(root, cache=tmp_path) == whole and replayed[-1] == []


def test_the_code_version_covers_what_computes_the_history_and_not_what_shows_it():
    modules = {p.relative_to(cache_module.PACKAGE).as_posix() for p in cache_module._modules()}
    # Reading, checking, scoring and ranking a file change the history: a new version replays everything.
    assert {"history/walk.py", "load/yamlfile.py", "validate/submission_check.py", "score/unit.py",
            "rank/ranking.py", "rank/status.py", "layout.py", "numbers.py"} <= modules
    # The pages and the commands only show it: changing them keeps what earlier builds replayed.
    assert not any(m.startswith(("publish/", "commands/", "templates/", "review/")) for m in modules)
    assert "render/history_view.py" not in modules and "cli.py" not in modules
