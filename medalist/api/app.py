"""The FastAPI application: the routers, the key guard, and every error as
``{"error": {"code": <stable code>, "message": <what to do>}}``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from medalist import __version__
from medalist.api.auth import ApiKeyGuard
from medalist.api.routes import ROUTERS
from medalist.api.routes._common import answer
from medalist.database import engine_of
from medalist.services import Sessions
from medalist.services.errors import ServiceError
from medalist.services.schemas import Health
from medalist.settings import Settings
from medalist.web import mount as mount_pages
from storage.engine import create_reader_for

log = logging.getLogger(__name__)

DESCRIPTION = """\
medalist keeps an ATS's past candidates fresh. This API is what a CRM builds on: poll the
events feed (or subscribe a webhook), push candidates and requisitions, act on the review
queue, and see the refresh runs.

Every `/v1` call needs `Authorization: Bearer <api key>` (`medalist apikey create NAME`); a
missing or wrong key gets 401 and nothing else. Errors are
`{"error": {"code": "...", "message": "..."}}`, the code stable, the message for a person.
"""

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(request: Request, error: ServiceError) -> Any:
        return _error(error.status, error.code, str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Any:
        return _error(422, "invalid_input", _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        code = _HTTP_CODES.get(error.status_code, "http_error")
        message = "no such endpoint" if error.status_code == 404 else str(error.detail)
        return _error(error.status_code, code, message, getattr(error, "headers", None))

    @app.exception_handler(psycopg.DataError)
    @app.exception_handler(DataError)
    async def unstorable(request: Request, error: DataError) -> Any:
        return _error(
            422,
            "invalid_input",
            "a value cannot be stored or compared (a NUL character, or a number out of range)",
        )

    @app.exception_handler(IntegrityError)
    async def conflict(request: Request, error: IntegrityError) -> Any:
        return _error(409, "conflict", "a concurrent change got there first; retry the request")

    @app.exception_handler(psycopg.OperationalError)
    @app.exception_handler(OperationalError)
    async def unavailable(request: Request, error: OperationalError) -> Any:
        log.error("database unavailable: %s", error)
        return _error(503, "database_unavailable", "the database cannot be reached; retry later")

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Any:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "an internal error; it was logged")


def create_app(
    settings: Settings,
    sessions: Sessions,
    *,
    auth_cache_seconds: float = 2.0,
    reader_pool_size: int = 8,
) -> FastAPI:
    """The application over ``sessions`` (the configured database, already migrated).

    On PostgreSQL the events feed reads through asyncio connections of its own
    (:func:`storage.engine.create_reader_for`, up to ``reader_pool_size``), closed when the
    server stops."""
    reader = create_reader_for(engine_of(sessions), size=reader_pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if reader is not None:
            await reader.close()

    app = FastAPI(
        title="medalist",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.sessions = sessions
    app.state.reader = reader
    bearer = HTTPBearer(auto_error=False, description="an API key from 'medalist apikey create'")

    for router in ROUTERS:
        app.include_router(router, dependencies=[Depends(bearer)])

    @app.get("/healthz", response_model=Health, tags=["health"])
    async def healthz() -> Any:
        """Liveness; needs no key."""
        return answer(Health(version=__version__))

    _install_errors(app)
    mount_pages(app)
    app.add_middleware(ApiKeyGuard, sessions=sessions, cache_seconds=auth_cache_seconds)
    return app
