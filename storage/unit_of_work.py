"""The unit of work: one transaction, the repositories over it, and the only commit.

::

    with UnitOfWork(session_factory) as uow:
        row = uow.candidates.get_row("ats-123")
        uow.events.add_if_new(event, change.fingerprint, candidate_id=row.id)
        uow.commit()

Leaving the block without :meth:`commit` (or with an exception) rolls everything back.

A read of one statement that needs no transaction (the API's events page) takes a connection
from :func:`reading` instead: autocommit, so the statement is one round trip, with no
``BEGIN`` before it nor ``ROLLBACK`` after.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from enrichment.seniority import classify as default_classify
from storage.repositories import (
    ApiKeyRepository,
    AuditRepository,
    CandidateRepository,
    Classifier,
    ErasedPeopleRepository,
    EventRepository,
    MatchRepository,
    MatchWeightRepository,
    RequisitionRepository,
    RunRepository,
    SnapshotRepository,
    SourceRepository,
    UserRepository,
    WebhookRepository,
)


class UnitOfWork:
    candidates: CandidateRepository
    sources: SourceRepository
    snapshots: SnapshotRepository
    events: EventRepository
    matches: MatchRepository
    weights: MatchWeightRepository
    requisitions: RequisitionRepository
    runs: RunRepository
    erased: ErasedPeopleRepository
    api_keys: ApiKeyRepository
    webhooks: WebhookRepository
    users: UserRepository
    audit: AuditRepository

    def __init__(
        self, session_factory: sessionmaker[Session], *, classify: Classifier | None = None
    ) -> None:
        self._session_factory = session_factory
        #: Levels for stored titles (positions, requisitions without a level).
        self._classify: Classifier = classify or default_classify
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a 'with' block")
        return self._session

    def __enter__(self) -> Self:
        session = self._session_factory()
        self._session = session
        self.candidates = CandidateRepository(session, self._classify)
        self.sources = SourceRepository(session)
        self.snapshots = SnapshotRepository(session)
        self.events = EventRepository(session)
        self.matches = MatchRepository(session)
        self.weights = MatchWeightRepository(session)
        self.requisitions = RequisitionRepository(session, self._classify)
        self.runs = RunRepository(session)
        self.erased = ErasedPeopleRepository(session)
        self.api_keys = ApiKeyRepository(session)
        self.webhooks = WebhookRepository(session)
        self.users = UserRepository(session)
        self.audit = AuditRepository(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            self.session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


@contextmanager
def reading(session_factory: sessionmaker[Session]) -> Iterator[Connection]:
    """A pooled connection in autocommit for reads outside a unit of work (one statement
    sees one snapshot); it must not be used to write."""
    engine = session_factory.kw["bind"]
    assert isinstance(engine, Engine), "the session factory is bound to an engine"
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection
