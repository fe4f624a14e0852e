"""The rest of the corpus: bad registries, cluster records, write-ups, misplaced submissions, and inputs made by code.

Each case is checked like those of tests/negative/ (exact lines, nothing
about any other file). Then the whole corpus, negative cases included, is
dropped into the clean repository a few cases at a time and the real `build`
must still publish the site, with every good unit on it; `build --strict`
must refuse and leave that site untouched, byte for byte.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import textwrap
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

import test_site_support as support
from corpus import CATEGORIES, BadInput, check, hostile, negative
from hostile_generated import GENERATED, SECRET
from hostile_repo import REGISTRY_2025

from site_builder.cli import main

CASES = hostile() + GENERATED
SUBMISSION = "submissions/2025/year/cum-a/bv-a.yaml"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=pytest.mark.corpus(c.category)) for c in CASES])
def test_hostile_examples(clean_repo, tmp_path, case):
    check(case, clean_repo, tmp_path)


def test_case_files_are_well_formed():
    names = [c.name for c in CASES + negative()]
    assert len(names) == len(set(names)), "two cases with one name"
    assert len(CASES) >= 70
    for case in CASES:
        assert case.category in CATEGORIES, case.name
        assert case.expect and all(case.lines()), case.name
        assert all(SECRET not in line for line in case.lines()), case.name


# ---------------------------------------------------------------- the site still builds

REGISTRY_YEARS = 2060  # a bad registry moved to a year of its own: 2060, 2061, …
RECORD_YEARS = 2030    # a bad cluster record moved to a year of its own, with a good registry: 2030, 2031, …


def _relocated(case: BadInput, n: int) -> BadInput:
    """The case moved off the places many cases share, so that all of them fit in one repository.

    A bad bv-a submission becomes that of an extra member u-NNN of cum-a (its
    unit line rewritten to match); a new write-up gets its own slug; the n-th
    bad registry or cluster record gets a year of its own. The defect stays
    what it was. Cases made by code stay where they are.
    """
    if case.content is None:
        return case
    if case.place.endswith("/bv-a.yaml"):
        unit = f"u-{n:03d}"
        content = case.content.replace(b"unit: bv-a", f"unit: {unit}".encode(), 1)
        return replace(case, place=case.place.replace("/bv-a.yaml", f"/{unit}.yaml"), content=content)
    if case.place.startswith("writeups/") and case.place.endswith("--bai-moi.md"):
        return replace(case, place=case.place.replace("--bai-moi.md", f"--bai-moi-{n:03d}.md"))
    for prefix, old, first in (("clusters/2024/registry", b"year: 2024", REGISTRY_YEARS), ("clusters/2025/cum-a/", b"year: 2025", RECORD_YEARS)):
        if case.place.startswith(prefix):
            year = first + n
            return replace(case, place=case.place.replace(prefix[:13], f"clusters/{year}", 1),
                           content=case.content.replace(old, f"year: {year}".encode(), 1))
    return case


def relocated(cases: list[BadInput]) -> list[BadInput]:
    seen: dict[str, int] = defaultdict(int)
    moved = []
    for case in cases:
        moved.append(_relocated(case, seen[case.place]))
        seen[case.place] += 1
    return moved


def _years(root: Path, cases: list[BadInput]) -> None:
    """Where a cluster record was moved: that year's rubric, and a cluster list of cum-a alone (fewer pages to build).

    A registry moved to a year of its own needs nothing: a year without a rubric is listed, not scored.
    """
    rubric = (root / "rubric/2025.yaml").read_text(encoding="utf-8")
    registry = textwrap.dedent(REGISTRY_2025).split("  - id: cum-b")[0]
    for year in sorted({int(m[1]) for c in cases for m in [re.match(r"clusters/(\d{4})/", c.place)] if m}):
        if RECORD_YEARS <= year < REGISTRY_YEARS:
            (root / f"rubric/{year}.yaml").write_text(rubric.replace("year: 2025", f"year: {year}", 1), encoding="utf-8")
            (root / f"clusters/{year}").mkdir(parents=True, exist_ok=True)
            (root / f"clusters/{year}/registry.yaml").write_text(registry.replace("year: 2025", f"year: {year}", 1), encoding="utf-8")


def _extra_members(root: Path, cases: list[BadInput]) -> None:
    """Make the u-NNN units members of cum-a, so that only their own defect counts."""
    units = sorted({m[1] for c in cases for m in [re.search(r"/(u-\d{3})\.yaml$", c.place)] if m})
    registry = root / "clusters/2025/registry.yaml"
    lines = registry.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "{id: bv-c," in line) + 1
    lines[at:at] = [f"      - {{id: {u}, name: Đơn vị {u}, kind: khac}}\n" for u in units]
    registry.write_text("".join(lines), encoding="utf-8")


def build(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["build", "--root", str(root), *args])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def everything(clean_repo, tmp_path_factory) -> Path:
    """The clean repository with every case of the corpus in it at once, committed."""
    cases = relocated(negative() + CASES)
    places = [c.place for c in cases]
    assert len(places) == len(set(places)), "two cases would write the same file"
    root = tmp_path_factory.mktemp("everything") / "repo"
    shutil.copytree(clean_repo, root, symlinks=True)
    _years(root, cases)
    _extra_members(root, cases)
    for case in cases:
        case.put(root)
    support.commit_all(root, "Mọi dữ liệu xấu của kho cùng lúc")
    return root


def test_the_site_still_builds_with_every_bad_input_at_once(everything):
    code, out = build(everything)
    assert code == 0, out
    assert "Traceback" not in out
    site = everything / "site"
    # The good units are published with their scores, whatever lies beside them.
    for unit in ("bv-b", "bv-d"):
        card = (site / f"don-vi/{unit}/2025-ca-nam.html").read_text(encoding="utf-8")
        assert "945" in card, unit
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert SECRET not in pages, "a file from outside the repository was published"
    # --strict refuses the same data and leaves the site as it was, byte for byte.
    before = support.tree(site)
    code, out = build(everything, "--strict")
    assert code == 1 and "Dừng: --strict không công bố khi dữ liệu còn lỗi" in out, out
    assert support.tree(site) == before
