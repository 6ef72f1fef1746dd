"""robots.txt as RFC 9309 reads it: missing (4xx) allows, unreachable (5xx) disallows all."""

from __future__ import annotations

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
