"""Everything the pages show, computed once: every year's rankings and nominations, and the write-ups."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from site_builder import layout
from site_builder.load.repository import Repository
from site_builder.problems import Problem
from site_builder.rank.nominations import Nominations, nominate
from site_builder.rank.ranking import ClusterRanking, rank_year
from site_builder.render.history_view import NOT_READ, SiteHistory
from site_builder.validate.writeup_check import checked_writeups


@dataclass
class SiteData:
    repo: Repository
    as_of: dt.date
    commit: object  # publish.gitinfo.Commit
    years: list[int]
    rankings: dict[tuple[int, str], list[ClusterRanking]]
    nominations: dict[int, Nominations]
    writeups: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The score changes from git; the build sets them. Whoever generates pages without it gets the notice.
    changes: SiteHistory = field(default_factory=lambda: SiteHistory.hidden(NOT_READ))
    # The years whose pages the last build wrote and may keep (publish/year_reuse.py); generation sets it.
    reuse: object = None

    def kept(self, year: int, cluster: str | None = None) -> bool:
        """The pages of that year (its change logs, open data), or of that cluster in that year (scorecards,
        ranking pages), are the last build's."""
        return self.reuse is not None and self.reuse.keeps(year, cluster)

    def kept_unit(self, unit: str) -> bool:
        """The unit's own page (its results in every year) is the last build's."""
        return self.reuse is not None and self.reuse.keeps_unit(unit)

    def registry(self, year: int):
        return self.repo.registry(year)

    def has_data(self, year: int, period: str) -> bool:
        """A period exists once a cluster record or a single submission for it does."""
        root = self.repo.root
        return any(layout.cluster_period_path(root, year, period, c.id).exists()
                   or any(layout.submission_path(root, year, period, c.id, u).exists() for u in c.member_ids)
                   for c in self.registry(year).clusters)

    # The data does not change during a build; every unit page asks for these (and has_data stats
    # every submission path): computed once, or the build grows with the square of the units.
    @cached_property
    def current(self) -> tuple[int, str]:
        """The latest period with data: what the home page speaks of."""
        filled = [(y, p) for y in self.years for p in layout.PERIODS if self.has_data(y, p)]
        return filled[-1] if filled else (self.years[-1], layout.PERIODS[0])

    @cached_property
    def periods(self) -> list[tuple[int, str]]:
        current = self.current
        return [(y, p) for y in self.years for p in layout.PERIODS if self.has_data(y, p) or (y, p) == current]

    def ranking(self, year: int, period: str, cluster: str) -> ClusterRanking | None:
        return next((r for r in self.rankings.get((year, period), []) if r.cluster.id == cluster), None)

    def row_of(self, year: int, period: str, unit: str):
        """The unit's ranking and row in a period, or (None, None)."""
        return self._rows.get((year, period, unit), (None, None))

    @cached_property
    def _rows(self) -> dict[tuple[int, str, str], tuple]:
        # Asked three times per scorecard: a scan of every ranking each time was quadratic.
        found = {}
        for (year, period), rankings in self.rankings.items():
            for ranking in rankings:
                for row in ranking.rows:
                    found.setdefault((year, period, row.unit.id), (ranking, row))
        return found

    def history(self, unit: str) -> list[tuple[int, str, ClusterRanking, object]]:
        found = []
        for year, period in self.periods:
            ranking, row = self.row_of(year, period, unit)
            if row is not None:
                found.append((year, period, ranking, row))
        return found

    def units(self) -> dict[str, tuple]:
        """Every unit of any year: id → (unit, cluster, year) as of the latest year it appears."""
        found = {}
        for year in self.years:
            for cluster in self.registry(year).clusters:
                for unit in cluster.members:
                    found[unit.id] = (unit, cluster, year)
        return found

    def writeups_of(self, unit: str, year: int | None = None) -> list:
        return [w for w in self.writeups if w.unit == unit and (year is None or w.year == year)]

    def writeups_for(self, year: int, criterion: str) -> list:
        return [w for w in self.writeups if w.year == year and criterion in w.criteria]


def collect(root: Path, as_of: dt.date, commit) -> SiteData:
    repo = Repository(root)
    years = [y for y in repo.years if repo.registry(y) is not None]
    rankings = {(y, p): rank_year(repo, y, p, as_of) for y in years for p in layout.PERIODS}
    nominations = {y: nominate(y, rankings[(y, "year")], repo.registry(y).settings) for y in years}
    writeups, writeup_problems = checked_writeups(repo)
    writeups.sort(key=lambda w: (w.date, w.key), reverse=True)
    found = repo.problems + [p for rs in rankings.values() for r in rs for p in r.problems] + writeup_problems
    return SiteData(repo, as_of, commit, years, rankings, nominations, writeups, list(dict.fromkeys(found)))
