"""Every number the pages show equals what `rank --format json` prints.

The pages are read as HTML, the way a visitor's browser gets them, and the
numbers are read from the text shown (1.000; 0,5), not from the code's objects.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import test_site_support as support

PERIOD_SLUGS = {"h1": "6-thang", "year": "ca-nam"}
PERIODS = [(2024, "h1"), (2024, "year"), (2025, "h1"), (2025, "year")]


@pytest.fixture(scope="session")
def repo(tmp_path_factory) -> Path:
    return support.built(tmp_path_factory)


@pytest.fixture(scope="session")
def ranks(repo) -> dict:
    """What the rank command prints, per year and period, as of the commit's date."""
    found = {}
    for year, period in PERIODS:
        done = support.run_cli("rank", "--year", year, "--period", period, "--as-of", support.AS_OF, "--format", "json", cwd=repo)
        found[(year, period)] = json.loads(done.stdout)
    return found


def dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def cell(row: dict, field: str) -> dict:
    matches = [c for c in row["cells"] if c["attrs"].get("data-field") == field]
    assert len(matches) == 1, (field, row)
    return matches[0]


@pytest.mark.parametrize("year,period", PERIODS)
def test_ranking_tables_show_the_numbers_rank_prints(repo, ranks, year, period):
    checked = 0
    for ranking in ranks[(year, period)]["rankings"]:
        page = repo / "site" / "xep-hang" / f"{year}-{PERIOD_SLUGS[period]}" / f"{ranking['cluster']}.html"
        rows = [r for r in support.page_rows(page, "sb-ranking") if r["attrs"].get("data-unit")]
        assert [r["attrs"]["data-unit"] for r in rows] == [r["unit"] for r in ranking["rows"]], page
        for shown, expected in zip(rows, ranking["rows"]):
            rank = cell(shown, "rank")
            assert support.vi_number(rank["text"].replace("đồng hạng", "")) == dec(expected["rank"])
            assert ("đồng hạng" in rank["text"]) == expected["tied"]
            for field in ("self_total", "cluster_total", "difference"):
                assert support.vi_number(cell(shown, field)["text"]) == dec(expected[field]), (page, expected["unit"], field)
            for section, pair in expected["sections"].items():
                subtotal = cell(shown, f"section-{section}")
                source = "cluster" if pair["cluster"] is not None else "self"
                assert subtotal["attrs"]["data-source"] == source
                assert support.vi_number(subtotal["text"]) == dec(pair[source]), (page, expected["unit"], section)
                # A subtotal taken from the unit's own scores is marked as provisional.
                assert subtotal["text"].strip().endswith("*") == (source == "self" and pair["self"] is not None)
            status = [c for c in shown["cells"] if "sb-status-cell" in c["attrs"].get("class", "")][0]
            assert expected["status_label"] in status["text"]
            checked += 1
    assert checked > 0


def test_votes_shown_are_the_votes_counted(repo, ranks):
    for year in (2024, 2025):
        for ranking in ranks[(year, "year")]["rankings"]:
            if not ranking["vote"]:
                continue
            page = repo / "site" / "xep-hang" / f"{year}-ca-nam" / f"{ranking['cluster']}.html"
            shown = {r["attrs"]["data-unit"]: support.vi_number(cell(r, "votes")["text"])
                     for r in support.page_rows(page, "sb-table") if r["attrs"].get("data-unit") and any(c["attrs"].get("data-field") == "votes" for c in r["cells"])}
            assert shown == {u: Decimal(n) for u, n in ranking["vote"]["votes"].items()}


def test_scorecard_totals_match_the_ranking(repo, ranks):
    checked = 0
    for (year, period), printed in ranks.items():
        for ranking in printed["rankings"]:
            for row in ranking["rows"]:
                page = repo / "site" / "don-vi" / row["unit"] / f"{year}-{PERIOD_SLUGS[period]}.html"
                if not page.exists():
                    assert row["status"] == "not_submitted"
                    continue
                facts = support.page_rows(page, "sb-facts")
                by_field = {c["attrs"].get("data-field"): c for r in facts for c in r["cells"]}
                assert support.vi_number(by_field["self_total"]["text"]) == dec(row["self_total"])
                assert support.vi_number(by_field["cluster_total"]["text"]) == dec(row["cluster_total"])
                totals = [r for r in support.page_rows(page, "sb-card") if r["attrs"].get("class") == "sb-subtotal"]
                sections = {r["attrs"]["data-criterion"]: r for r in totals}
                for section, pair in row["sections"].items():
                    assert support.vi_number(cell(sections[section], "self")["text"]) == dec(pair["self"])
                    assert support.vi_number(cell(sections[section], "cluster")["text"]) == dec(pair["cluster"])
                checked += 1
    assert checked > 80


def test_nominations_page_matches_rank(repo, ranks):
    page = (repo / "site" / "de-nghi" / "index.html").read_text(encoding="utf-8")
    for year in (2024, 2025):
        nominations = ranks[(year, "year")]["nominations"]
        for proposal in nominations["provincial_flag"]:
            assert proposal["name"] in page
        if nominations["cap"] is not None:
            arithmetic = nominations["cap_arithmetic"]
            assert arithmetic in page, arithmetic
