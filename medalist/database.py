"""The application's door to storage: an engine for the configured URL, checked to be migrated."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from enrichment.errors import ConfigurationError
from medalist.settings import Settings
from storage.engine import create_engine_for, create_session_factory, normalize_url
from storage.migrate import current, head

#: The lease every refresh holds (``medalist run`` and the scheduler's nightly job).
REFRESH_LEASE = "refresh"
#: Held while webhook deliveries are attempted: one deliverer at a time keeps each candidate's
#: events in order, even with two schedulers started by mistake.
WEBHOOKS_LEASE = "webhooks"


def engine_of(session_factory: sessionmaker[Session]) -> Engine:
    """The engine behind sessions made by :func:`open_database`."""
    engine = session_factory.kw["bind"]
    assert isinstance(engine, Engine)
    return engine


def lease_owner() -> str:
    """``host:pid``: who holds a lease, as shown to whoever is refused it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def shown_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def open_database(settings: Settings, *, check: bool = True) -> sessionmaker[Session]:
    """Sessions on ``MEDALIST_DATABASE_URL``; refuses a database that is not at the newest
    schema, saying how to fix it."""
    url = settings.database_url
    parsed = normalize_url(url)
    path = parsed.database or ""
    if (
        check
        and parsed.get_backend_name() == "sqlite"
        and path not in ("", ":memory:")
        and not path.startswith("file:")
        and not Path(path).exists()
    ):
        raise ConfigurationError(f"there is no database at {path}; run 'medalist db upgrade' first")
    if check:
        at, newest = current(url), head()
        if at != newest:
            state = "is empty" if at is None else f"is at revision {at}, not {newest}"
            raise ConfigurationError(
                f"the database {shown_url(url)} {state}; run 'medalist db upgrade' first"
            )
    return create_session_factory(create_engine_for(url))
