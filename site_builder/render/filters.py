"""Jinja filters of the site pages: Vietnamese numbers and dates, and text made safe for Markdown."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from site_builder.numbers import D, fmt, fmt_date, fmt_yaml
from site_builder.render.history_view import first_scored, moved, subject
from site_builder.score.words import rule_words

# Python-Markdown's backslash escapes: a unit named "[x](javascript:…)" or
# "*Bệnh viện*" must print as typed, not become a link or emphasis.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20]")


def html_text(value) -> str:
    """markupsafe.escape(value) as a str, as autoescape writes it, without its cost on plain strings
    (the HTML that render/ writes in Python rather than through a template)."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or "'" in value or '"' in value:
            return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
                    .replace("'", "&#39;").replace('"', "&#34;"))
        return value
    return str(escape(value))


def number(value) -> str:
    """A score as people read it (1.000; 0,5), or a dash where there is none."""
    if value is None or value == "":
        return "—"
    return fmt(D(value) if isinstance(value, str) else value)


def plain(value) -> str:
    """A score as machines read it (1000; 0.5): for data-* attributes and downloads."""
    if value is None:
        return ""
    return fmt_yaml(D(value) if isinstance(value, str) else value)


def signed(value) -> str:
    """A difference with its sign, the way a council member compares two scores."""
    if value is None:
        return "—"
    value = D(value)
    return ("+" if value > 0 else "") + fmt(value)


def md(value) -> Markup:
    """Text for a Markdown heading or list: Markdown syntax escaped, then HTML."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    return Markup(escape(text))


def safe_url(value) -> str:
    """The link if it is http(s), mailto or relative; empty otherwise (javascript:, data:, file:)."""
    text = str(value or "").strip()
    if not text or _CONTROL_OR_SPACE.search(text):
        return ""
    scheme = urlsplit(text).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return ""
    if not scheme and text.startswith("//"):
        return ""  # protocol-relative: leaves the intranet
    return text


def yaml_text(value) -> Markup:
    """A string for generated front matter (JSON quoting is valid YAML).

    The theme prints front matter values (title, blog categories) unescaped, and
    puts some of them (a category's page title) through striptags, which also
    unescapes: so angle brackets become look-alikes (‹ ›) that no step can turn
    back into a tag, and the rest is HTML-escaped."""
    text = str(value).replace("<", "‹").replace(">", "›")
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def date(value) -> str:
    return fmt_date(value)


FILTERS = {
    "num": number, "plain": plain, "signed": signed, "md": md, "safe_url": safe_url,
    "yaml_text": yaml_text, "date": date, "rule_words": rule_words,
    "moved": moved, "first_scored": first_scored, "change_subject": subject,
}


def is_number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
