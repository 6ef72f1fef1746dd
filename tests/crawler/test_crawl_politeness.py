"""Politeness on loopback: the GitHub token, rate-limit headers, per-host concurrency.

Real crawls (``python -m crawler``) against loopback servers that count what reaches them, so
each test proves what was sent, when, and how many at a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from crawl_loopback import FAST, ROOT, Reply, Site, fixture_path

from crawler.settings import DOWNLOAD_SLOTS as SLOTS

JSON = {"Content-Type": "application/json"}
TOKEN = "ghp_test0123456789secret"
GITHUB_USER = fixture_path("github_users", "octokit.rb_GET_users_sferik_2013-06-24.json")
ORCID_RECORD = fixture_path("orcid", "orcid-v3.0_record_0000-0002-1825-0097_josiah-carberry.json")
ORCID_ID = "0000-0002-1825-0097"


def crawl(
    tmp_path: Path, targets: list[dict[str, Any]], settings: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], str, float]:
    """Run ``python -m crawler``; the results by ``source_id``, its stderr, the seconds taken."""
    targets_file, out = tmp_path / "targets.jsonl", tmp_path / "results.jsonl"
    targets_file.write_text("".join(json.dumps(t) + "\n" for t in targets))
    args = [sys.executable, "-m", "crawler", "--targets", str(targets_file), "--out", str(out)]
    merged = {**FAST, "MEDALIST_ALLOW_HOSTS": "127.0.0.0/8", **settings}
    for name, value in merged.items():
        args += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    results = {result["source_id"]: result for result in lines}
    assert len(results) == len(targets), done.stderr[-3000:]
    return results, done.stderr, elapsed


@pytest.fixture
def other_site() -> Any:
    server = Site("127.0.0.2")
    yield server
    server.close()


def github_user(site: Site, login: str, reply: Any = None) -> None:
    site.route(f"/gh/users/{login}", reply or Reply(200, GITHUB_USER.read_bytes(), JSON))


# -- the token ----------------------------------------------------------------------------------


def test_the_token_goes_to_the_github_api_and_nowhere_else(
    site: Site, other_site: Site, tmp_path: Path
) -> None:
    github_user(site, "ada")
    # a redirect to another host, and one on the same host but outside the API
    github_user(site, "moved", Reply(302, b"", {"Location": other_site.url("/users/moved")}))
    github_user(site, "sidestep", Reply(302, b"", {"Location": "/elsewhere/sidestep"}))
    other_site.route("/users/moved", Reply(200, GITHUB_USER.read_bytes(), JSON))
    site.route("/elsewhere/sidestep", Reply(200, GITHUB_USER.read_bytes(), JSON))
    site.route(f"/orcid/{ORCID_ID}/record", Reply(200, ORCID_RECORD.read_bytes(), JSON))
    site.route("/home/ada", Reply(200, b"<html><body><h1>Ada</h1></body></html>"))
    targets = [
        {"source_id": "gh", "kind": "github", "identifier": "ada"},
        {"source_id": "moved", "kind": "github", "identifier": "moved"},
        {"source_id": "sidestep", "kind": "github", "identifier": "sidestep"},
        {"source_id": "orcid", "kind": "orcid", "identifier": ORCID_ID},
        {"source_id": "page", "kind": "website", "url": site.url("/home/ada"), "render": "never"},
    ]
    settings = {
        "MEDALIST_GITHUB_API": site.url("/gh"),
        "MEDALIST_ORCID_API": site.url("/orcid"),
        "MEDALIST_GITHUB_TOKEN": TOKEN,
        "LOG_LEVEL": "DEBUG",
    }
    results, stderr, _ = crawl(tmp_path, targets, settings)
    assert {r["status"] for r in results.values()} == {"ok"}, results
    for path in ("/gh/users/ada", "/gh/users/moved", "/gh/users/sidestep"):
        assert site.headers_of(path)[0]["Authorization"] == f"Bearer {TOKEN}"
    assert "Authorization" not in other_site.headers_of("/users/moved")[0]
    assert "Authorization" not in site.headers_of("/elsewhere/sidestep")[0]
    assert "Authorization" not in site.headers_of(f"/orcid/{ORCID_ID}/record")[0]
    assert "Authorization" not in site.headers_of("/home/ada")[0]
    assert all("Authorization" not in headers for _, headers in site.server.log if "/gh/" not in _)
    assert TOKEN not in stderr  # not even at DEBUG


def test_without_a_token_no_authorization_is_sent(site: Site, tmp_path: Path) -> None:
    github_user(site, "plain")
    targets = [{"source_id": "gh", "kind": "github", "identifier": "plain"}]
    results, _, _ = crawl(tmp_path, targets, {"MEDALIST_GITHUB_API": site.url("/gh")})
    assert results["gh"]["status"] == "ok"
    assert "Authorization" not in site.headers_of("/gh/users/plain")[0]


# -- rate limits ----------------------------------------------------------------------------------


class Budget:
    """A GitHub-like API: ``allowed`` answers, then nothing until the reset ``wait`` s later.

    It records when each request came and whether it came while the budget was spent.
    """

    def __init__(self, allowed: int, wait: float):
        self.allowed, self.wait = allowed, wait
        self.reset: int | None = None
        self.times: list[float] = []
        self.refused = 0
        self.lock = threading.Lock()

    def __call__(self, _: Any) -> Reply:
        with self.lock:
            now = time.time()
            self.times.append(now)
            if self.reset is not None and now >= self.reset:
                self.reset, self.allowed = None, 100
            if self.allowed <= 0:
                self.refused += 1
                headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(self.reset)}
                return Reply(403, b'{"message": "API rate limit exceeded"}', {**JSON, **headers})
            self.allowed -= 1
            if self.allowed == 0:
                self.reset = int(now + self.wait) + 1
            headers = {
                "X-RateLimit-Remaining": str(self.allowed),
                "X-RateLimit-Reset": str(self.reset or int(now + 3600)),
            }
            return Reply(200, GITHUB_USER.read_bytes(), {**JSON, **headers})


def test_a_near_reset_is_waited_for_then_the_requests_succeed(site: Site, tmp_path: Path) -> None:
    budget = Budget(allowed=1, wait=2)
    logins = ["near0", "near1", "near2", "near3"]
    for login in logins:
        github_user(site, login, budget)
    # ORCID's burst answer: 429 with Retry-After, then fine
    orcid_calls: list[float] = []

    def orcid(_: Any) -> Reply:
        orcid_calls.append(time.time())
        if len(orcid_calls) == 1:
            return Reply(429, b"slow down", {"Retry-After": "1"})
        return Reply(200, ORCID_RECORD.read_bytes(), JSON)

    site.route(f"/orc/{ORCID_ID}/record", orcid)
    targets = [{"source_id": x, "kind": "github", "identifier": x} for x in logins]
    targets.append({"source_id": "orcid", "kind": "orcid", "identifier": ORCID_ID})
    settings = {"MEDALIST_GITHUB_API": site.url("/gh"), "MEDALIST_ORCID_API": site.url("/orc")}
    results, _, _ = crawl(tmp_path, targets, settings)
    assert {r["status"] for r in results.values()} == {"ok"}, results
    assert budget.refused == 0, "a request was sent while the budget was spent"
    assert len(budget.times) == len(logins)
    assert budget.times[1] - budget.times[0] >= 1.0  # waited for the reset (1 to 3 s away)
    assert len(orcid_calls) == 2 and orcid_calls[1] - orcid_calls[0] >= 0.9


def test_a_far_reset_answers_the_rest_at_once_and_the_other_hosts_go_on(
    site: Site, other_site: Site, tmp_path: Path
) -> None:
    budget = Budget(allowed=1, wait=3600)
    logins = [f"far{n}" for n in range(6)]
    for login in logins:
        github_user(site, login, budget)
    orcid_calls: list[float] = []

    def orcid(_: Any) -> Reply:
        orcid_calls.append(time.time())
        return Reply(429, b"quota", {"Retry-After": "7200"})

    for n in range(3):
        site.route(f"/orc/0000-0002-1825-009{n}/record", orcid)
    for n in range(4):
        other_site.route(f"/p{n}", Reply(200, b"<html><body><h1>Someone</h1></body></html>"))
    targets = [{"source_id": x, "kind": "github", "identifier": x} for x in logins]
    targets += [
        {"source_id": f"orcid{n}", "kind": "orcid", "identifier": f"0000-0002-1825-009{n}"}
        for n in range(3)
    ]
    targets += [
        {
            "source_id": f"p{n}",
            "kind": "website",
            "url": other_site.url(f"/p{n}"),
            "render": "never",
        }
        for n in range(4)
    ]
    # ORCID's slot allows 4 requests at once: on a slow machine a second one may be on the wire
    # before the first 429 is read, which no crawler can call back. One at a time here, so the
    # count below says only what the crawler does once it knows.
    slots = {**SLOTS, "api:orcid": {**SLOTS["api:orcid"], "concurrency": 1}}
    settings = {
        "MEDALIST_GITHUB_API": site.url("/gh"),
        "MEDALIST_ORCID_API": site.url("/orc"),
        "MEDALIST_RATE_LIMIT_WAIT": "60",
        "DOWNLOAD_SLOTS": json.dumps(slots),
    }
    results, _, elapsed = crawl(tmp_path, targets, settings)
    assert len(budget.times) == 1 and budget.refused == 0  # one request, then silence
    assert results["far0"]["status"] == "ok"
    for login in logins[1:]:
        result = results[login]
        assert result["status"] == "error", result
        assert "rate limited by 127.0.0.1 until " in result["error"]
        assert result["error"].endswith(" UTC; set MEDALIST_GITHUB_TOKEN"), result["error"]
    assert len(orcid_calls) == 1
    for n in range(3):
        error = results[f"orcid{n}"]["error"]
        assert results[f"orcid{n}"]["status"] == "error" and "rate limited by" in error
        assert "MEDALIST_GITHUB_TOKEN" not in error
    assert all(results[f"p{n}"]["status"] == "ok" for n in range(4))
    assert elapsed < 60  # nobody waited for an hour-long reset


def test_with_a_token_the_error_gives_no_token_hint(site: Site, tmp_path: Path) -> None:
    budget = Budget(allowed=0, wait=3600)
    budget.reset = int(time.time() + 3600)
    github_user(site, "spent", budget)
    targets = [{"source_id": "gh", "kind": "github", "identifier": "spent"}]
    settings = {"MEDALIST_GITHUB_API": site.url("/gh"), "MEDALIST_GITHUB_TOKEN": TOKEN}
    results, _, _ = crawl(tmp_path, targets, settings)
    assert results["gh"]["status"] == "error"
    assert "rate limited by 127.0.0.1 until" in results["gh"]["error"]
    assert "set MEDALIST_GITHUB_TOKEN" not in results["gh"]["error"]
    assert budget.refused == 1  # the one refused answer, not retried


# -- many hosts, each gently -----------------------------------------------------------------------


class Gauge:
    """A page handler that sleeps ``seconds`` and records how many requests were in flight."""

    def __init__(self, seconds: float, shared: dict[str, int]):
        self.seconds, self.shared = seconds, shared
        self.now = self.most = 0
        self.done: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, _: Any) -> Reply:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            self.shared["now"] += 1
            self.shared["most"] = max(self.shared["most"], self.shared["now"])
        time.sleep(self.seconds)
        with self.lock:
            self.now -= 1
            self.shared["now"] -= 1
            self.done.append(time.monotonic())
        return Reply(200, b"<html><body><h1>A person</h1><p>Engineer</p></body></html>")


def test_per_host_concurrency_holds_and_a_slow_host_does_not_starve_the_others(
    tmp_path: Path,
) -> None:
    hosts = [Site(f"127.0.0.{n}") for n in (1, 2, 3)]
    shared = {"now": 0, "most": 0}
    gauges = [Gauge(0.6, shared), Gauge(0.05, shared), Gauge(0.05, shared)]
    try:
        targets = []
        for number, (host, gauge) in enumerate(zip(hosts, gauges, strict=True)):
            for page in range(10):
                url = host.route(f"/people/{page}", gauge)
                targets.append(
                    {
                        "source_id": f"h{number}-{page}",
                        "kind": "website",
                        "url": url,
                        "render": "never",
                    }
                )
        # the slow host's targets come first: only the scheduler can keep the others going.
        # (A small delay: with none, Scrapy 2.19 on the asyncio reactor can start a third
        # request of a slot before the first two count as transferring.)
        settings = {
            "CONCURRENT_REQUESTS": "4",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
            "DOWNLOAD_DELAY": "0.05",
        }
        results, _, _ = crawl(tmp_path, targets, settings)
    finally:
        for host in hosts:
            host.close()
    assert {r["status"] for r in results.values()} == {"ok"}, results
    assert max(g.most for g in gauges) <= 2, [g.most for g in gauges]
    assert shared["most"] > 2  # hosts were fetched side by side
    fast_end = max(gauges[1].done + gauges[2].done)
    slow_done_before = sum(1 for t in gauges[0].done if t < fast_end)
    # 10 slow pages two at a time take about 3 s. A scheduler blind to slots fills the
    # downloader with the slow host's queued requests, so the fast hosts would start only when
    # the last two slow pages do (8 or more of them done first); a fair one runs them side by
    # side and finishes them while most slow pages still wait, however loaded the machine.
    assert slow_done_before < 8, (slow_done_before, gauges[0].done, fast_end)


# -- from medalist's settings -----------------------------------------------------------------


def test_medalist_settings_become_the_crawlers_and_the_token_stays_secret() -> None:
    from medalist.crawling import scrapy_settings
    from medalist.settings import Settings

    settings = Settings(github_token=TOKEN, host_concurrency=3, host_delay=0.5, autothrottle=False)  # type: ignore[arg-type]
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())
    values = scrapy_settings(settings)
    assert values["MEDALIST_GITHUB_TOKEN"] == TOKEN
    assert values["CONCURRENT_REQUESTS_PER_DOMAIN"] == "3"
    assert values["DOWNLOAD_DELAY"] == "0.5"
    assert values["AUTOTHROTTLE_ENABLED"] == "False"
    assert values["MEDALIST_RATE_LIMIT_WAIT"] == "300.0"
    assert "MEDALIST_GITHUB_TOKEN" not in scrapy_settings(Settings())
