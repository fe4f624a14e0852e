"""A real git repository of the whole example data whose last year of one cluster was made by pull requests.

The Department commits the example data without three files of the cluster
cum-ttyt-phia-bac for 2025 (two units' year submissions and the cluster's year
record); then, as in gitrepo.scenario, the units and the cluster head bring
them in one pull request at a time, with fixed names and dates. mkdocs.yml
names the forge, so the pages link pull requests and commits to it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from gitrepo import (DEPARTMENT, MAIN, RECORD, SON_HA, SUBMISSIONS, TAN_LAP, commit, correct_score_agree_late, git, init,
                     merge, submission)

FORGE = "https://github.com/so-y-te-song-lam/thi-dua"
COPIED = ["rubric", "clusters", "submissions", "writeups", "docs", "mkdocs.yml"]
SON_HA_FILE = f"{SUBMISSIONS}/ttyt-son-ha.yaml"
TAN_LAP_FILE = f"{SUBMISSIONS}/ttyt-tan-lap.yaml"
UNITS = ["ttyt-son-ha", "ttyt-tan-lap", "ttyt-dong-xuan", "ttyt-thach-ban", "ttyt-hoa-my", "ttyt-ky-son"]
# A subject that would be markup if it were not escaped: it must print as typed.
LATE_SUBJECT = "Bổ sung minh chứng <b>1.6</b> & sửa điểm (#18)"


def _department_commit(root: Path) -> str:
    """The example data (all of it but the three files the pull requests bring), one commit, one `git add`."""
    for name in COPIED:
        source = MAIN / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    for path in (SON_HA_FILE, TAN_LAP_FILE, RECORD):
        (root / path).unlink()
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nextra:\n" in text
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  forge:\n    url: {FORGE}\n", 1), encoding="utf-8")
    (root / ".gitignore").write_text("/build/\n/site/\n", encoding="utf-8")
    git(root, "add", "-A")
    return commit(root, "Sở Y tế: bộ tiêu chí, danh sách Cụm và số liệu các năm 2024, 2025", who=DEPARTMENT,
                  date="2025-01-17T08:00:00+07:00")


def make_history_repo(root: Path) -> dict[str, str]:
    """The repository; returns the commit ids by step name (as gitrepo.scenario names them)."""
    init(root)
    ids = {"department": _department_commit(root)}
    ids["son-ha"] = commit(root, "Nộp bản tự chấm cả năm 2025 (#3)", {SON_HA_FILE: submission("ttyt-son-ha")},
                           who=SON_HA, date="2025-12-20T09:00:00+07:00")
    git(root, "checkout", "-q", "-b", "nop-bai")
    ids["tan-lap-branch"] = commit(root, "Nộp bản tự chấm của TTYT Tân Lập", {TAN_LAP_FILE: submission("ttyt-tan-lap")},
                                   who=TAN_LAP, date="2025-12-21T10:00:00+07:00")
    git(root, "checkout", "-q", "main")
    ids["tan-lap"] = merge(root, "nop-bai", "Merge pull request #7 from ttyttanlap-tdkt/nop-bai\n\nNộp bài Tân Lập",
                           date="2025-12-22T14:30:00+07:00")
    ids.update(correct_score_agree_late(root, SON_HA_FILE, UNITS, LATE_SUBJECT))
    return ids
