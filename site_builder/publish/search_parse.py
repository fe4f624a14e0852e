"""The search plugin's reading of each page, with the tags found by one regex instead of html.parser.

Material's search plugin (material/search) indexes a page by feeding its
HTML to a subclass of html.parser.HTMLParser, whose pure-Python tokenizer
was a fifth of the whole MkDocs build on the stress repository (3,000
scorecards). The index itself comes from that subclass's handlers
(handle_starttag, handle_endtag, handle_data): sections, excluded
elements, kept tags, whitespace.

Here the same handlers are called, in the same order and with the same
arguments html.parser would pass them, from a strict tokenizer that only
knows the plain HTML our pages consist of: lower-case tags, double-quoted
or bare attributes, comments, text. One text run between two pieces of
markup is one handle_data call with its character references resolved,
as html.parser does with convert_charrefs. Anything else in a page (a
`<` that opens nothing, single quotes, script or style, doctype,
processing instructions, an unclosed tag) and the page goes to
html.parser as before. The index is therefore the same, byte for byte:
tests/test_passthrough.py builds a site both ways and compares.
"""
from __future__ import annotations

import re
import types
from html import unescape

_TOKEN = re.compile(
    r"""<([a-z][a-z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*"[^"<]*")?)*)\s*(/?)>"""  # start tag
    r"""|</([a-z][a-z0-9-]*)>"""  # end tag
    r"""|<!--(?![->])(?:(?!--)[^<])*-->"""  # comment (none of html.parser's odd endings: no "--" inside)
    r"""|([^<]+)""")  # text
_ATTR = re.compile(r"""\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(\s*=\s*"([^"<]*)")?""")
# Elements html.parser reads as raw text (their content is not markup), in any Python version.
_RAW_TEXT = frozenset(("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"))


def tokens(text: str) -> list | None:
    """The handler calls html.parser would make for `text`, or None when `text` is not plain enough."""
    calls: list = []
    add = calls.append
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() != pos:
            return None
        pos = match.end()
        tag, attrs, closing, end_tag, data = match.group(1, 2, 3, 4, 5)
        if data is not None:
            add((2, unescape(data) if "&" in data else data))
        elif tag is not None:
            if tag in _RAW_TEXT:
                return None
            pairs = []
            if attrs:
                for name, equals, value in _ATTR.findall(attrs):
                    # As html.parser: no value is None, ="" is "", a value has its references resolved.
                    pairs.append((name.lower(), (unescape(value) if "&" in value else value) if equals else None))
            add((0, tag, pairs))
            if closing:
                add((1, tag))
        elif end_tag is not None:
            add((1, end_tag))
    if pos != len(text):
        return None
    return calls


def feed(parser, text: str) -> None:
    """Feed `text` to `parser` (an HTMLParser subclass) through its handlers, html.parser's way."""
    calls = tokens(text)
    if calls is None:
        parser.feed(text)
        return
    start, end, data = parser.handle_starttag, parser.handle_endtag, parser.handle_data
    for call in calls:
        kind = call[0]
        if kind == 0:
            start(call[1], call[2])
        elif kind == 1:
            end(call[1])
        else:
            data(call[1])


def speed_up(plugin) -> bool:
    """Have Material's search plugin (already configured) read pages through feed(); False if it is not there."""
    try:
        from material.plugins.search.plugin import Parser
    except ImportError:
        return False
    from html.parser import HTMLParser

    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "create_entry_for_section"):
        return False
    # feed() calls the three handlers only: the parser must not need any other.
    for handler in ("handle_startendtag", "handle_comment", "handle_entityref", "handle_charref", "handle_decl", "handle_pi"):
        if getattr(Parser, handler) is not getattr(HTMLParser, handler):
            return False

    def add_entry_from_context(self, page):
        # Material's SearchIndex.add_entry_from_context, with feed(parser, …) for parser.feed(…).
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        parser = Parser()
        feed(parser, page.content)
        parser.close()
        for section in parser.data:
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = types.MethodType(add_entry_from_context, index)
    return True
