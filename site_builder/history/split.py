"""A long replay shared between two processes, each taking half the clusters.

A fresh checkout (or a build after the step cache was dropped) replays every
commit: the longest step of the whole build (a build from a fresh checkout
shares it with the data step's process instead: shared.py). What a commit does to one
cluster's ranking never depends on another cluster, so each process replays
every commit but scores only its own clusters (walk.part_of), and the two
lists of cluster entries are merged in the order one process gives them. Both
periods of a cluster-year go to the same process: they read the same files,
parsed once.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.forked import Forked, can_fork
from site_builder.history.entries import cluster_data
from site_builder.history.landed import Landing
from site_builder.history.walk import Part, replay_from

# Landings to replay from which a second process pays: forking and sending back its entries cost
# about a second; a rebuild replays a few commits, a fresh checkout thousands.
SPLIT_FROM = 500


def replay_entries(root: Path, line: list[Landing], start: str | None, parts: int | None = None) -> dict[str, list[dict]]:
    """commit id → its cluster entries (plain data, see entries.py), for each landing of `line` that
    changed a data file; `parts` processes share the work (by default two for a long line)."""
    if parts is None:
        parts = 2 if len(line) >= SPLIT_FROM and can_fork() else 1
    others = [Forked.start(part_entries, root, line, start, (i, parts), what="dựng lịch sử điểm")
              for i in range(1, parts)]
    try:
        found = [part_entries(root, line, start, (0, parts) if parts > 1 else None)]
        found += [other.result() if other else part_entries(root, line, start, (i, parts))
                  for i, other in enumerate(others, start=1)]
    except BaseException:
        for other in others:
            if other:
                other.abandon()
        raise
    return merged(found)


def part_entries(root: Path, line: list[Landing], start: str | None, part: Part | None) -> dict[str, list[dict]]:
    return {step.landing.commit.id: [cluster_data(c) for c in step.clusters]
            for step in replay_from(root, line, start, part)}


def merged(found: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Each commit's entries from every part, in the order of their rankings' keys, as one replay gives them."""
    if len(found) == 1:
        return found[0]
    together: dict[str, list[dict]] = {}
    for part in found:
        for commit, entries in part.items():
            together.setdefault(commit, []).extend(entries)
    for entries in together.values():
        entries.sort(key=lambda e: (e["year"], e["period"], e["cluster"]))
    return together
