"""The two sides of a pull request, read from git objects (never the working tree), only as far as needed.

Only the folders the change can affect are written out: the rubrics, the
registry and records of the years touched, and the submissions of the
clusters whose ranking can move. A one-file pull request reads one cluster.
"""
from __future__ import annotations

from pathlib import Path

from site_builder import layout
from site_builder.history import git
from site_builder.history.blobs import BlobReader
from site_builder.history.log import FileChange, read_diff
from site_builder.history.scratch import ScratchTree, is_data
from site_builder.history.state import Key, keys_of
from site_builder.load.registry import Registry
from site_builder.load.repository import Repository
from site_builder.review.owners import owner_of


class Versions:
    """BASE and HEAD of a pull request; what changed is measured from their merge base, as GitHub shows it."""

    def __init__(self, root: Path, base: str, head: str):
        self.root = Path(root)
        git.require_repository(self.root)
        self.base, self.head = git.resolve(self.root, base), git.resolve(self.root, head)
        self.merge_base = git.merge_base(self.root, self.base, self.head)
        self.changes: list[FileChange] = read_diff(self.root, self.merge_base, self.head)
        self.blobs = BlobReader(self.root)
        self.before, self.after = ScratchTree(self.blobs), ScratchTree(self.blobs)

    def __enter__(self) -> "Versions":
        return self

    def __exit__(self, *exc) -> None:
        for tree in (self.before, self.after):
            tree.__exit__()
        self.blobs.close()

    @property
    def paths(self) -> list[str]:
        return sorted({p for c in self.changes for p in c.paths})

    def load(self) -> set[Key]:
        """Write out what the change can affect on both sides; returns the rankings it can move."""
        data = [p for p in self.paths if is_data(p)]
        years = sorted({owner_of(p).year for p in data} - {None})
        first = ["rubric", *(f"clusters/{y}" for y in years), *data]
        self._fill(first)
        repos = [Repository(tree.root) for tree in (self.before, self.after)]
        keys = {k for repo in repos for p in data for k in keys_of(p, repo)}
        self._fill([f"submissions/{y}/{period}/{c}" for y, period, c in sorted(keys)])
        return keys

    def _fill(self, paths: list[str]) -> None:
        self.before.fill(git.list_tree(self.root, self.merge_base, paths))
        self.after.fill(git.list_tree(self.root, self.head, paths))


def registries_at(root: Path, commit: str) -> dict[int, Registry]:
    """Every year's registry as it was at `commit` (broken ones are left out: they grant nothing)."""
    with BlobReader(root) as blobs, ScratchTree(blobs) as tree:
        listing = git.list_tree(root, commit, ["clusters"])
        tree.fill({p: v for p, v in listing.items() if p.count("/") == 2 and p.endswith("/registry.yaml")})
        repo = Repository(tree.root)
        found = {year: repo.registry(year) for year in layout.registry_years(tree.root)}
    return {year: registry for year, registry in found.items() if registry is not None}
