"""The pages that read: leveled up (``/ui/``), review queue, a candidate, requisitions, runs,
and the login form."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medalist.services import candidates, leveled, requisitions, review, runs
from medalist.services.errors import NotFound
from medalist.services.users import WebSession
from medalist.settings import data_path
from medalist.web.charts import career_chart, runs_chart
from medalist.web.security import (
    PREFIX,
    current_session,
    local_path,
    login_token,
    set_login_cookie,
)
from medalist.web.templating import render

router = APIRouter(prefix=PREFIX)
Signed = Annotated[WebSession, Depends(current_session)]

#: The messages an action may ask the next page to show (never text from the request).
NOTICES = {
    "acked": "Acknowledged: marked as handled.",
    "dismissed": "Dismissed: it will not be shown again (see status “dismissed”).",
    "linked": "Linked: the next run adds what this profile says to the candidate.",
    "rejected": "Rejected: this profile will not be proposed for that candidate again.",
    "signed_out": "You are signed out.",
    "decided": "Someone already decided this match the other way; nothing was changed.",
    "missing": "That item no longer exists (someone else may have handled it).",
}


def _page(request: Request, name: str, session: WebSession | None, **context: Any) -> Response:
    notice = NOTICES.get(request.query_params.get("done", ""))
    html = render(
        name,
        user=session.user if session else None,
        csrf=session.csrf_token if session else "",
        here=local_path(request.url.path + (f"?{request.url.query}" if request.url.query else "")),
        notice=notice,
        **context,
    )
    return HTMLResponse(html)


def _date(value: str | None, name: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"“{value[:40]}” is not a date for {name}: use the date picker")
        return None


@router.get("", include_in_schema=False)
def root() -> Response:
    return RedirectResponse(f"{PREFIX}/", status_code=307)


@router.get("/", response_class=HTMLResponse)
def leveled_up(
    request: Request,
    session: Signed,
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    req: Annotated[str | None, Query(max_length=255)] = None,
    level: Annotated[str | None, Query(max_length=2)] = None,
    track: Annotated[str | None, Query(max_length=20)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Who leveled up, newest first, one card per person."""
    problems: list[str] = []
    filters = leveled.Filters(
        since=_date(since, "“from”", problems),
        until=_date(until, "“to”", problems),
        req_id=req or None,
        min_level=int(level) if level and level.isdigit() else None,
        track=track if track in leveled.TRACKS else None,
        status=status if status in leveled.STATUSES else "active",
    )
    sessions = request.app.state.sessions
    cards = leveled.leveled_up(sessions, filters)
    return _page(
        request,
        "leveled.html",
        session,
        cards=cards,
        filters=filters,
        choices=leveled.choices(sessions),
        problems=problems,
        filtered=any((since, until, req, level, track, status)),
        pending=len(review.pending(sessions, limit=1000)),
    )


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request, session: Signed) -> Response:
    items = review.pending(request.app.state.sessions, limit=200)
    return _page(request, "review.html", session, items=items)


def _missing(request: Request, session: WebSession, error: NotFound) -> Response:
    response = _page(request, "problem.html", session, title="Not found", message=str(error))
    response.status_code = 404
    return response


@router.get("/candidates/{external_id}", response_class=HTMLResponse)
def candidate(request: Request, session: Signed, external_id: str) -> Response:
    sessions = request.app.state.sessions
    try:
        record = candidates.get_record(sessions, external_id)
    except NotFound as error:
        return _missing(request, session, error)
    positions = [p.model_dump() for p in record.positions]
    return _page(
        request,
        "candidate.html",
        session,
        record=record,
        events=list(reversed(record.events)),
        applications=leveled.applications(sessions, external_id),
        chart=career_chart(positions, date.today()),
    )


@router.get("/reqs", response_class=HTMLResponse)
def requisition_list(request: Request, session: Signed) -> Response:
    reqs = requisitions.listed(request.app.state.sessions)
    return _page(request, "reqs.html", session, reqs=reqs)


@router.get("/reqs/{req_id}", response_class=HTMLResponse)
def requisition(request: Request, session: Signed, req_id: str) -> Response:
    try:
        ranked = requisitions.qualifying(request.app.state.sessions, req_id, limit=100)
    except NotFound as error:
        return _missing(request, session, error)
    return _page(request, "req.html", session, ranked=ranked)


@router.get("/runs", response_class=HTMLResponse)
def run_list(request: Request, session: Signed) -> Response:
    recent = runs.recent(request.app.state.sessions, limit=60)
    chart = runs_chart([r.model_dump() for r in recent[:30]])
    return _page(request, "runs.html", session, runs=recent, chart=chart)


@router.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request,
    next: Annotated[str | None, Query(max_length=2000)] = None,
    failed: Annotated[str | None, Query(max_length=4)] = None,
) -> Response:
    token = login_token(request)
    response = _page(
        request,
        "login.html",
        None,
        login_csrf=token,
        next_path=local_path(next),
        failed=failed if failed in ("1", "wait") else None,
    )
    set_login_cookie(response, request, token)
    return response


@router.get("/static/medalist.css")
def stylesheet() -> Response:
    return Response(
        data_path("web", "static", "medalist.css").read_text(encoding="utf-8"),
        media_type="text/css",
        headers={"cache-control": "public, max-age=3600"},
    )
