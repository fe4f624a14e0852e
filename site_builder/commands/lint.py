"""lint: the rubric's own contradictions, as warnings with their numbers."""
from __future__ import annotations

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.rubrics import RubricBook
from site_builder.problems import EXIT_INVALID, EXIT_OK, has_errors
from site_builder.report import FORMATS
from site_builder.validate.lint import lint


def add_parser(sub) -> None:
    p = sub.add_parser("lint", help="tìm các chỗ bộ tiêu chí tự mâu thuẫn")
    p.add_argument("--year", type=int, help="chỉ năm này (mặc định: mọi năm)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    book = RubricBook(args.root)
    years = [args.year] if args.year else layout.rubric_years(args.root)
    found = []
    for year in years:
        rubric = book.get(year)
        found += lint(rubric) if rubric else []
    problems = book.problems + found
    FORMATS[args.format](problems, len(years))
    return EXIT_INVALID if has_errors(problems) else EXIT_OK
