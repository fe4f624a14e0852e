"""Write-ups checked against their path, the year's clusters and the rubric the unit is scored by."""
from __future__ import annotations

from decimal import Decimal

from site_builder.load import text as textmod
from site_builder.load.writeups import Writeup, WriteupFile, build_writeup, parse_date, read_writeup, writeup_files
from site_builder.problems import WARNING, Problem
from site_builder.validate.documents import package_validator
from site_builder.validate.schema_errors import Prefixed, schema_problems
from site_builder.validate.markdown_links import link_problems

PREFIX = "Bài viết: "
PLACE = "tệp phải nằm ở writeups/<năm>/<mã đơn vị>--<tên-ngắn>.md (chữ thường, không dấu, nối bằng '-')."


def checked_writeups(repo) -> tuple[list[Writeup], list[Problem]]:
    """The write-ups fit to publish, and every problem of every write-up file."""
    good, problems = [], []
    for path in writeup_files(repo.root):
        read = read_writeup(repo.root, path)
        found = check_read(repo, read)
        problems += found
        if not any(p.is_error for p in found):
            good.append(build_writeup(read))
    return good, problems


def check_writeups(repo) -> list[Problem]:
    return checked_writeups(repo)[1]


def check_read(repo, read: WriteupFile) -> list[Problem]:
    doc = read.doc
    path = [] if read.place else [Problem(read.path, 1, 1, PREFIX + PLACE, code="writeup.path")]
    if not doc.problems and not isinstance(doc.data, dict):
        doc.problem((), "Phần thông tin đầu bài viết phải là các dòng 'khóa: giá trị'.", code="writeup.front-matter")
    if any(p.is_error for p in doc.problems):
        return path + list(doc.problems)
    quoted = _quoted_ids(read)
    # A number where an id belongs is said once, with how to write it, not twice.
    found = quoted + [p for p in schema_problems(doc, package_validator("writeup.schema.json"), Prefixed(PREFIX))
                      if (p.line, p.col) not in {(q.line, q.col) for q in quoted}]
    if not found and not path:
        found = _place(read) + _date(read) + _membership(repo, read) + _body(read) + _links(repo, read)
    return path + list(doc.problems) + found


def _at(read: WriteupFile, at: tuple, message: str, severity: str = "error", code: str = "writeup") -> Problem:
    line, col = read.doc.where(at)
    return Problem(read.path, line, col, PREFIX + message, severity, code)


def _quoted_ids(read: WriteupFile) -> list[Problem]:
    # YAML reads 3.3 as the number 3.3 (and 3.10 as 3.1): say how to write it.
    ids = read.doc.data.get("criteria")
    if not isinstance(ids, list):
        return []
    return [_at(read, ("criteria", i), f"mã tiêu chí {value} phải đặt trong ngoặc kép: \"{value}\".", code="writeup.criterion-quote")
            for i, value in enumerate(ids) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)]


def _place(read: WriteupFile) -> list[Problem]:
    year, unit, _ = read.place
    data, found = read.doc.data, []
    if data["year"] != year:
        found.append(_at(read, ("year",), f"'year: {data['year']}' không khớp với thư mục năm '{year}' của đường dẫn.", code="writeup.year"))
    if data["unit"] != unit:
        found.append(_at(read, ("unit",), f"'unit: {data['unit']}' không khớp với tên tệp (phần trước '--' là '{unit}').", code="writeup.unit"))
    return found


def _date(read: WriteupFile) -> list[Problem]:
    value = read.doc.data["date"]
    try:
        when = parse_date(value)
    except ValueError:
        return [_at(read, ("date",), f"'{value}' không phải ngày có thật (dd/mm/yyyy).", code="writeup.date")]
    year = read.doc.data["year"]
    if when.year not in (year, year + 1):
        return [_at(read, ("date",), f"ngày {value} không thuộc năm thi đua {year} (hoặc tháng đầu năm sau).", WARNING, "writeup.date-year")]
    return []


def _membership(repo, read: WriteupFile) -> list[Problem]:
    data = read.doc.data
    year, unit, cluster = data["year"], data["unit"], data["cluster"]
    registry = repo.registry(year)
    if registry is None:
        return [_at(read, ("year",), f"chưa có danh sách cụm năm {year}: không kiểm tra được đơn vị.", code="writeup.no-registry")]
    actual = registry.cluster_of(unit)
    if actual is None:
        return [_at(read, ("unit",), f"đơn vị '{unit}' không có trong danh sách cụm năm {year}.", code="writeup.unit-unknown")]
    if actual.id != cluster:
        return [_at(read, ("cluster",), f"năm {year}, đơn vị '{unit}' thuộc cụm '{actual.id}', không phải '{cluster}'.", code="writeup.cluster")]
    rubric = repo.rubric(year, cluster)
    if rubric is None:
        return [_at(read, ("year",), f"chưa có bộ tiêu chí năm {year}.", code="writeup.no-rubric")]
    return [_at(read, ("criteria", i), f"mã tiêu chí '{cid}' không có trong bộ tiêu chí năm {year} của cụm.", code="writeup.criterion")
            for i, cid in enumerate(data["criteria"]) if cid not in rubric.by_id]


def _links(repo, read: WriteupFile) -> list[Problem]:
    return link_problems(read.path, read.body, read.body_line, repo.root, PREFIX)


def _body(read: WriteupFile) -> list[Problem]:
    if not read.body.strip():
        return [Problem(read.path, read.body_line, 1, PREFIX + "chưa có nội dung sau phần thông tin đầu bài.", code="writeup.empty")]
    for number, line in enumerate(read.body.splitlines(), read.body_line):
        if textmod.looks_legacy(line):
            return [Problem(read.path, number, 1, PREFIX + f"văn bản có vẻ gõ bằng bảng mã cũ (TCVN3/VNI) rồi bị đọc sai: «{line.strip()[:40]}». Hãy gõ lại bằng Unicode (dựng sẵn).", code="text.legacy")]
    return []
