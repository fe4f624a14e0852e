"""The Department's registry and the cluster head's records, as text in the repository's formats."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from site_builder.demo.names import DemoCluster
from site_builder.demo.submission import scalar
from site_builder.numbers import fmt_date, fmt_yaml

DEPARTMENT = "Sở Y tế tỉnh Sông Lam (dữ liệu ví dụ sinh tự động)"
DEPARTMENT_ACCOUNTS = ("syt-demo-tdkt", "syt-demo-vanphong")


def head_of(cluster: DemoCluster, year: int):
    """Head and deputy rotate each year among the members, as the Department's decision does."""
    n = len(cluster.units)
    return cluster.units[year % n], cluster.units[(year + 1) % n]


def registry(year: int, clusters: list[DemoCluster], seed: int) -> bytes:
    lines = ["# yaml-language-server: $schema=../../site_builder/validate/registry.schema.json",
             f"# DỮ LIỆU VÍ DỤ (sinh tự động, seed {seed}): danh sách Cụm thi đua năm {year}.",
             f"year: {year}", "example: true", "department:", f"  name: {scalar(DEPARTMENT)}",
             f"  accounts: [{', '.join(DEPARTMENT_ACCOUNTS)}]",
             "settings:", f"  flag_base: {4 * len(clusters) + year % 7}", "  flag_rounding: floor", "clusters:"]
    for c in clusters:
        head, deputy = head_of(c, year)
        lines += [f"  - id: {c.id}", f"    name: {scalar(c.name)}", f"    head: {head.id}", f"    deputy: {deputy.id}",
                  f"    accounts: [{c.account}]", "    members:"]
        lines += [f"      - {{id: {u.id}, name: {scalar(u.name)}, kind: {u.kind}, accounts: [{u.account}]}}" for u in c.units]
    return _bytes(lines)


def cluster_year(year: int, cluster: DemoCluster, signed_on: dt.date) -> bytes:
    head, _ = head_of(cluster, year)
    lines = ["# yaml-language-server: $schema=../../../site_builder/validate/cluster-year.schema.json",
             f"# DỮ LIỆU VÍ DỤ. Hồ sơ năm {year} của {cluster.name}.",
             f"year: {year}", f"cluster: {cluster.id}", "covenant:", f"  signed_on: {fmt_date(signed_on)}",
             f"  place: {scalar('Hội trường ' + head.name)}", "  units:"]
    lines += [f"    - {u.id}" for u in cluster.units]
    return _bytes(lines)


def period_record(year: int, period: str, cluster: DemoCluster, scores: dict[str, dict[str, Decimal]],
                  notes: dict[str, dict[str, str]], agreement: tuple[dt.date, dict[str, str]] | None = None,
                  meeting: dt.date | None = None, votes: dict[str, int] | None = None) -> bytes:
    """The record as it grows: scores, then the agreement, then the meeting (and the vote at year end)."""
    lines = ["# yaml-language-server: $schema=../../../site_builder/validate/cluster-period.schema.json",
             f"# DỮ LIỆU VÍ DỤ. Hồ sơ chấm điểm kỳ {period} năm {year} của {cluster.name}.",
             f"year: {year}", f"period: {period}", f"cluster: {cluster.id}", "scores:"]
    for unit, leaves in scores.items():
        lines.append(f"  {unit}:")
        for cid, value in leaves.items():
            note = notes.get(unit, {}).get(cid)
            shown = f"{{score: {fmt_yaml(value)}, note: {scalar(note)}}}" if note else fmt_yaml(value)
            lines.append(f'    "{cid}": {shown}')
    if agreement:
        day, digests = agreement
        lines += ["agreement:", f"  date: {fmt_date(day)}", "  digests:"]
        lines += [f"    {unit}: {digest}" for unit, digest in digests.items()]
    if meeting:
        head, _ = head_of(cluster, year)
        what = "sơ kết 6 tháng" if period == "h1" else "tổng kết năm"
        lines += ["meeting:", f"  date: {fmt_date(meeting)}", f"  place: {scalar('Hội trường ' + head.name)}",
                  "  minutes: |", f"    Hội nghị {what} {year} của Cụm: thông báo kết quả chấm điểm, xếp loại thi đua."]
    if votes:
        lines += ["vote:", f"  date: {fmt_date(meeting)}", f"  voters: {len(cluster.units)}", "  votes:"]
        lines += [f"    {unit}: {count}" for unit, count in votes.items()]
    return _bytes(lines)


def _bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")
