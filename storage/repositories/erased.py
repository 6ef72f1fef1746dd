"""Erased people: the suppression list of keyed hashes of an erased person's identifiers.

The repository stores and finds digests; computing them (and the key) is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from storage.models import ErasedPersonRow
from storage.repositories._common import utcnow


class ErasedPeopleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        digests: Iterable[tuple[str, str]],
        now: datetime | None = None,
        *,
        key_id: str | None = None,
    ) -> int:
        """Remember ``(kind, digest)`` pairs made with the key ``key_id``; already known
        digests are skipped."""
        pairs = dict((digest, kind) for kind, digest in digests)
        known = self.find(pairs)
        when = now or utcnow()
        new = [
            ErasedPersonRow(kind=k, digest=d, erased_at=when, key_id=key_id)
            for d, k in pairs.items()
            if d not in known
        ]
        self.session.add_all(new)
        self.session.flush()
        return len(new)

    def find(self, digests: Iterable[str]) -> set[str]:
        """Those of ``digests`` that belong to an erased person."""
        wanted = list(dict.fromkeys(digests))
        found: set[str] = set()
        for start in range(0, len(wanted), 1000):
            found.update(
                self.session.scalars(
                    select(ErasedPersonRow.digest).where(
                        ErasedPersonRow.digest.in_(wanted[start : start + 1000])
                    )
                )
            )
        return found

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ErasedPersonRow)) or 0

    def count_by_key(self) -> dict[str | None, int]:
        """Digests on the list by the ``key_id`` of the key that made them."""
        rows = self.session.execute(
            select(ErasedPersonRow.key_id, func.count()).group_by(ErasedPersonRow.key_id)
        )
        return {key_id: int(n) for key_id, n in rows}

    def forget_freed_pages(self) -> None:
        """After an erasure commits: on SQLite, move the WAL into the database file and
        truncate it, so no old copy of a deleted page stays on disk (deleted rows themselves
        are overwritten: ``secure_delete``). PostgreSQL's autovacuum reclaims dead rows."""
        if self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
