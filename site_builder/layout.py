"""Where things live in the repository: one place, so the folder rules are stated once.

    rubric/<year>.yaml                                  the Department's rubric
    rubric/schema/submission-<year>.schema.json         generated from it
    submissions/<year>/<period>/<cluster>/<unit>.yaml   a unit's self-assessment
    clusters/<year>/registry.yaml                       the Department's clusters and accounts
    clusters/<year>/<cluster>/cluster.yaml              the cluster's year: covenant, refinement
    clusters/<year>/<cluster>/<period>.yaml             the cluster's scores, agreement, vote, meeting

Units only ever touch submissions/ (and writeups/); cluster heads only their
folder under clusters/; the Department rubric/ and the registries. Who may
change what can then be decided from the path alone.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).parent
RUBRIC_META_SCHEMA = PACKAGE / "validate" / "rubric.schema.json"
TEMPLATES = PACKAGE / "templates"

PERIODS = ("h1", "year")
PERIOD_NAMES = {"h1": "6 tháng đầu năm", "year": "cả năm"}
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SUBMISSION = re.compile(rf"^submissions/(\d{{4}})/({'|'.join(PERIODS)})/({SLUG})/({SLUG})\.ya?ml$")


@dataclass(frozen=True)
class SubmissionPlace:
    year: int
    period: str
    cluster: str
    unit: str


def rel(root: Path, path: Path) -> str:
    # The folders are resolved, not the file itself: a symbolic link is named
    # where it lies in the repository, not by whatever it points to.
    path = Path(path)
    try:
        return (_resolved(str(path.parent)) / path.name).relative_to(_resolved(str(root))).as_posix()
    except ValueError:
        return str(path)


def _resolved(folder: str) -> Path:
    """An absolute folder is resolved once per process: every file of a build asks for the same few
    hundred, each resolution a system call per part of the path. A relative one depends on the
    working folder."""
    return _resolved_absolute(folder) if os.path.isabs(folder) else Path(folder).resolve()


@functools.lru_cache(maxsize=1024)
def _resolved_absolute(folder: str) -> Path:
    return Path(folder).resolve()


def rubric_path(root: Path, year: int) -> Path:
    return Path(root, "rubric", f"{year}.yaml")


def rubric_years(root: Path) -> list[int]:
    return sorted(int(p.stem) for p in (Path(root) / "rubric").glob("[0-9][0-9][0-9][0-9].yaml"))


def schema_path(root: Path, year: int, cluster: str | None = None) -> Path:
    """The base schema of a year, or a refined cluster's own."""
    name = f"submission-{year}-{cluster}" if cluster else f"submission-{year}"
    return Path(root, "rubric", "schema", f"{name}.schema.json")


def registry_path(root: Path, year: int) -> Path:
    return Path(root, "clusters", str(year), "registry.yaml")


def registry_years(root: Path) -> list[int]:
    return sorted(int(p.parent.name) for p in (Path(root) / "clusters").glob("[0-9][0-9][0-9][0-9]/registry.yaml"))


def cluster_year_path(root: Path, year: int, cluster: str) -> Path:
    return Path(root, "clusters", str(year), cluster, "cluster.yaml")


def cluster_period_path(root: Path, year: int, period: str, cluster: str) -> Path:
    return Path(root, "clusters", str(year), cluster, f"{period}.yaml")


def submission_path(root: Path, year: int, period: str, cluster: str, unit: str) -> Path:
    # One Path made, not one per part: the history asks for 90,000 of them.
    return Path(root, "submissions", str(year), period, cluster, f"{unit}.yaml")


def submission_place(relpath: str) -> SubmissionPlace | None:
    """Year, period, cluster and unit as the folders say, or None off the pattern."""
    match = _SUBMISSION.match(relpath)
    if not match:
        return None
    year, period, cluster, unit = match.groups()
    return SubmissionPlace(int(year), period, cluster, unit)


def submission_files(root: Path) -> list[Path]:
    base = Path(root) / "submissions"
    return sorted(p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
