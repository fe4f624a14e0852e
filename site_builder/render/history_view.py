"""The history of the scores as the pages ask for it: per scorecard, per cluster and year, most recent.

`history_for` (site_builder.history) gives the data once per build; this
indexes it so that each page finds its entries without scanning the whole
history, and carries where the forge is, for the links, or why there is no
history at all, for the notice that replaces it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.render.forge import Forge

# Why a site has no history; the pages print it after "Lịch sử thay đổi điểm không được hiển thị: ".
BY_OPTION = "trang được xây dựng với tùy chọn --no-history"
NOT_A_REPOSITORY = "thư mục dữ liệu không phải kho git (hoặc chưa có commit nào) nên không đọc được lịch sử"
NOT_READ = "lịch sử git không được đọc khi xây dựng trang này"
NOT_AT_TOP = "thư mục dữ liệu không phải thư mục gốc của kho git nên không đọc được lịch sử"

_MERGE = re.compile(r"^Merge pull request #\d+ from ")


@dataclass
class SiteHistory:
    shown: bool
    reason: str = ""
    data: dict = field(default_factory=dict)
    forge: Forge = field(default_factory=Forge)
    site_name: str = ""
    site_url: str | None = None

    def __post_init__(self):
        self._remembered: dict = {}
        self._by_card: dict[tuple, list[dict]] = {}
        for unit, entries in self.data.get("units", {}).items():
            for e in entries:
                self._by_card.setdefault((unit, e["year"], e["period"]), []).append(e)

    @classmethod
    def hidden(cls, reason: str, forge: Forge | None = None) -> "SiteHistory":
        return cls(False, reason, forge=forge or Forge())

    def timeline(self, unit: str, year: int, period: str) -> list[dict]:
        """A scorecard's changes, newest first (the order history_for gives)."""
        return self._by_card.get((unit, year, period), [])

    def after_agreement(self, unit: str, year: int, period: str) -> list[dict]:
        """The changes to a scorecard made after its cluster agreed the scores: flagged in red."""
        return [e for e in self.timeline(unit, year, period) if e["after_agreement"]]

    def cluster_log(self, year: int, cluster: str) -> list[dict]:
        return self.data.get("clusters", {}).get(f"{year}/{cluster}", [])

    def recent(self, count: int) -> list[dict]:
        """The latest cluster entries across every cluster, newest first: the feed and the home page."""
        entries = [e for log in self.data.get("clusters", {}).values() for e in log]
        # history_for lists commits newest first; a commit may touch several clusters, kept in key order.
        order = {c["id"]: i for i, c in enumerate(self.data.get("commits", []))}
        entries.sort(key=lambda e: (order[e["commit"]["id"]], e["year"], e["period"], e["cluster"]))
        return entries[:count]

    def remembered(self, key, make, *args):
        """make(*args), made once for `key` in this build: a commit's heading is the same on every
        scorecard and cluster log that shows the commit (the pages call it with the commit's id)."""
        if key not in self._remembered:
            self._remembered[key] = make(*args)
        return self._remembered[key]

    def pull_request_url(self, commit: dict) -> str | None:
        return self.forge.pull_request(commit.get("pull_request"))

    def commit_url(self, commit: dict) -> str | None:
        return self.forge.commit(commit["id"])


def moved(criteria: list[dict]) -> list[dict]:
    """The criteria whose score moved from one value to another (or was removed).

    A score given for the first time is not listed: the scorecard shows it, and
    if it ever changes, that later entry shows it as the "before". Listing the
    whole rubric on every first submission and first cluster scoring would
    double the size of the site and bury the changes a reader looks for."""
    return [c for c in criteria if any(c[side]["before"] is not None and c[side]["before"] != c[side]["after"]
                                       for side in ("self", "cluster"))]


def first_scored(criteria: list[dict], side: str) -> int:
    """How many criteria got their first `side` score ("self" or "cluster") in this change."""
    return sum(1 for c in criteria if c[side]["before"] is None and c[side]["after"] is not None)


def subject(commit: dict) -> str:
    """What a change was about: a GitHub merge commit says "Merge pull request #7 from …" and keeps the
    pull request's title on its third line, which is what a reader wants to see."""
    if _MERGE.match(commit["subject"]):
        body = [line.strip() for line in commit["message"].splitlines()[1:] if line.strip()]
        if body:
            return body[0]
    return commit["subject"]


def authors(commit: dict) -> list[str]:
    """Who wrote a change: for a merge, the authors of the branch commits it brought; else the author."""
    written = list(dict.fromkeys(m["author"] for m in commit.get("merged") or []))
    return written or [commit["author"]]


def entry_anchor(commit: dict, period: str | None = None) -> str:
    """The id of an entry on a page: the commit (12 characters, unique in any real repository), and the period
    on a cluster's year log, where one commit may change both periods."""
    return f"thay-doi-{commit['id'][:12]}" + (f"-{period}" if period else "")
