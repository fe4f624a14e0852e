"""diff: the review report of a pull request (BASE..HEAD) as GitHub Markdown, read from git objects.

Exit 0 whenever the report is written, whatever it finds: `validate` and
`check-access` decide whether the pull request passes; this says what it does.
"""
from __future__ import annotations

import sys
from pathlib import Path

from site_builder.commands import add_root
from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.problems import EXIT_OK
from site_builder.review.markdown import LIMITS, render
from site_builder.review.report import build_report


def add_parser(sub) -> None:
    p = sub.add_parser("diff", help="báo cáo thay đổi điểm của một pull request (Markdown)")
    p.add_argument("base", metavar="BASE", help="commit gốc (nhánh đích của pull request)")
    p.add_argument("head", metavar="HEAD", help="commit của pull request")
    p.add_argument("--limit", choices=list(LIMITS), default="summary",
                   help="giới hạn của GitHub: summary (1 MiB, $GITHUB_STEP_SUMMARY), comment (65.000 ký tự), none")
    p.add_argument("--output", type=Path, help="ghi vào tệp này thay vì in ra (ghi thêm vào cuối, như $GITHUB_STEP_SUMMARY)")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    # Both sides read the cluster's files; most did not change: each version parsed once (in memory only).
    PARSED.enable()
    text = render(build_report(args.root, args.base, args.head), args.limit)
    if args.output:
        with open(args.output, "a", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
