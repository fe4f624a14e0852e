"""Command line: one parser, one handler that turns errors into fixed exit codes."""
from __future__ import annotations

import argparse
import gc
import sys
from importlib import import_module

from site_builder.problems import EXIT_INVALID, EXIT_USAGE, InputError, UsageError
from site_builder.report import text

COMMANDS = ["validate", "lint", "new", "schema", "rank", "agree", "diff", "check-access", "codeowners", "build", "serve", "demo"]


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{self.prog}: lỗi cú pháp lệnh: {message}")


def build_parser(only: str | None = None) -> Parser:
    """Every command's parser; with `only` (a command's name), that command's alone: importing every
    command's modules took half a second, most of a pull-request check's `validate` of one file."""
    parser = Parser(prog="site_builder", description="Công cụ Cụm thi đua ngành Y tế.")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=Parser)
    for name in ([only] if only in COMMANDS else COMMANDS):
        # A command's module is its name as a Python identifier (check-access → check_access).
        import_module(f"site_builder.commands.{name.replace('-', '_')}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A run loads millions of small objects that live to its end and form no
    # cycles; with the default thresholds the collector walks them again and
    # again (a third of `validate` on 3,000 files). Collect ~70 times less often.
    gc.set_threshold(50_000, 20, 100)
    try:
        argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
        args = build_parser(argv[0] if argv else None).parse_args(argv)
        if not args.command:
            raise UsageError("Thiếu lệnh. Xem: python -m site_builder --help")
        return args.run(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        text(exc.problems, files=len({p.path for p in exc.problems}), out=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    raise SystemExit(main())
