"""A stress-sized example repository, deterministic from a seed (`python -m site_builder demo`).

N clusters × 15 units × 2 periods × Y years of valid submissions and cluster
records, the real rubric copied for each year, the generated schemas, and a
git history of pull-request-like commits made by one `git fast-import`.
The benchmarks (bench/run.py) build and check it; the tests build a tiny one.
"""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from site_builder import layout
from site_builder.demo import records
from site_builder.demo.fastimport import write_history
from site_builder.demo.names import UNITS_PER_CLUSTER, clusters
from site_builder.demo.plan import DEPARTMENT, TZ, Change, year_changes

LAST_YEAR = 2025
# What the site build needs besides the data: its configuration and the hand-written pages.
SITE_FILES = (".gitignore", "mkdocs.yml", "docs")


def rubric_for(text: str, year: int) -> str:
    """The source rubric with its year changed: in the `year:` key and the heading comment."""
    text = re.sub(r"^year: \d{4}$", f"year: {year}", text, count=1, flags=re.M)
    return re.sub(r"(năm) \d{4}\.", rf"\g<1> {year}.", text, count=1)


def make_demo(out: Path, source: Path, scale: int, seed: int = 1, years: int = 5, units: int = UNITS_PER_CLUSTER) -> int:
    """Write the repository into `out` (which must not exist or be empty); returns the number of pull requests."""
    span = list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))
    every = clusters(scale, seed, units)
    base = (source / "rubric" / f"{layout.rubric_years(source)[-1]}.yaml").read_text(encoding="utf-8")
    texts, schemas, rubrics = _rubrics(base, span)
    changes = []
    for year in span:
        files = {f"rubric/{year}.yaml": texts[year].encode(), f"clusters/{year}/registry.yaml": records.registry(year, every, seed)}
        files.update(schemas[year])
        changes += year_changes(rubrics[year], every, seed, files)
    changes.sort(key=lambda c: c.when)  # stable: same-time changes keep the plan's order
    first = Change(dt.datetime(span[0] - 1, 12, 1, 8, 0, tzinfo=TZ), DEPARTMENT,
                   f"Khởi tạo kho dữ liệu ví dụ: {scale} cụm, {len(span)} năm (seed {seed})", "", _site_files(source))
    write_history(out, first, changes)
    return len(changes)


def _rubrics(base: str, span: list[int]) -> tuple[dict[int, str], dict[int, dict[str, bytes]], dict]:
    """Each year's rubric text, its generated schema and the rubric as the scoring engine reads it,
    by the same code as `schema` and `validate` (from files, by the real loader)."""
    from site_builder.commands.schema import wanted_schemas
    from site_builder.load.repository import Repository

    texts = {year: rubric_for(base, year) for year in span}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "rubric").mkdir()
        for year, text in texts.items():
            (root / "rubric" / f"{year}.yaml").write_text(text, encoding="utf-8")
        repo = Repository(root)
        wanted = wanted_schemas(repo)
        loaded = {year: repo.rubric(year) for year in span}
        schemas = {year: {} for year in span}
        for path, text in wanted.items():
            year = int(re.search(r"submission-(\d{4})", path.name).group(1))
            schemas[year][layout.rel(root, path)] = text.encode("utf-8")
    return texts, schemas, loaded


def _site_files(source: Path) -> dict[str, bytes]:
    found = {}
    for name in SITE_FILES:
        path = source / name
        if path.is_file():
            found[name] = path.read_bytes()
        elif path.is_dir():
            found.update({p.relative_to(source).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()})
    return found
