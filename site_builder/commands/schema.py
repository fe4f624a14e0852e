"""schema: write each year's submission JSON Schemas, or --check that the committed ones are current.

A cluster that refines the rubric gets a schema of its own, so that editors
and check-jsonschema see the criteria that cluster really scores.
"""
from __future__ import annotations

from pathlib import Path

from site_builder import layout
from site_builder.commands import add_root
from site_builder.load.repository import Repository
from site_builder.problems import EXIT_INVALID, EXIT_OK, InputError, has_errors
from site_builder.validate.schema_gen import schema_text


def add_parser(sub) -> None:
    p = sub.add_parser("schema", help="sinh JSON Schema của tệp nộp từ bộ tiêu chí")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra các tệp đã commit có còn khớp không")
    add_root(p)
    p.set_defaults(run=run)


def wanted_schemas(repo: Repository) -> dict[Path, str]:
    wanted = {}
    for year in repo.rubrics.years():
        base = repo.rubric(year)
        if base is None:
            raise InputError(repo.problems)
        wanted[layout.schema_path(repo.root, year)] = schema_text(base)
        registry = repo.registry(year)
        for cluster in registry.clusters if registry else []:
            rubric = repo.rubric(year, cluster.id)
            if rubric.cluster:
                wanted[layout.schema_path(repo.root, year, cluster.id)] = schema_text(rubric)
    if has_errors(repo.problems):
        raise InputError(repo.problems)
    return wanted


def run(args) -> int:
    repo = Repository(args.root)
    wanted = wanted_schemas(repo)
    present = set((Path(args.root) / "rubric" / "schema").glob("submission-*.schema.json"))
    stale = [p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    extra = sorted(present - {p for p in wanted})
    if args.check:
        for path in stale:
            print(f"{layout.rel(args.root, path)}:1:1: lỗi: tệp sinh tự động đã cũ hoặc chưa có; chạy: python -m site_builder schema")
        for path in extra:
            print(f"{layout.rel(args.root, path)}:1:1: lỗi: tệp sinh tự động không còn ứng với bộ tiêu chí nào; chạy: python -m site_builder schema")
        return EXIT_INVALID if stale or extra else EXIT_OK
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[path], encoding="utf-8")
        print(f"Đã ghi {layout.rel(args.root, path)}")
    for path in extra:
        path.unlink()
        print(f"Đã xóa {layout.rel(args.root, path)}")
    return EXIT_OK
