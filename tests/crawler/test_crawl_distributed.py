"""Distributed crawls: a coordinator and a worker share one run through the real Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from crawl_loopback import FAST, ROOT, Reply, Site, fixture_path, run_crawl

REDIS_URL = "redis://127.0.0.1:6379/0"


def test_a_worker_shares_the_run(site: Site, tmp_path: Path, redis_prefix: str) -> None:
    resume = fixture_path("jsonresume", "resume-schema_sample.resume.json").read_bytes()

    def slow(_: Any) -> Reply:
        time.sleep(0.4)
        return Reply(200, resume, {"Content-Type": "application/json"})

    targets = [
        {"source_id": str(i), "kind": "jsonresume", "url": site.route(f"/d/{i}.json", slow)}
        for i in range(10)
    ]
    targets += [
        {"source_id": "bad-id", "kind": "orcid", "identifier": "1234"},  # answered before queuing
        {"source_id": "refused", "kind": "jsonresume", "url": "ftp://example.org/r.json"},
    ]
    shared = {
        "MEDALIST_REDIS_URL": REDIS_URL,
        "MEDALIST_REDIS_PREFIX": redis_prefix,
        "MEDALIST_REDIS_WAIT": "30",
    }
    worker_settings = {
        **FAST,
        **shared,
        "USER_AGENT": "worker",
        "CONCURRENT_REQUESTS": "1",
        "MEDALIST_WORKER_POLL": "0.2",
        "MEDALIST_WORKER_IDLE_EXIT": "60",  # ended below once the run is done
    }
    args = [sys.executable, "-m", "crawler", "--worker"]
    for name, value in worker_settings.items():
        args += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    log = tmp_path / "worker.log"
    with log.open("w") as stderr:
        worker = subprocess.Popen(args, cwd=ROOT, env=env, stderr=stderr)
        try:
            deadline = time.monotonic() + 60
            while "Spider opened" not in log.read_text() and time.monotonic() < deadline:
                assert worker.poll() is None, log.read_text()[-2000:]
                time.sleep(0.1)
            results = run_crawl(
                tmp_path,
                targets,
                {**shared, "USER_AGENT": "coordinator", "CONCURRENT_REQUESTS": "1"},
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    statuses = {k: r["status"] for k, r in results.items()}
    assert statuses.pop("bad-id") == "error"
    assert statuses.pop("refused") == "refused"
    assert set(statuses.values()) == {"ok"}, log.read_text()[-2000:]
    agents = {h["User-Agent"] for p, h in site.server.log if p.startswith("/d/")}
    assert agents == {"worker", "coordinator"}
    assert sum(p.startswith("/d/") for p in site.paths) == 10  # each target fetched once
