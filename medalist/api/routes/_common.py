"""What every route uses: the database sessions, the settings, the JSON answer and the error
responses documented in the OpenAPI description."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

from medalist.services import Sessions
from medalist.services.schemas import ErrorResponse
from medalist.settings import Settings
from storage.repositories.feed_reader import FeedReader

#: The largest id a path may carry (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def sessions(request: Request) -> Sessions:
    value: Sessions = request.app.state.sessions
    return value


def reader(request: Request) -> FeedReader | None:
    """The asyncio feed reader (None on SQLite: pages go through the thread pool)."""
    value: FeedReader | None = getattr(request.app.state, "reader", None)
    return value


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def caller(request: Request) -> str:
    """The name of the API key that made the request."""
    return str(getattr(request.state, "api_key_name", "api"))


def answer(model: BaseModel, status: int = 200) -> Response:
    """The model as JSON (pydantic's own serializer: no second validation pass)."""
    return Response(
        content=model.model_dump_json(), status_code=status, media_type="application/json"
    )


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {
        401: "no valid API key",
        404: "no such record",
        409: "conflicts with what is stored",
        422: "the request is not valid (the message names the field)",
        503: "a setting the request needs is missing on the server",
    }
    return {s: {"model": ErrorResponse, "description": described[s]} for s in (401, *statuses)}
