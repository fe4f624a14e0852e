"""A unit's self and cluster scores for one period, per criterion, section and total."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from pathlib import Path

from site_builder.load.registry import Unit
from site_builder.load.rubric import Rubric
from site_builder.numbers import ZERO
from site_builder.score.tree import roll_up, total
from site_builder.validate.submission_check import CheckedSubmission


def digest(path: Path) -> str:
    """What the agreement records: the exact bytes the cluster checked.

    A symbolic link is hashed as the link itself, never followed: what it
    points to may be anything on the machine running CI (the loader refuses it anyway).
    """
    path = Path(path)
    content = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return "sha256:" + hashlib.sha256(content).hexdigest()


@dataclass
class UnitScores:
    """The totals are worked out once, on first use: unit_scores sets every field before anyone asks, and
    a ranking asks for them at every comparison of its sort (and the history replay, at every commit)."""

    unit: Unit
    rubric: Rubric
    submission: CheckedSubmission | None = None
    digest: str | None = None
    self_scores: dict[str, Decimal] = field(default_factory=dict)
    cluster_scores: dict[str, Decimal] = field(default_factory=dict)
    unscored: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        return self.submission is not None

    @property
    def valid(self) -> bool:
        return self.submission is not None and self.submission.ok and bool(self.self_scores)

    @cached_property
    def self_total(self) -> Decimal | None:
        return total(self.rubric, self.self_scores) if self.valid else None

    @property
    def cluster_complete(self) -> bool:
        return bool(self.cluster_scores) and not self.unscored

    @cached_property
    def cluster_total(self) -> Decimal | None:
        return total(self.rubric, self.cluster_scores) if self.cluster_complete else None

    @property
    def provisional(self) -> bool:
        """True while the figure that counts is still the unit's own."""
        return not self.cluster_complete

    @cached_property
    def counted_total(self) -> Decimal | None:
        return self.cluster_total if self.cluster_complete else self.self_total

    @property
    def difference(self) -> Decimal | None:
        if self.cluster_total is None or self.self_total is None:
            return None
        return self.cluster_total - self.self_total

    def section(self, section_id: str) -> tuple[Decimal | None, Decimal | None]:
        own = self.self_scores.get(section_id, ZERO) if self.valid else None
        theirs = self.cluster_scores.get(section_id, ZERO) if self.cluster_complete else None
        return own, theirs


def unit_scores(unit: Unit, rubric: Rubric, submission: CheckedSubmission | None, cluster_leaves: dict[str, Decimal] | None, notes: dict[str, str] | None) -> UnitScores:
    result = UnitScores(unit, rubric, submission, notes=dict(notes or {}))
    if submission is not None:
        # The loader hashed the very bytes it read; a file it refused (a link) is hashed as the link.
        result.digest = submission.doc.digest or digest(submission.file)
        result.self_scores = submission.scores if submission.ok else {}
    if cluster_leaves:
        known = {cid: v for cid, v in cluster_leaves.items() if cid in rubric.by_id and rubric.by_id[cid].is_leaf}
        result.cluster_scores = roll_up(rubric, known)
        result.unscored = [c.id for c in rubric.leaves if c.id not in known]
    return result
