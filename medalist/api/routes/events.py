"""``/v1/events``: the feed a CRM polls, one event, ack and dismiss."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from medalist.api.routes._common import answer, caller, errors, reader, sessions
from medalist.services import events as service
from medalist.services.audit import api_actor
from medalist.services.schemas import Event, EventPage, EventStatus, EventType

router = APIRouter(prefix="/v1/events", tags=["events"])
EventId = Annotated[str, Path(max_length=64, description="the event's id, evt_...")]


@router.get("", response_model=EventPage, responses=errors(422))
async def list_events(
    request: Request,
    cursor: Annotated[
        str | None, Query(max_length=60, description="next_cursor of the previous page")
    ] = None,
    type: Annotated[EventType | None, Query(description="only this event type")] = None,
    leveled_up: Annotated[bool | None, Query(description="only leveled-up (or not)")] = None,
    status: Annotated[EventStatus | None, Query(description="only this status")] = None,
    since: Annotated[date | None, Query(description="detected on or after this date")] = None,
    candidate: Annotated[
        str | None,
        Query(min_length=1, max_length=255, description="only this candidate's (external id)"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = service.DEFAULT_PAGE,
) -> Response:
    """Events oldest first. Start without a cursor, then pass each page's ``next_cursor``:
    no event is skipped or repeated, even while runs are writing new ones."""
    page = await service.feed_json_async(
        sessions(request),
        reader(request),
        cursor=cursor,
        limit=limit,
        type=type,
        leveled_up=leveled_up,
        status=status,
        since=since,
        candidate=candidate,
    )
    return Response(content=page, media_type="application/json")


@router.get("/{event_id}", response_model=Event, responses=errors(404))
def get_event(request: Request, event_id: EventId) -> Response:
    """One event, with its current status."""
    return answer(service.get(sessions(request), event_id))


def _mark(request: Request, event_id: str, status: Literal["acked", "dismissed"]) -> Response:
    actor = api_actor(caller(request))
    return answer(service.set_status(sessions(request), event_id, status, actor=actor))


@router.post("/{event_id}/ack", response_model=Event, responses=errors(404))
def ack_event(request: Request, event_id: EventId) -> Response:
    """Mark an event handled (status ``acked``)."""
    return _mark(request, event_id, "acked")


@router.post("/{event_id}/dismiss", response_model=Event, responses=errors(404))
def dismiss_event(request: Request, event_id: EventId) -> Response:
    """Mark an event wrong (status ``dismissed``)."""
    return _mark(request, event_id, "dismissed")
