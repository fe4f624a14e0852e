"""What each landed commit did to the rankings, kept between builds (build/cache/, git-ignored).

A commit id names its whole first-parent history, so what a landed commit did
never changes, as long as the code that scores it does not: entries are kept
under the commit id and dropped whole when the code changes. A build then
replays only the commits that landed since the last one; `serve`, which
rebuilds on every save of a data file while HEAD stays put, replays none.

The file is the build's own output, not an input anyone writes: anything
unreadable in it (an old format, a half-written file, another code version)
means starting over, never an error.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import struct
import tempfile
import zlib
from pathlib import Path

import yaml

from site_builder.layout import PACKAGE

FORMAT = 3
# Pickled: the entries share their keys, titles and figures, which a pickle writes once and reads back
# shared (a tenth of the JSON, read several times faster), then compressed for CI's cache. The file is
# a run of such parts, each after its length: a build that adds commits to the line adds a part for
# them, instead of writing again what thousands of commits did (a second on the stress repository,
# in the process whose result the rest of the build waits for).
FILE = "history.pickle.z"
PARTS = 64  # past this many, the next save writes one part again: reading many small parts costs more
_LENGTH = struct.Struct("<Q")

# The package's own imports, at the top of a module or inside a function.
_IMPORT = re.compile(r"^\s*(?:from\s+(site_builder(?:\.\w+)*)\s+import\s+(\([^)]*\)|[^\n]+)|import\s+(site_builder(?:\.\w+)*))",
                     re.MULTILINE)


def code_version() -> str:
    """A digest of the code that computes the history: the history package and every module of the
    package it imports, directly or not (how a file is read, checked, scored, ranked), the package's
    schemas, and PyYAML's version. The pages, the commands and the templates only show the history:
    changing them keeps what earlier builds replayed."""
    digest = hashlib.sha256(f"{FORMAT}\0{yaml.__version__}".encode())
    for path in sorted(_modules() | _schemas()):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _schemas() -> set[Path]:
    return {p for p in PACKAGE.rglob("*.json") if "templates" not in p.parts and "__pycache__" not in p.parts}


def _modules() -> set[Path]:
    """history/*.py and, transitively, the package modules (and their packages' __init__) they import."""
    found: set[Path] = set()
    todo = sorted((PACKAGE / "history").glob("*.py"))
    while todo:
        path = todo.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        for module, names, plain in _IMPORT.findall(path.read_text(encoding="utf-8")):
            dotted = module or plain
            todo.extend(_files(dotted))
            if module:  # `from site_builder.x import y`: y may be a module of package x
                for name in re.findall(r"\w+", names.split("#", 1)[0] if "(" not in names else names):
                    submodule = PACKAGE.joinpath(*dotted.split(".")[1:], f"{name}.py")
                    if submodule.is_file():
                        todo.append(submodule)
    return found


def _files(dotted: str) -> list[Path]:
    """The module's file and the __init__ of every package on the way (importing runs them all)."""
    parts = dotted.split(".")[1:]
    files = [PACKAGE.joinpath(*parts[:i], "__init__.py") for i in range(len(parts) + 1)]
    return files + [PACKAGE.joinpath(*parts).with_suffix(".py")] if parts else files


class StepCache:
    """commit id → the plain cluster entries of its step (without the commit's own data), or None when
    the commit changed no data file. Without a folder it keeps nothing."""

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / FILE if folder else None
        self.version = code_version() if folder else ""
        self.raw, self.parts = b"", 0  # the file as read, and its parts, when it is this code's
        self.steps: dict[str, list[dict] | None] = self._load()

    def _load(self) -> dict:
        if self.path is None:
            return {}
        stored = read(self.path)
        if stored.get("format") == FORMAT and stored.get("code") == self.version and isinstance(stored.get("steps"), dict):
            self.raw, self.parts = stored["raw"], stored["parts"]
            return stored["steps"]
        return {}

    def save(self, steps: dict[str, list[dict] | None]) -> None:
        """Keep `steps`, the current line only, so that the file does not grow with abandoned branches: a
        part with the commits it adds to what the file holds, or the file written again as one part.
        Written to a temporary file then renamed: two builds at once never leave half a file."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.raw and self.parts < PARTS and self.steps.keys() <= steps.keys():
            data = self.raw + self._part({key: value for key, value in steps.items()
                                          if self.steps.get(key, steps) is not value})
        else:
            data = self._part(steps)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".history-", suffix=".pickle.z")
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _part(self, steps: dict) -> bytes:
        data = zlib.compress(pickle.dumps({"format": FORMAT, "code": self.version, "steps": steps},
                                          pickle.HIGHEST_PROTOCOL), 1)
        return _LENGTH.pack(len(data)) + data


def read(path: Path) -> dict:
    """What a cache file holds (its parts' steps together, later ones over earlier ones), or {} for
    anything unreadable. The file is this tool's own output in build/ (git-ignored; in CI restored only
    from the same repository's cache), as trusted as the code."""
    collecting = gc.isenabled()
    gc.disable()  # a million containers at once: the collector would walk them again and again, for nothing
    try:
        return _parts(Path(path).read_bytes())
    except Exception:  # noqa: BLE001 - a half-written or foreign file: start over, never fail the build
        return {}
    finally:
        if collecting:
            gc.enable()


def _parts(raw: bytes) -> dict:
    stored: dict = {"steps": {}, "raw": raw, "parts": 0}
    at = 0
    while at < len(raw):
        (length,), at = _LENGTH.unpack_from(raw, at), at + _LENGTH.size
        if at + length > len(raw):
            return {}
        part = pickle.loads(zlib.decompress(raw[at:at + length]))
        at += length
        if not isinstance(part, dict) or not isinstance(part.get("steps"), dict):
            return {}
        if stored["parts"] and (part.get("format"), part.get("code")) != (stored["format"], stored["code"]):
            return {}
        stored.update(format=part.get("format"), code=part.get("code"), parts=stored["parts"] + 1)
        stored["steps"].update(part["steps"])
    return stored if stored["parts"] else {}
