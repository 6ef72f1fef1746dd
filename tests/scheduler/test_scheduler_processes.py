"""``medalist schedule`` as real processes: two schedulers never refresh at once, ``--once``
on an empty database, SIGTERM exits 0 promptly and leaves no lease held."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

from sqlalchemy import Engine

from medalist.database import REFRESH_LEASE
from storage.lease import hold_lease

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("scheduler_worker.py")


def _env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDALIST_")}
    env.update(MEDALIST_DATABASE_URL=database_url, PYTHONPATH=str(ROOT), **extra)
    return env


def test_two_schedulers_never_run_the_refresh_at_the_same_time(
    database_url: str, tmp_path: Path
) -> None:
    record = tmp_path / "runs.txt"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), database_url, str(record), "7"],
            cwd=ROOT,
            env=_env(database_url),
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        logs = [w.communicate(timeout=60)[1] for w in workers]
    finally:
        for worker in workers:  # a failed test leaves no scheduler running
            worker.kill()
            worker.wait()
    assert [w.returncode for w in workers] == [0, 0], logs
    lines = record.read_text().splitlines()
    spans: list[tuple[float, float]] = []
    open_by_pid: dict[str, float] = {}
    for line in lines:
        what, at, pid = line.split()
        if what == "start":
            assert pid not in open_by_pid
            open_by_pid[pid] = float(at)
        else:
            spans.append((open_by_pid.pop(pid), float(at)))
    assert not open_by_pid, lines
    assert len(spans) >= 3, lines  # the job did run, repeatedly
    spans.sort()
    for (_, end), (start, _) in pairwise(spans):
        assert start >= end, f"two refreshes overlapped: {spans}"
    assert any("skipped" in log and "lease is held" in log for log in logs), logs


def test_schedule_once_against_an_empty_migrated_database_exits_0(database_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "medalist", "schedule", "--once"],
        cwd=ROOT,
        env=_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "medalist.refresh: run 1: 0 candidate(s)" in done.stderr


def test_sigterm_exits_0_promptly_and_leaves_no_lease_held(
    database_url: str, engine: Engine
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "medalist", "schedule"],
        cwd=ROOT,
        env=_env(database_url, MEDALIST_SCHEDULE="* * * * *"),
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    try:
        deadline = time.monotonic() + 60
        for line in process.stderr:
            if line.startswith("{") and json.loads(line)["message"].startswith("scheduler "):
                break  # the scheduler's first line (logs are JSON off a terminal)
            assert time.monotonic() < deadline
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        rest = process.communicate(timeout=20)[1]
    finally:  # a failed test leaves no scheduler running
        process.kill()
        process.wait()
    assert process.returncode == 0, rest
    assert time.monotonic() - started < 10
    assert "SIGTERM" in rest
    with hold_lease(engine, REFRESH_LEASE, owner="after:1"):
        pass  # nobody holds the refresh lease any more
