"""Years of experience from a person's positions.

The rules, in order:

- A position **without a start** is ignored: its length cannot be known.
- Training-level positions (internships, traineeships, apprenticeships, PhD studentships: level 0
  of the seniority scale) are left out by default, as recruiters count them;
  ``include_training=True`` counts them.
- A start known to the **year only** counts from **1 July** of that year (the middle: a resume's
  "2015" start is as likely late as early); to the month, from the 1st of the month.
- An end known to the **year only** counts to **31 December**; to the month, to its last day.
- A **current** position (no end) counts to ``today``; an end after ``today`` counts to ``today``;
  a start after ``today`` counts nothing. A position that ends before it starts is ignored.
- **Overlapping** intervals are merged, so two jobs held at once count once.

Days are counted inclusively and divided by 365.25; the result is rounded to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from enrichment.dates import PartialDate
from enrichment.model import Position
from enrichment.seniority import classify

TRAINING_LEVEL = 0


def _start(value: PartialDate) -> date:
    if value.month is None:
        return date(value.year, 7, 1)
    return value.to_date()


def is_training(position: Position) -> bool:
    """True for a training-level title (intern, trainee, apprentice...)."""
    if not position.title:
        return False
    return classify(position.title, position.company).level == TRAINING_LEVEL


def intervals(
    positions: Iterable[Position], today: date, *, include_training: bool = False
) -> list[tuple[date, date]]:
    """The merged, sorted ``(first day, last day)`` intervals covered up to ``today``."""
    spans: list[tuple[date, date]] = []
    for position in positions:
        if position.start is None:
            continue
        if not include_training and is_training(position):
            continue
        first = _start(position.start)
        last = position.end.to_date(end=True) if position.end is not None else today
        last = min(last, today)
        if first > last:
            continue
        spans.append((first, last))
    spans.sort()
    merged: list[tuple[date, date]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def years_of_experience(
    positions: Iterable[Position], today: date, *, include_training: bool = False
) -> float:
    """Years worked, overlaps counted once, rounded to one decimal (rules in the module doc)."""
    days = sum(
        (last - first).days + 1
        for first, last in intervals(positions, today, include_training=include_training)
    )
    return round(days / 365.25, 1)
