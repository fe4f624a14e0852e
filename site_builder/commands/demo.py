"""demo: a stress-sized example repository with its git history, for benchmarks and trials.

    python -m site_builder demo --scale 20 --out /tmp/demo      # 3,000 scorecards, ~6,000 commits

Everything it writes validates; the same seed gives the same files and the
same commit ids. The rubric, mkdocs.yml and docs/ are copied from --root.
"""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

from site_builder.commands import add_root
from site_builder.demo.names import UNITS_PER_CLUSTER
from site_builder.problems import EXIT_OK, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("demo", help="sinh kho dữ liệu ví dụ cỡ lớn (kèm lịch sử git) để đo hiệu năng")
    p.add_argument("--scale", type=int, required=True, metavar="N", help="số cụm (mỗi cụm 15 đơn vị)")
    p.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục mới (chưa có hoặc rỗng)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--years", type=int, default=5, help="số năm, kết thúc ở 2025 (mặc định 5)")
    p.add_argument("--units", type=int, default=UNITS_PER_CLUSTER, help="số đơn vị mỗi cụm (mặc định 15)")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from site_builder.demo import make_demo

    if args.scale < 1 or not 1 <= args.years <= 50 or args.units < 5:
        raise UsageError("--scale ≥ 1, --years từ 1 đến 50, --units ≥ 5.")
    if args.out.exists() and any(args.out.iterdir()):
        raise UsageError(f"--out {args.out}: thư mục đã có nội dung; hãy chọn thư mục mới.")
    if not (args.root / "rubric").is_dir():
        raise UsageError(f"Không có thư mục rubric/ trong {args.root}: chạy từ thư mục gốc của kho hoặc dùng --root.")
    start = time.perf_counter()
    try:
        pulls = make_demo(args.out, args.root, args.scale, args.seed, args.years, args.units)
    except ValueError as exc:
        raise UsageError(f"--scale {args.scale}: {exc}") from None
    commits = subprocess.run(["git", "-C", str(args.out), "rev-list", "--count", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    cards = args.scale * args.units * 2 * args.years
    print(f"Đã sinh {args.out}: {args.scale} cụm × {args.units} đơn vị × 2 kỳ × {args.years} năm = {cards} phiếu chấm, "
          f"{pulls} pull request, {commits} commit (seed {args.seed}), trong {time.perf_counter() - start:.1f} s.")
    return EXIT_OK
