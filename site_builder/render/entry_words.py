"""What a unit entered for a criterion, said in words beside its result ("Mức: Khá", "Số chuyên đề: 8")."""
from __future__ import annotations

from site_builder.load.rubric import Criterion
from site_builder.numbers import D, fmt


def entry_words(c: Criterion, entry: dict | None) -> list[str]:
    if not entry or not c.is_leaf:
        return []
    rule = c.rule
    if entry.get("not_applicable") is True and "not_applicable" in rule:
        return [rule["not_applicable"]["label"][:1].upper() + rule["not_applicable"]["label"][1:]]
    return _WORDS[rule["type"]](rule, entry)


def _count(label: str, value) -> str:
    return f"Số {label}: {fmt(D(value)) if value is not None else '—'}"


def _levels(rule, entry):
    chosen = entry.get("level")
    names = {lv["key"]: lv["label"] for lv in rule["levels"]}
    if "below" in rule:
        names[rule["below"]["key"]] = rule["below"]["label"]
    return [f"Mức: {names.get(chosen, chosen)}"] if chosen is not None else []


def _done(rule, entry):
    done = entry.get("done")
    return [] if done is None else ["Đã thực hiện" if done is True else "Chưa thực hiện"]


def _per_item(rule, entry):
    return [_count(item["label"], entry.get(item["key"])) for item in rule["items"]]


def _deduction(rule, entry):
    return [_count(rule["item"]["label"], entry.get(rule["item"]["key"]))]


def _tiers(rule, entry):
    value = entry.get(rule["input"]["key"])
    return [] if value is None else [f"{rule['input']['label'][:1].upper()}{rule['input']['label'][1:]}: {fmt(D(value))}"]


_WORDS = {
    # An assessed score is the self score itself: the score column already shows it.
    "assessed": lambda rule, entry: [],
    "levels": _levels, "done": _done, "per_item": _per_item, "deduction": _deduction, "tiers": _tiers,
}


def evidence_links(entry: dict | None) -> list[tuple[str, str]]:
    """(url, title) of each piece of evidence, however it was written (text or {url, title})."""
    found = []
    for item in (entry or {}).get("evidence") or []:
        if isinstance(item, dict):
            found.append((str(item.get("url", "")), str(item.get("title") or item.get("url", ""))))
        else:
            found.append((str(item), str(item)))
    return found
