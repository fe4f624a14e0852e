"""What a cluster's ranking looked like at one version, kept small enough to compare with the next.

A key is (year, period, cluster): the unit of ranking, and so of rank changes.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder import layout
from site_builder.load.repository import Repository
from site_builder.load.rubric import Rubric
from site_builder.rank.ranking import rank_cluster
from site_builder.score.unit import UnitScores, unit_scores

Key = tuple[int, str, str]

_SUBMISSION = re.compile(r"^submissions/(\d{4})/([^/]+)/([^/]+)/[^/]+$")
_RECORD = re.compile(r"^clusters/(\d{4})/([^/]+)/([^/]+)\.ya?ml$")
_YEAR_WIDE = re.compile(r"^(?:rubric/(\d{4})\.ya?ml|clusters/(\d{4})/registry\.ya?ml)$")


@dataclass
class UnitState:
    unit: str
    name: str
    rank: int | None
    tied: bool
    status: str
    status_label: str
    reasons: list[str]
    valid: bool
    file: str | None  # the submission's path, when there is one
    digest: str | None
    self_scores: dict[str, Decimal] = field(default_factory=dict)
    cluster_scores: dict[str, Decimal] = field(default_factory=dict)
    self_total: Decimal | None = None
    cluster_total: Decimal | None = None
    counted_total: Decimal | None = None
    problems: list = field(default_factory=list)


@dataclass
class ClusterState:
    key: Key
    name: str
    rubric: Rubric
    agreed_on: dt.date | None
    units: dict[str, UnitState]
    problems: list = field(default_factory=list)  # the ranking's own: the cluster record against the registry and rubric


class Memo:
    """Units' scores and states already worked out, by the very objects they came from.

    A commit changes one file, yet the ranking it moves is worked out again for every member (90,000
    times in the stress history): the others' scores and states are the last commit's, found here, and
    compare.py passes over a unit whose state is the same object on both sides. Each entry keeps the
    objects of its key alive, so that no id is used again by another object while it is kept. The memo is
    emptied when it holds LIMIT units' scores, or it would keep every version of every file to the end."""

    LIMIT = 10_000  # a few tens of MB of checked files at most; the stress history fills it once

    def __init__(self):
        self._scores: dict[tuple, tuple] = {}
        self._units: dict[tuple, tuple] = {}
        self._last: dict[tuple, dict] = {}

    def unit_scores(self, unit, rubric, submission, leaves, notes) -> UnitScores:
        # A new version of the period record has new dicts for every unit, most of them equal to the last.
        leaves, notes = self._same(("leaves", unit.id), leaves), self._same(("notes", unit.id), notes)
        inputs = (unit, rubric, submission, leaves, notes)
        key = tuple(map(id, inputs))
        if (kept := self._scores.get(key)) is None:
            if len(self._scores) >= self.LIMIT:
                self._scores.clear()
                self._units.clear()  # keyed by the ids of the scores just let go
            kept = self._scores[key] = (unit_scores(*inputs), inputs)
        return kept[0]

    def _same(self, slot: tuple, value: dict | None) -> dict | None:
        """The dict given for `slot` last time when it is equal to `value`, else `value`, kept for next time."""
        last = self._last.get(slot)
        if value is None or last is None or last != value:
            self._last[slot] = value
            return value
        return last

    def unit(self, row) -> UnitState:
        key = (id(row.scores), row.rank, row.tied, row.status.code, tuple(row.status.reasons))
        if (kept := self._units.get(key)) is None:
            kept = self._units[key] = (_unit(row), row.scores)
        return kept[0]


def cluster_state(repo: Repository, key: Key, memo: Memo | None = None) -> ClusterState | None:
    """The ranking of one cluster-period, or None where there is no such cluster or no rubric."""
    year, period, cluster_id = key
    registry = repo.registry(year)
    cluster = registry.cluster(cluster_id) if registry else None
    if cluster is None or repo.rubric(year, cluster_id) is None:
        return None
    ranking = rank_cluster(repo, year, period, cluster, score=memo.unit_scores if memo else unit_scores)
    record = ranking.record
    units = {row.unit.id: memo.unit(row) if memo else _unit(row) for row in ranking.rows}
    return ClusterState(key, cluster.name, ranking.rubric, record.agreed_on if record else None, units, list(ranking.problems))


def _unit(row) -> UnitState:
    s = row.scores
    doc = s.submission.doc if s.submission else None
    return UnitState(row.unit.id, row.unit.name, row.rank, row.tied, row.status.code, row.status.label,
                     list(row.status.reasons), s.valid, doc.path if doc else None, s.digest,
                     dict(s.self_scores) if s.valid else {}, dict(s.cluster_scores),
                     s.self_total, s.cluster_total, s.counted_total, list(doc.problems) if doc else [])


def keys_of(path: str, repo: Repository) -> set[Key]:
    """The rankings a change to `path` can move, judged on the version `repo` holds."""
    if m := _SUBMISSION.match(path):
        year, period, cluster = m.groups()
        return {(int(year), period, cluster)} if period in layout.PERIODS else set()
    if m := _YEAR_WIDE.match(path):
        year = int(m.group(1) or m.group(2))
        registry = repo.registry(year)
        return {(year, p, c.id) for c in (registry.clusters if registry else []) for p in layout.PERIODS}
    if m := _RECORD.match(path):
        year, cluster, name = m.groups()
        periods = layout.PERIODS if name == "cluster" else [name] if name in layout.PERIODS else []
        return {(int(year), p, cluster) for p in periods}
    return set()
