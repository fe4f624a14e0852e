"""Marked HTML reaches the page byte for byte, unread by Markdown and search (publish/passthrough.py).

A real MkDocs build (Material, search) of a two-page site, with the plugin
added as run_mkdocs adds it.
"""
from __future__ import annotations

import json
import os

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.publish.passthrough import END, START, install

BLOCK = '<table class="t">\n<tr><td>Ô *không* phải Markdown</td><td><a href="x.html#khong-co">liên kết</a></td></tr>\n\n</table>'
PAGE = f"# Trang\n\nĐoạn được tìm thấy.\n\n{START}\n{BLOCK}\n{END}\n\nĐoạn sau bảng.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("passthrough")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "docs" / "plain.md").write_text("# Trang thường\n\n<p>giữ nguyên</p>\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
                                     "plugins:\n  - search\n", encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    install(config)
    build(config)
    return root / "site"


def test_the_block_is_in_the_page_as_written(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert BLOCK in html
    assert "sb:block" not in html and START not in html


def test_search_indexes_around_the_block_only(site):
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Đoạn được tìm thấy" in raw and "Đoạn sau bảng" in raw  # UTF-8, not \\u escapes
    texts = " ".join(d["text"] for d in json.loads(raw)["docs"])
    assert "không" not in texts and "liên kết" not in texts


def test_pages_without_markers_are_untouched(site):
    assert "<p>giữ nguyên</p>" in (site / "plain.html").read_text(encoding="utf-8")
