"""The cluster's period record against the registry and the rubric: names and maxima."""
from __future__ import annotations

from site_builder.numbers import fmt
from site_builder.problems import Problem


def check_record(ranking) -> list[Problem]:
    record = ranking.record
    if record is None or record.doc is None or any(p.is_error for p in record.doc.problems):
        return check_covenant(ranking)
    members = set(ranking.cluster.member_ids)
    found = []
    for section, units in (("scores", record.scores), ("agreement", record.digests), ("eligibility", record.decisions), ("vote", record.votes or {})):
        found += [_at(record, _path(section, unit), f"'{unit}' không phải thành viên của cụm {ranking.cluster.id} năm {ranking.year}.")
                  for unit in units if unit not in members]
    for unit, criteria in record.scores.items():
        found += _scores(ranking.rubric, record, unit, criteria)
    return found + _ballots(record) + check_covenant(ranking)


def _ballots(record) -> list[Problem]:
    """More votes than people voting is a miscount, not a result to publish."""
    cast = sum((record.votes or {}).values())
    if record.voters is None or cast <= record.voters:
        return []
    return [_at(record, ("vote", "voters"), f"Tổng số phiếu bầu ({cast}) nhiều hơn số người bỏ phiếu ({record.voters}).")]


def check_covenant(ranking) -> list[Problem]:
    """Units that signed the covenant must be members of the cluster that year."""
    year_record = ranking.year_record
    if year_record is None or year_record.signed is None:
        return []
    members = set(ranking.cluster.member_ids)
    return [_at(year_record, ("covenant", "units", i), f"Hồ sơ cụm: '{unit}' ký giao ước nhưng không phải thành viên của cụm {ranking.cluster.id} năm {ranking.year}.")
            for i, unit in enumerate(year_record.signed) if unit not in members]


def _path(section: str, unit: str) -> tuple:
    return {"scores": ("scores", unit), "agreement": ("agreement", "digests", unit), "vote": ("vote", "votes", unit)}.get(section, ("eligibility",))


def _scores(rubric, record, unit: str, criteria: dict) -> list[Problem]:
    found = []
    for cid, value in criteria.items():
        at = ("scores", unit, cid)
        criterion = rubric.by_id.get(cid)
        if criterion is None or not criterion.is_leaf:
            what = "không có trong bộ tiêu chí" if criterion is None else "là tiêu chí cha (điểm được cộng từ tiêu chí con)"
            found.append(_at(record, at, f"Điểm Cụm chấm cho {unit}: mã tiêu chí '{cid}' {what}."))
        elif value > criterion.max:
            found.append(_at(record, at, f"Điểm Cụm chấm cho {unit}, tiêu chí {cid} (tối đa {fmt(criterion.max)}): {fmt(value)} vượt quá mức tối đa."))
    return found


def _at(record, at: tuple, message: str) -> Problem:
    line, col = record.doc.where(at)
    return Problem(record.doc.path, line, col, message, code="record.check")
