"""Leaf scores up to totals: a parent is the sum of its children, capped at its maximum."""
from __future__ import annotations

from decimal import Decimal

from site_builder.load.rubric import Criterion, Rubric
from site_builder.numbers import ZERO
from site_builder.score.rules import clamp


def roll_up(rubric: Rubric, leaves: dict[str, Decimal]) -> dict[str, Decimal]:
    """Scores of every criterion and section from the leaf scores given.

    A criterion none of whose leaves has a score is left out, so that a missing
    figure is never silently read as zero.
    """
    scores: dict[str, Decimal] = {}
    for section in rubric.sections:
        _fill(section, leaves, scores)
    return scores


def _fill(node: Criterion, leaves: dict[str, Decimal], scores: dict[str, Decimal]) -> None:
    if node.is_leaf:
        if node.id in leaves:
            scores[node.id] = clamp(leaves[node.id], node.max)
        return
    for child in node.children:
        _fill(child, leaves, scores)
    present = [scores[c.id] for c in node.children if c.id in scores]
    if present:
        scores[node.id] = clamp(sum(present, ZERO), node.max)


def total(rubric: Rubric, scores: dict[str, Decimal]) -> Decimal:
    return sum((scores.get(s.id, ZERO) for s in rubric.sections), ZERO)
