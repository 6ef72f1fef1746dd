"""Scale-out: one run's requests shared through the real Redis by the run's own crawler and a
second crawler process; every result lands exactly once, in the real PostgreSQL (and SQLite),
and no secret shows on a crawler's command line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from refresh_support import FAST, events_of, page_of, person_with
from sqlalchemy.orm import Session, sessionmaker

from medalist.crawling import stream
from medalist.demo.server import SiteServer
from medalist.refresh import Refresher
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/0"
PEOPLE = 16


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    for i in range(PEOPLE):
        (root / f"p{i}").mkdir(parents=True)
        (root / f"p{i}" / "index.html").write_text(
            page_of(f"Person Number{i}", "Senior Platform Engineer", "Globex"), encoding="utf-8"
        )
    with SiteServer(root) as server:
        yield server


def _crawler_command_lines() -> list[str]:
    lines = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        line = raw.replace(b"\0", b" ").decode(errors="replace")
        if "-m crawler" in line:
            lines.append(line)
    return lines


def test_two_crawler_processes_share_one_run_and_every_result_lands_once(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
    redis_prefix: str,
    tmp_path: Path,
) -> None:
    with uow:
        for i in range(PEOPLE):
            uow.candidates.upsert(person_with(i, f"{site.url}/p{i}/"))
        uow.commit()
    worker_env = {
        **os.environ,
        "MEDALIST_REDIS_URL": REDIS_URL,  # from the environment, not the command line
        "PYTHONPATH": str(ROOT),
    }
    worker_args = [sys.executable, "-m", "crawler", "--worker"]
    worker_settings = {
        **FAST,
        "MEDALIST_ALLOW_HOSTS": "127.0.0.1",
        "MEDALIST_REDIS_PREFIX": redis_prefix,
        "USER_AGENT": "second-crawler",
        "CONCURRENT_REQUESTS": "1",
        "MEDALIST_WORKER_POLL": "0.2",
        "MEDALIST_WORKER_IDLE_EXIT": "60",
    }
    for name, value in worker_settings.items():
        worker_args += ["-s", f"{name}={value}"]
    settings = Settings(database_url=database_url, allow_hosts="127.0.0.1", redis_url=REDIS_URL)
    overrides = {
        **FAST,
        "MEDALIST_REDIS_PREFIX": redis_prefix,
        "MEDALIST_REDIS_WAIT": "30",
        "USER_AGENT": "run-crawler",
        "CONCURRENT_REQUESTS": "1",
        "DOWNLOAD_DELAY": "0.1",
    }
    seen_lines: list[str] = []
    watching = threading.Event()
    watching.set()

    def watch() -> None:
        while watching.is_set():
            seen_lines.extend(_crawler_command_lines())
            time.sleep(0.2)

    log = tmp_path / "worker.log"
    with log.open("w") as stderr:
        worker = subprocess.Popen(worker_args, cwd=ROOT, env=worker_env, stderr=stderr)
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            deadline = time.monotonic() + 60
            while "Spider opened" not in log.read_text() and time.monotonic() < deadline:
                assert worker.poll() is None, log.read_text()[-2000:]
                time.sleep(0.1)
            summary = Refresher(
                settings,
                session_factory,
                crawl=lambda targets, s: stream(targets, s, scrapy_overrides=overrides),
            ).run()
        finally:
            watching.clear()
            worker.terminate()
            worker.wait(30)
            watcher.join()

    assert summary.sources == PEOPLE and summary.fetched == PEOPLE, summary.errors
    for i in range(PEOPLE):
        assert [e["type"] for e in events_of(uow, f"c-{i}")] == ["job_change"]
    agents = [agent for path, agent in site.requests if path.startswith("/p")]
    assert len(agents) == PEOPLE, "each page fetched once, by one process or the other"
    assert {"run-crawler", "second-crawler"} <= set(agents), agents
    assert seen_lines, "the crawler processes were seen"
    # this test's crawlers: the worker names its prefix, the run's own crawler its settings file
    ours = [line for line in seen_lines if redis_prefix in line or "--settings" in line]
    assert ours, seen_lines
    assert not [line for line in ours if "redis://" in line], ours
