"""The API-key guard: a plain ASGI middleware in front of routing, so every ``/v1`` request
without a valid ``Authorization: Bearer <key>`` gets the same 401, whatever the path, method
or parameters (an unknown path is not told apart from a known one).

Valid keys are remembered for ``cache_seconds`` (by their SHA-256, never the key), so a busy
CRM costs one lookup per key every few seconds; a revoked key stops working within that time.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread

from medalist.services import Sessions, apikeys

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNAUTHORIZED = json.dumps(
    {"error": {"code": "unauthorized", "message": "a valid API key is required"}}
).encode()


class ApiKeyGuard:
    def __init__(
        self, app: ASGIApp, sessions: Sessions, *, prefix: str = "/v1", cache_seconds: float = 2.0
    ) -> None:
        self.app = app
        self.sessions = sessions
        self.prefix = prefix
        self.cache_seconds = cache_seconds
        self._valid: dict[str, tuple[str, float]] = {}

    def _guarded(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")

    async def _name(self, key: str) -> str | None:
        digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
        now = time.monotonic()
        cached = self._valid.get(digest)
        if cached is not None and cached[1] > now:
            return cached[0]
        name = await anyio.to_thread.run_sync(apikeys.authenticate, self.sessions, key)
        if name is not None and self.cache_seconds > 0:
            if len(self._valid) > 1000:
                self._valid.clear()
            self._valid[digest] = (name, now + self.cache_seconds)
        return name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._guarded(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        key = _bearer(scope)
        name = await self._name(key) if key else None
        if name is None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"www-authenticate", b'Bearer realm="medalist"'),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": UNAUTHORIZED})
            return
        scope.setdefault("state", {})["api_key_name"] = name
        await self.app(scope, receive, send)


def _bearer(scope: Scope) -> str | None:
    for header, value in scope.get("headers", ()):
        if header == b"authorization":
            text = value.decode("latin-1")
            scheme, _, key = text.partition(" ")
            if scheme.lower() == "bearer" and key.strip():
                return key.strip()
            return None
    return None
