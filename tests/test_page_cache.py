"""A rebuild reuses last build's HTML for unchanged pages (publish/page_cache.py), and the site is the same.

A real repository made by `demo` (one cluster, five years), built with the
real pipeline and MkDocs; each test works on a copy of it. The site a
rebuild writes with the cache is compared, file by file, with the site of
the same commit built without the cache.
"""
from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.publish import page_cache, page_store
from site_builder.publish.gitinfo import head
from site_builder.publish.site_build import build_site

MAIN = Path(__file__).resolve().parents[1]
SUBMISSION = "submissions/2025/year/cum-01/bvkv-thuan-hoa.yaml"


def git(root: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Kiểm thử", GIT_AUTHOR_EMAIL="kiem-thu@example.invalid",
               GIT_COMMITTER_NAME="Kiểm thử", GIT_COMMITTER_EMAIL="kiem-thu@example.invalid",
               GIT_AUTHOR_DATE="2026-02-10T09:00:00+07:00", GIT_COMMITTER_DATE="2026-02-10T09:00:00+07:00",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    return subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def build(root: Path) -> dict:
    assert build_site(root, quiet=True, history=False) == 0
    return dict(page_cache.STATS)


def make_demo(root: Path) -> Path:
    """The `demo` repository (one cluster, five years) at `root`, made by the real CLI."""
    done = subprocess.run([sys.executable, "-m", "site_builder", "demo", "--scale", "1", "--seed", "1", "--out", str(root)],
                          cwd=MAIN, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(MAIN)))
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The demo repository, built once: its cache holds every page outside the menu."""
    root = make_demo(tmp_path_factory.mktemp("page-cache") / "repo")
    stats = build(root)
    assert stats["reused"] == 0 and stats["rendered"] > 100
    return root


@pytest.fixture
def repo(built, tmp_path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def commit_change(root: Path, old: str, new: str, path: str = SUBMISSION) -> str:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(root, "commit", "-q", "-am", f"sửa {path}")
    return head(root).short


def differences(one: Path, other: Path) -> list[str]:
    """Files that are not in both folders, or not byte-identical."""
    found = []
    for folder, dirs, files in os.walk(one):
        here = Path(folder).relative_to(one)
        for name in files:
            theirs = other / here / name
            if not theirs.is_file() or not filecmp.cmp(Path(folder) / name, theirs, shallow=False):
                found.append((here / name).as_posix())
    for folder, dirs, files in os.walk(other):
        here = Path(folder).relative_to(other)
        found += [(here / name).as_posix() for name in files if not (one / here / name).exists()]
    return sorted(found)


def fresh_site(root: Path, tmp_path: Path) -> Path:
    """The site of `root`'s commit built without any cache."""
    clean = tmp_path / "clean"
    shutil.copytree(root, clean, symlinks=True, ignore=shutil.ignore_patterns("site"))
    shutil.rmtree(clean / "build" / "cache")
    stats = build(clean)
    assert stats["reused"] == 0
    return clean / "site"


def test_a_rebuild_reuses_unchanged_pages_and_writes_the_same_site(repo, tmp_path):
    commit_change(repo, "tổ chức 28 cuộc kiểm tra nội bộ", "tổ chức 29 cuộc kiểm tra nội bộ")
    stats = build(repo)
    # The changed scorecard is rendered again; the other years' pages, whose Markdown differs from last
    # build's in the line naming the commit only (publish/year_reuse.py), are not.
    assert "don-vi/bvkv-thuan-hoa/2025-ca-nam.md" not in stats["reused_pages"]
    assert stats["rendered"] > 0 and stats["reused"] > stats["rendered"]
    assert {f"don-vi/bvkv-thuan-hoa/{year}-ca-nam.md" for year in range(2021, 2025)} <= set(stats["reused_pages"])
    assert "29 cuộc kiểm tra" in (repo / "site/don-vi/bvkv-thuan-hoa/2025-ca-nam.html").read_text(encoding="utf-8")
    assert differences(repo / "site", fresh_site(repo, tmp_path)) == []


def test_a_rebuild_of_the_same_commit_reuses_every_page_outside_the_menu(repo, tmp_path):
    before = (repo / "site" / "search" / "search_index.json").read_bytes()
    stats = build(repo)
    assert stats["rendered"] == 0 and stats["reused"] > 100
    assert (repo / "site" / "search" / "search_index.json").read_bytes() == before
    assert differences(repo / "site", fresh_site(repo, tmp_path)) == []


def test_a_reused_page_names_the_new_commit_in_its_footer(repo):
    old = head(repo).short
    new = commit_change(repo, "tổ chức 28 cuộc kiểm tra nội bộ", "tổ chức 27 cuộc kiểm tra nội bộ")
    stats = build(repo)
    assert stats["reused_pages"]
    for src in stats["reused_pages"]:
        html = (repo / "site" / (src[:-3] + ".html")).read_text(encoding="utf-8")
        footer = re.search(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', html, re.S).group(1)
        assert footer == f"Xây dựng từ commit {new}", src
        assert f"commit {old}" not in html and f"<code>{old}</code>" not in html
    built_from = "Số liệu xây dựng từ commit <code>%s</code>"
    page = (repo / "site/don-vi/bvkv-thuan-hoa/2021-ca-nam.html").read_text(encoding="utf-8")
    assert "don-vi/bvkv-thuan-hoa/2021-ca-nam.md" in stats["reused_pages"]
    assert built_from % new in page and built_from % old not in page


def test_a_cached_page_edited_by_hand_is_rendered_again(repo, tmp_path):
    manifest = json.loads((repo / "build/cache/pages" / page_store.MANIFEST).read_text(encoding="utf-8"))
    src = "don-vi/bvkv-thuan-hoa/2021-ca-nam.md"
    assert src in manifest["pages"]
    cached = repo / "build/cache/pages" / manifest["pages"][src]["dest"]
    html = cached.read_text(encoding="utf-8")
    # Written as a new file (an editor's save): the site's own copy, hard-linked before, stays as it was.
    cached.unlink()
    cached.write_text(html.replace("Bệnh viện Đa khoa khu vực Thuận Hòa", "Sửa tay", 1), encoding="utf-8")
    other = repo / "build/cache/pages/don-vi/bvkv-thuan-hoa/2022-ca-nam.html"
    with open(other, "r+b") as handle:  # edited in place, as some tools do
        handle.seek(200)
        handle.write(b"X")
    stats = build(repo)
    assert src not in stats["reused_pages"] and "don-vi/bvkv-thuan-hoa/2022-ca-nam.md" not in stats["reused_pages"]
    assert stats["rendered"] == 2 and stats["reused"] > 100
    site = repo / "site"
    assert "Sửa tay" not in (site / "don-vi/bvkv-thuan-hoa/2021-ca-nam.html").read_text(encoding="utf-8")
    assert differences(site, fresh_site(repo, tmp_path)) == []


def test_a_changed_configuration_reuses_nothing(repo, tmp_path):
    commit_change(repo, "site_name: ", "site_name: Bản thử - ", path="mkdocs.yml")
    stats = build(repo)
    assert stats["reused"] == 0 and stats["rendered"] > 100
    assert "Bản thử - " in (repo / "site/don-vi/bvkv-thuan-hoa/2021-ca-nam.html").read_text(encoding="utf-8")
    assert differences(repo / "site", fresh_site(repo, tmp_path)) == []


def test_mkdocs_is_left_as_it_was(repo):
    import mkdocs.commands.build as mkdocs_build

    populate, render = mkdocs_build._populate_page, mkdocs_build._build_page
    build(repo)
    assert (mkdocs_build._populate_page, mkdocs_build._build_page) == (populate, render)
    assert populate.__module__ == render.__module__ == "mkdocs.commands.build"


def test_links_to_anchors_are_checked_with_reused_pages(repo, capsys):
    # Two hand-written pages outside the menu: one links to a heading of the other.
    (repo / "docs" / "ghi-chu-a.md").write_text("# Ghi chú A\n\nXem [mục A](ghi-chu-b.md#muc-a).\n", encoding="utf-8")
    (repo / "docs" / "ghi-chu-b.md").write_text("# Ghi chú B\n\n## Mục A\n\nNội dung.\n", encoding="utf-8")
    git(repo, "add", "docs")
    git(repo, "commit", "-q", "-m", "hai trang ghi chú")
    build(repo)
    assert "ghi-chu-b.md#muc-a" not in capsys.readouterr().err
    # The heading goes: the unchanged page, reused, still has its link checked.
    commit_change(repo, "## Mục A", "## Mục C", path="docs/ghi-chu-b.md")
    stats = build(repo)
    assert "ghi-chu-a.md" in stats["reused_pages"]
    assert "contains a link 'ghi-chu-b.md#muc-a', but the doc 'ghi-chu-b.md' does not contain an anchor '#muc-a'" \
        in capsys.readouterr().err
    # The heading is back, the link changes: the reused page's anchors are those it has.
    commit_change(repo, "## Mục C", "## Mục A", path="docs/ghi-chu-b.md")
    commit_change(repo, "#muc-a", "#muc-b", path="docs/ghi-chu-a.md")
    stats = build(repo)
    assert "ghi-chu-b.md" in stats["reused_pages"] and "ghi-chu-a.md" not in stats["reused_pages"]
    assert "does not contain an anchor '#muc-b'" in capsys.readouterr().err


def test_a_change_in_a_menu_page_that_every_page_shows_reuses_nothing(repo, tmp_path):
    # The menu shows a page's icon from its front matter, known only once the pages were read:
    # the pages taken from the cache while reading are rendered after all.
    scorecard = repo / "site/don-vi/bvkv-thuan-hoa/2021-ca-nam.html"
    before = scorecard.read_text(encoding="utf-8")
    page = repo / "docs" / "gioi-thieu.md"
    page.write_text("---\nicon: material/information-outline\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "biểu tượng trong menu")
    stats = build(repo)
    assert stats["reused"] == 0 and stats["rendered"] > 100
    after = scorecard.read_text(encoding="utf-8")
    assert after.count("<svg") > before.count("<svg")  # the icon, in the menu of a page outside it
    assert differences(repo / "site", fresh_site(repo, tmp_path)) == []
