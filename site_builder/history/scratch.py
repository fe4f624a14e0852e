"""A scratch copy of the data files of one version, for the project's own loaders to read.

The loaders, the refinement of the rubric, the membership checks and the
agreement digests all read a working tree. Rather than re-implement any of
them for git objects, each version's bytes (read from git, never from the
user's working tree) are written into a private folder and the real
Repository is pointed at it: a score in the history is computed exactly as
the site computes today's.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from site_builder import layout
from site_builder.history.blobs import BlobReader
from site_builder.load.cluster_records import PeriodRecord, load_period_record
from site_builder.load.repository import Repository
from site_builder.validate.submission_check import check_submission

# What scores depend on: the rubrics, the registries and cluster records, the submissions.
_DATA = re.compile(r"^(?:rubric/[^/]+\.ya?ml|clusters/.+\.ya?ml|submissions/.+\.ya?ml)$")
# A change here changes how every submission of the year is read.
_CONTEXT = re.compile(r"^(?:rubric/[^/]+|clusters/\d{4}/registry\.ya?ml|clusters/\d{4}/[^/]+/cluster\.ya?ml)$")


def is_data(path: str) -> bool:
    return bool(_DATA.match(path)) and ".." not in PurePosixPath(path).parts


def is_context(path: str) -> bool:
    return bool(_CONTEXT.match(path))


class ScratchTree:
    """A folder holding the data files of one version; `files` maps each path to its blob id."""

    def __init__(self, blobs: BlobReader):
        self.blobs = blobs
        self.root = Path(tempfile.mkdtemp(prefix="site-builder-history-"))
        self.files: dict[str, str] = {}

    def __enter__(self) -> "ScratchTree":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def put(self, path: str, blob: str) -> None:
        if not is_data(path) or self.files.get(path) == blob:
            return
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.blobs.read(blob))
        self.files[path] = blob

    def drop(self, path: str) -> None:
        if self.files.pop(path, None) is not None:
            (self.root / path).unlink()

    def fill(self, listing: dict[str, tuple[str, str]]) -> None:
        """Add the files of a `git ls-tree` listing (path → (mode, blob))."""
        for path, (_, blob) in sorted(listing.items()):
            self.put(path, blob)


class ScratchRepository(Repository):
    """A Repository over a scratch tree whose submissions and period records may change between calls.

    Repository keeps what it loaded for its lifetime; here those two kinds of
    file are keyed by their blob id instead of their path, so one instance
    serves every version until a rubric, a registry or a cluster year changes
    (then the history starts a new instance).
    """

    def __init__(self, tree: ScratchTree):
        super().__init__(tree.root)
        self.tree = tree
        self._versions: dict = {}

    def submission(self, path: Path):
        relpath = layout.rel(self.root, path)
        key = ("submission", relpath, self.tree.files.get(relpath))
        if key not in self._versions:
            self._versions[key] = check_submission(self, path)
        return self._versions[key]

    def period_record(self, year: int, period: str, cluster: str) -> PeriodRecord | None:
        relpath = layout.rel(self.root, layout.cluster_period_path(self.root, year, period, cluster))
        key = ("period", relpath, self.tree.files.get(relpath))
        if key not in self._versions:
            record = load_period_record(self.root, year, period, cluster)
            self._versions[key] = self._keep(record, record.doc if record else None)
        return self._versions[key]
