"""A rebuild keeps the pages of the years a change did not touch, and the site is the one a fresh checkout builds.

Each case commits one kind of change to a small generated repository, rebuilds with
build/ kept from the build before, builds the same commit again in a clone with no
build/, and compares the two sites file by file. The build says which years it kept.
"""
from __future__ import annotations

import filecmp
import json
import re
import shutil
from pathlib import Path

import pytest

from gitrepo import MAIN, git, run_cli
from site_builder.layout import TEMPLATES
from site_builder.publish.source_line import MARK

CARD = "build/docs/don-vi/{unit}/{year}-ca-nam.md"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("years") / "repo"
    code, _, err = run_cli("demo", "--scale", "2", "--years", "3", "--seed", "3", "--out", root, cwd=MAIN)
    assert code == 0, err
    return root


@pytest.fixture
def repo(generated, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(generated, root)
    _build(root)
    return root


def _build(root: Path, clusters: dict | None = None) -> list[int]:
    """The years the build kept from the build before, as it says; into `clusters`, the clusters it kept
    in the other years."""
    code, out, err = run_cli("build", cwd=root)
    assert code == 0, err
    for year, names in re.findall(r"Năm (\d{4}): trang của \d+ cụm không đổi được giữ lại \(([^)]*)\)", out):
        if clusters is not None:
            clusters[int(year)] = names.split(", ")
    said = re.search(r"Dữ liệu năm ([\d, ]+) không đổi", out)
    return [int(y) for y in said.group(1).split(", ")] if said else []


def _years(root: Path) -> list[int]:
    return sorted(int(p.name) for p in (root / "submissions").iterdir())


def _first(root: Path, year: int) -> Path:
    return sorted((root / "submissions" / str(year) / "year").rglob("*.yaml"))[0]


def _unit(root: Path, year: int) -> str:
    return _first(root, year).stem


def _change(root: Path, target: Path, old: str, new: str) -> None:
    """One file changed and committed on the date of the last commit: the data date stays the same."""
    text = target.read_text(encoding="utf-8")
    assert old in text, target
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(root, "commit", "-q", "-am", "Sửa hồ sơ (#501)", date=git(root, "log", "-1", "--format=%cI"))


def _same_site_as_fresh(root: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    git(root, "clone", "-q", str(root), str(fresh))
    _build(fresh)
    compared = filecmp.dircmp(root / "site", fresh / "site")
    differing = _differences(compared)
    assert differing == [], differing


def _differences(compared: filecmp.dircmp, where: str = "") -> list[str]:
    found = [f"{where}{n}" for n in compared.left_only + compared.right_only]
    # dircmp compares by size and time only: each common file by its bytes.
    _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
    found += [f"{where}{n}" for n in mismatch + errors]
    for name, sub in compared.subdirs.items():
        found += _differences(sub, f"{where}{name}/")
    return found


def test_a_change_to_the_latest_year_keeps_the_other_years(repo, tmp_path):
    years = _years(repo)
    latest = years[-1]
    card = _first(repo, latest)
    _change(repo, card, 'result: "', 'result: "(đã bổ sung minh chứng) ')
    clusters = {}
    assert _build(repo, clusters) == years[:-1]
    # In the year changed, only the cluster of the file changed is written again.
    others = sorted(p.name for p in (repo / "clusters" / str(latest)).iterdir() if p.is_dir() and p.name != card.parent.name)
    assert others and clusters == {latest: others}
    assert "(đã bổ sung minh chứng)" in (repo / CARD.format(unit=card.stem, year=latest)).read_text(encoding="utf-8")
    head = git(repo, "rev-parse", "HEAD")
    # The kept years name the new commit, like everything else: in their pages and open data. Their
    # Markdown has the mark, where MkDocs puts the line naming it (publish/source_line.py).
    kept = _first(repo, years[0]).stem
    assert (repo / CARD.format(unit=kept, year=years[0])).read_text(encoding="utf-8").count(MARK) == 1
    page = (repo / "site" / CARD.format(unit=kept, year=years[0])[len("build/docs/"):]).with_suffix(".html")
    assert f"Số liệu xây dựng từ commit <code>{head[:10]}</code>" in page.read_text(encoding="utf-8")
    assert json.loads((repo / f"site/du-lieu/{years[0]}/thi-dua-{years[0]}.json").read_text(encoding="utf-8"))["commit"] == head
    _same_site_as_fresh(repo, tmp_path)


def test_a_unit_page_is_kept_unless_a_cluster_it_was_in_changed(repo, tmp_path):
    latest = _years(repo)[-1]
    card = _first(repo, latest)
    _change(repo, card, 'result: "', 'result: "(đã bổ sung minh chứng) ')
    code, out, err = run_cli("build", cwd=repo)
    assert code == 0, err
    every = {p.stem for p in (repo / "submissions").glob("*/*/*/*.yaml")}
    changed = {p.stem for p in card.parent.glob("*.yaml")}  # the cluster of the file, in the year changed
    assert len(changed) > 1 and len(every) > len(changed)
    assert f"Trang tổng hợp của {len(every - changed)} đơn vị không đổi được giữ lại." in out
    _same_site_as_fresh(repo, tmp_path)


def test_a_change_to_an_earlier_year_rewrites_it_and_the_year_after(repo, tmp_path):
    years = _years(repo)
    record = sorted((repo / "clusters" / str(years[0])).rglob("year.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith('"2.5":'))
    _change(repo, record, old, old.split(":")[0] + ": 0")
    # A scorecard compares with the same period of the year before: that year is written again too.
    assert _build(repo) == years[2:]
    _same_site_as_fresh(repo, tmp_path)


def test_a_rubric_change_rewrites_every_year(repo, tmp_path):
    rubric = sorted((repo / "rubric").glob("*.yaml"))[0]
    text = rubric.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    _change(repo, rubric, old, old + " (sửa)")
    assert _build(repo) == []
    _same_site_as_fresh(repo, tmp_path)


def test_a_later_date_that_passes_a_deadline_rewrites_that_year(repo, tmp_path):
    """The data date (the commit's) makes a missing year-end meeting overdue: the pages say so."""
    years = _years(repo)
    git(repo, "commit", "-q", "--allow-empty", "-m", "Ngày sau", date=f"{years[-1] + 5}-03-01T09:00:00+07:00")
    assert years[-1] not in _build(repo)
    _same_site_as_fresh(repo, tmp_path)


def test_a_page_template_of_ones_own_that_writes_the_line_itself_names_the_new_commit(repo):
    """A scorecard template from before the mark (publish/source_line.py) writes the "built from"
    line itself: a kept year's scorecards still name the new commit, not the last build's."""
    own = repo.parent / "own"
    (own / "site").mkdir(parents=True)
    text = (TEMPLATES / "site" / "scorecard.md.j2").read_text(encoding="utf-8")
    text = text.replace(", source_mark with", ", built_from with").replace("{{ source_mark() }}", "{{ built_from(commit, as_of) }}")
    (own / "site" / "scorecard.md.j2").write_text(text, encoding="utf-8")
    assert run_cli("build", "--templates", own, cwd=repo)[0] == 0
    old = git(repo, "rev-parse", "HEAD")[:10]
    git(repo, "commit", "-q", "--allow-empty", "-m", "Không đổi dữ liệu", date=git(repo, "log", "-1", "--format=%cI"))
    new = git(repo, "rev-parse", "HEAD")[:10]
    code, out, err = run_cli("build", "--templates", own, cwd=repo)
    assert code == 0, err
    assert "được giữ lại (chỉ đổi mã commit)." in out
    card = CARD.format(unit=_unit(repo, _years(repo)[0]), year=_years(repo)[0])
    line = "Số liệu xây dựng từ commit <code>{}</code>"
    assert MARK not in (repo / card).read_text(encoding="utf-8")
    for written in (repo / card, (repo / "site" / card[len("build/docs/"):]).with_suffix(".html")):
        assert written.read_text(encoding="utf-8").count(line.format(new)) == 1, written
        assert line.format(old) not in written.read_text(encoding="utf-8"), written


def test_the_build_says_only_the_commit_changes_in_what_it_kept_when_there_is_a_new_one(repo):
    _, again, _ = run_cli("build", cwd=repo)
    assert "được giữ lại." in again and "chỉ đổi mã commit" not in again  # the same commit: nothing changes
    git(repo, "commit", "-q", "--allow-empty", "-m", "Không đổi dữ liệu")
    _, after, _ = run_cli("build", cwd=repo)
    assert "được giữ lại (chỉ đổi mã commit)." in after


def test_a_damaged_record_or_a_missing_page_keeps_nothing_wrong(repo, tmp_path):
    years = _years(repo)
    (repo / "build" / "cache" / "years.json").write_text("{", encoding="utf-8")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Không đổi dữ liệu")
    assert _build(repo) == []  # an unreadable record keeps nothing
    assert _build(repo) == years  # nothing changed: every year kept
    first = _first(repo, years[0])
    (repo / CARD.format(unit=first.stem, year=years[0])).unlink()
    git(repo, "commit", "-q", "--allow-empty", "-m", "Lại không đổi dữ liệu")
    clusters = {}
    assert _build(repo, clusters) == years[1:]
    # The cluster missing a page is written again; the year's other clusters are kept.
    assert clusters[years[0]] and first.parent.name not in clusters[years[0]]
    _same_site_as_fresh(repo, tmp_path)
