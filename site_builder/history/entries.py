"""A cluster's change as plain data: what the step cache keeps and the site shows, without the commit."""
from __future__ import annotations

from decimal import Decimal

from site_builder.history.compare import ClusterChange, UnitChange
from site_builder.layout import PERIOD_NAMES
from site_builder.numbers import fmt_date, fmt_yaml


def cluster_data(change: ClusterChange) -> dict:
    """A cluster entry without its commit: plain JSON, as the cache keeps it."""
    year, period, cluster = change.key
    head = {"year": year, "period": period, "period_name": PERIOD_NAMES.get(period, period),
            "cluster": cluster, "cluster_name": change.name}
    return {**head, "agreed_on": _pair(change.agreed_before, change.agreed_after, fmt_date),
            "agreement_recorded": change.agreed_after is not None and change.agreed_after != change.agreed_before,
            "after_agreement": change.after_agreement,
            "units": [unit_data(head, u) for u in change.units]}


def unit_data(head: dict, u: UnitChange) -> dict:
    b, a = u.before, u.after
    return {
        **head, "unit": u.unit, "name": u.name, "changed": u.changed,
        "file": _pair(_get(b, "file"), _get(a, "file")), "valid": _pair(_valid(b), _valid(a)),
        "criteria": [{"id": c.id, "title": c.title, "max": _num(c.max),
                      "self": _numbers(c.self_before, c.self_after), "cluster": _numbers(c.cluster_before, c.cluster_after)}
                     for c in u.criteria],
        **{name: _numbers(*u.total(name)) for name in ("self_total", "cluster_total", "counted_total")},
        "rank": _pair(_get(b, "rank"), _get(a, "rank")), "tied": _pair(_get(b, "tied"), _get(a, "tied")),
        "status": _pair(_get(b, "status"), _get(a, "status")),
        "status_label": _pair(_get(b, "status_label"), _get(a, "status_label")),
        "reasons": list(_get(a, "reasons") or []),
        "after_agreement": u.after_agreement, "agreed_on": fmt_date(u.agreed_on) or None,
    }


def _valid(state) -> bool | None:
    """None where there is no file at all: not submitted is not the same as invalid."""
    return state.valid if state is not None and state.file else None


def _get(state, name):
    return getattr(state, name) if state is not None else None


def _pair(before, after, show=lambda v: v) -> dict:
    return {"before": None if before is None else show(before), "after": None if after is None else show(after)}


# A replay writes a million figures, nearly all the same few hundred scores: each is formatted once.
# Equal Decimals print the same (1.50 and 1.5 as 1.5), except zero's sign (-0): zero is not kept.
_WRITTEN: dict[Decimal, str] = {}


def _num(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if type(value) is not Decimal or value.is_zero() or not value.is_finite():
        return fmt_yaml(value)
    written = _WRITTEN.get(value)
    if written is None:
        written = fmt_yaml(value)
        if len(_WRITTEN) < 65536:
            _WRITTEN[value] = written
    return written


def _numbers(before: Decimal | None, after: Decimal | None) -> dict:
    difference = after - before if before is not None and after is not None else None
    return {"before": _num(before), "after": _num(after), "difference": _num(difference)}
