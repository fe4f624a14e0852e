"""Writing the generated pages and files under build/docs, each rendered from a template file."""
from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from markupsafe import Markup

from site_builder.render.links import href
from site_builder.writer import BackgroundWriter


class Output:
    def __init__(self, docs: Path, env, common: dict):
        self.docs = Path(docs)
        self.env = env
        self.common = common
        self.written: list[str] = []
        self._seen: set[str] = set()  # `in` on the list was quadratic in the number of pages
        self._writer: BackgroundWriter | None = None

    @contextlib.contextmanager
    def writing_aside(self):
        """While the block runs, the files are written by a second thread (site_builder/writer.py); all of
        them are on disk when it ends. Not where the block forks."""
        try:
            with BackgroundWriter() as self._writer:
                yield
        finally:
            self._writer = None

    def page(self, source: str, template: str, published: str | None = None, **context) -> None:
        """A page at `source`; its template links with href(target, anchor) relative to where
        it is published (a blog post is moved by the blog plugin: `published` says where)."""
        text = self.env.get_template(template).render(here=source, href=partial(href, published or source), **self.common, **context)
        self.text(source, text)

    def render(self, source: str, template: str, **context) -> Markup:
        """A fragment for `source` (a chart inside a page): escaped by its own template, so safe to embed."""
        return Markup(self.env.get_template(template).render(here=source, href=partial(href, source), **self.common, **context))

    def text(self, source: str, text: str) -> None:
        self.bytes(source, text.encode("utf-8"))

    def bytes(self, source: str, data: bytes) -> None:
        target = self.docs / source
        self.record(source)
        if self._writer is not None:
            self._writer.write(str(target), data)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def size(self, source: str) -> int:
        """The size of a file in the folder, once what was asked to be written is."""
        if self._writer is not None:
            self._writer.flush()
        return (self.docs / source).stat().st_size

    def record(self, source: str) -> None:
        """`source` is generated (by this Output, or by another process writing into the same folder)."""
        if source in self._seen:
            raise ValueError(f"{source} được sinh hai lần")
        self.written.append(source)
        self._seen.add(source)
