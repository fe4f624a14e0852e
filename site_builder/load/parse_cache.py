"""Parsed YAML remembered by the bytes it came from, so that a build parses each file version once.

Parsing is most of the cost of reading a file (the line-keeping loader builds
every value in Python). A build parses the current version of every file
twice without this (the history replay ends on it, then the data step reads
it), and a rebuild parses files that did not change since the last build.

Off unless a command switches it on (`build`, `serve`): one-off commands such
as `validate` gain nothing and would only hold memory. On disk
(build/cache/parsed.pickle, git-ignored) it holds the versions the last build
used and is the build's own output, in the same trust as the code that wrote
it; anything unreadable, or written by another loader version, means starting
over, never an error.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Iterable

import yaml

FILE = "parsed.pickle"
_PLACEHOLDER = "\0"  # the display path is not part of the content: set again on the way out


def loader_version() -> str:
    """The loader's own code and its parsers' versions: a change to any may read the same bytes differently."""
    digest = hashlib.sha256(yaml.__version__.encode())
    digest.update(_version("yaml-rs").encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ParseCache:
    def __init__(self):
        self.on = False
        self.memo: dict[bytes, bytes] = {}
        self.used: set[bytes] = set()
        self.folder: Path | None = None
        self.wanted: set[bytes] | None = None
        # File versions (by digest) known to satisfy a schema (by its validator's fingerprint): a
        # rebuild does not convert and check again the thousands of files that did not change.
        self.valid: dict[str, set[str]] = {}
        self.valid_used: set[str] = set()

    def enable(self, folder: Path | None = None, wanted: Iterable[Path] | None = None) -> None:
        """Remember parses in memory, and across runs in `folder` when given.

        With `wanted`, only parses of those files as they are now are kept: the history replay
        parses every version ever written, and keeping each would cost more than it saves.
        """
        self.on, self.folder, self.used = True, Path(folder) if folder else None, set()
        self.wanted = None if wanted is None else {_key(raw) for raw in map(_read_quietly, wanted) if raw is not None}
        if self.folder is not None and not self.memo:
            self.memo, self.valid = _read(self.folder / FILE)

    def disable(self) -> None:
        self.__init__()

    def read_only(self) -> None:
        """Use what is remembered, remember nothing more: in a forked process, whose memory is its own."""
        self.wanted = set()

    def keep_from_here(self) -> None:
        """Only what is used from now on goes to disk (the data step's files, not every version the history replayed)."""
        self.used, self.valid_used = set(), set()

    def known_valid(self, doc, fingerprint: str) -> bool:
        """This version of the file was found valid against that schema before."""
        if not self.on or not doc.digest:
            return False
        self.valid_used.add(doc.digest)
        return fingerprint in self.valid.get(doc.digest, ())

    def mark_valid(self, doc, fingerprint: str) -> None:
        if self.on and doc.digest:
            self.valid.setdefault(doc.digest, set()).add(fingerprint)
            self.valid_used.add(doc.digest)

    def get(self, raw: bytes, path: str):
        if not self.on:
            return None
        key = _key(raw)
        stored = self.memo.get(key)
        if stored is None:
            return None
        self.used.add(key)
        # A fresh copy each time: callers add problems to the document they get.
        return _relocated(pickle.loads(stored), path)

    def put(self, raw: bytes, doc) -> None:
        if self.on:
            key = _key(raw)
            if self.wanted is not None and key not in self.wanted:
                return
            self.memo[key] = pickle.dumps(_relocated(doc, _PLACEHOLDER), pickle.HIGHEST_PROTOCOL)
            self.used.add(key)

    def learnt(self) -> tuple[dict, dict]:
        """What was parsed and found valid since keep_from_here(), as take() receives it in another process."""
        return ({key: self.memo[key] for key in self.used if key in self.memo},
                {digest: self.valid[digest] for digest in self.valid_used if digest in self.valid})

    def take(self, memo: dict, valid: dict) -> None:
        """Another process's learnt(): its parses and verdicts, as if made here."""
        if self.on:
            self.memo.update(memo)
            for digest, fingerprints in valid.items():
                self.valid.setdefault(digest, set()).update(fingerprints)

    def save(self) -> None:
        """Keep on disk what this run used only: the file does not grow with every version ever parsed."""
        if self.folder is None:
            return
        kept = {key: self.memo[key] for key in self.used if key in self.memo}
        valid = {digest: self.valid[digest] for digest in self.valid_used if digest in self.valid}
        _write(self.folder / FILE, {"version": loader_version(), "parsed": kept, "valid": valid})


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _key(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20).digest()


def _relocated(doc, path: str):
    problems = [dataclasses.replace(p, path=path) for p in doc.problems]
    return dataclasses.replace(doc, path=path, problems=problems)


def _read_quietly(path: Path) -> bytes | None:
    """A file that cannot be read is reported by the loader, when it reads it."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _read(file: Path) -> tuple[dict, dict]:
    try:
        stored = pickle.loads(file.read_bytes())
        if stored.get("version") == loader_version() and isinstance(stored.get("parsed"), dict):
            valid = stored.get("valid")
            return stored["parsed"], valid if isinstance(valid, dict) else {}
    except Exception:  # noqa: BLE001 - a cache that cannot be read is a cache to rebuild
        pass
    return {}, {}


def _write(file: Path, stored: dict) -> None:
    """Written beside and renamed over: an interrupted build leaves the old cache or none, never half of one."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=file.parent, prefix=".parsed-")
    with os.fdopen(handle, "wb") as out:
        pickle.dump(stored, out, pickle.HIGHEST_PROTOCOL)
    os.replace(name, file)


CACHE = ParseCache()
