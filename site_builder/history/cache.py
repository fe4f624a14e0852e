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

import gzip
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

from site_builder.layout import PACKAGE

FORMAT = 1
FILE = "history.json.gz"  # compressed: the entries repeat the same keys and titles, ten times smaller


def code_version() -> str:
    """A digest of every module and schema of the package: any change to how a file is read, checked,
    scored or ranked may change the history. Templates are left out: they only render it."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json") and "templates" not in path.parts and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class StepCache:
    """commit id → the plain cluster entries of its step (without the commit's own data), or None when
    the commit changed no data file. Without a folder it keeps nothing."""

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / FILE if folder else None
        self.version = code_version() if folder else ""
        self.steps: dict[str, list[dict] | None] = self._load()

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            stored = json.loads(gzip.decompress(self.path.read_bytes()))
            if stored.get("format") == FORMAT and stored.get("code") == self.version and isinstance(stored.get("steps"), dict):
                return stored["steps"]
        except (OSError, EOFError, zlib.error, ValueError, AttributeError):
            pass
        return {}

    def save(self, steps: dict[str, list[dict] | None]) -> None:
        """Replace the file with `steps` (the current line only, so it does not grow with abandoned branches).
        Written to a temporary file then renamed: two builds at once never leave half a file."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"format": FORMAT, "code": self.version, "steps": steps}, ensure_ascii=False, separators=(",", ":"))
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".history-", suffix=".json.gz")
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(gzip.compress(data.encode("utf-8"), compresslevel=1))
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
