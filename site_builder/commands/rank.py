"""rank: rankings of every cluster and the flag nominations, for a year and period."""
from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.cluster_records import parse_date
from site_builder.load.repository import Repository
from site_builder.numbers import fmt
from site_builder.problems import EXIT_INVALID, EXIT_OK, UsageError, has_errors
from site_builder.rank.export import nominations_data, ranking_data
from site_builder.rank.nominations import nominate
from site_builder.rank.ranking import rank_year
from site_builder.report import text as report_text


def add_parser(sub) -> None:
    p = sub.add_parser("rank", help="xếp hạng các cụm và danh sách đề nghị Cờ thi đua")
    p.add_argument("--year", type=int, help="năm (mặc định: năm mới nhất có danh sách cụm)")
    p.add_argument("--period", choices=layout.PERIODS, default="year")
    p.add_argument("--cluster", help="chỉ cụm này")
    p.add_argument("--as-of", dest="as_of", help="ngày xét hạn hội nghị, dd/mm/yyyy (mặc định: hôm nay)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_root(p)
    p.set_defaults(run=run)


def _as_of(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return parse_date(text)
    except ValueError:
        raise UsageError(f"--as-of '{text}' không phải ngày dd/mm/yyyy.") from None


def run(args) -> int:
    repo = Repository(args.root)
    args.year = args.year or max(layout.registry_years(args.root), default=None)
    if args.year is None:
        raise UsageError("Chưa có danh sách cụm nào (clusters/<năm>/registry.yaml).")
    registry = repo.registry(args.year)
    if registry is None:
        if not repo.problems:
            raise UsageError(f"Chưa có danh sách cụm năm {args.year} ({layout.rel(args.root, layout.registry_path(args.root, args.year))}).")
        report_text(repo.problems, 1, out=sys.stderr)
        return EXIT_INVALID
    rankings = rank_year(repo, args.year, args.period, _as_of(args.as_of))
    if args.cluster:
        rankings = [r for r in rankings if r.cluster.id == args.cluster]
        if not rankings:
            raise UsageError(f"Không có cụm '{args.cluster}' năm {args.year}.")
    nominations = nominate(args.year, rankings, registry.settings) if args.period == "year" else None
    problems = repo.problems + [p for r in rankings for p in r.problems]
    _print(args.format, rankings, nominations)
    if problems:
        report_text(problems, len({p.path for p in problems}), out=sys.stderr)
    return EXIT_INVALID if has_errors(problems) or (nominations and nominations.errors) else EXIT_OK


def _print(form: str, rankings, nominations) -> None:
    if form == "json":
        payload = {"rankings": [ranking_data(r) for r in rankings],
                   "nominations": nominations_data(nominations) if nominations else None}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for ranking in rankings:
        _print_ranking(ranking_data(ranking))
    if nominations:
        _print_nominations(nominations_data(nominations))


def _cell(value) -> str:
    return "—" if value is None else fmt(Decimal(value))


def _print_ranking(data: dict) -> None:
    print(f"\n{data['cluster_name']} ({data['cluster']}): năm {data['year']}, {data['period_name']}")
    print(f"Đối chiếu thống nhất điểm: {data['agreed_on'] or 'chưa'}" + ("; có cụ thể hóa tiêu chí" if data["refined"] else ""))
    sections = list(data["rows"][0]["sections"]) if data["rows"] else []
    width = max([len(r["name"]) for r in data["rows"]] + [6])
    head = f"{'Hạng':<5} {'Đơn vị':<{width}} {'Tự chấm':>9} {'Cụm chấm':>9} {'Chênh':>7} " + " ".join(f"{'Mục ' + s:>7}" for s in sections) + "  Trạng thái"
    print(head)
    for row in data["rows"]:
        rank = "—" if row["rank"] is None else f"{row['rank']}{'=' if row['tied'] else ''}"
        subtotals = " ".join(f"{_cell(row['sections'][s]['cluster'] or row['sections'][s]['self']):>7}" for s in sections)
        status = row["status_label"] + (" (tạm tính theo điểm tự chấm)" if row["provisional"] and row["status"] == "eligible" else "")
        print(f"{rank:<5} {row['name']:<{width}} {_cell(row['self_total']):>9} {_cell(row['cluster_total']):>9} {_cell(row['difference']):>7} {subtotals}  {status}")
        for reason in row["reasons"]:
            print(f"{'':<6}↳ {reason}")
    if data["vote"]:
        vote = data["vote"]
        tally = ", ".join(f"{u}: {n}" for u, n in sorted(vote["votes"].items(), key=lambda kv: -kv[1]) if u not in vote["absent"])
        print(f"Bầu nhất Cụm ngày {vote['date']}: {tally}. Được bầu: {vote['elected'] or 'chưa có'}.")
        if vote["absent"]:
            print(f"  Không có trong kết quả bầu: {', '.join(vote['absent'])}.")
        for note in vote["notes"]:
            print(f"  ! {note}")
    for warning in data["warnings"]:
        print(f"  ! {warning}")


def _print_nominations(data: dict) -> None:
    print(f"\nĐề nghị Cờ thi đua của UBND tỉnh năm {data['year']} (chỉ đơn vị nhất Cụm):")
    for p in data["provincial_flag"]:
        print(f"  - {p['name']} ({p['cluster_name']}): {p['votes']} phiếu, tổng điểm {_cell(p['total'])}")
    pick = data["government_flag"]
    print(f"Đề nghị Cờ thi đua của Chính phủ: {pick['name'] if pick else 'chưa chọn'}")
    if data["cap"] is not None:
        print(f"Giới hạn 20%: {data['cap_arithmetic']}")
    for line in data["notes"] + data["warnings"] + data["errors"]:
        print(f"  ! {line}")
