"""Refresh runs, newest first, with their counts and errors (whatever columns the runs table
has: read through :class:`storage.repositories.RunRepository`)."""

from __future__ import annotations

from enrichment.model import format_timestamp
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest, NotFound
from medalist.services.schemas import RunOut
from storage.models import RunRow
from storage.unit_of_work import UnitOfWork


def _out(row: RunRow) -> RunOut:
    return RunOut(
        id=row.id,
        started_at=format_timestamp(row.started_at),
        finished_at=format_timestamp(row.finished_at) if row.finished_at else None,
        status=row.status,
        counts=dict(row.counts or {}),
        errors=list(row.errors or []),
    )


def recent(sessions: Sessions, *, limit: int = 50) -> list[RunOut]:
    if not 1 <= limit <= 1000:
        raise InvalidRequest(f"limit must be 1 to 1000, not {limit}", field="limit")
    with UnitOfWork(sessions) as uow:
        return [_out(r) for r in uow.runs.list(limit=limit)]


def get(sessions: Sessions, run_id: int) -> RunOut:
    with UnitOfWork(sessions) as uow:
        row = uow.runs.get(run_id)
        if row is None:
            raise NotFound(f"no run #{run_id}", code="run_not_found")
        return _out(row)
