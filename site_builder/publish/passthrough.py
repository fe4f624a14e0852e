"""Generated HTML that MkDocs does not need to read, passed through to the page untouched.

The data pages are mostly HTML tables written by our templates (text escaped,
links computed by render/links.py). MkDocs reads every page's HTML three
times with Python's pure-Python html.parser: Python-Markdown looking for raw
blocks, MkDocs checking the links of raw HTML, and the search plugin
indexing it. On the stress repository (3,000 scorecards) that was most of the
whole build, 30 times the cost of MkDocs itself on as many empty pages.

A template puts such a block between START and END. Before Markdown sees
the page, the block is swapped for a placeholder comment (which Markdown,
the link check and the search plugin pass over); once the page is rendered,
after search has indexed it, the block is put back byte for byte. So a
marked block is not parsed, not link-checked and not indexed: what people
should find with search stays outside the markers.

The plugin also writes search/search_index.json as UTF-8 instead of the
\\uXXXX escapes the search plugin writes: Vietnamese text then takes a third
of the bytes the visitor's browser downloads before the first search.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

START, END = "<!--sb:html-->", "<!--/sb:html-->"
_BLOCK = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_PLACEHOLDER = re.compile(r"<!--sb:block:(\d+)-->")
NAME = "site_builder/passthrough"


class Passthrough(BasePlugin):
    def __init__(self):
        self.stash: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        if START not in markdown:
            return markdown
        blocks: list[str] = []

        def keep(match: re.Match) -> str:
            blocks.append(match.group(1))
            # Blank lines around: Markdown takes the comment as a raw block of its own.
            return f"\n\n<!--sb:block:{len(blocks) - 1}-->\n\n"

        self.stash[page.file.src_uri] = blocks
        return _BLOCK.sub(keep, markdown)

    @event_priority(-100)  # last: every other plugin has seen the page with placeholders only
    def on_post_page(self, output: str, page, **kwargs) -> str:
        blocks = self.stash.pop(page.file.src_uri, None)
        if not blocks:
            return output
        return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], output)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config, **kwargs) -> None:
        index = Path(config["site_dir"]) / "search" / "search_index.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def install(config) -> None:
    """Add the plugin to a loaded MkDocs config (build and serve both go through run_mkdocs)."""
    config.plugins[NAME] = Passthrough()
