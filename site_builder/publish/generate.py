"""Markdown pages from the data into build/docs, beside the hand-written pages of docs/.

build/ is git-ignored and rewritten on every build: a page of a unit or
cluster that no longer exists cannot linger. Only the pages of a year whose
inputs did not change are taken from the last build (publish/year_reuse.py).
"""
from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

from site_builder.forked import Forked
from site_builder.layout import TEMPLATES
from site_builder.problems import InputError, Problem
from site_builder.publish.datafiles import write_open_data, write_open_data_files, write_open_data_page
from site_builder.publish.year_reuse import YearReuse
from site_builder.render.output import Output
from site_builder.render.pages_blog import write_blog
from site_builder.render.pages_cluster import write_clusters
from site_builder.render.pages_history import write_history
from site_builder.render.pages_home import write_home, write_rankings
from site_builder.render.pages_nominations import write_nominations
from site_builder.render.pages_rubric import write_method
from site_builder.render.pages_units import write_units
from site_builder.render import links
from site_builder.render.template_env import html_environment

STATIC = TEMPLATES / "site" / "static"
THEME = TEMPLATES / "site" / "theme"
WRITERS = [write_home, write_rankings, write_clusters, write_units, write_method, write_nominations, write_blog]
# Written beside those by a forked process (Aside) when there is a second core and every year is
# written: the open-data files (their page is written after, from what the first returns), the
# change logs, and a share of the units' pages.
ASIDE = [write_open_data_files, write_history, partial(write_units, aside=True)]
BESIDE_ASIDE = [partial(write_units, aside=False) if write is write_units else write for write in WRITERS]


def build_dirs(root: Path) -> tuple[Path, Path]:
    return Path(root) / "build" / "docs", Path(root) / "build" / "theme"


def _fresh(path: Path) -> Path | None:
    """An empty folder at `path`; the last build's, if any, moved aside to be deleted later
    (returned; see remove_old): deleting thousands of pages takes a second or two."""
    old = None
    if path.exists():
        old = _old(path)
        if old.exists():  # left by a build that was stopped
            shutil.rmtree(old)
        try:
            path.rename(old)
        except OSError:  # cannot be moved (a folder in use on Windows): deleted now
            shutil.rmtree(path)
            old = None
    path.mkdir(parents=True)
    return old


def _old(path: Path) -> Path:
    return path.with_name(f".{path.name}.old")


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def old_folders(root: Path) -> list[Path]:
    """The last build's folders that generate() moved aside."""
    return [old for old in map(_old, build_dirs(root)) if old.exists()]


def remove_old(root: Path) -> None:
    """The build deletes them while MkDocs runs (one core on a rebuild), not while the pages are written
    (both cores busy)."""
    _remove(old_folders(root))


def _layer(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def generate(root: Path, data, templates: Path | None = None) -> Path:
    """build/docs and build/theme, ready for MkDocs; returns build/docs."""
    docs, theme = build_dirs(root)
    old_docs = _fresh(docs)
    stale = [old for old in (old_docs, _fresh(theme)) if old]
    # The package's theme files and stylesheet, then the override folder's, then docs/.
    for base in [TEMPLATES] + ([Path(templates)] if templates else []):
        _layer(base / "site" / "theme", theme)
        _layer(base / "site" / "static", docs)
    hand_written = _copy_docs(Path(root) / "docs", docs)
    common = {"links": links, "example": any(data.registry(y).example for y in data.years),
              "commit": data.commit, "as_of": data.as_of}
    out = Output(docs, html_environment(templates, Path(root) / "build" / "cache" / "jinja"), common)
    data.reuse = reuse = YearReuse.plan(root, data, out.env, templates, old_docs)
    try:
        aside_writers, writers, copied_here = _shares(reuse)
        # Started before the kept pages are moved: that is work for this process alone.
        aside = Aside.start(out, data, aside_writers)
    except BaseException:
        _remove(stale)
        raise
    try:
        reuse.adopt_pages(out)
        with out.writing_aside():  # the forks of this step are behind it
            for write in (writers if aside else WRITERS):
                write(out, data)
            adopted = [reuse.adopt_data(out, year) for year in copied_here] if aside else []
    except BaseException:
        if aside:
            aside.abandon()
        _remove(stale)
        raise
    try:
        with out.writing_aside():
            if aside:
                files = sorted(aside.finish(out)[0] + adopted, key=lambda entry: entry["year"])
                write_open_data_page(out, files)
            else:
                files = write_open_data(out, data)
                write_history(out, data)
    except BaseException:
        _remove(stale)
        raise
    clashes = sorted(set(out.written) & hand_written)
    if clashes:
        raise InputError([Problem(f"docs/{c}", 1, 1, f"Trang viết tay trùng tên với trang được sinh từ dữ liệu ({c}): hãy đổi tên trang viết tay.", code="site.clash") for c in clashes])
    reuse.save(out.written, files)
    return docs


def _shares(reuse) -> tuple[list, list, list[int]]:
    """What the other process writes, what this one writes, and the kept years whose open data this one
    copies with the new commit. When every year is written, the change logs and a share of the units'
    pages balance the two. When years are kept, the other writes the open data of the years that
    changed; this one the change logs beside the pages, and copies the kept years' open data (a rebuild
    after a one-file change on the stress repository: 2.2 s of work on that side, 1.5 s on this one,
    and 0.07 s for each year copied)."""
    if not reuse.kept_years():
        return ASIDE, BESIDE_ASIDE, []
    # A year whose own files are kept, though a cluster of it is not (its change logs and open data).
    kept = [year for year in reuse.data.years if reuse.keeps(year)]
    return [partial(write_open_data_files, kept=False)], WRITERS + [write_history], kept


def _copy_docs(source: Path, docs: Path) -> set[str]:
    if not source.is_dir():
        return set()
    shutil.copytree(source, docs, dirs_exist_ok=True)
    return {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}


class Aside:
    """Writers run by a forked process (site_builder/forked.py) while this one renders the other pages:
    the open-data files (CSV, JSON, XLSX of every year) were a third of page generation and need
    nothing the pages make. The process writes into the same folder and sends back what it wrote
    and what each writer returned. Without fork or a second core, or with other threads running: None."""

    def __init__(self, forked: Forked):
        self.forked = forked

    @classmethod
    def start(cls, out: Output, data, writers: list) -> "Aside | None":
        forked = Forked.start(_write_aside, out, data, writers, what="sinh dữ liệu mở và lịch sử thay đổi")
        return cls(forked) if forked else None

    def finish(self, out: Output) -> list:
        """What each writer returned, once the process is done; its files are recorded in `out`."""
        written, returned = self.forked.result()
        for source in written:
            out.record(source)
        return returned

    def abandon(self) -> None:
        """The pages failed: their error is the one to report; the files are not needed."""
        self.forked.abandon()


def _write_aside(out: Output, data, writers: list) -> tuple[list[str], list]:
    aside_out = Output(out.docs, out.env, out.common)
    with aside_out.writing_aside():
        returned = [write(aside_out, data) for write in writers]
    return aside_out.written, returned
