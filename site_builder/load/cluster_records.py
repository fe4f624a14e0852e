"""The cluster head's files: the year (covenant, refinement) and each period (scores, agreement, vote, meeting)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from site_builder import layout
from site_builder.load.yamlfile import Document
from site_builder.numbers import D
from site_builder.validate.documents import load_validated


def parse_date(text: str) -> dt.date:
    day, month, year = (int(x) for x in text.split("/"))
    return dt.date(year, month, day)


@dataclass
class ClusterYear:
    year: int
    cluster: str
    signed_on: dt.date | None = None
    signed: list[str] | None = None  # None: the covenant is not recorded at all
    refinement: dict | None = None
    doc: Document | None = None


@dataclass
class Decision:
    unit: str
    status: str  # violation | deferred
    reason: str
    reference: str = ""


@dataclass
class Meeting:
    date: dt.date
    place: str
    attendees: list[dict] = field(default_factory=list)
    minutes: str = ""


@dataclass
class PeriodRecord:
    year: int
    period: str
    cluster: str
    scores: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    agreed_on: dt.date | None = None
    digests: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    vote_date: dt.date | None = None
    votes: dict[str, int] | None = None
    voters: int | None = None
    meeting: Meeting | None = None
    doc: Document | None = None

    @property
    def agreed(self) -> bool:
        return self.agreed_on is not None


DATE_KEYS = {"signed_on", "agreed_on", "date"}


def _bad_dates(doc: Document) -> None:
    """The schema checks the dd/mm/yyyy shape; the calendar is checked here (no 31/02)."""
    for at, value in _dated(doc.data, ()):
        try:
            parse_date(value)
        except (ValueError, AttributeError, TypeError):
            doc.problem(at, f"'{value}' không phải ngày có thật (dd/mm/yyyy).", code="record.date")


def _dated(data, at: tuple):
    """(path, value) of every date key, in the file's order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in DATE_KEYS:
                yield at + (key,), value
            yield from _dated(value, at + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _dated(value, at + (i,))


def _place(doc: Document, expected: dict) -> None:
    """The year, period and cluster written inside must be the folder's: a copied record is not read as another's."""
    said = {"year": "thư mục năm", "period": "tên tệp", "cluster": "thư mục cụm"}
    for key, value in expected.items():
        if doc.data.get(key) != value:
            doc.problem((key,), f"'{key}: {doc.data.get(key)}' không khớp với {said[key]} '{value}' của đường dẫn.", code="record.place")


def load_cluster_year(root: Path, year: int, cluster: str) -> ClusterYear | None:
    path = layout.cluster_year_path(root, year, cluster)
    if not path.exists():
        return None
    doc = load_validated(path, layout.rel(root, path), "cluster-year.schema.json", "Hồ sơ cụm: ")
    record = ClusterYear(year, cluster, doc=doc)
    if not any(p.is_error for p in doc.problems):
        _bad_dates(doc)
        _place(doc, {"year": year, "cluster": cluster})
    if any(p.is_error for p in doc.problems):
        return record
    covenant = doc.data.get("covenant")
    if covenant:
        record.signed_on = parse_date(covenant["signed_on"])
        record.signed = list(covenant["units"])
    record.refinement = doc.data.get("refinement")
    return record


def load_period_record(root: Path, year: int, period: str, cluster: str) -> PeriodRecord | None:
    path = layout.cluster_period_path(root, year, period, cluster)
    if not path.exists():
        return None
    doc = load_validated(path, layout.rel(root, path), "cluster-period.schema.json", "Hồ sơ chấm điểm của cụm: ")
    record = PeriodRecord(year, period, cluster, doc=doc)
    if not any(p.is_error for p in doc.problems):
        _bad_dates(doc)
        _place(doc, {"year": year, "period": period, "cluster": cluster})
    if not any(p.is_error for p in doc.problems):
        _fill(record, doc.data)
        doc.problems.extend(_minutes_links(root, doc))
    return record


def _minutes_links(root: Path, doc: Document) -> list:
    """The minutes are published as Markdown: what the sanitiser would drop is said, as for write-ups."""
    from site_builder.validate.markdown_links import link_problems

    minutes = (doc.data.get("meeting") or {}).get("minutes") or ""
    found = link_problems(doc.path, minutes, 1, root, "Biên bản hội nghị: ")
    if not found:
        return found  # the minutes' line is looked up only to place a problem (a file read fast has none yet)
    line, _ = doc.where(("meeting", "minutes"))
    # A block (| or >) starts on the line after its key; a one-line value on the key's line.
    first = line + 1 if "\n" in minutes.rstrip("\n") or minutes.endswith("\n") else line
    return [replace(p, line=p.line + first - 1) for p in found]


def _fill(record: PeriodRecord, data: dict) -> None:
    for unit, criteria in (data.get("scores") or {}).items():
        record.scores[unit] = {cid: D(v["score"] if isinstance(v, dict) else v) for cid, v in criteria.items()}
        record.notes[unit] = {cid: v["note"] for cid, v in criteria.items() if isinstance(v, dict) and v.get("note")}
    if agreement := data.get("agreement"):
        record.agreed_on = parse_date(agreement["date"])
        record.digests = dict(agreement["digests"])
    record.decisions = {d["unit"]: Decision(d["unit"], d["status"], d["reason"], d.get("reference", "")) for d in data.get("eligibility", [])}
    if vote := data.get("vote"):
        record.vote_date, record.votes, record.voters = parse_date(vote["date"]), dict(vote["votes"]), vote.get("voters")
    if meeting := data.get("meeting"):
        record.meeting = Meeting(parse_date(meeting["date"]), meeting["place"], list(meeting.get("attendees", [])), meeting.get("minutes", ""))
