"""Rankings and nominations as plain data: what `rank --format json` prints and the site publishes."""
from __future__ import annotations

from decimal import Decimal

from site_builder.layout import PERIOD_NAMES
from site_builder.numbers import fmt_date, fmt_yaml


def _num(value: Decimal | None):
    return None if value is None else fmt_yaml(value)


def row_data(row, ranking) -> dict:
    s = row.scores
    return {
        "rank": row.rank, "tied": row.tied, "unit": row.unit.id, "name": row.unit.name, "kind": row.unit.kind_name,
        "self_total": _num(s.self_total), "cluster_total": _num(s.cluster_total), "counted_total": _num(s.counted_total),
        "difference": _num(s.difference), "provisional": s.provisional and s.valid,
        "unscored": len(s.unscored) if s.cluster_scores else None,
        "sections": {sec.id: dict(zip(("self", "cluster"), map(_num, s.section(sec.id)))) for sec in ranking.rubric.sections},
        "status": row.status.code, "status_label": row.status.label, "reasons": row.status.reasons,
    }


def ranking_data(ranking) -> dict:
    c, record = ranking.cluster, ranking.record
    vote = ranking.vote
    return {
        "year": ranking.year, "period": ranking.period, "period_name": PERIOD_NAMES[ranking.period],
        "cluster": c.id, "cluster_name": c.name, "head": c.head, "deputy": c.deputy,
        "members": [{"unit": u.id, "name": u.name, "kind": u.kind_name} for u in c.members],
        "refined": ranking.rubric.cluster is not None,
        "agreed_on": fmt_date(record.agreed_on) if record and record.agreed else None,
        "rows": [row_data(r, ranking) for r in ranking.rows],
        "vote": None if vote is None else {
            "date": fmt_date(vote.date), "voters": vote.voters, "votes": vote.votes, "elected": vote.elected,
            "absent": vote.absent, "notes": vote.notes,
        },
        "warnings": ranking.warnings,
    }


def nominations_data(nominations) -> dict:
    def proposal(p):
        return None if p is None else {"cluster": p.cluster, "cluster_name": p.cluster_name, "unit": p.unit, "name": p.unit_name,
                                       "votes": p.votes, "total": _num(p.total), "rank": p.rank}
    return {
        "year": nominations.year, "provincial_flag": [proposal(p) for p in nominations.provincial],
        "government_flag": proposal(nominations.government), "cap": nominations.cap,
        "cap_arithmetic": nominations.cap_arithmetic, "notes": nominations.notes,
        "warnings": nominations.warnings, "errors": nominations.errors,
    }
