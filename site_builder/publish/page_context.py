"""What a page's HTML depends on besides its own Markdown (publish/page_cache.py keys on both).

The build's context: the configuration, the theme, the versions of MkDocs and
Material, our MkDocs-side modules, the list of files with their addresses,
and the menu (titles, addresses and, once the pages are read, the front matter
of its pages, which every page shows). Two lines name the build's commit and
are left out: the footer's copyright line, and the "built from" line of the
generated pages; the cache replaces them in the HTML it reuses.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from mkdocs.structure.pages import Page


def _modules() -> list[Path]:
    """Our modules whose code takes part in turning a page's Markdown into HTML."""
    from site_builder.publish import (mkdocs_run, page_cache, page_shell, page_store, passthrough, plain_markdown,
                                      search_parse, slugs, source_line, theme_cache)

    return [Path(module.__file__) for module in (sys.modules[__name__], page_cache, page_store, mkdocs_run, page_shell,
                                                 passthrough, plain_markdown, search_parse, slugs, source_line, theme_cache)]


def _versions() -> list[str]:
    import jinja2
    import markdown
    import mkdocs

    try:
        from material import __version__ as material
    except ImportError:  # pragma: no cover - Material is a dependency
        material = "-"
    return [mkdocs.__version__, material, markdown.__version__, jinja2.__version__, sys.version]


def _nav_items(items, with_pages: bool) -> list:
    """The menu as the theme shows it: kinds, titles, addresses and (once read) the pages' front matter."""
    out = []
    for item in items or ():
        entry = [type(item).__name__, getattr(item, "url", None), bool(getattr(item, "is_index", False))]
        if with_pages or not isinstance(item, Page):
            entry.append(item.title)
        if with_pages and isinstance(item, Page):
            entry.append(json.dumps(item.meta, sort_keys=True, default=str, ensure_ascii=False))
        entry.append(_nav_items(getattr(item, "children", None), with_pages))
        out.append(entry)
    return out


def static_context(config, files, nav, version: str) -> str:
    """Everything but a page's own Markdown, and the menu's pages (read later), that its HTML depends on."""
    digest = hashlib.sha256()

    def add(*parts) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(version, *_versions())
    add(Path(config.config_file_path).read_bytes() if config.config_file_path else b"-")
    add(bool(config.strict), config.use_directory_urls, config.site_url or "")
    add(json.dumps([str(x) for x in config.extra_css]), json.dumps([str(x) for x in config.extra_javascript]))
    for module in _modules():
        add(module.name, module.read_bytes())
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                add(path.relative_to(custom).as_posix(), path.read_bytes())
    for file in sorted(files, key=lambda f: f.src_uri):
        add(file.src_uri, file.dest_uri, file.url, file.inclusion.value, file.is_documentation_page())
    add(json.dumps(_nav_items(nav.items, with_pages=False), ensure_ascii=False, default=str))
    add(json.dumps(sorted(config.plugins), ensure_ascii=False))
    return digest.hexdigest()



def context_digest(static: str, nav) -> str:
    """The static context with the menu's pages, once every page was read."""
    menu = hashlib.sha256(json.dumps(_nav_items(nav.items, with_pages=True), ensure_ascii=False, default=str).encode())
    return hashlib.sha256(f"{static}\n{menu.hexdigest()}".encode()).hexdigest()


def words(html_text: str) -> set[str]:
    return set(re.sub(r"<[^>]*>", " ", html_text).replace(";", " ").split())


