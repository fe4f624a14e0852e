"""A fast first reading of the common data file: every value exactly as the line-keeping loader reads it, or UNSURE.

The line-keeping loader (yamlfile.py) composes libyaml's nodes and builds
every value in Python: about 3 ms for a scorecard, most of the cost of a
build that reads thousands of file versions. yaml_rs (Rust) reads the same
file in a tenth of that, but it follows YAML 1.2 (PyYAML, hence every file
so far, follows YAML 1.1) and keeps no lines. So it is used only where
neither can matter:

- the text is screened first: nothing where the two readings could differ
  or where the loader has something to say (anchors, tags, folded texts,
  escapes, quotes spanning lines, flow collections over several lines,
  characters libyaml refuses, hidden direction marks, legacy encodings,
  NFD), and every plain value either text to both, or a number, true/false
  or null written the one way both read alike (yes, 010, 1e3, 1_000, 1.50,
  .inf and 16-digit numbers are left to the loader);
- the values are screened again as the loader would (keys are text, the
  nesting depth), and numbers become exact decimals.

Anything else is UNSURE, and the line-keeping loader reads the file as
before. Lines are not lost: the document keeps its text, and the loader
reads it again the first time a line is asked for (to report a problem).
tests/test_yaml_fast.py compares both readings on every example file, the
test fixtures and generated texts.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from site_builder.load import text as textmod
from site_builder.load.yaml_guards import FALSE_WORDS, MAX_DEPTH, TRUE_WORDS, bidi_problem, plain_tag

try:
    import yaml_rs
except ImportError:  # the fast reading is an optimisation: without it, every file takes the loader's way
    yaml_rs = None

UNSURE = object()
# Characters anywhere in the text that send it to the loader (a false alarm only costs the slower reading):
# outside what libyaml's reader accepts (YAML's printable set: it words that error itself), and anchors (&),
# aliases (*), tags (!), folded texts (>), escapes (\\), single quotes, tabs, carriage returns, BOMs, and
# the line breaks of YAML 1.1 only (U+0085, U+2028, U+2029); explicit
# keys, directives and document markers are found by _line.
_REFUSED = re.compile(r"[^\n\x20\x22-\x25\x28\x29\x2b-\x3d\x3f-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                      r"\U00010000-\U0010ffff]")
# Lines nothing can hide in: blank, a comment, `key: "text"`, `key:`, `- "text"` (the key a name or quoted).
_PLAIN_LINE = re.compile(r'[ ]*(?:#[^\n]*)?$'
                         r'|[ ]*(?:-[ ]+)*(?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_]*)[ ]*:(?:[ ]+"[^"\n]*")?(?:[ ]+#[^\n]*)?[ ]*$'
                         r'|[ ]*(?:-[ ]+)+"[^"\n]*"(?:[ ]+#[^\n]*)?[ ]*$')
# One line: list dashes, an optional key (quoted, or plain up to the first ': '), the rest.
_LINE = re.compile(r'[ ]*(?:-[ ]+)*(?:("[^"\n]*"|[^ \n"#\[{][^\n]*?)[ ]*:(?=[ ]|$))?[ ]*([^\n]*)')
_QUOTED = re.compile(r'"[^"\n]*"')
_FLOW_SPLIT = re.compile(r"[\[\]{},]")
_BRACKETS = re.compile(r"[\[\]{}]")
_EMPTY_ENTRY = re.compile(r"[\[{,][ ]*,|,[ ]*[\]}]")  # [ , ], a trailing comma: read differently, or refused
_INDICATORS = frozenset("@`%,:?|[]{}#")  # first in a key or value: reserved, an explicit key (?), a directive (%), …
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]*[1-9]")  # no trailing zero: the Decimal is rebuilt from the float
# What YAML 1.2, or yaml_rs beyond it (1_000), may read as a number: never left to it when 1.1 reads text.
_NUMBER_12 = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9_]+)?|[-+]?0[oxb][0-9a-fA-F_]+"
                        r"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)")
_PREFIX = "tag:yaml.org,2002:"
# Whole lines repeat in every file: each is judged once per process.
_LINES: dict[str, bool | int] = {}  # line -> whether it agrees, or the column of the key a literal text (|) starts at
_KEPT = 1 << 16
# Nesting grows with the column (a list under its key at the same column, the next key two columns on): past
# this column a file goes to the loader, far deeper than MAX_DEPTH allows and far short of what crashes yaml_rs.
_DEEPEST = 256


def read(text: str):
    """The data the line-keeping loader would build from `text` with no problem to report, else UNSURE."""
    if yaml_rs is None or _REFUSED.search(text) or not _clean(text) or not _lines_agree(text):
        return UNSURE
    try:
        # Dates stay text, as the loader keeps them; two equal keys are an error, which the loader words.
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # noqa: BLE001 - whatever it refuses, the loader explains in its own words
        return UNSURE
    return UNSURE if data is None else _checked(data)


def _clean(text: str) -> bool:
    """Nothing the loader would report in any key or value: hidden direction marks, legacy encodings, NFD.

    Asked once of the whole text: each value is pieces of it joined by spaces or line breaks, and none of
    these checks finds in a piece what it does not find in the whole."""
    return text.isascii() or not (bidi_problem(text) or textmod.looks_legacy(text)
                                  or not unicodedata.is_normalized("NFC", text))


def _lines_agree(text: str) -> bool:
    if not text.endswith("\n"):
        return False  # how a last line without its line break ends a text differs between readers
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        verdict = _LINES.get(line)
        if verdict is None:
            # Nested so deep, yaml_rs could exhaust its stack and crash the process (800 KB of '- ' do).
            deep = len(line) - len(line.lstrip(" -")) > _DEEPEST
            verdict = False if deep else True if _PLAIN_LINE.match(line) else _line(line)
            if len(line) <= 200 and len(_LINES) < _KEPT:
                _LINES[line] = verdict
        if verdict is False:
            return False
        if verdict is not True:
            i = _after_literal(lines, i, verdict)
            if i is None:
                return False
    return True


def _line(line: str) -> bool | int:
    """True if both readers read the line alike, False if they may not, the key's column if a literal text starts.

    Only for lines that are not blank, a comment, `key: "text"` or `- "text"` (_PLAIN_LINE)."""
    if line.startswith(("---", "...")):
        return False  # a document marker: a second document, or the end of this one
    match = _LINE.match(line)
    key, rest = match.groups()
    if key is not None and key[0] != '"' and (len(key) > 1000 or _tag(key) == "float" or not _agrees(key)):
        return False  # a float key is reported; libyaml refuses keys longer than 1024 characters
    if rest in ("|", "|-"):
        # Its parent's column: the key's, or the list dash's (-1: the whole file is the text).
        return match.start(1) if key is not None else line.rfind("-", 0, match.start(2))
    if rest[:1] == "|":
        return False  # |+, |2, a comment after |: a literal text read its own way by each reader
    if rest.count('"') % 2:
        return False  # a quoted text going on to the next line: folded, which the loader does its own way
    if rest[:1] in ("[", "{"):
        return _flow_agrees(rest)
    return not rest or rest[0] in '"#' or _agrees(rest.split(" #", 1)[0].rstrip())


def _after_literal(lines: list[str], i: int, parent: int) -> int | None:
    """The index of the line after a literal text (minutes: |) whose lines start at `i`, or None if it is
    not plainly one: its first line holds text, indented deeper than its key (column `parent`); each line
    is empty or indented as deep (none holds only spaces); the line after it is back at the key's column
    or left of it."""
    first = lines[i]
    indent = len(first) - len(first.lstrip(" "))
    if not first.strip() or indent <= parent:
        return None
    margin = " " * indent
    while i < len(lines) and (lines[i] == "" or lines[i].startswith(margin)):
        if lines[i] and not lines[i].strip():
            return None
        i += 1
    after = lines[i] if i < len(lines) else ""
    return None if len(after) - len(after.lstrip(" ")) > parent else i


def _flow_agrees(rest: str) -> bool:
    """A flow collection on one line ({score: 3, note: "…"}, [a, b]) whose keys and plain values agree."""
    bare = _QUOTED.sub('""', rest).split(" #", 1)[0].rstrip()
    if (bare.count("[") != bare.count("]") or bare.count("{") != bare.count("}") or bare[-1] not in "]}"
            or _EMPTY_ENTRY.search(bare) or _flow_depth(bare) > MAX_DEPTH):
        return False  # it goes on to the next line, an entry is empty, or it nests too deep
    for piece in _FLOW_SPLIT.split(bare):
        key, _, value = piece.partition(": ")
        key, value = key.strip(), value.strip()
        if ":" in key or ":" in value:
            return False  # a:1 is text to one reader and a pair to the other
        if value and key != '""' and _tag(key) == "float":
            return False
        for plain in (key, value):
            if plain and plain != '""' and not _agrees(plain):
                return False
    return True


def _flow_depth(bare: str) -> int:
    depth = deepest = 0
    for bracket in _BRACKETS.findall(bare):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _agrees(plain: str) -> bool:
    """Whether both readers read this plain value alike, as the loader would without a word."""
    if plain[0] in _INDICATORS or plain[:2] == "- " or plain == "-":
        return False  # a reserved or indicator character first: refused, or read its own way, by one reader
    tag = _tag(plain)
    if tag == "str":
        return _NUMBER_12.fullmatch(plain) is None  # 1e3, 0o17: text to YAML 1.1, numbers to 1.2
    if tag in ("null", "timestamp"):
        return True  # a timestamp: the loader keeps it as written, and yaml_rs is asked to
    if tag == "bool":
        return plain in TRUE_WORDS or plain in FALSE_WORDS
    if tag == "int":
        return _INT.fullmatch(plain) is not None
    if tag == "float":
        return _FLOAT.fullmatch(plain) is not None and sum(c.isdigit() for c in plain) <= 15
    return False  # merge (<<) and value (=) keys


def _tag(plain: str) -> str:
    return plain_tag(plain).removeprefix(_PREFIX)


def _checked(data):
    """The data, once every key is text and nothing nests deeper than the loader allows; UNSURE otherwise.

    Floats become the exact decimals the loader makes, in place: the containers are yaml_rs' new objects,
    and most values are left as they are."""
    kind = type(data)
    if kind is dict or kind is list:
        return data if _container(data, 0) else UNSURE
    return _leaf(data)


def _container(value, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    pairs = value.items() if type(value) is dict else enumerate(value)
    for key, item in pairs:
        if type(key) is not str and type(value) is dict:
            return False  # the loader reads every key as text (or reports it)
        kind = type(item)
        if kind is dict or kind is list:
            if not _container(item, depth + 1):
                return False
        elif depth >= MAX_DEPTH:
            return False
        elif kind is float:
            number = _leaf(item)
            if number is UNSURE:
                return False
            value[key] = number
        elif not (kind is str or kind is int or kind is bool or item is None):
            return False
    return True


def _leaf(value):
    if type(value) is float:
        written = repr(value)
        return Decimal(written) if "e" not in written and "n" not in written else UNSURE  # no 1e-05, inf, nan
    return value if value is None or type(value) in (str, int, bool) else UNSURE
