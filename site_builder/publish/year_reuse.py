"""A year whose inputs did not change keeps the pages and files the last build wrote for it.

A rebuild after a pull request usually changes one year. On the stress repository
(3,000 scorecards over five years) writing the scorecards, cluster pages, change
logs and open data of the other four years again was most of page generation.

What a year's pages and files (`year_of`) show comes from:
- the code and templates that write them, and mkdocs.yml (forge links, site name);
- the files of that year and of the year before (a scorecard compares with the year
  before), the rubric and the write-ups;
- which of those years' deadlines have passed on the data date: the date's only use
  in a ranking (rank/meeting.py);
- the years, periods and units the site has (the pages link to them);
- the year's history entries, and the problems the checks found in those years' files.
A year's key is a digest of all that. When it equals the key of the last build, only the
commit differs: it is named in the pages' "built from" line and in every open-data row,
and is replaced there. tests/test_year_reuse.py builds after each kind of change with and
without build/ and compares the two sites byte for byte.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from site_builder.layout import PACKAGE, PERIODS
from site_builder.publish.xlsx import xlsx_times
from site_builder.rank.meeting import deadline

FILE = "years.json"
FORMAT = 1
# The pages and files of one year, as render/links.py names them (the period index pages are
# written every time: they are few).
_YEAR_FILES = re.compile(r"don-vi/[^/]+/(\d{4})-[^/]+\.md|xep-hang/(\d{4})-[^/]+/(?!index\.md$)[^/]+\.md"
                         r"|thay-doi/(\d{4})/[^/]+\.md|du-lieu/(\d{4})/[^/]+")


def year_of(source: str) -> int | None:
    match = _YEAR_FILES.fullmatch(source)
    return int(next(g for g in match.groups() if g)) if match else None


class YearReuse:
    """Which years keep their files (`kept`), and how to take them from the last build's folder."""

    def __init__(self, root: Path, data, keys: dict[int, str], footer: str, previous: dict, old_docs: Path | None):
        self.cache = Path(root) / "build" / "cache" / FILE
        self.data, self.keys, self.footer, self.previous, self.old = data, keys, footer, previous, old_docs
        self.kept = frozenset(y for y in keys if self._can_keep(y))

    @classmethod
    def plan(cls, root: Path, data, env, templates: Path | None, old_docs: Path | None) -> "YearReuse":
        footer = built_from(env, data)
        keys = year_keys(Path(root), data, templates) if data.commit.sha else {}
        cache = Path(root) / "build" / "cache" / FILE
        previous = _read(cache)
        # Written again once the pages are: a build stopped half way leaves no record of them.
        cache.unlink(missing_ok=True)
        return cls(root, data, keys, footer, previous, old_docs)

    def _can_keep(self, year: int) -> bool:
        last = self.previous.get("years", {}).get(str(year))
        return (self.old is not None and last is not None and last["key"] == self.keys[year]
                and all((self.old / source).is_file() for source in last["files"]))

    def files(self, year: int) -> list[str]:
        return self.previous["years"][str(year)]["files"]

    def adopt_pages(self, out) -> None:
        """The kept years' pages (not their open data: write_open_data_files takes those), moved into `out`."""
        for year in sorted(self.kept):
            for source in self.files(year):
                if source.endswith(".md"):
                    self._move(out, source, self._page)

    def adopt_data(self, out, year: int) -> dict:
        """A kept year's open-data files, moved into `out` with the new commit; what the page says of them."""
        entry = self.previous["years"][str(year)]["open_data"]
        for source in self.files(year):
            if not source.endswith(".md"):
                self._move(out, source, self._xlsx if source.endswith(".xlsx") else self._text)
        entry["files"] = {k: (source, (out.docs / source).stat().st_size) for k, (source, _) in entry["files"].items()}
        return entry

    def _move(self, out, source: str, change) -> None:
        old = self.old / source
        data = change(old.read_bytes())
        if data is None:
            out.record(source)
            (out.docs / source).parent.mkdir(parents=True, exist_ok=True)
            old.rename(out.docs / source)
        else:
            out.bytes(source, data)

    def _page(self, data: bytes) -> bytes | None:
        before, after = self.previous["footer"].encode("utf-8"), self.footer.encode("utf-8")
        return data.replace(before, after) if before != after and before in data else None

    def _swaps(self) -> list[tuple[bytes, bytes]]:
        commit, last = self.data.commit, self.previous
        return [(last["sha"].encode(), commit.sha.encode()),
                (f'"ngay_commit": "{last["moment"]}"'.encode(), f'"ngay_commit": "{commit.moment.isoformat()}"'.encode()),
                (last["iso"].encode(), _iso(commit).encode())]

    def _text(self, data: bytes) -> bytes | None:
        for before, after in self._swaps():
            data = data.replace(before, after)
        return data

    def _xlsx(self, data: bytes) -> bytes:
        """The workbook again with the new commit in its cells, properties and entry dates (publish/xlsx.py
        writes each entry as ZipInfo(name, date) with deflate; so is it written here)."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                text = self._text(old.read(info))
                new.writestr(zipfile.ZipInfo(info.filename, _when(self.data.commit)), text, zipfile.ZIP_DEFLATED)
        return out.getvalue()

    def save(self, written: list[str], open_data: list[dict]) -> None:
        """What this build wrote for each year, for the next build."""
        commit = self.data.commit
        if not commit.sha:
            self.cache.unlink(missing_ok=True)
            return
        by_year: dict[int, list[str]] = {}
        for source in written:
            year = year_of(source)
            if year is not None:
                by_year.setdefault(year, []).append(source)
        described = {entry["year"]: entry for entry in open_data}
        years = {str(y): {"key": k, "files": sorted(by_year.get(y, [])), "open_data": described.get(y)}
                 for y, k in self.keys.items() if y in described}
        record = {"format": FORMAT, "sha": commit.sha, "moment": commit.moment.isoformat(), "iso": _iso(commit),
                  "footer": self.footer, "years": years}
        self.cache.parent.mkdir(parents=True, exist_ok=True)
        self.cache.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def _iso(commit) -> str:
    return xlsx_times(commit)[1]


def _when(commit) -> tuple:
    return xlsx_times(commit)[0]


def built_from(env, data) -> str:
    """The line that names the commit on the year's pages (the built_from macro of _macros.j2)."""
    return str(env.get_template("site/_macros.j2").module.built_from(data.commit, data.as_of))


def _read(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) and record.get("format") == FORMAT else {}


def year_keys(root: Path, data, templates: Path | None) -> dict[int, str]:
    trees = _Trees(root)
    shared = hashlib.sha256()
    for part in (_code(templates), trees.digest("rubric"), trees.digest("writeups"), _file(root / "mkdocs.yml"),
                 repr(data.years), repr(data.periods), repr(sorted(data.units())),
                 repr(any(data.registry(y).example for y in data.years)),
                 repr((data.changes.shown, data.changes.reason))):
        shared.update(part.encode("utf-8") + b"\0")
    keys = {}
    for year in data.years:
        digest = shared.copy()
        for y in (year - 1, year):
            passed = [data.as_of >= deadline(y, p) for p in PERIODS]
            # What the checks said of those files: an evidence path is checked against files elsewhere.
            said = sorted(repr(p) for p in data.problems if p.path.startswith((f"submissions/{y}/", f"clusters/{y}/")))
            for part in (trees.digest(f"submissions/{y}"), trees.digest(f"clusters/{y}"), repr(passed), repr(said)):
                digest.update(part.encode("utf-8") + b"\0")
        digest.update(_history(data.changes, year).encode("utf-8"))
        keys[year] = digest.hexdigest()
    return keys


def _history(changes, year: int) -> str:
    """The year's entries by what they are: commit, place, and whether after agreement. What an entry
    says follows from that commit and the one before it in the same list, and from the code (in
    the key): writing out every figure of every entry took longer than writing the pages."""
    clusters = [(key, [(e["commit"]["id"], e["period"], e["after_agreement"], [u["unit"] for u in e["units"]]) for e in log])
                for key, log in sorted(changes.data.get("clusters", {}).items()) if key.startswith(f"{year}/")]
    units = [(unit, [(e["commit"]["id"], e["period"], e["after_agreement"]) for e in entries if e["year"] == year])
             for unit, entries in sorted(changes.data.get("units", {}).items())]
    return repr((clusters, units))


class _Trees:
    """Each folder's digest, once (a year's folder counts for it and for the year after)."""

    def __init__(self, root: Path):
        self.root = root
        self.known: dict[str, str] = {}

    def digest(self, folder: str) -> str:
        if folder not in self.known:
            self.known[folder] = self._digest(self.root / folder)
        return self.known[folder]

    @staticmethod
    def _digest(base: Path) -> str:
        digest = hashlib.sha256()
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            if path.is_file():
                digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()


def _code(templates: Path | None) -> str:
    digest = hashlib.sha256()
    for base in [PACKAGE] + ([Path(templates)] if templates else []):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
