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
from site_builder.load.registry import load_registry
from site_builder.load.repository import Repository
from site_builder.load.rubrics import RubricBook
from site_builder.load.text import MAX_BYTES
from site_builder.load.yamlfile import Document, load_bytes
from site_builder.validate.submission_check import check_submission

# What scores depend on: the rubrics, the registries and cluster records, the submissions.
_DATA = re.compile(r"^(?:rubric/[^/]+\.ya?ml|clusters/.+\.ya?ml|submissions/.+\.ya?ml)$")
# A change here changes how every submission of the year is read.
_CONTEXT = re.compile(r"^(?:rubric/[^/]+|clusters/\d{4}/registry\.ya?ml|clusters/\d{4}/[^/]+/cluster\.ya?ml)$")


def is_data(path: str) -> bool:
    return bool(_DATA.match(path)) and (".." not in path or ".." not in PurePosixPath(path).parts)


def is_context(path: str) -> bool:
    return bool(_CONTEXT.match(path))


# The files read only for one ranking (a submission, a cluster's period record), by the folder of that ranking.
_DEFERRABLE = re.compile(r"^(?:submissions/\d{4}/[^/]+/[^/]+|clusters/\d{4}/[^/]+)/(?!cluster\.ya?ml$)[^/]+\.ya?ml$")


class ScratchTree:
    """A folder holding the data files of one version; `files` maps each path to its blob id.

    `lazy`: the bytes of a submission or a period record are read from git only
    when needed: a period record is written when `materialize` is asked for the
    folders of its ranking (folders(key)), a submission is handed to its check
    unwritten (ScratchRepository.submission_document). A replay resuming from a
    cached history reads the few rankings it recomputes, not the whole tree.
    Everything else (rubrics, registries, cluster years: what every check reads)
    is written at once.
    """

    def __init__(self, blobs: BlobReader, lazy: bool = False):
        self.blobs = blobs
        self.lazy = lazy
        self.root = Path(tempfile.mkdtemp(prefix="site-builder-history-"))
        self.files: dict[str, str] = {}
        self._pending: dict[str, set[str]] = {}  # folder → its files whose current bytes are not written yet
        self._folders: set[str] = set()  # made already (drop() leaves folders in place)

    def __enter__(self) -> "ScratchTree":
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def put(self, path: str, blob: str) -> None:
        if not is_data(path) or self.files.get(path) == blob:
            return
        target = self.root / path
        folder = path.rpartition("/")[0]
        if folder not in self._folders:  # thousands of versions go to a few dozen folders
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        self.files[path] = blob
        if self.lazy and _DEFERRABLE.match(path):
            self._pending.setdefault(path.rpartition("/")[0], set()).add(path)
        else:
            target.write_bytes(self.blobs.read(blob))

    def drop(self, path: str) -> None:
        if self.files.pop(path, None) is not None:
            self._pending.get(path.rpartition("/")[0], set()).discard(path)
            (self.root / path).unlink(missing_ok=True)

    def fill(self, listing: dict[str, tuple[str, str]]) -> None:
        """Add the files of a `git ls-tree` listing (path → (mode, blob))."""
        for path, (_, blob) in sorted(listing.items()):
            self.put(path, blob)

    def materialize(self, folders) -> None:
        """Write the current bytes of every file under `folders` (relative paths of folders)."""
        for folder in folders:
            for path in sorted(self._pending.pop(folder, ())):
                self._write(path)

    def unwritten(self, path: str) -> bytes | None:
        """The bytes of `path` while they are not written (None: written, or no such file). A submission is
        read this way: writing each version only to read it back took a sixth of a replay."""
        if path not in self._pending.get(path.rpartition("/")[0], ()):
            return None
        return self.blobs.read(self.files[path])

    def write(self, path: str) -> None:
        """Write the current bytes of `path`, pending until now."""
        self._pending[path.rpartition("/")[0]].discard(path)
        self._write(path)

    def _write(self, path: str) -> None:
        (self.root / path).write_bytes(self.blobs.read(self.files[path]))


def folders(key: tuple[int, str, str]) -> tuple[str]:
    """The folders whose files the ranking of (year, period, cluster) reads from the scratch folder besides the
    context: its period records. Its submissions are read from git as they are checked
    (ScratchRepository.submission_document)."""
    year, _, cluster = key
    return (f"clusters/{year}/{cluster}",)


class Checked:
    """What the replay has checked, by file version, kept across ScratchRepository instances.

    A period record depends on its own bytes only. A submission depends on its
    bytes and on the rubric, registry and cluster year of its year (and of the
    year it says, where that differs): a rubric or a cluster year added for one
    year or one cluster no longer makes every other submission be checked
    again. (Its problems' wording may also name other years, e.g. where a unit
    was a member before; the replay only counts its errors, as a status does.)"""

    def __init__(self):
        self.records: dict[str, tuple[str | None, list]] = {}  # path → (blob, [record])
        # path → (blob, [what loading it gave]): a registry or rubric depends on its own bytes only, and was
        # read again each time a context change starts a new ScratchRepository (a tenth of a replay).
        self.year_files: dict[str, tuple[str | None, list]] = {}
        self.submissions: dict[str, tuple[str | None, list]] = {}  # path → (blob, [(years, context, checked)])
        self.clusters_folder = False

    @staticmethod
    def version(kept: dict, relpath: str, blob: str | None) -> list:
        """What is kept for `relpath` at `blob`: only the version the tree holds, so memory does not grow with the history."""
        found = kept.get(relpath)
        if found is None or found[0] != blob:
            found = kept[relpath] = (blob, [])
        return found[1]


class ScratchRepository(Repository):
    """A Repository over a scratch tree whose submissions and period records may change between calls.

    Repository keeps what it loaded for its lifetime; here those two kinds of
    file are keyed by their blob id (and what the check of a submission reads
    besides, see Checked) instead of their path, so one instance serves every
    version until a rubric, a registry or a cluster year changes (then the
    history starts a new instance, passing on `checked`).
    """

    def __init__(self, tree: ScratchTree, checked: Checked | None = None):
        super().__init__(tree.root)
        self.tree = tree
        self.checked = checked if checked is not None else Checked()
        self.rubrics = _ScratchRubrics(self)
        self._prefix = str(self.root) + "/"

    def year_file(self, relpath: str, load):
        """What load() gives for the version of `relpath` the tree holds, loaded once."""
        kept = self.checked.version(self.checked.year_files, relpath, self.tree.files.get(relpath))
        if not kept:
            kept.append(load())
        return kept[0]

    def registry(self, year: int):
        def load():
            return self._keep(*self.year_file(f"clusters/{year}/registry.yaml", lambda: load_registry(self.root, year)))
        return self._once(("registry", year), load)

    def _relpath(self, path: Path) -> str:
        # The loaders' paths are built from self.root: cut it off rather than resolve every folder on the way.
        text = str(path)
        return text[len(self._prefix):] if text.startswith(self._prefix) else layout.rel(self.root, path)

    def submission_at(self, year: int, period: str, cluster: str, unit: str):
        # The tree knows which files the version has: no path made and no file looked up, for each
        # unit of each cluster a commit re-ranks (90,000 in the stress history).
        relpath = f"submissions/{year}/{period}/{cluster}/{unit}.yaml"
        return self._submission(relpath) if relpath in self.tree.files else None

    def submission(self, path: Path):
        return self._submission(self._relpath(path), path)

    def submission_document(self, path: Path, shown: str) -> Document:
        """As a file of the tree reads, without writing it: the same limit on size, the same digest. A file over
        the limit is written, so that the unit's digest is taken from it as from any refused file."""
        raw = self.tree.unwritten(shown)
        if raw is None:
            return super().submission_document(path, shown)
        if len(raw) > MAX_BYTES:
            self.tree.write(shown)
            return super().submission_document(path, shown)
        return load_bytes(raw, shown)

    def _submission(self, relpath: str, path: Path | None = None):
        versions = self.checked.version(self.checked.submissions, relpath, self.tree.files.get(relpath))
        for years, context, checked in versions:
            if context == self._context(relpath, years):
                return checked
        checked = check_submission(self, path or self.root / relpath)
        years = _years(relpath, checked)
        versions.append((years, self._context(relpath, years), checked))
        return checked

    def _context(self, relpath: str, years: tuple[int, ...]) -> tuple:
        """The blobs of what checking the submission at `relpath` reads, for the years it concerns."""
        if not years:
            return ()
        files = self.tree.files
        place = layout.submission_place(relpath)
        cluster = place.cluster if place else None
        return (self._has_clusters(),
                *((files.get(f"rubric/{y}.yaml"), files.get(f"clusters/{y}/registry.yaml"),
                   files.get(f"clusters/{y}/{cluster}/cluster.yaml")) for y in years))

    def _has_clusters(self) -> bool:
        """Whether clusters/ exists (the membership check is skipped without it): once it does, it stays,
        as ScratchTree.drop leaves folders in place."""
        if not self.checked.clusters_folder:
            self.checked.clusters_folder = (self.root / "clusters").is_dir()
        return self.checked.clusters_folder

    def period_record(self, year: int, period: str, cluster: str) -> PeriodRecord | None:
        relpath = f"clusters/{year}/{cluster}/{period}.yaml"
        versions = self.checked.version(self.checked.records, relpath, self.tree.files.get(relpath))
        if not versions:
            versions.append(load_period_record(self.root, year, period, cluster))
        return versions[0]


class _ScratchRubrics(RubricBook):
    """The rubrics of a ScratchRepository, each version loaded and compiled once for the whole replay."""

    def __init__(self, repo: ScratchRepository):
        super().__init__(repo.root)
        self.repo = repo

    def _kept(self, year: int) -> list:
        """[rubric, its problems, its validator once asked for]."""
        def load():
            before = len(self.problems)
            rubric = super(_ScratchRubrics, self)._load(year)
            problems = self.problems[before:]
            del self.problems[before:]
            return [rubric, problems, None]
        return self.repo.year_file(f"rubric/{year}.yaml", load)

    def _load(self, year: int):
        rubric, problems, _ = self._kept(year)
        self.problems.extend(problems)
        return rubric

    def validator(self, year: int):
        kept = self._kept(year)
        if kept[2] is None:
            kept[2] = super().validator(year)
        return kept[2]


def _years(relpath: str, checked) -> tuple[int, ...]:
    """The years whose rubric and registry the check may read: the folder's year, and the year the file
    says where it says one (validate.submission_check picks the rubric by it)."""
    data = checked.doc.data
    place = layout.submission_place(relpath)
    said = data.get("year") if isinstance(data, dict) else None
    found = {place.year} if place else set()
    if isinstance(said, int) and not isinstance(said, bool):
        found.add(said)
    return tuple(sorted(found))
