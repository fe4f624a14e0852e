"""validate [PATHS…]: every submission and rubric checked, all problems collected."""
from __future__ import annotations

from pathlib import Path

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.repository import Repository
from site_builder.numbers import fmt_yaml
from site_builder.problems import EXIT_INVALID, EXIT_OK, UsageError, has_errors
from site_builder.report import FORMATS, as_json
from site_builder.score.tree import total
from site_builder.validate.repository_check import check_repository, keys_for


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="kiểm tra các tệp nộp và bộ tiêu chí")
    p.add_argument("paths", nargs="*", type=Path, metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục (mặc định: submissions/ và rubric/)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="cách in kết quả")
    add_root(p)
    p.set_defaults(run=run)


def collect(root: Path, paths: list[Path]) -> list[Path]:
    if not paths:
        return layout.submission_files(root)
    found = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"Không tìm thấy: {path}")
        found += sorted(p for p in path.rglob("*.y*ml") if p.is_file()) if path.is_dir() else [path]
    return [p for p in found if p.suffix in (".yaml", ".yml")]


def run(args) -> int:
    root = args.root
    files = collect(root, args.paths)
    repo = Repository(root)
    checked = [repo.submission(f) for f in files if _is_submission(root, f)]
    # Files named: only the rankings they can move are checked across files (and so read).
    keys = keys_for(repo, [layout.rel(root, f) for f in files]) if args.paths else None
    found = check_repository(repo, keys)
    problems = _unique(repo.problems + found + [p for c in checked for p in c.doc.problems])
    count = len(checked) + len(repo.rubrics.years()) + len(repo.files_read)
    if args.format == "json":
        scored = [c for c in checked if c.scores]
        as_json(problems, count, {
            "scores": {c.doc.path: {k: fmt_yaml(v) for k, v in c.scores.items()} for c in scored},
            "totals": {c.doc.path: fmt_yaml(total(c.rubric, c.scores)) for c in scored},
        })
    else:
        FORMATS[args.format](problems, count)
    return EXIT_INVALID if has_errors(problems) else EXIT_OK


def _is_submission(root: Path, path: Path) -> bool:
    # Rubrics are checked every run anyway; cluster records are checked with their year.
    return not layout.rel(root, path).startswith(("rubric/", "clusters/"))


def _unique(problems):
    # A file reached both as a path given and through its cluster's ranking is reported once.
    return list(dict.fromkeys(problems))
