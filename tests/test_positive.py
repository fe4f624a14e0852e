"""The valid examples of tests/positive/ pass, exactly as a unit would commit them."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import (DEFAULT_PLACE, POSITIVE, POSITIVE_BV_A, SELF_SCORES, fill_template,
                      new_template, place, place_example, problem_lines, run_cli, summary_counts)

EXAMPLES = sorted(POSITIVE.rglob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(POSITIVE).as_posix())
def test_positive_examples_validate_clean(repo, example):
    relpath = place_example(repo, example)
    code, out, err = run_cli("validate", relpath, cwd=repo)
    assert (problem_lines(out), summary_counts(out), code, err) == ([], (0, 0), 0, "")


def test_all_positive_examples_in_one_run(repo):
    # `validate` with no path: every file under submissions/, as CI runs it.
    paths = [place_example(repo, example) for example in EXAMPLES]
    code, out, err = run_cli("validate", "--format", "json", cwd=repo)
    report = json.loads(out)
    assert (report["errors"], report["warnings"], code, err) == (0, 0, 0, "")
    assert sorted(report["scores"]) == sorted(paths)


def test_example_is_the_filled_template(repo):
    # The committed example is what `new` prints, filled in by FILL: when the
    # template changes, this fails and the example is regenerated, never stale.
    assert POSITIVE_BV_A.read_text(encoding="utf-8") == fill_template(new_template(repo))


def test_windows_line_endings_are_fine(repo, valid_text):
    place(repo, DEFAULT_PLACE, valid_text.replace("\n", "\r\n"))
    code, out, err = run_cli("validate", DEFAULT_PLACE, cwd=repo)
    assert (problem_lines(out), summary_counts(out), code, err) == ([], (0, 0), 0, "")


def test_example_scores_as_worked_out_by_hand(repo):
    """Every score of bv-a, from FILL by the document's rules:

    1.1   100 - 1 x 2 late tasks                      = 98
    1.5   50 - 1 x 1 finding not remedied             = 49
    1.7   10 (1.7.1) + 30 - 2 x 0 (1.7.2)             = 40
    1     98 + 95.5 + 70 + 90 + 49 + 45.25 + 40 + 37.75 = 525.5
    2     tot 50 + kha 20 + tot 50 + kha 30 + trung_binh 10 = 160
    3.1   20 + (5 + 0) + 10 = 35, capped at 30        = 30
    3.2   (10 + 10 + 10) + (0.5 x 12 topics + 15)     = 30 + 21 = 51
    3.3   5 + (5 + 0 + 0.5 x 7 articles + 1 x 4 examples) = 5 + 12.5 = 17.5
    3.4   (10 - 0.25 x 3) + (10 - 1) + (0.5 x 3 + 1 x 1) + 3 (62.5 %) + 10
          = 9.25 + 9 + 2.5 + 3 + 10                   = 33.75
    3     30 + 51 + 17.5 + 33.75 + 10 + (5 + 5) + (5 + 2 + 0) = 159.25
    total 525.5 + 160 + 159.25                        = 844.75
    """
    place(repo, DEFAULT_PLACE, POSITIVE_BV_A.read_bytes())
    code, out, _ = run_cli("validate", "--format", "json", DEFAULT_PLACE, cwd=repo)
    scores = json.loads(out)["scores"][DEFAULT_PLACE]
    assert code == 0
    assert scores == {**SELF_SCORES, "1": "525.5", "2": "160", "3": "159.25"}
    # The report has no total of its own; the sections must add up to the hand total.
    assert sum(Decimal(scores[s]) for s in "123") == Decimal("844.75")
