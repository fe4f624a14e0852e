"""A cluster's totals as a static bar chart: geometry computed here, drawn by chart.svg.j2.

Static SVG, not a JavaScript chart: the site must work offline on an
intranet, print, and read the same on a phone. Bars start at 0 and end at
the rubric's maximum, so that a small difference looks small.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 480
LEFT = 4
BAR_AREA = 400
ROW = 40
TOP = 8
AXIS = 28


@dataclass
class Bar:
    unit: str
    name: str
    value: Decimal
    kind: str  # ranked | provisional | excluded
    y: str
    width: str


@dataclass
class Tick:
    x: str
    value: Decimal


def _px(value) -> str:
    # Two decimals: enough for a pixel, and the same text on every build.
    return f"{float(value):.2f}"


def _kind(row) -> str:
    if not row.status.ranked:
        return "excluded"
    return "provisional" if row.scores.provisional else "ranked"


def bar_chart(ranking) -> dict:
    scale = ranking.rubric.max_total or Decimal(1)
    rows = [r for r in ranking.rows if r.scores.counted_total is not None]
    bars = [Bar(r.unit.id, r.unit.name, r.scores.counted_total, _kind(r), _px(TOP + i * ROW),
                _px(Decimal(BAR_AREA) * r.scores.counted_total / scale)) for i, r in enumerate(rows)]
    step = Decimal(200) if scale > 500 else Decimal(50)
    ticks, value = [], Decimal(0)
    while value <= scale:
        ticks.append(Tick(_px(LEFT + Decimal(BAR_AREA) * value / scale), value))
        value += step
    height = TOP + len(bars) * ROW + AXIS
    return {"bars": bars, "ticks": ticks, "width": WIDTH, "height": height, "left": LEFT,
            "bar_area": BAR_AREA, "axis_y": TOP + len(bars) * ROW, "scale": scale,
            "max_x": _px(LEFT + BAR_AREA), "kinds": sorted({b.kind for b in bars})}
