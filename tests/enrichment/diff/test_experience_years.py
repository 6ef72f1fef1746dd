"""Years of experience from position intervals (rules in ``enrichment.experience``)."""

from __future__ import annotations

from datetime import date

import pytest

from enrichment.experience import intervals, years_of_experience
from enrichment.model import Position

TODAY = date(2026, 11, 26)


def p(start: str | None, end: str | None = None, title: str = "Software Engineer") -> Position:
    return Position.from_dict({"title": title, "company": "Acme", "start": start, "end": end})


CASES = [
    ("nothing", [], 0.0),
    ("one closed job, full months", [p("2019-01", "2020-12")], 2.0),
    ("one closed job, days", [p("2019-01-01", "2019-12-31")], 1.0),
    ("current job counts to today", [p("2024-11-27")], 2.0),
    ("overlaps count once", [p("2019-01", "2020-12"), p("2020-01", "2021-12")], 3.0),
    ("a job inside another counts once", [p("2015-01", "2019-12"), p("2016-01", "2016-12")], 5.0),
    ("gaps are not counted", [p("2015-01", "2015-12"), p("2018-01", "2018-12")], 2.0),
    ("adjacent jobs join", [p("2015-01", "2015-12"), p("2016-01", "2016-12")], 2.0),
    ("year-only start counts from 1 July", [p("2019", "2019-12")], 0.5),
    ("year-only end counts to 31 December", [p("2019-01", "2020")], 2.0),
    ("year-only both", [p("2015", "2019")], 4.5),
    ("no start is ignored", [p(None, "2019-12"), p("2019-01", "2019-12")], 1.0),
    ("end before start is ignored", [p("2020-01", "2019-01")], 0.0),
    ("a future start counts nothing", [p("2027-01")], 0.0),
    ("an end after today counts to today", [p("2025-11-27", "2030-01")], 1.0),
    ("internships are left out", [p("2018-01", "2018-12", "Intern"), p("2019-01", "2019-12")], 1.0),
]


@pytest.mark.parametrize(("positions", "years"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_years_of_experience(positions: list[Position], years: float) -> None:
    assert years_of_experience(positions, TODAY) == years


def test_training_counts_when_asked() -> None:
    positions = [p("2018-01", "2018-12", "Intern"), p("2019-01", "2019-12")]
    assert years_of_experience(positions, TODAY, include_training=True) == 2.0


def test_intervals_are_merged_and_sorted() -> None:
    spans = intervals([p("2020-01", "2021-06"), p("2015-01", "2015-12"), p("2021-01")], TODAY)
    assert spans == [
        (date(2015, 1, 1), date(2015, 12, 31)),
        (date(2020, 1, 1), TODAY),
    ]
