"""Benchmark (not a test): the one-pass history read against one `git log` per file.

    python bench/history_bench.py                     # 3,000 files, 5,000 commits, seed 1
    python bench/history_bench.py --files 600 --commits 1000 --seed 7 --keep

It generates a repository shaped like the real one (submissions/<year>/<period>/
<cluster>/<unit>.yaml, pull-request-like commits, some squashed "(#n)", some
merged "Merge pull request #n from …"), deterministic from the seed and fast to
make with `git fast-import`; then it times
  1. site_builder.history.log.read_log: ONE `git log --raw -z` over everything,
  2. the naive way: one `git log --raw -z -- <file>` per file,
checks that both found the same file versions, and prints both times and the ratio.
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from site_builder.history.blobs import BlobReader  # noqa: E402
from site_builder.history.log import parse, read_log  # noqa: E402

YEARS, PERIODS = range(2021, 2026), ("h1", "year")
START = 1_609_459_200  # 01/01/2021 00:00 UTC: commit dates grow from here, one hour apart


def paths(count: int) -> list[str]:
    """`count` submission paths: years × periods × clusters × 15 units."""
    clusters = max(1, count // (len(YEARS) * len(PERIODS) * 15))
    every = [f"submissions/{y}/{p}/cum-{c:02d}/don-vi-{c:02d}-{u:02d}.yaml"
             for y in YEARS for p in PERIODS for c in range(1, clusters + 1) for u in range(1, 16)]
    return every[:count]


def content(path: str, version: int, rng: random.Random) -> bytes:
    unit = path.rsplit("/", 1)[1][:-5]
    lines = [f"unit: {unit}", "criteria:"]
    lines += [f'  "1.{i}":\n    score: {rng.randint(0, 100)}' for i in range(1, 9)]
    lines.append(f"# phiên bản {version}")
    return ("\n".join(lines) + "\n").encode()


def stream(files: list[str], commits: int, seed: int):
    """The fast-import commands, commit by commit: everything first, then one or two files per commit."""
    rng, version = random.Random(seed), {}
    head = 1
    yield _commit("refs/heads/main", head, "Dữ liệu ban đầu", START, [(p, content(p, 0, rng)) for p in files], None)
    for n in range(2, commits + 1):
        changed = [(p, content(p, version.setdefault(p, 0) + 1, rng)) for p in rng.sample(files, rng.choice((1, 1, 2)))]
        for p, _ in changed:
            version[p] += 1
        when = START + n * 3600
        if n % 10 == 0:  # a one-commit branch brought in by a merge commit
            yield _commit("refs/heads/pr", 2 * n, f"Nộp bài {n}", when, changed, head)
            yield _commit("refs/heads/main", 2 * n + 1, f"Merge pull request #{n} from don-vi/nop-bai", when + 60,
                          changed, head, merge=2 * n)
        else:
            yield _commit("refs/heads/main", 2 * n + 1, f"Sửa điểm (#{n})" if n % 3 else "Sửa điểm", when, changed, head)
        head = 2 * n + 1


def _commit(ref, mark, message, when, changes, parent, merge=None) -> bytes:
    text = message.encode()
    out = [f"commit {ref}\nmark :{mark}\n".encode(),
           f"author Đơn vị <dv@example.vn> {when} +0700\ncommitter Đơn vị <dv@example.vn> {when} +0700\n".encode(),
           f"data {len(text)}\n".encode(), text, b"\n"]
    if parent:
        out.append(f"from :{parent}\n".encode())
    if merge:
        out.append(f"merge :{merge}\n".encode())
    for path, data in changes:
        out += [f"M 100644 inline {path}\ndata {len(data)}\n".encode(), data, b"\n"]
    return b"".join(out) + b"\n"


def generate(root: Path, files: int, commits: int, seed: int) -> list[str]:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    every = paths(files)
    importer = subprocess.Popen(["git", "-C", str(root), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    for chunk in stream(every, commits, seed):
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "main"], check=True)
    return every


def versions_one_pass(root: Path) -> set[tuple[str, str, str]]:
    return {(c.id, f.path, f.blob) for c in read_log(root) for f in c.changes}


def versions_per_file(root: Path, files: list[str]) -> set[tuple[str, str, str]]:
    found = set()
    for path in files:
        out = subprocess.run(["git", "-C", str(root), "log", "--format=%x1e%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x00",
                              "--raw", "-z", "--no-abbrev", "--diff-merges=first-parent", "--", path],
                             capture_output=True, check=True).stdout
        found |= {(c.id, f.path, f.blob) for c in parse(out) for f in c.changes}
    return found


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated repository and print where it is")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="history-bench-")) / "repo"
    try:
        files, made = timed(lambda: generate(root, args.files, args.commits, args.seed))
        count = int(subprocess.run(["git", "-C", str(root), "rev-list", "--count", "HEAD"], capture_output=True, text=True).stdout)
        print(f"Kho sinh ra: {len(files)} tệp, {count} commit (seed {args.seed}), trong {made:.1f} s")
        one, one_time = timed(lambda: versions_one_pass(root))
        print(f"Một lần git log cho cả lịch sử:      {one_time:8.3f} s  ({len(one)} phiên bản tệp)")
        with BlobReader(root) as blobs:
            _, blob_time = timed(lambda: [blobs.read(b) for b in sorted({b for _, _, b in one if b})])
        print(f"Đọc nội dung mọi phiên bản (1 tiến trình cat-file): {blob_time:8.3f} s")
        many, many_time = timed(lambda: versions_per_file(root, files))
        print(f"Mỗi tệp một lần git log ({len(files)} lần): {many_time:8.3f} s  ({len(many)} phiên bản tệp)")
        if one != many:
            print(f"KHÁC NHAU: {len(one ^ many)} phiên bản chỉ có ở một cách đọc", file=sys.stderr)
            return 1
        print(f"Tỉ lệ (mỗi tệp một lần / một lần): {many_time / one_time:.0f}×")
    finally:
        if args.keep:
            print(f"Kho giữ lại ở: {root}")
        else:
            shutil.rmtree(root.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
