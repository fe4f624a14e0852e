"""The period's meeting and its deadline: sơ kết before 30 July, tổng kết before 20 January."""
from __future__ import annotations

import datetime as dt

from site_builder.numbers import fmt_date


def deadline(year: int, period: str) -> dt.date:
    return dt.date(year, 7, 30) if period == "h1" else dt.date(year + 1, 1, 20)


def meeting_warning(year: int, period: str, record, as_of: dt.date | None) -> str | None:
    due = deadline(year, period)
    name = "Hội nghị sơ kết 6 tháng" if period == "h1" else "Hội nghị tổng kết năm"
    meeting = record.meeting if record else None
    if meeting is None:
        if as_of is not None and as_of >= due:
            return f"{name} chưa được ghi nhận, đã quá hạn (trước ngày {fmt_date(due)})."
        return None
    if meeting.date >= due:
        return f"{name} họp ngày {fmt_date(meeting.date)}, sau thời hạn (trước ngày {fmt_date(due)})."
    return None
