"""A year's rubric file as a tree of criteria, checked against the rubric meta-schema."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from site_builder import layout
from site_builder.load.yamlfile import Document, load_file
from site_builder.numbers import D
from site_builder.problems import InputError, Problem, has_errors
from site_builder.validate.fast_schema import GatedValidator, validator_for


@dataclass
class Criterion:
    id: str
    title: str
    max: Decimal
    rule: dict | None = None
    children: list["Criterion"] = field(default_factory=list)
    parent: "Criterion | None" = field(default=None, repr=False)
    line: int = 1
    extra: dict = field(default_factory=dict)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def is_section(self) -> bool:
        return self.parent is None

    @property
    def section_id(self) -> str:
        return self.id.split(".")[0]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Rubric:
    year: int
    title: str
    announced_total: Decimal
    step: Decimal
    sections: list[Criterion]
    path: str
    by_id: dict[str, Criterion] = field(default_factory=dict)
    data: dict = field(default_factory=dict, repr=False)
    cluster: str | None = None  # set on a cluster's refinement of the base rubric

    def __post_init__(self):
        self.by_id = {c.id: c for s in self.sections for c in s.walk()}

    @property
    def criteria(self) -> list[Criterion]:
        """Every criterion below the sections, in document order."""
        return [c for c in self.by_id.values() if not c.is_section]

    @property
    def leaves(self) -> list[Criterion]:
        return [c for c in self.criteria if c.is_leaf]

    @property
    def max_total(self) -> Decimal:
        return sum((s.max for s in self.sections), Decimal(0))


@cache
def meta_validator() -> GatedValidator:
    # Every run loads every year's rubric: 90 ms each through jsonschema alone.
    schema = json.loads(layout.RUBRIC_META_SCHEMA.read_text(encoding="utf-8"))
    return validator_for(schema)


def load_rubric(path: str | Path, display: str | None = None) -> tuple[Rubric | None, Document]:
    """The rubric and its document; the rubric is None when the file is broken."""
    from site_builder.validate.rubric_check import check_rubric_document

    doc = load_file(path, display)
    if has_errors(doc.problems):
        return None, doc
    check_rubric_document(doc)
    if any(p.is_error for p in doc.problems):
        return None, doc
    return _build(doc), doc


def _build(doc: Document) -> Rubric:
    return rubric_from_data(doc.data, doc.path, lambda at: doc.where(at)[0])


def rubric_from_data(data: dict, path: str, line_of=lambda at: 1, cluster: str | None = None) -> Rubric:
    sections = [_node(line_of, s, ("sections", i), None) for i, s in enumerate(data["sections"])]
    return Rubric(int(data["year"]), data["title"], D(data["announced_total"]),
                  D(data.get("step", "0.25")), sections, path, data=data, cluster=cluster)


def _node(line_of, data: dict, at: tuple, parent) -> Criterion:
    node = Criterion(data["id"], data["title"], D(data["max"]), data.get("rule"), parent=parent,
                     line=line_of(at), extra={k: data[k] for k in ("declared_rule", "level_totals", "refinable") if k in data})
    node.children = [_node(line_of, c, at + ("children", i), node) for i, c in enumerate(data.get("children", []))]
    return node


def rubric_for_year(root: Path, year: int) -> Rubric:
    path = layout.rubric_path(root, year)
    if not path.exists():
        raise InputError([Problem(layout.rel(root, path), 1, 1, f"Chưa có bộ tiêu chí cho năm {year} ({layout.rel(root, path)}).", code="rubric.missing")])
    rubric, doc = load_rubric(path, layout.rel(root, path))
    if rubric is None:
        raise InputError(doc.problems)
    return rubric
