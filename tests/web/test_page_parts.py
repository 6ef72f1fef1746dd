"""The parts behind the pages: link filter, dates, match confidence, charts, the cards."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker
from web_support import HOSTILE_NAME, events, seed

from medalist.services import leveled
from medalist.services.confidence import confidence
from medalist.web.charts import career_chart, runs_chart
from medalist.web.security import local_path
from medalist.web.templating import safe_url, when
from medalist.web.throttle import LoginThrottle


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>x</b>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "http:/no-host",
        "/relative",
        None,
        42,
    ],
)
def test_only_absolute_http_links_pass(url: object) -> None:
    assert safe_url(url) is None


def test_http_links_pass_unchanged() -> None:
    assert safe_url("https://ada.example/r.json?x=1") == "https://ada.example/r.json?x=1"
    assert safe_url("HTTP://Ada.Example/") == "HTTP://Ada.Example/"


@pytest.mark.parametrize(
    ("value", "default"),
    [
        ("https://evil.example/ui/", "/ui/"),
        ("//evil.example", "/ui/"),
        ("/ui/\\evil", "/ui/"),
        ("/v1/events", "/ui/"),
        ("/ui/runs?x=1", "/ui/runs?x=1"),
    ],
)
def test_redirects_stay_on_the_pages(value: str, default: str) -> None:
    assert local_path(value) == default


def test_dates_read_as_words() -> None:
    assert when("2026-11-26T02:14:11Z") == "26 Nov 2026"
    assert when("2026-11-26T02:14:11Z", True) == "26 Nov 2026, 02:14 UTC"
    assert when("2025-01") == "Jan 2025" and when("2019") == "2019"
    assert when("soon") == "soon" and when(None) == ""


def test_confidence_in_words() -> None:
    assert confidence({"score": 0.5, "method": "orcid"}).band == "certain"
    assert confidence({"score": 1.0, "method": "reviewer"}).words == "Confirmed by a reviewer"
    assert confidence({"score": 0.93, "method": "fuzzy"}).words.startswith("High (93%)")
    likely = confidence({"score": 0.8, "method": "fuzzy"}, ["surname: exact (+4.2)"])
    assert likely.band == "likely" and likely.reasons == ["surname: exact (+4.2)"]
    assert confidence({"score": 0.3, "method": "fuzzy", "reasons": ["a"]}).reasons == ["a"]
    assert confidence(None).band == "unknown"
    assert confidence({"score": True, "method": 3}).band == "unknown"


def test_the_career_chart_puts_each_position_at_its_level() -> None:
    chart = career_chart(
        [
            {"title": "Engineer", "company": "A", "start": "2019-03", "end": "2023-12", "level": 2},
            {"title": "Senior", "company": "A", "start": "2024-01", "end": None, "level": 3},
            {"title": "No start", "level": 5},
        ],
        date(2026, 12, 1),
    )
    assert chart is not None
    first, second = chart.segments
    assert second.y < first.y  # higher level, higher on the drawing
    assert first.x1 < first.x2 <= second.x1 < second.x2 and second.current
    assert [t.label for t in chart.y_ticks] == ["1 entry", "2 mid", "3 senior", "4 lead"]
    assert career_chart([{"title": "x"}], date(2026, 1, 1)) is None


def test_the_runs_chart_stacks_answered_and_failed_sources() -> None:
    runs = [
        {
            "id": 2,
            "started_at": "2026-12-01T02:00:00Z",
            "counts": {"sources": 10, "failed": 5, "events_new": 1},
        },
        {
            "id": 1,
            "started_at": "2026-11-30T02:00:00Z",
            "counts": {"sources": 10, "failed": 0, "events_new": 3},
        },
    ]
    chart = runs_chart(runs)
    assert chart is not None
    older, newer = chart.bars  # oldest on the left
    assert older.x < newer.x and older.events == 3
    assert older.failed_height == 0 and newer.failed_height == pytest.approx(newer.ok_height)
    assert runs_chart([]) is None


def test_cards_group_by_person_newest_first() -> None:
    cards = leveled.group_by_person(events(datetime(2026, 12, 1, tzinfo=UTC)))
    assert [c.full_name for c in cards] == ["Ada Lovelace", HOSTILE_NAME, "Linus Chen"]
    assert [ch.jump for ch in cards[0].changes] == [1, 1]
    assert cards[2].changes[0].track == "management"
    assert cards[0].qualifies_for == [
        {"req_id": "R-9", "title": "Senior Backend Engineer", "level": 3}
    ]


def test_stored_cards_add_applications_and_filter(session_factory: sessionmaker[Session]) -> None:
    seed(session_factory)
    cards = leveled.leveled_up(session_factory)
    ada = cards[0]
    assert ada.stored and ada.years_now is not None and ada.years_now > 7
    assert [(a.req_id, a.title, a.stage_reached) for a in ada.applications] == [
        ("R-7", "Backend Engineer", "final interview")
    ]
    only = leveled.leveled_up(session_factory, leveled.Filters(req_id="R-7"))
    assert [c.external_id for c in only] == ["ats-101"]
    assert leveled.leveled_up(session_factory, leveled.Filters(until=date(2000, 1, 1))) == []
    ic = leveled.leveled_up(session_factory, leveled.Filters(track="ic"))
    assert [c.external_id for c in ic] == ["ats-101"]


def test_the_login_throttle_counts_failures_in_a_window() -> None:
    now = [1000.0]
    throttle = LoginThrottle(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait("name:rita", "addr:1") == 0
        throttle.failed("name:rita", "addr:1")
    assert throttle.wait("name:rita") == pytest.approx(60)
    assert throttle.wait("addr:1", "name:sam") == pytest.approx(60)  # same address
    assert throttle.wait("name:sam", "addr:2") == 0
    now[0] += 61
    assert throttle.wait("name:rita", "addr:1") == 0
    throttle.failed("name:rita")
    throttle.succeeded("name:rita")
    assert throttle.wait("name:rita") == 0
