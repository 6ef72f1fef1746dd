"""A real uvicorn server on a free loopback port, over the test database (SQLite and the real
PostgreSQL), with an API key; and helpers to store candidates and events."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from medalist.api.app import create_app
from medalist.services import apikeys
from medalist.settings import Settings, load_settings


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Api:
    base_url: str
    key: str
    settings: Settings
    sessions: sessionmaker[Session]
    client: httpx.Client

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.get(path, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.post(path, **kwargs)  # type: ignore[arg-type]

    def put(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.put(path, **kwargs)  # type: ignore[arg-type]

    def delete(self, path: str, **kwargs: object) -> httpx.Response:
        return self.client.delete(path, **kwargs)  # type: ignore[arg-type]


class ServerThread:
    """uvicorn serving an app in a thread of the test process; stopped on exit."""

    def __init__(self, app: object) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="on",  # the app closes its feed reader's connections on the way out
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def api_settings(database_url: str) -> Settings:
    return load_settings(
        database_url=database_url, allow_hosts="127.0.0.1", secret_key="api-test-secret-key"
    )


@pytest.fixture
def api(api_settings: Settings, session_factory: sessionmaker[Session]) -> Iterator[Api]:
    """The API on loopback, a key for it, and a client sending that key."""
    key = apikeys.create(session_factory, "crm").key
    app = create_app(api_settings, session_factory, auth_cache_seconds=0)
    with (
        ServerThread(app) as base_url,
        httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as client,
    ):
        yield Api(base_url, key, api_settings, session_factory, client)
