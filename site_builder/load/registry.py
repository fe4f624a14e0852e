"""The Department's decision of a year: clusters, their members, head, deputy and accounts."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder import layout
from site_builder.load.yamlfile import Document
from site_builder.problems import Problem
from site_builder.validate.documents import load_validated

KIND_NAMES = {
    "benh-vien": "Bệnh viện", "trung-tam-y-te": "Trung tâm Y tế", "trung-tam": "Trung tâm chuyên ngành",
    "chi-cuc": "Chi cục", "truong": "Trường", "khac": "Đơn vị khác",
}


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    accounts: list[str] = field(default_factory=list)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass
class Cluster:
    id: str
    name: str
    head: str
    deputy: str | None
    members: list[Unit]
    accounts: list[str] = field(default_factory=list)

    @property
    def member_ids(self) -> list[str]:
        return [u.id for u in self.members]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.members if u.id == unit_id), None)

    def head_accounts(self) -> list[str]:
        """Who may edit the cluster's records: its own accounts and the head unit's."""
        head = self.unit(self.head)
        return sorted(set(self.accounts) | set(head.accounts if head else []))


@dataclass
class Registry:
    year: int
    department: str
    department_accounts: list[str]
    clusters: list[Cluster]
    settings: dict = field(default_factory=dict)
    example: bool = False
    path: str = ""
    doc: Document | None = field(default=None, repr=False, compare=False)

    def cluster(self, cluster_id: str) -> Cluster | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def cluster_of(self, unit_id: str) -> Cluster | None:
        return next((c for c in self.clusters if unit_id in c.member_ids), None)

    def unit(self, unit_id: str) -> Unit | None:
        cluster = self.cluster_of(unit_id)
        return cluster.unit(unit_id) if cluster else None


def load_registry(root: Path, year: int) -> tuple[Registry | None, Document | None]:
    path = layout.registry_path(root, year)
    if not path.exists():
        return None, None
    doc = load_validated(path, layout.rel(root, path), "registry.schema.json", "Danh sách cụm: ")
    if any(p.is_error for p in doc.problems):
        return None, doc
    registry = _build(doc)
    registry.doc = doc
    doc.problems.extend(_consistency(doc, registry, year))
    return registry, doc


def _build(doc: Document) -> Registry:
    data = doc.data
    clusters = [
        Cluster(c["id"], c["name"], c["head"], c.get("deputy"),
                [Unit(u["id"], u["name"], u["kind"], list(u.get("accounts", []))) for u in c["members"]],
                list(c.get("accounts", [])))
        for c in data["clusters"]
    ]
    return Registry(data["year"], data["department"]["name"], list(data["department"]["accounts"]),
                    clusters, dict(data.get("settings", {})), bool(data.get("example")), doc.path)


def _consistency(doc: Document, registry: Registry, year: int) -> list[Problem]:
    found, seen_units, seen_clusters = [], {}, set()
    if registry.year != year:
        # A list copied to the next year's folder and not edited would decide that year's membership.
        found.append(_problem(doc, ("year",), f"'year: {registry.year}' không khớp với thư mục năm '{year}' của đường dẫn."))
    for i, cluster in enumerate(registry.clusters):
        at = ("clusters", i)
        if cluster.id in seen_clusters:
            found.append(_problem(doc, at + ("id",), f"Mã cụm '{cluster.id}' bị lặp lại."))
        seen_clusters.add(cluster.id)
        for role, unit_id in (("head", cluster.head), ("deputy", cluster.deputy)):
            if unit_id and unit_id not in cluster.member_ids:
                found.append(_problem(doc, at + (role,), f"Cụm '{cluster.id}': {'cụm trưởng' if role == 'head' else 'cụm phó'} '{unit_id}' không phải thành viên của cụm."))
        for j, unit in enumerate(cluster.members):
            if unit.id in seen_units:
                found.append(_problem(doc, at + ("members", j, "id"), f"Đơn vị '{unit.id}' có ở cả cụm '{seen_units[unit.id]}' và cụm '{cluster.id}'; mỗi năm một đơn vị chỉ thuộc một cụm."))
            seen_units.setdefault(unit.id, cluster.id)
    return found


def _problem(doc: Document, at: tuple, message: str) -> Problem:
    line, col = doc.where(at)
    return Problem(doc.path, line, col, "Danh sách cụm: " + message, code="registry.consistency")
