"""The history of the scores on the published site, read from the generated HTML and feed.

One real repository (tests/site_history_repo.py: the example data, then a
year of one cluster made by pull requests: a submission, a merge, a
correction "(#12)", the cluster's scoring, the agreement and a change after
it) is built once with `build --strict`; a shallow clone of it is built once
with `--no-history`. Figures come from the example data (see
tests/test_history.py): Sơn Hà self 727,75, corrected to 770, then 773,5;
cluster 727,25.
"""
from __future__ import annotations

import html.parser
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gitrepo import git, run_cli
from site_history_repo import FORGE, LATE_SUBJECT, make_history_repo
from site_builder.publish.gitinfo import Commit, head
from site_builder.publish.history_source import site_history
from site_builder.render.forge import Forge, forge_from
from site_builder.render.history_view import NOT_A_REPOSITORY, NOT_AT_TOP, SiteHistory
from site_builder.render.template_env import html_environment

SCORECARD = "don-vi/ttyt-son-ha/2025-ca-nam.html"
CLUSTER_PAGE = "xep-hang/2025-ca-nam/cum-ttyt-phia-bac.html"
LOG = "thay-doi/2025/cum-ttyt-phia-bac.html"
ATOM = "{http://www.w3.org/2005/Atom}"
NOT_SHOWN = "Lịch sử thay đổi điểm không được hiển thị"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site-history") / "repo"
    ids = make_history_repo(root)
    code, out, err = run_cli("build", "--strict", cwd=root)
    assert code == 0, out + err
    return root / "site", ids


@pytest.fixture(scope="module")
def shallow(built, tmp_path_factory):
    """A depth-1 clone of the repository (what a CI checkout gets by default), not yet built."""
    site, _ = built
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(clone.parent, "clone", "-q", "--depth", "1", f"file://{site.parent}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    return clone


class Elements(html.parser.HTMLParser):
    """Every element with its attributes, its text and the elements inside it, as a tree."""

    VOID = {"br", "hr", "img", "input", "link", "meta", "source", "col", "wbr"}

    def __init__(self):
        super().__init__()
        self.root = {"tag": None, "attrs": {}, "children": [], "text": ""}
        self._open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "text": ""}
        self._open[-1]["children"].append(node)
        if tag not in self.VOID:
            self._open.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, 0, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        for node in self._open:
            node["text"] += data


def elements(path: Path) -> dict:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.root


def find(node: dict, tag: str | None = None, cls: str | None = None, **attrs) -> list[dict]:
    """Elements below `node` with that tag, class and attribute values, in document order."""
    found = []
    for child in node["children"]:
        classes = (child["attrs"].get("class") or "").split()
        if ((tag is None or child["tag"] == tag) and (cls is None or cls in classes)
                and all(child["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())):
            found.append(child)
        found += find(child, tag, cls, **attrs)
    return found


def text(node: dict) -> str:
    return " ".join(node["text"].split())


def pairs(node: dict) -> dict[str, tuple[str, str, str]]:
    """data-field → (data-before, data-after, text shown) of the figures of one entry."""
    return {p["attrs"]["data-field"]: (p["attrs"]["data-before"], p["attrs"]["data-after"], text(p))
            for p in find(node, "span", "sb-pair")}


def timeline(site: Path) -> list[dict]:
    [ol] = find(elements(site / SCORECARD), "ol", "sb-timeline")
    return find(ol, "li", "sb-change")


def criteria_rows(entry: dict) -> dict[str, dict]:
    return {row["attrs"]["data-criterion"]: pairs(row) for row in find(entry, "tr") if "data-criterion" in row["attrs"]}


def test_scorecard_timeline_is_newest_first_with_date_author_pull_request_and_commit(built):
    site, ids = built
    entries = timeline(site)
    assert [e["attrs"]["data-commit"] for e in entries] == [ids[n] for n in ("late", "scoring", "correction", "tan-lap", "son-ha")]
    heads = [(text(find(e, "time")[0]), text(find(e, cls="sb-change-author")[0]), text(find(e, cls="sb-change-pr")[0]))
             for e in entries]
    assert heads == [("15/01/2026", "TTYT Sơn Hà", "#18"), ("08/01/2026", "Cụm trưởng Cụm 2", "#15"),
                     ("28/12/2025", "TTYT Sơn Hà", "#12"), ("22/12/2025", "TTYT Tân Lập", "#7"),
                     ("20/12/2025", "TTYT Sơn Hà", "#3")]
    correction = entries[2]
    [pr] = find(correction, "a", "sb-change-pr")
    assert pr["attrs"]["href"] == f"{FORGE}/pull/12"
    [commit] = find(find(correction, "p", "sb-change-head")[0], "a", "sb-change-commit")
    assert (text(commit), commit["attrs"]["href"]) == (ids["correction"][:7], f"{FORGE}/commit/{ids['correction']}")
    # A merge names who wrote the pull request, who merged it, and the pull request's own title.
    assert "hợp nhất: Cụm trưởng Cụm 2" in text(entries[3])
    assert text(find(entries[3], "p", "sb-change-subject")[0]) == "Nộp bài Tân Lập"


def test_scorecard_timeline_gives_old_and_new_figures(built):
    site, _ = built
    late, scoring, correction, merge, first = timeline(site)
    assert pairs(first)["self_total"] == ("", "727.75", "— → 727,75")
    assert text(find(first, "span", data_field="first_self")[0]) == "53 tiêu chí có điểm tự chấm lần đầu"
    assert criteria_rows(correction) == {
        "1": {"self": ("459", "501.25", "459 → 501,25 (+42,25)"), "cluster": ("", "", "—")},
        "1.2": {"self": ("74.75", "100", "74,75 → 100 (+25,25)"), "cluster": ("", "", "—")},
        "1.3": {"self": ("53", "70", "53 → 70 (+17)"), "cluster": ("", "", "—")},
    }
    assert pairs(correction)["self_total"] == ("727.75", "770", "727,75 → 770 (+42,25)")
    assert pairs(correction)["rank"] == ("5", "3", "5 → 3")
    assert pairs(scoring)["cluster_total"] == ("", "727.25", "— → 727,25")
    assert pairs(scoring)["counted_total"] == ("770", "727.25", "770 → 727,25 (-42,75)")
    # Another unit's pull request moved this one down: said so, with no figure of its own.
    assert pairs(merge) == {"rank": ("4", "5", "4 → 5")}
    assert "do thay đổi của đơn vị khác" in text(merge)


def test_change_after_agreement_is_red_on_the_timeline_with_its_commit(built):
    site, ids = built
    entries = timeline(site)
    assert [e["attrs"]["data-after-agreement"] for e in entries] == ["true", "false", "false", "false", "false"]
    late = entries[0]
    assert "sb-change--late" in late["attrs"]["class"].split()
    [flag] = find(late, "p", "sb-flag")
    assert text(flag).startswith("Sửa sau khi Cụm đã đối chiếu, thống nhất điểm (ngày 12/01/2026)")
    assert find(flag, "a")[0]["attrs"]["href"] == f"{FORGE}/commit/{ids['late']}"
    assert criteria_rows(late) == {"1": {"self": ("501.25", "504.75", "501,25 → 504,75 (+3,5)"), "cluster": ("459", "459", "459")},
                                   "1.6": {"self": ("36.5", "40", "36,5 → 40 (+3,5)"), "cluster": ("36.5", "36.5", "36,5")}}
    assert pairs(late)["status"][:2] == ("eligible", "changed")
    # The subject is printed as typed: its markup is text, not HTML.
    assert text(find(late, "p", "sb-change-subject")[0]) == LATE_SUBJECT
    assert "<b>1.6</b>" not in (site / SCORECARD).read_text(encoding="utf-8")


def test_ranking_row_of_the_unit_is_flagged_with_the_commit(built):
    site, ids = built
    page = elements(site / CLUSTER_PAGE)
    [table] = find(page, "table", "sb-ranking")
    rows = {r["attrs"]["data-unit"]: r for r in find(table, "tr") if "data-unit" in r["attrs"]}
    assert len(rows) == 6
    flagged = {u for u, r in rows.items() if "sb-row--late" in (r["attrs"].get("class") or "").split()}
    assert flagged == {"ttyt-son-ha"}
    [flag] = find(rows["ttyt-son-ha"], "p", "sb-flag")
    assert text(flag) == f"Sửa sau đối chiếu ngày 15/01/2026 (Cụm thống nhất điểm ngày 12/01/2026): commit {ids['late'][:7]}"
    assert find(flag, "a")[0]["attrs"]["href"] == f"{FORGE}/commit/{ids['late']}"
    [link] = [a for a in find(page, "a") if a["attrs"]["href"].endswith("thay-doi/2025/cum-ttyt-phia-bac.html")]
    assert (site / "xep-hang/2025-ca-nam" / link["attrs"]["href"]).resolve() == (site / LOG).resolve()


def test_cluster_change_log_of_the_year(built):
    site, ids = built
    [ol] = find(elements(site / LOG), "ol", "sb-log")
    entries = find(ol, "li", "sb-change")
    year = [(e["attrs"]["data-commit"], e["attrs"]["data-after-agreement"]) for e in entries if e["attrs"]["data-period"] == "year"]
    assert year == [(ids["late"], "true"), (ids["agreement"], "false"), (ids["scoring"], "false"), (ids["correction"], "false"),
                    (ids["tan-lap"], "false"), (ids["son-ha"], "false"), (ids["department"], "false")]
    agreement = entries[1]
    assert text(find(agreement, "p", "sb-agreement")[0]) == "Cụm ghi nhận đối chiếu, thống nhất điểm ngày 12/01/2026."
    assert find(agreement, "div", "sb-change-unit") == []  # the digests match: no unit moved
    scoring = entries[2]
    assert {u["attrs"]["data-unit"] for u in find(scoring, "div", "sb-change-unit")} == {
        "ttyt-son-ha", "ttyt-tan-lap", "ttyt-dong-xuan", "ttyt-thach-ban", "ttyt-hoa-my", "ttyt-ky-son"}
    [late_unit] = find(entries[0], "div", "sb-change-unit")
    assert late_unit["attrs"]["data-after-agreement"] == "true" and find(late_unit, "p", "sb-flag")
    # Each unit leads to its own timeline entry on its scorecard.
    href = find(find(late_unit, "p", "sb-change-name")[0], "a")[0]["attrs"]["href"]
    assert href == f"../../{SCORECARD}#thay-doi-{ids['late'][:12]}"


def test_feed_is_atom_with_the_commits_dates(built):
    site, ids = built
    feed = ET.parse(site / "thay-doi.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated[:3] == ["2026-01-15T10:00:00+07:00", "2026-01-12T15:00:00+07:00", "2026-01-08T09:00:00+07:00"]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    newest = entries[0]
    assert newest.findtext(f"{ATOM}title") == (
        f"[Sửa sau đối chiếu] Cụm thi đua số 2 - Trung tâm Y tế các huyện phía Bắc, năm 2025, cả năm: {LATE_SUBJECT}")
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "TTYT Sơn Hà"
    assert "Trung tâm Y tế huyện Sơn Hà: sửa sau khi Cụm đã đối chiếu, thống nhất điểm ngày 12/01/2026; tự chấm 770 → 773,5;" in newest.findtext(f"{ATOM}summary")
    link = newest.find(f"{ATOM}link").get("href")
    assert link == f"{LOG}#thay-doi-{ids['late'][:12]}-year"
    assert (site / link.split("#")[0]).is_file()
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    [alternate] = [x for x in find(elements(site / "index.html"), "link") if x["attrs"].get("rel") == "alternate"]
    assert (alternate["attrs"]["type"], alternate["attrs"]["href"]) == ("application/atom+xml", "thay-doi.xml")


def test_home_page_lists_the_latest_changes(built):
    site, ids = built
    [recent] = find(elements(site / "index.html"), "ul", "sb-recent")
    items = find(recent, "li")
    assert items[0]["attrs"]["data-commit"] == ids["late"] and "sửa sau đối chiếu" in text(items[0])
    assert len(items) == 5


def test_shallow_clone_stops_the_build_with_the_fix(shallow):
    code, out, err = run_cli("build", "--strict", cwd=shallow)
    assert code == 1, out + err
    assert "Kho được clone nông (shallow)" in err and "git fetch --unshallow" in err and "--no-history" in err
    assert not (shallow / "site").exists()


def test_no_history_builds_and_says_history_is_not_shown(shallow):
    code, out, err = run_cli("build", "--strict", "--no-history", cwd=shallow)
    assert code == 0, out + err
    site = shallow / "site"
    for page in ("index.html", SCORECARD, CLUSTER_PAGE):
        [notice] = find(elements(site / page), "div", "sb-history-off")
        assert text(notice) == f"{NOT_SHOWN}: trang được xây dựng với tùy chọn --no-history.", page
    assert find(elements(site / SCORECARD), "ol", "sb-timeline") == []
    assert not (site / "thay-doi.xml").exists() and not (site / "thay-doi").exists()
    assert not [x for x in find(elements(site / "index.html"), "link") if x["attrs"].get("rel") == "alternate"]


def test_a_folder_that_is_not_a_repository_has_no_history_and_says_why(tmp_path):
    # What the build does for a folder without git: the date comes from SOURCE_DATE_EPOCH or today
    # (gitinfo), and the history is absent with the same notice, not an error.
    shutil.copy2(Path(__file__).resolve().parents[1] / "mkdocs.yml", tmp_path / "mkdocs.yml")
    history = site_history(tmp_path, Commit(None, 1768000000))
    assert (history.shown, history.reason) == (False, NOT_A_REPOSITORY)


def test_a_data_folder_below_the_top_of_a_repository_has_no_history_and_says_why(tmp_path):
    # The history names files from the repository's top: from a subfolder it would find none and
    # look like nobody ever changed a score.
    data = tmp_path / "du-lieu"
    data.mkdir()
    shutil.copy2(Path(__file__).resolve().parents[1] / "mkdocs.yml", data / "mkdocs.yml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Dữ liệu trong thư mục con")
    history = site_history(data, head(data))
    assert (history.shown, history.reason) == (False, NOT_AT_TOP)


@pytest.mark.parametrize("extra, repo_url, pull, commit", [
    ({"forge": {"url": "https://github.com/so/kho"}}, None, "https://github.com/so/kho/pull/12", "https://github.com/so/kho/commit/abc"),
    ({}, "https://gitlab.com/so/kho.git", "https://gitlab.com/so/kho/-/merge_requests/12", "https://gitlab.com/so/kho/-/commit/abc"),
    ({"forge": {"url": "https://git.soyte.example/so/kho/", "kind": "forgejo"}}, None,
     "https://git.soyte.example/so/kho/pulls/12", "https://git.soyte.example/so/kho/commit/abc"),
    ({"forge": {"url": "https://git.soyte.example/so/kho"}}, None, None, None),  # unknown kind: no guess
    ({"forge": {"url": "javascript:alert(1)", "kind": "github"}}, None, None, None),
    ({}, None, None, None),
])
def test_forge_links_only_where_the_address_and_kind_are_known(extra, repo_url, pull, commit):
    forge = forge_from(extra, repo_url)
    assert (forge.pull_request(12), forge.commit("abc")) == (pull, commit)


def test_without_a_forge_the_pull_request_and_commit_are_plain_text():
    commit = {"id": "0123456789abcdef" * 2 + "01234567", "short": "0123456", "pull_request": 12}
    history = SiteHistory(True, forge=Forge())
    macros = html_environment().get_template("site/_history.j2").make_module({"href": None})
    assert str(macros.pull_request(history, commit)).strip() == 'Pull request <span class="sb-change-pr" data-pr="12">#12</span>'
    assert str(macros.commit_ref(history, commit)).strip() == f'<code class="sb-change-commit" data-commit="{commit["id"]}">0123456</code>'
