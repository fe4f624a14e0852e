"""JSON-Schema errors as one Vietnamese line each, at the line of the offending key or value."""
from __future__ import annotations

import difflib
import re
from decimal import Decimal

from jsonschema.exceptions import ValidationError, best_match

from site_builder.load.yamlfile import Document
from site_builder.numbers import fmt
from site_builder.problems import Problem



class Vocabulary:
    """How a kind of file names its places; submissions name criteria and maxima."""

    def prefix(self, at: tuple) -> str:
        return ""

    def missing(self, at: tuple, key: str) -> str:
        return f"'{key}'"

    def unknown(self, at: tuple, key: str) -> str:
        return f"khóa '{key}' không có trong mẫu."


class Prefixed(Vocabulary):
    def __init__(self, text: str):
        self.text = text

    def prefix(self, at: tuple) -> str:
        return self.text

KIND = {
    "string": "một chuỗi chữ", "integer": "một số nguyên", "number": "một số",
    "boolean": "true hoặc false", "object": "một nhóm 'khóa: giá trị'",
    "array": "một danh sách", "null": "để trống",
}
DECIMAL_COMMA = re.compile(r"^\s*-?\d+,\d+\s*$")


def to_json(value):
    """The loaded data as JSON types, for the validator (scores stay Decimal elsewhere)."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def schema_problems(doc: Document, validator, words: Vocabulary | None = None) -> list[Problem]:
    words = words or Vocabulary()
    found: list[Problem] = []
    for error in sorted(validator.iter_errors(to_json(doc.data)), key=lambda e: list(map(str, e.absolute_path))):
        if error.context:
            error = best_match(error.context)
        found.extend(_problems(doc, error, words))
    return found


def _problems(doc: Document, error: ValidationError, words: Vocabulary) -> list[Problem]:
    at = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        return [_extra_key(doc, at, key, error, words) for key in _extras(error)]
    if error.validator == "required":
        return [_missing(doc, at, error, words)]
    line, col = doc.where(at)
    return [Problem(doc.path, line, col, words.prefix(at) + message_for(error), code=f"schema.{error.validator}")]


def _missing(doc, at, error, words) -> Problem:
    names = [words.missing(at, n) for n in error.validator_value if n not in error.instance]
    line, col = doc.where(at)
    return Problem(doc.path, line, col, words.prefix(at) + "thiếu " + ", ".join(names) + ".", code="schema.required")


def _extras(error: ValidationError) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [k for k in error.instance if k not in allowed]


def _extra_key(doc, at, key, error, words) -> Problem:
    line, col = doc.where(at + (key,), key=True)
    choices = list(error.schema.get("properties", {}))
    near = difflib.get_close_matches(str(key), choices, n=1, cutoff=0.5)
    hint = f" Có phải ý bạn là '{near[0]}'?" if near else ""
    message = f"{words.prefix(at)}{words.unknown(at, key)}{hint}"
    return Problem(doc.path, line, col, message, code="schema.additionalProperties")


def message_for(error: ValidationError) -> str:
    keyword, value, limit = error.validator, error.instance, error.validator_value
    handler = _MESSAGES.get(keyword)
    return handler(value, limit) if handler else f"không hợp lệ ({error.message})."


def _type(value, expected) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    wanted = " hoặc ".join(KIND.get(k, k) for k in kinds)
    if value is None:
        return f"chưa nhập giá trị (cần {wanted})."
    if isinstance(value, str) and DECIMAL_COMMA.match(value) and {"number", "integer"} & set(kinds):
        return f"'{value}' dùng dấu phẩy thập phân: hãy viết {value.strip().replace(',', '.')} (dấu chấm)."
    return f"cần {wanted}, không phải '{value}'."


_MESSAGES = {
    "type": _type,
    "maximum": lambda v, m: f"{fmt(v)} vượt quá mức tối đa {fmt(m)}.",
    "minimum": lambda v, m: f"{fmt(v)} nhỏ hơn mức tối thiểu {fmt(m)}.",
    "exclusiveMinimum": lambda v, m: f"{fmt(v)} phải lớn hơn {fmt(m)}.",
    "multipleOf": lambda v, m: f"{fmt(v)} không phải bội số của {fmt(m)} (điểm chấm theo bước {fmt(m)}).",
    "enum": lambda v, opts: f"'{v}' không hợp lệ; chọn một trong: " + ", ".join(map(str, opts)) + ".",
    "const": lambda v, c: f"phải là {c}, không phải {v}.",
    "pattern": lambda v, p: f"'{v}' không đúng dạng cho phép.",
    "minLength": lambda v, n: "không được để trống.",
    "maxLength": lambda v, n: f"dài quá {n} ký tự.",
    "minItems": lambda v, n: f"cần ít nhất {n} mục.",
    "maxItems": lambda v, n: f"nhiều nhất {n} mục.",
    "not": lambda v, s: "có khóa không được dùng cùng nhau.",
    "oneOf": lambda v, s: "không khớp với đúng một dạng cho phép.",
    "anyOf": lambda v, s: "không khớp với dạng nào cho phép.",
}
