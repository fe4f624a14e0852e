"""A page that is a title and placeholders converts as Python-Markdown converts it (publish/plain_markdown.py).

The demo repository is built with the plain conversion and without, and the
two sites compared byte for byte; then titles one by one, against MkDocs' own
Page.render with the site's Markdown configuration.
"""
from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_builder.publish import plain_markdown
from tests.test_page_cache import MAIN, build, differences, make_demo
from tests.test_page_split import copy

BODY = "\n\n\n\n<!--sb:block:0-->\n\n\n\n<!--sb:raw:0-->\n\n\n<!--sb:raw:1-->\n\n\n\n<!--sb:block:1-->\n\n\n"


def test_a_site_converted_plainly_is_the_site_python_markdown_writes(tmp_path, monkeypatch):
    demo = make_demo(tmp_path / "demo")
    plainly = copy(demo, tmp_path / "plainly")
    assert build(plainly)["plain"] > 50  # the scorecards of this process (page_split.py forks another)
    monkeypatch.setattr(plain_markdown, "_CHECKED", 10**9)
    markdown = copy(demo, tmp_path / "markdown")
    assert build(markdown)["plain"] == 0
    assert differences(plainly / "site", markdown / "site") == []


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    folder = tmp_path_factory.mktemp("plain")
    (folder / "docs").mkdir()
    text = (MAIN / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: build/docs", "docs_dir: docs")
    (folder / "mkdocs.yml").write_text(text.replace("custom_dir: build/theme", "custom_dir: docs"), encoding="utf-8")
    return load_config(config_file=str(folder / "mkdocs.yml"))


def _rendered(config, markdown: str) -> Page:
    file = File("don-vi/a/x.md", config.docs_dir, config.site_dir, False)
    page = Page(None, file, config)
    page.markdown = markdown
    page.render(config, Files([file]))
    return page


@pytest.mark.parametrize("title", [
    "Bệnh viện Đa khoa khu vực An Phú: phiếu chấm điểm năm 2025, cả năm",
    "Trung tâm Y tế huyện Kỳ Hà (TTYT): phiếu chấm điểm năm 2021, 6 tháng",
    "Đơn vị 1.2/3 - số 4",
])
def test_a_plain_title_converts_as_python_markdown_converts_it(config, title):
    real = _rendered(config, f"# {title}{BODY}")
    plain = plain_markdown.PlainMarkdown(config)
    converted = plain._convert(f"# {title}{BODY}")
    assert converted is not None and plain_markdown._same(real, converted)


@pytest.mark.parametrize("title", ["Đơn vị *một*", "A & B", "Tiêu đề #", "a_b_c", "`mã`", "Hai  dấu cách",
                                   "[liên kết](x.md)", "Đơn vị {: #id }", "<b>đậm</b>", "Đơn vị \\*"])
def test_a_title_markdown_reads_its_own_way_is_left_to_python_markdown(config, title):
    assert plain_markdown.PlainMarkdown(config)._convert(f"# {title}{BODY}") is None


@pytest.mark.parametrize("markdown", ["# Tiêu đề\n\nMột đoạn văn.\n", "# Tiêu đề\n\n- mục\n", "Không có tiêu đề\n",
                                      "# Tiêu đề\n\n<!--sb:raw:0-->\n\n## Mục\n"])
def test_a_page_with_anything_else_is_left_to_python_markdown(config, markdown):
    assert plain_markdown.PlainMarkdown(config)._convert(markdown) is None


def test_another_markdown_extension_turns_the_plain_way_off(config):
    other = load_config(config_file=config.config_file_path, markdown_extensions=["toc", "smarty"])
    assert plain_markdown.PlainMarkdown(config).on and not plain_markdown.PlainMarkdown(other).on
    permalink = load_config(config_file=config.config_file_path, markdown_extensions=[{"toc": {"permalink": True}}])
    assert not plain_markdown.PlainMarkdown(permalink).on
