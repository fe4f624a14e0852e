"""Properties of the score engine and the ranking, over generated inputs (hypothesis).

The number of examples is bounded for CI; `HYPOTHESIS_PROFILE=long pytest
tests/test_engine_properties.py` runs the longer search.
"""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from repo_builder import MAIN

from site_builder.load.registry import Unit
from site_builder.load.rubric import load_rubric
from site_builder.rank.ranking import Row, order
from site_builder.rank.status import LABELS, Status
from site_builder.score.rules import leaf_score
from site_builder.score.tree import roll_up, total
from site_builder.score.unit import UnitScores

RUBRIC, _ = load_rubric(MAIN / "rubric" / "2025.yaml", "rubric/2025.yaml")
COUNTS = st.integers(min_value=0, max_value=10_000)


def entry(criterion):
    rule, kind = criterion.rule, criterion.rule["type"]
    if kind == "assessed":
        quarters = st.integers(min_value=0, max_value=int(criterion.max * 4))
        scores = quarters.map(lambda n: {"score": Decimal(n) / 4})
        return st.one_of(scores, st.just({"not_applicable": True})) if "not_applicable" in rule else scores
    if kind == "done":
        return st.booleans().map(lambda b: {"done": b})
    if kind == "levels":
        keys = [lv["key"] for lv in rule["levels"]] + [rule["below"]["key"]]
        return st.sampled_from(keys).map(lambda k: {"level": k})
    if kind == "tiers":
        return st.decimals(min_value=0, max_value=100, places=2).map(lambda p: {rule["input"]["key"]: p})
    keys = [i["key"] for i in rule["items"]] if kind == "per_item" else [rule["item"]["key"]]
    return st.fixed_dictionaries({k: COUNTS for k in keys})


SUBMISSIONS = st.fixed_dictionaries({c.id: entry(c) for c in RUBRIC.leaves})


def scores_of(entries):
    return roll_up(RUBRIC, {c.id: leaf_score(c, entries[c.id]) for c in RUBRIC.leaves})


@given(SUBMISSIONS)
def test_no_score_leaves_zero_to_max_and_parents_sum_capped(entries):
    scores = scores_of(entries)
    for c in RUBRIC.by_id.values():
        assert Decimal(0) <= scores[c.id] <= c.max
        if c.children:
            assert scores[c.id] == min(c.max, sum(scores[k.id] for k in c.children))
    assert total(RUBRIC, scores) == sum(scores[s.id] for s in RUBRIC.sections)
    assert total(RUBRIC, scores) <= RUBRIC.max_total


@given(SUBMISSIONS)
def test_scores_stay_exact_quarter_steps(entries):
    # Every rule of the document moves in steps of 0.25 (0.5 per item, 0.25 per day):
    # with Decimal arithmetic the totals never pick up binary-float noise.
    for value in scores_of(entries).values():
        assert (value * 4) == (value * 4).to_integral_value()


def row(unit_id, leaves, status):
    unit = Unit(unit_id, unit_id.upper(), "benh-vien")
    scores = UnitScores(unit, RUBRIC, cluster_scores=roll_up(RUBRIC, leaves))
    return Row(scores, Status(status, []))


LEAVES = st.fixed_dictionaries({c.id: st.sampled_from([Decimal(0), c.max / 2, c.max]) for c in RUBRIC.leaves})
# Units drawn from a pool of at most three score sets, so that ties are frequent.
ROWS = st.lists(LEAVES, min_size=1, max_size=3).flatmap(
    lambda pool: st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(sorted(LABELS))), min_size=1, max_size=8)
).map(lambda items: [row(f"u{i}", leaves, status) for i, (leaves, status) in enumerate(items)])


@given(ROWS, st.randoms())
def test_ranking_is_independent_of_the_order_of_files(rows, random):
    expected = [(r.unit.id, r.rank, r.tied) for r in order(list(rows))]
    shuffled = list(rows)
    random.shuffle(shuffled)
    for r in shuffled:
        r.rank, r.tied = None, False
    assert [(r.unit.id, r.rank, r.tied) for r in order(shuffled)] == expected
    ranked = [r for r in order(shuffled) if r.rank]
    assert all(r.status.code == "eligible" for r in ranked)
    assert all(a.scores.counted_total >= b.scores.counted_total for a, b in zip(ranked, ranked[1:]))
