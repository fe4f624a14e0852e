"""A unit's self-assessment for one period: inputs each rubric rule asks for, and the file text.

Inputs are drawn per rule type from the rubric itself, and every self score
written is the one the scoring engine computes (score/rules.py), so the file
is valid by construction, not by luck. The text is written by hand rather
than by a YAML dumper: it is what units type, and it is ten times faster.
"""
from __future__ import annotations

import json
import random
from decimal import Decimal

from site_builder.demo.names import DemoCluster, DemoUnit
from site_builder.load.rubric import Criterion, Rubric
from site_builder.numbers import fmt_yaml
from site_builder.score.rules import leaf_score

QUARTER = Decimal("0.25")
RESULTS = {  # what units write under "result", per section: searchable prose, as in the real files
    "1": ["Hoàn thành {a}/{b} chỉ tiêu được giao; báo cáo kết quả gửi Sở Y tế đúng hạn.",
          "Triển khai {a} nhiệm vụ trọng tâm, tiến độ đạt {p}% kế hoạch năm.",
          "Ban hành {a} văn bản chỉ đạo, điều hành; tổ chức {b} cuộc kiểm tra nội bộ."],
    "2": ["Tổ chức quán triệt đầy đủ cho cán bộ, đảng viên; có kế hoạch và báo cáo sơ kết.",
          "{p}% cán bộ, đảng viên tham gia học tập nghị quyết; chi bộ xếp loại hoàn thành tốt nhiệm vụ."],
    "3": ["Có kế hoạch, văn bản triển khai; lưu hồ sơ tại Phòng Tổ chức cán bộ.",
          "Phát động {a} đợt thi đua theo chuyên đề; khen thưởng {b} tập thể, cá nhân.",
          "Gửi {a} báo cáo định kỳ đúng hạn qua hệ thống văn bản điện tử."],
}


def quarter(value) -> Decimal:
    """The nearest multiple of the rubric's 0.25 step."""
    return (Decimal(str(value)) / QUARTER).to_integral_value() * QUARTER


def inputs(criterion: Criterion, quality: float, rng: random.Random) -> dict:
    """What the rule of a leaf needs, good in proportion to the unit's `quality` (0..1)."""
    rule, top = criterion.rule, criterion.max
    kind = rule["type"]
    good = rng.random() < quality
    if kind == "assessed":
        if "not_applicable" in rule and rng.random() < 0.2:
            return {"not_applicable": True}
        return {"score": min(top, quarter(float(top) * rng.uniform(quality - 0.15, 1.0)))}
    if kind == "done":
        return {"done": good or rng.random() < 0.5}
    if kind == "levels":
        return {"level": "tot" if good else rng.choice(["kha", "kha", "trung_binh"])}
    if kind == "deduction":
        return {rule["item"]["key"]: 0 if good else rng.randint(1, 4)}
    if kind == "per_item":
        return {item["key"]: rng.randint(0, 12 if good else 4) for item in rule["items"]}
    return {rule["input"]["key"]: rng.randint(75 if good else 30, 100)}  # tiers: a percentage


def entries(rubric: Rubric, unit: DemoUnit, year: int, quality: float, rng: random.Random) -> dict[str, dict]:
    found = {}
    for c in rubric.leaves:
        entry = inputs(c, quality, rng)
        if rng.random() < 0.7:
            entry["self_score"] = leaf_score(c, entry)
        entry["result"] = _result(c, rng)
        if rng.random() < 0.4:
            entry["evidence"] = [{"url": f"https://soyte.demo.example/{year}/{unit.id}/{c.id.replace('.', '-')}.pdf",
                                  "title": f"Văn bản minh chứng tiêu chí {c.id}"}]
        found[c.id] = entry
    return found


def corrected(rubric: Rubric, before: dict[str, dict], rng: random.Random) -> dict[str, dict]:
    """A correction pull request: one assessed figure revised, its self score kept consistent."""
    after = {cid: dict(entry) for cid, entry in before.items()}
    assessed = [c for c in rubric.leaves if c.rule["type"] == "assessed" and "score" in after[c.id]]
    c = rng.choice(assessed)
    entry = after[c.id]
    entry["score"] = min(c.max, max(Decimal(0), entry["score"] + rng.choice([-1, -QUARTER, QUARTER, 1])))
    if "self_score" in entry:
        entry["self_score"] = leaf_score(c, entry)
    entry["result"] = entry["result"].rstrip(".") + "; số liệu đã cập nhật theo báo cáo quyết toán."
    return after


def leaf_scores(rubric: Rubric, found: dict[str, dict]) -> dict[str, Decimal]:
    return {c.id: leaf_score(c, found[c.id]) for c in rubric.leaves}


def text(rubric: Rubric, cluster: DemoCluster, unit: DemoUnit, period: str, found: dict[str, dict], seed: int) -> bytes:
    year = rubric.year
    lines = [f"# yaml-language-server: $schema=../../../../rubric/schema/submission-{year}.schema.json",
             f"# DỮ LIỆU VÍ DỤ (sinh tự động, seed {seed}): bản tự chấm của {unit.name}, năm {year}, kỳ {period}.",
             f"unit: {unit.id}", f"year: {year}", f"period: {period}", f"cluster: {cluster.id}", "criteria:"]
    for cid, entry in found.items():
        lines.append(f'  "{cid}":')
        for key, value in entry.items():
            if key == "evidence":
                lines.append("    evidence:")
                for item in value:
                    lines += [f"      - url: {item['url']}", f"        title: {scalar(item['title'])}"]
            else:
                lines.append(f"    {key}: {scalar(value)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def scalar(value) -> str:
    """A YAML scalar: JSON's double-quoted strings are valid YAML and escape everything needed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return fmt_yaml(value)
    return json.dumps(value, ensure_ascii=False)


def _result(c: Criterion, rng: random.Random) -> str:
    b = rng.randint(12, 30)
    return rng.choice(RESULTS[c.section_id]).format(a=rng.randint(b // 2, b), b=b, p=rng.randint(70, 100))
