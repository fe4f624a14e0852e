"""Best-practice write-ups: writeups/<year>/<unit>--<slug>.md, YAML front matter then Markdown.

The front matter is read with the line-keeping YAML loader, fed with the
file's own line numbers, so that every problem points at the line to fix.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import layout
from site_builder.load import text as textmod
from site_builder.load.files import read_data_file
from site_builder.load.yamlfile import Document, load_bytes
from site_builder.problems import Problem

FENCE = "---"
_PLACE = re.compile(rf"^writeups/(\d{{4}})/({layout.SLUG})--({layout.SLUG})\.md$")


@dataclass
class Writeup:
    path: str
    year: int
    unit: str
    cluster: str
    title: str
    date: dt.date
    criteria: list[str]
    body: str
    body_line: int
    slug: str
    doc: Document = field(repr=False, default=None)

    @property
    def key(self) -> str:
        """Unique across years: the same unit may write the same slug twice."""
        return f"{self.year}-{self.unit}--{self.slug}"


@dataclass
class WriteupFile:
    """One file as read: its front matter document and its body, before any check."""
    path: str
    doc: Document
    body: str = ""
    body_line: int = 1
    place: tuple[int, str, str] | None = None  # year, unit, slug as the path says


def writeup_files(root: Path) -> list[Path]:
    base = Path(root) / "writeups"
    return sorted(p for p in base.rglob("*.md") if p.is_file()) if base.is_dir() else []


def read_writeup(root: Path, path: Path) -> WriteupFile:
    shown = layout.rel(root, path)
    match = _PLACE.match(shown)
    place = (int(match[1]), match[2], match[3]) if match else None
    raw, refused = read_data_file(path, shown)
    if raw is None:
        return WriteupFile(shown, Document(shown, problems=refused), place=place)
    text, problems = textmod.decode(shown, raw)
    if text is None:
        return WriteupFile(shown, Document(shown, problems=problems), place=place)
    lines = text.splitlines()
    end = _closing_fence(lines)
    if not lines or lines[0].strip() != FENCE or end is None:
        doc = Document(shown, problems=[Problem(shown, 1, 1, "Bài viết phải bắt đầu bằng phần thông tin giữa hai dòng '---' (unit, year, cluster, title, date, criteria).", code="writeup.front-matter")])
        return WriteupFile(shown, doc, place=place)
    # A blank first line stands in for the opening '---': YAML lines then equal file lines.
    front = "\n" + "\n".join(lines[1:end]) + "\n"
    doc = load_bytes(front.encode("utf-8"), shown)
    # Tabs only matter in the YAML part; a Markdown body may indent code with them.
    doc.problems[:0] = [p for p in problems if p.code != "yaml.tab" or p.line <= end]
    body = textmod.nfc("\n".join(lines[end + 1:]))
    return WriteupFile(shown, doc, body, end + 2, place)


def _closing_fence(lines: list[str]) -> int | None:
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() == FENCE:
            return number
    return None


def parse_date(value: str) -> dt.date:
    day, month, year = (int(x) for x in value.split("/"))
    return dt.date(year, month, day)


def build_writeup(read: WriteupFile) -> Writeup:
    """The write-up of a file whose front matter passed its schema."""
    data = read.doc.data
    slug = read.place[2] if read.place else Path(read.path).stem
    return Writeup(read.path, data["year"], data["unit"], data["cluster"], data["title"].strip(),
                   parse_date(data["date"]), [str(c) for c in data.get("criteria", [])],
                   read.body, read.body_line, slug, read.doc)
