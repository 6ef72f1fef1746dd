"""Stored candidates and events for the API tests, through the real repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from storage.unit_of_work import UnitOfWork


def store_candidate(
    sessions: sessionmaker[Session], external_id: str, title: str = "Software Engineer"
) -> int:
    candidate = Candidate.from_dict(
        {
            "external_id": external_id,
            "full_name": f"Person {external_id}",
            "positions": [{"title": title, "company": "Acme", "start": "2019-03"}],
            "skills": ["python"],
        }
    )
    with UnitOfWork(sessions) as uow:
        uow.candidates.upsert(candidate)
        uow.commit()
        row = uow.candidates.get_row(external_id)
        assert row is not None
        return row.id


def event(
    external_id: str, n: int, type: str = "promotion", leveled_up: bool = True
) -> dict[str, Any]:
    return {
        "id": f"evt_{external_id}_{n}",
        "type": type,
        "leveled_up": leveled_up,
        "candidate": {"external_id": external_id, "full_name": f"Person {external_id}"},
        "before": {"title": "Software Engineer", "company": "Acme", "level": 2},
        "after": {"title": f"Senior Engineer {n}", "company": "Acme", "level": 3},
        "years_experience": {"before": 4.0, "after": 6.0},
        "qualifies_for": [],
        "evidence": [],
        "match": {"score": 0.97, "method": "profile_url"},
        "detected_at": "2026-11-26T02:14:11Z",
        "status": "new",
    }


def store_events(
    sessions: sessionmaker[Session], candidate_id: int, external_id: str, numbers: range, **kw: Any
) -> list[str]:
    with UnitOfWork(sessions) as uow:
        for n in numbers:
            assert uow.events.add_if_new(
                event(external_id, n, **kw), f"fp-{n}", candidate_id=candidate_id
            )
        uow.commit()
    wait_until_served(sessions)
    return [f"evt_{external_id}_{n}" for n in numbers]


def wait_until_served(sessions: sessionmaker[Session], timeout: float = 60.0) -> None:
    """On PostgreSQL the feed serves a row once every older writing transaction of the whole
    server has ended; other work on a shared server can hold that back for a moment."""
    import time

    deadline = time.monotonic() + timeout
    with sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            return
        newest = session.scalar(text("SELECT max(tx) FROM events"))
        session.rollback()
        while newest is not None and time.monotonic() < deadline:
            horizon = session.scalar(
                text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
            )
            session.rollback()
            if horizon is not None and horizon > newest:
                return
            time.sleep(0.05)
