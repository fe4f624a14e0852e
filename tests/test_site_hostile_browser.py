"""No script reaches the public site: every page of a site built from hostile text, opened in the real browser.

test_site_escaping.py checks the raw HTML of the example site seeded with a
few attacks. Here the small corpus repository (hostile_repo.py) gets a long
list of them in every place people type free text, still valid data (so
that all of it is published): registry names, cluster-record notes, reasons,
places, attendees and minutes, submission results and evidence links and
titles, write-up title and body. The site is built with `build --strict`, then
every generated page is loaded in Debian's chromium (Playwright, no browser
download) with dialog, console and request listeners: no dialog, no console
error, no request leaving 127.0.0.1, and in the DOM no event-handler
attribute, no javascript:/data: link, no frame. The raw HTML is checked too.
"""
from __future__ import annotations

import contextlib
import html.parser
import io
import re
from pathlib import Path

import pytest
import yaml

import test_site_support as support
from hostile_repo import make_base
from test_site_browser import ARGS, CHROMIUM, serving

from site_builder.cli import main

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="cần /usr/bin/chromium (apt-get install chromium) để chạy kiểm thử trình duyệt")

# Each one is numbered (alert('h7')): a dialog names the attack that got through.
ATTACKS = [
    "<script>alert('h1')</script>",
    "<img src=x onerror=alert('h2')>",
    "<svg onload=alert('h3')>",
    "<svg><script>alert('h4')</script></svg>",
    "<iframe src=\"javascript:alert('h5')\"></iframe>",
    "\"><script>alert('h6')</script>",
    "'><svg/onload=alert('h7')>",
    "<a href=\"javascript:alert('h8')\">bấm</a>",
    "<a href=\"&#106;avascript:alert('h9')\">bấm</a>",
    "<a href=\"java&#09;script:alert('h10')\">bấm</a>",
    "[bấm](javascript:alert('h11'))",
    "[bấm](jav&#x61;script:alert('h12'))",
    "![ảnh](javascript:alert('h13'))",
    "<javascript:alert('h14')>",
    "[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgnaDE1Jyk8L3NjcmlwdD4=)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('h16')>",
    "<details open ontoggle=alert('h17')>",
    "<body onload=alert('h18')>",
    "<style>*{display:none}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\">",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "<form action=\"https://evil.example/\"><input name=p></form>",
    "</textarea></title></style><script>alert('h19')</script>",
    "<a href=\"https://evil.example/\" onclick=\"alert('h20')\">Sở</a>",
    "{{ 7*7 }} {% raw %}",  # template syntax is data too: shown as typed, never evaluated
]
LINE = " ".join(ATTACKS)            # for one-line text: names, places, notes, results
MARKDOWN = "\n\n".join(ATTACKS)     # for Markdown: minutes and write-up bodies
# Evidence is published as links: each of these must be dropped or made harmless.
EVIDENCE = [
    {"url": "https://soyte.example/kh.pdf?q=\"><script>alert('e1')</script>", "title": LINE},
    "java\tscript:alert('e2')",
    "&#106;avascript:alert('e3')",
    "\" onmouseover=\"alert('e4')",
]
# The theme has forms of its own (search, colour palette): a form from the data is caught by its action.
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "details", "math", "mglyph", "textarea", "frame", "frameset"}
BAD_SCHEMES = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _short(start: int, count: int = 3) -> str:
    """A few of the attacks: names are limited to 200 characters (longer ones are refused)."""
    return " ".join(ATTACKS[start:start + count])


def _registry(data: dict) -> None:
    data["department"]["name"] = "Sở Y tế " + _short(0)
    data["settings"]["flag_base_note"] = LINE
    cluster = data["clusters"][0]
    cluster["name"] = "Cụm A " + _short(3)
    members = cluster["members"]
    members[0]["name"] = "Bệnh viện A " + _short(6)
    members[1]["name"] = "Bệnh viện B " + _short(0, 2)
    members[2]["name"] = "Bệnh viện C " + _short(9)
    data["clusters"][1]["name"] = "Cụm B " + _short(18)
    data["clusters"][1]["members"][0]["name"] = "Trung tâm D " + _short(21)


def _covenant(data: dict) -> None:
    data["covenant"]["place"] = LINE


def _record(data: dict) -> None:
    data["scores"] = {"bv-b": {"1.1": {"score": 100, "note": LINE}}}
    data["eligibility"] = [{"unit": "bv-c", "status": "deferred", "reason": LINE, "reference": LINE}]
    data["meeting"]["place"] = LINE
    data["meeting"]["attendees"] = [{"role": LINE, "name": LINE, "unit": "bv-b"}]
    data["meeting"]["minutes"] = MARKDOWN + "\n"


def _submission(data: dict) -> None:
    entries = data["criteria"]
    entries["1.1"]["result"] = LINE
    entries["1.1"]["evidence"] = EVIDENCE
    entries["1.2"]["result"] = MARKDOWN


def _writeup(root: Path) -> None:
    path = root / "writeups/2025/bv-a--mo-hinh-hay.md"
    text = path.read_text(encoding="utf-8").replace('title: "Mô hình hay"', "title: " + yaml.safe_dump(LINE, allow_unicode=True, width=10_000).strip().removesuffix("..."))
    path.write_text(text.rstrip("\n").rsplit("\n", 1)[0] + "\n" + MARKDOWN + "\n", encoding="utf-8")


def run(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main([*args, "--root", str(root)])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_base(tmp_path_factory.mktemp("hostile-site") / "repo")
    _edit_yaml(root / "clusters/2025/registry.yaml", _registry)
    _edit_yaml(root / "clusters/2025/cum-a/cluster.yaml", _covenant)
    _edit_yaml(root / "clusters/2025/cum-a/year.yaml", _record)
    _edit_yaml(root / "submissions/2025/year/cum-a/bv-b.yaml", _submission)
    _writeup(root)
    support.commit_all(root, "Dữ liệu có nội dung độc hại")
    # Valid data (warnings only): every hostile text is published, none is left out for an error.
    code, out = run(root, "validate")
    assert code == 0, out
    code, out = run(root, "build", "--strict")
    assert code == 0, out
    return root / "site"


class Tags(html.parser.HTMLParser):
    """Tags and attributes as a browser reads them: entities in attribute values decoded."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_hostile_text_is_on_the_site(site):
    # Published, not dropped for an error: the escaped text is there to be read.
    card = (site / "don-vi/bv-b/2025-ca-nam.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;h1&#39;)&lt;/script&gt;" in card
    assert "{{ 7*7 }} {% raw %}" in card
    ranking = (site / "xep-hang/2025-ca-nam/cum-a.html").read_text(encoding="utf-8")
    assert "Bệnh viện B &lt;script&gt;" in ranking


def test_the_raw_html_carries_no_markup_from_the_data(site):
    for name in pages(site):
        text = (site / name).read_text(encoding="utf-8")
        parser = Tags()
        parser.feed(text)
        assert "alert(" not in "".join(parser.script_text), name
        for tag, attrs in parser.tags:
            assert tag not in FORBIDDEN_TAGS, (name, tag, attrs)
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            for attr in ("href", "src", "action", "formaction", "data", "srcset", "poster"):
                value = re.sub(r"[\x00-\x20]", "", attrs.get(attr, ""))
                assert not BAD_SCHEMES.match(value), (name, tag, attrs)
            assert not (tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh"), name
        assert "evil.example" not in re.sub(r"&[a-z#0-9]+;", "", " ".join(v for _, a in parser.tags for v in a.values())), name


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def server(site):
    with serving(site) as address:
        yield address


@pytest.fixture(scope="module")
def tab(server):
    """One tab that records every dialog, console error, page error and request leaving 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.seen = {"dialogs": [], "errors": [], "outside": []}
        page.on("dialog", lambda d: (page.seen["dialogs"].append(d.message), d.dismiss()))
        page.on("console", lambda m: m.type == "error" and page.seen["errors"].append(m.text))
        page.on("pageerror", lambda e: page.seen["errors"].append(str(e)))
        page.on("request", lambda r: r.url.startswith(server + "/") or r.url.startswith("data:") or page.seen["outside"].append(r.url))
        page.base = server
        yield page
        browser.close()


DOM_CHECK = """() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
    }
    for (const el of document.querySelectorAll('[href],[src],[action],[formaction]')) {
        const url = el.href || el.src || el.action || '';
        if (/^(javascript|vbscript|data):/i.test(String(url))) bad.push(el.tagName + ' ' + url);
    }
    for (const el of document.querySelectorAll('iframe,object,embed,base,frame')) bad.push(el.tagName);
    for (const el of document.forms) if (new URL(el.action).origin !== location.origin) bad.push('form ' + el.action);
    if (getComputedStyle(document.body).display === 'none') bad.push('body hidden');
    return bad;
}"""


def test_every_page_runs_no_script_from_the_data(site, tab):
    names = pages(site)
    assert len(names) > 20
    for name in names:
        tab.goto(f"{tab.base}/{name}", wait_until="load")
        assert tab.evaluate(DOM_CHECK) == [], name
        assert tab.seen == {"dialogs": [], "errors": [], "outside": []}, name
        assert tab.url == f"{tab.base}/{name}", f"{name} went to {tab.url}"


def test_searching_for_the_attacks_runs_none(tab):
    # The search results are drawn by the theme's JavaScript from the index, where the text lives too.
    tab.goto(f"{tab.base}/index.html", wait_until="load")
    tab.click("input.md-search__input")
    tab.wait_for_function("() => /Nhập để/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=60000)
    tab.keyboard.type("script alert", delay=20)
    tab.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30000)
    tab.wait_for_timeout(500)
    assert tab.evaluate(DOM_CHECK) == []
    assert tab.seen == {"dialogs": [], "errors": [], "outside": []}
