"""A long replay split between processes by cluster gives exactly what one replay gives.

On a generated repository (real git, three years, two clusters a year): the
cluster entries of every commit, replayed whole, then in two and three parts
(the parts after the first in forked processes), then the whole history as
the build reads it with the split forced from the first commit, and as a
fresh checkout's build shares it with its data step (history/shared.py).
"""
from __future__ import annotations

import tempfile
import time

import pytest

from gitrepo import MAIN, run_cli
from site_builder.forked import Forked
from site_builder import layout
from site_builder.history import git, history_for, shared, split, walk
from site_builder.history.blobs import BlobReader
from site_builder.history.cache import StepCache
from site_builder.history.landed import landings
from site_builder.history.log import read_log
from site_builder.history.walk import part_of
from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.problems import InputError


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("split") / "repo"
    code, _, err = run_cli("demo", "--scale", "2", "--years", "3", "--seed", "5", "--out", root, cwd=MAIN)
    assert code == 0, err
    head = git.resolve(root, "HEAD")
    return root, landings(read_log(root, head), head)


def _clusters(entries: dict) -> set:
    return {(e["year"], e["cluster"]) for found in entries.values() for e in found}


def test_each_part_scores_only_its_own_clusters_and_together_they_are_the_whole(generated):
    root, line = generated
    whole = split.replay_entries(root, line, None, parts=1)
    first, second = (split.part_entries(root, line, None, (i, 2)) for i in range(2))
    assert sum(map(len, whole.values())) > 100
    assert _clusters(first) and _clusters(second) and not _clusters(first) & _clusters(second)
    assert all(part_of((year, "year", cluster), 2) == 0 for year, cluster in _clusters(first))
    assert first.keys() == second.keys() == whole.keys()  # every commit that changed data, in each part


@pytest.mark.parametrize("parts", [2, 3])
def test_the_merged_parts_are_the_replay_in_one_process(generated, parts):
    root, line = generated
    assert split.replay_entries(root, line, None, parts=parts) == split.replay_entries(root, line, None, parts=1)


def test_a_resumed_replay_splits_the_same(generated):
    root, line = generated
    start = line[len(line) // 2].commit.id
    rest = line[len(line) // 2 + 1:]
    assert split.replay_entries(root, rest, start, parts=2) == split.replay_entries(root, rest, start, parts=1)


def test_the_history_the_build_reads_is_the_same_split_or_not(generated, monkeypatch, tmp_path):
    root, _ = generated
    whole = history_for(root)
    monkeypatch.setattr(split, "SPLIT_FROM", 1)
    assert history_for(root, cache=tmp_path) == whole
    assert history_for(root, cache=tmp_path) == whole  # and from the cache the split filled


def test_an_abandoned_split_replay_stops_both_halves_and_leaves_no_scratch_folder(generated, monkeypatch, tmp_path):
    """The build abandons the history when the data step fails: the process it started, the other half
    that process started, and their scratch folders must all go."""
    root, _ = generated
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the forked processes make their folders
    monkeypatch.setattr(split, "SPLIT_FROM", 1)
    pending = Forked.start(history_for, root, what="thử")
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("site-builder-history-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)  # both halves have made their folders and are replaying
    assert len(list(tmp_path.glob("site-builder-history-*"))) == 2
    pending.abandon()
    assert list(tmp_path.glob("site-builder-history-*")) == []


def test_a_fresh_checkout_shares_the_replay_with_the_data_step(generated, monkeypatch, tmp_path):
    """history/shared.py: most clusters in a forked process, the others here; the history and the step
    cache it leaves are history_for's."""
    root, _ = generated
    monkeypatch.setattr(shared, "SPLIT_FROM", 1)
    alone = tmp_path / "alone"
    whole = history_for(root, cache=alone)
    replay = shared.SharedReplay.start(root, tmp_path / "shared")
    assert replay is not None
    assert replay.result() == whole
    replay.finish()  # the step cache is written by a process of its own
    assert StepCache(tmp_path / "shared").steps == StepCache(alone).steps
    # A build with a step cache resumes from it instead: nothing is forked.
    assert shared.SharedReplay.start(root, tmp_path / "shared") is None


def test_an_abandoned_shared_replay_stops_the_other_process(generated, monkeypatch, tmp_path):
    root, _ = generated
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(shared, "SPLIT_FROM", 1)
    replay = shared.SharedReplay.start(root, tmp_path / "cache")
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("site-builder-history-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    replay.abandon()
    assert not replay.other.process.is_alive()
    assert list(tmp_path.glob("site-builder-history-*")) == []


def test_versions_asked_for_at_once_read_as_one_at_a_time(generated):
    """history/blobs.py: the replay asks git for its versions in one batch; each reads the same bytes
    as asked alone, and an object git does not have is still reported when it is read."""
    root, line = generated
    wanted = [f.blob for landing in line[:200] for f in landing.commit.changes if f.blob]
    with BlobReader(root) as alone:
        expected = {blob: alone.read(blob) for blob in wanted}
    with BlobReader(root) as batch:
        batch.prefetch(wanted + ["0" * 40])
        assert {blob: batch.read(blob) for blob in wanted} == expected
        assert batch._process is None  # nothing was asked one at a time
        with pytest.raises(InputError):
            batch.read("0" * 40)


def test_the_data_step_finds_the_other_shares_files_parsed_and_checked(generated, monkeypatch, tmp_path):
    """The forked process checks its clusters' files as they are now and sends what it learnt: the
    data step of this process parses and validates none of them again."""
    root, _ = generated
    monkeypatch.setattr(shared, "SPLIT_FROM", 1)
    theirs = [path for path in layout.submission_files(root) if walk.of_part(layout.rel(root, path), shared.OTHERS)]
    assert theirs
    PARSED.enable(None, wanted=theirs)
    replay = shared.SharedReplay.start(root, tmp_path / "cache")
    try:
        replay.before_data()
        assert all(PARSED.get(path.read_bytes(), "x") is not None for path in theirs)
        assert len(PARSED.valid) >= len(theirs)  # each found valid against its schema, once
    except BaseException:
        replay.abandon()  # the other process would wait for ever to hand over its entries
        raise
    finally:
        PARSED.disable()
    replay.result()
    replay.finish()
