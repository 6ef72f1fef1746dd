"""robots.txt as RFC 9309 reads it: missing (4xx) allows, unreachable (5xx) disallows all."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_loopback import Reply, Site, run_crawl

PAGE = Reply(200, b"<html><body><h1>Someone</h1></body></html>")


@pytest.fixture()
def sites() -> Iterator[tuple[Site, Site]]:
    missing, broken = Site(), Site()
    missing.route("/page", PAGE)  # /robots.txt: 404
    broken.route("/robots.txt", Reply(503, b"down"))
    broken.route("/page", PAGE)
    yield missing, broken
    missing.close()
    broken.close()


def test_missing_allows_unreachable_refuses(sites: tuple[Site, Site], tmp_path: Path) -> None:
    missing, broken = sites
    results = run_crawl(
        tmp_path,
        [
            {
                "source_id": "missing",
                "kind": "website",
                "url": missing.url("/page"),
                "render": "never",
            },
            {
                "source_id": "broken",
                "kind": "website",
                "url": broken.url("/page"),
                "render": "never",
            },
        ],
        {"RETRY_TIMES": "0"},
    )
    assert results["missing"]["status"] == "ok"
    assert results["broken"]["status"] == "refused"
    assert "could not be read (it answered HTTP 503)" in results["broken"]["error"]
    assert "/page" not in broken.paths
    assert missing.paths == ["/robots.txt", "/page"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/a/../private/x", "/private/x"),
        ("/./private/x", "/private/x"),
        ("//private/x", "/private/x"),
        ("/a//b///c", "/a/b/c"),
        ("/%70rivate/x", "/private/x"),
        ("/%2e%2e/private/x", "/private/x"),
        ("/a/%2fb", "/a/%2Fb"),
        ("/../../private", "/private"),
        ("/a/b/..", "/a/"),
        ("/public/page", "/public/page"),
        ("", "/"),
    ],
)
def test_robots_paths_are_normalised(path: str, expected: str) -> None:
    from crawler.middlewares.robots import normalised_path

    assert normalised_path(path) == expected


@pytest.mark.parametrize(
    "spelling", ["/private/x", "/a/../private/x", "/./private/x", "//private/x", "/%70rivate/x"]
)
def test_robots_rules_hold_however_the_path_is_spelled(tmp_path: Path, spelling: str) -> None:
    site = Site()
    try:
        site.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
        site.route("/private/x", PAGE)
        results = run_crawl(
            tmp_path,
            [{"source_id": "p", "kind": "website", "url": site.url(spelling), "render": "never"}],
            {"RETRY_TIMES": "0"},
        )
        assert results["p"]["status"] == "refused", results["p"]
        assert [p for p in site.paths if p != "/robots.txt"] == []
    finally:
        site.close()


def test_every_request_waiting_for_robots_txt_is_refused(tmp_path: Path) -> None:
    """Requests queued while robots.txt is on its way all get its answer (the Scrapy fault
    that ``crawler.middlewares.robots`` works around let all but the first through)."""
    site = Site()

    def slow_robots(_: object) -> Reply:
        time.sleep(1.0)  # long enough for every target to be waiting on it
        return Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})

    site.route("/robots.txt", slow_robots)
    targets = []
    for number in range(8):
        url = site.route(f"/private/{number}", PAGE)
        targets.append(
            {"source_id": f"p{number}", "kind": "website", "url": url, "render": "never"}
        )
    try:
        results = run_crawl(tmp_path, targets)
    finally:
        site.close()
    assert {r["status"] for r in results.values()} == {"refused"}, results
    assert site.paths == ["/robots.txt"]
