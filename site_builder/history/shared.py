"""A fresh checkout's replay, shared between the build's own process and one forked process.

Without a step cache (a fresh checkout), the build replays every commit, and
the replay ends on the very file versions the data step reads. Replayed in
two other processes while this one read the data, that was three busy
processes on a two-core machine, and each version at HEAD parsed and checked
twice. Instead, a forked process replays a share of the clusters (split.py)
from the start, while this process reads the data, then replays the rest:
the versions at HEAD are in the parse cache the data step has just filled
(load/parse_cache.py), and only the other's entries cross between processes.
As this process reads the data first, then replays with the parse cache
filled and saves the step cache, the other takes three quarters of the
clusters (SHARES): on the stress repository the two then end within a
second of each other (with halves, the other waited three seconds).
The result, and the step cache it leaves, are those of history_for.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.forked import Forked, can_fork
from site_builder.history import git
from site_builder.history.cache import FILE, StepCache
from site_builder.history.landed import Landing, landings
from site_builder.history.log import read_log
from site_builder.history.split import SPLIT_FROM, merged, part_entries
from site_builder.history.timeline import assembled
from site_builder.load.parse_cache import CACHE as PARSED

# The clusters in quarters (walk.part_of): one for this process, three for the other.
SHARES = 4
MINE, OTHERS = (0, SHARES), (range(1, SHARES), SHARES)


class SharedReplay:
    def __init__(self, root: Path, head: str, cache: Path, other: Forked):
        self.root, self.head, self.cache, self.other = root, head, cache, other
        self.saving: Forked | None = None

    @classmethod
    def start(cls, root: Path, cache: Path) -> "SharedReplay | None":
        """The other share started, when the replay is a fresh checkout's long one and a fork is safe;
        None otherwise (history_for then does it all, from the cache where there is one)."""
        if not can_fork() or (Path(cache) / FILE).exists():
            return None
        head = git.resolve(root, "HEAD")
        if int(git.run(root, "rev-list", "--first-parent", "--count", head)) < SPLIT_FROM:
            return None
        other = Forked.start(_other_share, root, head, what="dựng lịch sử điểm")
        return cls(Path(root), head, Path(cache), other) if other else None

    def result(self) -> dict:
        """This process's share, once the data step is done, with the other's: history_for(root, cache=…)."""
        try:
            line = _line(self.root, self.head)
            mine = part_entries(self.root, line, None, MINE)
        except BaseException:
            self.other.abandon()
            raise
        both = merged([mine, self.other.result()])
        effects = {landing.commit.id: both.get(landing.commit.id) for landing in line}
        # Pickling what thousands of commits did takes most of a second: a process of its own writes the
        # step cache while this one goes on with the pages (finish() waits for it).
        steps = StepCache(self.cache)
        self.saving = Forked.start(steps.save, effects, what="lưu lịch sử điểm đã dựng")
        if self.saving is None:
            steps.save(effects)
        return assembled(self.head, line, effects)

    def finish(self) -> None:
        """The step cache is written (before the build ends: the next one reads it)."""
        saving, self.saving = self.saving, None
        if saving is not None:
            saving.result()

    def abandon(self) -> None:
        self.other.abandon()
        self.finish()


def _line(root: Path, head: str) -> list[Landing]:
    return landings(read_log(root, head), head)


def _other_share(root: Path, head: str) -> dict[str, list[dict]]:
    PARSED.read_only()  # this process's memory is its own: what it parses is not kept
    return part_entries(root, _line(root, head), None, OTHERS)
