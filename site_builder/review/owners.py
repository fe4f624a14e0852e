"""Whose a path is, decided from the path alone (layout.py puts every actor's files in its own place).

    submissions/<year>/<period>/<cluster>/<unit>.yaml   the unit (its own file name)
    writeups/<year>/<unit>--<slug>.md (and <unit>--…)   the unit
    clusters/<year>/<cluster>/…                        the cluster (head and its accounts)
    rubric/…, clusters/<year>/registry.yaml, .github/…, any CODEOWNERS,
    and anything else inside the data folders           the Department
    everything else (the software, the documentation)   not data: see access.py
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNIT, CLUSTER, DEPARTMENT, SOFTWARE = "unit", "cluster", "department", "software"
DATA_FOLDERS = ("submissions/", "writeups/", "clusters/", "rubric/")

_SUBMISSION = re.compile(r"^submissions/(\d{4})/[^/]+/[^/]+/([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$")
_WRITEUP = re.compile(r"^writeups/(\d{4})/([a-z0-9]+(?:-[a-z0-9]+)*)--[^/]")
_CLUSTER = re.compile(r"^clusters/(\d{4})/([^/]+)/")
_YEAR = re.compile(r"^(?:rubric|clusters|submissions|writeups)/(\d{4})(?:[./]|$)")


@dataclass(frozen=True)
class Owner:
    kind: str  # UNIT, CLUSTER, DEPARTMENT or SOFTWARE
    year: int | None = None
    id: str | None = None  # the unit or cluster id

    def describe(self) -> str:
        """What the file is, for a reader of the report or of a refusal."""
        return {
            UNIT: f"tệp của đơn vị '{self.id}'",
            CLUSTER: f"hồ sơ của cụm '{self.id}' năm {self.year}",
            DEPARTMENT: "tệp do Sở Y tế quản lý (bộ tiêu chí, danh sách cụm, cấu hình kho)",
            SOFTWARE: "mã nguồn hoặc tài liệu của phần mềm",
        }[self.kind]


def owner_of(path: str) -> Owner:
    if path.split("/")[-1] == "CODEOWNERS":
        return Owner(DEPARTMENT)  # wherever it lies: GitHub reads it from three places
    if m := _SUBMISSION.match(path):
        return Owner(UNIT, int(m.group(1)), m.group(2))
    if m := _WRITEUP.match(path):
        return Owner(UNIT, int(m.group(1)), m.group(2))
    if m := _CLUSTER.match(path):
        return Owner(CLUSTER, int(m.group(1)), m.group(2))
    if path.startswith(DATA_FOLDERS + (".github/",)):
        year = _YEAR.match(path)
        return Owner(DEPARTMENT, int(year.group(1)) if year else None)
    return Owner(SOFTWARE)
