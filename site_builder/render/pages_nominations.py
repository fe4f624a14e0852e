"""The nominations page: provincial-flag proposals, the Government-flag pick and the 20% cap, year by year."""
from __future__ import annotations

from site_builder.rank.export import nominations_data
from site_builder.rank.nominations import ROUNDING
from site_builder.render import links


def write_nominations(out, data) -> None:
    years = []
    for year in reversed(data.years):
        nominations = data.nominations[year]
        settings = data.registry(year).settings
        rankings = data.rankings[(year, "year")]
        years.append({
            "year": year, "plain": nominations_data(nominations), "settings": settings,
            "rounding": ROUNDING[settings.get("flag_rounding", "floor")][0],
            "without": [r.cluster for r in rankings if not (r.vote and r.vote.elected)],
            "clusters": len(rankings),
        })
    out.page(links.NOMINATIONS, "site/nominations.md.j2", years=years)
