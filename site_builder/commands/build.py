"""build: the published site, from the data, into site/ (MkDocs and Material)."""
from __future__ import annotations

from pathlib import Path

from site_builder.commands import add_root
from site_builder.problems import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="xây dựng trang công khai vào site/ (MkDocs)")
    p.add_argument("--strict", action="store_true", help="dừng khi MkDocs có cảnh báo hoặc dữ liệu còn lỗi")
    add_no_history(p)
    add_templates(p)
    add_root(p)
    p.set_defaults(run=run)


def add_no_history(p) -> None:
    p.add_argument("--no-history", action="store_true",
                   help="không đọc lịch sử git (dùng được với bản clone nông); trang ghi rõ lịch sử thay đổi không được hiển thị")


def add_templates(p) -> None:
    p.add_argument("--templates", type=Path, metavar="THƯ_MỤC",
                   help="thư mục chứa mẫu thay thế (site/*.j2, site/static, site/theme), ưu tiên hơn mẫu có sẵn")


def check_templates(folder: Path | None) -> None:
    if folder is not None and not folder.is_dir():
        raise UsageError(f"--templates: không có thư mục {folder}")


def run(args) -> int:
    from site_builder.publish.site_build import build_site

    check_templates(args.templates)
    return build_site(args.root, strict=args.strict, templates=args.templates, history=not args.no_history)
