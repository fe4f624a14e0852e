"""What a hostile or broken YAML file can hold that plain data never needs, found before it costs anything.

Each check answers with a Vietnamese message (or None): the loader records it
at the place of the offending value and does not build that value.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

import yaml

# Deeper than this, a file is refused: no data of ours nests so, and Python's recursion would not survive 10,000 levels.
MAX_DEPTH = 32
# The words YAML 1.1 and 1.2 both read as true and false (1.1 adds yes/no/on/off, which 1.2 reads as text).
TRUE_WORDS = frozenset(("true", "True", "TRUE"))
FALSE_WORDS = frozenset(("false", "False", "FALSE"))
# Tags the resolver gives plain values by itself; anything else was written by
# hand (!!python/object, !!binary, !!set, !custom) and means nothing in our data.
STANDARD_TAGS = {f"tag:yaml.org,2002:{name}" for name in
             ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")}
# Beyond 15 significant digits a float (what the JSON Schema validator gets)
# and the exact Decimal of the scores stop agreeing; no score, count or year
# needs that many, and a 5000-digit number would stop Python's int() outright.
MAX_DIGITS = 15
# Characters that reorder what a reader sees (the "Trojan Source" trick):
# a published result could read differently from what reviewers approved.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_OPENERS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
            yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_PLAIN_TAGS: dict[str, str] = {}  # plain text -> its tag
_RESOLVER = yaml.resolver.Resolver()


def plain_tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain (unquoted) scalar, found once per distinct short text.

    A file repeats the same keys and small numbers hundreds of times, and the resolver runs its regular
    expressions on every one; long texts do not repeat, and would only fill memory."""
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if len(value) <= 64 and len(_PLAIN_TAGS) < 1 << 16:
            _PLAIN_TAGS[value] = tag
    return tag


def too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Line and column of the first bracket or indentation deeper than `limit`, else None.

    Tokens are counted without building anything: 10,000 nested '[' are found
    at the 33rd instead of after a Python recursion 10,000 frames deep.
    A syntax error stops the count; the parser reports it afterwards.
    """
    try:
        return _deeper_than(_SCANNER, text, limit)
    except yaml.YAMLError as exc:
        # libyaml reads ahead and gives up by itself at 1000 levels, before
        # handing out the 33rd: count again with the pure-Python scanner, which has no cap.
        if _SCANNER is not yaml.SafeLoader and "nesting depth" in str(exc):
            try:
                return _deeper_than(yaml.SafeLoader, text, limit)
            except yaml.YAMLError:
                return None
        return None


def _deeper_than(scanner, text: str, limit: int) -> tuple[int, int] | None:
    depth, loader = 0, scanner(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, _OPENERS):
                depth += 1
                if depth > limit:
                    return token.start_mark.line + 1, token.start_mark.column + 1
            elif isinstance(token, _CLOSERS):
                depth -= 1
    finally:
        loader.dispose()
    return None


def foreign_tag(node) -> str | None:
    """The message for a hand-written YAML tag, else None."""
    if node.tag in STANDARD_TAGS:
        return None
    shown = node.tag.replace("tag:yaml.org,2002:", "!!")
    return (f"Không dùng thẻ YAML '{shown}': dữ liệu chỉ gồm chữ, số, true/false và danh sách; "
            "hãy bỏ thẻ và ghi giá trị thường.")


def number_problem(written: str) -> str | None:
    """The message for a number the validator cannot use (infinite, not a number, too long), else None.

    Called on the text of a scalar YAML resolves as int or float, before it is converted.
    """
    bare = written.lstrip("+-")
    if len(bare) <= MAX_DIGITS and bare.replace(".", "", 1).isdigit():
        return None  # the usual 97.25 or 2025: short plain digits cannot be too long (asked of every number)
    if bare.lower() == ".nan":
        return f"'{written}' có nghĩa là 'không phải số' (NaN) trong YAML: hãy ghi một số."
    if bare.lower() == ".inf":
        return f"'{written}' có nghĩa là vô cực trong YAML: hãy ghi một số."
    try:
        number = Decimal(bare.replace("_", ""))
    except InvalidOperation:
        return None  # 0x1F and the like: not a long decimal number
    if len(number.as_tuple().digits) > MAX_DIGITS or abs(number.adjusted()) > MAX_DIGITS:
        shown = written if len(written) <= 24 else written[:20] + "…"
        return f"Số '{shown}' quá lớn hoặc quá nhiều chữ số (tối đa {MAX_DIGITS} chữ số): hãy kiểm tra lại."
    return None


def bidi_problem(value: str) -> str | None:
    """The message for text holding a character that reorders what readers see, else None."""
    # Asked of every string: ASCII has no bidi controls, and a C search finds one in the rest.
    hit = None if value.isascii() else _BIDI.search(value)
    if hit is None:
        return None
    found = hit.group()
    name = unicodedata.name(found, "")
    return (f"Văn bản có ký tự điều khiển hướng chữ vô hình U+{ord(found):04X} ({name}): "
            "nó làm chữ hiển thị khác với nội dung thật; hãy xóa ký tự này.")
