"""Evidence links: web links, or files that really are inside the repository.

A relative path is read from the repository root. Anything that would lead
the published site (or a reviewer) outside the repository is refused:
absolute paths, '..' climbing out, and symbolic links pointing elsewhere.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from site_builder.load.yamlfile import Document

WEB = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
ABSOLUTE = re.compile(r"^([/\\\\]|[A-Za-z]:)")


def links(data: dict):
    """Each evidence link with its place in the data; malformed parts are the schema's to report."""
    criteria = data.get("criteria")
    for cid, entry in (criteria.items() if isinstance(criteria, dict) else []):
        evidence = entry.get("evidence") if isinstance(entry, dict) else None
        for i, item in enumerate(evidence if isinstance(evidence, list) else []):
            url = item.get("url") if isinstance(item, dict) else item
            at = ("criteria", cid, "evidence", i) + (("url",) if isinstance(item, dict) else ())
            if isinstance(url, str):
                yield cid, at, url


def check_evidence(doc: Document, root: Path) -> None:
    for cid, at, url in links(doc.data):
        if WEB.match(url) or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url):  # other schemes: the schema says no
            continue
        problem = path_problem(url, Path(root))
        if problem:
            severity = "warning" if problem.startswith("không tìm thấy") else "error"
            doc.problem(at, f"Tiêu chí {cid}: minh chứng '{url}' {problem}", severity, code="evidence.path")


def path_problem(url: str, root: Path) -> str | None:
    if ABSOLUTE.match(url):
        return "là đường dẫn tuyệt đối; hãy ghi đường dẫn trong kho, ví dụ minh-chung/2025/ke-hoach.pdf."
    clean = posixpath.normpath(url.replace("\\\\", "/"))
    if clean == ".." or clean.startswith("../"):
        return "trỏ ra ngoài kho (..); chỉ được dẫn tới tệp trong kho."
    target = root / clean
    # With '..' gone, only a symbolic link somewhere on the way can lead outside.
    if not target.resolve().is_relative_to(root.resolve()):
        return "là liên kết tượng trưng (symlink) trỏ ra ngoài kho."
    if not target.exists():
        return "không tìm thấy trong kho."
    return None
