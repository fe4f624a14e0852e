"""Text written by units, cluster heads and the Department reaches the public site as text, never as markup.

A repository of the 2025 example data is seeded with HTML and Markdown
attacks in every place people type free text; the built site must show them
escaped (or drop them, for Markdown that is turned into HTML) and never run them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import test_site_support as support

SCRIPT = "<script>alert('x')</script>"


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("escaping") / "repo"
    support.make_repo(repo)
    for folder in ("clusters/2024", "submissions/2024", "writeups/2024"):
        shutil.rmtree(repo / folder)
    # Not the elected unit: a file changed after the agreement is not considered, and an
    # elected unit that is not considered would stop the --strict build for another reason.
    submission = repo / "submissions/2025/year/cum-benh-vien-tinh/bv-phoi.yaml"
    _replace(submission, 'result: "Hoàn thành 23/24', f'result: "{SCRIPT} <img src=x onerror=alert(1)> Hoàn thành 23/24')
    _replace(submission, "title: Văn bản minh chứng tiêu chí 1.1", 'title: "<b onmouseover=alert(1)>minh chứng</b>"')
    record = repo / "clusters/2025/cum-benh-vien-tinh/year.yaml"
    _replace(record, 'note: "', f'note: "{SCRIPT} ')
    _replace(record, "    Hội nghị tổng kết năm 2025 của Cụm.\n",
             "    Hội nghị **tổng kết** [bấm](javascript:alert(1)) <script>alert('m')</script>\n"
             "    <iframe src=\"https://evil.example/\"></iframe> <a href=\"data:text/html,x\" onclick=\"alert(1)\">d</a>\n")
    registry = repo / "clusters/2025/registry.yaml"
    _replace(registry, "name: Bệnh viện Mắt tỉnh,", 'name: "Bệnh viện <Mắt> & [tai](javascript:alert(1)) *x*",')
    _replace(registry, "name: Cụm thi đua số 1 - Các bệnh viện tuyến tỉnh", "name: \"Cụm 1 </title><script>alert('c')</script>\"")
    writeup = repo / "writeups/2025/bv-san-nhi--phong-kham-than-thien.md"
    _replace(writeup, 'title: "Mô hình', 'title: "<script>alert(1)</script> [t](javascript:alert(1)) Mô hình')
    _replace(writeup, "## Cách làm\n", f"## Cách làm\n\n{SCRIPT}\n\n<img src=\"https://evil.example/x.png\">\n[x](javascript:alert(1)) [y](vbscript:msgbox) [ok](https://soyte.songlam.example/)\n\n")
    support.commit_all(repo, "Dữ liệu có nội dung độc hại")
    done = support.run_cli("build", "--strict", cwd=repo)
    assert done.returncode == 0, done.stderr
    return repo / "site"


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_no_injected_markup_survives(site):
    for name, text in pages(site).items():
        assert "alert(" not in " ".join(re.findall(r"<script[^>]*>(.*?)</script>", text, flags=re.S)), name
        assert not re.search(r"<[^>]+\son\w+\s*=", text), name
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):""", text, flags=re.I), name
        assert "<iframe" not in text and "evil.example" not in text, name
        assert "<Mắt>" not in text and "</title><script>" not in text, name


def test_injected_text_is_shown_escaped(site):
    card = (site / "don-vi/bv-phoi/2025-ca-nam.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in card
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    assert "&lt;b onmouseover=alert(1)&gt;minh chứng&lt;/b&gt;" in card
    ranking = (site / "xep-hang/2025-ca-nam/cum-benh-vien-tinh.html").read_text(encoding="utf-8")
    assert "Bệnh viện &lt;Mắt&gt; &amp; [tai](javascript:alert(1)) *x*" in ranking


def test_markdown_from_minutes_and_writeups_is_sanitised_not_dropped(site):
    ranking = (site / "xep-hang/2025-ca-nam/cum-benh-vien-tinh.html").read_text(encoding="utf-8")
    assert "<strong>tổng kết</strong>" in ranking
    assert ">bấm</a>" in ranking
    post = (site / "dien-hinh/2025-bv-san-nhi--phong-kham-than-thien.html").read_text(encoding="utf-8")
    assert 'href="https://soyte.songlam.example/"' in post
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [t](javascript:alert(1)) Mô hình" in post
