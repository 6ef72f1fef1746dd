"""Events: each change stored once, served to the API in commit-safe ``(tx, seq)`` order.

Storing an event also writes its webhook outbox rows (one per active subscription that wants
its type) in the same transaction, so every writer of events feeds the webhooks and a rolled
back event is never delivered.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Insert,
    Select,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from enrichment.model import format_timestamp, parse_timestamp
from storage.models import (
    MAX_FINGERPRINT_LENGTH,
    CandidateRow,
    EventRow,
    WebhookDeliveryRow,
    WebhookRow,
)
from storage.repositories._common import bounded_key, utcnow
from storage.repositories.feed import event_json, feed_parameters, feed_statement

EVENT_STATUSES = ("new", "acked", "dismissed")


_LATEST: dict[str, tuple[Select[Any], Select[Any]]] = {}


def latest_statements(dialect: str) -> tuple[Select[Any], Select[Any]]:
    """Built once per dialect: a statement object reused keeps its cache key."""
    found = _LATEST.get(dialect)
    if found is None:
        total = (
            select(func.count())
            .select_from(EventRow)
            .where(EventRow.candidate_id == bindparam("candidate_id"))
            .scalar_subquery()
        )
        newest = (
            select(event_json(dialect), total)
            .where(EventRow.candidate_id == bindparam("candidate_id"))
            .order_by(EventRow.tx.desc(), EventRow.seq.desc())
            .limit(bindparam("limit"))
        )
        found = _LATEST[dialect] = (newest, select(total))
    return found


def latest_json_for_candidate(
    connection: Connection, candidate_id: int, limit: int
) -> tuple[list[str], int]:
    """The candidate's newest ``limit`` events, oldest first, as event JSON text (as the feed
    serves it, nothing parsed), and how many events the candidate has in all (counted on the
    index ``(candidate_id, tx, seq)`` in the same statement)."""
    newest, total = latest_statements(connection.dialect.name)
    rows = (
        connection.execute(newest, {"candidate_id": candidate_id, "limit": limit}).all()
        if limit
        else []
    )
    if not rows:
        return [], int(connection.scalar(total, {"candidate_id": candidate_id}) or 0)
    return [str(row[0]) for row in reversed(rows)], int(rows[0][1])


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._subscriptions: list[tuple[int, frozenset[str]]] | None = None

    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def _webhooks(self) -> list[tuple[int, frozenset[str]]]:
        """Active subscriptions ``(id, types)``, read once per unit of work."""
        if self._subscriptions is None:
            rows = self.session.execute(
                select(WebhookRow.id, WebhookRow.types).where(WebhookRow.active.is_(True))
            ).all()
            self._subscriptions = [
                (int(row[0]), frozenset(str(t) for t in (row[1] or ()))) for row in rows
            ]
        return self._subscriptions

    def _queue_webhooks(self, event_id: str, event_type: str, candidate_id: int) -> None:
        wanted = [
            {"webhook_id": id_, "event_id": event_id, "candidate_id": candidate_id}
            for id_, types in self._webhooks()
            if not types or event_type in types
        ]
        if wanted:
            now = utcnow()
            for row in wanted:
                row.update(status="pending", attempts=0, next_attempt_at=now, created_at=now)
            self.session.execute(insert(WebhookDeliveryRow), wanted)

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
        stored = self.session.execute(stmt).first() is not None
        if stored:
            self._queue_webhooks(str(event["id"]), str(event["type"]), candidate_id)
        return stored

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

    def feed(
        self,
        after: tuple[int, int] | None = None,
        *,
        limit: int = 100,
        type: str | None = None,
        leveled_up: bool | None = None,
        status: str | None = None,
        since: datetime | None = None,
        candidate: str | None = None,
    ) -> list[EventRow]:
        """The API feed as rows: events after the position ``after`` (``(tx, seq)`` of the last
        one served; None for the start), oldest first, that can never be preceded by a row
        committed later (:mod:`storage.repositories.feed` explains how)."""
        used, values = feed_parameters(
            after,
            limit=limit,
            type=type,
            leveled_up=leveled_up,
            status=status,
            since=since,
            candidate=candidate,
        )
        stmt = feed_statement(select(EventRow), self._dialect(), used)
        return list(self.session.scalars(stmt, values))

    def detected_since(self, since: datetime, *, leveled_up: bool | None = None) -> list[EventRow]:
        """Events detected at or after ``since``, oldest first (reports and the pages), of
        people medalist may still process: an opted-out person's events are not shown."""
        stmt = (
            select(EventRow)
            .join(CandidateRow, CandidateRow.id == EventRow.candidate_id)
            .where(EventRow.detected_at >= since, CandidateRow.may_process)
            .order_by(EventRow.seq)
        )
        if leveled_up is not None:
            stmt = stmt.where(EventRow.leveled_up.is_(leveled_up))
        return list(self.session.scalars(stmt))

    def for_candidate(self, candidate_id: int) -> list[EventRow]:
        return list(
            self.session.scalars(
                select(EventRow)
                .where(EventRow.candidate_id == candidate_id)
                .order_by(EventRow.tx, EventRow.seq)
            )
        )

    def latest_for_candidate(self, candidate_id: int, limit: int) -> list[EventRow]:
        """The candidate's newest ``limit`` events, oldest first (index
        ``(candidate_id, tx, seq)``)."""
        newest = self.session.scalars(
            select(EventRow)
            .where(EventRow.candidate_id == candidate_id)
            .order_by(EventRow.tx.desc(), EventRow.seq.desc())
            .limit(limit)
        )
        return list(reversed(list(newest)))

    def count_for_candidate(self, candidate_id: int) -> int:
        return int(
            self.session.scalar(
                select(func.count())
                .select_from(EventRow)
                .where(EventRow.candidate_id == candidate_id)
            )
            or 0
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
