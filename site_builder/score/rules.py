"""Each rule type of the rubric, from a criterion's inputs to its exact score."""
from __future__ import annotations

from decimal import Decimal

from site_builder.load.rubric import Criterion
from site_builder.numbers import D, ZERO


def leaf_score(criterion: Criterion, entry: dict) -> Decimal:
    """The score the rule gives; never below 0 nor above the maximum."""
    rule = criterion.rule
    if entry.get("not_applicable") is True and "not_applicable" in rule:
        return criterion.max
    raw = _RULES[rule["type"]](rule, entry, criterion.max)
    return clamp(raw, criterion.max)


def clamp(value: Decimal, maximum: Decimal) -> Decimal:
    return min(max(value, ZERO), maximum)


def _assessed(rule, entry, maximum):
    return D(entry["score"])


def _levels(rule, entry, maximum):
    points = {lv["key"]: D(lv["points"]) for lv in rule["levels"]}
    return points.get(entry["level"], ZERO)


def _done(rule, entry, maximum):
    return maximum if entry["done"] is True else ZERO


def _per_item(rule, entry, maximum):
    total = sum((D(item["points"]) * entry[item["key"]] for item in rule["items"]), ZERO)
    return min(total, D(rule.get("cap", maximum)))


def _deduction(rule, entry, maximum):
    taken = D(rule["per"]) * entry[rule["item"]["key"]]
    if "max_deduction" in rule:
        taken = min(taken, D(rule["max_deduction"]))
    return maximum - taken


def _tiers(rule, entry, maximum):
    value = D(entry[rule["input"]["key"]])
    reached = [t for t in rule["tiers"] if value >= D(t["from"])]
    return D(reached[-1]["points"]) if reached else ZERO


_RULES = {
    "assessed": _assessed, "levels": _levels, "done": _done,
    "per_item": _per_item, "deduction": _deduction, "tiers": _tiers,
}


def highest(criterion: Criterion) -> Decimal:
    """The most a criterion's rule can give, before the cap at its maximum."""
    if criterion.children:
        return sum((c.max for c in criterion.children), ZERO)
    rule = criterion.rule
    kind = rule["type"]
    if kind == "levels":
        return max(D(lv["points"]) for lv in rule["levels"])
    if kind == "tiers":
        return max(D(t["points"]) for t in rule["tiers"])
    if kind == "per_item" and "cap" in rule:
        return D(rule["cap"])
    return criterion.max
