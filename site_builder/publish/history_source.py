"""Whether the site shows the history of the scores, and that history, read once per build.

Three cases: `--no-history` (the site says it is not shown); a folder that is
not a git repository (the build already dates the site without git, and the
history is missing for the same reason: said the same way); anything else
must be a full clone, or the build stops (exit 1) with the command that
fetches the rest: a shallow clone's history would silently begin at its last
commit and look like nobody ever changed a score.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from site_builder.forked import Forked
from site_builder.history import git, history_for, require_full_history
from site_builder.history.shared import SharedReplay
from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.render.forge import forge_from
from site_builder.render.history_view import BY_OPTION, NOT_A_REPOSITORY, NOT_AT_TOP, SiteHistory


def site_history(root: Path, commit, wanted: bool = True) -> SiteHistory:
    """`commit` is publish.gitinfo's HEAD: its sha is None when the folder has no git history."""
    return start_history(root, commit, wanted).result()


def start_history(root: Path, commit, wanted: bool = True, aside: bool = False) -> "PendingHistory":
    """The checks now (a shallow clone stops the build before any work); the replay now, or, with
    `aside`, in a second process while this one reads the data (site_builder/forked.py), or, for a fresh
    checkout's long replay, shared between there and here once the data is read (history/shared.py)."""
    config = _mkdocs_config(root)
    forge = forge_from(config.get("extra"), config.get("repo_url"))
    if not wanted:
        return PendingHistory(SiteHistory.hidden(BY_OPTION, forge))
    if commit.sha is None:
        print("Cảnh báo: không có lịch sử git nên trang không hiển thị lịch sử thay đổi điểm.", file=sys.stderr)
        return PendingHistory(SiteHistory.hidden(NOT_A_REPOSITORY, forge))
    require_full_history(root)
    if _inside(root):
        # The history names files from the repository's top (submissions/…); from a subfolder it would
        # find none and look like nobody ever changed a score.
        print("Cảnh báo: thư mục dữ liệu nằm trong một kho git lớn hơn, không phải thư mục gốc của kho: "
              "trang không hiển thị lịch sử thay đổi điểm.", file=sys.stderr)
        return PendingHistory(SiteHistory.hidden(NOT_AT_TOP, forge))
    # build/ is git-ignored: what earlier builds replayed is kept there, so a build replays only new commits.
    cache = Path(root) / "build" / "cache"
    shown = partial(SiteHistory, True, forge=forge, site_name=str(config.get("site_name") or ""),
                    site_url=config.get("site_url") or None)
    if not aside:
        return PendingHistory(shown(data=history_for(root, cache=cache)))
    # A fresh checkout's long replay: a share in a forked process now, the rest here after the data step.
    pending = SharedReplay.start(root, cache) or Forked.start(_replayed_aside, root, cache, what="dựng lịch sử điểm")
    return PendingHistory(None, shown, pending) if pending else PendingHistory(shown(data=history_for(root, cache=cache)))


class PendingHistory:
    """The history, or what gives it (`forked`: a Forked process or a SharedReplay, with result() and abandon())."""

    def __init__(self, done: SiteHistory | None, shown=None, forked=None):
        self.done, self.shown, self.forked = done, shown, forked

    def result(self) -> SiteHistory:
        if self.done is None:
            self.done = self.shown(data=self.forked.result())
        return self.done

    def abandon(self) -> None:
        if self.done is None:
            self.forked.abandon()

    def before_data(self) -> None:
        """What this process does of a shared replay before it reads the data (history/shared.py)."""
        if isinstance(self.forked, SharedReplay):
            self.forked.before_data()

    def finish(self) -> None:
        """What the history goes on doing once given (writing its cache) is done."""
        if isinstance(self.forked, SharedReplay):
            self.forked.finish()


def _replayed_aside(root: Path, cache: Path) -> dict:
    # The parses this process would remember stay in it: the data step reads the files in the other.
    PARSED.read_only()
    return history_for(root, cache=cache)


def _inside(root: Path) -> bool:
    return bool(git.run(root, "rev-parse", "--show-prefix").strip())


def _mkdocs_config(root: Path) -> dict:
    """mkdocs.yml read as MkDocs reads it (its loader knows !ENV and the python tags), unvalidated:
    a broken file is reported by the MkDocs run itself, with MkDocs' own words."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(Path(root) / "mkdocs.yml", "rb") as f:
            config = yaml_load(f)
    except Exception:  # noqa: BLE001 - any unreadable config means: no forge links, and MkDocs says why
        return {}
    return config if isinstance(config, dict) else {}

