"""serve: the published site on a local address, rebuilt when the data changes."""
from __future__ import annotations

from site_builder.commands import add_root
from site_builder.commands.build import add_no_history, add_templates, check_templates
from site_builder.problems import UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="xem trước trang công khai, tự xây dựng lại khi dữ liệu thay đổi")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG", help="mặc định 127.0.0.1:8000")
    p.add_argument("--strict", action="store_true", help="như build --strict")
    add_no_history(p)
    add_templates(p)
    add_root(p)
    p.set_defaults(run=run)


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--dev-addr '{text}' phải có dạng địa_chỉ:cổng, ví dụ 127.0.0.1:8000.")
    return host.strip("[]"), int(port)


def run(args) -> int:
    from site_builder.publish.serve import serve

    check_templates(args.templates)
    host, port = _address(args.dev_addr)
    return serve(args.root, host, port, strict=args.strict, templates=args.templates, history=not args.no_history)
