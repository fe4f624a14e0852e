"""Links, images and raw HTML in published Markdown (write-ups, meeting minutes): what publishing would drop is said, what leaves the repository is refused.

The site sanitises that HTML with an allow-list (render/markdown_safe.py), so
a <script> or a javascript: link never reaches a reader; but a silent drop is
a surprise for the writer, so each one is a warning at its line. A relative
link or image is a file of the repository, read from the file's own folder as
Markdown editors do: one that climbs out of the repository, is absolute, or is
a symbolic link to elsewhere is an error, as for evidence.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from site_builder.problems import WARNING, Problem
from site_builder.render.markdown_safe import ATTRIBUTES, SCHEMES, TAGS
from site_builder.validate.evidence import path_problem

# The destination may hold one level of balanced parentheses, as in javascript:alert(1).
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])([^>]*)>?")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def link_problems(path: str, body: str, first_line: int, root: Path, prefix: str) -> list[Problem]:
    """Every link, image and raw tag of the Markdown that publishing would drop or that leaves the repository.

    `body` starts at line `first_line` of the file `path`; each message starts with `prefix`.
    """
    found = []
    folder = posixpath.dirname(path)
    for number, line in _prose(body, first_line):
        for col, image, target in _targets(line):
            found += _target(path, number, col, image, target, folder, root)
        for col, tag, attributes in _tags(line):
            found += _tag(path, number, col, tag, attributes, folder, root)
    return [Problem(p.path, p.line, p.col, prefix + p.message, p.severity, p.code) for p in found]


def _prose(body: str, first_line: int):
    """(line number, line) outside fenced code, with code spans blanked: code is shown, not run."""
    fenced = False
    for number, line in enumerate(body.splitlines(), first_line):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)


def _targets(line: str):
    for match in _INLINE.finditer(line):
        yield match.start(2) + 1, bool(match[1]), match[2]
    reference = _REFERENCE.match(line)
    if reference:
        yield reference.start(1) + 1, False, reference[1]


def _tags(line: str):
    for match in _TAG.finditer(line):
        attributes = [(a[1].lower(), _unquoted(a[2])) for a in _ATTRIBUTE.finditer(match[2])]
        yield match.start() + 1, match[1].lower(), attributes


def _unquoted(value: str | None) -> str | None:
    if value and value[0] in "\"'":
        return value[1:-1]
    return value


def _tag(path, number, col, tag, attributes, folder, root) -> list[Problem]:
    if tag not in TAGS:
        what = "ảnh <img>" if tag == "img" else f"thẻ HTML <{tag}>"
        found = [_problem(path, number, col, f"{what} sẽ bị bỏ khi đăng lên trang công khai; hãy viết bằng Markdown.", WARNING)]
    else:
        found = [_problem(path, number, col, f"thuộc tính '{name}' của thẻ <{tag}> sẽ bị bỏ khi đăng.", WARNING)
                 for name, _ in attributes if name not in ATTRIBUTES.get(tag, set())]
    for name, value in attributes:
        if name in _URL_ATTRIBUTES and value:
            # A dropped tag was said once already; what is left to say of its address is an escape.
            said = _target(path, number, col, tag == "img", value, folder, root)
            found += said if tag in TAGS else [p for p in said if p.is_error]
    return found


def _target(path, number, col, image, target, folder, root) -> list[Problem]:
    what = "ảnh" if image else "liên kết"
    shown = target if len(target) <= 60 else target[:59] + "…"
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lower()
    scheme = _SCHEME.match(plain)
    if plain.startswith("#") or not plain:
        return []
    if scheme and scheme[1] == "file":
        return [_problem(path, number, col, f"{what} '{shown}' trỏ tới tệp trên máy (file:); chỉ được dẫn tới tệp trong kho.")]
    if scheme and scheme[1] not in SCHEMES:
        return [_problem(path, number, col, f"{what} '{shown}' sẽ bị bỏ khi đăng: chỉ dùng https://, http://, mailto: hoặc đường dẫn tới tệp trong kho.", WARNING)]
    problem = None if scheme or plain.startswith("//") else \
        _repository_problem(unquote(html.unescape(target)).split("#")[0].split("?")[0], folder, root)
    if problem and not problem.startswith("không tìm thấy"):
        return [_problem(path, number, col, f"{what} '{shown}' {problem}")]
    found = []
    if image:
        found.append(_problem(path, number, col, f"ảnh '{shown}' không hiển thị trên trang công khai (trang không tải ảnh); hãy mô tả bằng lời hoặc đặt liên kết tới tệp.", WARNING))
    if problem:
        found.append(_problem(path, number, col, f"{what} '{shown}' {problem}", WARNING))
    return found


def _repository_problem(target: str, folder: str, root: Path) -> str | None:
    """As for evidence, but read from the write-up's folder, as a Markdown editor previews it."""
    if target.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", target):
        return path_problem(target, root)
    inside = posixpath.normpath(posixpath.join(folder, target.replace("\\", "/")))
    return path_problem(inside, root)


def _problem(path: str, line: int, col: int, message: str, severity: str = "error") -> Problem:
    return Problem(path, line, col, message, severity, code="markdown.link")
