"""A cluster's page for one year and period: the ranking table, its chart, members, vote and meeting."""
from __future__ import annotations

from site_builder.layout import PERIOD_NAMES
from site_builder.rank.export import ranking_data
from site_builder.rank.meeting import deadline
from site_builder.render import links
from site_builder.render.chart import bar_chart
from site_builder.render.history_view import entry_anchor
from site_builder.render.markdown_safe import safe_html


def has_card(row) -> bool:
    """A scorecard is published for what was submitted or scored, not for a blank."""
    return row.scores.submitted or bool(row.scores.cluster_scores)


def unit_links(ranking) -> dict[str, str]:
    """Each unit of the table leads to its scorecard, or to its own page when it has none."""
    return {row.unit.id: links.scorecard(row.unit.id, ranking.year, ranking.period) if has_card(row) else links.unit_page(row.unit.id)
            for row in ranking.rows}


def write_cluster(out, data, ranking) -> None:
    year, period, cluster = ranking.year, ranking.period, ranking.cluster
    source = links.cluster_page(year, period, cluster.id)
    plain = ranking_data(ranking)
    record = ranking.record
    chart = out.render(source, "site/chart.svg.j2", chart=bar_chart(ranking), cluster=cluster.id, cluster_name=cluster.name)
    vote = ranking.vote
    out.page(
        source, "site/cluster.md.j2",
        year=year, period=period, period_name=PERIOD_NAMES[period], ranking=ranking,
        rows=list(zip(ranking.rows, plain["rows"])), unit_links=unit_links(ranking), chart=chart,
        covenant=ranking.year_record if ranking.year_record and ranking.year_record.signed is not None else None,
        vote=vote, vote_rows=sorted(vote.votes.items(), key=lambda kv: (-kv[1], kv[0])) if vote else [],
        names={u.id: u.name for u in cluster.members}, due=deadline(year, period),
        meeting=record.meeting if record else None,
        minutes=safe_html(record.meeting.minutes) if record and record.meeting else "",
        others=_others(data, ranking),
        history=data.changes, late=late_changes(data, ranking), anchor_of=entry_anchor,
    )


def late_changes(data, ranking) -> dict[str, list[tuple[dict, str | None]]]:
    """Per unit, its changes made after the cluster agreed the scores, each with the scorecard whose
    timeline tells it (the local link when the forge is not known), or None when there is no scorecard."""
    found = {}
    for row in ranking.rows:
        card = links.scorecard(row.unit.id, ranking.year, ranking.period) if has_card(row) else None
        found[row.unit.id] = [(e, card) for e in data.changes.after_agreement(row.unit.id, ranking.year, ranking.period)]
    return found


def _others(data, ranking) -> list[tuple[str, str]]:
    """The same cluster in the other periods the site has, where it still exists."""
    found = []
    for year, period in data.periods:
        if (year, period) != (ranking.year, ranking.period) and data.ranking(year, period, ranking.cluster.id):
            found.append((f"Năm {year}, {PERIOD_NAMES[period]}", links.cluster_page(year, period, ranking.cluster.id)))
    return found


def write_clusters(out, data) -> None:
    for year, period in data.periods:
        for ranking in data.rankings[(year, period)]:
            if not data.kept(year, ranking.cluster.id):
                write_cluster(out, data, ranking)
