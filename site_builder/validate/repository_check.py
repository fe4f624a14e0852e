"""Everything `validate` checks beyond single submissions: registries, cluster records, refinements."""
from __future__ import annotations

from site_builder.load.repository import Repository
from site_builder.problems import WARNING, Problem
from site_builder.rank.ranking import rank_year
from site_builder.validate.writeup_check import check_writeups


def check_repository(repo: Repository) -> list[Problem]:
    """Problems of every year's registry and cluster records (loading them records their problems), and of the write-ups."""
    found: list[Problem] = []
    for year in repo.years:
        repo.rubrics.get(year)
        if repo.registry(year) is None:
            continue
        for period in ("h1", "year"):
            for ranking in rank_year(repo, year, period):
                found += ranking.problems + _changed_after_agreement(ranking)
    return found + check_writeups(repo)


def _changed_after_agreement(ranking) -> list[Problem]:
    """Said on the submission itself, so a pull request that edits an agreed file cannot miss it."""
    found = []
    for row in ranking.rows:
        if row.status.code == "changed" and row.scores.submission is not None:
            found.append(Problem(row.scores.submission.doc.path, 1, 1, f"{row.status.label}: {row.status.reasons[0]} Đơn vị sẽ không được xét thi đua.", WARNING, code="rank.changed"))
    return found
