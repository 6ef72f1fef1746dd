"""``/v1/candidates``: the record, upserts (one or a list), erasure, opt-out, the privacy
notice and queued refreshes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Request, Response

from medalist.api.routes._common import answer, caller, errors, reader, sessions, settings
from medalist.services import candidates as service
from medalist.services import notices, privacy
from medalist.services.audit import api_actor
from medalist.services.schemas import (
    Candidate,
    CandidateRecord,
    Erased,
    Notice,
    OptOut,
    Refreshed,
    UpsertResult,
)

router = APIRouter(prefix="/v1/candidates", tags=["candidates"])
ExternalId = Annotated[str, Path(min_length=1, max_length=255, description="the ATS id")]
MAX_BATCH = 1000
DEFAULT_EVENTS = 20
MAX_EVENTS = 1000


@router.get("/{external_id}", response_model=CandidateRecord, responses=errors(404))
async def get_candidate(
    request: Request,
    external_id: ExternalId,
    events: Annotated[
        int,
        Query(
            ge=0,
            le=MAX_EVENTS,
            description="how many of the newest events to include (all of them: page "
            "through 'events_feed')",
        ),
    ] = DEFAULT_EVENTS,
) -> Response:
    """Positions with levels, skills, education, sources with ``last_verified_at`` and the last
    error, the provenance of each fact, and the candidate's newest events (``events_total``
    says how many there are; ``events_feed`` pages through all of them)."""
    record = await service.get_record_json_async(
        sessions(request), reader(request), external_id, events_limit=events
    )
    return Response(content=record, media_type="application/json")


@router.put("/{external_id}", response_model=UpsertResult, responses=errors(422))
def put_candidate(request: Request, external_id: ExternalId, candidate: Candidate) -> Response:
    """Create or update one candidate (the JSON Lines record of contract section 4), checked
    as ``medalist import`` checks a line."""
    data = candidate.model_dump(exclude_none=False)
    if data.get("external_id") is None:
        data.pop("external_id", None)
    key = settings(request).erasure_key
    return answer(service.upsert_one(sessions(request), external_id, data, erasure_key=key))


@router.post("", response_model=UpsertResult, responses=errors(422))
def post_candidates(
    request: Request,
    candidates: Annotated[list[Candidate], Body(max_length=MAX_BATCH)],
) -> Response:
    """Upsert a list of up to 1000 candidates: bad records are listed in ``errors`` and
    skipped, the good ones written (as ``medalist import`` does)."""
    items = [c.model_dump() for c in candidates]
    key = settings(request).erasure_key
    return answer(service.upsert_many(sessions(request), items, erasure_key=key))


@router.delete("/{external_id}", response_model=Erased, responses=errors(404, 503))
def erase_candidate(request: Request, external_id: ExternalId) -> Response:
    """Erase everything held on the person (GDPR Art. 17); only keyed hashes of their
    identifiers are kept, which stop a later import from bringing them back. Needs
    ``MEDALIST_SECRET_KEY`` on the server (503 ``secret_key_missing`` without it)."""
    return answer(
        privacy.erase(
            sessions(request),
            external_id,
            actor=api_actor(caller(request)),
            erasure_key=settings(request).erasure_key,
        )
    )


@router.post("/{external_id}/optout", response_model=OptOut, responses=errors(404))
def opt_out(request: Request, external_id: ExternalId) -> Response:
    """The person objects (GDPR Art. 21): nothing is fetched, linked, stored or sent about
    them any more; their events leave the feed and undelivered webhooks are dropped."""
    actor = api_actor(caller(request))
    return answer(privacy.opt_out(sessions(request), external_id, actor=actor))


@router.delete("/{external_id}/optout", response_model=OptOut, responses=errors(404))
def withdraw_opt_out(request: Request, external_id: ExternalId) -> Response:
    """The person withdrew the objection: processing resumes with the next run."""
    actor = api_actor(caller(request))
    return answer(privacy.opt_out(sessions(request), external_id, actor=actor, undo=True))


@router.get("/{external_id}/notice", response_model=Notice, responses=errors(404))
def notice(request: Request, external_id: ExternalId) -> Response:
    """What is held on the person and where each piece came from (GDPR Art. 14 and 15)."""
    return answer(notices.notice(sessions(request), external_id, settings=settings(request)))


@router.post(
    "/{external_id}/refresh",
    response_model=Refreshed,
    status_code=202,
    responses=errors(404, 409),
)
def refresh_candidate(request: Request, external_id: ExternalId) -> Response:
    """Queue a refresh: the next run takes this candidate first (no crawl in the request)."""
    return answer(service.request_refresh(sessions(request), external_id), 202)
