"""A second process renders half the pages MkDocs has to render (publish/page_split.py), and the site is the same.

A real repository made by `demo` (one cluster, five years: about 130 pages
outside the menu to render) is built with the split and in one process, with
the real pipeline and MkDocs, and the two sites are compared file by file.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.forked import can_fork
from site_builder.publish import generate, page_cache, page_split, page_store
from tests.test_page_cache import build, differences, git, make_demo

MAIN = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not can_fork(), reason="the split needs fork and a second core")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return make_demo(tmp_path_factory.mktemp("page-split") / "repo")


def copy(demo: Path, where: Path) -> Path:
    shutil.copytree(demo, where, symlinks=True)
    return where


def manifest(root: Path) -> bytes:
    return (root / "build/cache/pages" / page_store.MANIFEST).read_bytes()


def test_a_split_build_writes_the_site_and_the_page_cache_of_one_process(demo, tmp_path, monkeypatch):
    split = copy(demo, tmp_path / "split")
    stats = build(split)
    # Every second page to render, from the second page on: half of them, give or take one.
    assert stats["rendered"] > page_split.SPLIT_FROM
    assert len(stats["split_pages"]) == stats["rendered"] // 2
    monkeypatch.setattr(page_split, "SPLIT_FROM", 10**9)
    alone = copy(demo, tmp_path / "alone")
    assert build(alone)["split_pages"] == []
    assert differences(split / "site", alone / "site") == []
    # The search index keeps the build's order of pages, whichever process rendered which.
    assert (split / "site/search/search_index.json").read_bytes() == (alone / "site/search/search_index.json").read_bytes()
    assert manifest(split) == manifest(alone)


def test_pages_written_beside_the_other_process_are_those_one_process_writes(demo, tmp_path, monkeypatch):
    """Page generation: the other process writes the open data, the change logs and every
    ASIDE_SHARE-th unit's pages (publish/generate.py); without it this one writes everything."""
    split = copy(demo, tmp_path / "split")
    build(split)
    alone = copy(demo, tmp_path / "alone")
    monkeypatch.setattr(generate.Aside, "start", classmethod(lambda cls, *args: None))
    build(alone)
    assert differences(split / "build" / "docs", alone / "build" / "docs") == []
    assert differences(split / "site", alone / "site") == []
    assert (split / "build/cache/years.json").read_bytes() == (alone / "build/cache/years.json").read_bytes()


def test_a_rebuild_reuses_the_pages_the_other_process_rendered(demo, tmp_path):
    root = copy(demo, tmp_path / "repo")
    first = build(root)
    second = build(root)
    assert second["rendered"] == 0 and set(first["split_pages"]) <= set(second["reused_pages"])


def test_a_warning_on_a_page_of_the_other_process_is_shown_once_and_stops_a_strict_build(demo, tmp_path, capsys):
    root = copy(demo, tmp_path / "repo")
    # Two pages outside the menu, one after the other in the build's order: one for each process.
    pages = {"ghi-chu-a", "ghi-chu-b"}
    for name in pages:
        (root / "docs" / f"{name}.md").write_text(f"# {name}\n\nXem [trang cũ]({name}-cu.md).\n", encoding="utf-8")
    git(root, "add", "docs")
    git(root, "commit", "-q", "-m", "hai trang ghi chú có liên kết hỏng")
    stats = build(root)
    assert len({f"{name}.md" for name in pages} & set(stats["split_pages"])) == 1
    shown = capsys.readouterr().err
    for name in pages:
        assert shown.count(f"contains a link '{name}-cu.md', but the target is not found") == 1, shown
    shutil.rmtree(root / "build" / "cache")
    done = subprocess.run([sys.executable, "-m", "site_builder", "build", "--strict", "--root", str(root)],
                          cwd=MAIN, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(MAIN)))
    assert done.returncode == 1, done.stderr
    for name in pages:
        assert done.stderr.count(f"contains a link '{name}-cu.md', but the target is not found") == 1, done.stderr
    assert "MkDocs không xây dựng được trang" in done.stderr


def test_when_the_other_process_dies_this_one_renders_its_pages(demo, tmp_path, monkeypatch):
    marker = tmp_path / "started"

    def dies(*args):
        marker.touch()
        os._exit(3)

    monkeypatch.setattr(page_split, "_render", dies)
    root = copy(demo, tmp_path / "repo")
    stats = build(root)
    assert marker.exists() and stats["split_pages"] == [] and stats["rendered"] > page_split.SPLIT_FROM
    monkeypatch.undo()
    monkeypatch.setattr(page_split, "SPLIT_FROM", 10**9)
    alone = copy(demo, tmp_path / "alone")
    build(alone)
    assert differences(root / "site", alone / "site") == []
    assert manifest(root) == manifest(alone)
