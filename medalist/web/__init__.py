"""The recruiter pages under ``/ui/``: server-rendered (Jinja2, autoescaped), no script.

:func:`mount` adds them to the API's FastAPI application: the routes
(:mod:`medalist.web.pages` to read, :mod:`medalist.web.actions` to change), the redirect to
the login form for a visitor without a session, and the security headers
(:mod:`medalist.web.security`). The routes parse the request, call one service and render a
template; the rules live in :mod:`medalist.services`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from medalist.web.security import PREFIX, CsrfRejected, PageHeaders, SignInRequired
from medalist.web.templating import render


def mount(app: FastAPI) -> None:
    """The pages on ``app`` (whose ``state`` holds ``settings`` and ``sessions``)."""
    from medalist.web.actions import router as actions
    from medalist.web.pages import router as pages

    app.include_router(pages, include_in_schema=False)
    app.include_router(actions, include_in_schema=False)

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, error: SignInRequired) -> Any:
        target = f"{PREFIX}/login"
        if error.next_path != f"{PREFIX}/":
            target += "?next=" + quote(error.next_path, safe="")
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfRejected)
    async def csrf(request: Request, error: CsrfRejected) -> Any:
        page = render(
            "problem.html",
            title="The form expired",
            message="This form was not sent from a page of this session (or the session "
            "ended). Go back, reload the page and try again.",
            user=None,
            csrf="",
        )
        return HTMLResponse(page, status_code=403)

    app.add_middleware(PageHeaders)
