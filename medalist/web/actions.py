"""The forms that change something: sign in and out, acknowledge or dismiss an event, link or
reject a review. Each checks the CSRF token, calls one service, and redirects back (a reload
never sends the form twice)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from medalist.api.routes._common import MAX_ID
from medalist.services import events, review, users
from medalist.services.audit import user_actor
from medalist.services.errors import Conflict, NotFound
from medalist.services.users import WebSession
from medalist.settings import Settings
from medalist.web.security import (
    LOGIN_COOKIE,
    PREFIX,
    check_csrf,
    clear_session_cookie,
    current_session,
    local_path,
    set_session_cookie,
)
from medalist.web.throttle import LoginThrottle

router = APIRouter(prefix=PREFIX)
Signed = Annotated[WebSession, Depends(current_session)]
Token = Annotated[str, Form(max_length=200)]
Back = Annotated[str, Form(max_length=2000)]


def _back(back: str | None, done: str, fragment: str = "") -> Response:
    """A 303 to the page the form was on, telling it what was done."""
    parts = urlsplit(local_path(back))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "done"] + [("done", done)]
    target = urlunsplit(("", "", parts.path, urlencode(query), fragment))
    return RedirectResponse(target, status_code=303)


@router.post("/login")
def login(
    request: Request,
    csrf: Token = "",
    name: Annotated[str, Form(max_length=255)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = f"{PREFIX}/",
) -> Response:
    check_csrf(request.cookies.get(LOGIN_COOKIE, ""), csrf)
    settings: Settings = request.app.state.settings
    throttle: LoginThrottle = request.app.state.login_throttle
    keys = (f"name:{name.strip().lower()}", f"addr:{request.client.host if request.client else ''}")
    if throttle.wait(*keys) > 0:
        query = urlencode({"next": local_path(next), "failed": "wait"})
        return RedirectResponse(f"{PREFIX}/login?{query}", status_code=303)
    session = users.sign_in(
        request.app.state.sessions,
        name,
        password,
        lifetime=timedelta(hours=settings.session_hours),
    )
    if session is None:
        throttle.failed(*keys)
        query = urlencode({"next": local_path(next), "failed": "1"})
        return RedirectResponse(f"{PREFIX}/login?{query}", status_code=303)
    throttle.succeeded(keys[0])
    response = RedirectResponse(local_path(next), status_code=303)
    set_session_cookie(response, request, session)
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


@router.post("/logout")
def logout(request: Request, session: Signed, csrf: Token = "") -> Response:
    check_csrf(session.csrf_token, csrf)
    users.sign_out(request.app.state.sessions, session.token)
    response = RedirectResponse(f"{PREFIX}/login?done=signed_out", status_code=303)
    clear_session_cookie(response, request)
    return response


@router.post("/events/{event_id}/{action}")
def mark_event(
    request: Request,
    session: Signed,
    event_id: Annotated[str, Path(max_length=64)],
    action: Literal["ack", "dismiss"],
    csrf: Token = "",
    back: Back = f"{PREFIX}/",
) -> Response:
    check_csrf(session.csrf_token, csrf)
    status = "acked" if action == "ack" else "dismissed"
    try:
        events.set_status(
            request.app.state.sessions, event_id, status, actor=user_actor(session.user)
        )
    except NotFound:
        return _back(back, "missing")
    return _back(back, status)


@router.post("/review/{match_id}")
def decide(
    request: Request,
    session: Signed,
    match_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    decision: Annotated[Literal["link", "reject"], Form()],
    csrf: Token = "",
    back: Back = f"{PREFIX}/review",
) -> Response:
    check_csrf(session.csrf_token, csrf)
    try:
        review.decide(
            request.app.state.sessions, match_id, decision, decided_by=user_actor(session.user)
        )
    except NotFound:
        return _back(back, "missing")
    except Conflict:
        return _back(back, "decided")
    return _back(back, "linked" if decision == "link" else "rejected")
