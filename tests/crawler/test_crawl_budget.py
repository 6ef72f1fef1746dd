"""The per-document parse budget stops a parse that runs too long, and only that parse."""

from __future__ import annotations

import time

import pytest

from crawler.budget import ParseBudgetExceeded, parse_budget
from enrichment.protocol import FetchStatus, Ledger, Result, Target, error_kind


def test_a_parse_over_budget_is_stopped_with_a_clear_message() -> None:
    started = time.monotonic()
    with (
        pytest.raises(ParseBudgetExceeded, match=r"MEDALIST_PARSE_BUDGET=0\.2s"),
        parse_budget(0.2, "https://deep.example/"),
    ):
        while True:
            sum(range(1000))
    assert time.monotonic() - started < 2


def test_a_parse_within_budget_is_left_alone_and_the_timer_is_cleared() -> None:
    with parse_budget(0.2, "https://ok.example/"):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(0.4)  # a timer left running would fire here (and SIGALRM's default kills)


def test_the_ledger_owes_one_result_per_target_and_refuses_duplicates() -> None:
    targets = [Target(source_id=str(i), kind="website", url=f"https://{i}.example/") for i in "ab"]
    ledger = Ledger(targets)
    first = Result(source_id="a", kind="website", url="https://a.example/", status="ok")
    assert ledger.accept(first) is True
    assert ledger.accept(first) is False
    assert ledger.accept(Result.failure("zzz", "website", None, "stranger")) is False
    owed = list(ledger.owed("the crawl ended"))
    assert [(r.source_id, r.status, r.error) for r in owed] == [
        ("b", FetchStatus.ERROR, "the crawl ended")
    ]
    assert len(ledger) == 0


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        ("ok", None, None),
        ("gone", "HTTP 404", "gone"),
        ("refused", "the site's robots.txt disallows it", "robots"),
        ("refused", "resolves to a private address", "refused"),
        ("error", "https://x/: timed out after 4s", "timeout"),
        ("error", "https://x/: cannot resolve the host (x)", "dns"),
        ("error", "https://x/: HTTP 503 Service Unavailable after 2 retries", "http_5xx"),
        ("error", "invalid target: 'bad' is not a valid GitHub login", "invalid_target"),
        ("error", "something odd", "other"),
    ],
)
def test_errors_are_counted_by_kind(status: str, error: str | None, kind: str | None) -> None:
    assert error_kind(status, error) == kind


def test_a_result_line_round_trips_and_a_bad_status_is_an_error() -> None:
    result = Result(source_id="1", kind="github", url=None, status="not_modified", http_status=304)
    assert Result.from_dict(result.to_dict()) == result
    odd = Result.from_dict({"source_id": "2", "kind": "github", "status": "maybe"})
    assert odd.status is FetchStatus.ERROR and "unknown status" in (odd.error or "")
