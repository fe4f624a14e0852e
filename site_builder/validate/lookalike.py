"""Characters that make two ids look the same while they differ: named, so the writer can find them.

'cum-а' with a Cyrillic а, '１.１' in full-width digits, '1.1' followed by an
invisible zero-width space: each fails as an unknown or malformed id, and
the message has to say which character is not what it seems.
"""
from __future__ import annotations

import unicodedata

_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
_CONTROLS = {"\n": "xuống dòng", "\r": "về đầu dòng", "\t": "Tab"}  # Unicode gives control characters no name


def _odd(ch: str) -> bool:
    if ch == " " or ch.isascii() and ch.isprintable():
        return False
    category = unicodedata.category(ch)
    return (category in ("Cf", "Cc", "Mn", "Zs", "Zl", "Zp")
            or unicodedata.normalize("NFKC", ch) != ch
            or unicodedata.name(ch, "").startswith(_LOOKALIKE_SCRIPTS))


def odd_character_note(value) -> str:
    """' Có ký tự …' naming the first deceptive character of `value`, or ''."""
    if not isinstance(value, str):
        return ""
    for position, ch in enumerate(value, 1):
        if _odd(ch):
            name = unicodedata.name(ch, "") or _CONTROLS.get(ch, "ký tự điều khiển")
            if ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Mn", "Zs"):
                return (f" Có ký tự '{ch}' (U+{ord(ch):04X} {name}) ở vị trí {position}: trông giống chữ"
                        " thường nhưng là ký tự khác; hãy xóa và gõ lại bằng bàn phím không dấu.")
            return f" Có ký tự vô hình (U+{ord(ch):04X} {name}) ở vị trí {position}: hãy xóa ký tự này."
    return ""


def plain_form(value: str) -> str:
    """`value` as it looks: compatibility forms folded (１ → 1), invisible and combining marks dropped."""
    folded = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in folded if unicodedata.category(ch) not in ("Cf", "Mn"))
