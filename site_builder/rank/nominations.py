"""Section III: provincial-flag proposals (cluster tops only) and the Government-flag pick under its 20% cap."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from site_builder.numbers import D, fmt

ROUNDING = {"floor": ("làm tròn xuống", math.floor), "ceil": ("làm tròn lên", math.ceil),
            "round": ("làm tròn gần nhất", lambda x: int(x.quantize(Decimal(1), rounding="ROUND_HALF_UP")))}


@dataclass
class Proposal:
    cluster: str
    cluster_name: str
    unit: str
    unit_name: str
    votes: int
    total: Decimal | None
    rank: int | None


@dataclass
class Nominations:
    year: int
    provincial: list[Proposal] = field(default_factory=list)
    government: Proposal | None = None
    cap: int | None = None
    cap_arithmetic: str = ""
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def nominate(year: int, rankings, settings: dict) -> Nominations:
    result = Nominations(year)
    for ranking in rankings:
        result.provincial += _proposal(ranking)
        if ranking.vote is None or ranking.vote.elected is None:
            result.notes.append(f"{ranking.cluster.name}: chưa có đơn vị được suy tôn nhất Cụm.")
    _government(result, settings)
    _cap(result, settings)
    return result


def _proposal(ranking) -> list[Proposal]:
    vote = ranking.vote
    if vote is None or vote.elected is None:
        return []
    row = next(r for r in ranking.rows if r.unit.id == vote.elected)
    return [Proposal(ranking.cluster.id, ranking.cluster.name, row.unit.id, row.unit.name, vote.votes[row.unit.id], row.scores.counted_total, row.rank)]


def _government(result: Nominations, settings: dict) -> None:
    pick = settings.get("government_flag")
    if not pick:
        return
    result.government = next((p for p in result.provincial if p.unit == pick), None)
    if result.government is None:
        result.errors.append(f"Đơn vị chọn đề nghị Cờ thi đua của Chính phủ ('{pick}') không phải đơn vị nhất Cụm nào năm {result.year}.")


def _cap(result: Nominations, settings: dict) -> None:
    base = settings.get("flag_base")
    if base is None:
        result.notes.append("Chưa có số tập thể toàn tỉnh đạt tiêu chuẩn Cờ thi đua của UBND tỉnh: không tính được giới hạn 20% (do tỉnh áp dụng chung cho mọi ngành).")
        return
    share = D(settings.get("flag_share", "0.2"))
    words, rounding = ROUNDING[settings.get("flag_rounding", "floor")]
    exact = share * base
    result.cap = int(rounding(exact))
    result.cap_arithmetic = f"{fmt(share * 100)}% × {fmt(base)} = {fmt(exact)} → {words}: {result.cap}"
    proposed = 1 if result.government else 0
    if proposed > result.cap:
        result.warnings.append(f"Số đề nghị Cờ thi đua của Chính phủ ({proposed}) vượt giới hạn {result.cap} ({result.cap_arithmetic}).")
