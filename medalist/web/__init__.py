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
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from medalist.web.security import PREFIX, CsrfRejected, PageHeaders, SignInRequired
from medalist.web.templating import render
from medalist.web.throttle import LoginThrottle


def mount(app: FastAPI) -> None:
    """The pages on ``app`` (whose ``state`` holds ``settings`` and ``sessions``)."""
    from medalist.web.actions import router as actions
    from medalist.web.pages import router as pages

    app.state.login_throttle = LoginThrottle()
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

    _pages_answer_in_html(app)
    app.add_middleware(PageHeaders)


def _on_pages(request: Request) -> bool:
    path = request.url.path
    return path == PREFIX or path.startswith(PREFIX + "/")


def _pages_answer_in_html(app: FastAPI) -> None:
    """An unknown page or a malformed query under ``/ui`` gets an HTML page; the API keeps
    its JSON errors (the handlers already installed still answer everywhere else)."""
    api_http = app.exception_handlers.get(StarletteHTTPException)
    api_invalid = app.exception_handlers.get(RequestValidationError)

    def problem(status: int, title: str, message: str) -> HTMLResponse:
        page = render("problem.html", title=title, message=message, user=None, csrf="")
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        if _on_pages(request):
            if error.status_code == 404:
                return problem(404, "Not found", "There is no such page.")
            return problem(error.status_code, "That did not work", str(error.detail))
        assert api_http is not None
        return await api_http(request, error)  # type: ignore[misc]

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Any:
        if _on_pages(request):
            return problem(
                422, "That did not work", "The address or the form had a value out of range."
            )
        assert api_invalid is not None
        return await api_invalid(request, error)  # type: ignore[misc]
