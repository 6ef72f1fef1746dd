"""``/v1/runs``: refresh runs with their counts and errors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from medalist.api.routes._common import MAX_ID, answer, errors, sessions
from medalist.services import runs as service
from medalist.services.schemas import RunList, RunOut

router = APIRouter(prefix="/v1/runs", tags=["runs"])


@router.get("", response_model=RunList, responses=errors(422))
def list_runs(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
    """Newest first."""
    return answer(RunList(runs=service.recent(sessions(request), limit=limit)))


@router.get("/{run_id}", response_model=RunOut, responses=errors(404))
def get_run(request: Request, run_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> Response:
    return answer(service.get(sessions(request), run_id))
