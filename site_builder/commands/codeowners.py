"""codeowners: write .github/CODEOWNERS from the registries, or --check that the committed one is current."""
from __future__ import annotations

from site_builder.commands import add_root
from site_builder.problems import EXIT_INVALID, EXIT_OK
from site_builder.review.codeowners import PATH, codeowners_text


def add_parser(sub) -> None:
    p = sub.add_parser("codeowners", help="sinh .github/CODEOWNERS từ danh sách cụm")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra tệp đã commit có còn khớp với danh sách cụm không")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    wanted = codeowners_text(args.root)
    target = args.root / PATH
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if args.check:
        if current == wanted:
            return EXIT_OK
        why = "chưa có" if current is None else "đã cũ, không còn khớp với danh sách cụm"
        print(f"{PATH.as_posix()}:1:1: lỗi: tệp sinh tự động {why}; chạy: python -m site_builder codeowners")
        return EXIT_INVALID
    if current != wanted:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wanted, encoding="utf-8")
        print(f"Đã ghi {PATH.as_posix()}")
    return EXIT_OK
