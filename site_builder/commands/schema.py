"""schema: write each year's submission JSON Schema, or --check that the committed ones are current."""
from __future__ import annotations

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.rubrics import RubricBook
from site_builder.problems import EXIT_INVALID, EXIT_OK, InputError, Problem
from site_builder.validate.schema_gen import schema_text


def add_parser(sub) -> None:
    p = sub.add_parser("schema", help="sinh JSON Schema của tệp nộp từ bộ tiêu chí")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra các tệp đã commit có còn khớp không")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    book = RubricBook(args.root)
    stale = []
    for year in book.years():
        rubric = book.get(year)
        if rubric is None:
            raise InputError(book.problems)
        target = layout.schema_path(args.root, year)
        wanted = schema_text(rubric)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == wanted:
            continue
        stale.append(layout.rel(args.root, target))
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted, encoding="utf-8")
            print(f"Đã ghi {layout.rel(args.root, target)}")
    if args.check and stale:
        for path in stale:
            print(Problem(path, 1, 1, "").path + ":1:1: lỗi: tệp sinh tự động đã cũ so với bộ tiêu chí; chạy: python -m site_builder schema")
        return EXIT_INVALID
    return EXIT_OK
