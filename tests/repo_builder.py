"""Small real repositories for ranking tests: one cluster, a few units, files on disk.

FULL gives every criterion its best possible score under the 2025 rubric:
section 1: 550, section 2: 200 (all "tot"), section 3: 195, because 3.4.4's
highest tier gives 5 of its 10 points (3.1's children add up to 40 but the
parent is capped at 30). FULL_TOTAL = 550 + 200 + 195 = 945.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import yaml

MAIN = Path(__file__).resolve().parents[1]
FULL_TOTAL = Decimal(945)


def _full_inputs() -> dict[str, dict]:
    rubric = yaml.safe_load((MAIN / "rubric" / "2025.yaml").read_text(encoding="utf-8"))
    inputs = {}

    def walk(node):
        for child in node.get("children", []):
            walk(child)
        rule = node.get("rule")
        if rule:
            inputs[node["id"]] = _best(rule, node["max"])
    for section in rubric["sections"]:
        walk(section)
    return inputs


def _best(rule: dict, maximum) -> dict:
    kind = rule["type"]
    if kind == "assessed":
        return {"score": maximum}
    if kind == "done":
        return {"done": True}
    if kind == "levels":
        return {"level": "tot"}
    if kind == "per_item":
        return {item["key"]: 100 for item in rule["items"]}
    if kind == "deduction":
        return {rule["item"]["key"]: 0}
    return {rule["input"]["key"]: 100}


FULL = _full_inputs()


def submission(unit: str, cluster: str, changes: dict | None = None, year: int = 2025, period: str = "year") -> str:
    criteria = {cid: dict(values) for cid, values in FULL.items()}
    for cid, values in (changes or {}).items():
        # None empties an entry: a leaf the cluster turned into a parent takes no input.
        criteria[cid] = {} if values is None else criteria.get(cid, {}) | values
    data = {"unit": unit, "year": year, "period": period, "cluster": cluster, "criteria": criteria}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def registry(units: list[str], cluster: str = "cum-a", year: int = 2025, settings: str = "{flag_base: 12}") -> str:
    members = "\n".join(f"      - {{id: {u}, name: Đơn vị {u.upper()}, kind: benh-vien, accounts: [{u}-tk]}}" for u in units)
    return textwrap.dedent(f"""\
        year: {year}
        department: {{name: Sở Y tế thử nghiệm, accounts: [syt]}}
        settings: {settings}
        clusters:
          - id: {cluster}
            name: Cụm thử nghiệm
            head: {units[0]}
            members:
        """) + members + "\n"


def make_repo(root: Path, units: dict[str, dict | None], record: str = "", cluster_year: str = "", year: int = 2025, period: str = "year", settings: str = "{flag_base: 12}") -> Path:
    """A repository with the real 2025 rubric, one cluster and the given units' submissions.

    A unit mapped to None is a member that has not submitted.
    """
    shutil.copytree(MAIN / "rubric", root / "rubric")
    base = root / "clusters" / str(year)
    (base / "cum-a").mkdir(parents=True)
    (base / "registry.yaml").write_text(registry(list(units), settings=settings), encoding="utf-8")
    if record:
        (base / "cum-a" / f"{period}.yaml").write_text(textwrap.dedent(record), encoding="utf-8")
    if cluster_year:
        (base / "cum-a" / "cluster.yaml").write_text(textwrap.dedent(cluster_year), encoding="utf-8")
    folder = root / "submissions" / str(year) / period / "cum-a"
    folder.mkdir(parents=True)
    for unit, changes in units.items():
        if changes is not None:
            (folder / f"{unit}.yaml").write_text(submission(unit, "cum-a", changes, year, period), encoding="utf-8")
    return root


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "site_builder", *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=MAIN)


def digest(root: Path, unit: str, year: int = 2025, period: str = "year") -> str:
    import hashlib
    path = root / "submissions" / str(year) / period / "cum-a" / f"{unit}.yaml"
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
