"""A rubric file that breaks the rules of rubrics fails here, with its line."""
from __future__ import annotations

from site_builder.load.yamlfile import Document
from site_builder.validate.schema_errors import Prefixed, schema_problems

RESERVED = {"self_score", "result", "evidence", "level", "done", "score", "not_applicable"}


def check_rubric_document(doc: Document) -> None:
    from site_builder.load.rubric import meta_validator

    found = schema_problems(doc, meta_validator(), Prefixed("Bộ tiêu chí: "))
    doc.problems.extend(found)
    if found:
        return
    for at, node, expected in numbered(doc.data):
        if node["id"] != expected:
            doc.problem(at + ("id",), f"Bộ tiêu chí: mã '{node['id']}' không đúng thứ tự của văn bản; ở vị trí này phải là '{expected}'.", code="rubric.numbering")
        if node.get("rule"):
            _check_rule(doc, node["rule"], at + ("rule",), node["id"])


def numbered(data: dict):
    """Every node with its place in the data and the id its position gives it."""
    stack = [(("sections", i), s, str(i + 1)) for i, s in enumerate(data["sections"])]
    while stack:
        at, node, expected = stack.pop(0)
        yield at, node, expected
        stack[:0] = [(at + ("children", i), c, f"{expected}.{i + 1}") for i, c in enumerate(node.get("children", []))]


def _check_rule(doc: Document, rule: dict, at: tuple, cid: str) -> None:
    keys = _input_keys(rule)
    for key in sorted({k for k in keys if keys.count(k) > 1} | (set(keys) & RESERVED)):
        doc.problem(at, f"Bộ tiêu chí: tiêu chí {cid} dùng khóa '{key}' trùng lặp hoặc trùng tên dành riêng.", code="rubric.key")
    starts = [t["from"] for t in rule.get("tiers", [])]
    if starts and (starts[0] != 0 or starts != sorted(set(starts))):
        doc.problem(at + ("tiers",), f"Bộ tiêu chí: các bậc của tiêu chí {cid} phải bắt đầu từ 0 và tăng dần.", code="rubric.tiers")


def _input_keys(rule: dict) -> list[str]:
    if rule["type"] == "levels":
        return [lv["key"] for lv in rule["levels"]] + ([rule["below"]["key"]] if "below" in rule else [])
    if rule["type"] == "per_item":
        return [item["key"] for item in rule["items"]]
    if rule["type"] in ("deduction", "tiers"):
        return [(rule.get("item") or rule.get("input"))["key"]]
    return []
