"""Charts as plain geometry for the templates to draw as inline SVG (no script, no requests).

:func:`career_chart` puts each position of a career at its level over time;
:func:`runs_chart` stacks each run's answered and failed sources, with its new events.
Coordinates are in the SVG's own units (``WIDTH`` x ``HEIGHT``); the page scales the drawing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enrichment.seniority import LEVEL_NAMES

WIDTH, HEIGHT = 760, 210
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 16, 28
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One position: from ``x1`` to ``x2`` at height ``y``."""

    x1: float
    x2: float
    y: float
    label: str
    current: bool


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    width: float
    ok_y: float
    ok_height: float
    failed_y: float
    failed_height: float
    label: str
    events: int
    title: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    #: Where the plotting area is, for the axes.
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def _year(value: object) -> float | None:
    found = _DATE.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    month = int(found.group(2) or 1)
    return int(found.group(1)) + (min(max(month, 1), 12) - 1) / 12


def career_chart(positions: Sequence[Mapping[str, Any]], today: date) -> Chart | None:
    """Each position with a start and a level, as a line at its level; None when none has."""
    now = today.year + (today.month - 1) / 12
    spans = []
    for p in positions:
        start, level = _year(p.get("start")), p.get("level")
        if start is None or not isinstance(level, int):
            continue
        end = _year(p.get("end")) if p.get("end") else now
        spans.append((start, max(end or now, start), level, p))
    if not spans:
        return None
    chart = Chart()
    first = int(min(s[0] for s in spans))
    last = max(int(now) + 1, first + 1)
    low = max(min(s[2] for s in spans) - 1, 0)
    high = min(max(s[2] for s in spans) + 1, len(LEVEL_NAMES) - 1)

    def x(year: float) -> float:
        return round(chart.left + (year - first) / (last - first) * (chart.right - chart.left), 1)

    def y(level: int) -> float:
        span = max(high - low, 1)
        return round(chart.bottom - (level - low) / span * (chart.bottom - chart.top), 1)

    step = max(1, (last - first) // 8)
    chart.x_ticks = [Tick(x(yr), str(yr)) for yr in range(first, last + 1, step)]
    chart.y_ticks = [Tick(y(n), f"{n} {LEVEL_NAMES[n]}") for n in range(low, high + 1)]
    for start, end, level, p in sorted(spans, key=lambda s: s[0]):
        label = " at ".join(str(v) for v in (p.get("title"), p.get("company")) if v)
        chart.segments.append(
            Segment(x(start), max(x(end), x(start) + 4), y(level), label, not p.get("end"))
        )
    return chart


def runs_chart(runs: Sequence[Mapping[str, Any]]) -> Chart | None:
    """The runs (given newest first) oldest to newest, one bar each; None without runs."""
    ordered = list(reversed(runs))
    if not ordered:
        return None
    chart = Chart()
    totals = []
    for run in ordered:
        counts = run.get("counts") or {}
        failed = int(counts.get("failed") or 0)
        answered = max(int(counts.get("sources") or 0) - failed, 0)
        totals.append((answered, failed, int(counts.get("events_new") or 0)))
    top = max(max(a + f for a, f, _ in totals), 1)
    slot = (chart.right - chart.left) / len(ordered)
    width = round(min(slot * 0.7, 48), 1)
    scale = (chart.bottom - chart.top - 14) / top
    for n, (run, (answered, failed, events)) in enumerate(zip(ordered, totals, strict=True)):
        ok_height = round(answered * scale, 1)
        failed_height = round(failed * scale, 1)
        started = str(run.get("started_at") or "")[:10]
        chart.bars.append(
            Bar(
                x=round(chart.left + n * slot + (slot - width) / 2, 1),
                width=width,
                ok_y=round(chart.bottom - ok_height, 1),
                ok_height=ok_height,
                failed_y=round(chart.bottom - ok_height - failed_height, 1),
                failed_height=failed_height,
                label=started[5:] if len(ordered) > 1 else started,
                events=events,
                title=(
                    f"run #{run.get('id')} on {started}: {answered} sources answered, "
                    f"{failed} failed, {events} new events"
                ),
            )
        )
    chart.y_ticks = [
        Tick(round(chart.bottom - v * scale, 1), str(v)) for v in sorted({0, top // 2, top})
    ]
    return chart
