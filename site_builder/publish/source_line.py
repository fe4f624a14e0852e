"""The line naming the build's commit and data date, put into the generated pages by MkDocs.

Every data page ends with "Số liệu xây dựng từ commit …; ngày số liệu …" (the
built_from macro of _macros.j2), on screen and on the printed scorecard. Page
generation writes a mark in its place, so that a page's Markdown does not
change with the commit: a rebuild moves the unchanged pages of the years and
clusters it keeps (publish/year_reuse.py) instead of writing 3,500 files
again, and the page cache keys on that Markdown as it is. This plugin puts
the line in place of the mark before any other plugin reads the page, so
Markdown, the link check and search see what they would see had page
generation written the line itself.
"""
from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority

MARK = "<!--sb:nguon-->"  # what the source_mark macro of _macros.j2 writes
NAME = "site_builder/source_line"


class SourceLine(BasePlugin):
    def __init__(self, line: str):
        self.line = line

    @event_priority(200)  # first: before passthrough.py sets the page's HTML aside
    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        return markdown.replace(MARK, self.line) if MARK in markdown else markdown


def install(config, line: str | None) -> None:
    """Add the plugin to a loaded MkDocs config. Without a line (a build that wrote no page), the
    mark stays: an HTML comment nobody sees."""
    if line:
        config.plugins[NAME] = SourceLine(line)
