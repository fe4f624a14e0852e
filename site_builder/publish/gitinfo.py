"""The commit a site is built from: its dates make two builds of one commit byte-identical.

Nothing on the site says "now". The "as of" date (deadlines passed, meetings
overdue) and every timestamp MkDocs writes (sitemap, SOURCE_DATE_EPOCH) are
the HEAD commit's committer date, taken in Vietnam's time (UTC+7, no DST).
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Commit:
    sha: str | None
    epoch: int
    dirty: bool = False

    @property
    def short(self) -> str:
        return self.sha[:10] if self.sha else "không rõ"

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.epoch, VIETNAM)

    @property
    def date(self) -> dt.date:
        return self.moment.date()


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise OSError(done.stderr.strip())
    return done.stdout.strip()


def head(root: Path) -> Commit:
    try:
        sha, epoch = _git(root, "log", "-1", "--format=%H %ct").split()
        # Build outputs are git-ignored, so only real changes to the data or the code count.
        dirty = bool(_git(root, "status", "--porcelain"))
        return Commit(sha, int(epoch), dirty)
    except (OSError, ValueError, subprocess.SubprocessError):
        return _without_git()


def _without_git() -> Commit:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return Commit(None, int(epoch))
    print("Cảnh báo: thư mục không phải kho git: lấy ngày hôm nay làm ngày số liệu; "
          "hai lần build sẽ không giống hệt nhau (đặt SOURCE_DATE_EPOCH để cố định).", file=sys.stderr)
    return Commit(None, int(dt.datetime.now(dt.timezone.utc).timestamp()), True)
