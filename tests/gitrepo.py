"""Real git repositories for the history, review and access tests: real `git`, fixed names and dates.

Each commit says who made it and when through the GIT_AUTHOR_* and
GIT_COMMITTER_* variables, so commit ids and dates are the same on every run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]
YEAR, PERIOD, CLUSTER = 2025, "year", "cum-ttyt-phia-bac"
SUBMISSIONS = f"submissions/{YEAR}/{PERIOD}/{CLUSTER}"
RECORD = f"clusters/{YEAR}/{CLUSTER}/{PERIOD}.yaml"

DEPARTMENT = ("Phòng TĐKT Sở Y tế", "syt-songlam-tdkt@example.vn")
SON_HA = ("TTYT Sơn Hà", "ttytsonha-tdkt@example.vn")
TAN_LAP = ("TTYT Tân Lập", "ttyttanlap-tdkt@example.vn")
DONG_XUAN = ("TTYT Đồng Xuân", "ttytdongxuan-tdkt@example.vn")
HEAD_UNIT = ("Cụm trưởng Cụm 2", "cum2-thuongtruc@example.vn")


def git(root: Path, *args: str, who=DEPARTMENT, date="2025-01-10T08:00:00+07:00", committer=None) -> str:
    by = committer or who
    env = dict(os.environ, GIT_AUTHOR_NAME=who[0], GIT_AUTHOR_EMAIL=who[1], GIT_AUTHOR_DATE=date,
               GIT_COMMITTER_NAME=by[0], GIT_COMMITTER_EMAIL=by[1], GIT_COMMITTER_DATE=date,
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    done = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def init(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def write(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Write (or, for None, delete) files; the commit is made separately."""
    for path, content in files.items():
        target = root / path
        if content is None:
            git(root, "rm", "-q", path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        git(root, "add", path)


def commit(root: Path, message: str, files: dict | None = None, who=DEPARTMENT, date="2025-01-10T08:00:00+07:00", committer=None) -> str:
    write(root, files or {})
    git(root, "commit", "-q", "--allow-empty", "-m", message, who=who, date=date, committer=committer)
    return git(root, "rev-parse", "HEAD")


def merge(root: Path, branch: str, message: str, who=HEAD_UNIT, date="2025-01-10T08:00:00+07:00") -> str:
    git(root, "merge", "-q", "--no-ff", "-m", message, branch, who=who, date=date)
    return git(root, "rev-parse", "HEAD")


def example(path: str) -> str:
    """A file of the bundled example data, as text."""
    return (MAIN / path).read_text(encoding="utf-8")


def department_files() -> dict[str, str]:
    """What the Department commits first: the rubrics, the registry, and the cluster's covenant."""
    files = {f"rubric/{p.name}": p.read_text(encoding="utf-8") for p in sorted((MAIN / "rubric").glob("*.yaml"))}
    files[f"clusters/{YEAR}/registry.yaml"] = example(f"clusters/{YEAR}/registry.yaml")
    files[f"clusters/{YEAR}/{CLUSTER}/cluster.yaml"] = example(f"clusters/{YEAR}/{CLUSTER}/cluster.yaml")
    return files


def submission(unit: str) -> str:
    return example(f"{SUBMISSIONS}/{unit}.yaml")


def replace_score(text: str, criterion: str, old: str, new: str) -> str:
    """The same file with one `score:` of one criterion changed, the rest byte for byte."""
    marker = f'  "{criterion}":\n    score: {old}\n'
    assert marker in text, f"no score {old} for {criterion}"
    return text.replace(marker, f'  "{criterion}":\n    score: {new}\n')


def record_with_scores(units: list[str]) -> str:
    """The cluster's year record with the example's scores of some units, nothing else yet."""
    lines, keep = [], False
    for line in example(RECORD).splitlines():
        if line.startswith("agreement:"):
            break
        if line.startswith("  ") and not line.startswith("    "):
            keep = line.strip().rstrip(":") in units
        if not line.startswith("  ") or keep:
            lines.append(line)
    return "\n".join(lines) + "\n"


def copy_tree(root: Path, target: Path) -> None:
    shutil.copytree(root, target)


def run_cli(*args, cwd) -> tuple[int, str, str]:
    """The real command line, `python -m site_builder …`, run from `cwd`."""
    import sys

    env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    return done.returncode, done.stdout, done.stderr


def correct_score_agree_late(root: Path, own: str, scored: list[str], late_subject: str) -> dict[str, str]:
    """The end of the year as pull requests make it; returns the commit ids of its steps.

    correction  ttyt-son-ha (file `own`) corrects 1.2 and 1.3 (squash, #12)
    scoring     the cluster head records the cluster scores of `scored` (squash, #15)
    agreement   the cluster head records the agreement, digests from `agree` (squash, #16)
    late        ttyt-son-ha changes 1.6 after the agreement (`late_subject`)
    """
    ids = {}
    corrected = replace_score(replace_score(submission("ttyt-son-ha"), "1.2", "74.75", "100"), "1.3", "53", "70")
    ids["correction"] = commit(root, "Sửa điểm tiêu chí 1.2 và 1.3 (#12)", {own: corrected},
                               who=SON_HA, date="2025-12-28T16:00:00+07:00")
    ids["scoring"] = commit(root, "Cụm chấm điểm cả năm 2025 (#15)", {RECORD: record_with_scores(scored)},
                            who=HEAD_UNIT, date="2026-01-08T09:00:00+07:00")
    code, block, err = run_cli("agree", "--year", YEAR, "--period", PERIOD, "--cluster", CLUSTER,
                               "--date", "12/01/2026", cwd=root)
    assert code == 0, err
    ids["agreement"] = commit(root, "Đối chiếu thống nhất điểm ngày 12/01/2026 (#16)",
                              {RECORD: (root / RECORD).read_text(encoding="utf-8") + block},
                              who=HEAD_UNIT, date="2026-01-12T15:00:00+07:00")
    ids["late"] = commit(root, late_subject, {own: replace_score(corrected, "1.6", "36.5", "40")},
                         who=SON_HA, date="2026-01-15T10:00:00+07:00")
    return ids


BROKEN = "unit: ttyt-dong-xuan\nyear: 2025\ncriteria:\n  \"1.1\": [không đóng ngoặc\n"


def scenario(root: Path) -> dict[str, str]:
    """A year of one cluster as pull requests would make it; returns the commit ids by step name.

    department  rubric, registry and covenant (no pull request)
    son-ha      ttyt-son-ha submits (squash merge, #3)
    tan-lap     ttyt-tan-lap submits on a branch, merged with "Merge pull request #7 from …"
    broken      ttyt-dong-xuan pushes a file that is not even YAML (no pull request)
    correction  ttyt-son-ha corrects 1.2 and 1.3 (squash, #12)
    scoring     the cluster head records the cluster scores of both (squash, #15)
    agreement   the cluster head records the agreement, digests from `agree` (squash, #16)
    late        ttyt-son-ha changes 1.6 after the agreement (squash, #18)
    """
    init(root)
    ids = {"department": commit(root, "Sở Y tế: bộ tiêu chí, danh sách cụm và giao ước năm 2025", department_files(),
                                date="2025-01-17T08:00:00+07:00")}
    own = f"{SUBMISSIONS}/ttyt-son-ha.yaml"
    ids["son-ha"] = commit(root, "Nộp bản tự chấm cả năm 2025 (#3)", {own: submission("ttyt-son-ha")},
                           who=SON_HA, date="2025-12-20T09:00:00+07:00")
    git(root, "checkout", "-q", "-b", "nop-bai")
    ids["tan-lap-branch"] = commit(root, "Nộp bản tự chấm của TTYT Tân Lập",
                                   {f"{SUBMISSIONS}/ttyt-tan-lap.yaml": submission("ttyt-tan-lap")},
                                   who=TAN_LAP, date="2025-12-21T10:00:00+07:00")
    git(root, "checkout", "-q", "main")
    ids["tan-lap"] = merge(root, "nop-bai", "Merge pull request #7 from ttyttanlap-tdkt/nop-bai\n\nNộp bài Tân Lập",
                           date="2025-12-22T14:30:00+07:00")
    ids["broken"] = commit(root, "Nộp bài Đồng Xuân", {f"{SUBMISSIONS}/ttyt-dong-xuan.yaml": BROKEN},
                           who=DONG_XUAN, date="2025-12-23T08:00:00+07:00")
    ids.update(correct_score_agree_late(root, own, ["ttyt-son-ha", "ttyt-tan-lap"], "Bổ sung minh chứng 1.6 (#18)"))
    return ids
