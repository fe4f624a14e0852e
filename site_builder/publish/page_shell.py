"""The theme's page around a page's content, rendered once per kind of page and filled in after.

For a plain page outside the menu (every scorecard, unit and cluster page),
Material's template is a function of the page's folder, its front matter,
its title, its content and its first heading, and nothing else. Rendering it
in Jinja was the largest part of what MkDocs spends on each of those pages,
even with the folder's parts rendered once (theme_cache.py).

So the first page of each kind (the theme cache's folder key, its front
matter but the title, whether its content has a level-1 heading) is
rendered as usual, and its output cut at the page's own values into a
shell: the content (exactly once), the title, the first heading's link,
and the canonical and edit links. The next page of that kind whose values
all differ is rendered as usual too, and the shell filled with its values
must give exactly its output (a template that shows anything else of the
page, its address say, fails there); only then are the kind's other pages
filled in instead of rendered, with every plugin event run as MkDocs runs
them. A page whose values are not plain text is rendered as usual, and a
kind whose second page differs from its filled shell is rendered as usual
for the rest of the build.
tests/test_page_shell.py compares a site built with shells and without,
byte for byte.
"""
from __future__ import annotations

import json
import logging
import re

from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.structure.pages import Page

from site_builder.publish.theme_cache import ThemeCache, in_menu, toc_empty
from site_builder.writer import BackgroundWriter

log = logging.getLogger("mkdocs.commands.build")

# How many pages of a kind are rendered as usual before its shell is trusted (the first makes it).
_CHECKED = 2
_PLAIN = re.compile(r"[^<>&\"'\n\r\t]+")  # text that every template writes as it is, escaped or not


class _Recording:
    """The template environment, keeping what the page template rendered (MkDocs' _build_page asks it
    for one template and renders it once)."""

    def __init__(self, env):
        self.env, self.output = env, None

    def get_template(self, *args, **kwargs):
        return _Recorded(self, self.env.get_template(*args, **kwargs))


class _Recorded:
    def __init__(self, recording: _Recording, template):
        self.recording, self.template = recording, template

    def render(self, *args, **kwargs):
        self.recording.output = self.template.render(*args, **kwargs)
        return self.recording.output


class Shell:
    """A kind of page's output with the page's values cut out: text, and ("slot", name) where a value goes."""

    def __init__(self, pieces: list):
        self.pieces = pieces

    @classmethod
    def cut(cls, output: str, values: dict[str, str]) -> "Shell | None":
        content = values["content"]
        at = output.find(content)
        if not content or at < 0 or output.find(content, at + 1) >= 0:
            return None
        named = {value: name for name, value in values.items() if name != "content" and value}
        return cls(_slots(output[:at], named) + [("slot", "content")] + _slots(output[at + len(content):], named))

    def fill(self, values: dict[str, str]) -> str:
        return "".join(p if isinstance(p, str) else values[p[1]] for p in self.pieces)


def _slots(text: str, named: dict[str, str]) -> list:
    """`text` cut at each occurrence of a value of `named` (value -> its name), longest values first."""
    if not named:
        return [text]
    pieces, pos = [], 0
    for match in re.finditer("|".join(map(re.escape, sorted(named, key=len, reverse=True))), text):
        pieces += [text[pos:match.start()], ("slot", named[match.group()])]
        pos = match.end()
    return pieces + [text[pos:]]


class PageShells:
    """One build's shells, by kind of page (one process's: the other process of page_split.py learns its own)."""

    def __init__(self):
        self.folders = ThemeCache()  # for its folder keys only
        self.kinds: dict[tuple, dict] = {}  # kind -> {"shell", "seen": values of the pages rendered, "trusted"}
        self.filled = 0
        self.writer: BackgroundWriter | None = None  # while there is one, pages filled in are written by it

    def write(self, data: bytes, path: str) -> None:
        """A page's HTML into the site: by the writer thread while there is one (site_builder/writer.py)."""
        if self.writer is not None:
            self.writer.write(path, data)
        else:
            utils.write_file(data, path)

    def kind(self, page, nav, dirty: bool, excluded: bool) -> tuple | None:
        """The kind of `page`, or None where a shell may not stand for its template (see module doc)."""
        if dirty or excluded or nav is None or in_menu(nav.items) or page.previous_page or page.next_page:
            return None
        if type(page) is not Page or page.content is None or not toc_empty(page) or len(page.toc.items) > 1:
            return None
        folder = self.folders.folder_key(page.url[:page.url.rfind("/") + 1], nav)
        meta = {k: v for k, v in page.meta.items() if k != "title"}
        try:
            meta_key = json.dumps(meta, sort_keys=True, ensure_ascii=False)
        except (TypeError, ValueError):
            return None
        return folder, utils.get_relative_url(".", page.url), meta_key, "<h1" in page.content

    def values(self, page) -> dict[str, str] | None:
        title = page.meta.get("title") if page.meta.get("title") else page.title
        first = next(iter(page.toc.items), None)
        found = {"content": page.content, "title": title if isinstance(title, str) else "",
                 "skip": first.url if first is not None else "", "canonical": page.canonical_url or "",
                 "edit": page.edit_url or ""}
        named = [v for k, v in found.items() if k != "content" and v]
        if any(not _PLAIN.fullmatch(v) for v in named) or len(set(named)) != len(named):
            return None  # a value a template may escape or strip, or two values alike: no telling them apart
        return found

    def build(self, original, page, config, doc_files, nav, env, dirty=False, excluded=False) -> bytes | None:
        """MkDocs' _build_page for `page`, with its kind's shell filled in once the shell is trusted; the
        page's HTML when it was filled in (and maybe not on disk yet)."""
        kind = self.kind(page, nav, dirty, excluded)
        values = self.values(page) if kind is not None else None
        known = self.kinds.setdefault(kind, {"shell": None, "seen": [], "trusted": False}) if values else None
        if known is not None and known["trusted"]:
            return self._filled(known["shell"], values, page, config, doc_files, nav)
        recording = _Recording(env)
        original(page, config, doc_files, nav, recording, dirty, excluded)
        if known is not None and recording.output is not None and known["shell"] is not False:
            self._learn(known, recording.output, values)
        return None

    def _learn(self, known: dict, output: str, values: dict) -> None:
        if known["shell"] is None:
            known["shell"] = Shell.cut(output, values) or False
        elif all(values[k] != seen[k] for seen in known["seen"] for k in values if seen[k]):
            # Only a page whose every value differs from those already seen can show that the shell
            # holds each of them in the right places, and nothing else of the page.
            if known["shell"].fill(values) != output:
                known["shell"] = False
                return
            known["trusted"] = len(known["seen"]) + 1 >= _CHECKED
        known["seen"].append(values)

    def _filled(self, shell: Shell, values: dict, page, config, doc_files, nav) -> bytes | None:
        """MkDocs' _build_page (mkdocs/commands/build.py) with the shell for the template."""
        config._current_page = page
        try:
            page.active = True
            context = get_context(nav, doc_files, config, page)
            config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = config.plugins.on_post_page(shell.fill(values), page=page, config=config)
            self.filled += 1
            if not output.strip():
                return None
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            self.write(data, page.file.abs_dest_path)
            return data
        except Exception as e:
            log.error(f"Error building page '{page.file.src_uri}': {e}")
            raise
        finally:
            page.active = False
            config._current_page = None
