"""Events: stored once per (candidate, fingerprint), read in order by cursor."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from enrichment.model import Candidate
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 26, 2, 14, 11, tzinfo=UTC)


def event(event_id: str, type_: str = "promotion", leveled_up: bool = True) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": type_,
        "leveled_up": leveled_up,
        "candidate": {"external_id": "ats-1", "full_name": "Ada Lovelace"},
        "before": {"title": "Software Engineer", "company": "Acme", "level": 2},
        "after": {"title": "Senior Software Engineer", "company": "Acme", "level": 3},
        "detected_at": "2026-11-26T02:14:11Z",
        "status": "new",
    }


def candidate_ids(uow: UnitOfWork, *external_ids: str) -> list[int]:
    with uow:
        uow.candidates.upsert_many(Candidate(e, f"Person {e}") for e in external_ids)
        ids = uow.candidates.ids_for(external_ids)
        uow.commit()
    return [ids[e] for e in external_ids]


def test_add_if_new_stores_a_change_once(uow: UnitOfWork) -> None:
    (cid,) = candidate_ids(uow, "ats-1")
    with uow:
        assert uow.events.add_if_new(event("evt_1"), "promotion:acme:3", candidate_id=cid)
        # the same change again, in the same transaction and under another id
        assert not uow.events.add_if_new(event("evt_1"), "promotion:acme:3", candidate_id=cid)
        assert not uow.events.add_if_new(event("evt_x"), "promotion:acme:3", candidate_id=cid)
        uow.commit()
    with uow:
        # in a later transaction (a later run, or a resumed one)
        assert not uow.events.add_if_new(event("evt_1"), "promotion:acme:3", candidate_id=cid)
        assert uow.events.add_if_new(
            event("evt_2", "new_skill", False), "skill:rust", candidate_id=cid
        )
        uow.commit()
    with uow:
        rows = uow.events.for_candidate(cid)
        assert [r.id for r in rows] == ["evt_1", "evt_2"]
        assert rows[0].detected_at == NOW
        assert uow.events.to_dict(rows[0]) == event("evt_1")


def test_the_same_fingerprint_for_two_candidates_is_two_events(uow: UnitOfWork) -> None:
    a, b = candidate_ids(uow, "ats-1", "ats-2")
    with uow:
        assert uow.events.add_if_new(event("evt_a"), "fp", candidate_id=a)
        assert uow.events.add_if_new(event("evt_b"), "fp", candidate_id=b)
        uow.commit()


def test_since_pages_by_cursor_and_filters(uow: UnitOfWork) -> None:
    (cid,) = candidate_ids(uow, "ats-1")
    with uow:
        for i in range(5):
            leveled = i % 2 == 0
            uow.events.add_if_new(
                event(f"evt_{i}", "promotion" if leveled else "new_skill", leveled),
                f"fp{i}",
                candidate_id=cid,
            )
        uow.commit()
    with uow:
        first = uow.events.since(limit=2)
        assert [r.id for r in first] == ["evt_0", "evt_1"]
        rest = uow.events.since(first[-1].seq, limit=10)
        assert [r.id for r in rest] == ["evt_2", "evt_3", "evt_4"]
        assert uow.events.since(rest[-1].seq) == []
        assert [r.id for r in uow.events.since(leveled_up=True)] == ["evt_0", "evt_2", "evt_4"]
        assert [r.id for r in uow.events.since(type="new_skill")] == ["evt_1", "evt_3"]


def test_ack_and_dismiss(uow: UnitOfWork) -> None:
    (cid,) = candidate_ids(uow, "ats-1")
    with uow:
        uow.events.add_if_new(event("evt_1"), "fp", candidate_id=cid)
        uow.commit()
    with uow:
        assert uow.events.set_status("evt_1", "acked", NOW)
        assert not uow.events.set_status("evt_missing", "acked", NOW)
        uow.commit()
    with uow:
        row = uow.events.get("evt_1")
        assert row is not None and row.status == "acked"
        assert uow.events.to_dict(row)["status"] == "acked"
        assert [r.id for r in uow.events.since(status="new")] == []


def test_a_long_fingerprint_is_stored_as_its_hash_and_still_deduplicates(uow: UnitOfWork) -> None:
    (cid,) = candidate_ids(uow, "ats-1")
    fingerprint = "title_change:" + "very long title " * 100
    with uow:
        assert uow.events.add_if_new(event("evt_1"), fingerprint, candidate_id=cid)
        assert not uow.events.add_if_new(event("evt_2"), fingerprint, candidate_id=cid)
        uow.commit()
    with uow:
        (row,) = uow.events.for_candidate(cid)
        assert row.fingerprint.startswith("sha256:")
