"""Runs: one refresh each, with its counts and errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import RunRow
from storage.repositories._common import utcnow

RUN_STATUSES = ("running", "finished", "failed")


class RunRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, now: datetime | None = None) -> RunRow:
        row = RunRow(started_at=now or utcnow(), status="running", counts={}, errors=[])
        self.session.add(row)
        self.session.flush()
        return row

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

    def get(self, run_id: int) -> RunRow | None:
        return self.session.get(RunRow, run_id)

    def list(self, limit: int = 50) -> list[RunRow]:
        """Newest first."""
        return list(self.session.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit)))
