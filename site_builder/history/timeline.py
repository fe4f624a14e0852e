"""The history as plain data for the site: per unit, per cluster and year, and as one list for a feed."""
from __future__ import annotations

from pathlib import Path

from site_builder.history import git
from site_builder.history.cache import StepCache
from site_builder.history.landed import Landing, landings
from site_builder.history.log import FileChange, read_log
from site_builder.history.split import replay_entries
from site_builder.history.walk import data_files
from site_builder.numbers import fmt_date


def history_for(root: Path, rev: str = "HEAD", cache: Path | None = None) -> dict:
    """Every change to a score along the main line up to `rev`, newest first.

    With `cache` (a folder; the build uses build/cache), what each commit did
    is kept there, and only the commits landed since the last call are
    replayed (see cache.py); the result is the same as without.

    Raises InputError (exit 1) when `root` is not a git repository or is a
    shallow clone (see git.require_full_history): call it only when the build
    was not given --no-history. Numbers are strings in YAML notation ("74.75",
    as `rank --format json` gives them; format them with numbers.fmt), dates
    dd/mm/yyyy, None where a side has no value. Returns::

        {"head": "<full id of rev>",
         "commits": [COMMIT, ...],                 # commits that changed a data file
         "changes": [UNIT_ENTRY, ...],             # everything, e.g. for an Atom feed
         "units": {"<unit id>": [UNIT_ENTRY, ...]},            # for each scorecard's timeline
         "clusters": {"<year>/<cluster id>": [CLUSTER_ENTRY, ...]}}   # change log per cluster and year

        COMMIT = {"id", "short", "date": "dd/mm/yyyy", "timestamp": ISO 8601 (committer date),
                  "author_date": "dd/mm/yyyy", "author", "author_email", "committer",
                  "pull_request": int | None,        # from "Merge pull request #7 from …" or "… (#12)"
                  "subject", "message",
                  "merged": [{"id", "short", "author", "date", "subject"}],   # a merge's branch commits
                  "files": [{"status": "A|M|D|R|C|T", "path", "old_path": str | None}]}
        CLUSTER_ENTRY = {"commit": COMMIT, "year", "period", "period_name", "cluster", "cluster_name",
                         "agreed_on": {"before", "after"},   # the agreement date on each side
                         "agreement_recorded": bool,          # this commit recorded (or re-dated) the agreement
                         "after_agreement": bool,             # figures changed after the cluster agreed them
                         "units": [UNIT_ENTRY, ...]}
        UNIT_ENTRY = {"commit": COMMIT, "year", "period", "period_name", "cluster", "cluster_name",
                      "unit", "name",
                      "changed": ["file", "self", "cluster", "rank", "status"],  # what moved
                      "file": {"before", "after"},           # submission path on each side
                      "valid": {"before", "after"},          # did that version validate
                      "criteria": [{"id", "title", "max", "self": {"before", "after", "difference"},
                                    "cluster": {"before", "after", "difference"}}],   # rubric order, sections too
                      "self_total" | "cluster_total" | "counted_total": {"before", "after", "difference"},
                      "rank": {"before", "after"}, "tied": {"before", "after"},
                      "status": {"before", "after"}, "status_label": {"before", "after"},
                      "reasons": [...],                     # why the status after, in Vietnamese
                      "after_agreement": bool,              # show in red: changed after the agreement ...
                      "agreed_on": "dd/mm/yyyy" | None}     # ... of this date

    An entry whose "changed" is only ["rank"] (or ["rank", "status"]) is a unit
    moved by another unit's change in the same commit.
    """
    git.require_full_history(root)
    head = git.resolve(root, rev)
    line = landings(read_log(root, head), head)
    return assembled(head, line, _effects(root, line, StepCache(cache)))


def assembled(head: str, line: list[Landing], effects: dict[str, list[dict] | None]) -> dict:
    """history_for's result from each landing's cluster entries (commit id → entries)."""
    result = {"head": head, "commits": [], "changes": [], "units": {}, "clusters": {}}
    for landing in reversed(line):
        files = data_files(landing)
        if not files:
            continue
        commit = commit_data(landing, files)
        result["commits"].append(commit)
        for plain in effects[landing.commit.id]:
            entry = _with_commit(commit, plain)
            result["clusters"].setdefault(f"{entry['year']}/{entry['cluster']}", []).append(entry)
            for unit in entry["units"]:
                result["units"].setdefault(unit["unit"], []).append(unit)
                result["changes"].append(unit)
    return result


def _effects(root: Path, line: list[Landing], cache: StepCache) -> dict[str, list[dict] | None]:
    """Each landed commit's cluster entries (None where it changed no data file): the cache's for the
    longest beginning of the line it holds, a replay from there for the rest."""
    known = cache.steps
    done = 0
    while done < len(line) and line[done].commit.id in known:
        done += 1
    effects = {landing.commit.id: known[landing.commit.id] for landing in line[:done]}
    start = line[done - 1].commit.id if done else None
    replayed = replay_entries(root, line[done:], start)
    for landing in line[done:]:
        effects[landing.commit.id] = replayed.get(landing.commit.id)
    if effects.keys() != known.keys():
        cache.save(effects)
    return effects


def _with_commit(commit: dict, plain: dict) -> dict:
    """A cluster entry and its unit entries, each naming the commit (kept apart in the cache)."""
    return {"commit": commit, **plain, "units": [{"commit": commit, **unit} for unit in plain["units"]]}


def commit_data(landing: Landing, files: list[FileChange]) -> dict:
    c = landing.commit
    return {
        "id": c.id, "short": c.id[:7], "date": fmt_date(c.date.date()), "timestamp": c.date.isoformat(),
        "author_date": fmt_date(c.author_date.date()), "author": c.author, "author_email": c.author_email,
        "committer": c.committer, "pull_request": c.pull_request, "subject": c.subject, "message": c.message,
        "merged": [{"id": m.id, "short": m.id[:7], "author": m.author, "date": fmt_date(m.author_date.date()),
                    "subject": m.subject} for m in landing.merged],
        "files": [{"status": f.status, "path": f.path, "old_path": f.old_path} for f in files],
    }
