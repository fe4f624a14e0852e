"""The lines of a unit's scorecard, in the document's own order and numbering (STT 1, -, +).

A scorecard has some sixty lines and a site thousands of scorecards: written
through the template, one macro call per cell, they were most of page
generation. CardRows writes the same HTML here, every value escaped as the
template's autoescape did; the part of a line that depends only on the rubric
(number, criterion, link, maximum) and each score cell are written once and
reused by every scorecard.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

from site_builder.load.rubric import Criterion
from site_builder.render import links
from site_builder.render.entry_words import entry_words, evidence_links
from site_builder.render.filters import html_text, number, plain, safe_url

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


_e = html_text


class CardRows:
    """The <tr> lines of each section table of the scorecards, as the template wrote them."""

    def __init__(self):
        self._fixed: dict[tuple, tuple] = {}
        self._cells: dict[tuple, str] = {}
        self._plans: dict[tuple, tuple] = {}

    def score_cell(self, name: str, value) -> str:
        """_macros.j2's score_cell(name, value): remembered, the same scores recur on every card."""
        key = (name, value, str(value))  # str(): equal Decimals (1, 1.0, -0) may print differently
        cell = self._cells.get(key)
        if cell is None:
            shown = _e(plain(value)) if value is not None else ""
            cell = self._cells[key] = (f'<td class="sb-num" data-field="{_e(name)}" data-value="{shown}" '
                                       f'data-search-exclude>{_e(number(value))}</td>')
        return cell

    def cell(self, name: str, value) -> Markup:
        """score_cell for the template."""
        return Markup(self.score_cell(name, value))

    def _fixed_parts(self, c: Criterion, depth: int, link: str) -> tuple[str, str]:
        key = (id(c), depth, link)
        found = self._fixed.get(key)
        if found is None:
            head = (f'<tr class="sb-depth-{depth}{"" if c.is_leaf else " sb-parent"}" data-criterion="{_e(c.id)}">\n'
                    f'<td class="sb-stt">{_e(stt(c, depth))}</td>\n'
                    f'<td class="sb-criterion" data-search-exclude><a class="sb-id" href="{_e(link)}">{_e(c.id)}</a> '
                    f'{_e(c.title)}</td>\n<td class="sb-result">')
            tail = f'</td>\n<td class="sb-num" data-search-exclude>{_e(number(c.max))}</td>\n'
            found = self._fixed[key] = (c, head, tail)  # c kept: its id() is the key
        return found[1], found[2]

    def _plan(self, section: Criterion, rubric_link: str, anchor, anchor_owner) -> list[tuple]:
        """The lines of `section` in order, each with the parts that are the same on every card:
        worked out once per section, rubric page link and anchor rule (anchor_in(base, rubric),
        named by anchor_owner = (base, rubric); None: not remembered)."""
        key = (id(section), rubric_link, tuple(map(id, anchor_owner))) if anchor_owner else None
        found = self._plans.get(key) if key else None
        if found is None:
            lines = []

            def visit(node: Criterion, depth: int) -> None:
                head, tail = self._fixed_parts(node, depth, f"{rubric_link}#{anchor(node.id)}")
                lines.append((node, node.id, head, tail))
                for child in node.children:
                    visit(child, depth + 1)

            for child in section.children:
                visit(child, 1)
            found = (section, anchor_owner, lines)  # kept with their ids, which are the key
            if key:
                self._plans[key] = found
        return found[2]

    def section(self, here: str, section: Criterion, scores, writeups_for, rubric_page: str, anchor,
                evidence_titles: list, anchor_owner: tuple | None = None) -> Markup:
        """Every line of `section` on the scorecard `here`; the titles of its evidence go to evidence_titles."""
        entries = entries_of(scores)
        self_scores = scores.self_scores if scores.valid else {}
        cluster_scores, notes = scores.cluster_scores, scores.notes
        rubric_link = links.href(here, rubric_page)  # what href(rubric_page, anchor) gives, less the anchor
        out = []
        for node, cid, head, tail in self._plan(section, rubric_link, anchor, anchor_owner):
            entry = entries.get(cid)
            if not isinstance(entry, dict):
                entry = {}
            out.append(head)
            if entry:
                result = str(entry.get("result") or "")
                if result:
                    out.append(f"<p>{_e(result)}</p>")
                inputs = entry_words(node, entry)
                if inputs:
                    out.append('<ul class="sb-inputs" data-search-exclude>'
                               + "".join(f"<li>{_e(text)}</li>" for text in inputs) + "</ul>")
                evidence = evidence_links(entry)
                if evidence:
                    out.append('<ul class="sb-evidence">')
                    for url, title in evidence:
                        evidence_titles.append(title)
                        target = safe_url(url)
                        out.append(f'<li><a href="{_e(target)}" rel="noopener noreferrer nofollow">{_e(title)}</a></li>'
                                   if target else f"<li>{_e(title)}</li>")
                    out.append("</ul>")
            note = notes.get(cid, "")
            if note:
                out.append(f'<p class="sb-note"><strong>Cụm ghi chú:</strong> {_e(note)}</p>')
            writeups = writeups_for(cid)
            if writeups:
                out.append('<p class="sb-writeups">Bài viết: '
                           + "; ".join(f'<a href="{_e(links.href(here, links.post_url(w)))}">{_e(w.title)}</a>' for w in writeups)
                           + "</p>")
            out.append(tail)
            out.append(self.score_cell("self", self_scores.get(cid)))
            out.append("\n")
            out.append(self.score_cell("cluster", cluster_scores.get(cid)))
            out.append("\n</tr>\n")
        return Markup("".join(out))
