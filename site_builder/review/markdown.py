"""The review report as GitHub Markdown, cut to fit where it is posted.

GitHub refuses a job summary over 1 MiB and a comment over 65,536
characters; a report that is refused is a report nobody reads, so a long one
keeps the first units in full, lists the rest in one line each, and says so.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from site_builder.layout import PERIOD_NAMES, TEMPLATES
from site_builder.numbers import fmt, fmt_date
from site_builder.review.report import Report

# name: (how the size is measured, maximum)
LIMITS = {"summary": ("bytes", 1024 * 1024), "comment": ("characters", 65_000), "none": ("characters", None)}
TOTALS = [("self_total", "Tổng tự chấm"), ("cluster_total", "Tổng Cụm chấm"), ("counted_total", "Tổng tính xếp hạng")]
VERBS = {"A": "thêm", "M": "sửa", "T": "sửa", "D": "xóa", "R": "đổi tên", "C": "sao chép"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text) -> str:
    """User text made inert: no markup, no table break, no HTML, no @mention that pings someone."""
    text = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", text.replace("&", "&amp;")).replace("@", "@\u200b")


def code(text) -> str:
    """An inline code span that no backtick in the text can close early."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def num(value) -> str:
    return "—" if value is None else fmt(value)


def signed(pair) -> str:
    before, after = pair
    if before is None or after is None:
        return "—"
    difference = Decimal(after) - Decimal(before)
    return ("+" if difference > 0 else "") + fmt(difference)


def changed_file(change) -> str:
    """`path` (sửa), or for a rename `new` (đổi tên từ `old`)."""
    verb = VERBS.get(change.status, change.status)
    origin = f" từ {code(change.old_path)}" if change.old_path else ""
    return f"{code(change.path)} ({verb}{origin})"


def short(title: str, size: int = 50) -> str:
    return title if len(title) <= size else title[: size - 1].rstrip() + "…"


@cache
def _environment() -> Environment:
    # Markdown, not HTML: nothing is escaped implicitly; every user string goes through |md or |code.
    env = Environment(loader=FileSystemLoader(str(TEMPLATES / "review")), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(
        md=md, code=code, num=num, signed=signed, short=short, date=fmt_date,
        period=lambda p: PERIOD_NAMES.get(p, p),
        changed_file=changed_file,
        rank=lambda s: "—" if s is None or s.rank is None else f"{s.rank}{'=' if s.tied else ''}",
        status=lambda s: "—" if s is None else md(s.status_label),
        severity=lambda p: "❌ lỗi" if p.is_error else "⚠️ cảnh báo",
    )
    return env


def render(report: Report, limit: str = "summary") -> str:
    """The report, within the named limit: full if it fits, else the most that fits, with a note."""
    measure, maximum = LIMITS[limit]
    fits = lambda text: maximum is None or _size(text, measure) <= maximum
    text = _render(report, len(report.units), 0)
    if fits(text):
        return text
    detailed = _most(lambda k: fits(_render(report, k, len(report.units) - k, limit)), len(report.units))
    omitted = len(report.units) - detailed
    brief = _most(lambda m: fits(_render(report, detailed, m, limit)), omitted)
    text = _render(report, detailed, brief, limit)
    return text if fits(text) else _cut(text, measure, maximum, limit)


def _render(report: Report, detailed: int, brief: int, limit: str | None = None) -> str:
    units, rest = report.units[:detailed], report.units[detailed:]
    note = None
    if limit is not None:
        note = (f"Báo cáo đã được rút gọn cho vừa giới hạn của GitHub ({_limit_words(limit)}): "
                f"{len(rest)} trên {len(report.units)} đơn vị chỉ được ghi tóm tắt. "
                f"Xem bản đầy đủ: `python -m site_builder diff --limit none {report.base[:12]} {report.head[:12]}`.")
    moved = [(c, u) for c in report.clusters for u in c.units if not ({"file", "self", "cluster"} & set(u.changed))]
    return _environment().get_template("diff.md.j2").render(
        report=report, units=units, omitted=rest[:brief], omitted_more=len(rest) - min(brief, len(rest)),
        moved=moved, unattached=report.unattached_problems(), note=note, totals=TOTALS)


def _most(ok, upper: int) -> int:
    """The largest n in 0..upper with ok(n), ok being monotone (fewer items, shorter text)."""
    low, high = 0, upper
    while low < high:
        middle = (low + high + 1) // 2
        if ok(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _size(text: str, measure: str) -> int:
    return len(text.encode("utf-8")) if measure == "bytes" else len(text)


def _limit_words(limit: str) -> str:
    measure, maximum = LIMITS[limit]
    return f"{fmt(maximum)} {'byte' if measure == 'bytes' else 'ký tự'}"


def _cut(text: str, measure: str, maximum: int, limit: str) -> str:
    """Last resort when even the shortest form is too long: cut at a line and say so."""
    tail = f"\n\n> [!NOTE]\n> Báo cáo bị cắt tại đây cho vừa giới hạn của GitHub ({_limit_words(limit)}).\n"
    budget = maximum - _size(tail, measure)
    lines, size = [], 0
    for line in text.splitlines(keepends=True):
        size += _size(line, measure)
        if size > budget:
            break
        lines.append(line)
    return "".join(lines) + tail
