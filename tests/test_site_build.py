"""build --strict on the example data: the site exists, is reproducible, self-contained and navigable."""
from __future__ import annotations

import datetime as dt
import gzip
import html.parser
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import test_site_support as support


@pytest.fixture(scope="session")
def repo(tmp_path_factory) -> Path:
    return support.built(tmp_path_factory)


class Refs(html.parser.HTMLParser):
    """Links, resources and element ids of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.nav: list[str] = []
        self._in_nav = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "nav" and "md-nav--primary" in (attrs.get("class") or ""):
            self._in_nav += 1
        elif tag == "nav" and self._in_nav:
            self._in_nav += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._in_nav:
                self.nav.append(attrs["href"])
        for key in ("src",) if tag != "a" else ():
            if attrs.get(key):
                self.resources.append(attrs[key])
        if tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self._in_nav:
            self._in_nav -= 1


def parse(path: Path) -> Refs:
    refs = Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_build_strict_succeeds_without_warnings(repo):
    site = repo / "site"
    assert (site / "index.html").is_file()
    assert "cảnh báo" not in support.build_stderr() and "WARNING" not in support.build_stderr()
    for page in ["xep-hang/2025-ca-nam/cum-benh-vien-tinh.html", "don-vi/bv-san-nhi/2025-ca-nam.html",
                 "tieu-chi/2025.html", "de-nghi/index.html", "dien-hinh/index.html", "du-lieu/index.html"]:
        assert (site / page).is_file(), page
    # Hand-written pages come along, generated pages stay out of git.
    assert (site / "gioi-thieu.html").is_file()
    assert (repo / "build" / "docs" / "index.md").is_file()


def test_two_builds_of_one_commit_are_byte_identical_and_leave_no_temporary_files(repo, tmp_path):
    # A fresh clone elsewhere, built later: no path, clock or leftover state may show.
    clone, scratch = tmp_path / "clone", tmp_path / "tmp"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    scratch.mkdir()
    done = support.run_cli("build", "--strict", cwd=clone, TMPDIR=str(scratch))
    assert done.returncode == 0, done.stderr
    # Material's blog plugin writes its archive pages to a temporary folder it removes at shutdown.
    assert sorted(p.name for p in scratch.iterdir()) == []
    first, second = support.tree(repo / "site"), support.tree(clone / "site")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_the_files_the_build_generated_are_linked_into_the_site_not_copied(repo):
    """publish/linked_files.py: the open data is the very file page generation wrote; what MkDocs takes
    from elsewhere (Material's own scripts) is copied, so the site never shares a file with the package."""
    data = sorted((repo / "site" / "du-lieu").rglob("*.csv"))
    assert data
    for published in data:
        generated = repo / "build" / "docs" / published.relative_to(repo / "site")
        assert published.stat().st_ino == generated.stat().st_ino
    script = next((repo / "site" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert script.stat().st_nlink == 1


def test_dates_come_from_the_commit_not_the_clock(repo):
    home = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert f"Ngày số liệu: <strong>{support.AS_OF}</strong>" in home
    sitemap = (repo / "site" / "sitemap.xml").read_text(encoding="utf-8")
    # Pages are listed once site_url is set (a real deployment); their dates are the commit's.
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) <= {"2026-02-10"}
    raw = (repo / "site" / "sitemap.xml.gz").read_bytes()
    stamped = dt.datetime.fromtimestamp(int.from_bytes(raw[4:8], "little"), dt.timezone.utc)
    assert stamped.date() == dt.date(2026, 2, 10)  # MkDocs keeps the day of SOURCE_DATE_EPOCH
    assert gzip.decompress(raw).decode("utf-8") == sitemap
    head = support.git(repo, "rev-parse", "HEAD")
    assert head in (repo / "site" / "du-lieu" / "index.html").read_text(encoding="utf-8")


def test_navigation_does_not_grow_with_scorecards(repo):
    site = repo / "site"
    scorecards = [p for p in (site / "don-vi").rglob("*.html") if re.fullmatch(r"\d{4}-(6-thang|ca-nam)\.html", p.name)]
    assert len(scorecards) > 80
    menus = {menu(site, p) for p in [site / "index.html", scorecards[0], site / "xep-hang" / "index.html"]}
    assert len(menus) == 1
    entries = menus.pop()
    assert 6 <= len(entries) <= 16
    assert not any(re.search(r"\d{4}-(6-thang|ca-nam)\.html", target) for target in entries)


def menu(site: Path, page: Path) -> tuple[str, ...]:
    """The main menu of a page, as site paths (its links are relative to the page)."""
    links = [href for href in parse(page).nav if not href.startswith("#")]
    return tuple(sorted({posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), h.split("#")[0])) for h in links}))


def test_nothing_is_loaded_from_outside_the_site(repo):
    for page in html_pages(repo / "site"):
        refs = parse(page)
        external = [r for r in refs.resources if urlsplit(r).scheme or r.startswith("//")]
        assert external == [], page
    css = "".join(p.read_text(encoding="utf-8") for p in (repo / "site").rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_every_internal_link_and_anchor_resolves(repo):
    site = repo / "site"
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # served at any address, so its links are absolute by design
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                known = ids.setdefault(target, parse(target).ids)
                if unquote(parts.fragment) not in known:
                    broken.append(f"{page.relative_to(site)} → {href} (no anchor)")
    assert broken == []


def test_a_failed_build_leaves_the_previous_site_intact(repo, tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy)
    before = support.tree(copy / "site")
    config = copy / "mkdocs.yml"
    # A menu entry to a page that does not exist: MkDocs warns, --strict stops.
    config.write_text(config.read_text(encoding="utf-8") + "  - Trang thiếu: khong-co.md\n", encoding="utf-8")
    done = support.run_cli("build", "--strict", cwd=copy)
    assert done.returncode == 1, done.stderr
    assert "khong-co.md" in done.stderr
    assert support.tree(copy / "site") == before


def test_build_without_any_cluster_list_is_a_usage_error(tmp_path):
    shutil.copy2(support.MAIN / "mkdocs.yml", tmp_path / "mkdocs.yml")
    done = support.run_cli("build", cwd=tmp_path)
    assert done.returncode == 2
    assert "Chưa có danh sách cụm" in done.stderr


def test_unknown_templates_folder_is_a_usage_error(tmp_path):
    done = support.run_cli("build", "--templates", tmp_path / "khong-co", cwd=tmp_path)
    assert done.returncode == 2
    assert "--templates" in done.stderr
