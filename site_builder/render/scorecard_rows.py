"""The lines of a unit's scorecard, in the document's own order and numbering (STT 1, -, +)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.load.rubric import Criterion
from site_builder.render.entry_words import entry_words, evidence_links

MARKS = {2: "-", 3: "+"}


@dataclass
class Line:
    c: Criterion
    stt: str
    depth: int
    self_score: Decimal | None
    cluster_score: Decimal | None
    note: str = ""
    result: str = ""
    inputs: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)
    writeups: list = field(default_factory=list)


def stt(c: Criterion, depth: int) -> str:
    """The document numbers items 1, 2, 3 within a section, then "-" children and "+" grandchildren."""
    return c.id.split(".")[-1] if depth == 1 else MARKS.get(depth, "·")


def entries_of(scores) -> dict:
    """What the unit wrote per criterion; nothing from a file that failed its checks."""
    submission = scores.submission
    if submission is None or not submission.ok or not isinstance(submission.data, dict):
        return {}
    return submission.data.get("criteria") or {}


def section_lines(section: Criterion, scores, writeups_for) -> list[Line]:
    entries = entries_of(scores)
    lines = []

    def visit(node: Criterion, depth: int) -> None:
        entry = entries.get(node.id) if isinstance(entries.get(node.id), dict) else {}
        lines.append(Line(
            node, stt(node, depth), depth,
            scores.self_scores.get(node.id) if scores.valid else None,
            scores.cluster_scores.get(node.id),
            scores.notes.get(node.id, ""),
            str(entry.get("result") or ""),
            entry_words(node, entry),
            evidence_links(entry),
            writeups_for(node.id),
        ))
        for child in node.children:
            visit(child, depth + 1)

    for child in section.children:
        visit(child, 1)
    return lines
