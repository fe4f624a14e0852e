"""The meaning of a change: two versions of a cluster's ranking, compared unit by unit."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.history.state import ClusterState, Key, UnitState


@dataclass
class CriterionChange:
    id: str
    title: str
    max: Decimal
    self_before: Decimal | None
    self_after: Decimal | None
    cluster_before: Decimal | None
    cluster_after: Decimal | None

    @property
    def self_changed(self) -> bool:
        return self.self_before != self.self_after

    @property
    def cluster_changed(self) -> bool:
        return self.cluster_before != self.cluster_after


@dataclass
class UnitChange:
    key: Key
    unit: str
    name: str
    before: UnitState | None
    after: UnitState | None
    criteria: list[CriterionChange]
    after_agreement: bool
    agreed_on: dt.date | None

    @property
    def file_changed(self) -> bool:
        return _get(self.before, "digest") != _get(self.after, "digest")

    @property
    def changed(self) -> list[str]:
        """What moved, in the order a reader asks: the file, the scores, then where that leaves the unit."""
        moved = {
            "file": self.file_changed,
            "self": any(c.self_changed for c in self.criteria) or self.total("self_total")[0] != self.total("self_total")[1],
            "cluster": any(c.cluster_changed for c in self.criteria),
            "rank": _get(self.before, "rank") != _get(self.after, "rank"),
            "status": _get(self.before, "status") != _get(self.after, "status"),
        }
        return [what for what, yes in moved.items() if yes]

    def total(self, name: str) -> tuple[Decimal | None, Decimal | None]:
        return _get(self.before, name), _get(self.after, name)

    @property
    def self_unknown(self) -> bool:
        """A side whose file does not validate has no self scores to compare criterion by criterion."""
        return any(s is not None and s.file and not s.valid for s in (self.before, self.after))


@dataclass
class ClusterChange:
    key: Key
    name: str
    agreed_before: dt.date | None
    agreed_after: dt.date | None
    units: list[UnitChange] = field(default_factory=list)

    @property
    def after_agreement(self) -> bool:
        return any(u.after_agreement for u in self.units)


def _get(state, name):
    return getattr(state, name) if state is not None else None


def compare(key: Key, before: ClusterState | None, after: ClusterState | None) -> ClusterChange | None:
    """What changed in one cluster-period; None when nothing a reader would see did."""
    if before is None and after is None:
        return None
    shown = after or before
    agreed_before, agreed_after = _get(before, "agreed_on"), _get(after, "agreed_on")
    result = ClusterChange(key, shown.name, agreed_before, agreed_after)
    ids = list(shown.units) + [u for u in (before.units if before else {}) if u not in shown.units]
    for unit in ids:
        old, new = (state.units.get(unit) if state else None for state in (before, after))
        if old is not None and old is new:
            continue  # the same state, kept by history/state.Memo: nothing moved
        change = _unit(key, unit, before, after)
        if change.changed and not _merely_listed(change):
            result.units.append(change)
    if not result.units and agreed_before == agreed_after:
        return None
    return result


def _merely_listed(change: UnitChange) -> bool:
    """A unit that only appears in (or leaves) the registry, with nothing submitted or scored, is no score change."""
    side = change.after if change.before is None else change.before if change.after is None else None
    return side is not None and not side.file and not side.cluster_scores


def _unit(key: Key, unit: str, before: ClusterState | None, after: ClusterState | None) -> UnitChange:
    old = before.units.get(unit) if before else None
    new = after.units.get(unit) if after else None
    rubrics = [s.rubric for s in (after, before) if s is not None]
    change = UnitChange(key, unit, (new or old).name, old, new, [], False, _get(before, "agreed_on"))
    change.criteria = _criteria(rubrics, old, new, with_self=not change.self_unknown)
    # Any figure counts, whoever moved it: the unit's file, the cluster's scores, or a rubric or refinement change.
    figures = change.file_changed or any(c.self_changed or c.cluster_changed for c in change.criteria)
    change.after_agreement = change.agreed_on is not None and figures
    return change


def _criteria(rubrics, old: UnitState | None, new: UnitState | None, with_self: bool) -> list[CriterionChange]:
    """The criteria whose self or cluster score moved, in rubric order (the newer rubric's first).

    Only ids that carry a score on either side can move: they are found from the
    scores themselves, and the rubric is walked only when one did (most units a
    commit re-ranks moved in rank alone)."""
    moved = _moved(old, new, "cluster_scores")
    if with_self:
        moved |= _moved(old, new, "self_scores")
    if not moved:
        return []
    found, seen = [], set()
    for rubric in rubrics:
        for cid, criterion in rubric.by_id.items():
            if cid in seen or cid not in moved:
                continue
            seen.add(cid)
            found.append(CriterionChange(cid, criterion.title, criterion.max,
                                         _score(old, "self_scores", cid) if with_self else None,
                                         _score(new, "self_scores", cid) if with_self else None,
                                         _score(old, "cluster_scores", cid), _score(new, "cluster_scores", cid)))
    return found


def _moved(old: UnitState | None, new: UnitState | None, which: str) -> set[str]:
    before = getattr(old, which) if old is not None else {}
    after = getattr(new, which) if new is not None else {}
    if before == after:
        return set()
    return {cid for cid in before.keys() | after.keys() if before.get(cid) != after.get(cid)}


def _score(state: UnitState | None, which: str, cid: str) -> Decimal | None:
    return getattr(state, which).get(cid) if state is not None else None
