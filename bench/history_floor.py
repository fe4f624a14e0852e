"""Comparisons for bench/run.py: the history read against one `git log` per file, and the floors.

The history part reuses bench/history_bench.py's two readers on the generated
repository. The MkDocs floor is a plain MkDocs build (Material, search, a
one-entry nav) of as many empty pages as our build has: what MkDocs costs
before any of our content, the least a build of that many pages can take. The
write floor is a copy of the site the build wrote: every page names the commit,
so every build, a rebuild too, writes at least that much.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from history_bench import versions_one_pass, versions_per_file
from measure import Timing, git, run, timed

FLOOR_CONFIG = """site_name: floor
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
"""


def history(root: Path, limit: int | None = None) -> dict:
    """One `git log` over everything vs one per data file (the first `limit` of them, for a quick
    trial); both must find the same versions of those files."""
    files = git(root, "ls-files", "submissions", "clusters").splitlines()[:limit]
    one, one_time = timed(versions_one_pass, root)
    many, many_time = timed(versions_per_file, root, files)
    wanted = set(files)
    if {v for v in one if v[1] in wanted} != many:
        raise SystemExit(f"Hai cách đọc lịch sử khác nhau: {len(one ^ many)} phiên bản tệp")
    commits = int(git(root, "rev-list", "--count", "HEAD"))
    return {"files": len(files), "commits": commits, "versions": len(one),
            "one": one_time, "per_file": many_time}


def floor(pages: int) -> Timing:
    """`mkdocs build` of `pages` empty pages in folders of 100, in a new process."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-floor-") as scratch:
        root = Path(scratch)
        docs = root / "docs"
        docs.mkdir()
        (docs / "index.md").write_text("", encoding="utf-8")
        for i in range(pages - 1):
            page = docs / f"p{i // 100}" / f"x{i}.md"
            page.parent.mkdir(exist_ok=True)
            page.write_text("", encoding="utf-8")
        (root / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
        _, timing = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root)
        shutil.rmtree(root / "site", ignore_errors=True)
    return timing


def write_floor(site: Path) -> tuple[Timing, int, int]:
    """The built site copied into a new folder (then removed): its time, bytes and files."""
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    copy = site.with_name(site.name + ".floor")
    try:
        _, timing = timed(shutil.copytree, site, copy)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return timing, size, len(files)
