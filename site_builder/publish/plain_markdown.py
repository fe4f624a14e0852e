"""Pages whose Markdown is only a title once their HTML is set aside, converted without Python-Markdown.

A scorecard's Markdown is a level-1 title and blocks of HTML. By the time
MkDocs converts it, passthrough.py has swapped every block for a placeholder
comment, so what Python-Markdown does with the page is always the same: the
title becomes a heading with its table-of-contents id, each placeholder a
line of its own. Yet making a Markdown converter and running it over the page
was most of what MkDocs spent reading each of 3,000 scorecards.

Here such a page (a title of plain text and placeholders, nothing else,
with Markdown's usual extensions only) gets its content, table of contents,
title and anchors worked out directly. The first pages of the build that
qualify are converted both ways, and only if every one of them comes out
the same are the others converted directly; one that differs, and
Python-Markdown converts every page for the rest of the build.
tests/test_plain_markdown.py compares the two on every generated page.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import markdown.extensions.toc
from mkdocs.structure.toc import get_toc

# Checked both ways before the others are trusted, in each process (page_split.py forks one).
_CHECKED = 2
_PAGE = re.compile(r"# ([^\n]*)\n((?:\n*<!--sb:(?:block|raw):\d+-->)*)\n*")
_PLACEHOLDER = re.compile(r"<!--sb:(?:block|raw):\d+-->")
# A title Markdown writes as it is: no character it gives a meaning to (emphasis, code, links, escapes,
# HTML, attributes, closing hashes), one space between words.
_PLAIN_TITLE = re.compile(r"[^\s\\`*_{}\[\]<>&#!|~^=+\"'](?:[^\S\n]?[^\s\\`*_{}\[\]<>&#!|~^=+\"'])*")
# The extensions MkDocs' configuration may name for this to hold (MkDocs adds toc, tables, fenced_code).
_EXTENSIONS = {"toc", "tables", "fenced_code", "admonition", "attr_list"}
_TOC_OPTIONS = {"slugify", "separator"}


@dataclass
class Converted:
    content: str
    tokens: list[dict]
    title: str
    anchors: set[str]


class PlainMarkdown:
    def __init__(self, config):
        toc = (config.get("mdx_configs") or {}).get("toc", {})
        names = {e if isinstance(e, str) else type(e).__name__ for e in config.get("markdown_extensions") or ()}
        self.on = names <= _EXTENSIONS and set(toc) <= _TOC_OPTIONS
        self.slugify = toc.get("slugify", markdown.extensions.toc.slugify)
        self.separator = toc.get("separator", "-")
        self.checked = 0
        self.converted = 0

    def render(self, original, page, config, files) -> None:
        """Page.render: `original` (Python-Markdown) unless the page is plain and the plain way was checked."""
        plain = self._convert(page.markdown) if self.on else None
        if plain is not None and self.checked >= _CHECKED:
            _apply(page, plain)
            self.converted += 1
            return
        original(page, config, files)
        if plain is not None:
            self.checked += 1
            self.on = _same(page, plain)

    def _convert(self, text: str | None) -> Converted | None:
        match = _PAGE.fullmatch(text or "")
        if match is None or not _PLAIN_TITLE.fullmatch(match.group(1)):
            return None
        title, slug = match.group(1), self.slugify(match.group(1), self.separator)
        placeholders = _PLACEHOLDER.findall(match.group(2))
        # As Markdown writes them: the heading, the first placeholder on the next line, the others after a blank line.
        content = f'<h1 id="{slug}">{title}</h1>' + ("\n" + "\n\n".join(placeholders) if placeholders else "")
        tokens = [{"level": 1, "id": slug, "name": title, "html": title, "data-toc-label": "", "children": []}]
        return Converted(content, tokens, title, {slug})


def _apply(page, plain: Converted) -> None:
    """What Page.render sets (mkdocs/structure/pages.py)."""
    page.content = plain.content
    page.toc = get_toc(plain.tokens)
    page._title_from_render = plain.title
    page.present_anchor_ids = set(plain.anchors)
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


def _toc(toc) -> list:
    return [(item.title, item.url, item.level, _toc(item.children)) for item in toc]


def _same(page, plain: Converted) -> bool:
    links = page.links_to_anchors
    return (page.content == plain.content and _toc(page.toc) == _toc(get_toc(plain.tokens))
            and page._title_from_render == plain.title and page.present_anchor_ids == plain.anchors
            and not links)
