"""Matches: the review queue of uncertain links, and the memory of every decision.

A person's decision on a profile (``link`` or ``reject``) is remembered by ``profile_key``
(a stable key for the profile: its source locator plus the entry, say; a key longer than 512
characters is stored as its hash), so the same profile seen in a later run is not asked about
again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import MAX_FINGERPRINT_LENGTH, MatchRow
from storage.repositories._common import bounded_key, chunked, utcnow

DECISIONS = ("link", "review", "reject")
STATUSES = ("pending", "linked", "rejected")
_STATUS_OF_DECISION = {"link": "linked", "reject": "rejected"}
#: a link a person decided: the labelled pairs of medalist.weights
_CONFIRMED = (
    MatchRow.status == "linked",
    MatchRow.decided_by.is_not(None),
    MatchRow.candidate_id.is_not(None),
)


class MatchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, profile_key: str, candidate_id: int | None) -> MatchRow | None:
        profile_key = bounded_key(profile_key, MAX_FINGERPRINT_LENGTH)
        return self.session.scalar(
            select(MatchRow).where(
                MatchRow.profile_key == profile_key,
                MatchRow.candidate_id.is_(None)
                if candidate_id is None
                else MatchRow.candidate_id == candidate_id,
            )
        )

    def add(
        self,
        profile_key: str,
        profile: Mapping[str, Any],
        *,
        candidate_id: int | None,
        score: float,
        method: str | None,
        reasons: Sequence[Any],
        decision: str,
        status: str = "pending",
        source_id: int | None = None,
        decided_by: str | None = None,
        now: datetime | None = None,
    ) -> tuple[MatchRow, bool]:
        """Record a match between a profile and a proposed candidate. An existing row for the
        same (profile, candidate) is returned unchanged. Returns the row and whether it is new."""
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision!r} (one of {', '.join(DECISIONS)})")
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
        profile_key = bounded_key(profile_key, MAX_FINGERPRINT_LENGTH)
        existing = self.find(profile_key, candidate_id)
        if existing is not None:
            return existing, False
        when = now or utcnow()
        row = MatchRow(
            profile_key=profile_key,
            profile=dict(profile),
            source_id=source_id,
            candidate_id=candidate_id,
            score=score,
            method=method,
            reasons=list(reasons),
            decision=decision,
            status=status,
            decided_by=decided_by if status != "pending" else None,
            decided_at=when if status != "pending" else None,
            created_at=when,
        )
        self.session.add(row)
        self.session.flush()
        return row, True

    def add_pending(
        self,
        profile_key: str,
        profile: Mapping[str, Any],
        *,
        candidate_id: int | None,
        score: float,
        method: str | None,
        reasons: Sequence[Any],
        source_id: int | None = None,
        now: datetime | None = None,
    ) -> tuple[MatchRow, bool]:
        """Put an uncertain match in the review queue."""
        return self.add(
            profile_key,
            profile,
            candidate_id=candidate_id,
            score=score,
            method=method,
            reasons=reasons,
            decision="review",
            status="pending",
            source_id=source_id,
            now=now,
        )

    def last_decided(self, candidate_ids: Sequence[int]) -> dict[int, datetime]:
        """When a decision about a match proposing each candidate was last taken (only the
        candidates with one)."""
        out: dict[int, datetime] = {}
        for chunk in chunked(candidate_ids):
            rows = self.session.execute(
                select(MatchRow.candidate_id, func.max(MatchRow.decided_at))
                .where(
                    MatchRow.candidate_id.in_(chunk),
                    MatchRow.decided_at.is_not(None),
                )
                .group_by(MatchRow.candidate_id)
            )
            out.update({cid: when for cid, when in rows if cid is not None and when is not None})
        return out

    def get(self, match_id: int) -> MatchRow | None:
        return self.session.get(MatchRow, match_id)

    def pending(self, limit: int = 100, offset: int = 0) -> list[MatchRow]:
        """The review queue, oldest first."""
        return list(
            self.session.scalars(
                select(MatchRow)
                .where(MatchRow.status == "pending")
                .order_by(MatchRow.created_at, MatchRow.id)
                .limit(limit)
                .offset(offset)
            )
        )

    def decide(
        self, match_id: int, decision: str, *, decided_by: str | None, now: datetime | None = None
    ) -> MatchRow | None:
        """A person's ``link`` or ``reject``. None when there is no such match."""
        if decision not in _STATUS_OF_DECISION:
            raise ValueError(f"a review decision is 'link' or 'reject', not {decision!r}")
        row = self.session.get(MatchRow, match_id)
        if row is None:
            return None
        row.status = _STATUS_OF_DECISION[decision]
        row.decided_by = decided_by
        row.decided_at = now or utcnow()
        self.session.flush()
        return row

    def remembered(self, profile_key: str) -> list[MatchRow]:
        """Decided matches (``linked`` or ``rejected``) of a profile, newest decision first."""
        profile_key = bounded_key(profile_key, MAX_FINGERPRINT_LENGTH)
        return list(
            self.session.scalars(
                select(MatchRow)
                .where(MatchRow.profile_key == profile_key, MatchRow.status != "pending")
                .order_by(MatchRow.decided_at.desc(), MatchRow.id.desc())
            )
        )

    def remembered_link(self, profile_key: str) -> MatchRow | None:
        """The candidate a profile was linked to, if a link was decided."""
        for row in self.remembered(profile_key):
            if row.status == "linked":
                return row
        return None

    def count_confirmed(self) -> int:
        """How many links a person decided (see :meth:`confirmed_links`)."""
        return int(self.session.scalar(select(func.count()).where(*_CONFIRMED)) or 0)

    def confirmed_links(self, limit: int = 5_000) -> list[MatchRow]:
        """Links a person decided in the review queue, newest first: the labelled pairs the
        matcher's weights are estimated from (``medalist.weights``)."""
        return list(
            self.session.scalars(
                select(MatchRow)
                .where(*_CONFIRMED)
                .order_by(MatchRow.decided_at.desc(), MatchRow.id.desc())
                .limit(limit)
            )
        )

    def linked_for(self, candidate_ids: Sequence[int]) -> list[MatchRow]:
        """The linked matches of these candidates (the reasons a profile is theirs), oldest
        first."""
        if not candidate_ids:
            return []
        return list(
            self.session.scalars(
                select(MatchRow)
                .where(MatchRow.candidate_id.in_(candidate_ids), MatchRow.status == "linked")
                .order_by(MatchRow.id)
            )
        )

    def for_candidate(self, candidate_id: int) -> list[MatchRow]:
        """Every match proposing or linking this candidate, oldest first."""
        return list(
            self.session.scalars(
                select(MatchRow).where(MatchRow.candidate_id == candidate_id).order_by(MatchRow.id)
            )
        )

    def drop_pending(self, candidate_id: int) -> int:
        """Remove the review items that propose this candidate (an opt-out: nobody is asked
        to link anything to them). Decisions already taken stay."""
        result = self.session.execute(
            delete(MatchRow).where(
                MatchRow.candidate_id == candidate_id, MatchRow.status == "pending"
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def drop_mentioning(
        self, mentions: Callable[[Mapping[str, Any]], bool], *, batch_size: int = 500
    ) -> int:
        """Delete every match whose profile ``mentions`` a person (an erasure: review items
        proposing nobody, or someone else, about the erased person). Returns rows deleted."""
        doomed: list[int] = []
        last_id = 0
        while True:
            rows = self.session.execute(
                select(MatchRow.id, MatchRow.profile)
                .where(MatchRow.id > last_id)
                .order_by(MatchRow.id)
                .limit(batch_size)
            ).all()
            if not rows:
                break
            doomed.extend(int(row[0]) for row in rows if mentions(row[1] or {}))
            last_id = int(rows[-1][0])
        for start in range(0, len(doomed), 1000):
            self.session.execute(
                delete(MatchRow).where(MatchRow.id.in_(doomed[start : start + 1000]))
            )
        return len(doomed)

    def forget_rejected(self, decided_before: datetime) -> int:
        """Blank the profile of matches rejected before ``decided_before``: the decision is
        remembered by ``profile_key``, the stranger's profile is not needed (retention)."""
        result = self.session.execute(
            update(MatchRow)
            .where(
                MatchRow.status == "rejected",
                MatchRow.decided_at < decided_before,
                cast(MatchRow.profile, Text) != "{}",
            )
            .values(profile={})
        )
        return int(getattr(result, "rowcount", 0) or 0)
