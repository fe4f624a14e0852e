"""The home page (the current period at a glance, what is missing) and the ranking index pages."""
from __future__ import annotations

from site_builder.layout import PERIOD_NAMES
from site_builder.rank.meeting import deadline
from site_builder.render import links
from site_builder.render.history_view import authors, entry_anchor

RECENT = 5  # changes listed on the home page; the feed has more


def _elected(data):
    """The latest year whose clusters voted, with each cluster's ranking: the tops a visitor looks for."""
    for year in reversed(data.years):
        rankings = data.rankings[(year, "year")]
        if any(r.vote and r.vote.elected for r in rankings):
            return year, rankings
    return None, []


def _deadlines(data, year: int, rankings_by_period) -> list[dict]:
    found = []
    for period in ("h1", "year"):
        due = deadline(year, period)
        rankings = rankings_by_period.get(period, [])
        held = [r for r in rankings if r.record and r.record.meeting]
        found.append({"period": period, "name": PERIOD_NAMES[period], "due": due, "passed": data.as_of >= due,
                      "held": len(held), "clusters": len(rankings),
                      "warnings": [(r.cluster, w) for r in rankings for w in r.warnings]})
    return found


def write_home(out, data) -> None:
    year, period = data.current
    rankings = data.rankings[(year, period)]
    elected_year, elected = _elected(data)
    out.page(
        links.HOME, "site/home.md.j2",
        year=year, period=period, period_name=PERIOD_NAMES[period], rankings=rankings,
        department=data.registry(year).department,
        missing=[(r, row) for r in rankings for row in r.rows if row.status.code == "not_submitted"],
        not_agreed=[r for r in rankings if not r.agreed],
        elected_year=elected_year, elected=elected,
        deadlines=_deadlines(data, year, {p: data.rankings[(year, p)] for p in ("h1", "year")}),
        writeups=data.writeups[:3],
        history=data.changes, recent=data.changes.recent(RECENT), authors=authors, anchor_of=entry_anchor,
    )


def write_rankings(out, data) -> None:
    out.page(links.RANKINGS, "site/rankings.md.j2",
             periods=[(y, p, PERIOD_NAMES[p], data.rankings[(y, p)]) for y, p in reversed(data.periods)])
    for year, period in data.periods:
        out.page(links.period_page(year, period), "site/period.md.j2", year=year, period=period,
                 period_name=PERIOD_NAMES[period], rankings=data.rankings[(year, period)])
