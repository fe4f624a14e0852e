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


RAW_PAGES = {
    "raw.md": ('# Trang HTML\n\n<div class="a" id="neo">\n<p>Ô *không* đổi</p>\n</div>\n\n'
               '<table class="t">\n<tr><td>1</td></tr>\n</table>\n\n\n<p>đoạn <em>một</em></p>\n\n'
               '<div>mở</div> *sau*\n\n<div>\n\nhai đoạn\n\n</div>\n\n[tới neo](raw.md#neo)\n'),
    "code.md": "# Mã\n\n```html\n\n<div>hiện dưới dạng mã</div>\n\n```\n",
    "comment.md": "# Chú thích\n\n<!--\n\n<div>ẩn</div>\n\n-->\n\n<p>hiện</p>\n",
    # Elements over several paragraphs: one search does not read (put back after it), one it reads.
    "long.md": ('# Dài\n\n<ol class="log" data-search-exclude>\n<li id="muc-1"><p>một</p>\n\n<div>hai</div></li>\n\n'
                '<li><p>ba <span data-search-exclude>x</span></p></li>\n</ol>\n\n<div class="x">\n<h2 id="trong">Trong</h2>\n\n'
                '<p>bốn</p>\n</div>\n\n<div data-search-exclude>\n<h3 id="an">Ẩn</h3>\n\n<p>năm</p>\n</div>\n\n'
                '[tới mục](long.md#muc-1) [tới tiêu đề](long.md#trong)\n'),
}


def _build(root, with_plugin):
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / ("site" if with_plugin else "plain")),
                         strict=True)
    if with_plugin:
        install(config)
    build(config)
    return root / ("site" if with_plugin else "plain")


def test_raw_html_paragraphs_come_out_as_markdown_writes_them(tmp_path):
    """The short route for one-element HTML paragraphs changes nothing: same pages, same index, same anchors."""
    (tmp_path / "docs").mkdir()
    for name, text in RAW_PAGES.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
                                         "plugins:\n  - search\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    plain, site = _build(tmp_path, False), _build(tmp_path, True)  # strict: the #neo anchor is found both times
    for name in RAW_PAGES:
        page = name.replace(".md", ".html")
        assert (site / page).read_text(encoding="utf-8") == (plain / page).read_text(encoding="utf-8"), page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index == json.loads((plain / "search" / "search_index.json").read_text(encoding="utf-8"))
