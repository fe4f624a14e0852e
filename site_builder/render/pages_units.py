"""Units: the index of units, each unit's page, and its scorecard per year and period.

Scorecards are reached from tables (ranking, unit page), never from the
navigation, so the menu stays the same size with 30 or 3,000 of them.
"""
from __future__ import annotations

from site_builder.layout import PERIOD_NAMES
from site_builder.rank.export import row_data
from site_builder.render import links
from site_builder.render.history_view import authors, entry_anchor
from site_builder.render.pages_cluster import has_card
from site_builder.render.scorecard_rows import CardRows


def _counted(scores, section_id: str):
    own, theirs = scores.section(section_id)
    return theirs if theirs is not None else own


def comparisons(data, unit: str, year: int, period: str, sections) -> list[dict]:
    """This period beside the previous period and the same period a year earlier."""
    earlier = (year, "h1") if period == "year" else (year - 1, "year")
    places = [("Kỳ này", (year, period)), ("Kỳ trước", earlier), ("Cùng kỳ năm trước", (year - 1, period))]
    found = []
    for label, (y, p) in places:
        ranking, row = data.row_of(y, p, unit)
        if row is None:
            continue
        found.append({"label": label, "year": y, "period": p, "period_name": PERIOD_NAMES[p], "row": row,
                      "sections": [_counted(row.scores, s.id) if s.id in row.scores.rubric.by_id else None for s in sections],
                      "card": links.scorecard(unit, y, p) if has_card(row) and (y, p) != (year, period) else None})
    return found


def write_scorecard(out, data, ranking, row, card_rows: CardRows | None = None) -> None:
    year, period, unit = ranking.year, ranking.period, row.unit
    here = links.scorecard(unit.id, year, period)
    mine = data.writeups_of(unit.id, year)
    base = data.repo.rubric(year)
    anchor = links.anchor_in(base, ranking.rubric)
    card_rows = card_rows or CardRows()
    evidence_titles = []
    sections = [(s, card_rows.section(here, s, row.scores, lambda cid: [w for w in mine if cid in w.criteria],
                                      links.rubric_page(year), anchor, evidence_titles, (base, ranking.rubric)))
                for s in ranking.rubric.sections]
    out.page(
        here, "site/scorecard.md.j2",
        year=year, period=period, period_name=PERIOD_NAMES[period], ranking=ranking, row=row,
        plain=row_data(row, ranking), unit=unit, sections=sections, evidence_titles=evidence_titles, writeups=mine,
        compare=comparisons(data, unit.id, year, period, ranking.rubric.sections),
        history=data.changes, timeline=data.changes.timeline(unit.id, year, period),
        authors=authors, anchor_of=entry_anchor, cell=card_rows.cell,
    )


# When two processes write the pages (publish/generate.py), the other one takes one unit in this many
# beside the open data and change logs: on the stress repository, with one in 8 it ended 2 s after this
# one, with one in 16 a second before.
ASIDE_SHARE = 12


def write_units(out, data, aside: bool | None = None) -> None:
    """The units' pages and scorecards: all of them (None), or the other process's share (True), or
    the rest and the index of units (False)."""
    units = data.units()
    latest = data.years[-1]
    if not aside:
        clusters = data.registry(latest).clusters
        former = [u for u, c, y in units.values() if y != latest]
        out.page(links.UNITS, "site/units.md.j2", latest=latest, clusters=clusters, former=former,
                 former_years={u.id: units[u.id][2] for u in former})
    card_rows = CardRows()
    for number, (unit_id, (unit, cluster, _)) in enumerate(units.items()):
        if aside is not None and aside != (number % ASIDE_SHARE == 0):
            continue
        history = [(y, p, PERIOD_NAMES[p], r, row, has_card(row)) for y, p, r, row in data.history(unit_id)]
        if not data.kept_unit(unit_id):
            out.page(links.unit_page(unit_id), "site/unit.md.j2", unit=unit, cluster=cluster,
                     history=list(reversed(history)), writeups=data.writeups_of(unit_id))
        for year, period, _, ranking, row, card in history:
            if card and not data.kept(year, ranking.cluster.id):
                write_scorecard(out, data, ranking, row, card_rows)
