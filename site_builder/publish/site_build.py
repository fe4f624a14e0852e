"""build: data → pages → MkDocs → site/, in that order, each step only after the one before succeeded."""
from __future__ import annotations

import sys
from pathlib import Path

from site_builder import layout
from site_builder.forked import Forked
from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.problems import EXIT_INVALID, EXIT_OK, UsageError, has_errors
from site_builder.publish.generate import generate, old_folders, remove_old
from site_builder.publish.heap import Heap
from site_builder.publish.gitinfo import head
from site_builder.publish.history_source import start_history
from site_builder.publish.mkdocs_run import run_mkdocs, site_dir, swap
from site_builder.render.site_data import collect
from site_builder.report import text as report_text


def build_site(root: Path, strict: bool = False, templates: Path | None = None, quiet: bool = False,
               history: bool = True) -> int:
    root = Path(root)
    with Heap() as heap:
        data, pending = read(root, head(root), history)
        try:
            heap.settle()
            return _publish(root, data, strict, templates, quiet)
        finally:
            pending.finish()


def _publish(root: Path, data, strict: bool, templates: Path | None, quiet: bool) -> int:
    commit = data.commit
    if not data.years:
        raise UsageError(f"Chưa có danh sách cụm của năm nào (clusters/<năm>/registry.yaml) trong {root}: không có gì để công bố.")
    if data.problems:
        report_text(data.problems, len({p.path for p in data.problems}), out=sys.stderr)
        if strict and has_errors(data.problems):
            print("Dừng: --strict không công bố khi dữ liệu còn lỗi (chạy: python -m site_builder validate).", file=sys.stderr)
            return EXIT_INVALID
    docs = generate(root, data, templates)
    target = site_dir(root)
    new = root / "build" / "site.new"
    render(root, new, strict, commit, data.reuse.footer if data.reuse else None)
    swap(new, target)
    if not quiet:
        pages = sum(1 for _ in docs.rglob("*.md"))
        print(f"Đã xây dựng {pages} trang vào {layout.rel(root, target)}/ từ commit {commit.short}"
              f"{' (có thay đổi chưa commit)' if commit.dirty else ''}, ngày số liệu {commit.date:%d/%m/%Y}.")
        if data.reuse:
            _say_kept(data.reuse)
    return EXIT_OK


def render(root: Path, new: Path, strict: bool, commit, built_from: str | None) -> None:
    """MkDocs into `new`, while a second process deletes the folders the last build wrote (see
    generate.remove_old): on a rebuild MkDocs renders few pages, on one core (it takes a second
    only for a long render, publish/page_split.py)."""
    cleaner = Forked.start(remove_old, root, what="xóa thư mục của lần xây dựng trước") if old_folders(root) else None
    try:
        run_mkdocs(root, new, strict, commit, built_from)
    finally:
        cleaner.result() if cleaner else remove_old(root)


def _say_kept(reuse) -> None:
    if reuse.kept_years():
        kept = ", ".join(map(str, reuse.kept_years()))
        only = " (chỉ đổi mã commit)" if reuse.new_commit() else ""
        print(f"Dữ liệu năm {kept} không đổi từ lần xây dựng trước: các trang và tệp dữ liệu mở của năm đó được giữ lại{only}.")
    for year, clusters in reuse.kept_clusters().items():
        names = f" ({', '.join(clusters)})" if len(clusters) <= 10 else ""  # a province's many clusters: the count
        print(f"Năm {year}: trang của {len(clusters)} cụm không đổi được giữ lại{names}.")
    if reuse.kept_units():
        print(f"Trang tổng hợp của {reuse.kept_units()} đơn vị không đổi được giữ lại.")


def read(root: Path, commit, history: bool = True):
    """The data with its history, and what gives the history (its finish() is due before the build ends).

    The replay runs in a second process when it can, while this one reads the data (site_builder/forked.py);
    in turn otherwise, when the replay ends on the files as they are now and the data step finds them
    parsed. A rebuild finds parsed the files that did not change since the last build: each version is
    parsed once (load/parse_cache.py)."""
    PARSED.enable(root / "build" / "cache", wanted=_data_files(root))
    pending = start_history(root, commit, wanted=history, aside=True)  # a shallow clone stops the build here
    PARSED.keep_from_here()
    try:
        pending.before_data()
        data = collect(root, commit.date, commit)
    except BaseException:
        pending.abandon()
        raise
    data.changes = pending.result()
    PARSED.save()
    return data, pending


def _data_files(root: Path) -> list[Path]:
    """The YAML files the data step reads, as they are now (the parse cache keeps only these)."""
    return [path for folder in ("rubric", "clusters", "submissions") for path in sorted((root / folder).rglob("*.yaml"))]
