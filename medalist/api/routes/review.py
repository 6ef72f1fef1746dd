"""``/v1/review``: uncertain matches waiting for a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from medalist.api.routes._common import MAX_ID, answer, caller, errors, sessions
from medalist.services import review as service
from medalist.services.audit import api_actor
from medalist.services.schemas import ReviewDecision, ReviewItem, ReviewList

router = APIRouter(prefix="/v1/review", tags=["review"])


@router.get("", response_model=ReviewList, responses=errors(422))
def pending_matches(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Response:
    """Pending matches, oldest first: the profile found, the candidate proposed, and the
    signals that agreed and disagreed."""
    items = service.pending(sessions(request), limit=limit, offset=offset)
    return answer(ReviewList(items=items))


@router.post("/{match_id}", response_model=ReviewItem, responses=errors(404, 422))
def decide_match(
    request: Request,
    match_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    decision: ReviewDecision,
) -> Response:
    """Link or reject; who decided is recorded (``decided_by``, else the API key's name)."""
    item = service.decide(
        sessions(request),
        match_id,
        decision.decision,
        decided_by=decision.decided_by or api_actor(caller(request)),
        actor=api_actor(caller(request)),
    )
    return answer(item)
