"""Who may change what, judged on the registries as they were BEFORE the pull request.

Reading the registries at the base commit means a pull request cannot add
its author's account to a unit and use it in the same breath. Logins are
compared case-insensitively, as GitHub does.

Rules (owners.py says whose each path is):
- a unit's accounts: its own submissions (any year and period, file named by
  its id) and its own write-ups; the year's registry decides, or the newest
  one at the base when that year has none yet (a unit keeps its accounts);
- a cluster's accounts (Cluster.head_accounts()): clusters/<year>/<cluster>/;
- the Department's accounts: rubric/, the registries, .github/, CODEOWNERS
  and anything else in the data folders;
- the software and its documentation: anyone but the accounts of units and
  clusters, who may change only their own files; those changes are reviewed
  as code, under CODEOWNERS.
A rename or a deletion counts for the path left as well as the path reached.
"""
from __future__ import annotations

from site_builder.history.log import FileChange
from site_builder.load.registry import Registry
from site_builder.problems import Problem
from site_builder.review.owners import CLUSTER, DEPARTMENT, SOFTWARE, UNIT, Owner, owner_of

VERBS = {"A": "thêm", "M": "sửa", "T": "sửa", "D": "xóa", "C": "sao chép thành"}


class Rights:
    def __init__(self, registries: dict[int, Registry], actor: str):
        self.registries = registries
        self.actor = actor.casefold()
        self.newest = registries[max(registries)] if registries else None

    def has(self, accounts: list[str]) -> bool:
        return self.actor in {a.casefold() for a in accounts}

    def department(self, year: int | None) -> list[str]:
        registry = self.registries.get(year) or self.newest
        return registry.department_accounts if registry else []

    def unit(self, year: int, unit: str):
        registry = self.registries.get(year) or self.newest
        return registry.unit(unit) if registry else None

    def cluster(self, year: int, cluster: str):
        registry = self.registries.get(year)
        return registry.cluster(cluster) if registry else None

    @property
    def is_member_account(self) -> bool:
        """Does the actor speak for a unit or a cluster (and not for the Department)?"""
        if any(self.has(r.department_accounts) for r in self.registries.values()):
            return False
        return any(self.has(c.accounts) or any(self.has(u.accounts) for u in c.members)
                   for r in self.registries.values() for c in r.clusters)


def check_access(registries: dict[int, Registry], actor: str, changes: list[FileChange]) -> list[Problem]:
    """One problem per path the actor may not touch; an empty list means the pull request may go on."""
    rights, found = Rights(registries, actor), []
    for change in changes:
        for path, verb in _touched(change):
            refusal = _refusal(rights, owner_of(path))
            if refusal:
                found.append(Problem(path, 1, 1, f"Tài khoản '{actor}' không được {verb} tệp này: {refusal}", code="access.denied"))
    return found


def _touched(change: FileChange) -> list[tuple[str, str]]:
    if change.status == "R":
        return [(change.old_path, f"đổi tên (chuyển đi thành {change.path})"), (change.path, f"đổi tên (từ {change.old_path}) thành")]
    return [(change.path, VERBS.get(change.status, "sửa"))]


def _refusal(rights: Rights, owner: Owner) -> str | None:
    """Why not, in one Vietnamese sentence; None when allowed."""
    if owner.kind == UNIT:
        unit = rights.unit(owner.year, owner.id)
        if unit is None:
            return f"đơn vị '{owner.id}' không có trong danh sách cụm năm {owner.year} (đọc ở commit gốc)."
        return None if rights.has(unit.accounts) else f"đây là {owner.describe()}; chỉ tài khoản của đơn vị đó được sửa ({_list(unit.accounts)})."
    if owner.kind == CLUSTER:
        cluster = rights.cluster(owner.year, owner.id)
        if cluster is None:
            return f"cụm '{owner.id}' không có trong danh sách cụm năm {owner.year} (đọc ở commit gốc); chỉ Sở Y tế lập cụm mới."
        return None if rights.has(cluster.head_accounts()) else f"đây là {owner.describe()}; chỉ Cụm trưởng được sửa ({_list(cluster.head_accounts())})."
    if owner.kind == DEPARTMENT:
        accounts = rights.department(owner.year)
        return None if rights.has(accounts) else f"đây là {owner.describe()}; chỉ tài khoản của Sở Y tế được sửa ({_list(accounts)})."
    if owner.kind == SOFTWARE and rights.is_member_account:
        return "tài khoản của đơn vị hoặc của Cụm chỉ được sửa tệp của chính mình, không sửa phần mềm hay tài liệu."
    return None


def _list(accounts: list[str]) -> str:
    return ", ".join(accounts) if accounts else "chưa có tài khoản nào"
