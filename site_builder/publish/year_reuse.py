"""A year whose inputs did not change keeps the pages and files the last build wrote for it.

A rebuild after a pull request usually changes one year. On the stress repository
(3,000 scorecards over five years) writing the scorecards, cluster pages, change
logs and open data of the other four years again was most of page generation.

What a year's pages and files show comes from:
- the code and templates that write them, and mkdocs.yml (forge links, site name);
- the files of that year and of the year before (a scorecard compares with the year
  before), the rubric and the write-ups;
- which of those years' deadlines have passed on the data date: the date's only use
  in a ranking (rank/meeting.py);
- the years, periods and units the site has (the pages link to them);
- the year's history entries, and the problems the checks found in those years' files.
A year's key is a digest of all that. When it equals the key of the last build, only the
commit differs. It is named in every open-data row, and replaced there. The pages name it
in their "built from" line, which MkDocs puts where the Markdown has its mark
(publish/source_line.py): their Markdown is moved as it is, unless a template of one's own
wrote the line itself, which is then replaced. tests/test_year_reuse.py builds after each
kind of change with and without build/ and compares the two sites byte for byte.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from site_builder.layout import PACKAGE, PERIODS
from site_builder.publish.xlsx import restamped, xlsx_times
from site_builder.rank.meeting import deadline

FILE = "years.json"
FORMAT = 2
# The pages and files of one year, as render/links.py names them (the period index pages are
# written every time: they are few). A scorecard and a ranking page belong to a cluster of the year.
_CARD = re.compile(r"don-vi/([^/]+)/(\d{4})-[^/]+\.md")
_RANKING = re.compile(r"xep-hang/(\d{4})-[^/]+/(?!index\.md$)([^/]+)\.md")
_YEAR = re.compile(r"thay-doi/(\d{4})/[^/]+\.md|du-lieu/(\d{4})/[^/]+")
# A unit's page (its results in every year) is a group of its own, named like its folder.
_UNIT = re.compile(r"(don-vi/[^/]+)/index\.md")


def group_of(source: str, clusters: dict[tuple[int, str], str]) -> str | None:
    """The group whose key decides whether `source` is kept: "2025/cum-01", "2025", or None (always written).
    `clusters` gives a unit's cluster in a year."""
    if card := _CARD.fullmatch(source):
        cluster = clusters.get((int(card.group(2)), card.group(1)))
        return f"{card.group(2)}/{cluster}" if cluster else None
    if ranking := _RANKING.fullmatch(source):
        return f"{ranking.group(1)}/{ranking.group(2)}"
    if year := _YEAR.fullmatch(source):
        return year.group(1) or year.group(2)
    if unit := _UNIT.fullmatch(source):
        return unit.group(1)
    return None


class YearReuse:
    """Which groups (years, clusters of a year) keep their files (`kept`), and how to take them from the
    last build's folder."""

    def __init__(self, root: Path, data, keys: dict[str, str], footer: str, previous: dict, old_docs: Path | None,
                 own_templates: bool = False):
        self.cache = Path(root) / "build" / "cache" / FILE
        self.data, self.keys, self.footer, self.previous, self.old = data, keys, footer, previous, old_docs
        self.kept = frozenset(g for g in keys if self._can_keep(g))
        # Our templates write the mark, never the line (the keys cover the templates the last build used).
        self.own_templates = own_templates
        self.folders: set[Path] = set()

    @classmethod
    def plan(cls, root: Path, data, env, templates: Path | None, old_docs: Path | None) -> "YearReuse":
        footer = built_from(env, data)
        keys = group_keys(Path(root), data, templates) if data.commit.sha else {}
        cache = Path(root) / "build" / "cache" / FILE
        previous = _read(cache)
        # Written again once the pages are: a build stopped half way leaves no record of them.
        cache.unlink(missing_ok=True)
        return cls(root, data, keys, footer, previous, old_docs, templates is not None)

    def keeps(self, year: int, cluster: str | None = None) -> bool:
        return (f"{year}/{cluster}" if cluster else str(year)) in self.kept

    def keeps_unit(self, unit: str) -> bool:
        return f"don-vi/{unit}" in self.kept

    def kept_units(self) -> int:
        return sum(g.startswith("don-vi/") for g in self.kept)

    def kept_years(self) -> list[int]:
        """The years kept whole: their change logs, open data, and every cluster's pages."""
        return sorted(int(g) for g in self.kept if g.isdigit()
                      and all(k in self.kept for k in self.keys if k.startswith(g + "/")))

    def kept_clusters(self) -> dict[int, list[str]]:
        """The clusters whose pages are kept, in each year not kept whole."""
        whole = set(map(str, self.kept_years()))
        found: dict[int, list[str]] = {}
        for group in sorted(self.kept):
            year, _, cluster = group.partition("/")
            if cluster and year.isdigit() and year not in whole:
                found.setdefault(int(year), []).append(cluster)
        return found

    def new_commit(self) -> bool:
        """The kept files named another commit in the last build: that is all that changes in them."""
        return self.previous.get("sha") != self.data.commit.sha

    def _can_keep(self, group: str) -> bool:
        last = self.previous.get("groups", {}).get(group)
        return (self.old is not None and last is not None and last["key"] == self.keys[group]
                and all((self.old / source).is_file() for source in last["files"]))

    def files(self, group: str) -> list[str]:
        return self.previous["groups"][group]["files"]

    def adopt_pages(self, out) -> None:
        """The kept groups' pages (not their open data: write_open_data_files takes those), moved into `out`."""
        for group in sorted(self.kept):
            for source in self.files(group):
                if source.endswith(".md"):
                    self._move(out, source, self._page if self.own_templates else None)

    def adopt_data(self, out, year: int) -> dict:
        """A kept year's open-data files, moved into `out` with the new commit; what the page says of them."""
        entry = self.previous["open_data"][str(year)]
        for source in self.files(str(year)):
            if not source.endswith(".md"):
                self._move(out, source, self._xlsx if source.endswith(".xlsx") else self._text)
        entry["files"] = {k: (source, out.size(source)) for k, (source, _) in entry["files"].items()}
        return entry

    def _move(self, out, source: str, change) -> None:
        """`source` into `out`, as `change` makes its bytes (None: as it is, without reading it)."""
        old = self.old / source
        data = change(old.read_bytes()) if change else None
        if data is None:
            out.record(source)
            target = out.docs / source
            if target.parent not in self.folders:  # a few hundred folders for thousands of pages
                target.parent.mkdir(parents=True, exist_ok=True)
                self.folders.add(target.parent)
            old.rename(target)
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
        """The workbook again with the new commit in its cells, properties and entry dates."""
        return restamped(data, self._text, _when(self.data.commit))

    def save(self, written: list[str], open_data: list[dict]) -> None:
        """What this build wrote for each group, for the next build."""
        commit = self.data.commit
        if not commit.sha:
            self.cache.unlink(missing_ok=True)
            return
        clusters = {(y, unit): cluster.id for y in self.data.years for cluster in self.data.registry(y).clusters
                    for unit in cluster.member_ids}
        groups: dict[str, list[str]] = {g: [] for g in self.keys}
        for source in written:
            group = group_of(source, clusters)
            if group in groups:
                groups[group].append(source)
        described = {str(entry["year"]): entry for entry in open_data}
        record = {"format": FORMAT, "sha": commit.sha, "moment": commit.moment.isoformat(), "iso": _iso(commit),
                  "footer": self.footer, "open_data": described,
                  # A year without its open-data description cannot be kept: the page would not know its files.
                  "groups": {g: {"key": k, "files": sorted(groups[g])} for g, k in self.keys.items()
                             if "/" in g or g in described}}
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


def group_keys(root: Path, data, templates: Path | None) -> dict[str, str]:
    """A key per year ("2025": its change logs and open data), per cluster of a year ("2025/cum-01": its
    units' scorecards and its ranking pages, which show that cluster's files and no other cluster's), and
    per unit ("don-vi/bv-mat": its page, a row for each period of the clusters it was in: their keys)."""
    trees, history = _Trees(root), _History(data.changes)
    clusters = sorted((y, p, r.cluster.id) for (y, p), rankings in data.rankings.items() for r in rankings)
    shared = _digest(_code(templates), trees.digest("rubric"), trees.digest("writeups"), _file(root / "mkdocs.yml"),
                     repr(data.years), repr(data.periods), repr(clusters), repr(sorted(data.units())),
                     repr(any(data.registry(y).example for y in data.years)),
                     repr((data.changes.shown, data.changes.reason)))
    keys = {}
    for year in data.years:
        before = _year_inputs(trees, data, year - 1)
        keys[str(year)] = _digest(shared, before, _year_inputs(trees, data, year), history.of(year))
        for cluster in data.registry(year).clusters:
            keys[f"{year}/{cluster.id}"] = _digest(shared, before, _cluster_inputs(trees, data, year, cluster),
                                                   history.of(year, cluster))
    for unit, places in _memberships(data).items():
        keys[f"don-vi/{unit}"] = _digest(shared, unit, *(keys[f"{year}/{cluster}"] for year, cluster in places))
    return keys


def _memberships(data) -> dict[str, list[tuple[int, str]]]:
    """Each unit's (year, cluster) in the registries: its rows, its name and its cluster come from those."""
    found: dict[str, list[tuple[int, str]]] = {unit: [] for unit in data.units()}
    for year in data.years:
        for cluster in data.registry(year).clusters:
            for unit in cluster.member_ids:
                found.setdefault(unit, []).append((year, cluster.id))
    return found


def _year_inputs(trees, data, year: int) -> str:
    passed = [data.as_of >= deadline(year, p) for p in PERIODS]
    # What the checks said of those files: an evidence path is checked against files elsewhere.
    said = sorted(repr(p) for p in data.problems if p.path.startswith((f"submissions/{year}/", f"clusters/{year}/")))
    return _digest(trees.digest(f"submissions/{year}"), trees.digest(f"clusters/{year}"), repr(passed), repr(said))


def _cluster_inputs(trees, data, year: int, cluster) -> str:
    """The year's files outside any cluster's folder (the registry), the cluster's own, the deadlines passed."""
    folders = [f"clusters/{year}/{cluster.id}"] + [f"submissions/{year}/{p}/{cluster.id}" for p in PERIODS]
    passed = [data.as_of >= deadline(year, p) for p in PERIODS]
    said = sorted(repr(p) for p in data.problems if p.path.startswith(tuple(f + "/" for f in folders)))
    return _digest(trees.top(f"clusters/{year}"), *map(trees.digest, folders), repr(passed), repr(said))


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class _History:
    """The entries by what they are: commit, place, and whether after agreement. What an entry says
    follows from that commit and the one before it in the same list, and from the code (in the
    key): writing out every figure of every entry took longer than writing the pages. Each unit's
    entries of a year are listed once, not once for its year and again for each cluster."""

    def __init__(self, changes):
        self.clusters = sorted(changes.data.get("clusters", {}).items())
        self.units = sorted(changes.data.get("units", {}).items())
        self.listed: dict[tuple[str, int], list] = {}

    def of(self, year: int, cluster=None) -> str:
        def wanted(key: str) -> bool:
            return key == f"{year}/{cluster.id}" if cluster else key.startswith(f"{year}/")

        clusters = [(key, [(e["commit"]["id"], e["period"], e["after_agreement"], [u["unit"] for u in e["units"]])
                           for e in log]) for key, log in self.clusters if wanted(key)]
        members = set(cluster.member_ids) if cluster else None
        units = [(unit, self._unit(unit, entries, year)) for unit, entries in self.units
                 if members is None or unit in members]
        return repr((clusters, units))

    def _unit(self, unit: str, entries: list, year: int) -> list:
        listed = self.listed.get((unit, year))
        if listed is None:
            listed = self.listed[unit, year] = [(e["commit"]["id"], e["period"], e["after_agreement"])
                                                for e in entries if e["year"] == year]
        return listed


class _Trees:
    """Each folder's digest, once (a year's folder counts for it and for the year after). A file is
    read once: a cluster's folders are inside its year's."""

    def __init__(self, root: Path):
        self.root = str(root)
        self.known: dict[tuple[str, bool], str] = {}
        self.contents: dict[str, bytes | None] = {}

    def digest(self, folder: str) -> str:
        return self._digest(folder, True)

    def top(self, folder: str) -> str:
        """The files directly in `folder`, not in its subfolders."""
        return self._digest(folder, False)

    def _digest(self, folder: str, deep: bool) -> str:
        if (folder, deep) not in self.known:
            digest = hashlib.sha256()
            for relative, path in self._files(folder, deep):
                content = self._read(path)
                if content is not None:
                    digest.update(relative.encode() + b"\0" + content + b"\0")
            self.known[folder, deep] = digest.hexdigest()
        return self.known[folder, deep]

    def _files(self, folder: str, deep: bool) -> list[tuple[str, str]]:
        """(path inside `folder`, path) of each entry, in the order of sorted Paths (by their parts).
        Symbolic links to folders are not followed, as Path.glob("**/*") does not follow them."""
        base = os.path.join(self.root, folder)
        found = []
        for parent, folders, names in os.walk(base):
            inside = os.path.relpath(parent, base).replace(os.sep, "/")
            prefix = "" if inside == "." else inside + "/"
            found.extend((prefix + name, os.path.join(parent, name)) for name in names)
            if not deep:
                break
        return sorted(found, key=lambda entry: entry[0].split("/"))

    def _read(self, path: str) -> bytes | None:
        """The bytes of a file (a symbolic link to one: its target's), None for anything else."""
        if path not in self.contents:
            try:
                if os.path.isfile(path):  # not opened otherwise: a named pipe would block
                    with open(path, "rb") as file:
                        self.contents[path] = file.read()
                else:
                    self.contents[path] = None
            except OSError:
                self.contents[path] = None
        return self.contents[path]


def _code(templates: Path | None) -> str:
    digest = hashlib.sha256()
    for base in [PACKAGE] + ([Path(templates)] if templates else []):
        for path in sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
