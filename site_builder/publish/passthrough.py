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

Unmarked raw HTML gets a shorter route too. A paragraph that is one HTML
element (a `<div>`, `<table>`, `<p>`… opening at its start and closing at
its end) is what Python-Markdown copies to its output unchanged, after
parsing it twice with html.parser (once to find where it ends, once for
MkDocs' anchor list). Such a paragraph is swapped for a placeholder as
well, and put back as soon as Markdown is done (on_page_content, before any
other plugin): search, the blog and the theme see exactly the HTML they saw
before, and the ids it holds still count as anchors of the page. Pages with
fenced code or HTML comments of their own keep the ordinary route (a
placeholder there could end up shown as code, or close the comment).

The plugin also writes search/search_index.json as UTF-8 instead of the
\\uXXXX escapes the search plugin writes: Vietnamese text then takes a third
of the bytes the visitor's browser downloads before the first search.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from site_builder.publish.search_parse import speed_up
from site_builder.publish.theme_cache import ThemeCache
from site_builder.render.template_env import compile_once

START, END = "<!--sb:html-->", "<!--/sb:html-->"
_PLACEHOLDER = re.compile(r"<!--sb:block:(\d+)-->")
_RAW_PLACEHOLDER = re.compile(r"<!--sb:raw:(\d+)-->")
_RAW_HIDDEN = re.compile(r"<!--sb:hide:(\d+)-->")
NAME = "site_builder/passthrough"

# Block-level elements (markdown.util.BLOCK_LEVEL_ELEMENTS) whose paragraphs take the short route.
_RAW_TAGS = ("div", "table", "p", "nav", "section", "details", "aside", "figure", "ul", "ol", "dl",
             "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_RAW_OPEN = re.compile(r"<(%s)[\s>]" % "|".join(_RAW_TAGS))
_TAG_OF = {tag: re.compile(r"<(/?)%s[\s>]" % tag) for tag in _RAW_TAGS}
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_EXCLUDED = re.compile(r"\sdata-search-exclude(?=[\s>])")
_HEADING = re.compile(r"<h[1-6][\s>]", re.I)
_SEARCH_ATTR = re.compile(r"data-search-\w+=")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
# Anchors as MkDocs' _HTMLHandler collects them from raw HTML: any element's id, an <a>'s name.
_START_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)(\s[^>]*)>")
_ANCHOR_ATTR = re.compile(r"""(?:^|\s)(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _marked(markdown: str, blocks: list[str]) -> str:
    """The page with each START…END block swapped for a placeholder (str.find: no regex scan of 40 KB)."""
    out: list[str] = []
    pos = 0
    while (start := markdown.find(START, pos)) >= 0:
        end = markdown.find(END, start + len(START))
        if end < 0:
            break
        out.append(markdown[pos:start])
        blocks.append(markdown[start + len(START):end])
        # Blank lines around: Markdown takes the comment as a raw block of its own.
        out.append(f"\n\n<!--sb:block:{len(blocks) - 1}-->\n\n")
        pos = end + len(END)
    out.append(markdown[pos:])
    return "".join(out)


def _opened(text: str, tag: str) -> int:
    return sum(1 for match in _TAG_OF[tag].finditer(text) if not match.group(1))


def _hidden_from_search(element: str, tag: str) -> bool:
    """Search reads nothing of `element`: its own tag excludes it, and nothing inside can undo that
    (Material's search Parser opens a section at any heading with an id, even in an excluded
    element, and forgets an exclusion when an inner element of the same tag closes), and it has
    no data-search-…="…" attribute (the search plugin removes those from the page)."""
    head = element[:element.find(">") + 1]
    return (_EXCLUDED.search(head) is not None and _HEADING.search(element) is None
            and _opened(element, tag) == 1
            and _SEARCH_ATTR.search(element) is None)


def _raw(markdown: str, raws: list[str], hidden: list[str]) -> str:
    """The page with each HTML element that fills one or more whole paragraphs swapped for a placeholder:
    <!--sb:raw:N--> (put back before search) or, for an element search does not read, <!--sb:block:N-->
    (put back with the marked blocks: <!--sb:hide:N--> here, N in `hidden`)."""
    chunks = markdown.split("\n\n")
    out: list[str] = []
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        body = chunk.strip("\n")
        opened = _RAW_OPEN.match(body) if body.startswith("<") else None
        if opened is None or _BLANK_LINE.search(body):
            out.append(chunk)
            i += 1
            continue
        tag = opened.group(1)
        # The element may go on over blank lines: take paragraphs until the one where it closes,
        # which must close there at its very end. One pass over each paragraph, its tags counted.
        # (Paragraphs are split at exact blank lines: a line of spaces inside one keeps the ordinary route.)
        depth, j, piece, pieces, closed = 0, i, body, [], False
        while True:
            pieces.append(piece)
            end = None
            for match in _TAG_OF[tag].finditer(piece):
                depth += -1 if match.group(1) else 1
                if depth == 0:
                    end = match.end()
                    break
            if end is not None:
                closed = end == len(piece)
                break
            j += 1
            if j >= len(chunks) or chunks[j].startswith("\n"):
                break
            piece = chunks[j].rstrip("\n")
            if _BLANK_LINE.search(piece):
                break
        if not closed:
            out.append(chunk)
            i += 1
            continue
        span = "\n\n".join(pieces)
        lead = chunk[:len(chunk) - len(chunk.lstrip("\n"))]
        trail = chunks[j][len(chunks[j].rstrip("\n")):]
        if j > i and _hidden_from_search(span, tag):
            hidden.append(span)
            out.append(f"{lead}<!--sb:hide:{len(hidden) - 1}-->{trail}")
        else:
            raws.append(span)
            out.append(f"{lead}<!--sb:raw:{len(raws) - 1}-->{trail}")
        i = j + 1
    return "\n\n".join(out)


def _anchors(raw_html: str) -> set[str]:
    found: set[str] = set()
    if " id=" not in raw_html and " name=" not in raw_html:
        return found
    for tag, attrs in _START_TAG.findall(raw_html):
        for match in _ANCHOR_ATTR.finditer(attrs):
            key = match.group(1).lower()
            if key == "id" or tag.lower() == "a":
                value = next(v for v in match.group(2, 3, 4) if v is not None)
                found.add(html.unescape(value))
    return found


class Passthrough(BasePlugin):
    def __init__(self):
        self.stash: dict[str, list[str]] = {}
        self.raw: dict[str, list[str]] = {}
        self.anchors: dict[str, list[str]] = {}  # HTML put back after search, whose ids are anchors all the same
        self.theme = ThemeCache()

    @event_priority(-100)  # after the search plugin has set up its index
    def on_config(self, config, **kwargs):
        search = config.plugins.get("material/search")
        if search is not None:
            speed_up(search)
        return config

    def on_env(self, env, config, files, **kwargs):
        self.theme.install(env)  # see theme_cache.py
        if config.config_file_path:  # Material's ~90 templates, compiled once rather than in every build
            compile_once(env, Path(config.config_file_path).parent / "build" / "cache" / "jinja")
        return env

    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        blocks: list[str] = []
        if START in markdown:
            markdown = _marked(markdown, blocks)
        if "<" in markdown and not _FENCE.search(markdown) \
                and markdown.count("<!--") == markdown.count("<!--sb:block:"):
            raws: list[str] = []
            hidden: list[str] = []
            markdown = _raw(markdown, raws, hidden)
            if hidden:  # numbered after the marked blocks
                markdown = _RAW_HIDDEN.sub(lambda m: f"<!--sb:block:{len(blocks) + int(m.group(1))}-->", markdown)
                self.anchors[page.file.src_uri] = hidden
                blocks.extend(hidden)
            if raws:
                self.raw[page.file.src_uri] = raws
        if blocks:
            self.stash[page.file.src_uri] = blocks
        return markdown

    @event_priority(100)  # first: every other plugin sees the HTML Markdown would have written
    def on_page_content(self, html: str, page, **kwargs) -> str:
        raws = self.raw.pop(page.file.src_uri, None)
        hidden = self.anchors.pop(page.file.src_uri, None)
        if page.present_anchor_ids is not None:
            for raw in (raws or []) + (hidden or []):
                page.present_anchor_ids |= _anchors(raw)
        if not raws:
            return html
        return _RAW_PLACEHOLDER.sub(lambda m: raws[int(m.group(1))], html)

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
