"""Everything `validate` checks beyond single submissions: registries, cluster records, refinements."""
from __future__ import annotations

from site_builder import layout
from site_builder.load.repository import Repository
from site_builder.problems import WARNING, Problem
from site_builder.rank.ranking import rank_cluster
from site_builder.validate.writeup_check import check_writeups


def keys_for(repo: Repository, paths: list[str]) -> set[tuple[int, str, str]]:
    """The rankings that files (paths relative to the root) can move: what a check of those files must rank.

    A submission or a period record moves its own cluster-period, a cluster's
    year record both of its periods, a rubric or registry the whole year.
    """
    from site_builder.history.state import keys_of  # the diff's own rule; its package is not needed otherwise

    return {key for path in paths for key in keys_of(path, repo)}


def check_repository(repo: Repository, keys: set[tuple[int, str, str]] | None = None) -> list[Problem]:
    """Problems of the registries and cluster records (loading them records their problems), and of the write-ups.

    `keys` limits the work to those rankings (`validate FILE…`: a one-file pull
    request reads one cluster, not the 3,000 files of every year); None checks everything.
    """
    found: list[Problem] = []
    for year in repo.years:
        repo.rubrics.get(year)
        if keys is not None and not any(k[0] == year for k in keys):
            continue
        registry = repo.registry(year)
        if registry is None:
            continue
        if repo.rubric(year) is None:
            found += _unscored_year(repo, year, registry)
            continue
        for period in layout.PERIODS:
            for cluster in registry.clusters:
                if keys is None or (year, period, cluster.id) in keys:
                    ranking = rank_cluster(repo, year, period, cluster)
                    found += ranking.problems + _changed_after_agreement(ranking)
    return found + check_writeups(repo)


def _unscored_year(repo: Repository, year: int, registry) -> list[Problem]:
    """A year's cluster list can come before its rubric: nothing can be scored yet, but the records are still read."""
    for cluster in registry.clusters:
        repo.cluster_year(year, cluster.id)
        for period in layout.PERIODS:
            repo.period_record(year, period, cluster.id)
    line, col = registry.doc.where(("year",)) if registry.doc else (1, 1)
    return [Problem(registry.path, line, col, f"Chưa có bộ tiêu chí năm {year} (rubric/{year}.yaml): chưa tính điểm, chưa xếp hạng được các cụm năm {year}.", WARNING, code="rank.no-rubric")]


def _changed_after_agreement(ranking) -> list[Problem]:
    """Said on the submission itself, so a pull request that edits an agreed file cannot miss it."""
    found = []
    for row in ranking.rows:
        if row.status.code == "changed" and row.scores.submission is not None:
            found.append(Problem(row.scores.submission.doc.path, 1, 1, f"{row.status.label}: {row.status.reasons[0]} Đơn vị sẽ không được xét thi đua.", WARNING, code="rank.changed"))
    return found
