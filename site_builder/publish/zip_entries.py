"""Zip archives put together from deflated entries, so that an entry can go from one archive into another
without being inflated and deflated again.

A rebuild writes each kept year's workbook again for the new commit (publish/year_reuse.py), and only
two small entries of it change: the commit in the shared strings and the time in the properties.
Python's zipfile writes an entry only by compressing it, and compressing a year's sheet of scores again
was most of the half second each kept year cost a rebuild.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import NamedTuple

# Deflate level of every entry: 3 compresses a year's workbook more than twice as fast as the default (6),
# for a file a sixth larger.
LEVEL = 3
_LOCAL, _CENTRAL, _END = 0x04034B50, 0x02014B50, 0x06054B50
_VERSION = 20  # what the entries need: deflate, nothing newer


class Entry(NamedTuple):
    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, data: bytes) -> Entry:
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # raw deflate, as zip holds it
    return Entry(name, zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def inflate(entry: Entry) -> bytes:
    return zlib.decompress(entry.deflated, -15)


def entries(data: bytes) -> list[Entry]:
    """The entries of an archive this module wrote, still deflated."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    found = []
    for info in infos:
        name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
        start = info.header_offset + 30 + name_length + extra_length
        found.append(Entry(info.filename, info.CRC, info.file_size, data[start:start + info.compress_size]))
    return found


def archive(items: list[Entry], when: tuple) -> bytes:
    """The zip of `items` in this order, each dated `when` (year, month, day, hour, minute, second)."""
    time = when[3] << 11 | when[4] << 5 | when[5] // 2
    date = (when[0] - 1980) << 9 | when[1] << 5 | when[2]
    body, directory = bytearray(), bytearray()
    for item in items:
        name = item.name.encode("ascii")  # the workbook's part names: no flag for UTF-8 names needed
        fields = (8, time, date, item.crc, len(item.deflated), item.size, len(name), 0)
        directory += struct.pack("<IHHH", _CENTRAL, _VERSION, _VERSION, 0) + struct.pack("<HHHIIIHH", *fields)
        directory += struct.pack("<HHHII", 0, 0, 0, 0, len(body)) + name
        body += struct.pack("<IHH", _LOCAL, _VERSION, 0) + struct.pack("<HHHIIIHH", *fields) + name + item.deflated
    end = struct.pack("<IHHHHIIH", _END, 0, 0, len(items), len(items), len(directory), len(body), 0)
    return bytes(body + directory + end)
