"""Open data: each year's scores, rankings and nominations as rows, the same rows in CSV and XLSX.

Numbers are written the machine way (0.5, 1000), exact, as the YAML holds
them; every row names the commit it was built from.
"""
from __future__ import annotations

from site_builder.layout import PERIOD_NAMES
from site_builder.numbers import fmt_yaml
from site_builder.rank.export import nominations_data, ranking_data

SCORE_COLUMNS = ["nam", "ky", "ma_cum", "ma_don_vi", "ten_don_vi", "ma_tieu_chi", "tieu_chi", "diem_toi_da",
                 "diem_tu_cham", "diem_cum_cham", "ghi_chu_cum", "commit"]
NOMINATION_COLUMNS = ["nam", "loai", "ma_cum", "ten_cum", "ma_don_vi", "ten_don_vi", "so_phieu", "tong_diem", "hang", "commit"]


_WRITTEN: dict[tuple, str] = {}  # the same few hundred scores in every row: fmt_yaml once each


def _n(value) -> str:
    if value is None:
        return ""
    key = (value, str(value))  # the text too: Decimal 1 == 1.0 == -0 + 1, each printed its own way
    found = _WRITTEN.get(key)
    if found is None:
        found = _WRITTEN[key] = fmt_yaml(value)
    return found


def year_periods(data, year: int) -> list[str]:
    return [p for y, p in data.periods if y == year]


def score_rows(data, year: int) -> list[dict]:
    rows = []
    sha = data.commit.sha or ""
    fixed: dict[int, tuple] = {}  # per rubric (kept, so that its id stays its own): its criteria as written, once
    for period in year_periods(data, year):
        for ranking in data.rankings[(year, period)]:
            rubric = ranking.rubric
            if id(rubric) not in fixed:
                fixed[id(rubric)] = (rubric, [(c.id, c.title, _n(c.max)) for c in rubric.by_id.values()])
            criteria = fixed[id(rubric)][1]
            for row in ranking.rows:
                s = row.scores
                valid = s.valid
                if not (valid or s.cluster_scores):
                    continue
                own, theirs, notes = s.self_scores, s.cluster_scores, s.notes
                unit, name = row.unit.id, row.unit.name
                for cid, title, most in criteria:
                    rows.append(dict(zip(SCORE_COLUMNS, (
                        year, period, ranking.cluster.id, unit, name, cid, title, most,
                        _n(own.get(cid)) if valid else "", _n(theirs.get(cid)), notes.get(cid, ""), sha))))
    return rows


def ranking_columns(data, year: int) -> list[str]:
    sections = sorted({s.id for p in year_periods(data, year) for r in data.rankings[(year, p)] for s in r.rubric.sections})
    return (["nam", "ky", "ma_cum", "ten_cum", "hang", "dong_hang", "ma_don_vi", "ten_don_vi", "tu_cham", "cum_cham",
             "chenh_lech", "diem_xep_hang", "tam_tinh"]
            + [f"muc_{s}_{who}" for s in sections for who in ("tu_cham", "cum_cham")]
            + ["trang_thai", "trang_thai_ten", "ly_do", "commit"])


def ranking_rows(data, year: int) -> list[dict]:
    columns, rows = ranking_columns(data, year), []
    for period in year_periods(data, year):
        for ranking in data.rankings[(year, period)]:
            plain = ranking_data(ranking)
            for r in plain["rows"]:
                values = {"nam": year, "ky": period, "ma_cum": plain["cluster"], "ten_cum": plain["cluster_name"],
                          "hang": r["rank"] or "", "dong_hang": "có" if r["tied"] else "", "ma_don_vi": r["unit"],
                          "ten_don_vi": r["name"], "tu_cham": r["self_total"] or "", "cum_cham": r["cluster_total"] or "",
                          "chenh_lech": r["difference"] or "", "diem_xep_hang": r["counted_total"] or "",
                          "tam_tinh": "có" if r["provisional"] else "", "trang_thai": r["status"],
                          "trang_thai_ten": r["status_label"], "ly_do": "; ".join(r["reasons"]), "commit": data.commit.sha or ""}
                for sid, pair in r["sections"].items():
                    values[f"muc_{sid}_tu_cham"], values[f"muc_{sid}_cum_cham"] = pair["self"] or "", pair["cluster"] or ""
                rows.append({c: values.get(c, "") for c in columns})
    return rows


def nomination_rows(data, year: int) -> list[dict]:
    plain = nominations_data(data.nominations[year])
    picks = [("co_ubnd_tinh", p) for p in plain["provincial_flag"]]
    if plain["government_flag"]:
        picks.append(("co_chinh_phu", plain["government_flag"]))
    return [dict(zip(NOMINATION_COLUMNS, [year, kind, p["cluster"], p["cluster_name"], p["unit"], p["name"], p["votes"],
                                          p["total"] or "", p["rank"] or "", data.commit.sha or ""])) for kind, p in picks]


def year_json(data, year: int, scores: list[dict] | None = None) -> dict:
    """What `rank --format json` prints for each period of the year, with the scores (score_rows,
    when the caller has them already) and the source."""
    return {
        "nam": year, "commit": data.commit.sha, "ngay_commit": data.commit.moment.isoformat(),
        "ky": {p: {"ten": PERIOD_NAMES[p], "rankings": [ranking_data(r) for r in data.rankings[(year, p)]]}
               for p in year_periods(data, year)},
        "nominations": nominations_data(data.nominations[year]),
        "scores": score_rows(data, year) if scores is None else scores,
    }
