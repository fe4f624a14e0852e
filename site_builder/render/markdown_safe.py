"""Markdown written by units and cluster heads (write-ups, minutes), turned into HTML that is safe to publish.

Their Markdown may hold raw HTML; the site is read by the public, so the HTML
is cut down to an allow-list after conversion: no scripts, styles, event
handlers, iframes or images (an image would be a request leaving the intranet),
and links only to http, https, mailto or a relative path.
"""
from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}
EXCERPT_MARK = "<!-- more -->"
LIST_ITEM = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s")


def safe_html(text: str | None, links: bool = True) -> Markup:
    """HTML of the Markdown, sanitised. Placed inside a <div> of a generated page, it is one
    raw HTML block that MkDocs leaves untouched (blank lines inside included).

    links=False keeps the words of links but not the links: for a blog excerpt, which
    Material copies verbatim onto index pages at other depths, where a relative link breaks."""
    if not text or not text.strip():
        return Markup("")
    html = markdown.markdown(_loosen_lists(text), extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=TAGS if links else TAGS - {"a"}, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                      link_rel="noopener noreferrer nofollow", strip_comments=True)
    return Markup(clean.strip())


def _loosen_lists(text: str) -> str:
    """A blank line before a list that follows a paragraph: people write minutes that way,
    and Markdown would otherwise glue the "- " items to the sentence above."""
    lines, out = text.splitlines(), []
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else ""
        if LIST_ITEM.match(line) and previous.strip() and not LIST_ITEM.match(previous) and not previous.startswith((" ", "\t")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def split_excerpt(text: str) -> tuple[str, str]:
    """The opening a blog index shows, and the rest: the author's <!-- more --> mark, else the first paragraph."""
    if EXCERPT_MARK in text:
        head, _, rest = text.partition(EXCERPT_MARK)
        return head, rest
    blocks = text.strip().split("\n\n", 1)
    return blocks[0], blocks[1] if len(blocks) > 1 else ""
