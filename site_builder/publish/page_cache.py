"""A rebuild reuses last build's HTML for the pages whose Markdown did not change.

Most of the site (every scorecard, unit and cluster page) is outside the menu,
and a rebuild after one submission changes the Markdown of a few of them
only. MkDocs still converts and renders all 3,600 pages, which was most of
its time on the stress repository (20 s of 21 s).

A page outside the menu (a plain mkdocs Page, not a blog post or view, not
excluded) comes out of MkDocs as a function of its own Markdown and of the
build's context (publish/page_context.py: the configuration, the theme, the
versions, our MkDocs-side modules, the files and the menu). The context digest
covers all of it, except the copyright line
in the footer, which names the build's commit: that is replaced in the
reused HTML, where it must occur exactly once. The generated pages name the
commit too, in their "built from" line: their Markdown has a mark where MkDocs
puts it (publish/source_line.py; a page from a template of one's own may have
the line itself, which is set aside when the Markdown is compared). In the
reused HTML the line must be as often as the mark and the line in the Markdown
(a paragraph of raw HTML, which search does not read), and last build's line
is replaced by this build's.

After a build that logged no warning, each such page's HTML is hard-linked
into build/cache/pages/<its address>, next to a manifest (page_store.py)
with the context digest and, per page, the digest of its Markdown, of its
HTML, and what the rest of the build needs of it: the search index entries
the search plugin made of it, its front matter and title, its anchors and
its links to anchors (MkDocs checks those at the end of the build).

In the next build, while run_mkdocs runs (session(), which puts MkDocs back
as it was on the way out), a page whose Markdown digest and context digest
match is not converted (mkdocs.commands.build._populate_page) nor rendered
(_build_page): its cached file is copied with the new copyright line, and its
search entries are added to the index at the moment the search plugin would
have indexed it, so the index keeps its order. A cached file that is not the
one the manifest names (edited by hand, say), a copyright line that is not
found exactly once, or a menu that changed while the pages were read, and the
page is converted and rendered as usual. The site is the same, byte for byte,
as a build without the cache (tests/test_page_cache.py).

A page outside the menu that the cache cannot reuse is not read in MkDocs'
reading loop either, when the build may fork: it is read when it is
rendered, by this process or, for every second one, by the process
page_split.py starts once the template environment is ready.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from site_builder.forked import can_fork
from site_builder.publish import page_store
from site_builder.publish.page_context import context_digest, static_context, words
from site_builder.publish.page_shell import PageShells
from site_builder.publish.plain_markdown import PlainMarkdown
from site_builder.publish.page_split import PageSplit, links_by_path, links_to_files
from site_builder.publish.source_line import MARK
from site_builder.writer import BackgroundWriter

log = logging.getLogger(__name__)

NAME = "site_builder/page_cache"
_ENTRY = {"key", "dest", "meta", "title", "anchors", "links", "html", "search", "lines"}
# Where a page's "built from" line stands in its Markdown when its key is taken (no Markdown has a NUL).
_LINE = b"\0sb:built-from\0"  # what the manifest keeps of a page
_MARK = MARK.encode("utf-8")

# The last build's figures (for tests and benchmarks): pages reused (and which), pages rendered as usual,
# and of those, which the second process rendered (page_split.py).
STATS: dict = {"reused": 0, "rendered": 0, "reused_pages": [], "split_pages": [], "filled": 0, "plain": 0}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_safe(value) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageCache(BasePlugin):
    """One build's use of the cache (a plugin, for the event where the menu is known)."""

    def __init__(self, folder: Path, config, built_from: str | None = None):
        self.folder = Path(folder)
        # This build's "built from" line: the same Markdown but for that line is the same page.
        self.line = built_from.encode("utf-8") if built_from else None
        self.built_from = built_from or ""
        self.lines: dict[str, int] = {}
        self.manifest = page_store.load(self.folder)
        self.context: str | None = None  # digest of the context without the menu's pages, once known
        self.menu: set[int] = set()  # ids of the pages in the menu
        self.files = None
        self.full_context: str | None = None  # with the menu's pages, once every page was read
        self.menu_same = False
        self.tentative: dict[str, dict] = {}  # src_uri -> manifest entry, for pages read from the cache
        self.records: dict[str, dict] = {}  # src_uri -> what the next manifest keeps of the page
        self.keys: dict[str, str] = {}
        self.warnings = _Warnings()
        self.reused_pages: list[str] = []
        self.rendered = 0
        # Pages to convert and render, left unread until the template environment is ready (page_split.py).
        self.deferred: dict[str, Page] = {}
        self.may_split = False
        self.split = None
        self.nav = self.env = None
        self.originals = None  # MkDocs' own _populate_page and _build_page
        self.shells = PageShells()  # the theme's page, filled in (page_shell.py)

    @event_priority(-1000)  # last: after the blog plugin has put its pages in the menu
    def on_nav(self, nav, config, files, **kwargs):
        self.files, self.nav = files, nav
        self.menu = {id(page) for page in nav.pages}
        self.context = static_context(config, files, nav, page_store.FORMAT)
        return nav

    @event_priority(-1000)  # last: the environment as every plugin left it
    def on_env(self, env, config, files, **kwargs):
        self.env = env
        self.split = PageSplit.start(self, list(self.deferred.values()), config, env)
        # Forked (or not) by now: from here on, the pages go to disk by a thread of their own.
        self.shells.writer = BackgroundWriter()
        return env

    def written(self) -> None:
        """The pages the writer thread had still to write are on disk (before the site is used)."""
        writer, self.shells.writer = self.shells.writer, None
        if writer is not None:
            writer.close()

    # -- which pages ----------------------------------------------------------------------------

    def eligible(self, page) -> bool:
        return (type(page) is Page and id(page) not in self.menu and self.context is not None
                and page.file.inclusion.is_included())

    # -- the two steps of MkDocs, wrapped -------------------------------------------------------

    def populate(self, original, page, config, files, dirty=False):
        if dirty or not self.eligible(page):
            return original(page, config, files, dirty)
        try:
            source = page.file.content_bytes
        except (OSError, ValueError):  # MkDocs says what is wrong with the file
            return original(page, config, files, dirty)
        lines = 0
        if self.line is not None:
            # Where the page has the mark, MkDocs puts the line (source_line.py); a page from a
            # template of one's own may have the line itself.
            lines = source.count(_MARK) + source.count(self.line)
            if lines:
                source = source.replace(self.line, _LINE)
        self.lines[page.file.src_uri] = lines
        key = _sha(page.file.src_uri.encode("utf-8") + b"\0" + source)
        self.keys[page.file.src_uri] = key
        entry = None
        if self.manifest is not None and self.manifest.get("context_static") == self.context:
            entry = self.manifest.get("pages", {}).get(page.file.src_uri)
            if not (isinstance(entry, dict) and _ENTRY <= entry.keys()):
                entry = None
        links = None
        # MkDocs keeps a page's links to anchors (to check them at the end) unless it logs at debug level.
        check_links = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG
        if entry is not None and entry["key"] == key and entry["dest"] == page.file.dest_uri:
            if check_links and entry["links"] is None:
                entry = None  # cached from a build that did not keep them
            elif check_links:
                links = links_to_files(files, entry["links"])
                if None in links:  # a file it links to is gone (not when the context is the same)
                    entry = None
        else:
            entry = None
        if entry is not None:
            # What the rest of the build reads of a page outside the menu: its title and front matter,
            # its anchors and its links to anchors. Neither converted nor rendered (unless _build_page
            # finds the cached file unusable, see build()).
            page.markdown = ""
            page.meta = entry["meta"]
            page._title_from_render = entry["title"]
            page.content = ""
            page.present_anchor_ids = set(entry["anchors"])
            page.links_to_anchors = links
            self.tentative[page.file.src_uri] = entry
            return None
        if self.may_split and not dirty:
            self.deferred[page.file.src_uri] = page  # read when rendered, here or by page_split.py
            return None
        original(page, config, files, dirty)
        self._record(page)
        return None

    def _record(self, page) -> None:
        if not _json_safe(page.meta):
            return
        links = page.links_to_anchors
        self.records[page.file.src_uri] = {
            "key": self.keys[page.file.src_uri],
            "lines": self.lines[page.file.src_uri],
            "dest": page.file.dest_uri,
            "meta": page.meta,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": links_by_path(links),
        }

    def search_entries(self, config):
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        enabled = getattr(getattr(search, "config", None), "enabled", True)
        return getattr(index, "entries", None) if enabled else None

    def _reused_html(self, page, entry, config) -> bytes | None:
        """The cached HTML with this build's copyright line, or None when it cannot be used."""
        try:
            data = (self.folder / page.file.dest_uri).read_bytes()
        except OSError:
            return None
        if _sha(data) != entry["html"]:
            return None
        lines, was = entry["lines"], self.manifest.get("built_from") or ""
        if lines and was != self.built_from:
            # The page's Markdown had last build's line where it has this build's: a paragraph of raw HTML,
            # in the HTML as written, that search does not read.
            if not (isinstance(lines, int) and was and self.built_from) or data.count(was.encode("utf-8")) != lines:
                return None
            index = json.dumps(entry["search"], ensure_ascii=False)
            if any(word in index for word in words(was) - words(self.built_from)):
                return None
            data = data.replace(was.encode("utf-8"), self.line)
        old = (self.manifest.get("copyright") or "").encode("utf-8")
        new = (config.copyright or "").encode("utf-8")
        if old == new:
            return data
        if not old:
            return None
        at = data.find(old)
        if at < 0 or data.find(old, at + 1) >= 0:
            return None
        return data[:at] + new + data[at + len(old):]

    def build(self, original, populate, page, config, doc_files, nav, env, dirty=False, excluded=False):
        if self.context is not None and self.full_context is None:
            # Every page has been read by now: the menu's titles and front matter are known.
            self.full_context = context_digest(self.context, nav)
            self.menu_same = self.manifest is not None and self.manifest.get("context") == self.full_context
        src = page.file.src_uri
        if self.split is not None and self.split.takes(page, self.search_entries(config)):
            return None
        entry = self.tentative.pop(src, None)
        if entry is not None and self._reuse(page, entry, config):
            return None
        if entry is not None:
            # Not usable after all: the page is read and rendered as usual.
            page.markdown = page.content = page._title_from_render = None
            page.meta, page.toc = {}, []
            page.present_anchor_ids = page.links_to_anchors = None
        if entry is not None or self.deferred.pop(src, None) is not None:
            populate(page, config, self.files, dirty)
            self._record(page)
        self._render(original, page, config, doc_files, nav, env, dirty, excluded)
        return None

    def render_deferred(self, page, config, doc_files, env) -> None:
        """A page left unread by populate(), read and rendered now (page_split.py)."""
        populate, build_page = self.originals
        self.build(build_page, populate, page, config, doc_files, self.nav, env)

    def _reuse(self, page, entry, config) -> bool:
        """The cached page written, with its search entries, when it can be used."""
        data = self._reused_html(page, entry, config) if self.menu_same else None
        entries = self.search_entries(config)
        if data is None or (entries is None and entry["search"]):
            return False
        if entries is not None:
            entries.extend(entry["search"])
        self.shells.write(data, page.file.abs_dest_path)
        self.reused_pages.append(page.file.src_uri)
        self.records[page.file.src_uri] = dict(entry, html=_sha(data))
        return True

    def _render(self, original, page, config, doc_files, nav, env, dirty, excluded) -> None:
        src = page.file.src_uri
        record = self.records.get(src)
        entries = self.search_entries(config)
        before = len(entries) if entries is not None else 0
        data = self.shells.build(original, page, config, doc_files, nav, env, dirty, excluded)
        if record is None:
            return
        self.rendered += 1
        try:
            data = data if data is not None else Path(page.file.abs_dest_path).read_bytes()
        except OSError:  # an empty page is not written
            self.records.pop(src, None)
            return
        record["html"] = _sha(data)
        record["search"] = [dict(e) for e in entries[before:]] if entries is not None else []
        if not _json_safe(record["search"]):
            self.records.pop(src, None)

    # -- after the build ------------------------------------------------------------------------

    def save(self, config) -> None:
        """Keep this build's pages for the next one (only after a build that logged no warning)."""
        if self.warnings.count or self.full_context is None:
            return
        page_store.save(self.folder, Path(config.site_dir), self.records,
                        {"context_static": self.context, "context": self.full_context,
                         "copyright": config.copyright or "", "built_from": self.built_from})


@contextlib.contextmanager
def session(root: Path, config, built_from: str | None = None):
    """For the build of `config` (already loaded), MkDocs reads and renders pages through the cache
    of `root`; MkDocs is as it was once the block is left. Call .save(config) after the build.
    `built_from` is the line naming the commit, which this build's pages show where their mark is."""
    import mkdocs.commands.build as build_module

    cache = PageCache(Path(root) / "build" / "cache" / "pages", config, built_from)
    config.plugins[NAME] = cache
    populate, build_page = build_module._populate_page, build_module._build_page
    cache.originals, cache.may_split = (populate, build_page), can_fork()

    def _populate_page(page, config, files, dirty=False):
        return cache.populate(populate, page, config, files, dirty)

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        cache.build(build_page, populate, page, config, doc_files, nav, env, dirty, excluded)
        if cache.split is not None and page is doc_files[-1].page:
            # The last page: what the other process rendered joins the build before MkDocs checks
            # the anchors and the search plugin writes its index.
            cache.split.join(cache, config)

    plain, render = PlainMarkdown(config), Page.render

    def _render(page, config, files):
        plain.render(render, page, config, files)

    logger = logging.getLogger("mkdocs")
    logger.addHandler(cache.warnings)
    build_module._populate_page, build_module._build_page, Page.render = _populate_page, _build_page, _render
    try:
        yield cache
    finally:
        if cache.split is not None:
            cache.split.abandon()
        with contextlib.suppress(Exception):  # the build's own error, if any, is the one to report
            cache.written()
        build_module._populate_page, build_module._build_page, Page.render = populate, build_page, render
        logger.removeHandler(cache.warnings)
        STATS.update(reused=len(cache.reused_pages), rendered=cache.rendered, reused_pages=cache.reused_pages,
                     split_pages=cache.split.others if cache.split is not None else [], filled=cache.shells.filled,
                     plain=plain.converted)
        log.debug("page cache: %d pages reused, %d rendered", len(cache.reused_pages), cache.rendered)
