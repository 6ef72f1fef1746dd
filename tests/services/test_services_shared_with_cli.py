"""The service layer on its own and through the command line: ``medalist show`` and
``medalist review`` print what the services return (the API serves the same)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from click.testing import Result
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from medalist.services import candidates, events, review
from medalist.services.errors import InvalidRequest, NotFound
from storage.unit_of_work import UnitOfWork


def _store(sessions: sessionmaker[Session]) -> int:
    with UnitOfWork(sessions) as uow:
        uow.candidates.upsert(
            Candidate.from_dict(
                {
                    "external_id": "ats-1",
                    "full_name": "Ada Lovelace",
                    "positions": [{"title": "Senior Engineer", "company": "Acme"}],
                }
            )
        )
        uow.commit()
        row = uow.candidates.get_row("ats-1")
        assert row is not None
        return row.id


def test_show_prints_the_services_record(
    session_factory: sessionmaker[Session], medalist: Callable[..., Result]
) -> None:
    _store(session_factory)
    shown = medalist("show", "ats-1", "--json")
    assert shown.exit_code == 0, shown.output
    record = candidates.get_record(session_factory, "ats-1")
    assert json.loads(shown.output) == record.model_dump(mode="json")
    assert "Ada Lovelace (ats-1)" in medalist("show", "ats-1").output
    missing = medalist("show", "nobody")
    assert missing.exit_code == 1 and "no stored candidate 'nobody'" in missing.output


def test_review_list_and_decide_go_through_the_service(
    session_factory: sessionmaker[Session], medalist: Callable[..., Result]
) -> None:
    cid = _store(session_factory)
    with UnitOfWork(session_factory) as uow:
        row, _ = uow.matches.add_pending(
            "feed:x#1",
            {"full_name": "Ada L.", "kind": "feed", "url": "https://news.example/"},
            candidate_id=cid,
            score=0.7,
            method="fuzzy",
            reasons=["surname: exact (+4.0)"],
        )
        uow.commit()
        match_id = row.id
    listed = medalist("review", "list", "--json")
    item = json.loads(listed.output)
    assert item["id"] == match_id
    assert item["candidate"] == {"external_id": "ats-1", "full_name": "Ada Lovelace"}
    assert medalist("review", "decide", str(match_id), "link", "--by", "sam").exit_code == 0
    assert review.pending(session_factory) == []
    with UnitOfWork(session_factory) as uow:
        decided = uow.matches.get(match_id)
        assert decided is not None and decided.decided_by == "sam"
    missing = medalist("review", "decide", "999999", "link")
    assert missing.exit_code == 2 and "no match #999999" in missing.output


def test_service_errors_carry_stable_codes(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(NotFound) as found:
        candidates.get_record(session_factory, "nobody")
    assert found.value.code == "candidate_not_found" and found.value.status == 404
    with pytest.raises(InvalidRequest) as bad:
        events.feed(session_factory, cursor="x.y")
    assert bad.value.code == "invalid_cursor"
    with pytest.raises(InvalidRequest):
        events.feed(session_factory, type="nope")


def test_feed_model_and_fast_json_agree(session_factory: sessionmaker[Session]) -> None:
    cid = _store(session_factory)
    with UnitOfWork(session_factory) as uow:
        for n in range(3):
            uow.events.add_if_new(
                {
                    "id": f"evt_{n}",
                    "type": "promotion",
                    "leveled_up": True,
                    "candidate": {"external_id": "ats-1", "full_name": "Ada Lovelace"},
                    "after": {"title": "Senior Engineer", "level": 3},
                    "detected_at": "2026-11-26T02:14:11Z",
                },
                f"fp-{n}",
                candidate_id=cid,
            )
        uow.commit()
    events.set_status(session_factory, "evt_1", "acked", actor="cli:test")
    deadline = time.monotonic() + 60  # PostgreSQL: until older writers elsewhere have ended
    while len(events.feed(session_factory).events) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    page = events.feed(session_factory, limit=2)
    fast = json.loads(events.feed_json(session_factory, limit=2))
    assert [e.model_dump(mode="json", exclude_unset=True) for e in page.events] == [
        fast["events"][0],
        fast["events"][1],
    ]
    assert fast["next_cursor"] == page.next_cursor and fast["has_more"] is page.has_more
    assert [e["status"] for e in fast["events"]] == ["new", "acked"]


def test_the_api_event_types_are_the_domain_event_types() -> None:
    from typing import get_args

    from enrichment.model import EVENT_TYPES
    from medalist.services.schemas import EventType

    assert get_args(EventType) == EVENT_TYPES
