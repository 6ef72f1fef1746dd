"""Leases: a second holder in another process is refused; release, expiry and kill -9 free it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from storage.lease import Lease, LeaseHeld, advisory_key, hold_lease
from storage.models import LeaseRow

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from datetime import timedelta
from storage.engine import create_engine_for
from storage.lease import hold_lease
engine = create_engine_for(sys.argv[1])
with hold_lease(engine, "refresh", owner="holder:1", ttl=timedelta(seconds=float(sys.argv[2]))):
    print("held", flush=True)
    time.sleep(600)
"""

TRY = """
import sys
from storage.engine import create_engine_for
from storage.lease import LeaseHeld, hold_lease
engine = create_engine_for(sys.argv[1])
try:
    with hold_lease(engine, "refresh", owner="second:2"):
        print("acquired")
except LeaseHeld as error:
    print("refused:", error)
"""


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def _start_holder(url: str, ttl: float = 300) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        _python(HOLDER, url, str(ttl)), cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def _try_in_other_process(url: str) -> str:
    done = subprocess.run(
        _python(TRY, url), cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


def test_a_second_holder_in_another_process_is_refused(database_url: str, engine: Engine) -> None:
    with hold_lease(engine, "refresh", owner="me:1") as lease:
        assert (lease.name, lease.owner, lease.lost) == ("refresh", "me:1", False)
        out = _try_in_other_process(database_url)
        assert out.startswith("refused:"), out
        assert "me:1" in out and "another run is in progress" in out
    assert _try_in_other_process(database_url) == "acquired"


def test_release_frees_the_lease_in_the_same_process(engine: Engine) -> None:
    with hold_lease(engine, "refresh", owner="a:1"):
        pass
    with hold_lease(engine, "refresh", owner="b:2") as lease:
        assert isinstance(lease, Lease)
    with hold_lease(engine, "other", owner="c:3"), hold_lease(engine, "refresh", owner="d:4"):
        pass  # distinct names do not block each other


def test_a_holder_killed_with_kill_9_frees_it(database_url: str, backend: str) -> None:
    ttl = 8.0  # long enough for two Python processes to start on a loaded machine
    holder = _start_holder(database_url, ttl)
    try:
        assert _try_in_other_process(database_url).startswith("refused:")
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        if backend == "sqlite":
            # not before it expires...
            assert _try_in_other_process(database_url).startswith("refused:")
            time.sleep(ttl + 0.5)
        deadline = time.monotonic() + 15
        while (out := _try_in_other_process(database_url)) != "acquired":
            assert time.monotonic() < deadline, out
            time.sleep(0.5)
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("empty_database_url", ["sqlite"], indirect=True)
def test_an_expired_sqlite_lease_is_taken_over(engine: Engine) -> None:
    past = datetime.now(UTC) - timedelta(hours=1)
    with engine.begin() as connection:
        connection.execute(
            insert(LeaseRow).values(
                name="refresh", owner="dead:9", acquired_at=past, expires_at=past
            )
        )
    with hold_lease(engine, "refresh", owner="new:1") as lease:
        assert lease.owner == "new:1"
        with pytest.raises(LeaseHeld, match="new:1"), hold_lease(engine, "refresh", owner="t:3"):
            pass


@pytest.mark.parametrize("empty_database_url", ["sqlite"], indirect=True)
def test_the_heartbeat_keeps_a_sqlite_lease_past_its_ttl(engine: Engine) -> None:
    with hold_lease(engine, "refresh", owner="me:1", ttl=timedelta(seconds=0.6)) as lease:
        time.sleep(1.5)
        with pytest.raises(LeaseHeld), hold_lease(engine, "refresh", owner="other:2"):
            pass
        assert not lease.lost


def test_the_advisory_key_is_stable_and_63_bit() -> None:
    assert advisory_key("refresh") == advisory_key("refresh") != advisory_key("purge")
    assert 0 <= advisory_key("refresh") < 2**63


def test_a_non_positive_ttl_is_refused(engine: Engine) -> None:
    with (
        pytest.raises(ValueError, match="ttl"),
        hold_lease(engine, "x", owner="x", ttl=timedelta(0)),
    ):
        pass


@pytest.mark.parametrize("empty_database_url", ["postgresql"], indirect=True)
def test_a_postgresql_lease_whose_connection_dies_is_marked_lost(engine: Engine) -> None:
    from sqlalchemy import text

    with hold_lease(engine, "refresh", owner="me:1", ttl=timedelta(seconds=0.6)) as lease:
        with engine.begin() as connection:
            killed = connection.execute(
                text(
                    "select pg_terminate_backend(pid) from pg_stat_activity "
                    "where application_name = 'medalist lease refresh me:1'"
                )
            ).scalar()
        assert killed
        deadline = time.monotonic() + 10
        while not lease.lost and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lease.lost
    with hold_lease(engine, "refresh", owner="next:2") as again:
        assert not again.lost
