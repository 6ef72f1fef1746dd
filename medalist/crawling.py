"""Crawling from the application: run ``python -m crawler`` in a child process, read its results.

Scrapy's Twisted reactor cannot restart inside a long-lived process (``ReactorNotRestartable``),
so every crawl runs in its own process: the targets go to a file, the child writes one result
line per target (docs/architecture.md, "The crawl"). A child that crashes or times out still
yields one result per target: an error carrying the end of the child's stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from enrichment.model import format_timestamp, utcnow
from medalist.settings import Settings

#: How many characters of the child's stderr an error result quotes.
STDERR_TAIL = 2000
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


def scrapy_settings(settings: Settings) -> dict[str, str]:
    """The Scrapy settings (``-s NAME=VALUE``) that carry medalist's settings to the crawler."""
    values = {
        "USER_AGENT": settings.identity,
        "MEDALIST_ALLOW_HOSTS": ",".join(settings.allowed_hosts),
        "MEDALIST_ORCID_API": settings.orcid_api,
        "MEDALIST_GITHUB_API": settings.github_api,
        "MEDALIST_WIKIDATA_API": settings.wikidata_api,
        "CONCURRENT_REQUESTS": str(settings.concurrent_requests),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(settings.host_concurrency),
        "DOWNLOAD_DELAY": str(settings.host_delay),
        "AUTOTHROTTLE_ENABLED": str(settings.autothrottle),
        "MEDALIST_RATE_LIMIT_WAIT": str(settings.rate_limit_wait),
    }
    if settings.github_token is not None and settings.github_token.get_secret_value():
        values["MEDALIST_GITHUB_TOKEN"] = settings.github_token.get_secret_value()
    if settings.browser:
        values["MEDALIST_BROWSER"] = settings.browser
    if settings.redis_url:
        values["MEDALIST_REDIS_URL"] = settings.redis_url
    return values


def crawl(
    targets: Sequence[Mapping[str, Any]],
    settings: Settings,
    *,
    timeout: float | None = None,
    scrapy_overrides: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Fetch ``targets`` (dicts of the targets protocol); one result dict per target, in order.

    ``scrapy_overrides`` are further Scrapy settings (tests turn AutoThrottle off). ``timeout``
    bounds the whole crawl in seconds; targets without a result by then get an error result.
    """
    if not targets:
        return []
    with tempfile.TemporaryDirectory(prefix="medalist-crawl-") as tmp:
        folder = Path(tmp)
        targets_file, results_file = folder / "targets.jsonl", folder / "results.jsonl"
        stderr_file = folder / "stderr.log"
        targets_file.write_text(
            "".join(json.dumps(dict(t), ensure_ascii=False) + "\n" for t in targets),
            encoding="utf-8",
        )
        command = [
            sys.executable,
            "-m",
            "crawler",
            "--targets",
            str(targets_file),
            "--out",
            str(results_file),
        ]
        for name, value in {**scrapy_settings(settings), **(scrapy_overrides or {})}.items():
            command += ["-s", f"{name}={value}"]
        problem: str | None = None
        with stderr_file.open("w", encoding="utf-8", errors="replace") as stderr:
            try:
                done = subprocess.run(
                    command,
                    cwd=_PROJECT_ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    timeout=timeout,
                    check=False,
                )
                if done.returncode != 0:
                    problem = f"the crawler process failed (exit status {done.returncode})"
            except subprocess.TimeoutExpired:
                problem = f"the crawl did not finish within {timeout:g}s"
        results = _read_results(results_file)
        tail = stderr_file.read_text(encoding="utf-8", errors="replace")[-STDERR_TAIL:].strip()
    return _one_per_target(targets, results, problem, tail)


def _read_results(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    results = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            results.append(json.loads(line))
        except ValueError:
            continue  # a line cut short by a crash: that target gets an error below
    return results


def _one_per_target(
    targets: Sequence[Mapping[str, Any]],
    results: list[dict[str, Any]],
    problem: str | None,
    stderr_tail: str,
) -> list[dict[str, Any]]:
    by_id: dict[str, list[dict[str, Any]]] = {}
    for result in results:
        by_id.setdefault(str(result.get("source_id")), []).append(result)
    out = []
    for target in targets:
        waiting = by_id.get(str(target.get("source_id")))
        if waiting:
            out.append(waiting.pop(0))
            continue
        message = problem or "the crawler wrote no result for this target"
        if stderr_tail:
            message += f"; its stderr ends with:\n{stderr_tail}"
        out.append(
            {
                "source_id": target.get("source_id"),
                "kind": target.get("kind"),
                "url": target.get("url"),
                "status": "error",
                "http_status": None,
                "etag": None,
                "last_modified": None,
                "content_hash": None,
                "fetched_at": format_timestamp(utcnow()),
                "error": message,
                "records": [],
                "warnings": [],
            }
        )
    return out
