"""A cluster's refinement of the base rubric (section IV.2 of the guidance).

A cluster may split or add criteria in the sections the rubric marks
`refinable` (1 and 2), never past a section's points, and only when every
member unit is recorded as agreeing. Anything else is rejected, naming the
section, the total or the missing member.
"""
from __future__ import annotations

import copy
import json
from functools import cache

from site_builder import layout
from site_builder.load.cluster_records import ClusterYear
from site_builder.load.registry import Cluster
from site_builder.load.rubric import Rubric, rubric_from_data
from site_builder.numbers import D, ZERO, fmt
from site_builder.problems import Problem
from site_builder.validate.fast_schema import GatedValidator, validator_for
from site_builder.validate.rubric_check import numbered
from site_builder.validate.schema_errors import message_for


@cache
def _criterion_validator() -> GatedValidator:
    """jsonschema-rs says yes for a valid criterion; jsonschema, imported only then, says why not."""
    meta = json.loads(layout.RUBRIC_META_SCHEMA.read_text(encoding="utf-8"))
    return validator_for({"$defs": meta["$defs"], "$ref": "#/$defs/criterion"})


def refine(base: Rubric, record: ClusterYear, cluster: Cluster) -> tuple[Rubric, list[Problem]]:
    """The cluster's rubric and the problems of its refinement (the base rubric on any error)."""
    spec, doc = record.refinement, record.doc
    problems = _agreement(doc, spec, cluster)
    data = copy.deepcopy(base.data)
    for i, change in enumerate(spec["criteria"]):
        problems += _apply(data, change, lambda message, i=i: _at(doc, ("refinement", "criteria", i), message))
    if not problems:
        problems += _numbering(data, doc) + _section_totals(data, doc)
    if problems:
        return base, problems
    return rubric_from_data(data, doc.path, cluster=cluster.id), []


def _at(doc, at: tuple, message: str) -> Problem:
    line, col = doc.where(at)
    return Problem(doc.path, line, col, "Cụ thể hóa tiêu chí: " + message, code="refinement")


def _agreement(doc, spec: dict, cluster: Cluster) -> list[Problem]:
    missing = [u for u in cluster.member_ids if u not in spec["agreed_by"]]
    if not missing:
        return []
    return [_at(doc, ("refinement", "agreed_by"), f"cần 100% thành viên thống nhất; còn thiếu: {', '.join(missing)}.")]


def _apply(data: dict, change: dict, fail) -> list[Problem]:
    section = next((s for s in data["sections"] if s["id"] == change["id"].split(".")[0]), None)
    if section is None or not section.get("refinable"):
        return [fail(f"mục {change['id'].split('.')[0]} không được cụ thể hóa (chỉ các mục được phép: "
                     + ", ".join(s["id"] for s in data["sections"] if s.get("refinable")) + ").")]
    parent_id, _, _ = change["id"].rpartition(".")
    parent = _find(data, parent_id)
    if parent is None:
        return [fail(f"không có tiêu chí cha '{parent_id}' cho '{change['id']}'.")]
    siblings = parent.setdefault("children", [])
    existing = next((c for c in siblings if c["id"] == change["id"]), None)
    node = _merge(existing, change)
    errors = [fail(f"{change['id']}: {message_for(e)}") for e in _criterion_validator().iter_errors(json.loads(json.dumps(node, default=float)))]
    if existing is None:
        expected = f"{parent_id}.{len(siblings) + 1}"
        if change["id"] != expected:
            errors.append(fail(f"tiêu chí mới phải mang mã tiếp theo '{expected}', không phải '{change['id']}'."))
        siblings.append(node)
    else:
        siblings[siblings.index(existing)] = node
    return errors


def _merge(existing: dict | None, change: dict) -> dict:
    node = copy.deepcopy(existing) if existing else {}
    for key in ("id", "title", "max", "rule"):
        if key in change:
            node[key] = change[key]
    if "children" in change:
        node.pop("rule", None)
        node["children"] = [_merge(None, c) for c in change["children"]]
    return node


def _find(data: dict, cid: str) -> dict | None:
    stack = list(data["sections"])
    while stack:
        node = stack.pop()
        if node["id"] == cid:
            return node
        stack.extend(node.get("children", []))
    return None


def _numbering(data: dict, doc) -> list[Problem]:
    return [_at(doc, ("refinement", "criteria"), f"mã '{node['id']}' sai thứ tự; ở vị trí này phải là '{expected}'.")
            for _, node, expected in numbered(data) if node["id"] != expected]


def _section_totals(data: dict, doc) -> list[Problem]:
    found = []
    for section in data["sections"]:
        added = sum((D(c["max"]) for c in section["children"]), ZERO)
        if added > D(section["max"]):
            found.append(_at(doc, ("refinement", "criteria"), f"mục {section['id']} sau khi cụ thể hóa có tổng {fmt(added)} điểm, vượt {fmt(section['max'])} điểm của mục."))
    return found
