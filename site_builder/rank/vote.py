"""The vote for the cluster's top unit (suy tôn đơn vị nhất Cụm)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class VoteResult:
    votes: dict[str, int]
    elected: str | None
    date: object = None
    voters: int | None = None
    absent: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    rejected: str | None = None  # elected, but not eligible


def count_votes(ranking) -> VoteResult | None:
    record = ranking.record
    if record is None or record.votes is None:
        return None
    votes = {u: record.votes.get(u, 0) for u in ranking.cluster.member_ids}
    most = max(votes.values(), default=0)
    leaders = sorted(u for u, n in votes.items() if n == most and n > 0)
    result = VoteResult(votes, leaders[0] if len(leaders) == 1 else None, record.vote_date, record.voters,
                        absent=[u for u in ranking.cluster.member_ids if u not in record.votes])
    if len(leaders) > 1:
        result.notes.append("Số phiếu bằng nhau giữa " + ", ".join(leaders) + ": chưa có đơn vị nhất Cụm, cần bầu lại.")
    _judge(ranking, result)
    return result


def _judge(ranking, result: VoteResult) -> None:
    if result.elected is None:
        return
    row = next(r for r in ranking.rows if r.unit.id == result.elected)
    if not row.status.ranked:
        result.error = f"Đơn vị được bầu ({row.unit.name}) không đủ điều kiện xét thi đua: {row.status.label}. Không thể đề nghị Cờ thi đua."
        result.notes.append(result.error)
        result.rejected, result.elected = result.elected, None
        return
    if row.rank != 1:
        leaders = ", ".join(r.unit.name for r in ranking.top)
        result.notes.append(f"Đơn vị được bầu ({row.unit.name}, hạng {row.rank}) không phải đơn vị có điểm cao nhất trong các đơn vị đủ điều kiện ({leaders}). Đây là kết quả bỏ phiếu của Cụm, không phải lỗi.")
