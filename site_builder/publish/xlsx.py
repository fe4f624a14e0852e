"""A small XLSX writer for the open data: text and exact numbers in rows, a few sheets, nothing else.

openpyxl builds a cell object per value and serialises it through a pure-Python
XML writer: on the stress repository (30,000 score rows a year) that took 5 s
a year, most of page generation. The open data needs none of what it offers
(styles, formulas, widths): here each sheet's XML is written as text, every
string escaped, into a zip whose entries carry the commit's time, so that the
same commit gives the same bytes. Strings are inline (t="inlineStr"), which
every spreadsheet reads, except the few given as shared (the commit each row
names): a rebuild then changes the small table of shared strings, not the
sheets (publish/zip_entries.py). Numbers are written exactly as the Decimal says.
"""
from __future__ import annotations

import datetime as dt
import re
from itertools import zip_longest
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from site_builder.publish.zip_entries import archive, deflate, entries, inflate

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# The entries that name the commit: the shared strings and the properties' time.
STAMPED = frozenset({"docProps/core.xml", "xl/sharedStrings.xml"})
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot hold at all (openpyxl refuses them too): dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _content(value, shared: dict[str, int]) -> str:
    """A cell after its reference: its type and value."""
    if type(value) is str and value in shared:
        return f' t="s"><v>{shared[value]}</v></c>'
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, Decimal)):
        return f'><v>{format(Decimal(value), "f")}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))
    return f' t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


_ROW = "\x00"  # where a cell's row number goes: a character no cell can hold (_ILLEGAL)


def sheet_xml(rows: list[list], convert=None, shared: dict[str, int] | None = None) -> str:
    """The sheet of `rows`; `convert` (if given) turns each value into what the cell holds; a string
    in `shared` is written as its index in the shared strings.

    A sheet of scores holds the same few hundred values in row after row: each
    column's cells are written once per distinct value, with the row number put
    in afterwards, a row at a time."""
    letters = [column(i) for i in range(max((len(r) for r in rows), default=0))]
    columns = []
    for i, values in enumerate(zip_longest(*rows)):
        # Strings are their own keys; anything else carries its type (True == 1) and text (Decimal 1 == 1.0).
        keys = values if all(type(v) is str for v in values) else [
            v if type(v) is str else (type(v), v, str(v)) for v in values]
        written = {}
        for key, value in zip(keys, values):
            if key not in written:
                held = convert(value) if convert else value
                written[key] = "" if held is None or held == "" else f'<c r="{letters[i]}{_ROW}"{_content(held, shared or {})}'
        columns.append([written[k] for k in keys])
    body = "".join(f'<row r="{n}">' + "".join(cells).replace(_ROW, str(n)) + "</row>"
                   for n, cells in enumerate(zip(*columns), start=1))
    return f'{HEAD}<worksheet xmlns="{MAIN_NS}"><sheetData>{body}</sheetData></worksheet>'


def _package(names: list[str], creator: str, iso_time: str, shared: list[str]) -> dict[str, str]:
    count = len(names)
    sheets = "".join(f'<sheet name={quoteattr(n)} sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{DOC_TYPE}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>' for i in range(1, count + 1))
    return {
        "[Content_Types].xml": f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/>{overrides}</Types>',
        "_rels/.rels": f'{HEAD}<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{DOC_TYPE}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:creator>{escape(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{iso_time}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso_time}</dcterms:modified></cp:coreProperties>',
        "xl/sharedStrings.xml": f'{HEAD}<sst xmlns="{MAIN_NS}" uniqueCount="{len(shared)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in shared) + "</sst>",
        "xl/workbook.xml": f'{HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'{HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}'
        f'<Relationship Id="rId{count + 1}" Type="{DOC_TYPE}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{DOC_TYPE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        # The smallest stylesheet spreadsheets accept: one font, the two fills Excel requires, one style.
        "xl/styles.xml": f'{HEAD}<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    }


def xlsx_times(commit) -> tuple[tuple, str]:
    """The entries' date (local wall-clock time: the commit's, in Vietnam, whatever the machine's
    zone) and the properties' time (UTC) of a workbook built from `commit`."""
    stamp = commit.moment
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    return when, dt.datetime.fromtimestamp(commit.epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def workbook(sheets: list[tuple[str, list[list]]], creator: str, when: tuple, iso_time: str, convert=None,
             shared: list[str] = ()) -> bytes:
    """The .xlsx bytes of `sheets` (name, rows); zip entries dated `when` (a zipfile date_time);
    `convert` as for sheet_xml; the strings in `shared` (none of them "") go in the shared strings."""
    parts = _package([name for name, _ in sheets], creator, iso_time, list(shared))
    index = {text: i for i, text in enumerate(shared)}
    parts.update({f"xl/worksheets/sheet{i}.xml": sheet_xml(rows, convert, index) for i, (_, rows) in enumerate(sheets, 1)})
    return archive([deflate(name, text.encode("utf-8")) for name, text in parts.items()], when)


def restamped(data: bytes, change, when: tuple) -> bytes:
    """The workbook `data` with `change` (bytes to bytes) made to the entries that name the commit, all
    entries dated `when`; the sheets go over as they are, still deflated."""
    return archive([deflate(e.name, change(inflate(e))) if e.name in STAMPED else e for e in entries(data)], when)
