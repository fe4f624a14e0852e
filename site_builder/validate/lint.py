"""Rubric lint: the document's own contradictions, found from the numbers in the data.

Nothing here knows which criteria are wrong in the 2025 text; every warning
comes from adding up what the rubric file says.
"""
from __future__ import annotations

from decimal import Decimal

from site_builder.load.rubric import Criterion, Rubric
from site_builder.numbers import ZERO, fmt
from site_builder.problems import WARNING, Problem
from site_builder.score.rules import highest

KIND_WORDS = {"assessed": "chấm theo mức độ", "levels": "theo mức xếp loại", "per_item": "tính điểm theo số lượng",
              "deduction": "trừ điểm theo số lượng", "tiers": "theo bậc tỷ lệ", "done": "đã/chưa thực hiện"}


def _sum_text(values: list[Decimal]) -> str:
    return " + ".join(fmt(v) for v in values) + f" = {fmt(sum(values, ZERO))}"


def lint(rubric: Rubric) -> list[Problem]:
    found = _announced(rubric)
    for node in rubric.by_id.values():
        found += _children(rubric, node) + _reachable(rubric, node)
    for section in rubric.sections:
        found += _declared_rule(rubric, section) + _level_totals(rubric, section)
    return found


def _warn(rubric: Rubric, node_line: int, message: str, code: str) -> Problem:
    return Problem(rubric.path, node_line, 1, message, WARNING, code)


def _announced(rubric: Rubric) -> list[Problem]:
    maxima = [s.max for s in rubric.sections]
    if rubric.announced_total == sum(maxima, ZERO):
        return []
    return [_warn(rubric, 1, f"Văn bản công bố tổng {fmt(rubric.announced_total)} điểm, nhưng các mục cộng lại {_sum_text(maxima)}.", "lint.announced-total")]


def _children(rubric: Rubric, node: Criterion) -> list[Problem]:
    if node.is_leaf:
        return []
    maxima = [c.max for c in node.children]
    added = sum(maxima, ZERO)
    name = _name(node)
    if added > node.max:
        return [_warn(rubric, node.line, f"{name}: các tiêu chí con cộng lại {_sum_text(maxima)}, vượt điểm tối đa {fmt(node.max)} (điểm được chặn ở {fmt(node.max)}).", "lint.children-over")]
    if added < node.max:
        return [_warn(rubric, node.line, f"{name}: các tiêu chí con cộng lại {_sum_text(maxima)}, không đạt được điểm tối đa {fmt(node.max)}.", "lint.children-under")]
    return []


def _reachable(rubric: Rubric, node: Criterion) -> list[Problem]:
    if not node.is_leaf:
        return []
    best = highest(node)
    if best < node.max:
        return [_warn(rubric, node.line, f"{node.id}: mức cao nhất của quy tắc là {fmt(best)} < điểm tối đa {fmt(node.max)}: không đơn vị nào đạt đủ {fmt(node.max)}.", "lint.unreachable-max")]
    if best > node.max:
        return [_warn(rubric, node.line, f"{node.id}: mức cao nhất của quy tắc là {fmt(best)} > điểm tối đa {fmt(node.max)} (điểm được chặn ở {fmt(node.max)}).", "lint.over-max")]
    return []


def _declared_rule(rubric: Rubric, section: Criterion) -> list[Problem]:
    declared = section.extra.get("declared_rule")
    if not declared:
        return []
    others = [c for c in section.walk() if c.is_leaf and c.rule["type"] != declared]
    if not others:
        return []
    listed = ", ".join(f"{c.id} ({KIND_WORDS[c.rule['type']]})" for c in others)
    return [_warn(rubric, section.line, f"Mục {section.id}: tiêu đề bảng chỉ có 'Đã thực hiện / Chưa thực hiện', nhưng {len(others)} tiêu chí chấm cách khác: {listed}.", "lint.declared-rule")]


def _level_totals(rubric: Rubric, section: Criterion) -> list[Problem]:
    found = []
    for key, announced in section.extra.get("level_totals", {}).items():
        points = [lv["points"] for c in section.walk() if c.is_leaf and c.rule["type"] == "levels"
                  for lv in c.rule["levels"] if lv["key"] == key]
        if sum(points, ZERO) != announced:
            found.append(_warn(rubric, section.line, f"Mục {section.id}: dòng tổng ghi {fmt(announced)} cho mức '{key}', nhưng các tiêu chí cộng lại {_sum_text(points)}.", "lint.level-total"))
    return found


def _name(node: Criterion) -> str:
    return f"Mục {node.id}" if node.is_section else node.id
