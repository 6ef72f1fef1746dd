"""The review queue: uncertain matches with both sides and the signals that agreed and
disagreed; a person links or rejects, and who decided is recorded."""

from __future__ import annotations

import re
from datetime import datetime

from enrichment.matching.explanation import in_words
from enrichment.model import format_timestamp, utcnow
from medalist.services import Sessions
from medalist.services.audit import record
from medalist.services.errors import Conflict, InvalidRequest, NotFound
from medalist.services.schemas import ReviewExplanation, ReviewItem
from storage.models import CandidateRow, MatchRow
from storage.unit_of_work import UnitOfWork

#: A reason ends with its signed weight: ``surname: exact (+4.2)``.
_WEIGHT = re.compile(r"\(([+-])\d+(?:\.\d+)?\)\s*$")


def _side(reason: object) -> str | None:
    found = _WEIGHT.search(str(reason))
    return found.group(1) if found else None


def _candidate_side(row: CandidateRow | None) -> dict[str, object] | None:
    if row is None:
        return None
    return {
        "external_id": row.external_id,
        "full_name": row.full_name,
        "location": row.location,
        "positions": [
            {"title": p.title, "company": p.company, "start": p.start, "end": p.end}
            for p in row.positions
            if p.end is None
        ],
    }


def _item(row: MatchRow, candidate: CandidateRow | None) -> ReviewItem:
    reasons = list(row.reasons or [])
    return ReviewItem(
        id=row.id,
        score=round(row.score, 4),
        method=row.method,
        reasons=reasons,
        agreeing=[str(r) for r in reasons if _side(r) == "+"],
        disagreeing=[str(r) for r in reasons if _side(r) == "-"],
        explanation=ReviewExplanation(**in_words([str(r) for r in reasons]).to_dict()),
        profile=dict(row.profile or {}),
        candidate=_candidate_side(candidate),
        status=row.status,
        created_at=format_timestamp(row.created_at),
        decided_by=row.decided_by,
        decided_at=format_timestamp(row.decided_at) if row.decided_at else None,
    )


def pending(sessions: Sessions, *, limit: int = 50, offset: int = 0) -> list[ReviewItem]:
    """Matches waiting for a person, oldest first."""
    if not 1 <= limit <= 1000:
        raise InvalidRequest(f"limit must be 1 to 1000, not {limit}", field="limit")
    if offset < 0:
        raise InvalidRequest("offset must not be negative", field="offset")
    with UnitOfWork(sessions) as uow:
        rows = uow.matches.pending(limit=limit, offset=offset)
        return [
            _item(r, uow.candidates.get_row_by_id(r.candidate_id) if r.candidate_id else None)
            for r in rows
        ]


def decide(
    sessions: Sessions,
    match_id: int,
    decision: str,
    *,
    decided_by: str,
    actor: str | None = None,
    now: datetime | None = None,
    change: bool = False,
) -> ReviewItem:
    """Link or reject match ``match_id``; the next run acts on it and never asks again.

    A match already decided the same way is left as it is (``changed`` false); one decided the
    other way is a :class:`Conflict` unless ``change`` is given. Linking to a person who opted
    out is a :class:`Conflict`. The audit log records ``actor`` (default ``decided_by``)."""
    if decision not in ("link", "reject"):
        raise InvalidRequest(
            f"a review decision is 'link' or 'reject', not {decision!r}", field="decision"
        )
    with UnitOfWork(sessions) as uow:
        existing = uow.matches.get(match_id)
        taken = {"linked": "link", "rejected": "reject"}.get(existing.status) if existing else None
        if existing is not None and taken == decision:
            candidate = (
                uow.candidates.get_row_by_id(existing.candidate_id)
                if existing.candidate_id
                else None
            )
            return _item(existing, candidate).model_copy(update={"changed": False})
        if existing is not None and taken is not None and not change:
            raise Conflict(
                f"match #{match_id} was already decided: {taken} (by {existing.decided_by}); "
                f"add --change to make it {decision}",
                code="already_decided",
            )
        proposed = (
            uow.candidates.get_row_by_id(existing.candidate_id)
            if existing is not None and existing.candidate_id
            else None
        )
        if decision == "link" and proposed is not None and not proposed.may_process:
            raise Conflict(
                f"match #{match_id} proposes {proposed.external_id!r}, who opted out: nothing "
                "is linked to them ('medalist optout --undo' if they withdrew the objection)",
                code="candidate_opted_out",
            )
        when = now or utcnow()
        row = uow.matches.decide(match_id, decision, decided_by=decided_by, now=when)
        if row is None:
            raise NotFound(
                f"no match #{match_id} (see 'medalist review list')", code="match_not_found"
            )
        candidate = uow.candidates.get_row_by_id(row.candidate_id) if row.candidate_id else None
        record(
            uow,
            actor or decided_by,
            decision,
            subject=candidate.external_id if candidate else None,
            target=f"match:{match_id}",
            detail={"decided_by": decided_by, "changed_from": taken} if taken else {},
            now=when,
        )
        uow.commit()
        return _item(row, candidate)
