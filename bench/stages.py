"""Each measurement of bench/run.py, on a generated repository: what is timed, and how.

In-process stages (load, score and rank, page generation, MkDocs render) call
the same functions the commands call, one after the other, so each is timed
alone; the commands (validate, build, the pull-request check) run as new
processes, as a user or CI runs them.
"""
from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

from measure import Timing, git, site_builder, timed

from site_builder import layout


def load_and_rank(root: Path) -> tuple[Timing, Timing, int]:
    """Every file loaded and checked (YAML, schema, recomputed scores), then every ranking."""
    from site_builder.load.repository import Repository
    from site_builder.rank.ranking import rank_year

    repo = Repository(root)

    def load():
        files = layout.submission_files(root)
        for path in files:
            repo.submission(path)
        for year in repo.years:
            for cluster in repo.registry(year).clusters:
                repo.cluster_year(year, cluster.id)
                for period in layout.PERIODS:
                    repo.period_record(year, period, cluster.id)
        return len(files)

    count, loading = timed(load)
    _, ranking = timed(lambda: [rank_year(repo, y, p) for y in repo.years for p in layout.PERIODS])
    return loading, ranking, count


def build_steps(root: Path, cold: bool = True) -> tuple[Timing, dict[str, Timing]]:
    """`build` run in this process, as the command runs it (publish/site_build.py), each step timed
    as it goes: from a fresh checkout (no build/), or keeping build/ from the last build."""
    import site_builder.publish.site_build as site_build

    shutil.rmtree(root / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(root / "build", ignore_errors=True)
    settle()
    steps: dict[str, Timing] = {}
    originals = {name: getattr(site_build, name) for name in STEPS}

    def timing(name):
        def step(*args, **kwargs):
            result, steps[STEPS[name]] = timed(originals[name], *args, **kwargs)
            return result
        return step

    for name in STEPS:
        setattr(site_build, name, timing(name))
    try:
        _, whole = timed(site_build.build_site, root, quiet=True)
    finally:
        for name, original in originals.items():
            setattr(site_build, name, original)
    return whole, steps


# The build's steps, by the name publish/site_build.py calls them (`read`: the history replay in a
# second process while this one reads and checks the data).
STEPS = {"read": "read", "generate": "generate", "run_mkdocs": "mkdocs"}


# What each part of page generation is called in the harness's output, by its writer (publish/generate.py).
PARTS = {"write_units": "trang đơn vị và phiếu chấm", "write_open_data": "dữ liệu mở (CSV, JSON, XLSX)",
         "write_history": "nhật ký thay đổi", "write_clusters": "trang Cụm"}


def generation_parts(root: Path) -> dict[str, Timing]:
    """Page generation from a fresh checkout in this process alone (no second process), each writer timed
    as it runs: where the step's work goes. The data is read first, untimed, as the build reads it."""
    import site_builder.publish.generate as generate
    from site_builder.publish.gitinfo import head
    from site_builder.publish.site_build import read

    shutil.rmtree(root / "build", ignore_errors=True)
    data, pending = read(root, head(root))
    pending.finish()
    parts: dict[str, Timing] = {}

    def timing(write):
        def part(*args, **kwargs):
            result, took = timed(write, *args, **kwargs)
            name = PARTS.get(write.__name__, "các trang khác")
            parts[name] = Timing(parts[name].wall + took.wall, parts[name].cpu + took.cpu) if name in parts else took
            return result
        return part

    saved = generate.WRITERS, generate.write_open_data, generate.write_history, vars(generate.Aside)["start"]
    generate.WRITERS = [timing(write) for write in saved[0]]
    generate.write_open_data, generate.write_history = timing(saved[1]), timing(saved[2])
    generate.Aside.start = classmethod(lambda cls, *args: None)
    settle()
    try:
        generate.generate(root, data)
    finally:
        generate.WRITERS, generate.write_open_data, generate.write_history, generate.Aside.start = saved
    return parts


def merge_one_file_change(root: Path) -> str:
    """A one-file pull request merged into main: what the publishing workflow builds next. Merged an hour
    after the last commit: dated by the clock, the measure would depend on the day it is taken, as a
    deadline passed since the last build makes its year's pages change (the example's last commit is two
    days before the year-end deadline, so a day apart the second merge passed it)."""
    changed = sorted((root / "submissions" / str(layout.rubric_years(root)[-1]) / "year").rglob("*.yaml"))[1]
    text = changed.read_text(encoding="utf-8").replace("result: \"", "result: \"(đã bổ sung minh chứng) ", 1)
    changed.write_text(text, encoding="utf-8")
    later = (datetime.fromisoformat(git(root, "log", "-1", "--format=%cI")) + timedelta(hours=1)).isoformat()
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.vn", "commit", "-q", "-am", "Bổ sung minh chứng (#99998)",
        env={"GIT_AUTHOR_DATE": later, "GIT_COMMITTER_DATE": later})
    return layout.rel(root, changed)


def whole_build(root: Path, cold: bool = True) -> Timing:
    """`build` as CI runs it: cold is a fresh checkout; warm keeps build/ from the last build (its caches: the
    history, the parsed files, the years' pages, the rendered pages), as the publishing workflow restores it."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(root / "build", ignore_errors=True)
    settle()
    return site_builder("build", root=root)[1]


# Deleting the last build's 600 MB, or writing a repository, leaves the disk busy for seconds after; a
# build started at once waited for it, by as much as a third of its time. Each timed build starts after
# the disk has written everything out and rested this long: what is timed is the build.
SETTLE = 5.0


def settle() -> None:
    os.sync()
    time.sleep(SETTLE)


# A fresh build of the stress repository measured on the same code varies by a fifth from one run to the
# next on these machines: it is run this many times and the median reported, with the other runs.
FRESH_RUNS = 3


def fresh_builds(root: Path) -> tuple[Timing, list[Timing]]:
    """The median of FRESH_RUNS builds from a fresh checkout, and every run in order."""
    runs = [whole_build(root) for _ in range(FRESH_RUNS)]
    return sorted(runs, key=lambda run: run.wall)[len(runs) // 2], runs


def output(root: Path) -> dict:
    """What the build wrote: pages, their sizes, the search index."""
    site = root / "site"
    pages = [p for p in site.rglob("*.html")]
    cards = [p for p in site.glob("don-vi/*/[0-9][0-9][0-9][0-9]-*.html")]
    index = site / "search" / "search_index.json"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": len(pages), "html": sum(p.stat().st_size for p in pages), "total": total,
            "cards": len(cards), "card_mean": sum(p.stat().st_size for p in cards) / max(1, len(cards)),
            "card_max": max((p.stat().st_size for p in cards), default=0),
            "search": index.stat().st_size if index.exists() else 0,
            "sources": sum(1 for _ in (root / "build" / "docs").rglob("*.md"))}


# A check takes about a second: a moment's load on the machine moves it by a third. It is run this many times
# and the run with the median total is reported.
PR_RUNS = 3


def pull_request_check(root: Path) -> tuple[Timing, Timing, str]:
    """A one-file pull request: `validate` of the changed file (with what depends on it) and the `diff` report,
    as the run of PR_RUNS whose total is the median."""
    changed = sorted((root / "submissions" / str(layout.rubric_years(root)[-1]) / "year").rglob("*.yaml"))[0]
    relpath = layout.rel(root, changed)
    git(root, "checkout", "-q", "-b", "bench-pr")
    try:
        text = changed.read_text(encoding="utf-8").replace("result: \"", "result: \"(đã bổ sung minh chứng) ", 1)
        changed.write_text(text, encoding="utf-8")
        git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.vn", "commit", "-q", "-am", "Sửa kết quả (#99999)")
        runs = sorted(([site_builder("validate", relpath, root=root)[1], site_builder("diff", "main", "bench-pr", root=root)[1]]
                       for _ in range(PR_RUNS)), key=lambda run: run[0].wall + run[1].wall)
        checking, reporting = runs[len(runs) // 2]
    finally:
        git(root, "checkout", "-q", "main")
        git(root, "branch", "-q", "-D", "bench-pr")
    return checking, reporting, relpath
