"""JSON-Schema errors as one Vietnamese line each, at the line of the offending key or value."""
from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from site_builder.load.parse_cache import CACHE as PARSED
from site_builder.load.yamlfile import Document
from site_builder.numbers import fmt
from site_builder.problems import Problem
from site_builder.validate.lookalike import odd_character_note, plain_form

if TYPE_CHECKING:  # jsonschema is imported only when a file has errors (a tenth of a second per command)
    from jsonschema.exceptions import ValidationError



class Vocabulary:
    """How a kind of file names its places; submissions name criteria and maxima."""

    def prefix(self, at: tuple) -> str:
        return ""

    def missing(self, at: tuple, key: str) -> str:
        return f"'{key}'"

    def unknown(self, at: tuple, key: str) -> str:
        return f"khóa '{key}' không có trong mẫu."

    def suggests(self, at: tuple, key: str) -> bool:
        """Whether a near key is worth offering after `unknown`'s words."""
        return True


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
NUMBER_TEXT = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


def to_json(value):
    """The loaded data as JSON types, for the validator (scores stay Decimal elsewhere)."""
    if isinstance(value, dict):
        # Text, whole numbers, true/false and nothing pass as they are, without a call each: most values are.
        return {k: v if type(v) in _AS_IS else to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _AS_IS else to_json(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


_AS_IS = frozenset((str, int, bool, float, type(None)))


def schema_problems(doc: Document, validator, words: Vocabulary | None = None) -> list[Problem]:
    fingerprint = getattr(validator, "fingerprint", None)
    if fingerprint and PARSED.known_valid(doc, fingerprint):
        return []
    errors = sorted(validator.iter_errors(to_json(doc.data)), key=lambda e: list(map(str, e.absolute_path)))
    if not errors and fingerprint:
        PARSED.mark_valid(doc, fingerprint)
    return _explained(doc, errors, words or Vocabulary())


def _explained(doc: Document, errors: list, words: Vocabulary) -> list[Problem]:
    found: list[Problem] = []
    for error in errors:
        if error.context:
            conflict = _conflict(doc, error, words)
            if conflict:
                found.append(conflict)
                continue
            error = _best(error)
        found.extend(_problems(doc, error, words))
    return _said_once(found)


def _said_once(found: list[Problem]) -> list[Problem]:
    """An empty text fails its length and its pattern: "không được để trống" says it all."""
    empty = {(p.line, p.col) for p in found if p.code == "schema.minLength"}
    return [p for p in found if not (p.code == "schema.pattern" and (p.line, p.col) in empty)]


def _best(error: ValidationError) -> ValidationError:
    """The branch error that speaks to what was written.

    A branch that wants another kind of value says little ("needs a group"
    for a link written as text): prefer the branches of the right kind.
    """
    here = list(error.absolute_path)
    fitting = [e for e in error.context if e.validator != "type" or list(e.absolute_path) != here]
    from jsonschema.exceptions import best_match

    return best_match(fitting or error.context)


def _conflict(doc: Document, error: ValidationError, words: Vocabulary) -> Problem | None:
    """Keys that exclude each other ('rule' and 'children'), named, instead of "not"."""
    branches = error.context
    if not all(e.validator == "not" and isinstance(e.validator_value, dict) and set(e.validator_value) == {"required"} for e in branches):
        return None
    keys = sorted({k for e in branches for k in e.validator_value["required"]})
    at = tuple(error.absolute_path)
    who = f"'{error.instance['id']}' " if isinstance(error.instance, dict) and "id" in error.instance else ""
    line, col = doc.where(at)
    listed = " và ".join(f"'{k}'" for k in keys)
    return Problem(doc.path, line, col, f"{words.prefix(at)}{who}có cùng lúc {listed}: chỉ được dùng một trong số đó.", code=f"schema.{error.validator}")


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
    # At the key that holds the group ("criteria:", "1.3":), not at its first member.
    line, col = doc.where(at, key=True)
    return Problem(doc.path, line, col, words.prefix(at) + "thiếu " + ", ".join(names) + ".", code="schema.required")


def _extras(error: ValidationError) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [k for k in error.instance if k not in allowed]


def _extra_key(doc, at, key, error, words) -> Problem:
    line, col = doc.where(at + (key,), key=True)
    # A mistyped key most likely stands for one that is missing: "1.7.l" for
    # a missing "1.7.1" rather than for "1.7.2", written a few lines below.
    allowed = list(error.schema.get("properties", {}))
    missing = [k for k in error.schema.get("required", []) if k not in error.instance]
    absent = [k for k in allowed if k not in error.instance]
    # A key that only looks right ('１.１', '1.1' + zero-width space) is matched as it looks.
    seen = plain_form(str(key))
    near = ([seen] if seen in missing or seen in absent else []) or difflib.get_close_matches(str(key), missing, n=1, cutoff=0.5) or difflib.get_close_matches(str(key), absent, n=1, cutoff=0.5)
    hint = f" Có phải ý bạn là '{near[0]}'?" if near and words.suggests(at, key) else ""
    message = f"{words.prefix(at)}{words.unknown(at, key)}{hint}{odd_character_note(key)}"
    return Problem(doc.path, line, col, message, code="schema.additionalProperties")


def message_for(error: ValidationError) -> str:
    keyword, value, limit = error.validator, error.instance, error.validator_value
    if keyword == "pattern" and error.schema.get("description"):
        return f"'{show(value)}' không đúng dạng: {error.schema['description']}{odd_character_note(value)}"
    if keyword == "pattern":
        return f"'{show(value)}' không đúng dạng cho phép.{odd_character_note(value)}"
    handler = _MESSAGES.get(keyword)
    return handler(value, limit) if handler else f"không hợp lệ ({error.message})."


SHOWN = 60  # characters of a value quoted back in a message: a pasted page is not repeated whole


def show(value) -> str:
    """A value as it is written in YAML: true, not Python's True; [a, b], not ['a', 'b']."""
    text = _yaml_text(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _yaml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(map(_yaml_text, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def _const(value, wanted) -> str:
    if isinstance(value, str) and value.strip() == show(wanted) and not isinstance(wanted, str):
        return f"phải là số {show(wanted)}, không phải chữ '{value}': bỏ dấu ngoặc kép."
    return f"phải là {show(wanted)}, không phải {show(value)}."


def _type(value, expected) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    wanted = " hoặc ".join(KIND.get(k, k) for k in kinds)
    if value is None:
        return f"chưa nhập giá trị (cần {wanted})."
    if isinstance(value, str) and DECIMAL_COMMA.match(value) and {"number", "integer"} & set(kinds):
        return f"'{value}' dùng dấu phẩy thập phân: hãy viết {value.strip().replace(',', '.')} (dấu chấm)."
    if isinstance(value, str) and NUMBER_TEXT.match(value) and {"number", "integer"} & set(kinds):
        return f"cần {wanted}, không phải chữ '{value}': bỏ dấu ngoặc kép."
    if isinstance(value, str) and value.strip().lower() in ("true", "false") and "boolean" in kinds:
        return f"cần {wanted}, không phải chữ '{value}': bỏ dấu ngoặc kép."
    return f"cần {wanted}, không phải '{show(value)}'."


def _enum(value, options) -> str:
    listed = ", ".join(map(show, options))
    if value is None:
        return f"chưa nhập giá trị; chọn một trong: {listed}."
    return f"'{show(value)}' không hợp lệ; chọn một trong: {listed}."


_MESSAGES = {
    "type": _type,
    "maximum": lambda v, m: f"{fmt(v)} vượt quá mức tối đa {fmt(m)}.",
    "minimum": lambda v, m: f"{fmt(v)} nhỏ hơn mức tối thiểu {fmt(m)}.",
    "exclusiveMinimum": lambda v, m: f"{fmt(v)} phải lớn hơn {fmt(m)}.",
    "multipleOf": lambda v, m: f"{fmt(v)} không phải bội số của {fmt(m)} (điểm chấm theo bước {fmt(m)}).",
    "enum": _enum,
    "const": _const,
    "minLength": lambda v, n: "không được để trống.",
    "maxLength": lambda v, n: f"dài quá {n} ký tự.",
    "minItems": lambda v, n: f"cần ít nhất {n} mục.",
    "maxItems": lambda v, n: f"nhiều nhất {n} mục.",
    "not": lambda v, s: "có khóa không được dùng cùng nhau.",
    "oneOf": lambda v, s: "không khớp với đúng một dạng cho phép.",
    "anyOf": lambda v, s: "không khớp với dạng nào cho phép.",
}
