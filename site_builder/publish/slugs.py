"""Vietnamese text folded to ASCII: for URLs and anchors (mkdocs.yml names these functions).

"Cụm thi đua số 1" → "cum-thi-dua-so-1": a link that survives being pasted
into a message or an e-mail, instead of "c%E1%BB%A5m-thi-%C4%91ua…".
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Without diacritics: đ has no combining mark, so it is replaced by hand."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


MAX_SLUG = 80


def ascii_slug(text: str, separator: str = "-") -> str:
    """The slugify of Markdown's toc extension and of Material's blog (value, separator)."""
    slug = _NOT_WORD.sub(separator, fold(text).lower()).strip(separator)
    if len(slug) <= MAX_SLUG:
        return slug
    # A blog category page is a file named by this slug, and a file name has
    # at most 255 bytes: one long cluster name stopped the whole site with
    # "File name too long". Cut, with a hash of the whole text so that two long
    # names sharing a beginning stay two pages.
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug[: MAX_SLUG - len(digest) - 1].rstrip(separator) + separator + digest
