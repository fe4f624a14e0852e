"""Every bad input of tests/negative/, validated where a unit would commit it.

The expectation of each case is written in the case itself (its header) or,
for byte-level defects, in tests/negative/expectations.yaml.
"""
from __future__ import annotations

import pytest

from conftest import matches, negative_cases, place, problem_lines, run_cli, summary_counts

CASES = negative_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_negative_examples(repo, case):
    place(repo, case.place, case.path.read_bytes())
    code, out, err = run_cli("validate", case.place, cwd=repo)
    lines = problem_lines(out)
    for expected in case.expect:
        assert any(matches(line, case.place, expected) for line in lines), f"{expected!r} not in:\n{out}"
    # Nothing extra: one line per expected problem, then the summary.
    assert len(lines) == len(case.expect), out
    assert (summary_counts(out), code, err) == (case.counts, case.exit_code, "")


def test_case_files_are_well_formed():
    # A typo in a header ("# expext:") ends the header early and leaves a case
    # expecting nothing; a case deleted by mistake shows in the count.
    assert len(CASES) >= 43
    assert all(c.expect and all(e.split(" ", 1)[0].replace(":", "").isdigit() for e in c.expect) for c in CASES)
