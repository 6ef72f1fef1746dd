"""``medalist run`` holds the refresh lease: a second run while one is going says so, exits 1."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result
from sqlalchemy import Engine

from medalist.database import REFRESH_LEASE
from storage.lease import hold_lease


def test_a_second_run_while_one_holds_the_lease_says_so_and_exits_1(
    medalist: Callable[..., Result], engine: Engine
) -> None:
    with hold_lease(engine, REFRESH_LEASE, owner="other-host:4242"):
        second = medalist("run")
    assert second.exit_code == 1, second.output
    lines = [line for line in second.output.splitlines() if line.strip()]
    assert len(lines) == 1, second.output
    assert "other-host:4242" in lines[0] and "another run is in progress" in lines[0]

    after = medalist("run")  # released: the next run goes ahead (nobody is due)
    assert after.exit_code == 0, after.output
    assert after.stdout.startswith("run ")
