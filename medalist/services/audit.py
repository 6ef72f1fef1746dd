"""The audit log, written by the services so the command line, the API and the recruiter
pages share it: who linked, rejected, acked, dismissed, opted out or erased what, and when.

An ``actor`` names who acted: :func:`cli_actor` (``cli:<OS user>``), :func:`api_actor`
(``apikey:<key name>``) or :func:`user_actor` (``user:<login>`` of the recruiter pages).
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from enrichment.model import format_timestamp
from medalist.services import Sessions
from medalist.services.errors import InvalidRequest
from medalist.services.schemas import AuditEntry, AuditPage
from storage.models import AuditRow
from storage.unit_of_work import UnitOfWork

#: Every action the log records.
ACTIONS = ("link", "reject", "ack", "dismiss", "reopen", "optout", "optout_undo", "erase")
MAX_PAGE = 1000


def cli_actor(name: str | None = None) -> str:
    """The command line's actor: the OS user running it (or ``name`` when given)."""
    if name:
        return f"cli:{name}"
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli:unknown"


def api_actor(key_name: str) -> str:
    return f"apikey:{key_name}"


def user_actor(login: str) -> str:
    return f"user:{login}"


def record(
    uow: UnitOfWork,
    actor: str,
    action: str,
    *,
    subject: str | None = None,
    target: str | None = None,
    detail: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> None:
    """Add an entry in the caller's unit of work (it commits with the act it records)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r} (one of {', '.join(ACTIONS)})")
    uow.audit.add(actor, action, subject=subject, target=target, detail=detail, now=now)


def entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=format_timestamp(row.at),
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        target=row.target,
        detail=dict(row.detail or {}),
    )


def entries(
    sessions: Sessions,
    *,
    cursor: str | None = None,
    limit: int = 100,
    action: str | None = None,
    subject: str | None = None,
    since: datetime | None = None,
) -> AuditPage:
    """Entries after ``cursor`` (the ``next_cursor`` of the previous page), oldest first."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidRequest(f"limit must be 1 to {MAX_PAGE}, not {limit}", field="limit")
    if action is not None and action not in ACTIONS:
        raise InvalidRequest(
            f"action {action!r} is not an audit action ({', '.join(ACTIONS)})", field="action"
        )
    if cursor and not cursor.isdigit():
        raise InvalidRequest(
            f"cursor {cursor[:40]!r} is not one this API gave; pass next_cursor back as it came",
            code="invalid_cursor",
            field="cursor",
        )
    after = int(cursor) if cursor else 0
    with UnitOfWork(sessions) as uow:
        rows = uow.audit.entries(
            after=after, limit=limit + 1, action=action, subject=subject, since=since
        )
        page = [entry(r) for r in rows[:limit]]
    return AuditPage(
        entries=page,
        next_cursor=str(page[-1].id) if page else (cursor or None),
        has_more=len(rows) > limit,
    )
