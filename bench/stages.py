"""Each measurement of bench/run.py, on a generated repository: what is timed, and how.

In-process stages (load, score and rank, page generation, MkDocs render) call
the same functions the commands call, one after the other, so each is timed
alone; the commands (validate, build, the pull-request check) run as new
processes, as a user or CI runs them.
"""
from __future__ import annotations

import shutil
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


def build_steps(root: Path) -> dict[str, Timing]:
    """The build's own steps, as publish/site_build.py runs them, from a fresh checkout (no build/)."""
    from site_builder.publish.generate import generate
    from site_builder.publish.gitinfo import head
    from site_builder.publish.history_source import site_history
    from site_builder.publish.mkdocs_run import run_mkdocs
    from site_builder.render.site_data import collect

    shutil.rmtree(root / "build", ignore_errors=True)
    commit = head(root)
    changes, reading = timed(site_history, root, commit)
    data, collecting = timed(collect, root, commit.date, commit)
    data.changes = changes
    _, generating = timed(generate, root, data, None)
    target = root / "build" / "bench-site"
    _, rendering = timed(run_mkdocs, root, target, False, commit)
    shutil.rmtree(target, ignore_errors=True)
    return {"history": reading, "data": collecting, "generate": generating, "mkdocs": rendering}


def whole_build(root: Path, cold: bool = True) -> Timing:
    """`build` as CI runs it: cold is a fresh checkout; warm keeps build/ (the history cache) from the last build."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(root / "build", ignore_errors=True)
    return site_builder("build", root=root)[1]


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


def pull_request_check(root: Path) -> tuple[Timing, Timing, str]:
    """A one-file pull request: `validate` of the changed file (with what depends on it) and the `diff` report."""
    changed = sorted((root / "submissions" / str(layout.rubric_years(root)[-1]) / "year").rglob("*.yaml"))[0]
    relpath = layout.rel(root, changed)
    git(root, "checkout", "-q", "-b", "bench-pr")
    try:
        text = changed.read_text(encoding="utf-8").replace("result: \"", "result: \"(đã bổ sung minh chứng) ", 1)
        changed.write_text(text, encoding="utf-8")
        git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.vn", "commit", "-q", "-am", "Sửa kết quả (#99999)")
        _, checking = site_builder("validate", relpath, root=root)
        _, reporting = site_builder("diff", "main", "bench-pr", root=root)
    finally:
        git(root, "checkout", "-q", "main")
        git(root, "branch", "-q", "-D", "bench-pr")
    return checking, reporting, relpath
