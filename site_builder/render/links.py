"""Where every generated page lives in build/docs, and the relative links between them.

Pages are linked with plain relative hrefs computed here (the tables are HTML,
where MkDocs does not rewrite links), so the URL rule is stated once:
`use_directory_urls: false` in mkdocs.yml, a.md → a.html, which also works
when the site is opened from a shared folder or a USB stick.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache

PERIOD_SLUGS = {"h1": "6-thang", "year": "ca-nam"}
BLOG = "dien-hinh"

HOME = "index.md"
RANKINGS = "xep-hang/index.md"
UNITS = "don-vi/index.md"
METHOD = "tieu-chi/index.md"
NOMINATIONS = "de-nghi/index.md"
BLOG_INDEX = f"{BLOG}/index.md"
OPEN_DATA = "du-lieu/index.md"
ABOUT = "gioi-thieu.md"
# The Atom feed of recent score changes: a static file at the site's root, not a page.
FEED = "thay-doi.xml"


def period_page(year: int, period: str) -> str:
    return f"xep-hang/{year}-{PERIOD_SLUGS[period]}/index.md"


def cluster_page(year: int, period: str, cluster: str) -> str:
    return f"xep-hang/{year}-{PERIOD_SLUGS[period]}/{cluster}.md"


def change_log(year: int, cluster: str) -> str:
    """A cluster's change log of one year (both periods): reached from its pages, not from the menu."""
    return f"thay-doi/{year}/{cluster}.md"


def unit_page(unit: str) -> str:
    return f"don-vi/{unit}/index.md"


def scorecard(unit: str, year: int, period: str) -> str:
    return f"don-vi/{unit}/{year}-{PERIOD_SLUGS[period]}.md"


def rubric_page(year: int) -> str:
    return f"tieu-chi/{year}.md"


def criterion_anchor(cid: str) -> str:
    return "tc-" + cid.replace(".", "-")


def anchor_in(base, rubric):
    """Where the year's rubric page explains a criterion of `rubric`: a cluster's own
    criteria (absent from the base rubric) sit under that cluster's refinement."""
    def anchor(cid: str) -> str:
        if rubric.cluster and cid not in base.by_id:
            return f"cum-{rubric.cluster}-{criterion_anchor(cid)}"
        return criterion_anchor(cid)
    return anchor


def schema_file(year: int, cluster: str | None = None) -> str:
    return f"tieu-chi/submission-{year}{'-' + cluster if cluster else ''}.schema.json"


def post_source(writeup) -> str:
    return f"{BLOG}/posts/{writeup.year}/{writeup.unit}--{writeup.slug}.md"


def post_url(writeup) -> str:
    """Where Material's blog puts a post: mkdocs.yml sets post_url_format to "{slug}"."""
    return f"{BLOG}/{writeup.key}.html"


def data_file(year: int, name: str) -> str:
    return f"du-lieu/{year}/{name}"


def url_of(source: str) -> str:
    """The URL (relative to the site root) of a source file in build/docs."""
    return source[:-3] + ".html" if source.endswith(".md") else source


def href(here: str, target: str, anchor: str | None = None) -> str:
    """A link from the page `here` (a source path) to `target` (a source path or a URL)."""
    relative = _relative(posixpath.dirname(url_of(here)) or ".", url_of(target))
    return relative + (f"#{anchor}" if anchor else "")


# posixpath.relpath normalises both paths on every call: a tenth of page generation. The
# pages of one folder link to the same few targets (a scorecard to its rubric 39 times).
@lru_cache(maxsize=65536)
def _relative(start: str, target: str) -> str:
    return posixpath.relpath(target, start)
