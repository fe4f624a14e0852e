"""The open-data files of each year (CSV, JSON, XLSX) and the page that lists them.

Each file is written byte-for-byte the same for the same commit: the XLSX
zip's entries and properties carry the commit's time (publish/xlsx.py).
"""
from __future__ import annotations

import csv
import io
import json
import re
from json.encoder import c_make_encoder, encode_basestring
from decimal import Decimal

from site_builder.publish.opendata import (NOMINATION_COLUMNS, SCORE_COLUMNS, nomination_rows, ranking_columns,
                                           ranking_rows, score_rows, year_json)
from site_builder.publish.xlsx import workbook, xlsx_times
from site_builder.render import links


def table(columns: list[str], rows: list[dict]) -> list[list]:
    """The rows as lists in the order of the columns, a missing value empty: what the CSV and the sheet write."""
    return [[row.get(c, "") for c in columns] for row in rows]


def csv_bytes(columns: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    # With a BOM, Excel opens the file as UTF-8 instead of mangling the Vietnamese.
    return buffer.getvalue().encode("utf-8-sig")


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _cell(value):
    """Scores go into the sheet as exact numbers, so that a spreadsheet can add them up."""
    if type(value) is str and _NUMBER.fullmatch(value):
        return Decimal(value)
    return value


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(value, ensure_ascii=False), less a new encoder each call
# What that encoder's encode() makes and calls for each value, made once: a third of the time of a
# year's 30,000 score rows went into making it again for every row.
_C_ENCODER = c_make_encoder and c_make_encoder(None, _ENCODER.default, encode_basestring, None, ": ", ", ",
                                               False, False, True)


def _encode(value) -> str:
    """json.dumps(value, ensure_ascii=False) of anything but a string."""
    return "".join(_C_ENCODER(value, 0)) if _C_ENCODER else _ENCODER.encode(value)


def _compact(value) -> str:
    if type(value) is str:
        return encode_basestring(value)  # what the encoder does with a string
    return _encode(value)


def readable_json(value, indent: str = "") -> str:
    """JSON laid out like indent=1, except that a group that fits on a line stays on one line.

    json.dumps(indent=2) goes through the pure-Python encoder: 3 s a year of the
    stress repository (30,000 score rows). Here each group is encoded by the C
    encoder; one score row per line also reads and diffs better.
    """
    return _layout(value, indent)[0]


_FLAT = frozenset({str, int, float, bool, type(None)})  # what the encoder writes as it is, nothing nested


def _layout(value, indent: str) -> tuple[str, bool]:
    """(text, on one line): a group's one-line form is put together from its members' (json.dumps's
    own separators), so each row is encoded once rather than once more for every group around it."""
    if not isinstance(value, (dict, list)) or not value:
        return _compact(value), True
    is_dict = isinstance(value, dict)
    members = value.values() if is_dict else value
    types = set(map(type, members))  # by type, in C: a score row is 12 values, and there are 30,000 a year
    nested = not types <= _FLAT and any(issubclass(t, (dict, list)) for t in types)
    inner = indent + " "
    if not nested or (is_dict and set(map(type, value)) != {str}):
        compact = _compact(value)  # nothing nested (or keys json.dumps converts): encoded at once
        if len(compact) <= 500:
            return compact, True
        laid = [_layout(v, inner) for v in members]
    else:
        laid = []
        for v in members:
            if type(v) in _FLAT:
                laid.append((_compact(v), True))
            elif type(v) is dict and set(map(type, v.values())) <= _FLAT:
                text = _encode(v)  # a row of plain values: _layout's first case, without the call
                laid.append((text, True) if len(text) <= 500 else _layout(v, inner))
            else:
                laid.append(_layout(v, inner))
        # The members side by side are longer still: 30,000 score rows are not joined on one line first.
        if all(one_line for _, one_line in laid) and sum(len(text) for text, _ in laid) <= 500:
            if is_dict:
                compact = "{" + ", ".join(f"{encode_basestring(k)}: {text}" for k, (text, _) in zip(value, laid)) + "}"
            else:
                compact = "[" + ", ".join(text for text, _ in laid) + "]"
            if len(compact) <= 500:
                return compact, True
    if is_dict:
        items = [f"{inner}{_compact(k)}: {text}" for k, (text, _) in zip(value, laid)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}", False
    return "[\n" + ",\n".join(inner + text for text, _ in laid) + "\n" + indent + "]", False


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list]]], commit) -> bytes:
    when, iso = xlsx_times(commit)
    # _cell leaves the column names as text: none of them looks like a number.
    rows = [(title, [columns] + found) for title, columns, found in sheets]
    # The commit each row names is a shared string: a rebuild that keeps the year changes only that.
    return workbook(rows, "site_builder", when, iso, _cell, [commit.sha] if commit.sha else [])


def write_open_data(out, data) -> list[dict]:
    files = write_open_data_files(out, data)
    write_open_data_page(out, files)
    return files


def write_open_data_files(out, data, kept: bool = True) -> list[dict]:
    """Each year's files; what the page says of them (generate.py may run this in a process of its own).
    The years kept from the last build are copied with the new commit (YearReuse.adopt_data), unless
    `kept` is False: the caller copies them."""
    files = []
    for year in data.years:
        if data.kept(year):
            if kept:
                files.append(data.reuse.adopt_data(out, year))
            continue
        scores, rankings, nominations = score_rows(data, year), ranking_rows(data, year), nomination_rows(data, year)
        columns = ranking_columns(data, year)
        score_table, ranking_table, nomination_table = (table(SCORE_COLUMNS, scores), table(columns, rankings),
                                                        table(NOMINATION_COLUMNS, nominations))
        named = {
            "csv_scores": (f"diem-{year}.csv", csv_bytes(SCORE_COLUMNS, score_table)),
            "csv_rankings": (f"xep-hang-{year}.csv", csv_bytes(columns, ranking_table)),
            "csv_nominations": (f"de-nghi-{year}.csv", csv_bytes(NOMINATION_COLUMNS, nomination_table)),
            "json": (f"thi-dua-{year}.json", (readable_json(year_json(data, year, scores)) + "\n").encode("utf-8")),
            "xlsx": (f"thi-dua-{year}.xlsx", xlsx_bytes([("Xếp hạng", columns, ranking_table),
                                                         ("Điểm", SCORE_COLUMNS, score_table),
                                                         ("Đề nghị", NOMINATION_COLUMNS, nomination_table)], data.commit)),
        }
        for name, content in named.values():
            out.bytes(links.data_file(year, name), content)
        files.append({"year": year, "files": {k: (links.data_file(year, n), len(c)) for k, (n, c) in named.items()},
                      "counts": {"scores": len(scores), "rankings": len(rankings), "nominations": len(nominations)}})
    return files


def write_open_data_page(out, files: list[dict]) -> None:
    out.page(links.OPEN_DATA, "site/opendata.md.j2", files=list(reversed(files)),
             score_columns=SCORE_COLUMNS, nomination_columns=NOMINATION_COLUMNS)
