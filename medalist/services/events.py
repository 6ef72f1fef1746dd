"""Events: the CRM's feed (a cursor that never skips or repeats an event), one event, and its
status (``ack``, ``dismiss``).

The cursor is opaque to the CRM: ``<tx>.<seq>`` of the last event served
(:meth:`storage.repositories.EventRepository.feed` explains why both numbers).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from functools import partial

import anyio.to_thread
from sqlalchemy import Connection

from enrichment.model import utcnow
from medalist.services import Sessions
from medalist.services.audit import record
from medalist.services.errors import InvalidRequest, NotFound
from medalist.services.schemas import EVENT_TYPES, Event, EventPage
from storage.models import EventRow
from storage.repositories import EventRepository
from storage.repositories.feed import EventFeed
from storage.repositories.feed_reader import FeedReader
from storage.unit_of_work import UnitOfWork, reading

MAX_PAGE = 1000
DEFAULT_PAGE = 100
_CURSOR = re.compile(r"^(\d{1,19})\.(\d{1,19})$")
_LARGEST = 2**63 - 1  # both parts are signed 64-bit in the database


def encode_cursor(row: EventRow) -> str:
    return f"{row.tx}.{row.seq}"


def decode_cursor(cursor: str | None) -> tuple[int, int] | None:
    if cursor is None or cursor == "":
        return None
    found = _CURSOR.match(cursor)
    if found is None or max(int(found.group(1)), int(found.group(2))) > _LARGEST:
        raise InvalidRequest(
            f"cursor {cursor[:40]!r} is not one this API gave; pass a next_cursor back as it "
            "came, or no cursor to start from the oldest event",
            code="invalid_cursor",
            field="cursor",
        )
    return int(found.group(1)), int(found.group(2))


def _event(row: EventRow) -> Event:
    return Event.model_validate(EventRepository.to_dict(row))


def _since(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.min, tzinfo=UTC)


def feed(
    sessions: Sessions,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
    type: str | None = None,
    leveled_up: bool | None = None,
    status: str | None = None,
    since: date | datetime | None = None,
    candidate: str | None = None,
) -> EventPage:
    """Events after ``cursor``, oldest first, filtered by type, ``leveled_up``, status,
    detection date (``since``, inclusive) and candidate (an external id)."""
    _check(limit, type)
    after = decode_cursor(cursor)
    with UnitOfWork(sessions) as uow:
        rows = uow.events.feed(
            after,
            limit=limit + 1,
            type=type,
            leveled_up=leveled_up,
            status=status,
            since=_since(since),
            candidate=candidate,
        )
        page = rows[:limit]
        return EventPage(
            events=[_event(r) for r in page],
            next_cursor=encode_cursor(page[-1]) if page else (cursor or None),
            has_more=len(rows) > limit,
        )


def feed_json(
    sessions: Sessions,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
    type: str | None = None,
    leveled_up: bool | None = None,
    status: str | None = None,
    since: date | datetime | None = None,
    candidate: str | None = None,
) -> bytes:
    """:func:`feed` as the JSON of an :class:`EventPage`, written without building a model per
    event (the events come from the database as JSON text) in one autocommit statement: the
    API's hot path."""
    _check(limit, type)
    page = _Page(cursor, limit)
    with reading(sessions) as connection:
        rows = page.read(connection, type, leveled_up, status, _since(since), candidate)
    return page.json(rows)


async def feed_json_async(
    sessions: Sessions,
    reader: FeedReader | None,
    *,
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
    type: str | None = None,
    leveled_up: bool | None = None,
    status: str | None = None,
    since: date | datetime | None = None,
    candidate: str | None = None,
) -> bytes:
    """:func:`feed_json` for an event loop: on the asyncio ``reader`` when there is one
    (PostgreSQL), else in a worker thread (SQLite)."""
    if reader is None:
        return await anyio.to_thread.run_sync(
            partial(
                feed_json,
                sessions,
                cursor=cursor,
                limit=limit,
                type=type,
                leveled_up=leveled_up,
                status=status,
                since=since,
                candidate=candidate,
            )
        )
    _check(limit, type)
    page = _Page(cursor, limit)
    rows = await reader.page_json(
        page.after,
        limit=limit + 1,
        type=type,
        leveled_up=leveled_up,
        status=status,
        since=_since(since),
        candidate=candidate,
    )
    return page.json(rows)


class _Page:
    """One page of the feed: its position, the read (one more row than the page, to say
    ``has_more``) and its JSON."""

    def __init__(self, cursor: str | None, limit: int) -> None:
        self.cursor = cursor
        self.after = decode_cursor(cursor)
        self.limit = limit

    def read(
        self,
        connection: Connection,
        type: str | None,
        leveled_up: bool | None,
        status: str | None,
        since: datetime | None,
        candidate: str | None,
    ) -> list[tuple[int, int, str]]:
        return EventFeed(connection).page_json(
            self.after,
            limit=self.limit + 1,
            type=type,
            leveled_up=leveled_up,
            status=status,
            since=since,
            candidate=candidate,
        )

    def json(self, rows: list[tuple[int, int, str]]) -> bytes:
        page = rows[: self.limit]
        next_cursor = f"{page[-1][0]}.{page[-1][1]}" if page else (self.cursor or None)
        return b"".join(
            (
                b'{"events":[',
                ",".join(text for _, _, text in page).encode("utf-8"),
                b'],"next_cursor":',
                json.dumps(next_cursor).encode(),
                b',"has_more":',
                b"true" if len(rows) > self.limit else b"false",
                b"}",
            )
        )


def _check(limit: int, type: str | None) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequest(f"limit must be 1 to {MAX_PAGE}, not {limit}", field="limit")
    if type is not None and type not in EVENT_TYPES:
        raise InvalidRequest(
            f"type {type!r} is not an event type ({', '.join(EVENT_TYPES)})", field="type"
        )


def get(sessions: Sessions, event_id: str) -> Event:
    with UnitOfWork(sessions) as uow:
        row = uow.events.get(event_id)
        if row is None:
            raise NotFound(f"no event {event_id!r}", code="event_not_found")
        return _event(row)


_ACTION_OF_STATUS = {"acked": "ack", "dismissed": "dismiss", "new": "reopen"}


def set_status(
    sessions: Sessions,
    event_id: str,
    status: str,
    *,
    actor: str | None = None,
    now: datetime | None = None,
) -> Event:
    """Mark an event ``acked`` (handled) or ``dismissed`` (wrong), or back to ``new``; the
    audit log records ``actor`` (:mod:`medalist.services.audit`; ``unknown`` when not given:
    every caller should say who acted)."""
    when = now or utcnow()
    with UnitOfWork(sessions) as uow:
        if not uow.events.set_status(event_id, status, when):
            raise NotFound(f"no event {event_id!r}", code="event_not_found")
        stored = uow.events.get(event_id)
        candidate = uow.candidates.get_row_by_id(stored.candidate_id) if stored else None
        record(
            uow,
            actor or "unknown",
            _ACTION_OF_STATUS.get(status, status),
            subject=candidate.external_id if candidate else None,
            target=f"event:{event_id}",
            now=when,
        )
        uow.commit()
        row = uow.events.get(event_id)
        assert row is not None
        uow.session.refresh(row)
        return _event(row)
