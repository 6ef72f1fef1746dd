"""The night's order: round-robin across hosts and APIs (crawler.ordering), and what an answer
says about a rate limit (crawler.middlewares.ratelimit.limit_until)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from scrapy.http import Request, Response

from crawler.middlewares.ratelimit import DEFAULT_WAIT, limit_until
from crawler.ordering import host_of, interleave


def target(n: int, kind: str, url: str | None = None) -> dict[str, object]:
    return {"source_id": str(n), "kind": kind, "url": url, "identifier": None}


def test_host_of_groups_apis_by_kind_and_pages_by_host() -> None:
    assert host_of(target(1, "github")) == "api:github"
    assert host_of(target(2, "orcid", "https://orcid.org/0000-0002-1825-0097")) == "api:orcid"
    assert host_of(target(3, "website", "https://Ada.Example/about")) == "ada.example"
    assert host_of(target(4, "jsonresume", "not a url")) == "kind:jsonresume"
    assert host_of(target(5, "feed", "http://[::1")) == "kind:feed"  # unparsable: its kind


def test_round_robin_across_hosts_keeps_each_hosts_order() -> None:
    plan = [target(n, "github") for n in range(5)]
    plan += [target(10 + n, "website", f"https://a.example/{n}") for n in range(3)]
    plan += [target(20, "orcid")]
    order = [t["source_id"] for t in interleave(plan)]
    assert order == ["0", "10", "20", "1", "11", "2", "12", "3", "4"]


def test_a_window_bounds_the_look_ahead_and_loses_nothing() -> None:
    read: list[int] = []

    def stream() -> Iterator[dict[str, object]]:
        for n in range(1000):
            read.append(n)
            yield target(n, "github" if n % 10 else "website", f"https://h{n % 7}.example/")

    out = interleave(stream(), window=50)
    first = [next(out) for _ in range(10)]
    assert len(read) <= 60  # it did not read the whole stream to begin
    rest = list(out)
    ids = [int(str(t["source_id"])) for t in first + rest]
    assert sorted(ids) == list(range(1000))
    # within the first window, the websites are not queued behind the GitHub logins
    assert {host_of(t) for t in first} >= {"api:github", "h0.example"}


def test_interleave_of_nothing_and_a_bad_window() -> None:
    assert list(interleave([])) == []
    with pytest.raises(ValueError, match="window must be at least 1"):
        list(interleave([target(1, "github")], window=0))


def test_interleave_takes_any_key() -> None:
    words = ["apple", "avocado", "banana", "blueberry", "cherry"]
    assert list(interleave(words, key=lambda w: w[0])) == [
        "apple",
        "banana",
        "cherry",
        "avocado",
        "blueberry",
    ]


def answer(status: int, **headers: str) -> Response:
    names = {k.replace("_", "-"): v for k, v in headers.items()}
    return Response(
        "https://api.example/x",
        status=status,
        headers=names,
        request=Request("https://api.example/x"),
    )


NOW = 1_800_000_000.0


@pytest.mark.parametrize(
    ("status", "headers", "is_api", "expected"),
    [
        (
            200,
            {"X_RateLimit_Remaining": "10", "X_RateLimit_Reset": str(NOW + 60)},
            True,
            (None, False),
        ),
        (
            200,
            {"X_RateLimit_Remaining": "0", "X_RateLimit_Reset": str(NOW + 60)},
            True,
            (NOW + 60, False),
        ),
        (
            403,
            {"X_RateLimit_Remaining": "0", "X_RateLimit_Reset": str(NOW + 90)},
            True,
            (NOW + 90, True),
        ),
        (403, {"Retry_After": "30"}, True, (NOW + 30, True)),
        (429, {}, True, (NOW + DEFAULT_WAIT, True)),
        (429, {"Retry_After": "5"}, False, (None, False)),  # a plain site: the retry middleware's
        (429, {"Retry_After": "5", "X_RateLimit_Remaining": "0"}, False, (NOW + 5, True)),
        (403, {}, True, (None, False)),  # forbidden, not rate limited
        (403, {}, False, (None, False)),
        (200, {"X_RateLimit_Remaining": "0", "X_RateLimit_Reset": "20"}, True, (NOW + 20, False)),
    ],
)
def test_what_an_answer_says_about_the_rate_limit(
    status: int, headers: dict[str, str], is_api: bool, expected: tuple[float | None, bool]
) -> None:
    assert limit_until(answer(status, **headers), NOW, is_api=is_api) == expected


def test_dealing_groups_gives_the_order_interleave_gives() -> None:
    from array import array

    from crawler.ordering import deal

    items = [("a", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5), ("b", 6), ("c", 7), ("a", 8)]
    groups: dict[str, array[int]] = {}
    for host, n in items:
        groups.setdefault(host, array("q")).append(n)
    expected = [n for _, n in interleave(items, key=lambda item: item[0])]
    assert list(deal(groups.values())) == expected == [1, 3, 5, 2, 6, 7, 4, 8]
    assert list(deal([])) == [] and list(deal([array("q")])) == []
