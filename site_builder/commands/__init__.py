"""One module per subcommand: add_parser(sub) and run(args) -> int."""
from __future__ import annotations

from pathlib import Path


def add_root(parser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="thư mục gốc của kho (mặc định: thư mục hiện tại)")
