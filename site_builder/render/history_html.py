"""The figures of a change (totals, rank, status, criteria before → after), written for _history.j2.

Every scorecard's timeline and every cluster's log show them, entry after
entry: through macros (one call per figure) they were the most of the history
on the pages. The HTML is the macros' own, every value escaped as autoescape
did; _history.j2's `figures` and `pair` call these.
"""
from __future__ import annotations

from markupsafe import Markup

from site_builder.render.filters import html_text, number, signed
from site_builder.render.history_view import first_scored, moved

TOTALS = [("self_total", "Tổng điểm tự chấm"), ("cluster_total", "Tổng điểm Cụm chấm"), ("counted_total", "Điểm xếp hạng")]


_e = html_text
_SHOWN: dict[str, str] = {}  # a YAML number as the page shows it, escaped: the same few hundred everywhere


def _num(value) -> str:
    """_e(number(value)), remembered for the YAML strings history_for gives."""
    if type(value) is not str:
        return _e(number(value))
    shown = _SHOWN.get(value)
    if shown is None:
        shown = _SHOWN[value] = _e(number(value))
    return shown


def _raw(value) -> str:
    """A value as data-before / data-after hold it: empty for none."""
    return "" if value is None else _e(value)


def pair_html(field: str, value: dict) -> str:
    before, after = value["before"], value["after"]
    if before == after:
        shown = _num(after)
    else:
        shown = f"{_num(before)} → {_num(after)}"
        if value["difference"] is not None:
            shown += f" ({_e(signed(value['difference']))})"
    return (f'<span class="sb-pair" data-field="{_e(field)}" data-before="{_raw(before)}" data-after="{_raw(after)}">'
            f"{shown}</span>")


def pair(field: str, value: dict) -> Markup:
    return Markup(pair_html(field, value))


def _rank_words(value) -> str:
    return _e(value if value is not None else "chưa xếp hạng")


def figures(e: dict) -> Markup:
    out = ['<ul class="sb-change-totals">\n']
    changed = e["changed"]
    if "file" in changed:
        file = e["file"]
        done = "Nộp bản tự chấm" if file["before"] is None else "Xóa bản tự chấm" if file["after"] is None else "Sửa bản tự chấm"
        invalid = ": <strong>tệp không hợp lệ</strong>, chưa tính điểm tự chấm" if e["valid"]["after"] is False else ""
        out.append(f'<li data-field="file">{done}{invalid}.</li>')
    for field, label in TOTALS:
        if e[field]["before"] != e[field]["after"]:
            out.append(f"<li>{label}: {pair_html(field, e[field])}</li>")
    if "rank" in changed:
        rank = e["rank"]
        others = ' <span class="sb-note">(do thay đổi của đơn vị khác trong Cụm)</span>' if changed == ["rank"] else ""
        out.append(f'<li>Hạng: <span class="sb-pair" data-field="rank" data-before="{_raw(rank["before"])}" '
                   f'data-after="{_raw(rank["after"])}">{_rank_words(rank["before"])} → {_rank_words(rank["after"])}</span>'
                   f"{others}</li>")
    if "status" in changed:
        status, label = e["status"], e["status_label"]
        out.append(f'<li>Trạng thái: <span class="sb-pair" data-field="status" data-before="{_e(status["before"] or "")}" '
                   f'data-after="{_e(status["after"] or "")}">{_e(label["before"] or "—")} → {_e(label["after"] or "—")}</span></li>')
    out.append("</ul>\n")
    criteria = e["criteria"]
    first_self, first_cluster = first_scored(criteria, "self"), first_scored(criteria, "cluster")
    if first_self or first_cluster:
        out.append('<p class="sb-note sb-change-first">')
        if first_self:
            out.append(f'<span data-field="first_self" data-value="{_e(first_self)}">{_e(first_self)} tiêu chí có điểm tự chấm lần đầu</span>')
        if first_self and first_cluster:
            out.append("; ")
        if first_cluster:
            out.append(f'<span data-field="first_cluster" data-value="{_e(first_cluster)}">{_e(first_cluster)} tiêu chí được Cụm chấm lần đầu</span>')
        out.append(" (điểm từng tiêu chí: xem phiếu chấm điểm).</p>\n")
    rows = moved(criteria)
    if rows:
        out.append(f'<details class="sb-change-details"{" open" if len(rows) <= 12 else ""}>\n'
                   f"<summary>{len(rows)} tiêu chí thay đổi điểm</summary>\n"
                   '<div class="sb-scroll">\n<table class="sb-table sb-change-criteria">\n'
                   "<thead><tr><th>Tiêu chí</th><th>Tối đa</th><th>Tự chấm</th><th>Cụm chấm</th></tr></thead>\n<tbody>\n")
        for c in rows:
            out.append(f'<tr data-criterion="{_e(c["id"])}"><td><span class="sb-id">{_e(c["id"])}</span> {_e(c["title"])}</td>'
                       f'<td class="sb-num">{_num(c["max"])}</td><td class="sb-num">{pair_html("self", c["self"])}</td>'
                       f'<td class="sb-num">{pair_html("cluster", c["cluster"])}</td></tr>\n')
        out.append("</tbody>\n</table>\n</div>\n</details>\n")
    return Markup("".join(out))


def timeline(history, entries: list[dict], authors, anchor_of, change_head, flag) -> Markup:
    """_history.j2's timeline of a scorecard, one <li> per entry; change_head and flag are its macros
    (a commit's heading made once per build: SiteHistory.remembered)."""
    out = ['<ol class="sb-timeline" reversed data-search-exclude>\n']
    for e in entries:
        commit, late = e["commit"], e["after_agreement"]
        out.append(f'<li id="{_e(anchor_of(commit))}" class="sb-change{" sb-change--late" if late else ""}" '
                   f'data-commit="{_e(commit["id"])}" data-after-agreement="{"true" if late else "false"}">\n')
        out.append(str(history.remembered(("change_head", commit["id"]), lambda: change_head(history, commit, authors(commit)))))
        out.append("\n")
        if late:
            out.append(str(flag(history, e)))
        out.append(figures(e))
        out.append("\n</li>\n")
    out.append("</ol>")
    return Markup("".join(out))
