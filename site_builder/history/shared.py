"""A fresh checkout's replay, shared between the build's own process and one forked process.

Without a step cache (a fresh checkout), the build replays every commit, and
the replay ends on the very file versions the data step reads. Replayed in
two other processes while this one read the data, that was three busy
processes on a two-core machine, and each version at HEAD parsed and checked
twice. Instead, the work goes by clusters (walk.part_of) to two processes:

- the forked one first checks its clusters' files as they are now, as the
  data step checks them, and sends what its parse cache learnt
  (load/parse_cache.py); then it replays its clusters, finding those
  versions parsed and checked;
- this one replays its clusters (keeping the parses of the versions at
  HEAD), takes the other's parses, and reads the data: every file is found
  parsed and checked. Then it waits for the other's entries.

Only the other's entries and parses cross between the processes. The shares
(SHARES) are such that both end together on the stress repository. The
result, and the step cache it leaves, are those of history_for.
"""
from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from site_builder import layout
from site_builder.forked import Forked, can_fork
from site_builder.history import git
from site_builder.history.cache import FILE, StepCache
from site_builder.history.landed import Landing, landings
from site_builder.history.log import read_log
from site_builder.history.split import SPLIT_FROM, merged, part_entries
from site_builder.history.timeline import assembled
from site_builder.history.walk import of_part
from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.load.repository import Repository

# The clusters in tenths (walk.part_of): this process, which also reads the data, takes the first five.
SHARES = 10
MINE, OTHERS = (range(0, 5), SHARES), (range(5, SHARES), SHARES)


class SharedReplay:
    def __init__(self, root: Path, head: str, cache: Path, other: Forked, checked):
        self.root, self.head, self.cache, self.other, self.checked = root, head, cache, other, checked
        self.line: list[Landing] | None = None  # and `mine`: once before_data() has replayed this share
        self.mine: dict[str, list[dict]] = {}
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
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        other = Forked.start(_other_share, root, head, send, what="dựng lịch sử điểm")
        send.close()  # the other process has it
        if other is None:
            receive.close()
            return None
        return cls(Path(root), head, Path(cache), other, receive)

    def before_data(self) -> None:
        """This process's share of the replay, then the other's checks of its files into the parse cache."""
        try:
            self.line = _line(self.root, self.head)
            self.mine = part_entries(self.root, self.line, None, MINE)
            PARSED.take(*self.checked.recv())
        except EOFError:
            pass  # the other process failed first: the data step checks those files itself, result() says why
        except BaseException:
            self.abandon()
            raise
        finally:
            self.checked.close()

    def result(self) -> dict:
        """This process's share with the other's, once the data step is done: history_for(root, cache=…)."""
        if self.line is None:
            self.before_data()
        line = self.line
        both = merged([self.mine, self.other.result()])
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
        self.checked.close()  # first: the other process's sender may be waiting for this end
        self.other.abandon()
        self.finish()


def _line(root: Path, head: str) -> list[Landing]:
    return landings(read_log(root, head), head)


def _other_share(root: Path, head: str, send) -> dict[str, list[dict]]:
    # Sent by a thread: the other process reads them only once its own share is replayed, and a pipe
    # holds 64 KB. This process forks no more (git is started by subprocess, which threads allow).
    sending = threading.Thread(target=_send, args=(send, _checked_now(root)), daemon=True)
    sending.start()
    try:
        return part_entries(root, _line(root, head), None, OTHERS)
    finally:
        sending.join()


def _send(send, learnt: tuple[dict, dict]) -> None:
    try:
        send.send(learnt)
    except OSError:
        pass  # the other process gave up on the history (it closed its end): nobody is waiting
    finally:
        send.close()


def _checked_now(root: Path) -> tuple[dict, dict]:
    """This share's submissions and period records as they are now, checked as the data step checks them;
    what the parse cache learnt of them (the versions at HEAD, kept for the replay that follows)."""
    PARSED.keep_from_here()
    repo = Repository(root)
    for path in layout.submission_files(root):
        if of_part(layout.rel(root, path), OTHERS):
            repo.submission(path)
    for path in sorted(Path(root, "clusters").glob("*/*/*.yaml")):
        year, cluster, period = path.parent.parent.name, path.parent.name, path.stem
        if year.isdigit() and period in layout.PERIODS and of_part(layout.rel(root, path), OTHERS):
            repo.period_record(int(year), period, cluster)
    return PARSED.learnt()
