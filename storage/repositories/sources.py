"""Sources: where a candidate (or, for watched many-person sources, anyone) can be read,
and how fresh each one is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from enrichment.model import IDENTIFIER_KINDS, MANY_PERSON_KINDS, ProfileRef
from enrichment.protocol import FetchStatus, Target
from storage.models import SourceRow
from storage.repositories._common import utcnow

#: Fetch statuses of the crawler's results (docs/architecture.md).
FETCH_STATUSES = tuple(status.value for status in FetchStatus)


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, source_id: int) -> SourceRow | None:
        return self.session.get(SourceRow, source_id)

    def for_candidate(self, candidate_id: int) -> list[SourceRow]:
        return list(
            self.session.scalars(
                select(SourceRow)
                .where(SourceRow.candidate_id == candidate_id)
                .order_by(SourceRow.id)
            )
        )

    def add_for_candidate(
        self, candidate_id: int, ref: ProfileRef, *, origin: str = "crawl"
    ) -> SourceRow:
        """The candidate's source for ``ref``, added if new (a profile found while crawling)."""
        existing = self.session.scalar(
            select(SourceRow).where(
                SourceRow.candidate_id == candidate_id,
                SourceRow.kind == ref.kind,
                SourceRow.locator == ref.locator,
            )
        )
        if existing is not None:
            return existing
        row = SourceRow(
            candidate_id=candidate_id,
            kind=ref.kind,
            url=ref.url,
            identifier=ref.id,
            locator=ref.locator,
            origin=origin,
        )
        self.session.add(row)
        self.session.flush()
        return row

    # -- watched many-person sources (``medalist source add``) -------------------------------

    def add_watched(self, kind: str, url: str, *, render: str = "auto") -> tuple[SourceRow, bool]:
        """Watch a ``team_page`` or ``feed``. Returns the source and whether it is new."""
        if kind not in MANY_PERSON_KINDS:
            kinds = ", ".join(sorted(MANY_PERSON_KINDS))
            raise ValueError(f"{kind!r} is not a many-person source kind ({kinds})")
        existing = self.watched_by_url(url)
        if existing is not None:
            return existing, False
        row = SourceRow(
            candidate_id=None, kind=kind, url=url, locator=url, origin="watch", render=render
        )
        self.session.add(row)
        self.session.flush()
        return row, True

    def watched_by_url(self, url: str) -> SourceRow | None:
        return self.session.scalar(
            select(SourceRow).where(SourceRow.candidate_id.is_(None), SourceRow.locator == url)
        )

    def list_watched(self) -> list[SourceRow]:
        return list(
            self.session.scalars(
                select(SourceRow).where(SourceRow.candidate_id.is_(None)).order_by(SourceRow.id)
            )
        )

    def remove_watched(self, url: str) -> bool:
        row = self.watched_by_url(url)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True

    def redact_errors(self, redact: Callable[[str], str]) -> int:
        """Rewrite the last error of every source that has one through ``redact`` (an
        erasure). Returns the sources changed."""
        changed = 0
        for row in self.session.scalars(select(SourceRow).where(SourceRow.last_error.is_not(None))):
            text = redact(row.last_error or "")
            if text != row.last_error:
                row.last_error = text
                changed += 1
        self.session.flush()
        return changed

    # -- freshness ---------------------------------------------------------------------------

    def record_fetch(
        self,
        source_id: int,
        *,
        status: str,
        fetched_at: datetime | None = None,
        http_status: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        content_hash: str | None = None,
        error: str | None = None,
    ) -> SourceRow:
        """Store the outcome of one fetch (a crawler result's fields).

        ``ok`` and ``not_modified`` verify the source (``last_verified_at``) and reset the
        failure counters; ``gone`` counts towards ``profile_gone``; ``refused`` and ``error``
        count as failures and keep the message. Validators (ETag, Last-Modified) are kept from
        the last fetch that sent them.
        """
        if status not in FETCH_STATUSES:
            raise ValueError(
                f"unknown fetch status {status!r} (one of {', '.join(FETCH_STATUSES)})"
            )
        row = self.session.get(SourceRow, source_id)
        if row is None:
            raise LookupError(f"no source with id {source_id}")
        when = fetched_at or utcnow()
        row.last_fetched_at = when
        row.last_status = status
        row.last_http_status = http_status
        if status in ("ok", "not_modified"):
            row.last_verified_at = when
            row.last_error = None
            row.consecutive_failures = 0
            row.gone_count = 0
            if etag is not None:
                row.etag = etag
            if last_modified is not None:
                row.last_modified = last_modified
            if content_hash is not None:
                row.content_hash = content_hash
        else:
            row.consecutive_failures += 1
            row.last_error = error or status
            if status == "gone":
                row.gone_count += 1
        self.session.flush()
        return row

    @staticmethod
    def as_target(row: SourceRow) -> Target:
        """The crawler's target for a source (docs/architecture.md)."""
        return Target(
            source_id=str(row.id),
            kind=row.kind,
            url=None if row.kind in IDENTIFIER_KINDS else row.url,
            identifier=row.identifier if row.kind in IDENTIFIER_KINDS else None,
            etag=row.etag,
            last_modified=row.last_modified,
            render=row.render,
        )
