"""Engines and sessions for a database URL. Nothing is created at import time.

SQLite gets WAL journaling, foreign keys and a busy timeout on every connection; PostgreSQL
goes through psycopg 3 (``postgresql://`` and ``postgres://`` are rewritten to
``postgresql+psycopg://``). Other backends are refused with a clear message. A SQLite file
holds personal data, so it and its ``-wal``/``-shm`` files are made readable by their owner
only (0600).

:func:`create_reader_for` makes the asyncio feed reader (psycopg's async connections) for the
API's hot path on PostgreSQL, so an events page is served on the event loop without a hand-off
to a worker thread; SQLite has none (its pages go through the thread pool).
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from enrichment.errors import ConfigurationError
from storage.repositories.feed_reader import FeedReader

#: How long a SQLite connection waits for another writer before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
PRIVATE_MODE = 0o600


def make_private(path: str) -> None:
    """The SQLite file at ``path`` and its journal files, owner-only (0600)."""
    for name in (path, path + "-wal", path + "-shm", path + "-journal"):
        try:
            os.chmod(name, PRIVATE_MODE)
        except FileNotFoundError:
            continue


def normalize_url(url: str | URL) -> URL:
    """The URL with PostgreSQL pointed at psycopg 3."""
    try:
        parsed = make_url(url)
    except Exception as error:  # sqlalchemy raises ArgumentError or ValueError
        raise ConfigurationError(
            f"{str(url)!r} is not a database URL ({error}); set MEDALIST_DATABASE_URL to "
            "sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ConfigurationError(
            f"medalist does not support {parsed.get_backend_name()} databases; set "
            "MEDALIST_DATABASE_URL to sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"
        )
    return parsed


def create_engine_for(url: str | URL, **options: Any) -> Engine:
    """An engine for ``url`` with the per-backend connection settings medalist relies on."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        connect_args = dict(options.pop("connect_args", {}))
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, connect_args=connect_args, **options)
        in_memory = parsed.database in (None, "", ":memory:") or "mode=memory" in str(parsed)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            if not in_memory and parsed.database and not parsed.database.startswith("file:"):
                make_private(parsed.database)
            cursor = dbapi_connection.cursor()
            try:
                if not in_memory:
                    cursor.execute("PRAGMA journal_mode=WAL")
                    cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA foreign_keys=ON")
                # deleted rows are overwritten, not left in free pages (erasure, docs/privacy.md)
                cursor.execute("PRAGMA secure_delete=ON")
                cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            finally:
                cursor.close()
            if not in_memory and parsed.database and not parsed.database.startswith("file:"):
                make_private(parsed.database)

        return engine
    options.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **options)


def create_reader_for(engine: Engine, *, size: int = 8) -> FeedReader | None:
    """The asyncio feed reader for ``engine``'s database on PostgreSQL (None for SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    return FeedReader(engine.url, engine.dialect, size=size)


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the unit of work commits)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
