"""check-access: refuse a pull request that changes files its author may not change (exit 1).

The rights come from the registries as they are at BASE (see review/access.py).
"""
from __future__ import annotations

import sys

from site_builder.commands import add_root
from site_builder.problems import EXIT_INVALID, EXIT_OK
from site_builder.report import FORMATS
from site_builder.review.access import check_access
from site_builder.review.versions import Versions, registries_at


def add_parser(sub) -> None:
    p = sub.add_parser("check-access", help="kiểm tra tác giả pull request có được sửa các tệp đã sửa không")
    p.add_argument("--actor", required=True, metavar="LOGIN", help="tài khoản tác giả pull request (github.actor)")
    p.add_argument("base", metavar="BASE", help="commit gốc: quyền được đọc từ danh sách cụm ở đây")
    p.add_argument("head", metavar="HEAD", help="commit của pull request")
    p.add_argument("--format", choices=list(FORMATS), default="text")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    with Versions(args.root, args.base, args.head) as versions:
        registries = registries_at(args.root, versions.base)
        problems = check_access(registries, args.actor, versions.changes)
        touched = len(versions.paths)
    if problems:
        FORMATS[args.format](problems, touched, out=sys.stdout)
        return EXIT_INVALID
    if args.format == "json":
        FORMATS["json"]([], touched, {"actor": args.actor}, out=sys.stdout)
    else:
        print(f"Tài khoản '{args.actor}' được phép sửa cả {touched} tệp của pull request.")
    return EXIT_OK
