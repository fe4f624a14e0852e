"""The submission JSON Schema of a year, generated from its rubric.

It is committed under rubric/schema/ so that check-jsonschema and editors
(yaml-language-server) use exactly what `validate` uses; CI regenerates it
and fails when the committed copy is stale.
"""
from __future__ import annotations

import json
from decimal import Decimal

from site_builder.layout import PERIODS, SLUG
from site_builder.load.rubric import Criterion, Rubric
from site_builder.score.words import rule_words

LINK = {
    "type": "string",
    "minLength": 1,
    "description": "đường dẫn https://…, mailto:… hoặc tệp trong kho (không dùng javascript:, file:, …).",
    # http(s), mailto or a path inside the repository: no other scheme.
    "pattern": "^(https?://|mailto:|(?![A-Za-z][A-Za-z0-9+.-]*:))\\S",
}


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def submission_schema(rubric: Rubric) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"submission-{rubric.year}.schema.json",
        "title": f"Bản tự chấm điểm thi đua năm {rubric.year}",
        "type": "object",
        "required": ["unit", "year", "period", "cluster", "criteria"],
        "additionalProperties": False,
        "properties": {
            "unit": {"type": "string", "pattern": f"^{SLUG}$", "description": "Mã đơn vị (chữ thường không dấu, nối bằng '-'), trùng tên tệp."},
            "year": {"const": rubric.year, "description": "Năm thi đua."},
            "period": {"enum": list(PERIODS), "description": "Kỳ: h1 = sơ kết 6 tháng, year = tổng kết năm."},
            "cluster": {"type": "string", "pattern": f"^{SLUG}$", "description": "Mã Cụm thi đua, trùng tên thư mục."},
            "criteria": _criteria(rubric),
        },
        "$defs": {"evidence": {
            "type": "array",
            "description": "Minh chứng: đường dẫn http(s) hoặc tệp trong kho.",
            "items": {"anyOf": [LINK, {
                "type": "object", "required": ["url"], "additionalProperties": False,
                "properties": {"url": LINK, "title": {"type": "string"}},
            }]},
        }},
    }


def _criteria(rubric: Rubric) -> dict:
    return {
        "type": "object",
        "description": "Các tiêu chí, theo mã của bộ tiêu chí.",
        "required": [c.id for c in rubric.leaves],
        "additionalProperties": False,
        "properties": {c.id: _entry(c, rubric.step) for c in rubric.criteria},
    }


def _entry(c: Criterion, step: Decimal) -> dict:
    properties = dict(inputs(c, step)) if c.is_leaf else {}
    properties.update({
        "self_score": {"type": ["number", "null"], "minimum": 0, "maximum": _number(c.max), "multipleOf": _number(step),
                       "description": "Điểm tự chấm (không bắt buộc; nếu ghi phải khớp điểm tính lại)."},
        "result": {"type": "string", "description": "Kết quả thực hiện."},
        "evidence": {"$ref": "#/$defs/evidence"},
    })
    entry = {"type": "object", "title": f"{c.id}. {c.title}", "description": f"Tối đa {_number(c.max)}: {rule_words(c)}.",
             "additionalProperties": False, "properties": properties}
    entry.update(_required(c))
    return entry


def _required(c: Criterion) -> dict:
    if not c.is_leaf:
        return {"required": []}
    needed = [k for k, _ in inputs(c, Decimal(1)) if k != "not_applicable"]
    if "not_applicable" in c.rule:
        # Either the inputs, or "not applicable" (which gives full marks).
        # not_applicable: false is no answer at all: the inputs are then required.
        return {"anyOf": [{"required": needed}, {"required": ["not_applicable"], "properties": {"not_applicable": {"const": True}}}]}
    return {"required": needed}


def inputs(c: Criterion, step: Decimal):
    rule, kind = c.rule, c.rule["type"]
    count = {"type": "integer", "minimum": 0}
    if kind == "assessed":
        yield "score", {"type": "number", "minimum": 0, "maximum": _number(c.max), "multipleOf": _number(step), "description": f"Điểm chấm, 0 đến {_number(c.max)}."}
    elif kind == "done":
        yield "done", {"type": "boolean", "description": "true = đã thực hiện, false = chưa thực hiện."}
    elif kind == "levels":
        options = [lv["key"] for lv in rule["levels"]] + ([rule["below"]["key"]] if "below" in rule else [])
        yield "level", {"enum": options, "description": rule_words(c)}
    elif kind == "per_item":
        for item in rule["items"]:
            yield item["key"], dict(count, description=f"Số {item['label']}.")
    elif kind == "deduction":
        yield rule["item"]["key"], dict(count, description=f"Số {rule['item']['label']}.")
    elif kind == "tiers":
        yield rule["input"]["key"], {"type": "number", "minimum": 0, "maximum": 100, "description": rule["input"]["label"]}
    if "not_applicable" in rule:
        yield "not_applicable", {"type": "boolean", "description": f"true nếu {rule['not_applicable']['label']}."}


def schema_text(rubric: Rubric) -> str:
    return json.dumps(submission_schema(rubric), ensure_ascii=False, indent=2) + "\n"
