"""Refresh runs, newest first, with their counts, errors by kind and heartbeat (read through
:class:`storage.repositories.RunRepository`)."""

from __future__ import annotations

from enrichment.model import format_timestamp
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest, NotFound
from medalist.services.schemas import RunOut
from storage.models import RunRow
from storage.unit_of_work import UnitOfWork


def _out(row: RunRow) -> RunOut:
    counts = dict(row.counts or {})
    by_kind = counts.pop("errors_by_kind", None) or {}
    return RunOut(
        id=row.id,
        started_at=format_timestamp(row.started_at),
        finished_at=format_timestamp(row.finished_at) if row.finished_at else None,
        status=row.status,
        counts=counts,
        errors_by_kind={str(k): int(v) for k, v in by_kind.items()},
        errors=list(row.errors or []),
        heartbeat_at=format_timestamp(row.heartbeat_at) if row.heartbeat_at else None,
        host=row.host,
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
