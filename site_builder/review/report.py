"""What a cluster reviewer needs to judge a pull request: per unit touched, what moved and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.history.compare import ClusterChange, UnitChange, compare
from site_builder.history.log import FileChange
from site_builder.history.state import cluster_state
from site_builder.layout import PERIOD_NAMES
from site_builder.load.repository import Repository
from site_builder.problems import Problem
from site_builder.review.owners import UNIT, owner_of
from site_builder.review.versions import Versions

# A broken file can have hundreds of findings; the reviewer needs the first ones and the count.
MAX_PROBLEMS_PER_FILE = 30


@dataclass
class UnitReport:
    change: UnitChange
    cluster_name: str
    period_name: str
    files: list[FileChange]
    problems: list[Problem]


@dataclass
class Report:
    base: str
    head: str
    merge_base: str
    files: list[FileChange]
    units: list[UnitReport] = field(default_factory=list)
    clusters: list[ClusterChange] = field(default_factory=list)  # every ranking that moved
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # per changed file at HEAD
    others: list[tuple[FileChange, str]] = field(default_factory=list)  # files not shown under a unit, and whose they are

    @property
    def unit_ids(self) -> list[str]:
        return sorted({owner_of(p).id for f in self.files for p in f.paths if owner_of(p).kind == UNIT})

    def unattached_problems(self) -> dict[str, list[Problem]]:
        shown = {p.path for u in self.units for p in u.problems}
        return {path: found for path, found in self.problems.items() if path not in shown and found}


def build_report(root: Path, base: str, head: str) -> Report:
    with Versions(root, base, head) as v:
        keys = v.load()
        before, after = Repository(v.before.root), Repository(v.after.root)
        report = Report(v.base, v.head, v.merge_base, v.changes)
        states = {key: cluster_state(after, key) for key in sorted(keys)}
        for key in sorted(keys):
            if found := compare(key, cluster_state(before, key), states[key]):
                report.clusters.append(found)
        report.problems = _problems(after, v.after.files, v.paths, states.values())
    _units(report)
    shown = {id(f) for u in report.units for f in u.files}
    report.others = [(f, owner_of(f.path).describe()) for f in report.files if id(f) not in shown]
    return report


def _units(report: Report) -> None:
    for cluster in report.clusters:
        for change in cluster.units:
            if {"file", "self", "cluster"} & set(change.changed):
                files = [f for f in report.files if change.unit in {owner_of(p).id for p in f.paths if owner_of(p).kind == UNIT}]
                path = change.after.file if change.after else None
                report.units.append(UnitReport(change, cluster.name, PERIOD_NAMES.get(change.key[1], change.key[1]),
                                               files, report.problems.get(path, []) if path else []))


def _problems(repo: Repository, present: dict[str, str], paths: list[str], states) -> dict[str, list[Problem]]:
    """The project's validation of HEAD's version of each changed data file, errors first."""
    found: dict[str, list[Problem]] = {}
    for path in paths:
        if path in present:  # not deleted, and a data file
            _load(repo, path, found)
    everything = repo.problems + [p for s in states if s is not None for p in s.problems]
    for problem in everything:
        if problem.path in present and problem.path in paths:
            found.setdefault(problem.path, []).append(problem)
    return {path: _first(sorted(set(items), key=lambda p: (not p.is_error, p.line, p.col, p.message)))
            for path, items in found.items()}


def _load(repo: Repository, path: str, found: dict) -> None:
    """Load a changed file with the loader its place calls for; loading records its problems."""
    parts = path.split("/")
    year = int(parts[1].split(".")[0]) if len(parts) > 1 and parts[1].split(".")[0].isdigit() else None
    stem = parts[-1].rsplit(".", 1)[0]
    if parts[0] == "submissions":
        found[path] = list(repo.submission(repo.root / path).doc.problems)
    elif year is None:
        return
    elif parts[0] == "rubric" and len(parts) == 2:
        repo.rubrics.get(year)
    elif parts[0] == "clusters" and len(parts) == 3 and stem == "registry":
        repo.registry(year)
    elif parts[0] == "clusters" and len(parts) == 4 and stem == "cluster":
        repo.cluster_year(year, parts[2])
    elif parts[0] == "clusters" and len(parts) == 4 and stem in PERIOD_NAMES:
        repo.period_record(year, stem, parts[2])


def _first(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    rest = len(problems) - MAX_PROBLEMS_PER_FILE
    cut = problems[:MAX_PROBLEMS_PER_FILE]
    return cut + [Problem(cut[0].path, 1, 1, f"… và {rest} vấn đề khác; xem: python -m site_builder validate {cut[0].path}", "warning")]
