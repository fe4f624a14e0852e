"""Every year's rubric of a repository, each loaded once."""
from __future__ import annotations

from pathlib import Path

from site_builder import layout
from site_builder.load.rubric import Rubric, load_rubric
from site_builder.problems import Problem
from site_builder.validate.fast_schema import GatedValidator, validator_for


class RubricBook:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._rubrics: dict[int, Rubric | None] = {}
        self._validators: dict[int, GatedValidator] = {}
        self.problems: list[Problem] = []

    def years(self) -> list[int]:
        return layout.rubric_years(self.root)

    def get(self, year: int) -> Rubric | None:
        if year not in self._rubrics:
            self._rubrics[year] = self._load(year)
        return self._rubrics[year]

    def _load(self, year: int) -> Rubric | None:
        path = layout.rubric_path(self.root, year)
        if not path.exists():
            return None
        rubric, doc = load_rubric(path, layout.rel(self.root, path))
        self.problems.extend(doc.problems)
        if rubric is not None and rubric.year != year:
            self.problems.append(Problem(doc.path, doc.where(("year",))[0], 1, f"Bộ tiêu chí ghi năm {rubric.year} nhưng tệp tên là {year}.yaml.", code="rubric.year"))
        return rubric

    def validator(self, year: int) -> GatedValidator:
        from site_builder.validate.schema_gen import submission_schema

        if year not in self._validators:
            self._validators[year] = validator_for(submission_schema(self.get(year)))
        return self._validators[year]
