"""Read the events a report shows from storage (the renderers are in :mod:`medalist.report`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from storage.repositories import EventRepository
from storage.unit_of_work import UnitOfWork


def report_events(
    session_factory: sessionmaker[Session], *, since: datetime | None, all_events: bool = False
) -> list[dict[str, Any]]:
    """Events detected since ``since`` (all time when None), newest first; only those that
    leveled someone up unless ``all_events``."""
    start = since or datetime(1970, 1, 1, tzinfo=UTC)
    with UnitOfWork(session_factory) as uow:
        rows = uow.events.detected_since(start, leveled_up=None if all_events else True)
        return [EventRepository.to_dict(row) for row in reversed(rows)]
