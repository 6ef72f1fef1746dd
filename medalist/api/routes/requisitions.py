"""``/v1/reqs``: requisitions and the stored candidates who qualify for them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from medalist.api.routes._common import answer, errors, sessions
from medalist.services import requisitions as service
from medalist.services.schemas import (
    RankedCandidates,
    Requisition,
    RequisitionOut,
    RequisitionUpserted,
)

router = APIRouter(prefix="/v1/reqs", tags=["requisitions"])
ReqId = Annotated[str, Path(min_length=1, max_length=255, description="the requisition's id")]


@router.put("/{req_id}", response_model=RequisitionUpserted, responses=errors(422))
def put_requisition(request: Request, req_id: ReqId, requisition: Requisition) -> Response:
    """Create or update a requisition; its level is classified from the title when absent."""
    data = requisition.model_dump()
    if data.get("req_id") is None:
        data.pop("req_id", None)
    return answer(service.upsert(sessions(request), req_id, data))


@router.get("/{req_id}", response_model=RequisitionOut, responses=errors(404))
def get_requisition(request: Request, req_id: ReqId) -> Response:
    return answer(service.get(sessions(request), req_id))


@router.get("/{req_id}/candidates", response_model=RankedCandidates, responses=errors(404, 422))
def qualifying_candidates(
    request: Request,
    req_id: ReqId,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    include_unqualified: Annotated[
        bool, Query(description="also the nearest misses, after those who qualify")
    ] = False,
) -> Response:
    """The stored candidates who qualify now, best first, with the reasons."""
    ranked = service.qualifying(
        sessions(request), req_id, limit=limit, include_unqualified=include_unqualified
    )
    return answer(ranked)
