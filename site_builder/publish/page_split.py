"""Half of the pages MkDocs converts and renders, done by a second process.

MkDocs converts and renders one page after another on one core, and on a
fresh checkout of the stress repository that is 3,600 pages. The pages that
page_cache.py may reuse (plain pages outside the menu) are a function of
their own Markdown and of the build's context, so they need not be done in
order, nor in this process: page_cache.py leaves them unread when it cannot
reuse them, and once every other page is read and the plugins have set up
the template environment (on_env), a forked process converts and renders
every second one of them into the site folder while this process does the
rest.

What the rest of the build needs of the other process's pages (their front
matter and title, their anchors and links to anchors, their search index
entries, what the page cache keeps of them, and the warnings MkDocs logged)
comes back once this process has rendered its last page, before MkDocs
checks the anchors and the search plugin writes its index. The search
entries go where the page stands in the build's order, so the index is the
one a build in one process writes (tests/test_page_split.py compares the
site byte for byte). If the second process fails, this process renders its
pages itself: a page that cannot be built says why in this process.
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from mkdocs.structure.files import InclusionLevel

from site_builder.forked import Forked
from site_builder.writer import BackgroundWriter

# Below this many pages to render, a second process costs about what it saves.
SPLIT_FROM = 100


@dataclass
class Rendered:
    """What the rest of the build needs of a page the other process rendered."""
    meta: dict
    title: str | None
    anchors: set | None
    links: dict | None  # target src_uri -> {anchor: line}, as page_cache.py keeps them
    search: list | None  # its search index entries, None when search is off
    record: dict | None  # what the page cache keeps of it, when it keeps it
    counted: bool  # rendered, for the page cache's figures
    warnings: list  # log records, re-logged here


class PageSplit:
    def __init__(self, forked: Forked, share: set[str]):
        self.forked = forked
        self.share = share
        self.waiting: list[tuple] = []  # (page, where its search entries go)
        self.others: list[str] = []  # the pages the other process rendered, once joined

    @classmethod
    def start(cls, cache, pages: list, config, env) -> "PageSplit | None":
        if len(pages) < SPLIT_FROM:
            return None
        share = pages[1::2]
        forked = Forked.start(_render, cache, share, config, env, what="dựng một nửa số trang của MkDocs")
        return cls(forked, {page.file.src_uri for page in share}) if forked else None

    def takes(self, page, entries) -> bool:
        """A page of the other process's: it comes back at join()."""
        if page.file.src_uri not in self.share:
            return False
        self.waiting.append((page, len(entries) if entries is not None else 0))
        return True

    def join(self, cache, config) -> None:
        """The other process's pages, in the build as if this process had rendered them in turn."""
        try:
            done = self.forked.result()
        except Exception:  # noqa: BLE001 - rendered here below, where a real error says itself
            done = {}
        self.share = set()
        self.others = list(done)
        got = {page.file.src_uri: done.get(page.file.src_uri) or _render_here(cache, page, config)
               for page, _ in self.waiting}
        entries = cache.search_entries(config)
        for page, at in reversed(self.waiting):  # from the end: earlier places do not move
            rendered = got[page.file.src_uri]
            _apply(cache, page, rendered)
            if entries is not None and rendered.search:
                entries[at:at] = rendered.search
        for rendered in got.values():
            for record in rendered.warnings:
                logging.getLogger(record.name).handle(record)

    def abandon(self) -> None:
        if self.share:
            self.forked.abandon()


def links_by_path(links: dict | None) -> dict | None:
    """A page's links to anchors ({File: {anchor: line}}) by the target's path: as the page cache's
    manifest keeps them, and as the other process sends them."""
    return None if links is None else {target.src_uri: dict(anchors) for target, anchors in links.items()}


def links_to_files(files, kept: dict) -> dict:
    """The other way: a target no longer in the build is None."""
    return {files.get_file_from_path(target): dict(anchors) for target, anchors in kept.items()}


def _apply(cache, page, rendered: Rendered) -> None:
    page.meta = rendered.meta
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.anchors
    page.links_to_anchors = None if rendered.links is None else links_to_files(cache.files, rendered.links)
    if rendered.record is not None:
        cache.records[page.file.src_uri] = rendered.record
    cache.rendered += rendered.counted


class _Caught(logging.Handler):
    """The other process's log records, for this one to log: its handlers count them (strict mode)."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _render(cache, pages: list, config, env) -> dict[str, Rendered]:
    """In the other process: `pages` rendered into the site folder (all on disk once it returns), and
    what the build needs of them."""
    cache.split = None
    with BackgroundWriter() as cache.shells.writer:  # a thread of this process's own: none came with the fork
        with _catching() as caught:
            doc_files = cache.files.documentation_pages(inclusion=InclusionLevel.is_included)
            return {page.file.src_uri: _one(cache, page, config, doc_files, env, caught) for page in pages}


def _render_here(cache, page, config) -> Rendered:
    """A page of the other process's that it did not send back, rendered by this one."""
    with _catching() as caught:
        doc_files = cache.files.documentation_pages(inclusion=InclusionLevel.is_included)
        return _one(cache, page, config, doc_files, cache.env, caught)


@contextlib.contextmanager
def _catching():
    """MkDocs' log records kept, not shown: join() logs them with the others, in the pages' order."""
    caught = _Caught()
    logger = logging.getLogger("mkdocs")
    handlers, propagate = logger.handlers, logger.propagate
    logger.handlers, logger.propagate = [caught], False
    try:
        yield caught
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def _one(cache, page, config, doc_files, env, caught: _Caught) -> Rendered:
    entries = cache.search_entries(config)
    before, logged, rendered = len(entries) if entries is not None else 0, len(caught.records), cache.rendered
    cache.render_deferred(page, config, doc_files, env)
    search = None
    if entries is not None:
        search = entries[before:]
        del entries[before:]  # put at the page's place by join()
    counted, cache.rendered = cache.rendered > rendered, rendered
    return Rendered(page.meta, page._title_from_render, page.present_anchor_ids, links_by_path(page.links_to_anchors),
                    search, cache.records.pop(page.file.src_uri, None), counted, caught.records[logged:])
