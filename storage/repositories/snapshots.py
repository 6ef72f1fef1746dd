"""Snapshots: what each fetch of a source yielded, kept as provenance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from enrichment.model import ProfileRecord
from storage.models import SnapshotRow


class SnapshotRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        source_id: int,
        *,
        kind: str,
        fetched_at: datetime,
        records: Sequence[ProfileRecord | Mapping[str, Any]],
        url: str | None = None,
        content_hash: str | None = None,
        run_id: int | None = None,
    ) -> SnapshotRow:
        row = SnapshotRow(
            source_id=source_id,
            run_id=run_id,
            url=url,
            kind=kind,
            fetched_at=fetched_at,
            content_hash=content_hash,
            records=[r.to_dict() if isinstance(r, ProfileRecord) else dict(r) for r in records],
        )
        self.session.add(row)
        self.session.flush()
        return row

    def for_source(self, source_id: int, limit: int | None = None) -> list[SnapshotRow]:
        """Newest first."""
        stmt = (
            select(SnapshotRow)
            .where(SnapshotRow.source_id == source_id)
            .order_by(SnapshotRow.fetched_at.desc(), SnapshotRow.id.desc())
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def latest(self, source_id: int) -> SnapshotRow | None:
        rows = self.for_source(source_id, limit=1)
        return rows[0] if rows else None
