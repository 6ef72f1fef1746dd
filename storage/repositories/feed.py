"""The events feed's query: events after a ``(tx, seq)`` position, oldest first, that can never
be preceded by a row committed later, as the event JSON the API serves.

One statement per set of filters, built with bound parameters and compiled once per dialect
(:func:`feed_statement`), so a page costs one round trip and no SQL compilation. The ORM path
(:meth:`EventRepository.feed <storage.repositories.events.EventRepository.feed>`) uses the same
statement; :class:`EventFeed` runs it on a plain connection in autocommit (a page needs no
transaction of its own: the one statement sees one snapshot), which is the API's hot path.

On PostgreSQL only rows written by transactions older than the oldest one still in flight are
served (``pg_snapshot_xmin``): every transaction with a smaller id has ended, so no row will
ever appear before them. A row of a transaction still running is served on a later page, once
it has committed. SQLite has one writer at a time, so ``seq`` alone is commit order there (and
``tx`` is 0).

Indexes (migration 0009): ``(tx, seq)``, ``(type, tx, seq)``, ``(leveled_up, tx, seq)`` and
``(candidate_id, tx, seq)`` serve the pages, and a partial index of the opted-out candidates
keeps their exclusion (a person who objected is not reported, ``docs/privacy.md``) to a probe
of an almost empty index instead of a scan of the candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Select,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect

from storage.models import CandidateRow, EventRow, UTCDateTime


class FeedFilter(NamedTuple):
    """Which filters a page uses (one compiled statement each)."""

    after: bool = False
    type: bool = False
    leveled_up: bool = False
    status: bool = False
    since: bool = False
    candidate: bool = False


def event_json(dialect: str) -> ColumnElement[Any]:
    """The stored event as JSON text with its current status (the payload is the event as
    stored; only ``status`` changes afterwards)."""
    if dialect == "postgresql":
        merged = cast(
            cast(EventRow.payload, JSONB).op("||")(
                func.jsonb_build_object(literal_column("'status'"), EventRow.status)
            ),
            Text,
        )
        return case(
            (EventRow.status == literal_column("'new'"), cast(EventRow.payload, Text)), else_=merged
        )
    return case(
        (EventRow.status == literal_column("'new'"), cast(EventRow.payload, Text)),
        else_=func.json_set(
            cast(EventRow.payload, Text), literal_column("'$.status'"), EventRow.status
        ),
    )


def feed_statement(stmt: Select[Any], dialect: str, used: FeedFilter) -> Select[Any]:
    """``stmt`` (a select from ``events``) as a feed page: the bound parameters are
    ``after_tx``, ``after_seq``, ``type``, ``leveled_up``, ``status``, ``since``,
    ``candidate`` (an external id) and ``limit``, those of ``used`` only."""
    stmt = stmt.order_by(EventRow.tx, EventRow.seq).limit(bindparam("limit", type_=BigInteger))
    # a person who objected is no longer reported to the CRM (docs/privacy.md)
    stmt = stmt.where(
        EventRow.candidate_id.not_in(select(CandidateRow.id).where(~CandidateRow.may_process))
    )
    if used.after:
        # a row-value comparison: an index range scan (an OR of the parts scans the table)
        stmt = stmt.where(
            tuple_(EventRow.tx, EventRow.seq)
            > tuple_(
                bindparam("after_tx", type_=BigInteger), bindparam("after_seq", type_=BigInteger)
            )
        )
    if dialect == "postgresql":
        horizon = cast(cast(func.pg_snapshot_xmin(func.pg_current_snapshot()), Text), BigInteger)
        stmt = stmt.where(EventRow.tx < horizon)
    if used.type:
        stmt = stmt.where(EventRow.type == bindparam("type"))
    if used.leveled_up:
        stmt = stmt.where(EventRow.leveled_up == bindparam("leveled_up"))
    if used.status:
        stmt = stmt.where(EventRow.status == bindparam("status"))
    if used.since:
        stmt = stmt.where(EventRow.detected_at >= bindparam("since", type_=UTCDateTime()))
    if used.candidate:
        stmt = stmt.where(
            EventRow.candidate_id
            == select(CandidateRow.id)
            .where(CandidateRow.external_id == bindparam("candidate"))
            .scalar_subquery()
        )
    return stmt


def feed_parameters(
    after: tuple[int, int] | None,
    *,
    limit: int,
    type: str | None = None,
    leveled_up: bool | None = None,
    status: str | None = None,
    since: datetime | None = None,
    candidate: str | None = None,
) -> tuple[FeedFilter, dict[str, Any]]:
    """The filters used and the values of their parameters."""
    values: dict[str, Any] = {"limit": limit}
    if after is not None:
        values["after_tx"], values["after_seq"] = after
    for name, value in (
        ("type", type),
        ("leveled_up", leveled_up),
        ("status", status),
        ("since", since),
        ("candidate", candidate),
    ):
        if value is not None:
            values[name] = value
    used = FeedFilter(
        after=after is not None,
        type=type is not None,
        leveled_up=leveled_up is not None,
        status=status is not None,
        since=since is not None,
        candidate=candidate is not None,
    )
    return used, values


FEED_PARAMETERS = frozenset(
    ("limit", "after_tx", "after_seq", "type", "leveled_up", "status", "since", "candidate")
)


@dataclass(frozen=True)
class CompiledFeed:
    sql: str
    #: parameter names in order for a positional driver (SQLite), None for a named one
    order: tuple[str, ...] | None
    #: the values of the statement's own parameters (its constants)
    constants: dict[str, Any]


_COMPILED: dict[tuple[str, FeedFilter], CompiledFeed] = {}


def compiled_feed(dialect: Dialect, used: FeedFilter) -> CompiledFeed:
    """The page statement for ``used`` compiled for ``dialect`` (once per process)."""
    key = (dialect.name, used)
    found = _COMPILED.get(key)
    if found is None:
        stmt = feed_statement(
            select(EventRow.tx, EventRow.seq, event_json(dialect.name)), dialect.name, used
        )
        compiled = stmt.compile(dialect=dialect)
        order = tuple(compiled.positiontup or ()) if compiled.positional else None
        constants = {
            name: value for name, value in compiled.params.items() if name not in FEED_PARAMETERS
        }
        found = _COMPILED[key] = CompiledFeed(str(compiled), order, constants)
    return found


class EventFeed:
    """Feed pages on ``connection`` (the caller opens it, in autocommit for one round trip)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def page_json(
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
        """Up to ``limit`` events after ``after`` as ``(tx, seq, event JSON text)``: the
        database writes the JSON, so a page costs the application no parsing."""
        dialect = self.connection.dialect
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
            values["since"] = UTCDateTime().process_bind_param(since, dialect)
        compiled = compiled_feed(dialect, used)
        values.update(compiled.constants)
        parameters: Any = (
            tuple(values[n] for n in compiled.order) if compiled.order is not None else values
        )
        result = self.connection.exec_driver_sql(compiled.sql, parameters)
        rows: list[tuple[int, int, str]] = [tuple(row) for row in result.all()]  # type: ignore[misc]
        return rows
