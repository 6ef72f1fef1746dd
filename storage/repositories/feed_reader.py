"""Feed pages on PostgreSQL for an event loop: psycopg's asyncio connections, in autocommit,
running the feed's compiled statement (:mod:`storage.repositories.feed`).

The API's events page is its hot path. Through SQLAlchemy's asyncio layer a page cost about
twice the CPU of the same statement on a psycopg connection (greenlet hand-offs and result
wrapping around a single statement), and through the thread pool more again; so this reader
keeps a few psycopg connections of its own and nothing else. The SQL is SQLAlchemy's, compiled
once per set of filters by the psycopg dialect, so both paths run the same statement.

A connection that fails (the server restarted, the network dropped) is closed rather than put
back; the error reaches the caller (the API answers 503) and the next page opens a new one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg.rows import namedtuple_row
from sqlalchemy import Select
from sqlalchemy.engine import URL, Dialect

from storage.models import UTCDateTime
from storage.repositories.candidates import FACTS_STATEMENTS, CandidateFacts
from storage.repositories.events import latest_statements
from storage.repositories.feed import compiled_feed, feed_parameters


class FeedReader:
    """Up to ``size`` asyncio connections to the PostgreSQL database at ``url``, opened when
    first needed; :meth:`close` closes them."""

    def __init__(self, url: URL, dialect: Dialect, *, size: int = 8) -> None:
        if dialect.name != "postgresql":
            raise ValueError(f"the asyncio feed reader needs PostgreSQL, not {dialect.name}")
        _, kwargs = dialect.create_connect_args(url)
        kwargs.pop("context", None)  # SQLAlchemy's adapters: a page reads ints and text only
        self._connect_args: dict[str, Any] = dict(kwargs)
        self._dialect = dialect
        self._size = size
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        #: compiled SQL of the module-level statements, by their id (they live as long)
        self._statements: dict[int, bytes] = {}
        self._slots: asyncio.Semaphore | None = None

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self._size)
        async with self._slots:
            connection = self._idle.pop() if self._idle else None
            if connection is None or connection.closed:
                connection = await psycopg.AsyncConnection.connect(
                    **self._connect_args, autocommit=True
                )
            reusable = False
            try:
                yield connection
                reusable = connection.info.transaction_status == TransactionStatus.IDLE
            finally:
                if reusable and not connection.closed:
                    self._idle.append(connection)
                else:
                    await connection.close()

    async def page_json(
        self,
        after: tuple[int, int] | None,
        *,
        limit: int,
        type: str | None = None,
        leveled_up: bool | None = None,
        status: str | None = None,
        since: datetime | None = None,
        candidate: str | None = None,
    ) -> list[tuple[int, int, str]]:
        """:meth:`EventFeed.page_json <storage.repositories.feed.EventFeed.page_json>` on an
        asyncio connection."""
        used, values = feed_parameters(
            after,
            limit=limit,
            type=type,
            leveled_up=leveled_up,
            status=status,
            since=since,
            candidate=candidate,
        )
        if since is not None:
            values["since"] = UTCDateTime().process_bind_param(since, self._dialect)
        compiled = compiled_feed(self._dialect, used)
        values.update(compiled.constants)
        async with self._connection() as connection:
            cursor = await connection.execute(compiled.sql.encode(), values)
            rows: list[tuple[int, int, str]] = await cursor.fetchall()
        return rows

    async def candidate_json(
        self, external_id: str, events_limit: int
    ) -> tuple[CandidateFacts, list[str], int] | None:
        """:func:`~storage.repositories.candidates.read_facts` and
        :func:`~storage.repositories.events.latest_json_for_candidate` on an asyncio
        connection (the same statements), or None when there is no such candidate."""
        by_external_id, children = FACTS_STATEMENTS
        newest, total = latest_statements("postgresql")
        async with self._connection() as connection:
            cursor = connection.cursor(row_factory=namedtuple_row)
            await cursor.execute(self._sql(by_external_id), {"external_id": external_id})
            candidate: Any = await cursor.fetchone()
            if candidate is None:
                return None
            ident = {"candidate_id": candidate.id}
            # the rest in one round trip (pipeline mode)
            async with connection.pipeline() as pipeline:
                cursors = []
                for child in children:
                    child_cursor = connection.cursor(row_factory=namedtuple_row)
                    await child_cursor.execute(self._sql(child), ident)
                    cursors.append(child_cursor)
                counted = connection.cursor()
                if events_limit:
                    await counted.execute(self._sql(newest), {**ident, "limit": events_limit})
                else:
                    await counted.execute(self._sql(total), ident)
                await pipeline.sync()
                rows: list[list[Any]] = [await c.fetchall() for c in cursors]
                found = await counted.fetchall()
            events: list[str] = []
            if events_limit:
                events = [str(row[0]) for row in reversed(found)]
                count = int(found[0][1]) if found else 0
            else:
                count = int(found[0][0]) if found else 0
        return CandidateFacts(candidate, *rows), events, count

    def _sql(self, statement: Select[Any]) -> bytes:
        """``statement`` compiled for psycopg once (its constants inlined)."""
        found = self._statements.get(id(statement))
        if found is None:
            compiled = statement.compile(
                dialect=self._dialect, compile_kwargs={"render_postcompile": True}
            )
            assert not {name for name, value in compiled.params.items() if value is not None}, (
                "a reused statement binds only the caller's parameters"
            )
            found = self._statements[id(statement)] = str(compiled).encode()
        return found

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await connection.close()
