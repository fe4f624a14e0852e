"""Who is considered (section I.3.4 of the guidance), and why not."""
from __future__ import annotations

from dataclasses import dataclass

from site_builder.load.cluster_records import ClusterYear, PeriodRecord
from site_builder.numbers import fmt_date
from site_builder.score.unit import UnitScores

# Most serious first: a unit shows the first status that applies, and every reason.
LABELS = {
    "changed": "Không xét: sửa số liệu sau khi Cụm đã đối chiếu thống nhất điểm",
    "violation": "Không xét: có vi phạm",
    "not_registered": "Không xét: không đăng ký, ký kết giao ước thi đua",
    "deferred": "Chưa xét: chờ kết luận của cơ quan có thẩm quyền",
    "invalid": "Tệp nộp có lỗi",
    "not_submitted": "Chưa nộp",
    "eligible": "Đủ điều kiện xét",
}
ORDER = list(LABELS)
RANKED = {"eligible"}


@dataclass
class Status:
    code: str
    reasons: list[str]

    @property
    def label(self) -> str:
        return LABELS[self.code]

    @property
    def ranked(self) -> bool:
        return self.code in RANKED


def status_of(scores: UnitScores, year_record: ClusterYear | None, record: PeriodRecord | None) -> Status:
    found = _changed(scores, record) + _decision(scores, record) + _covenant(scores, year_record) + _submission(scores)
    if not found:
        return Status("eligible", [])
    found.sort(key=lambda item: ORDER.index(item[0]))
    return Status(found[0][0], [reason for _, reason in found])


def _changed(scores: UnitScores, record: PeriodRecord | None) -> list[tuple[str, str]]:
    if record is None or not record.agreed:
        return []
    agreed = record.digests.get(scores.unit.id)
    when = fmt_date(record.agreed_on)
    if agreed is None and scores.digest is None:
        return []
    if agreed is None:
        return [("changed", f"Tệp nộp không có trong biên bản đối chiếu ngày {when} (nộp hoặc đổi tên sau khi đối chiếu).")]
    if scores.digest is None:
        return [("changed", f"Tệp nộp đã bị xóa sau khi Cụm đối chiếu ngày {when}.")]
    if agreed != scores.digest:
        return [("changed", f"Tệp nộp đã bị sửa sau khi Cụm đối chiếu thống nhất điểm ngày {when} (mã kiểm tra không còn khớp).")]
    return []


def _decision(scores: UnitScores, record: PeriodRecord | None) -> list[tuple[str, str]]:
    decision = record.decisions.get(scores.unit.id) if record else None
    if decision is None:
        return []
    reference = f" ({decision.reference})" if decision.reference else ""
    return [(decision.status, decision.reason + reference)]


def _covenant(scores: UnitScores, year_record: ClusterYear | None) -> list[tuple[str, str]]:
    if year_record is None or year_record.signed is None or scores.unit.id in year_record.signed:
        return []
    return [("not_registered", f"Không có trong danh sách đăng ký, ký kết giao ước thi đua ngày {fmt_date(year_record.signed_on)}.")]


def _submission(scores: UnitScores) -> list[tuple[str, str]]:
    if not scores.submitted:
        return [("not_submitted", "Chưa có tệp tự chấm điểm.")]
    if not scores.valid:
        errors = sum(p.is_error for p in scores.submission.doc.problems)
        return [("invalid", f"Tệp tự chấm còn {errors} lỗi; chạy: python -m site_builder validate {scores.submission.doc.path}")]
    return []
