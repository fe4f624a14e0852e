"""File contents straight from git's object store, through one `git cat-file --batch` process.

Reading objects (not the working tree) lets the history and the review see
any version of any file, and one long-lived process avoids a git start-up
per version. Where the versions to read are known beforehand (a replay knows
its commits), they are asked for at once: one request and its answer at a
time left the replay waiting on git thousands of times, while the other
processes of the build kept both cores busy.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from site_builder.history import git


class BlobReader:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._process: subprocess.Popen | None = None
        self._ahead: dict[str, bytes] = {}
        self.read_count = 0

    def __enter__(self) -> "BlobReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        if self._process is None:
            self._process = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=git.env())
        return self._process

    def prefetch(self, blobs) -> None:
        """Read these objects now, in one `git cat-file --batch` (read() then finds them); an object
        git does not have is left for read() to report."""
        wanted = list(dict.fromkeys(b for b in blobs if b not in self._ahead))
        if not wanted:
            return
        out = git.run(self.root, "cat-file", "--batch", input="".join(f"{b}\n" for b in wanted).encode())
        at = 0
        while at < len(out):
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3:
                size = int(header[2])
                self._ahead[header[0].decode()] = out[at:at + size]
                at += size + 1  # the newline after each object

    def read(self, blob: str) -> bytes:
        """The bytes of one object; one request and its answer at a time, so no pipe can fill up."""
        ahead = self._ahead.get(blob)
        if ahead is not None:
            self.read_count += 1
            return ahead
        process = self._start()
        process.stdin.write(blob.encode() + b"\n")
        process.stdin.flush()
        header = process.stdout.readline().split()
        if len(header) != 3:
            raise git.fail(f"Không đọc được đối tượng git {blob} (kho thiếu dữ liệu; thử: git fetch --unshallow).")
        data = process.stdout.read(int(header[2]))
        process.stdout.read(1)  # the newline after each object
        self.read_count += 1
        return data

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.stdout.close()
            self._process.wait()
            self._process = None
