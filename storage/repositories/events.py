"""Events: each change stored once, ordered by ``seq`` for the API cursor."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from enrichment.model import format_timestamp, parse_timestamp
from storage.models import MAX_FINGERPRINT_LENGTH, EventRow
from storage.repositories._common import bounded_key, utcnow

EVENT_STATUSES = ("new", "acked", "dismissed")


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.get_bind().dialect.name
        if dialect == "postgresql":
            return postgresql.insert(EventRow)
        if dialect == "sqlite":
            return sqlite.insert(EventRow)
        raise NotImplementedError(f"events on {dialect} are not supported")  # pragma: no cover

    def add_if_new(
        self,
        event: Mapping[str, Any],
        fingerprint: str,
        *,
        candidate_id: int,
        run_id: int | None = None,
    ) -> bool:
        """Store an event (the contract's event dict) unless this candidate already has one
        with ``fingerprint`` (or one with the same ``id``). True when it was stored.

        One atomic ``INSERT ... ON CONFLICT DO NOTHING``: safe against a concurrent run and
        leaves the transaction usable either way. A fingerprint longer than
        :data:`~storage.models.MAX_FINGERPRINT_LENGTH` is stored as its hash.
        """
        detected = parse_timestamp(event.get("detected_at"), key="detected_at") or utcnow()
        payload = dict(event)
        payload.setdefault("detected_at", format_timestamp(detected))
        payload.setdefault("status", "new")
        stmt: Insert = self._insert().values(
            id=str(event["id"]),
            candidate_id=candidate_id,
            run_id=run_id,
            type=str(event["type"]),
            fingerprint=bounded_key(fingerprint, MAX_FINGERPRINT_LENGTH),
            payload=payload,
            leveled_up=bool(event.get("leveled_up", False)),
            detected_at=detected,
            status=str(payload["status"]),
        )
        stmt = stmt.on_conflict_do_nothing().returning(EventRow.seq)  # type: ignore[attr-defined]
        return self.session.execute(stmt).first() is not None

    def get(self, event_id: str) -> EventRow | None:
        return self.session.scalar(select(EventRow).where(EventRow.id == event_id))

    def since(
        self,
        cursor: int | None = None,
        *,
        limit: int = 100,
        type: str | None = None,
        leveled_up: bool | None = None,
        status: str | None = None,
    ) -> list[EventRow]:
        """Events after ``cursor`` (a ``seq``; None for the start), oldest first. The next
        cursor is the last row's ``seq``."""
        stmt = select(EventRow).order_by(EventRow.seq).limit(limit)
        if cursor is not None:
            stmt = stmt.where(EventRow.seq > cursor)
        if type is not None:
            stmt = stmt.where(EventRow.type == type)
        if leveled_up is not None:
            stmt = stmt.where(EventRow.leveled_up.is_(leveled_up))
        if status is not None:
            stmt = stmt.where(EventRow.status == status)
        return list(self.session.scalars(stmt))

    def detected_since(self, since: datetime, *, leveled_up: bool | None = None) -> list[EventRow]:
        """Events detected at or after ``since``, oldest first (reports)."""
        stmt = select(EventRow).where(EventRow.detected_at >= since).order_by(EventRow.seq)
        if leveled_up is not None:
            stmt = stmt.where(EventRow.leveled_up.is_(leveled_up))
        return list(self.session.scalars(stmt))

    def for_candidate(self, candidate_id: int) -> list[EventRow]:
        return list(
            self.session.scalars(
                select(EventRow).where(EventRow.candidate_id == candidate_id).order_by(EventRow.seq)
            )
        )

    def set_status(self, event_id: str, status: str, now: datetime | None = None) -> bool:
        """Mark an event ``acked`` or ``dismissed`` (or back to ``new``)."""
        if status not in EVENT_STATUSES:
            raise ValueError(
                f"unknown event status {status!r} (one of {', '.join(EVENT_STATUSES)})"
            )
        result = self.session.execute(
            update(EventRow)
            .where(EventRow.id == event_id)
            .values(status=status, status_changed_at=now or utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    @staticmethod
    def to_dict(row: EventRow) -> dict[str, Any]:
        """The contract's event dict, with the current status."""
        out = dict(row.payload)
        out["id"] = row.id
        out["status"] = row.status
        out.setdefault("detected_at", format_timestamp(row.detected_at))
        return out
