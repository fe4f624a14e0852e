"""The search plugin's tokenizer shortcut (publish/search_parse.py) makes html.parser's calls exactly, or steps aside."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from site_builder.publish.search_parse import tokens


class Recorder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.calls = []

    def handle_starttag(self, tag, attrs):
        self.calls.append((0, tag, attrs))

    def handle_endtag(self, tag):
        self.calls.append((1, tag))

    def handle_data(self, data):
        self.calls.append((2, data))


def parsed(text):
    parser = Recorder()
    parser.feed(text)
    parser.close()
    return parser.calls


PLAIN = [
    '<h1 id="trang">Trang &amp; điểm</h1>\n<p>Đoạn <em>một</em>,\n  hai &#8212; ba&nbsp;bốn</p>',
    '<div class="sb-card-head" hidden>\n<table class="sb-table"><tbody>\n<tr><th>Đơn vị</th>'
    '<td class="sb-num" data-value="867.25" data-search-exclude>867,25</td></tr>\n</tbody></table></div>',
    '<p title="a &quot;b&quot; &lt;c&gt;" data-x="" data-y = "1">x</p><br><br/><div/><img src="a.png" alt="">',
    '<!--sb:block:0-->\n\n<!-- chú thích -->\n<pre><code>  hai   dòng\n\n  mã</code></pre>\n',
    'văn bản cuối &amp; hết',
    '',
    '<DIV>hoa</DIV>'.lower(),
]
ODD = [
    "<p>a < b</p>",  # a < that opens nothing
    "<DIV>hoa</DIV>",  # upper-case tags
    "<p class='đơn'>x</p>",  # single quotes
    "<script>if (a < b) {}</script>",  # raw text element
    "<!DOCTYPE html><p>x</p>",
    "<!-- a -- > b -->",  # html.parser's own comment ending
    "<p>không đóng",
    "<p data-x=1>x</p>",  # unquoted value
    "<p",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_html_gives_html_parsers_calls(text):
    calls = tokens(text)
    assert calls is not None
    assert [tuple(c) for c in calls] == parsed(text)


@pytest.mark.parametrize("text", ODD)
def test_anything_else_goes_to_html_parser(text):
    calls = tokens(text)
    assert calls is None or [tuple(c) for c in calls] == parsed(text)


def sections(parser):
    return [(s.el.tag, s.id, s.depth, "".join(s.title), "".join(s.text), s.is_excluded()) for s in parser.data]


SEARCH_PAGES = [
    '<h1 id="t">Trang</h1>\n<table><tr><td data-search-exclude>1,5</td><td>giữ</td><td data-search-exclude></td></tr></table>',
    '<td data-search-exclude>trước mọi mục</td><p>sau</p>',  # no section yet
    '<div data-search-exclude><p>ngoài</p><div data-search-exclude>trong</div><p>lộ ra</p></div>',  # same tag skipped
    '<div><div><h2 id="a">A</h2></div><span data-search-exclude>x</span>\n  <p>đoạn</p></div><p>sau</p>',
    '<div><h2 id="a">A</h2><div><h3 id="b">B</h3></div><em data-search-exclude>x</em> chữ</div><p>cuối</p>',
    '<p>mở</p><h2 id="h" data-search-exclude>Ẩn</h2><p>văn <b data-search-exclude>bỏ</b> bản</p><br data-search-exclude>hết',
    '<h2 id="k">Có <small data-search-exclude>nhỏ</small> tiêu đề</h2>\n\n<pre>  <span data-search-exclude>a</span>  b </pre>',
]


@pytest.mark.parametrize("text", SEARCH_PAGES)
def test_search_sections_as_with_html_parser(text):
    search = pytest.importorskip("material.plugins.search.plugin")
    from site_builder.publish.search_parse import feed

    ours, theirs = search.Parser(), search.Parser()
    feed(ours, text)
    ours.close()
    theirs.feed(text)
    theirs.close()
    assert sections(ours) == sections(theirs)
