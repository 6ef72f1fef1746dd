"""Sources: where a candidate (or, for watched many-person sources, anyone) can be read,
and how fresh each one is."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from enrichment.model import IDENTIFIER_KINDS, MANY_PERSON_KINDS, ProfileRef
from enrichment.protocol import FetchStatus, Target
from storage.models import CandidateRow, SourceRow
from storage.repositories._common import chunked, utcnow

#: Fetch statuses of the crawler's results (docs/architecture.md).
FETCH_STATUSES = tuple(status.value for status in FetchStatus)


class NotModified(NamedTuple):
    """One source that answered 304, for :meth:`SourceRepository.record_not_modified`."""

    source_id: int
    fetched_at: datetime
    http_status: int | None
    new_etag: str | None
    new_last_modified: str | None


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

    def record_not_modified(self, fetches: Sequence[NotModified]) -> None:
        """Store many ``not_modified`` answers at once (a quiet night): the same as
        :meth:`record_fetch` with that status for each, in one statement."""
        if not fetches:
            return
        table = cast(Table, SourceRow.__table__)
        statement = (
            update(table)
            .where(table.c.id == bindparam("source_id"))
            .values(
                last_fetched_at=bindparam("fetched_at"),
                last_verified_at=bindparam("fetched_at"),
                last_status=FetchStatus.NOT_MODIFIED.value,
                last_http_status=bindparam("http_status"),
                last_error=None,
                consecutive_failures=0,
                gone_count=0,
                etag=func.coalesce(bindparam("new_etag"), table.c.etag),
                last_modified=func.coalesce(bindparam("new_last_modified"), table.c.last_modified),
            )
        )
        self.session.execute(statement, [fetch._asdict() for fetch in fetches])

    def opted_out_owner(self, kind: str, locator: str) -> str | None:
        """The ``external_id`` of a person medalist may not process whose source this is."""
        found = self.session.scalar(
            select(CandidateRow.external_id)
            .join(SourceRow, SourceRow.candidate_id == CandidateRow.id)
            .where(SourceRow.kind == kind, SourceRow.locator == locator, ~CandidateRow.may_process)
            .limit(1)
        )
        return str(found) if found is not None else None

    def targets_of(self, candidate_ids: Sequence[int]) -> Iterator[tuple[int, Target]]:
        """``(candidate_id, target)`` for every source of these candidates, by candidate then
        source, read without loading the rows."""
        columns = (
            SourceRow.candidate_id,
            SourceRow.id,
            SourceRow.kind,
            SourceRow.url,
            SourceRow.identifier,
            SourceRow.etag,
            SourceRow.last_modified,
            SourceRow.render,
        )
        for chunk in chunked(candidate_ids):
            rows = self.session.execute(
                select(*columns)
                .where(SourceRow.candidate_id.in_(chunk))
                .order_by(SourceRow.candidate_id, SourceRow.id)
            )
            for row in rows:
                yield (
                    int(row.candidate_id or 0),
                    _target(
                        row.id,
                        row.kind,
                        row.url,
                        row.identifier,
                        row.etag,
                        row.last_modified,
                        row.render,
                    ),
                )

    @staticmethod
    def as_target(row: SourceRow) -> Target:
        """The crawler's target for a source (docs/architecture.md)."""
        return _target(
            row.id, row.kind, row.url, row.identifier, row.etag, row.last_modified, row.render
        )


def _target(
    source_id: int,
    kind: str,
    url: str | None,
    identifier: str | None,
    etag: str | None,
    last_modified: str | None,
    render: str,
) -> Target:
    by_identifier = kind in IDENTIFIER_KINDS
    return Target(
        source_id=str(source_id),
        kind=kind,
        url=None if by_identifier else url,
        identifier=identifier if by_identifier else None,
        etag=etag,
        last_modified=last_modified,
        render=render,
    )
