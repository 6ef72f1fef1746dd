"""Requisitions: upsert one (the import's validation), read one, and the stored candidates
who qualify for it now, best first, with reasons
(:func:`enrichment.qualification.rank_candidates`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from enrichment.errors import InvalidInput
from enrichment.model import Requisition
from enrichment.qualification import rank_candidates
from medalist.importing.jsonlines import field_of
from medalist.importing.limits import requisition_problem
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest, NotFound
from medalist.services.schemas import (
    RankedCandidate,
    RankedCandidates,
    RequisitionOut,
    RequisitionUpserted,
)
from storage.models import RequisitionRow
from storage.unit_of_work import UnitOfWork


def _out(row: RequisitionRow) -> RequisitionOut:
    return RequisitionOut(
        req_id=row.req_id,
        title=row.title,
        level=row.level,
        level_name=row.level_name,
        level_given=row.level_given,
        min_years=row.min_years,
        skills=[str(s) for s in row.skills or ()],
        location=row.location,
        status=row.status,
    )


def _missing(req_id: str) -> NotFound:
    return NotFound(f"no stored requisition {req_id!r}", code="requisition_not_found")


def upsert(
    sessions: Sessions, req_id: str, data: Mapping[str, Any], *, now: datetime | None = None
) -> RequisitionUpserted:
    """Create or update requisition ``req_id``; :class:`InvalidRequest` names a bad field."""
    record = dict(data)
    given = record.setdefault("req_id", req_id)
    if given != req_id:
        raise InvalidRequest(
            f"field 'req_id': {given!r} differs from {req_id!r} in the path; "
            "leave it out or make them equal",
            field="req_id",
        )
    try:
        requisition = Requisition.from_dict(record)
    except InvalidInput as error:
        field = field_of(error, "requisition")
        text = f"field {field!r}: {error.reason}" if field else error.reason
        raise InvalidRequest(text, field=field) from None
    except (TypeError, AttributeError, KeyError) as error:
        raise InvalidRequest(f"malformed requisition: {error}") from None
    problem = requisition_problem(requisition)
    if problem is not None:
        raise InvalidRequest(f"field {problem[0]!r}: {problem[1]}", field=problem[0])
    with UnitOfWork(sessions) as uow:
        outcome = uow.requisitions.upsert(requisition, now)
        uow.commit()
        row = uow.requisitions.get_row(req_id)
        assert row is not None
        return RequisitionUpserted(outcome=outcome, requisition=_out(row))


def get(sessions: Sessions, req_id: str) -> RequisitionOut:
    with UnitOfWork(sessions) as uow:
        row = uow.requisitions.get_row(req_id)
        if row is None:
            raise _missing(req_id)
        return _out(row)


def qualifying(
    sessions: Sessions,
    req_id: str,
    *,
    limit: int = 50,
    include_unqualified: bool = False,
    today: date | None = None,
) -> RankedCandidates:
    """Stored candidates (not opted out) for the requisition, best first: those who qualify
    now, or with ``include_unqualified`` the nearest misses after them."""
    if not 1 <= limit <= 1000:
        raise InvalidRequest(f"limit must be 1 to 1000, not {limit}", field="limit")
    with UnitOfWork(sessions) as uow:
        row = uow.requisitions.get_row(req_id)
        if row is None:
            raise _missing(req_id)
        requisition = uow.requisitions.to_domain(row)
        out = _out(row)
        candidates = list(uow.candidates.iter_active())
    ranked = rank_candidates(requisition, candidates, today or date.today())
    chosen = [r for r in ranked if r.qualified or include_unqualified][:limit]
    return RankedCandidates(
        requisition=out,
        candidates=[
            RankedCandidate(
                external_id=r.candidate.external_id,
                full_name=r.candidate.full_name,
                qualified=r.qualified,
                score=r.score,
                level=r.extra.get("level"),
                years_experience=round(float(r.extra.get("years", 0.0)), 1),
                skills_coverage=round(float(r.extra.get("coverage", 0.0)), 3),
                reasons=list(r.reasons),
            )
            for r in chosen
        ],
    )


def listed(sessions: Sessions) -> list[RequisitionOut]:
    """Every stored requisition, open ones first, by ``req_id``."""
    with UnitOfWork(sessions) as uow:
        rows = [uow.requisitions.get_row(r.req_id) for r in uow.requisitions.list_all()]
        out = [_out(row) for row in rows if row is not None]
    return sorted(out, key=lambda r: (r.status != "open", r.req_id))
