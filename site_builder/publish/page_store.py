"""The page cache's folder, build/cache/pages: last build's pages and the manifest that says what each is.

Each page's HTML is hard-linked from the site it was rendered into (copied
where a link cannot be made), at its address under the folder, next to the
manifest (MANIFEST). The folder is written whole beside the old one and put
in its place, so a build stopped half-way leaves the last complete one.
What a page's entry holds, and when it may be used, is page_cache.py's.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = "_manifest.json"  # page addresses end in .html: no page can take this name
FORMAT = "site_builder page cache 2"


def load(folder: Path) -> dict | None:
    """The manifest of `folder`, or None when there is none of this format."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return None
    return manifest


def save(folder: Path, site: Path, records: dict[str, dict], manifest: dict) -> None:
    """`folder` replaced by the pages of `records` (source -> entry) that have their HTML in `site`, and
    `manifest` naming them under "pages"."""
    new = folder.with_name(folder.name + ".new")
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    kept = {}
    made: set[Path] = set()
    for src, record in sorted(records.items()):  # the same file whichever process rendered what
        if "html" not in record:
            continue
        target = new / record["dest"]
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if _linked(site / record["dest"], target):
            kept[src] = record
    text = json.dumps({"format": FORMAT, **manifest, "pages": kept}, ensure_ascii=False, separators=(",", ":"))
    (new / MANIFEST).write_text(text, encoding="utf-8")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        os.replace(folder, old)
    os.replace(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def _linked(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copyfile(source, target)
        except OSError:
            return False
    return True
