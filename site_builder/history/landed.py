"""Which commits landed on the main line, and which branch commits each merge brought with it.

The history is told along the first-parent line from HEAD: that is the order
in which changes reached the published branch, whether a pull request was
squashed into one commit or merged with its branch. A merge's own diff (against
its first parent) is the whole pull request; its branch commits are kept only
to say who wrote them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.history.log import Commit


@dataclass
class Landing:
    commit: Commit
    merged: list[Commit] = field(default_factory=list)  # branch commits a merge brought, oldest first


def landings(commits: list[Commit], head: str) -> list[Landing]:
    """First-parent line from the root to `head`, oldest first (commits as `read_log` gives them)."""
    by_id = {c.id: c for c in commits}
    line, at = [], by_id.get(head)
    while at is not None:
        line.append(at)
        at = by_id.get(at.parents[0]) if at.parents else None
    line.reverse()
    order = {c.id: i for i, c in enumerate(commits)}
    landed: set[str] = set()
    result = []
    for commit in line:
        merged = _brought(commit, by_id, landed) if len(commit.parents) > 1 else []
        landed.add(commit.id)
        landed.update(c.id for c in merged)
        result.append(Landing(commit, sorted(merged, key=lambda c: order[c.id])))
    return result


def _brought(merge: Commit, by_id: dict[str, Commit], landed: set[str]) -> list[Commit]:
    """Ancestors of the merged side not already on the line (walked once in all: `landed` grows)."""
    found, todo = [], list(merge.parents[1:])
    seen = set()
    while todo:
        cid = todo.pop()
        if cid in landed or cid in seen or cid not in by_id:
            continue
        seen.add(cid)
        found.append(by_id[cid])
        todo.extend(by_id[cid].parents)
    return found
