"""Replay the main line, commit by commit, and say what each one did to the rankings.

Only the clusters a commit can affect are recomputed, and a submission or
period record already scored at the same blob is not scored again: the cost
grows with the changes, not with the size of the repository times the commits.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from site_builder.history import git
from site_builder.history.blobs import BlobReader
from site_builder.history.compare import ClusterChange, compare
from site_builder.history.landed import Landing, landings
from site_builder.history.log import FileChange, read_log
from site_builder.history.scratch import ScratchRepository, ScratchTree, folders, is_context, is_data
from site_builder.history.state import ClusterState, Key, Memo, cluster_state, keys_of

# Where the data files live (scratch.is_data says which files under them count).
DATA_FOLDERS = ["rubric", "clusters", "submissions"]
# A cluster's own files: its units' submissions and its records ((year, cluster, file name)).
_OF_CLUSTER = re.compile(r"^(?:submissions/(\d{4})/[^/]+|clusters/(\d{4}))/([^/]+)/([^/]+)$")


@dataclass
class Step:
    landing: Landing
    files: list[FileChange]  # the data files it changed
    clusters: list[ClusterChange]


def replay(root: Path, rev: str = "HEAD") -> list[Step]:
    """Every landed commit that changed a data file, oldest first, with its effect on each ranking."""
    head = git.resolve(root, rev)
    return replay_from(root, landings(read_log(root, head), head))


def replay_from(root: Path, line: list[Landing], start: str | None = None,
                part: Part | None = None) -> list[Step]:
    """The same for `line`, the landings that follow the commit `start` (None: from the first commit).

    The scratch tree starts as `start`'s tree and no ranking is computed until a
    commit touches it, exactly as when the replay reaches `start` from the
    beginning: a replay can resume where an earlier build stopped. With `part`
    (i, n), only the rankings of share i of n (part_of) are computed, for
    split.py (i may be a range of shares): each step still lists its files,
    with that part's changes."""
    if not line:
        return []  # all known (a rebuild of the same commit): no tree to fill, no git process
    with BlobReader(root) as blobs, ScratchTree(blobs, lazy=True) as tree:
        blobs.prefetch(f.blob for landing in line for f in data_files(landing) if f.blob and of_part(f.path, part))
        if start is not None:
            tree.fill(git.list_tree(root, start, DATA_FOLDERS))
        return _Replay(tree, part).run(line)


def of_part(path: str, part: Part | None) -> bool:
    """Whether a replay of `part` may read this file's versions: any but another part's submissions and
    period records (a cluster.yaml is read by every check of its year's submissions)."""
    found = _OF_CLUSTER.match(path)
    if part is None or found is None or (found.group(2) and found.group(4).startswith("cluster.")):
        return True
    return in_part((int(found.group(1) or found.group(2)), "", found.group(3)), part)


# (i, n): share i of n, or the shares of the range i; see part_of.
Part = tuple[int | range, int]


def in_part(key: Key, part: Part) -> bool:
    shares, parts = part
    share = part_of(key, parts)
    return share == shares if isinstance(shares, int) else share in shares


def part_of(key: Key, parts: int) -> int:
    """Which of `parts` shares of the work a ranking falls in: by cluster and year, so that both periods,
    which read the same files, fall in the same one; a stable digest, the same in every process."""
    year, _, cluster = key
    return zlib.crc32(f"{year}/{cluster}".encode()) % parts


def data_files(landing: Landing) -> list[FileChange]:
    """The data files a landed commit changed (either side of a rename counts)."""
    return [f for f in landing.commit.changes if any(is_data(p) for p in f.paths)]


class _Replay:
    def __init__(self, tree: ScratchTree, part: Part | None = None):
        self.tree = tree
        self.part = part
        self.repo = ScratchRepository(tree)
        self.states: dict[Key, ClusterState | None] = {}
        self.memo = Memo()

    def run(self, line: list[Landing]) -> list[Step]:
        steps = []
        for landing in line:
            files = data_files(landing)
            if files:
                steps.append(Step(landing, files, self.step(files)))
        return steps

    def step(self, files: list[FileChange]) -> list[ClusterChange]:
        keys = self._keys(files)
        for key in keys:
            if key not in self.states:
                self.states[key] = self._state(key)
        self._apply(files)
        if any(is_context(p) for f in files for p in f.paths):
            # A rubric, registry or cluster year changed: the loaded context holds no more; the checked files
            # that do not depend on it are passed on (see scratch.Checked).
            self.repo = ScratchRepository(self.tree, self.repo.checked)
        keys |= self._keys(files)
        changes = []
        for key in sorted(keys):
            before, after = self.states.get(key), self._state(key)
            self.states[key] = after
            if found := compare(key, before, after):
                changes.append(found)
        return changes

    def _state(self, key: Key) -> ClusterState | None:
        self.tree.materialize(folders(key))
        return cluster_state(self.repo, key, self.memo)

    def _keys(self, files: list[FileChange]) -> set[Key]:
        keys = {key for f in files for p in f.paths for key in keys_of(p, self.repo)}
        if self.part is None:
            return keys
        return {key for key in keys if in_part(key, self.part)}

    def _apply(self, files: list[FileChange]) -> None:
        for f in files:
            if f.old_path and f.status == "R":
                self.tree.drop(f.old_path)
            if f.blob is None:
                self.tree.drop(f.path)
            else:
                self.tree.put(f.path, f.blob)
