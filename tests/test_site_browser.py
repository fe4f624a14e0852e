"""The built site in a real headless browser (Debian's chromium driven by Playwright), over a local HTTP server.

Checks what a visitor sees: a ranking table, a scorecard, search with and
without diacritics; and that the site makes no request beyond 127.0.0.1 and
logs no console error. Screenshots go to tests/artifacts/ (git-ignored).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

import test_site_support as support

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = support.MAIN / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="cần /usr/bin/chromium (apt-get install chromium) để chạy kiểm thử trình duyệt")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(site: Path):
    """The built site over HTTP on a free local port, as a static host serves it; yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving(support.built(tmp_path_factory) / "site") as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors and every request that leaves 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.errors, tab.outside = [], []
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("request", lambda r: r.url.startswith(server + "/") or r.url.startswith("data:") or tab.outside.append(r.url))
    tab.base = server
    yield tab
    context.close()
    assert tab.errors == []
    assert tab.outside == []


def shot(tab, name: str, full: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full)
    return path


def test_cluster_ranking_in_the_browser(page):
    page.goto(page.base + "/xep-hang/2025-ca-nam/cum-benh-vien-tinh.html")
    table = page.locator("table.sb-ranking")
    assert table.locator("tbody tr").count() == 7
    first = table.locator("tbody tr").first
    assert first.locator("[data-field=rank]").inner_text().strip() == "1"
    assert "Bệnh viện Sản - Nhi tỉnh" in first.inner_text()
    assert first.locator("[data-field=cluster_total]").inner_text().strip() == "865"
    tied = table.locator("tr[data-unit=bv-phoi] [data-field=rank]").inner_text()
    assert "5" in tied and "đồng hạng" in tied
    assert "Không xét" in table.locator("tr[data-unit=bv-mat]").inner_text()
    assert page.locator("figure.sb-chart svg g.sb-bar").count() == 7
    shot(page, "cluster-ranking")


def test_scorecard_in_the_browser(page):
    page.goto(page.base + "/don-vi/bv-san-nhi/2025-ca-nam.html")
    headers = page.locator("table.sb-card").first.locator("thead th").all_inner_texts()
    assert [h.replace("\n", " ") for h in headers] == ["STT", "Tiêu chí", "Kết quả thực hiện", "Điểm tối đa", "Điểm tự chấm", "Điểm Cụm chấm"]
    assert page.locator("table.sb-card").count() == 3
    assert page.locator("ul.sb-evidence a[href^='https://']").count() > 3
    assert page.locator("p.sb-writeups a").count() >= 1
    shot(page, "scorecard")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".sb-signatures").is_visible()
    shot(page, "scorecard-print")


def search(page, query: str) -> tuple[str, list[str]]:
    """Type a query as a person does and wait until the results for all of it are shown."""
    page.goto(page.base + "/index.html")
    page.click("input.md-search__input")
    page.wait_for_function("() => /Nhập để/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=60000)
    page.keyboard.type(query, delay=20)
    last = query.split()[-1].lower()
    # Results link with ?h=… of the terms found; wait for the last word typed, whole.
    page.wait_for_function(
        """last => [...document.querySelectorAll('.md-search-result__item > a')].some(
               a => new URL(a.href).searchParams.get('h')?.split(' ').some(t => t === last || t.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/đ/g, 'd') === last))""",
        arg=last, timeout=30000)
    page.wait_for_timeout(300)
    meta = page.inner_text(".md-search-result__meta")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => new URL(a.href).pathname)")
    return meta, hrefs


def test_search_finds_the_same_pages_with_or_without_diacritics(page):
    meta_accented, accented = search(page, "khen thưởng")
    meta_plain, plain = search(page, "khen thuong")
    shot(page, "search-khen-thuong", full=False)
    assert meta_accented == meta_plain and "tài liệu" in meta_plain
    for found in (accented, plain):
        assert "/tieu-chi/2025.html" in found
        assert any(h.startswith("/dien-hinh/") for h in found)


def test_search_finds_a_unit_typed_without_diacritics(page):
    meta_accented, accented = search(page, "Thạch Bàn")
    meta_plain, plain = search(page, "thach ban")
    shot(page, "search-thach-ban", full=False)
    # Typed either way, the same number of pages, the unit's own page among the first.
    assert meta_accented == meta_plain
    assert "/don-vi/ttyt-thach-ban/index.html" in plain[:6]
    assert "/don-vi/ttyt-thach-ban/index.html" in accented[:6]
