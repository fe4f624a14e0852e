"""Everything a repository holds for a year, each file loaded once, every problem kept."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from site_builder import layout
from site_builder.load.cluster_records import ClusterYear, PeriodRecord, load_cluster_year, load_period_record
from site_builder.load.registry import Registry, load_registry
from site_builder.load.rubric import Rubric
from site_builder.load.rubrics import RubricBook
from site_builder.load.yamlfile import Document, load_file
from site_builder.problems import Problem
from site_builder.validate.fast_schema import GatedValidator, validator_for


class Repository:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.rubrics = RubricBook(self.root)
        self._cache: dict = {}
        self._problems: list[Problem] = []
        self.files_read: set[str] = set()

    @property
    def problems(self) -> list[Problem]:
        """Problems of the rubrics, registries and cluster records (submissions keep their own)."""
        return self.rubrics.problems + self._problems

    def _once(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def _keep(self, value, doc):
        if doc is not None:
            self.files_read.add(doc.path)
            self._problems.extend(doc.problems)
        return value

    def submission(self, path: Path):
        """A submission checked once, however many stages ask for it."""
        from site_builder.validate.submission_check import check_submission

        return self._once(("submission", Path(path).resolve()), lambda: check_submission(self, path))

    def submission_document(self, path: Path, shown: str) -> Document:
        """A submission's document, as its check reads it (history/scratch.py reads the bytes from git)."""
        return load_file(path, shown)

    def submission_at(self, year: int, period: str, cluster: str, unit: str):
        """The checked submission of a unit's folder place, or None where it has no file."""
        path = layout.submission_path(self.root, year, period, cluster, unit)
        return self.submission(path) if path.exists() else None

    def registry(self, year: int) -> Registry | None:
        return self._once(("registry", year), lambda: self._keep(*load_registry(self.root, year)))

    def cluster_year(self, year: int, cluster: str) -> ClusterYear | None:
        def load():
            record = load_cluster_year(self.root, year, cluster)
            return self._keep(record, record.doc if record else None)
        return self._once(("cluster-year", year, cluster), load)

    def period_record(self, year: int, period: str, cluster: str) -> PeriodRecord | None:
        def load():
            record = load_period_record(self.root, year, period, cluster)
            return self._keep(record, record.doc if record else None)
        return self._once(("period", year, period, cluster), load)

    def rubric(self, year: int, cluster: str | None = None) -> Rubric | None:
        """The year's rubric as the cluster applies it (its refinement, where valid)."""
        base = self.rubrics.get(year)
        if base is None or cluster is None:
            return base
        return self._once(("rubric", year, cluster), lambda: self._refined(base, year, cluster))

    def _refined(self, base: Rubric, year: int, cluster_id: str) -> Rubric:
        from site_builder.score.refine import refine

        record, registry = self.cluster_year(year, cluster_id), self.registry(year)
        cluster = registry.cluster(cluster_id) if registry else None
        if record is None or not record.refinement or cluster is None:
            return base
        rubric, problems = refine(base, record, cluster)
        self._problems.extend(problems)
        return rubric

    def validator(self, rubric: Rubric) -> GatedValidator:
        from site_builder.validate.schema_gen import submission_schema

        return self._once(("validator", rubric.year, rubric.cluster), lambda: validator_for(submission_schema(rubric)))

    @cached_property
    def years(self) -> list[int]:
        return sorted(set(self.rubrics.years()) | set(layout.registry_years(self.root)))
