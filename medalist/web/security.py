"""What keeps the pages safe: the session cookie, CSRF tokens, and the response headers.

- The session cookie holds 32 random bytes (only their SHA-256 is stored); it is
  ``HttpOnly``, ``SameSite=Lax``, ``Path=/ui``, and ``Secure`` when the request came over https.
- Every form carries a CSRF token: the session's own (stored with it) once signed in; before
  that, the login form's token is a double-submit cookie of its own.
- Every ``/ui/`` response gets a strict Content-Security-Policy (no script at all, styles and
  images from the page's own origin only, forms posting only to it, no framing) and the usual
  hardening headers.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request, Response

from medalist.services import users
from medalist.services.users import WebSession

SESSION_COOKIE = "medalist_session"
LOGIN_COOKIE = "medalist_login"
PREFIX = "/ui"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
}


class SignInRequired(Exception):
    """No live session: the visitor is sent to the login form."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class CsrfRejected(Exception):
    """A form without the right CSRF token."""


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def current_session(request: Request) -> WebSession:
    """The signed-in session of the request; :class:`SignInRequired` when there is none."""
    cached = getattr(request.state, "web_session", None)
    if isinstance(cached, WebSession):
        return cached
    token = request.cookies.get(SESSION_COOKIE, "")
    session = users.session_for(request.app.state.sessions, token) if token else None
    if session is None:
        raise SignInRequired(local_path(request.url.path + _query(request)))
    request.state.web_session = session
    return session


def _query(request: Request) -> str:
    return f"?{request.url.query}" if request.url.query else ""


def check_csrf(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise CsrfRejected()


def local_path(value: object, default: str = PREFIX + "/") -> str:
    """``value`` when it is a path on these pages (never another host), else ``default``."""
    if not isinstance(value, str) or not value.startswith(PREFIX + "/"):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or "\\" in value or any(ord(c) < 0x20 for c in value):
        return default
    return value


def set_session_cookie(response: Response, request: Request, session: WebSession) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=None,
        expires=session.expires_at,
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=secure(request),
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path=PREFIX, httponly=True, samesite="lax", secure=secure(request)
    )


def login_token(request: Request) -> str:
    """The login form's token: the one in its cookie, or a new one."""
    return request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)


def set_login_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        max_age=3600,
        path=PREFIX,
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]


class PageHeaders:
    """ASGI middleware: the security headers on every response under ``/ui``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in names
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
