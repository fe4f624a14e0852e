"""Every bad submission of tests/negative/, dropped where a unit would commit it into the clean corpus repository.

The expectation of each case is written in the case itself (its header) or,
for byte-level defects and the categories of the older cases, in
tests/negative/expectations.yaml. `validate` must print exactly the expected
lines, about that file only: the rest of the repository validates unchanged.
"""
from __future__ import annotations

import pytest

from corpus import CATEGORIES, check, negative

CASES = negative()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=pytest.mark.corpus(c.category)) for c in CASES])
def test_negative_examples(clean_repo, tmp_path, case):
    check(case, clean_repo, tmp_path)


def test_case_files_are_well_formed():
    # A typo in a header ("# expext:") ends the header early and leaves a case
    # expecting nothing; a case deleted by mistake shows in the count.
    assert len(CASES) >= 43
    for case in CASES:
        assert case.category in CATEGORIES, case.name
        assert case.expect and all(case.lines()), case.name
