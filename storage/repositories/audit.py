"""The audit log: who linked, rejected, dismissed, opted out or erased what, and when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import AuditRow
from storage.repositories._common import utcnow


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        actor: str,
        action: str,
        *,
        subject: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
        now: datetime | None = None,
    ) -> AuditRow:
        row = AuditRow(
            at=now or utcnow(),
            actor=actor[:255],
            action=action,
            subject=subject,
            target=target,
            detail=dict(detail or {}),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def entries(
        self,
        *,
        after: int = 0,
        limit: int = 100,
        action: str | None = None,
        subject: str | None = None,
        since: datetime | None = None,
    ) -> list[AuditRow]:
        """Entries after the id ``after``, oldest first."""
        stmt = select(AuditRow).where(AuditRow.id > after).order_by(AuditRow.id).limit(limit)
        if action is not None:
            stmt = stmt.where(AuditRow.action == action)
        if subject is not None:
            stmt = stmt.where(AuditRow.subject == subject)
        if since is not None:
            stmt = stmt.where(AuditRow.at >= since)
        return list(self.session.scalars(stmt))

    def pseudonymise(self, subject: str, pseudonym: str) -> int:
        """Replace ``subject`` by ``pseudonym`` in every entry (an erasure keeps the acts, not
        the person) and forget the details of those entries. Returns the entries changed."""
        result = self.session.execute(
            update(AuditRow).where(AuditRow.subject == subject).values(subject=pseudonym, detail={})
        )
        return int(getattr(result, "rowcount", 0) or 0)
