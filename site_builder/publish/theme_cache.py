"""Parts of Material's page template rendered once per folder instead of once per page.

Most of our pages (every scorecard, unit and cluster page) are outside the
menu. For such a page, the menu, the search box, the colour toggles, the
logo, the empty table of contents and the JSON config block do not depend on
the page at all, only on the folder it is in (their links are relative to
it). Material still renders them for each of the 3,600 pages, which was about
half of the template time.

The plugin wraps those parts in `sb_cached`: the theme's own template or
block renders them the first time a folder needs them, the same text is
reused for the folder's other pages. Sibling folders that no menu link
points into share them too: from don-vi/a/ and don-vi/b/ every such link
is written alike (../index.html, ../../xep-hang/…), and the 300 unit
folders of the stress repository rendered them 300 times. Included
templates are wrapped through the Jinja loader (nothing is copied from
Material: "sb-theme/<name>" is the theme's file); blocks are wrapped in
main.html. Pages in the menu (an item is active), blog posts and views,
and the 404 page render as before.
"""
from __future__ import annotations

import jinja2
from mkdocs.structure.pages import Page

# Included templates whose output, for a plain page outside the menu, depends on its folder only.
INCLUDES = ("partials/nav.html", "partials/search.html", "partials/palette.html", "partials/logo.html",
            "partials/javascripts/palette.html", "partials/toc.html")
_WRAPPER = '{%%- call sb_cached("%s", page, nav) -%%}{%% include "sb-theme/%s" %%}{%%- endcall -%%}'


def in_menu(items) -> bool:
    return any(getattr(item, "active", False) or in_menu(getattr(item, "children", None) or ())
               for item in items)


def _urls(items):
    for item in items:
        if getattr(item, "url", None) is not None:
            yield item.url
        yield from _urls(getattr(item, "children", None) or ())


def toc_empty(page) -> bool:
    """partials/toc.html shows nothing of the page: no heading below a level-1 title."""
    items = list(page.toc)
    if items and items[0].level == 1:
        items = list(items[0].children)
    return not items


class ThemeCache:
    def __init__(self):
        self.parts: dict[tuple[str, tuple[str, bool]], str] = {}
        self.page = self.folder = None  # the page being rendered, and its folder's key if it may use the cache
        self.menu: tuple[object, list[str]] | None = None  # the menu, and the URLs of its pages and links
        self.keys: dict[str, tuple[str, bool]] = {}

    def install(self, env: jinja2.Environment) -> None:
        theme = env.loader
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({name: _WRAPPER % (name, name) for name in INCLUDES}),
                                          jinja2.PrefixLoader({"sb-theme": theme}), theme])
        env.globals["sb_cached"] = self.cached
        self.parts.clear()
        self.page = self.folder = self.menu = None  # folder_key lists the menu's URLs and keys again

    def _folder(self, page, nav) -> tuple[str, bool] | None:
        # Only plain pages (not the blog's posts and views, which the blog plugin links
        # differently) outside the menu: for those the parts vary with the folder only.
        if type(page) is not Page or nav is None or in_menu(nav.items):
            return None
        return self.folder_key(page.url[:page.url.rfind("/") + 1], nav)  # where its relative links start from

    def folder_key(self, folder: str, nav) -> tuple[str, bool]:
        """(`folder`, False), or (its parent, True) when no menu link points into it: a relative link
        from it to anywhere else depends on its parent only."""
        if self.menu is None or self.menu[0] is not nav:
            self.menu, self.keys = (nav, list(_urls(nav.items))), {}
        key = self.keys.get(folder)
        if key is None:
            inside = not folder or any(url.startswith(folder) for url in self.menu[1])
            key = self.keys[folder] = (folder, False) if inside else (folder[:folder.rstrip("/").rfind("/") + 1], True)
        return key

    def cached(self, name: str, page, nav, caller):
        if page is not self.page:  # the parts of one page ask in turn: look at the menu once
            self.page, self.folder = page, self._folder(page, nav)
        if self.folder is None or (name == "partials/toc.html" and not toc_empty(page)):
            return caller()
        key = (name, self.folder)
        part = self.parts.get(key)
        if part is None:
            part = self.parts[key] = caller()
        return part
