"""agree: the `agreement:` block a cluster head pastes into the period record when scores are agreed.

It prints and never writes: the record is the cluster head's file, and the
digests it records are what makes a later change to a submission visible.
"""
from __future__ import annotations

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.cluster_records import parse_date
from site_builder.load.repository import Repository
from site_builder.numbers import fmt_date
from site_builder.problems import EXIT_OK, UsageError
from site_builder.score.unit import digest


def add_parser(sub) -> None:
    p = sub.add_parser("agree", help="in khối 'agreement' (mã kiểm tra các tệp nộp) để Cụm trưởng dán vào hồ sơ")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--period", choices=layout.PERIODS, required=True)
    p.add_argument("--cluster", required=True)
    p.add_argument("--date", required=True, help="ngày đối chiếu thống nhất điểm, dd/mm/yyyy")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        day = parse_date(args.date)
    except ValueError:
        raise UsageError(f"--date '{args.date}' không phải ngày dd/mm/yyyy.") from None
    registry = Repository(args.root).registry(args.year)
    cluster = registry.cluster(args.cluster) if registry else None
    if cluster is None:
        raise UsageError(f"Không có cụm '{args.cluster}' trong danh sách cụm năm {args.year}.")
    print("agreement:")
    print(f"  date: {fmt_date(day)}")
    print("  digests:")
    for unit in cluster.member_ids:
        path = layout.submission_path(args.root, args.year, args.period, cluster.id, unit)
        if path.exists():
            print(f"    {unit}: {digest(path)}")
        else:
            print(f"    # {unit}: chưa nộp")
    return EXIT_OK
