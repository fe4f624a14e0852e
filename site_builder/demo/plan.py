"""The year as pull requests: who changes which file when, in the order the guidance sets.

Per year: the Department's rubric and registry; each cluster's covenant; then
per period, every unit's submission, corrections by two units in three, the
cluster's scores, the agreement (digests of the final bytes, as `agree`
prints them), and the meeting (with the vote at year end). That is
1 + 57 pull requests per cluster and year.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from site_builder.demo import records, submission
from site_builder.demo.names import DemoCluster
from site_builder.layout import PERIOD_NAMES
from site_builder.load.rubric import Rubric
from site_builder.score.tree import roll_up, total

TZ = dt.timezone(dt.timedelta(hours=7))
DEPARTMENT = ("Phòng TĐKT Sở Y tế", records.DEPARTMENT_ACCOUNTS[0])
NOTES = ["Thiếu văn bản minh chứng, Cụm trừ điểm theo biên bản đối chiếu.",
         "Hồ sơ nộp chậm so với kế hoạch của Cụm.", "Số liệu chưa khớp với báo cáo gửi Sở Y tế."]
# Per period: (month, first day, days) of each step; year-end steps run into January of the next year.
WINDOWS = {
    "h1": {"submit": (6, 1, 29), "correct": (7, 1, 4), "score": (7, 6, 2), "agree": (7, 9, 3), "meet": (7, 15, 10)},
    "year": {"submit": (12, 1, 19), "correct": (12, 21, 9), "score": (13, 2, 3), "agree": (13, 6, 3), "meet": (13, 12, 6)},
}


@dataclass
class Change:
    """One pull request: when it landed, who wrote it, its title, and the files as they are after it."""
    when: dt.datetime
    who: tuple[str, str]  # name, account
    title: str
    branch: str
    files: dict[str, bytes]


def moment(year: int, window: tuple[int, int, int], rng: random.Random) -> dt.datetime:
    month, day, days = window
    if month > 12:
        year, month = year + 1, month - 12
    start = dt.datetime(year, month, day, 7, 30, tzinfo=TZ)
    return start + dt.timedelta(days=rng.randrange(days + 1), seconds=rng.randrange(9 * 3600))


def digest(data: bytes) -> str:
    """Exactly what `agree` prints: the sha256 of the file's bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def year_changes(rubric: Rubric, clusters: list[DemoCluster], seed: int, department_files: dict[str, bytes]) -> list[Change]:
    year = rubric.year
    found = [Change(dt.datetime(year, 1, 2, 8, 0, tzinfo=TZ), DEPARTMENT, f"Sở Y tế: bộ tiêu chí và danh sách cụm năm {year}",
                    f"{DEPARTMENT[1]}/nam-{year}", department_files)]
    for cluster in clusters:
        rng = random.Random(f"{seed}:{year}:{cluster.id}")
        signed = moment(year, (1, 10, 10), rng)
        found.append(Change(signed, _head(cluster), f"{cluster.name}: ký kết giao ước thi đua năm {year}", f"{cluster.account}/giao-uoc-{year}",
                            {f"clusters/{year}/{cluster.id}/cluster.yaml": records.cluster_year(year, cluster, signed.date())}))
        quality = {u.id: rng.uniform(0.6, 1.0) for u in cluster.units}
        for period in PERIOD_NAMES:
            found += period_changes(rubric, cluster, period, quality, random.Random(f"{seed}:{year}:{period}:{cluster.id}"), seed)
    return found


def period_changes(rubric: Rubric, cluster: DemoCluster, period: str, quality: dict[str, float], rng: random.Random, seed: int) -> list[Change]:
    year, steps, name = rubric.year, WINDOWS[period], PERIOD_NAMES[period]
    found, final = [], {}
    for i, unit in enumerate(cluster.units):
        path = f"submissions/{year}/{period}/{cluster.id}/{unit.id}.yaml"
        entries = submission.entries(rubric, unit, year, quality[unit.id], rng)
        steps_taken = [("submit", "nộp bản tự chấm", entries)]
        if i % 3:  # two units in three send a correction before the cluster scores
            steps_taken.append(("correct", "sửa số liệu bản tự chấm", submission.corrected(rubric, entries, rng)))
        for step, label, version in steps_taken:
            data = submission.text(rubric, cluster, unit, period, version, seed)
            found.append(Change(moment(year, steps[step], rng), (unit.name, unit.account), f"{unit.name}: {label} {name} {year}",
                                f"{unit.account}/{step}-{year}-{period}", {path: data}))
        final[unit.id] = (version, data)
    scores, notes = _cluster_scores(rubric, final, rng)
    record = f"clusters/{year}/{cluster.id}/{period}.yaml"
    agreed = moment(year, steps["agree"], rng)
    digests = (agreed.date(), {u: digest(data) for u, (_, data) in final.items()})
    met = moment(year, steps["meet"], rng)
    votes = _votes(rubric, cluster, scores, rng) if period == "year" else None
    texts = [records.period_record(year, period, cluster, scores, notes),
             records.period_record(year, period, cluster, scores, notes, digests),
             records.period_record(year, period, cluster, scores, notes, digests, met.date(), votes)]
    titles = [f"điểm Cụm chấm {name} {year}", f"đối chiếu thống nhất điểm {name} {year}",
              f"hội nghị {'sơ kết 6 tháng' if period == 'h1' else 'tổng kết năm, kết quả bầu nhất Cụm'} {year}"]
    for when, title, data in zip((moment(year, steps["score"], rng), agreed, met), titles, texts):
        found.append(Change(when, _head(cluster), f"{cluster.name}: {title}", f"{cluster.account}/{period}-{year}", {record: data}))
    return found


def _head(cluster: DemoCluster) -> tuple[str, str]:
    return (f"Thường trực Cụm {cluster.number}", cluster.account)


def _cluster_scores(rubric: Rubric, final: dict, rng: random.Random):
    """The cluster's figure is the unit's own, less a deduction with its reason on about one leaf in eight."""
    scores, notes = {}, {}
    for unit, (entries, _) in final.items():
        leaves = submission.leaf_scores(rubric, entries)
        for cid, value in leaves.items():
            if value > 0 and rng.random() < 0.12:
                leaves[cid] = max(Decimal(0), value - rng.choice([Decimal("0.25"), Decimal("0.5"), Decimal(1), Decimal(2)]))
                notes.setdefault(unit, {})[cid] = rng.choice(NOTES)
        scores[unit] = leaves
    return scores, notes


def _votes(rubric: Rubric, cluster: DemoCluster, scores: dict, rng: random.Random) -> dict[str, int]:
    """Most votes to the unit the cluster scored highest, the rest spread over the next two."""
    ranked = sorted(scores, key=lambda u: (-total(rubric, roll_up(rubric, scores[u])), u))
    first = rng.randint(len(cluster.units) // 2 + 1, len(cluster.units) - 2)
    second = rng.randint(0, len(cluster.units) - first)
    return {ranked[0]: first, ranked[1]: second, ranked[2]: len(cluster.units) - first - second}
