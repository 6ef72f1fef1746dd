"""A crawl against a loopback server that misbehaves in every way a real site can.

One crawl of many targets (one per fault) runs for the module; each test reads its result.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from crawl_loopback import Reply, Site, fixture_path, reset_connection, run_crawl

MAXSIZE = 100_000
USER_AGENT = "medalist/test (+https://example.invalid/contact)"


@pytest.fixture(scope="module")
def private_site() -> Any:
    """A second server on 127.0.0.2: reachable from here, but refused by the guard."""
    server = Site("127.0.0.2")
    server.route("/secret", Reply(200, b"<html><body>internal</body></html>"))
    yield server
    server.close()


@pytest.fixture(scope="module")
def crawl(site: Site, private_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Any:
    resume = fixture_path("jsonresume", "resume-schema_sample.resume.json").read_bytes()
    calls: dict[str, list[float]] = {}

    def counted(path: str, replies: list[Reply]) -> Any:
        def handler(_: Any) -> Reply:
            calls.setdefault(path, []).append(time.monotonic())
            return replies[min(len(calls[path]), len(replies)) - 1]

        return site.route(path, handler)

    def slow(_: Any) -> Reply:
        time.sleep(8)
        return Reply(200, b"late")

    def chunked_huge(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            for _ in range(40):
                handler.wfile.write(b"x" * 10_000)
        except OSError:
            pass
        handler.close_connection = True

    json_headers = {"Content-Type": "application/json"}
    urls = {
        "ok": site.route("/resume.json", Reply(200, resume, json_headers)),
        "slow": site.route("/faults/slow", slow),
        "reset": site.route("/faults/reset", reset_connection),
        "500": site.route("/faults/500", Reply(500, b"oops")),
        "429": counted(
            "/faults/429.json",
            [Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, resume, json_headers)],
        ),
        "503-long": counted(
            "/faults/503-long.json", [Reply(503, b"maintenance", {"Retry-After": "3600"})]
        ),
        "bad-json": site.route(
            "/faults/bad.json", Reply(200, b'{"basics": {"name": ', json_headers)
        ),
        "bad-html": site.route(
            "/faults/bad.html", Reply(200, b"<html><body><div><p>Unclosed <b>tags <table><tr><td>")
        ),
        "huge": site.route("/faults/huge", Reply(200, b"x" * (2 * MAXSIZE))),
        "huge-chunked": site.route("/faults/huge-chunked", chunked_huge),
        "loop": site.route("/faults/loop", Reply(302, b"", {"Location": "/faults/loop"})),
        "to-10": site.route("/faults/to-10", Reply(302, b"", {"Location": "http://10.0.0.1/x"})),
        "to-127.0.0.2": site.route(
            "/faults/to-127.0.0.2", Reply(302, b"", {"Location": private_site.url("/secret")})
        ),
        "to-mapped": site.route(
            "/faults/to-mapped",
            Reply(302, b"", {"Location": f"http://[::ffff:127.0.0.2]:{private_site.port}/secret"}),
        ),
        "to-file": site.route(
            "/faults/to-file", Reply(302, b"", {"Location": "file:///etc/passwd"})
        ),
        "moved": site.route("/faults/moved.json", Reply(301, b"", {"Location": "/resume.json"})),
        "robots": site.url("/private/profile"),
        "404": site.url("/faults/missing"),
        "410": site.route("/faults/410", Reply(410, b"gone")),
        "linkedin": "https://www.linkedin.com/in/someone",
        "ftp": "ftp://example.org/resume.json",
        "direct-private": private_site.url("/secret"),
    }
    site.route("/private/profile", Reply(200, b"<html><body>hidden</body></html>"))
    kinds = {
        "ok": "jsonresume",
        "429": "jsonresume",
        "503-long": "jsonresume",
        "bad-json": "jsonresume",
        "moved": "jsonresume",
        "ftp": "jsonresume",
    }
    targets = [
        {"source_id": name, "kind": kinds.get(name, "website"), "url": url, "render": "never"}
        for name, url in urls.items()
    ]
    started = time.monotonic()
    results = run_crawl(
        tmp_path_factory.mktemp("faults"),
        targets,
        {
            "DOWNLOAD_TIMEOUT": "4",
            "DOWNLOAD_MAXSIZE": str(MAXSIZE),
            "REDIRECT_MAX_TIMES": "3",
            "RETRY_TIMES": "1",
            "USER_AGENT": USER_AGENT,
        },
    )
    return results, calls, time.monotonic() - started


def test_every_target_gets_exactly_one_result(crawl: Any) -> None:
    results, _, elapsed = crawl
    assert len(results) == 22, sorted(results)  # one for each of the fixture's 22 targets
    assert all(
        r["status"] in ("ok", "not_modified", "gone", "refused", "error") for r in results.values()
    )
    assert elapsed < 60


def test_a_good_document_is_parsed(crawl: Any) -> None:
    result = crawl[0]["ok"]
    assert result["status"] == "ok", result
    assert result["http_status"] == 200
    assert result["content_hash"].startswith("sha256:")
    assert result["records"][0]["full_name"] == "Richard Hendriks"


def test_the_user_agent_identifies_the_crawler(crawl: Any, site: Site) -> None:
    assert site.headers_of("/resume.json")[0]["User-Agent"] == USER_AGENT
    assert site.headers_of("/robots.txt")[0]["User-Agent"] == USER_AGENT


def test_a_timeout_is_an_error(crawl: Any) -> None:
    result = crawl[0]["slow"]
    assert result["status"] == "error"
    assert "timed out after 4s" in result["error"]


def test_a_connection_reset_is_an_error(crawl: Any) -> None:
    result = crawl[0]["reset"]
    assert result["status"] == "error"
    assert "connection" in result["error"]


def test_a_server_error_is_retried_then_reported(crawl: Any, site: Site) -> None:
    result = crawl[0]["500"]
    assert result["status"] == "error"
    assert "HTTP 500 Internal Server Error after 1 retries" in result["error"]
    assert site.paths.count("/faults/500") == 2


def test_429_waits_for_retry_after_then_succeeds(crawl: Any) -> None:
    results, calls, _ = crawl
    assert results["429"]["status"] == "ok", results["429"]
    first, second = calls["/faults/429.json"][:2]
    assert second - first >= 0.9


def test_a_retry_after_beyond_the_bound_is_not_waited_for(crawl: Any) -> None:
    results, calls, _ = crawl
    assert results["503-long"]["status"] == "error"
    assert "MEDALIST_RETRY_AFTER_MAX" in results["503-long"]["error"]
    assert len(calls["/faults/503-long.json"]) == 1


def test_malformed_json_is_an_error_naming_the_url(crawl: Any) -> None:
    result = crawl[0]["bad-json"]
    assert result["status"] == "error"
    assert "/faults/bad.json" in result["error"]
    assert "JSON" in result["error"]


def test_malformed_html_does_not_break_the_crawl(crawl: Any) -> None:
    result = crawl[0]["bad-html"]
    assert result["status"] in ("ok", "error")
    if result["status"] == "error":
        assert "/faults/bad.html" in result["error"]


@pytest.mark.parametrize("name", ["huge", "huge-chunked"])
def test_a_huge_body_is_cut_off(crawl: Any, name: str) -> None:
    result = crawl[0][name]
    assert result["status"] == "error"
    assert f"body larger than {MAXSIZE} bytes" in result["error"]


def test_a_redirect_loop_stops(crawl: Any, site: Site) -> None:
    result = crawl[0]["loop"]
    assert result["status"] == "error"
    assert "too many redirects" in result["error"]
    assert 4 <= site.paths.count("/faults/loop") <= 6  # 1 + REDIRECT_MAX_TIMES (+ a retry)


def test_a_redirect_is_followed(crawl: Any) -> None:
    result = crawl[0]["moved"]
    assert result["status"] == "ok"
    assert result["url"].endswith("/resume.json")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("to-10", "10.0.0.1 is a private address; allow it with MEDALIST_ALLOW_HOSTS"),
        ("to-127.0.0.2", "127.0.0.2 is a loopback address; allow it with MEDALIST_ALLOW_HOSTS"),
        ("to-mapped", "a loopback address (embedded as ::ffff:7f00:2)"),
        ("direct-private", "127.0.0.2 is a loopback address"),
    ],
)
def test_the_guard_refuses_private_addresses_on_every_hop(
    crawl: Any, private_site: Site, name: str, reason: str
) -> None:
    result = crawl[0][name]
    assert result["status"] == "refused", result
    assert reason in result["error"]
    assert private_site.paths == []


def test_a_redirect_to_another_scheme_is_not_followed(crawl: Any) -> None:
    result = crawl[0]["to-file"]
    assert result["status"] == "refused"
    assert "redirects to file:///etc/passwd, not followed" in result["error"]


def test_robots_txt_is_obeyed_and_the_page_never_requested(crawl: Any, site: Site) -> None:
    result = crawl[0]["robots"]
    assert result["status"] == "refused", (result, site.server.log, crawl[2])
    assert "robots.txt" in result["error"]
    assert "/private/profile" not in site.paths


@pytest.mark.parametrize("name", ["404", "410"])
def test_missing_pages_are_gone(crawl: Any, name: str) -> None:
    result = crawl[0][name]
    assert result["status"] == "gone"
    assert result["http_status"] == int(name)


def test_linkedin_is_never_fetched(crawl: Any) -> None:
    result = crawl[0]["linkedin"]
    assert result["status"] == "refused"
    assert "LinkedIn" in result["error"]


def test_only_http_and_https(crawl: Any) -> None:
    result = crawl[0]["ftp"]
    assert result["status"] == "refused"
    assert "only http and https" in result["error"]
