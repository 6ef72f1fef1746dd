"""``/v1/audit``: who linked, rejected, acked, dismissed, opted out or erased what, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from medalist.api.routes._common import answer, errors, sessions
from medalist.services import audit as service
from medalist.services.schemas import AuditPage

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("", response_model=AuditPage, responses=errors(422))
def audit_log(
    request: Request,
    cursor: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 100,
    action: Annotated[str | None, Query(max_length=32)] = None,
    subject: Annotated[str | None, Query(max_length=255, description="an external_id")] = None,
    since: datetime | None = None,
) -> Response:
    """Audit entries oldest first, with ``next_cursor``; filter by action, person or time."""
    return answer(
        service.entries(
            sessions(request),
            cursor=cursor,
            limit=limit,
            action=action,
            subject=subject,
            since=since,
        )
    )
