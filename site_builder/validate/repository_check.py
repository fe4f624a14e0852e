"""Everything `validate` checks beyond single submissions: registries, cluster records, refinements."""
from __future__ import annotations

from site_builder.load.repository import Repository
from site_builder.problems import Problem
from site_builder.rank.ranking import rank_year


def check_repository(repo: Repository) -> list[Problem]:
    """Problems of every year's registry and cluster records (loading them records their problems)."""
    found: list[Problem] = []
    for year in repo.years:
        repo.rubrics.get(year)
        if repo.registry(year) is None:
            continue
        for period in ("h1", "year"):
            found += [p for ranking in rank_year(repo, year, period) for p in ranking.problems]
    return found
