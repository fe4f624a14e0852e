"""A cluster's ranking for a year and period: every member listed, ties shown as ties."""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.load.cluster_records import ClusterYear, PeriodRecord
from site_builder.load.registry import Cluster
from site_builder.load.repository import Repository
from site_builder.load.rubric import Rubric
from site_builder.problems import Problem
from site_builder.rank.meeting import meeting_warning
from site_builder.rank.record_check import check_record
from site_builder.rank.status import ORDER, Status, status_of
from site_builder.rank.vote import VoteResult, count_votes
from site_builder.score.unit import UnitScores, unit_scores


@dataclass
class Row:
    scores: UnitScores
    status: Status
    rank: int | None = None
    tied: bool = False

    @property
    def unit(self):
        return self.scores.unit


@dataclass
class ClusterRanking:
    year: int
    period: str
    cluster: Cluster
    rubric: Rubric
    rows: list[Row]
    year_record: ClusterYear | None
    record: PeriodRecord | None
    vote: VoteResult | None = None
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def agreed(self) -> bool:
        return bool(self.record and self.record.agreed)

    @property
    def top(self) -> list[Row]:
        return [r for r in self.rows if r.rank == 1]


def rank_cluster(repo: Repository, year: int, period: str, cluster: Cluster, as_of=None,
                 score=unit_scores) -> ClusterRanking:
    """`score` works out a member's scores (history/state.py passes one that remembers them)."""
    rubric = repo.rubric(year, cluster.id)
    year_record = repo.cluster_year(year, cluster.id)
    record = repo.period_record(year, period, cluster.id)
    rows = []
    for unit in cluster.members:
        submission = repo.submission_at(year, period, cluster.id, unit.id)
        leaves = record.scores.get(unit.id) if record else None
        notes = record.notes.get(unit.id) if record else None
        scores = score(unit, rubric, submission, leaves, notes)
        rows.append(Row(scores, status_of(scores, year_record, record)))
    ranking = ClusterRanking(year, period, cluster, rubric, order(rows), year_record, record)
    ranking.problems = check_record(ranking)
    ranking.vote = count_votes(ranking) if period == "year" else None
    if ranking.vote and ranking.vote.error:
        line, col = record.doc.where(("vote", "votes", ranking.vote.rejected), key=True)
        ranking.problems.append(Problem(record.doc.path, line, col, ranking.vote.error, code="vote.ineligible"))
    ranking.warnings = [w for w in [meeting_warning(year, period, record, as_of)] if w]
    return ranking


def order(rows: list[Row]) -> list[Row]:
    """Competition ranking (1, 1, 3) of the considered units, then everyone else."""
    considered = [r.status.ranked and r.scores.counted_total is not None for r in rows]
    ranked = sorted((r for r, yes in zip(rows, considered) if yes), key=lambda r: (-r.scores.counted_total, r.unit.id))
    for i, row in enumerate(ranked):
        previous = ranked[i - 1] if i else None
        row.rank = previous.rank if previous and _same(previous, row) else i + 1
    for a, b in zip(ranked, ranked[1:]):
        if _same(a, b):
            a.tied = b.tied = True
    # Not `r not in ranked`: that compares rows field by field, rubric and all (a tenth of the history replay).
    rest = sorted((r for r, yes in zip(rows, considered) if not yes), key=lambda r: (ORDER.index(r.status.code), r.unit.id))
    return ranked + rest


def _same(a: Row, b: Row) -> bool:
    return a.scores.counted_total == b.scores.counted_total


def rank_year(repo: Repository, year: int, period: str, as_of=None) -> list[ClusterRanking]:
    registry = repo.registry(year)
    # A year's cluster list can be published before its rubric: nothing to score or rank yet.
    if registry is None or repo.rubric(year) is None:
        return []
    return [rank_cluster(repo, year, period, c, as_of) for c in registry.clusters]

