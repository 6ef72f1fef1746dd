"""Snapshots: what a fetch of a source yielded (the parsed records, never the page body).

Kept only as long as they are needed: an unchanged fetch (the same content hash as the newest
snapshot) refreshes that snapshot instead of adding one; the diff reads only the newest
snapshot of a source (a 304 is answered from it), so :meth:`SnapshotRepository.purge` drops the
older ones, and the newest too once older than ``MEDALIST_RETENTION_DAYS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from enrichment.model import ProfileRecord
from storage.models import SnapshotRow, SourceRow


def _utc(value: Any) -> datetime:
    """An aggregate's timestamp (SQLite gives naive or text values back) as UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Purged:
    """What a purge removed: snapshots superseded by a newer one, and newest ones expired."""

    superseded: int = 0
    expired: int = 0


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
        """Keep what a fetch yielded. When the newest snapshot of the source has the same
        ``content_hash`` the page did not change: that snapshot takes the new fetch time and
        records (a record may have been dropped since, for privacy) and no row is added."""
        values = [r.to_dict() if isinstance(r, ProfileRecord) else dict(r) for r in records]
        newest = self.latest(source_id) if content_hash else None
        if newest is not None and newest.content_hash == content_hash:
            newest.fetched_at = fetched_at
            newest.records = values
            newest.url = url
            newest.run_id = run_id
            self.session.flush()
            return newest
        row = SnapshotRow(
            source_id=source_id,
            run_id=run_id,
            url=url,
            kind=kind,
            fetched_at=fetched_at,
            content_hash=content_hash,
            records=values,
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

    def held_for(self, source_ids: Sequence[int]) -> dict[int, tuple[int, datetime]]:
        """For each of ``source_ids`` with snapshots: how many, and the newest fetch time."""
        if not source_ids:
            return {}
        rows = self.session.execute(
            select(SnapshotRow.source_id, func.count(), func.max(SnapshotRow.fetched_at))
            .where(SnapshotRow.source_id.in_(list(source_ids)))
            .group_by(SnapshotRow.source_id)
        )
        held: dict[int, tuple[int, datetime]] = {}
        for source_id, n, newest in rows:
            held[int(source_id)] = (int(n), _utc(newest))
        return held

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(SnapshotRow)) or 0

    def purge(self, expired_before: datetime) -> Purged:
        """Delete every snapshot but the newest of its source, and the newest ones fetched
        before ``expired_before``. A source whose newest snapshot expired forgets its
        validators (ETag, Last-Modified, content hash), so its next fetch is a full one and
        a 304 is never answered from a snapshot that is gone."""
        newest = select(func.max(SnapshotRow.id)).group_by(SnapshotRow.source_id).scalar_subquery()
        superseded = self.session.execute(delete(SnapshotRow).where(SnapshotRow.id.not_in(newest)))
        expired_sources = list(
            self.session.scalars(
                select(SnapshotRow.source_id).where(SnapshotRow.fetched_at < expired_before)
            )
        )
        expired = self.session.execute(
            delete(SnapshotRow).where(SnapshotRow.fetched_at < expired_before)
        )
        for start in range(0, len(expired_sources), 1000):
            self.session.execute(
                update(SourceRow)
                .where(SourceRow.id.in_(expired_sources[start : start + 1000]))
                .values(etag=None, last_modified=None, content_hash=None)
            )
        self.session.flush()
        return Purged(
            superseded=int(getattr(superseded, "rowcount", 0) or 0),
            expired=int(getattr(expired, "rowcount", 0) or 0),
        )

    def scrub(
        self,
        mentions: Callable[[Mapping[str, Any]], bool],
        *,
        watched_only: bool = False,
        batch_size: int = 500,
    ) -> int:
        """Drop every record for which ``mentions(record)`` is true from every snapshot (of
        the watched many-person sources only, with ``watched_only``): an erased or opted-out
        person on a team page or feed. Returns the records dropped."""
        dropped = 0
        last_id = 0
        while True:
            stmt = select(SnapshotRow).where(SnapshotRow.id > last_id)
            if watched_only:
                stmt = stmt.join(SourceRow, SourceRow.id == SnapshotRow.source_id).where(
                    SourceRow.candidate_id.is_(None)
                )
            rows = list(self.session.scalars(stmt.order_by(SnapshotRow.id).limit(batch_size)))
            if not rows:
                break
            for row in rows:
                kept = [r for r in row.records or () if not mentions(r)]
                if len(kept) != len(row.records or ()):
                    dropped += len(row.records or ()) - len(kept)
                    row.records = kept
            last_id = rows[-1].id
            self.session.flush()
        return dropped
