"""Webhook subscriptions and their outbox of deliveries.

Outbox rows are written by :meth:`EventRepository.add_if_new` with the event. The deliverer
asks for :meth:`WebhookRepository.due` rows: pending ones whose time has come and that are the
oldest pending delivery of their (subscription, candidate), so a candidate's events arrive in
order; a delivery given up (``failed``) no longer holds the later ones back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, exists, select, update
from sqlalchemy.orm import Session, aliased

from storage.models import CandidateRow, EventRow, WebhookDeliveryRow, WebhookRow
from storage.repositories._common import utcnow

DELIVERY_STATUSES = ("pending", "delivered", "failed")


class WebhookRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- subscriptions -----------------------------------------------------------------------

    def add(
        self, url: str, secret: str, types: Sequence[str] = (), now: datetime | None = None
    ) -> WebhookRow:
        row = WebhookRow(
            url=url, secret=secret, types=list(types), active=True, created_at=now or utcnow()
        )
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, webhook_id: int) -> WebhookRow | None:
        row = self.session.get(WebhookRow, webhook_id)
        return row if row is not None and row.active else None

    def active(self) -> list[WebhookRow]:
        return list(
            self.session.scalars(
                select(WebhookRow).where(WebhookRow.active.is_(True)).order_by(WebhookRow.id)
            )
        )

    def deactivate(self, webhook_id: int, now: datetime | None = None) -> bool:
        """Stop a subscription (its pending deliveries are given up; history stays)."""
        when = now or utcnow()
        result = self.session.execute(
            update(WebhookRow)
            .where(WebhookRow.id == webhook_id, WebhookRow.active.is_(True))
            .values(active=False, deleted_at=when)
        )
        if not getattr(result, "rowcount", 0):
            return False
        self.session.execute(
            update(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.webhook_id == webhook_id,
                WebhookDeliveryRow.status == "pending",
            )
            .values(status="failed", last_error="the subscription was deleted")
        )
        return True

    # -- deliveries --------------------------------------------------------------------------

    def deliveries(
        self, webhook_id: int, *, status: str | None = None, limit: int = 100, after: int = 0
    ) -> list[WebhookDeliveryRow]:
        """A subscription's deliveries, oldest first, after the delivery id ``after``."""
        stmt = (
            select(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.webhook_id == webhook_id, WebhookDeliveryRow.id > after)
            .order_by(WebhookDeliveryRow.id)
            .limit(limit)
        )
        if status is not None:
            stmt = stmt.where(WebhookDeliveryRow.status == status)
        return list(self.session.scalars(stmt))

    def due(
        self, now: datetime, limit: int = 100
    ) -> list[tuple[WebhookDeliveryRow, WebhookRow, EventRow]]:
        """Pending deliveries to attempt now, each the oldest pending one of its
        (subscription, candidate), oldest first."""
        earlier = aliased(WebhookDeliveryRow)
        blocked = exists().where(
            and_(
                earlier.webhook_id == WebhookDeliveryRow.webhook_id,
                earlier.candidate_id == WebhookDeliveryRow.candidate_id,
                earlier.status == "pending",
                earlier.id < WebhookDeliveryRow.id,
            )
        )
        stmt = (
            select(WebhookDeliveryRow, WebhookRow, EventRow)
            .join(WebhookRow, WebhookRow.id == WebhookDeliveryRow.webhook_id)
            .join(EventRow, EventRow.id == WebhookDeliveryRow.event_id)
            .join(CandidateRow, CandidateRow.id == EventRow.candidate_id)
            .where(
                WebhookDeliveryRow.status == "pending",
                WebhookDeliveryRow.next_attempt_at <= now,
                CandidateRow.may_process,
                ~blocked,
            )
            .order_by(WebhookDeliveryRow.id)
            .limit(limit)
        )
        return [(d, w, e) for d, w, e in self.session.execute(stmt)]

    def drop_pending(self, candidate_id: int) -> int:
        """Delete the deliveries not yet made of a candidate's events (an opt-out or an
        erasure: nothing more about them leaves). Returns the rows deleted."""
        result = self.session.execute(
            delete(WebhookDeliveryRow).where(
                WebhookDeliveryRow.candidate_id == candidate_id,
                WebhookDeliveryRow.status == "pending",
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def drop_pending_not_processable(self) -> int:
        """Delete the pending deliveries of every candidate who may not be processed."""
        result = self.session.execute(
            delete(WebhookDeliveryRow).where(
                WebhookDeliveryRow.status == "pending",
                WebhookDeliveryRow.candidate_id.in_(
                    select(CandidateRow.id).where(~CandidateRow.may_process)
                ),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def claim(self, delivery_id: int, expected: datetime, lease_until: datetime) -> bool:
        """Take a due delivery for one attempt: move its ``next_attempt_at`` from ``expected``
        to ``lease_until`` (so another deliverer skips it). False when someone else took it."""
        result = self.session.execute(
            update(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.id == delivery_id,
                WebhookDeliveryRow.status == "pending",
                WebhookDeliveryRow.next_attempt_at == expected,
            )
            .values(next_attempt_at=lease_until)
        )
        return bool(getattr(result, "rowcount", 0))

    def record_attempt(
        self,
        delivery_id: int,
        *,
        now: datetime,
        delivered: bool,
        http_status: int | None,
        error: str | None,
        retry_at: datetime | None,
    ) -> None:
        """Note one attempt: delivered, retried at ``retry_at``, or (``retry_at`` None and not
        delivered) given up."""
        row = self.session.get(WebhookDeliveryRow, delivery_id)
        if row is None:
            return
        row.attempts += 1
        row.last_attempt_at = now
        row.last_http_status = http_status
        row.last_error = None if delivered else error
        if delivered:
            row.status = "delivered"
            row.delivered_at = now
        elif retry_at is None:
            row.status = "failed"
        else:
            row.next_attempt_at = retry_at
        self.session.flush()
