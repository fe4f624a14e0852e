"""The change log of each cluster and year, and the Atom feed of recent changes.

The logs are reached from the cluster pages and the home page, never from the
menu, so the navigation stays the same size however long the history grows.
The feed is a static file whose dates are the commits' own, so two builds of
one commit write it byte for byte the same.
"""
from __future__ import annotations

import uuid
from urllib.parse import urljoin

from site_builder.layout import PERIOD_NAMES, PERIODS
from site_builder.render import links
from site_builder.render.history_view import authors, entry_anchor
from site_builder.render.pages_cluster import has_card

FEED_SIZE = 50  # entries in the feed: a reader wants what is new, the logs keep everything
# Fixed, so that an entry's id never changes between builds (Atom ids must be permanent).
FEED_NAMESPACE = uuid.UUID("7b0e6f1c-3d55-4a8e-9a43-0c5f4c1f2b61")


def write_history(out, data) -> None:
    if not data.changes.shown:
        return
    units = set(data.units())
    for year, cluster in log_keys(data):
        if not data.kept(year):
            write_log(out, data, units, year, cluster)
    write_feed(out, data)


def log_keys(data) -> list[tuple[int, str]]:
    """Every cluster-year the site shows (its pages link here even when nothing changed yet), and every
    one the history knows (a cluster since removed from the registry keeps its published history)."""
    keys = {(y, c.id) for y, _ in data.periods for c in data.registry(y).clusters}
    for key in data.changes.data.get("clusters", {}):
        year, cluster = key.split("/", 1)
        keys.add((int(year), cluster))
    return sorted(keys)


def unit_target(data, units: set[str], unit: str, year: int, period: str) -> str | None:
    """Where a unit named in the log leads: its scorecard of that period, else its page, else nowhere."""
    _, row = data.row_of(year, period, unit)
    if row is not None and has_card(row):
        return links.scorecard(unit, year, period)
    return links.unit_page(unit) if unit in units else None


def write_log(out, data, units: set[str], year: int, cluster: str) -> None:
    log = data.changes.cluster_log(year, cluster)
    registry = data.registry(year)
    known = registry.cluster(cluster) if registry else None
    name = known.name if known else (log[0]["cluster_name"] if log else cluster)
    pages = [(PERIOD_NAMES[p], links.cluster_page(year, p, cluster)) for p in PERIODS
             if (year, p) in data.periods and data.ranking(year, p, cluster)]
    out.page(links.change_log(year, cluster), "site/changelog.md.j2", year=year, cluster=cluster, name=name,
             log=log, pages=pages, history=data.changes, authors=authors, anchor_of=entry_anchor,
             unit_target=lambda unit, period: unit_target(data, units, unit, year, period))


def write_feed(out, data) -> None:
    history = data.changes
    entries = history.recent(FEED_SIZE)
    # With no change at all, the feed is as old as the commit the site is built from.
    updated = entries[0]["commit"]["timestamp"] if entries else data.commit.moment.isoformat()
    site = history.site_url

    def link(target: str, anchor: str | None = None) -> str:
        """Absolute when mkdocs.yml gives site_url; else relative to the feed, which readers resolve."""
        relative = links.href(links.FEED, target, anchor)
        return urljoin(site.rstrip("/") + "/", relative) if site else relative

    out.page(links.FEED, "site/feed.xml.j2", entries=entries, updated=updated, link=link,
             feed_id=_urn(site or history.site_name or "site_builder"), entry_id=_entry_id,
             title=f"Thay đổi điểm thi đua: {history.site_name}" if history.site_name else "Thay đổi điểm thi đua",
             authors=authors, anchor_of=entry_anchor)


def _entry_id(e: dict) -> str:
    return _urn(f"{e['commit']['id']}/{e['year']}/{e['period']}/{e['cluster']}")


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, name)}"
