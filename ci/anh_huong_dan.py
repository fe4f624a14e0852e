"""Regenerate the screenshots of docs/huong-dan/ from real runs, not drawings.

    python ci/anh_huong_dan.py

A pull request is made in a temporary repository (as the CI tests make it) and
checked by ci/pr-check.sh; the comment body it leaves is rendered the way the
sticky-comment workflow composes it, and photographed with Debian's Chromium.
The ranking page is the built site of this repository. pngquant, when present,
keeps each picture small, and Noto Color Emoji draws the ✅ ❌ marks
(apt-get install pngquant fonts-noto-color-emoji).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown
from playwright.sync_api import sync_playwright

MAIN = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(MAIN / "tests"))

from ci_repo import TAN_LAP_FILE, TAN_LAP_LOGIN, base_repository, pr_check, pull_request  # noqa: E402
from gitrepo import replace_score, submission  # noqa: E402

OUT = MAIN / "docs" / "huong-dan" / "anh"
MARKER_HEAD = "### Báo cáo tự động cho commit {sha}\n\n{verdict} · [nhật ký lần kiểm tra](#)\n\n"
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2328; margin: 0; padding: 16px 20px; width: 820px; }
.khung { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 16px 12px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; }
th { background: #f6f8fa; }
code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; font-size: 13px; }
h2 { font-size: 20px; border-bottom: 1px solid #d0d7de; } h3 { font-size: 17px; }
"""


def report(tmp: Path, name: str, files: dict) -> tuple[str, str, int]:
    root = tmp / name
    base = base_repository(root)
    head = pull_request(root, files)
    (tmp / f"{name}-out").mkdir()
    run = pr_check(root, tmp / f"{name}-out", base, head, TAN_LAP_LOGIN)
    return head, (run.out / "comment.md").read_text(encoding="utf-8"), run.code


def render(page, sha: str, body: str, passed: bool, target: Path) -> None:
    verdict = "✅ Đạt" if passed else "❌ Chưa đạt"
    text = MARKER_HEAD.format(sha=sha, verdict=verdict) + body
    html = markdown.markdown(text, extensions=["tables"])
    page.set_content(f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head>"
                     f"<body><div class='khung'>{html}</div></body></html>")
    page.screenshot(path=str(target), full_page=True)


def shrink(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality=60-90", "--output", str(path), str(path)],
                       check=False)
    print(f"{path.relative_to(MAIN)}: {path.stat().st_size // 1024} KB")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    original = submission("ttyt-tan-lap")
    broken = replace_score(replace_score(original, "1.2", "71.5", "71,5"), "1.3", "52", "75")
    better = replace_score(original, "1.2", "71.5", "80").replace(
        '  "1.3":\n    score: 52\n    self_score: 52\n', '  "1.3":\n    score: 60.5\n    self_score: 60.5\n')
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        tmp = Path(folder)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 860, "height": 400})
        for name, files in (("bao-cao-loi", {TAN_LAP_FILE: broken}), ("bao-cao-dat", {TAN_LAP_FILE: better})):
            sha, body, code = report(tmp, name, files)
            render(page, sha, body, code == 0, OUT / f"{name}.png")
            shrink(OUT / f"{name}.png")
        ranking = MAIN / "site" / "xep-hang" / "2025-ca-nam" / "cum-ttyt-phia-bac.html"
        if not ranking.exists():
            subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=MAIN, check=True)
        page.set_viewport_size({"width": 1100, "height": 760})
        page.goto(ranking.as_uri())
        page.screenshot(path=str(OUT / "bang-xep-hang.png"))
        shrink(OUT / "bang-xep-hang.png")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
