"""YAML to plain data that remembers, for every value, the line it came from.

PyYAML's constructors forget positions and silently keep the last of two
duplicate keys, so we compose nodes (which keep ``start_mark``) and build the
data ourselves, collecting every problem instead of stopping at the first.

Most files are read first by yaml_fast, when it is sure to read every value
as this loader would and that there is nothing to report; this loader then
finds their lines only when a problem needs one (Document.where).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from site_builder.load import text as textmod
from site_builder.load import yaml_fast
from site_builder.load.files import read_data_file
from site_builder.load.parse_cache import CACHE
from site_builder.load.yaml_guards import (FALSE_WORDS, MAX_DEPTH, STANDARD_TAGS, TRUE_WORDS, bidi_problem, foreign_tag,
                                          number_problem, plain_tag, too_deep)
from site_builder.load.yaml_messages import syntax_message, syntax_position
from site_builder.problems import Problem, WARNING

_PLAIN: dict[tuple[str, str], tuple] = {}  # (tag, text) of a plain scalar -> (what it reads as,)
_PLAIN_MAX = 1 << 16  # keys and numbers repeat; beyond this many, texts that do not
# Numbers that YAML 1.1 (PyYAML) and YAML 1.2 (check-jsonschema, editors) read
# differently: 010 is 8 for one and 10 for the other, 08 is text for one and 8
# for the other, 1:30 is 90 for one and text for the other.
LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")

Path_ = tuple  # a path into the data: keys and list indexes
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # "sha256:…" of the bytes read, as an agreement records them: taken here, where the bytes already are.
    digest: str = ""
    # The text, while the lines are still to be found: read by yaml_fast, which keeps none, the file is read
    # again by the line-keeping loader the first time where() is asked (only to report a problem). Until
    # then positions and key_positions are empty: ask where(), never them.
    unlocated: str | None = field(default=None, repr=False, compare=False)

    def where(self, at: Path_ = (), key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest parent."""
        if self.unlocated is not None:
            self._locate()
        at = tuple(at)
        if key and at in self.key_positions:
            return self.key_positions[at]
        while at not in self.positions and at:
            at = at[:-1]
        return self.positions.get(at, (1, 1))

    def _locate(self) -> None:
        located = _parse_text(Document(self.path), self.unlocated)
        self.positions, self.key_positions, self.unlocated = located.positions, located.key_positions, None

    def problem(self, at: Path_, message: str, severity: str = "error", key: bool = False, code: str = "") -> Problem:
        line, col = self.where(at, key)
        found = Problem(self.path, line, col, message, severity, code)
        self.problems.append(found)
        return found


class _Loader(yaml.SafeLoader):
    """Composes nodes but refuses anchors and aliases (no size blow-ups)."""

    def __init__(self, stream, sink: list):
        super().__init__(stream)
        self.anchor_marks = sink

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.anchor_marks.append(event.start_mark)
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if getattr(event, "anchor", None):
            self.anchor_marks.append(event.start_mark)
            event.anchor = None
        return super().compose_node(parent, index)


def load_file(path: str | Path, display: str | None = None) -> Document:
    shown = display or str(path)
    raw, refused = read_data_file(path, shown)
    if raw is None:
        return Document(shown, problems=refused)
    return load_bytes(raw, shown)


def load_bytes(raw: bytes, path: str) -> Document:
    known = CACHE.get(raw, path)
    if known is not None:
        return known
    doc = _parse(raw, path)
    doc.digest = "sha256:" + hashlib.sha256(raw).hexdigest()
    CACHE.put(raw, doc)
    return doc


def _parse(raw: bytes, path: str) -> Document:
    doc = Document(path)
    text, problems = textmod.decode(path, raw)
    doc.problems.extend(problems)
    if text is None or problems:
        return doc
    data = yaml_fast.read(text)
    if data is not yaml_fast.UNSURE:
        doc.data, doc.unlocated = data, text
        return doc
    return _parse_text(doc, text)


def _parse_text(doc: Document, text: str) -> Document:
    """The line-keeping reading: every value with its line, every problem found."""
    node, fast = _compose(doc, text)
    if node is None:
        return doc
    before = list(doc.problems)
    try:
        doc.data = _Builder(doc, stop_deep=fast).build(node, (), 0)
    except _TooDeep:
        # libyaml composed it without recursion; the token count says where it goes too deep,
        # else the builder says it at the node, as on the slow path.
        doc.positions.clear()
        doc.key_positions.clear()
        doc.problems = before
        if not _too_deep(doc, text):
            doc.data = _Builder(doc).build(node, (), 0)
    return doc


_SLOW = object()


class _TooDeep(Exception):
    """The fast path met a group nested deeper than allowed: the slow path explains where."""


if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):
        """libyaml's composer with the tag resolution done once per distinct plain scalar (plain_tag),
        and without the path resolvers (which we do not use) PyYAML calls around every node."""

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass

        def resolve(self, kind, value, implicit):
            if kind is not yaml.ScalarNode:
                return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG  # quoted: text, as PyYAML decides
            return plain_tag(value)
else:  # PyYAML built without libyaml: everything goes the pure-Python way
    _FastLoader = None


def _compose_fast(text: str):
    """libyaml's composer: tens of times faster, same nodes and marks.

    Only for the common case: anything unusual (a syntax error, an anchor or
    alias) goes the pure-Python way, which knows how to explain it. Plain
    scalars have style '' here and None there: the builder reads both as plain.
    """
    if _FastLoader is None or "&" in text or "*" in text:
        return _SLOW
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return _SLOW
    finally:
        loader.dispose()


def _compose(doc: Document, text: str):
    """(node, fast): the composed document, and whether libyaml composed it."""
    node = _compose_fast(text)
    if node is not _SLOW:
        if node is None:
            doc.problems.append(Problem(doc.path, 1, 1, "Tệp rỗng: chưa có nội dung nào.", code="file.empty"))
        return node, True
    if _too_deep(doc, text):
        return None, False
    anchors: list = []
    loader = None
    try:
        loader = _Loader(text, anchors)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, col, unclosed = syntax_position(exc, text)
        doc.problems.append(Problem(doc.path, line, col, syntax_message(exc, text, line, unclosed), code="yaml.syntax"))
        return None, False
    except RecursionError:
        doc.problems.append(Problem(doc.path, 1, 1, "Cấu trúc YAML lồng nhau quá sâu.", code="yaml.too-deep"))
        return None, False
    except yaml.reader.ReaderError as exc:
        # A control character (NUL, …) the YAML reader refuses before parsing starts.
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        doc.problems.append(Problem(doc.path, line, col, f"Tệp có ký tự điều khiển không được phép (mã {exc.character:#06x}); có thể tệp bị hỏng hoặc không phải văn bản.", code="yaml.control-char"))
        return None, False
    finally:
        if loader is not None:
            loader.dispose()
    # Once per line: a "billion laughs" line holds nine aliases, and nine lines saying the same are noise.
    for line in sorted({mark.line for mark in anchors}):
        col = min(mark.column for mark in anchors if mark.line == line)
        doc.problems.append(Problem(doc.path, line + 1, col + 1, "Không dùng anchor (&) và alias (*) trong tệp dữ liệu: hãy viết đầy đủ từng giá trị.", code="yaml.alias"))
    if node is None:
        doc.problems.append(Problem(doc.path, 1, 1, "Tệp rỗng: chưa có nội dung nào.", code="file.empty"))
    return node, False


def _too_deep(doc: Document, text: str) -> bool:
    """Counted on the tokens, without building anything (the slow path, or a deep file on the fast one)."""
    # +1: the top-level group is a level of its own.
    deep = too_deep(text, MAX_DEPTH + 1)
    if deep:
        doc.problems.append(Problem(doc.path, *deep, f"Cấu trúc YAML lồng nhau quá sâu (quá {MAX_DEPTH} cấp).", code="yaml.too-deep"))
    return bool(deep)


class _Builder:
    def __init__(self, doc: Document, stop_deep: bool = False):
        self.doc = doc
        self.warned_nfc = False
        self.stop_deep = stop_deep

    def build(self, node, at: Path_, depth: int):
        self.doc.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            if self.stop_deep:
                raise _TooDeep
            self.doc.problem(at, f"Cấu trúc YAML lồng nhau quá sâu (quá {MAX_DEPTH} cấp).", code="yaml.too-deep")
            return None
        if node.tag not in STANDARD_TAGS:
            self.doc.problem(at, foreign_tag(node), code="yaml.tag")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, at, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, at + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, at)

    def mapping(self, node, at: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, at)
            if key is None:
                continue
            here = at + (key,)
            if key in result:
                first = self.doc.key_positions[here][0]
                self.doc.problems.append(Problem(self.doc.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1, f"Khóa '{key}' bị lặp lại (đã có ở dòng {first}); YAML sẽ âm thầm bỏ giá trị trước, hãy giữ một khóa.", code="yaml.duplicate-key"))
                continue
            self.doc.key_positions[here] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, here, depth + 1)
        return result

    def key(self, node, at: Path_):
        if not isinstance(node, yaml.ScalarNode):
            self.doc.problems.append(Problem(self.doc.path, *_where(node), "Khóa phải là một chuỗi đơn giản.", code="yaml.complex-key"))
            return None
        key = self.text(node.value, at, node)
        if node.tag == "tag:yaml.org,2002:float" and not node.style:
            # YAML reads 1.1 as the number 1.1; ids are text, and other tools
            # would not find "1.1" in the file.
            self.doc.problems.append(Problem(self.doc.path, *_where(node), f"Mã '{key}' phải đặt trong ngoặc kép: \"{key}\":", code="yaml.numeric-key"))
        return key

    def scalar(self, node, at: Path_):
        if node.style:
            return self.text(node.value, at, node)
        # A file repeats the same plain keys, ids and small numbers: each is read once per process,
        # unless reading it said something (a warning belongs to every file that has it).
        known = _PLAIN.get((node.tag, node.value))
        if known is not None:
            return known[0]
        problems = len(self.doc.problems)
        value = self.plain(node, at)
        if len(self.doc.problems) == problems and node.value.isascii() and len(_PLAIN) < _PLAIN_MAX:
            _PLAIN[(node.tag, node.value)] = (value,)
        return value

    def plain(self, node, at: Path_):
        tag, value = node.tag, node.value
        if LEADING_ZERO.fullmatch(value):
            return self.leading_zero(value, at)
        if SEXAGESIMAL.fullmatch(value):
            return self.text(value, at, node)  # YAML 1.2 reads 1:30 as text; so does the schema
        if tag == "tag:yaml.org,2002:str":
            return self.text(value, at, node)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return self.boolean(value, at)
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return self.number(node, at)
        return value  # timestamps stay as written: dates are checked as text

    def number(self, node, at: Path_):
        # Checked on the text: int("9" * 5000) raises, .nan slips past every minimum and maximum.
        unusable = number_problem(node.value)
        if unusable:
            self.doc.problem(at, unusable, code="yaml.number")
            return None
        if node.tag == "tag:yaml.org,2002:int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        return _decimal(node.value)

    def boolean(self, value: str, at: Path_):
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        # YAML 1.1 reads yes/no/on/off as booleans, YAML 1.2 tools (check-jsonschema,
        # editors) as text: keep the text, so that both give the same verdict. The
        # schema then says what the place wants (true/false, or one of the levels);
        # the warning says why the word is not taken as a yes or no.
        self.doc.problem(at, f"'{value}' không rõ nghĩa (YAML 1.1 đọc là đúng/sai, YAML 1.2 đọc là chữ): đã đọc là chữ '{value}'. Nếu là đúng/sai hãy viết true hoặc false; nếu là chữ hãy đặt trong ngoặc kép.", WARNING, code="yaml.ambiguous-bool")
        return value

    def leading_zero(self, value: str, at: Path_) -> int:
        number = int(value)
        self.doc.problem(at, f"Số '{value}' có số 0 ở đầu (YAML 1.1 đọc là số bát phân hoặc chữ): đã đọc là {number}; hãy viết {number}.", WARNING, code="yaml.leading-zero")
        return number

    def text(self, value: str, at: Path_, node) -> str:
        if value.isascii():
            return value  # ids, keys, numbers, links: no bidi control, no legacy encoding, already NFC
        where = _where(node)
        hidden = bidi_problem(value)
        if hidden:
            self.doc.problems.append(Problem(self.doc.path, *where, hidden, code="text.bidi"))
        if textmod.looks_legacy(value):
            self.doc.problems.append(Problem(self.doc.path, *where, f"Văn bản có vẻ gõ bằng bảng mã cũ (TCVN3/VNI) rồi bị đọc sai: «{value[:40]}». Hãy gõ lại bằng Unicode (dựng sẵn).", code="text.legacy"))
        normal = textmod.nfc(value)
        if normal != value and not self.warned_nfc:
            self.warned_nfc = True
            self.doc.problems.append(Problem(self.doc.path, *where, "Văn bản ở dạng tổ hợp (NFD, thường gặp trên macOS); đã chuẩn hóa sang dạng dựng sẵn (NFC) khi đọc.", WARNING, code="text.nfd"))
        return normal


def _where(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _decimal(value: str):
    """Exact decimals: 0.25 must stay 0.25 all the way to the totals."""
    try:
        return Decimal(value.replace("_", ""))
    except InvalidOperation:  # .inf, .nan, 1:30 (base 60): left to the schema
        return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode("tag:yaml.org,2002:float", value))
