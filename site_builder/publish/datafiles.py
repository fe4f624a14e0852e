"""The open-data files of each year (CSV, JSON, XLSX) and the page that lists them.

Each file is written byte-for-byte the same for the same commit: the XLSX
zip's entries and properties carry the commit's time (publish/xlsx.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

from site_builder.publish.opendata import (NOMINATION_COLUMNS, SCORE_COLUMNS, nomination_rows, ranking_columns,
                                           ranking_rows, score_rows, year_json)
from site_builder.publish.xlsx import workbook
from site_builder.render import links


def csv_bytes(columns: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # With a BOM, Excel opens the file as UTF-8 instead of mangling the Vietnamese.
    return buffer.getvalue().encode("utf-8-sig")


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _cell(value):
    """Scores go into the sheet as exact numbers, so that a spreadsheet can add them up."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return Decimal(value)
    return value


def readable_json(value, indent: str = "") -> str:
    """JSON laid out like indent=1, except that a group that fits on a line stays on one line.

    json.dumps(indent=2) goes through the pure-Python encoder: 3 s a year of the
    stress repository (30,000 score rows). Here each group is encoded by the C
    encoder; one score row per line also reads and diffs better.
    """
    compact = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not value or len(compact) <= 500:
        return compact
    inner = indent + " "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {readable_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + readable_json(v, inner) for v in value) + "\n" + indent + "]"


def xlsx_bytes(sheets: list[tuple[str, list[str], list[dict]]], commit) -> bytes:
    # Zip entries carry local wall-clock time: the commit's, in Vietnam, whatever the machine's zone.
    stamp = commit.moment
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    iso = dt.datetime.fromtimestamp(commit.epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    rows = [(title, [columns] + [[_cell(row.get(c, "")) for c in columns] for row in found]) for title, columns, found in sheets]
    return workbook(rows, "site_builder", when, iso)


def write_open_data(out, data) -> None:
    files = []
    for year in data.years:
        scores, rankings, nominations = score_rows(data, year), ranking_rows(data, year), nomination_rows(data, year)
        named = {
            "csv_scores": (f"diem-{year}.csv", csv_bytes(SCORE_COLUMNS, scores)),
            "csv_rankings": (f"xep-hang-{year}.csv", csv_bytes(ranking_columns(data, year), rankings)),
            "csv_nominations": (f"de-nghi-{year}.csv", csv_bytes(NOMINATION_COLUMNS, nominations)),
            "json": (f"thi-dua-{year}.json", (readable_json(year_json(data, year)) + "\n").encode("utf-8")),
            "xlsx": (f"thi-dua-{year}.xlsx", xlsx_bytes([("Xếp hạng", ranking_columns(data, year), rankings),
                                                         ("Điểm", SCORE_COLUMNS, scores),
                                                         ("Đề nghị", NOMINATION_COLUMNS, nominations)], data.commit)),
        }
        for name, content in named.values():
            out.bytes(links.data_file(year, name), content)
        files.append({"year": year, "files": {k: (links.data_file(year, n), len(c)) for k, (n, c) in named.items()},
                      "counts": {"scores": len(scores), "rankings": len(rankings), "nominations": len(nominations)}})
    out.page(links.OPEN_DATA, "site/opendata.md.j2", files=list(reversed(files)),
             score_columns=SCORE_COLUMNS, nomination_columns=NOMINATION_COLUMNS)
