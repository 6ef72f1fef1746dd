"""The service layer: what the command line and the HTTP API both call.

Each module is one area (candidates, events, review, requisitions, runs, API keys, webhooks)
of plain functions over a session factory; they open a unit of work, apply the rules, commit,
and return pydantic models from :mod:`medalist.services.schemas` (separate from the domain in
``enrichment`` and from the ORM rows in ``storage``). Errors are
:class:`~medalist.services.errors.ServiceError` subclasses carrying a stable code, which the
CLI prints as one line and the API turns into ``{"error": {"code", "message"}}``.

No Click command or route function holds a rule: they parse, call one service, and print or
return what it gave.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from storage.unit_of_work import UnitOfWork

#: What every service takes: the sessions of the configured database.
Sessions = sessionmaker[Session]


def unit_of_work(sessions: Sessions) -> Callable[[], UnitOfWork]:
    """A factory of units of work on ``sessions`` (the import's ``unit_of_work`` argument)."""
    return lambda: UnitOfWork(sessions)
