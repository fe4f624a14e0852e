"""One submission file: schema, place in the tree, and every score recomputed."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from site_builder import layout
from site_builder.load.rubric import Rubric
from site_builder.load.repository import Repository
from site_builder.load.yamlfile import Document
from site_builder.numbers import fmt, fmt_yaml
from site_builder.problems import Problem
from site_builder.score.rules import leaf_score
from site_builder.score.tree import roll_up
from site_builder.validate.evidence import check_evidence
from site_builder.validate.schema_errors import Vocabulary, schema_problems


@dataclass
class CheckedSubmission:
    doc: Document
    file: Path | None = None
    place: layout.SubmissionPlace | None = None
    rubric: Rubric | None = None
    scores: dict[str, Decimal] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.doc.problems)

    @property
    def data(self) -> dict:
        return self.doc.data


class SubmissionWords(Vocabulary):
    def __init__(self, rubric: Rubric):
        self.rubric = rubric

    def prefix(self, at: tuple) -> str:
        if len(at) >= 2 and at[0] == "criteria" and at[1] in self.rubric.by_id:
            c = self.rubric.by_id[at[1]]
            return f"Tiêu chí {c.id} (tối đa {fmt(c.max)}): "
        return ""

    def missing(self, at: tuple, key: str) -> str:
        if at == ("criteria",) and key in self.rubric.by_id:
            c = self.rubric.by_id[key]
            return f"tiêu chí {key} «{_short(c.title)}» (tối đa {fmt(c.max)})"
        return f"'{key}'"

    def _section(self, at: tuple, key: str) -> bool:
        found = self.rubric.by_id.get(key)
        return at == ("criteria",) and found is not None and found.is_section

    def suggests(self, at: tuple, key: str) -> bool:
        return not self._section(at, key)

    def unknown(self, at: tuple, key: str) -> str:
        if self._section(at, key):
            # Else the nearest id is offered ('1' → '3.1'), which helps nobody.
            return f"'{key}' là mã của Mục {key}, không phải một tiêu chí: điểm của mục là tổng các tiêu chí, không ghi riêng."
        if at == ("criteria",):
            return f"mã tiêu chí '{key}' không có trong bộ tiêu chí năm {self.rubric.year}."
        return f"khóa '{key}' không có trong mẫu."


def _short(title: str, size: int = 60) -> str:
    return title if len(title) <= size else title[: size - 1].rstrip() + "…"


def check_submission(repo: Repository, path: Path) -> CheckedSubmission:
    shown = layout.rel(repo.root, path)
    checked = CheckedSubmission(repo.submission_document(path, shown), Path(path))
    doc = checked.doc
    if not checked.ok:
        return checked
    checked.place = layout.submission_place(shown)
    if checked.place is None:
        doc.problem((), "Tệp nộp phải nằm ở submissions/<năm>/<h1|year>/<mã cụm>/<mã đơn vị>.yaml (chữ thường, không dấu).", code="place.path")
    if not isinstance(doc.data, dict):
        doc.problem((), "Tệp nộp phải là một nhóm 'khóa: giá trị' (unit, year, period, cluster, criteria).", code="schema.type")
        return checked
    checked.rubric = _rubric(checked, repo)
    if checked.rubric is None:
        return checked
    found = schema_problems(doc, repo.validator(checked.rubric), SubmissionWords(checked.rubric))
    doc.problems.extend(found)
    _check_place(checked)
    _check_membership(checked, repo)
    check_evidence(checked.doc, repo.root)
    if not found:
        _recompute(checked)
    return checked


def _rubric(checked: CheckedSubmission, repo: Repository) -> Rubric | None:
    doc = checked.doc
    year = doc.data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        year = checked.place.year if checked.place else None
    cluster = checked.place.cluster if checked.place else None
    rubric = repo.rubric(year, cluster) if year else None
    if rubric is None:
        known = ", ".join(map(str, repo.rubrics.years())) or "chưa có"
        doc.problem(("year",), f"Không có bộ tiêu chí cho năm {year} (các năm có: {known}).", code="rubric.year")
    return rubric


def _check_place(checked: CheckedSubmission) -> None:
    place, data, doc = checked.place, checked.doc.data, checked.doc
    if place is None:
        return
    expected = {"year": place.year, "period": place.period, "cluster": place.cluster, "unit": place.unit}
    said = {"year": "thư mục năm", "period": "thư mục kỳ", "cluster": "thư mục cụm", "unit": "tên tệp"}
    for key, value in expected.items():
        # A value of the wrong kind ("2025" in quotes, a list) is the schema's to explain, once.
        if key in data and _same_kind(data[key], value) and data[key] != value:
            doc.problem((key,), f"'{key}: {data[key]}' không khớp với {said[key]} '{value}' của đường dẫn.", code=f"place.{key}")


def _same_kind(written, expected) -> bool:
    return type(written) is type(expected)


def _check_membership(checked: CheckedSubmission, repo: Repository) -> None:
    place = checked.place
    if place is None or not (repo.root / "clusters").is_dir():
        return
    registry = repo.registry(place.year)
    if registry is None:
        checked.doc.problem(("cluster",), f"Chưa có danh sách cụm năm {place.year} (clusters/{place.year}/registry.yaml): không kiểm tra được đơn vị thuộc cụm nào.", "warning", code="place.no-registry")
        return
    actual = registry.cluster_of(place.unit)
    if actual is None:
        checked.doc.problem(("unit",), f"Đơn vị '{place.unit}' không có trong danh sách cụm năm {place.year}{_other_years(repo, place)}.", code="place.not-member")
    elif actual.id != place.cluster:
        checked.doc.problem(("cluster",), f"Năm {place.year}, đơn vị '{place.unit}' thuộc cụm '{actual.id}', không phải cụm '{place.cluster}': hãy chuyển tệp sang submissions/{place.year}/{place.period}/{actual.id}/.", code="place.wrong-cluster")


def _other_years(repo: Repository, place: layout.SubmissionPlace) -> str:
    """' (năm 2024 thuộc cụm …)': a unit that left, or has not joined yet, is told where it was."""
    seen = []
    for year in layout.registry_years(repo.root):
        registry = repo.registry(year) if year != place.year else None
        cluster = registry.cluster_of(place.unit) if registry else None
        if cluster:
            seen.append(f"năm {year} thuộc cụm '{cluster.id}'")
    return f" ({'; '.join(seen)})" if seen else ""


def _recompute(checked: CheckedSubmission) -> None:
    rubric, entries = checked.rubric, checked.doc.data["criteria"]
    leaves = {c.id: leaf_score(c, entries[c.id]) for c in rubric.leaves}
    checked.scores = roll_up(rubric, leaves)
    for cid, entry in entries.items():
        claimed = entry.get("self_score")
        if claimed is not None and claimed != checked.scores[cid]:
            c = rubric.by_id[cid]
            # Figures as typed in the file (8.5, not 8,5): a unit copies them back into YAML.
            checked.doc.problem(("criteria", cid, "self_score"), f"Tiêu chí {cid} (tối đa {fmt(c.max)}): điểm tự chấm ghi {fmt_yaml(claimed)} nhưng tính lại từ số liệu được {fmt_yaml(checked.scores[cid])}.", code="score.mismatch")
    _ignored_scores(checked.doc, rubric, entries)


def _ignored_scores(doc, rubric, entries: dict) -> None:
    for cid, entry in entries.items():
        if entry.get("not_applicable") is True and "score" in entry:
            doc.problem(("criteria", cid, "score"), f"Tiêu chí {cid}: đã ghi not_applicable: true (được tối đa {fmt(rubric.by_id[cid].max)}) nên điểm score bị bỏ qua; hãy xóa một trong hai dòng.", "warning", code="score.ignored")
