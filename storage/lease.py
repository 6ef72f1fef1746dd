"""Named leases: never two refreshes at once, even with two schedulers started by mistake.

PostgreSQL: a session-level ``pg_try_advisory_lock`` on a dedicated connection held for the
lease's life; the server frees it when that connection ends, so a holder killed with ``kill -9``
frees it as soon as its connection dies. A heartbeat thread checks that connection every
``ttl / 3``; when it has died the lease is marked ``lost``.

SQLite: a row of the ``leases`` table, taken atomically (inserted, or updated where it has
expired) and renewed by a heartbeat thread every ``ttl / 3``; released on exit, taken over by
another process only after it has expired (so a killed holder frees it after ``ttl``).
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Connection, Engine, Table, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from enrichment.errors import MedalistError
from storage.models import LeaseRow

_LEASES = cast(Table, LeaseRow.__table__)


class LeaseHeld(MedalistError):
    """Another process holds the lease: says who, since when and what to do."""

    def __init__(self, name: str, holder: str | None, since: datetime | None) -> None:
        self.name, self.holder, self.since = name, holder, since
        who = holder or "another process"
        when = f" since {since:%Y-%m-%d %H:%M:%S} UTC" if since else ""
        super().__init__(
            f"the {name!r} lease is held by {who}{when}: another run is in progress; "
            "wait for it to finish (see `medalist runs`), or stop that process"
        )


@dataclass
class Lease:
    """A held lease. ``lost`` is set when a heartbeat failed (the lease may be taken over)."""

    name: str
    owner: str
    _lost: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def lost(self) -> bool:
        return self._lost.is_set()


def advisory_key(name: str) -> int:
    """A stable 63-bit key for ``name`` (PostgreSQL advisory locks take a signed bigint)."""
    digest = hashlib.sha256(f"medalist-lease:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)


@contextmanager
def hold_lease(
    engine: Engine, name: str, *, owner: str, ttl: timedelta = timedelta(minutes=5)
) -> Iterator[Lease]:
    """Hold the lease ``name`` for the ``with`` block, or raise :class:`LeaseHeld`."""
    if ttl <= timedelta(0):
        raise ValueError(f"a lease's ttl must be positive, not {ttl}")
    if engine.dialect.name == "postgresql":
        with _advisory_lease(engine, name, owner, ttl) as lease:
            yield lease
    else:
        with _table_lease(engine, name, owner, ttl) as lease:
            yield lease


@contextmanager
def _advisory_lease(engine: Engine, name: str, owner: str, ttl: timedelta) -> Iterator[Lease]:
    connection = engine.connect()
    try:
        # advisory locks are per database: one deployment per schema gets a lock of its own
        schema = connection.execute(text("select current_schema()")).scalar() or ""
        key = advisory_key(f"{schema}/{name}" if schema != "public" else name)
        got = connection.execute(text("select pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        connection.commit()
        if not got:
            holder, since = _advisory_holder(connection, key)
            raise LeaseHeld(name, holder, since)
        # tell who holds it: other sessions read application_name via pg_stat_activity
        connection.execute(
            text("select set_config('application_name', :a, false)"),
            {"a": f"medalist lease {name} {owner}"[:63]},
        )
        connection.commit()
        lease = Lease(name, owner)
        done = threading.Event()

        def heartbeat() -> None:  # the lock lives as long as this connection: watch it
            while not done.wait(ttl.total_seconds() / 3):
                try:
                    connection.execute(text("select 1"))
                    connection.commit()
                except Exception:
                    lease._lost.set()
                    return

        thread = threading.Thread(target=heartbeat, name=f"lease-{name}", daemon=True)
        thread.start()
        try:
            yield lease
        finally:
            done.set()
            thread.join()
            try:
                connection.execute(text("select pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()
            except Exception:
                lease._lost.set()
                connection.invalidate()  # closing the connection frees the lock anyway
    finally:
        connection.close()


def _advisory_holder(connection: Connection, key: int) -> tuple[str | None, datetime | None]:
    """Who holds the advisory lock ``key`` (from pg_stat_activity), if it can be seen."""
    try:
        row = connection.execute(
            text(
                "select a.application_name, a.backend_start from pg_locks l "
                "join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' "
                "and l.granted and ((l.classid::bigint << 32) | l.objid::bigint) = :k"
            ),
            {"k": key},
        ).first()
        connection.commit()
    except Exception:
        return None, None
    if row is None:
        return None, None
    app: str | None = row[0]
    started: datetime | None = row[1]
    holder = app.removeprefix("medalist lease ").split(" ", 1)[-1] if app else None
    return holder or None, started.astimezone(UTC) if started else None


def _dead_here(owner: str) -> bool:
    """Whether ``owner`` (``host:pid``) names a process of this host that no longer exists."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _now() -> datetime:
    return datetime.now(UTC)


def _take(engine: Engine, name: str, owner: str, ttl: timedelta) -> None:
    """Insert the row, or take it over where it has expired; else raise LeaseHeld."""
    now = _now()
    with engine.begin() as connection:
        taken = connection.execute(
            update(_LEASES)
            .where(_LEASES.c.name == name, _LEASES.c.expires_at < now)
            .values(owner=owner, acquired_at=now, expires_at=now + ttl)
        ).rowcount
        if taken:
            return
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(_LEASES).values(
                    name=name, owner=owner, acquired_at=now, expires_at=now + ttl
                )
            )
    except IntegrityError:
        with engine.connect() as connection:
            row = connection.execute(
                select(_LEASES.c.owner, _LEASES.c.acquired_at).where(_LEASES.c.name == name)
            ).first()
        if row is not None and _dead_here(row[0]):
            # a holder on this machine that no longer exists (kill -9): free at once
            with engine.begin() as connection:
                taken = connection.execute(
                    update(_LEASES)
                    .where(_LEASES.c.name == name, _LEASES.c.owner == row[0])
                    .values(owner=owner, acquired_at=now, expires_at=now + ttl)
                ).rowcount
            if taken:
                return
        raise LeaseHeld(name, row[0] if row else None, row[1] if row else None) from None


def _renew(engine: Engine, name: str, owner: str, ttl: timedelta) -> bool:
    with engine.begin() as connection:
        return bool(
            connection.execute(
                update(_LEASES)
                .where(_LEASES.c.name == name, _LEASES.c.owner == owner)
                .values(expires_at=_now() + ttl)
            ).rowcount
        )


@contextmanager
def _table_lease(engine: Engine, name: str, owner: str, ttl: timedelta) -> Iterator[Lease]:
    _take(engine, name, owner, ttl)
    lease = Lease(name, owner)
    done = threading.Event()

    def heartbeat() -> None:
        while not done.wait(ttl.total_seconds() / 3):
            try:
                if not _renew(engine, name, owner, ttl):
                    lease._lost.set()
                    return
            except Exception:
                lease._lost.set()

    thread = threading.Thread(target=heartbeat, name=f"lease-{name}", daemon=True)
    thread.start()
    try:
        yield lease
    finally:
        done.set()
        thread.join()
        with engine.begin() as connection:
            connection.execute(
                delete(_LEASES).where(_LEASES.c.name == name, _LEASES.c.owner == owner)
            )
