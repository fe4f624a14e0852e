"""A rule said in Vietnamese words, for the template, the messages and the method page."""
from __future__ import annotations

from site_builder.load.rubric import Criterion
from site_builder.numbers import fmt


def rule_words(c: Criterion) -> str:
    if c.children:
        return f"tổng điểm các tiêu chí con, tối đa {fmt(c.max)}"
    rule = c.rule
    text = _WORDS[rule["type"]](rule, c)
    if "not_applicable" in rule:
        text += f"; {rule['not_applicable']['label']}: được tối đa {fmt(c.max)}"
    return text


def _levels(rule, c):
    parts = [f"{lv['label']} {fmt(lv['points'])}" for lv in rule["levels"]]
    below = rule.get("below", {}).get("label", "dưới mức thấp nhất")
    return "theo mức: " + "; ".join(parts) + f"; {below}: 0"


def _per_item(rule, c):
    parts = [f"{fmt(i['points'])} điểm mỗi {i['label']}" for i in rule["items"]]
    return " + ".join(parts) + f", tối đa {fmt(rule.get('cap', c.max))}"


def _deduction(rule, c):
    text = f"{fmt(c.max)} trừ {fmt(rule['per'])} điểm mỗi {rule['item']['label']}"
    if "max_deduction" in rule:
        text += f", tổng điểm trừ không quá {fmt(rule['max_deduction'])}"
    return text + ", thấp nhất 0"


def _tiers(rule, c):
    tiers = rule["tiers"]
    parts = []
    for i, tier in enumerate(tiers):
        upper = f" đến dưới {fmt(tiers[i + 1]['from'])}%" if i + 1 < len(tiers) else " trở lên"
        parts.append(f"từ {fmt(tier['from'])}%{upper}: {fmt(tier['points'])}")
    return f"theo {rule['input']['label']}: " + "; ".join(parts)


_WORDS = {
    "assessed": lambda r, c: f"chấm từ 0 đến {fmt(c.max)}",
    "done": lambda r, c: f"đã thực hiện {fmt(c.max)}, chưa thực hiện 0",
    "levels": _levels, "per_item": _per_item, "deduction": _deduction, "tiers": _tiers,
}
