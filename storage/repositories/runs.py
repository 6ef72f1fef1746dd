"""Runs: one refresh each, with its counts and errors."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import RunRow
from storage.repositories._common import utcnow

RUN_STATUSES = ("running", "finished", "failed", "killed")
#: A running run whose heartbeat is older than this is taken for killed.
STALE_AFTER = timedelta(minutes=10)


class RunRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, now: datetime | None = None) -> RunRow:
        """Open a run for this process; runs left ``running`` by a dead process are closed
        as ``killed`` first (:meth:`reap`)."""
        now = now or utcnow()
        self.reap(now)
        row = RunRow(
            started_at=now,
            status="running",
            counts={},
            errors=[],
            heartbeat_at=now,
            host=socket.gethostname(),
            pid=os.getpid(),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def reap(self, now: datetime | None = None) -> list[RunRow]:
        """Close as ``killed`` every run still marked running whose process is gone: on this
        host a process that no longer exists, anywhere a heartbeat older than STALE_AFTER."""
        now = now or utcnow()
        host = socket.gethostname()
        reaped = []
        for row in self.session.scalars(select(RunRow).where(RunRow.status == "running")):
            last = row.heartbeat_at or row.started_at
            dead = row.host == host and row.pid is not None and not _alive(row.pid)
            if dead or last < now - STALE_AFTER:
                row.status = "killed"
                row.finished_at = last
                row.errors = [*row.errors, "the run stopped without finishing (killed or crashed)"]
                reaped.append(row)
        self.session.flush()
        return reaped

    def progress(self, run_id: int, *, counts: Mapping[str, Any], now: datetime) -> None:
        row = self.session.get(RunRow, run_id)
        if row is not None:
            row.heartbeat_at = now
            row.counts = dict(counts)
            self.session.flush()

    def finish(
        self,
        run_id: int,
        *,
        counts: Mapping[str, Any],
        errors: Sequence[Any] = (),
        status: str = "finished",
        now: datetime | None = None,
    ) -> RunRow:
        if status not in RUN_STATUSES[1:]:
            raise ValueError(f"a run finishes as 'finished' or 'failed', not {status!r}")
        row = self.session.get(RunRow, run_id)
        if row is None:
            raise LookupError(f"no run with id {run_id}")
        row.finished_at = now or utcnow()
        row.status = status
        row.counts = dict(counts)
        row.errors = list(errors)
        self.session.flush()
        return row

    def redact_errors(self, redact: Callable[[str], str], *, batch_size: int = 500) -> int:
        """Rewrite every run's error strings through ``redact`` (an erasure removes the
        person's name and identifiers from the run log). Returns the runs changed."""
        changed = 0
        last_id = 0
        while True:
            rows = list(
                self.session.scalars(
                    select(RunRow).where(RunRow.id > last_id).order_by(RunRow.id).limit(batch_size)
                )
            )
            if not rows:
                break
            for row in rows:
                errors = [redact(e) if isinstance(e, str) else e for e in row.errors or ()]
                if errors != list(row.errors or ()):
                    row.errors = errors
                    changed += 1
            last_id = rows[-1].id
            self.session.flush()
        return changed

    def get(self, run_id: int) -> RunRow | None:
        return self.session.get(RunRow, run_id)

    def list(self, limit: int = 50) -> list[RunRow]:
        """Newest first."""
        return list(self.session.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
