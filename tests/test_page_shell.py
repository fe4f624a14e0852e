"""The theme's page filled in for pages of a kind (publish/page_shell.py) is the page Material renders.

The demo repository (one cluster, five years) is built with the real pipeline
and MkDocs, with shells and without, and the two sites compared byte for
byte. Then small MkDocs sites whose template shows something of the page
that a shell does not hold: each such page is still rendered as Material
renders it.
"""
from __future__ import annotations

import os

import mkdocs.commands.build as build_module
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from site_builder.publish import page_shell
from site_builder.publish.passthrough import install
from tests.test_page_cache import build, differences, make_demo
from tests.test_page_split import copy


def test_a_site_built_with_shells_is_the_site_built_without(tmp_path, monkeypatch):
    demo = make_demo(tmp_path / "demo")
    shells = copy(demo, tmp_path / "shells")
    # Most pages outside the menu are filled in (the other process of page_split.py counts its own).
    assert build(shells)["filled"] > 50
    monkeypatch.setattr(page_shell, "_CHECKED", 10**9)  # no kind is ever trusted: every page rendered
    plain = copy(demo, tmp_path / "plain")
    assert build(plain)["filled"] == 0
    assert differences(shells / "site", plain / "site") == []


def _site(root, pages: dict[str, str], template: str | None, shells: bool):
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    custom = ""
    if template is not None:
        (root / "theme").mkdir(exist_ok=True)
        (root / "theme" / "main.html").write_text(template, encoding="utf-8")
        custom = "  custom_dir: theme\n"
    (root / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
                                     f"{custom}plugins:\n  - search\nnav:\n  - index.md\n", encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = root / ("shells" if shells else "plain")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    install(config)
    if not shells:
        mkdocs_build(config)
        return site, 0
    made = page_shell.PageShells()
    original = build_module._build_page

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        made.build(original, page, config, doc_files, nav, env, dirty, excluded)

    build_module._build_page = _build_page
    try:
        mkdocs_build(config)
    finally:
        build_module._build_page = original
    return site, made.filled


def _pages(count: int, title=lambda i: f"Phiếu số {i}") -> dict[str, str]:
    pages = {"index.md": "# Trang chủ\n"}
    for i in range(count):
        pages[f"don-vi/u{i % 3}/p{i}.md"] = f"---\ntitle: \"{title(i)}\"\nhide:\n  - toc\n---\n# {title(i)}\n\nNội dung {i}.\n"
    return pages


def _same(tmp_path, pages, template=None) -> int:
    plain, _ = _site(tmp_path, pages, template, shells=False)
    filled_site, filled = _site(tmp_path, pages, template, shells=True)
    assert differences(filled_site, plain) == []
    return filled


def test_pages_of_one_kind_are_filled_in_after_two_are_rendered(tmp_path):
    assert _same(tmp_path, _pages(8)) == 8 - page_shell._CHECKED


def test_a_template_that_shows_the_page_address_renders_every_page(tmp_path):
    template = '{% extends "base.html" %}{% block extrahead %}{% if page %}<meta name="x" content="{{ page.url }}">{% endif %}{% endblock %}'
    assert _same(tmp_path, _pages(8), template) == 0


def test_a_template_that_shows_more_of_the_title_than_the_title_renders_every_page(tmp_path):
    """The second page's output is not the shell filled in with its values: the kind is never trusted."""
    template = '{% extends "base.html" %}{% block extrahead %}{% if page %}<meta name="n" content="{{ page.meta.title | length }}">{% endif %}{% endblock %}'
    assert _same(tmp_path, _pages(8, title=lambda i: "Phiếu" + " số" * i), template) == 0


def test_a_title_the_template_may_escape_or_strip_is_rendered(tmp_path):
    pages = _pages(8, title=lambda i: f"Phiếu <b>{i}</b> &amp; {i}" if i % 2 else f"Phiếu số {i}")
    filled = _same(tmp_path, pages)
    assert 0 < filled < 8 - page_shell._CHECKED
