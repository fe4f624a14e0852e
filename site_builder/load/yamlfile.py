"""YAML to plain data that remembers, for every value, the line it came from.

PyYAML's constructors forget positions and silently keep the last of two
duplicate keys, so we compose nodes (which keep ``start_mark``) and build the
data ourselves, collecting every problem instead of stopping at the first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from site_builder.load import text as textmod
from site_builder.load.yaml_messages import syntax_message
from site_builder.problems import Problem, WARNING

MAX_DEPTH = 32
TRUE_WORDS = {"true", "True", "TRUE"}
FALSE_WORDS = {"false", "False", "FALSE"}

Path_ = tuple  # a path into the data: keys and list indexes
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, at: Path_ = (), key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or of its key), else of its nearest parent."""
        at = tuple(at)
        if key and at in self.key_positions:
            return self.key_positions[at]
        while at not in self.positions and at:
            at = at[:-1]
        return self.positions.get(at, (1, 1))

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
    raw = Path(path).read_bytes()
    return load_bytes(raw, display or str(path))


def load_bytes(raw: bytes, path: str) -> Document:
    doc = Document(path)
    text, problems = textmod.decode(path, raw)
    doc.problems.extend(problems)
    if text is None or problems:
        return doc
    node = _compose(doc, text)
    if node is not None:
        doc.data = _Builder(doc).build(node, (), 0)
    return doc


def _compose(doc: Document, text: str):
    anchors: list = []
    loader = _Loader(text, anchors)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append(Problem(doc.path, line, col, syntax_message(exc), code="yaml.syntax"))
        return None
    except RecursionError:
        doc.problems.append(Problem(doc.path, 1, 1, "Cấu trúc YAML lồng nhau quá sâu.", code="yaml.too-deep"))
        return None
    finally:
        loader.dispose()
    for mark in anchors:
        doc.problems.append(Problem(doc.path, mark.line + 1, mark.column + 1, "Không dùng anchor (&) và alias (*) trong tệp nộp: hãy viết đầy đủ từng giá trị.", code="yaml.alias"))
    if node is None:
        doc.problems.append(Problem(doc.path, 1, 1, "Tệp rỗng: chưa có nội dung nào.", code="file.empty"))
    return node


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.warned_nfc = False

    def build(self, node, at: Path_, depth: int):
        self.doc.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            self.doc.problem(at, f"Cấu trúc YAML lồng nhau quá sâu (quá {MAX_DEPTH} cấp).", code="yaml.too-deep")
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
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode):
            self.doc.problems.append(Problem(self.doc.path, *where, "Khóa phải là một chuỗi đơn giản.", code="yaml.complex-key"))
            return None
        key = self.text(node.value, at, where)
        if node.tag == "tag:yaml.org,2002:float" and node.style is None:
            # YAML reads 1.1 as the number 1.1; ids are text, and other tools
            # would not find "1.1" in the file.
            self.doc.problems.append(Problem(self.doc.path, *where, f"Mã '{key}' phải đặt trong ngoặc kép: \"{key}\":", code="yaml.numeric-key"))
        return key

    def scalar(self, node, at: Path_):
        tag, value = node.tag, node.value
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.style is not None or tag == "tag:yaml.org,2002:str":
            return self.text(value, at, where)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return self.boolean(value, at)
        if tag == "tag:yaml.org,2002:int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _decimal(value)
        return value  # timestamps stay as written: dates are checked as text

    def boolean(self, value: str, at: Path_):
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        # YAML 1.1 reads yes/no/on/off as booleans, YAML 1.2 tools as text:
        # keep the text, so that both give the same verdict, and say why.
        self.doc.problem(at, f"'{value}' không rõ nghĩa (YAML 1.1 đọc là đúng/sai, công cụ khác đọc là chữ): hãy viết true hoặc false.", code="yaml.ambiguous-bool")
        return value

    def text(self, value: str, at: Path_, where) -> str:
        if textmod.looks_legacy(value):
            self.doc.problems.append(Problem(self.doc.path, *where, f"Văn bản có vẻ gõ bằng bảng mã cũ (TCVN3/VNI) rồi bị đọc sai: «{value[:40]}». Hãy gõ lại bằng Unicode (dựng sẵn).", code="text.legacy"))
        normal = textmod.nfc(value)
        if normal != value and not self.warned_nfc:
            self.warned_nfc = True
            self.doc.problems.append(Problem(self.doc.path, *where, "Văn bản ở dạng tổ hợp (NFD, thường gặp trên macOS); đã chuẩn hóa sang dạng dựng sẵn (NFC) khi đọc.", WARNING, code="text.nfd"))
        return normal


def _decimal(value: str):
    """Exact decimals: 0.25 must stay 0.25 all the way to the totals."""
    try:
        return Decimal(value.replace("_", ""))
    except InvalidOperation:  # .inf, .nan, 1:30 (base 60): left to the schema
        return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode("tag:yaml.org,2002:float", value))
