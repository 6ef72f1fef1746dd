"""The events feed: oldest first, filters, ack/dismiss, and a cursor that neither skips nor
repeats an event while others are being written (transactions committing out of order)."""

from __future__ import annotations

import random
import threading
import time

import pytest
from api_support import event, store_candidate, store_events, wait_until_served
from conftest import Api

from storage.unit_of_work import UnitOfWork


def _all_pages(api: Api, **params: object) -> list[str]:
    ids: list[str] = []
    cursor = None
    while True:
        query = dict(params, limit=params.get("limit", 3))
        if cursor:
            query["cursor"] = cursor
        page = api.get("/v1/events", params=query).json()
        ids.extend(e["id"] for e in page["events"])
        if not page["events"]:
            return ids
        cursor = page["next_cursor"]


def test_pages_oldest_first_with_filters(api: Api) -> None:
    cid = store_candidate(api.sessions, "ats-1")
    promotions = store_events(api.sessions, cid, "ats-1", range(0, 5))
    skills = store_events(
        api.sessions, cid, "ats-1", range(5, 8), type="new_skill", leveled_up=False
    )
    assert _all_pages(api) == promotions + skills
    assert _all_pages(api, type="new_skill") == skills
    assert _all_pages(api, leveled_up="true") == promotions
    assert _all_pages(api, since="2026-11-26") == promotions + skills
    assert _all_pages(api, since="2026-11-27") == []

    page = api.get("/v1/events", params={"limit": 2}).json()
    assert page["has_more"] is True
    first = page["events"][0]
    assert first["candidate"] == {"external_id": "ats-1", "full_name": "Person ats-1"}
    assert first["status"] == "new" and first["type"] == "promotion"
    assert set(first) >= {"before", "after", "years_experience", "evidence", "detected_at"}

    empty = api.get("/v1/events", params={"cursor": _last_cursor(api)}).json()
    assert empty["events"] == [] and empty["next_cursor"] == _last_cursor(api)
    bad = api.get("/v1/events", params={"cursor": "nonsense"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_cursor"


def test_one_candidates_events_and_a_cursor_out_of_range(api: Api) -> None:
    ada = store_candidate(api.sessions, "ats-1")
    bob = store_candidate(api.sessions, "ats-2")
    first = store_events(api.sessions, ada, "ats-1", range(0, 3))
    others = store_events(api.sessions, bob, "ats-2", range(3, 5))
    more = store_events(api.sessions, ada, "ats-1", range(5, 7), type="new_skill")
    assert _all_pages(api, candidate="ats-1", limit=2) == first + more
    assert _all_pages(api, candidate="ats-2") == others
    assert _all_pages(api, candidate="ats-1", type="new_skill") == more
    assert _all_pages(api, candidate="nobody") == []
    huge = api.get("/v1/events", params={"cursor": f"{2**63}.1"})
    assert huge.status_code == 422 and huge.json()["error"]["code"] == "invalid_cursor"


def _last_cursor(api: Api) -> str:
    page = api.get("/v1/events", params={"limit": 1000}).json()
    cursor: str = page["next_cursor"]
    return cursor


def test_ack_and_dismiss_set_the_status(api: Api) -> None:
    cid = store_candidate(api.sessions, "ats-1")
    first, second = store_events(api.sessions, cid, "ats-1", range(2))
    acked = api.post(f"/v1/events/{first}/ack")
    assert acked.status_code == 200 and acked.json()["status"] == "acked"
    assert api.post(f"/v1/events/{second}/dismiss").json()["status"] == "dismissed"
    assert api.get(f"/v1/events/{first}").json()["status"] == "acked"
    assert _all_pages(api, status="dismissed") == [second]
    feed = api.get("/v1/events").json()["events"]
    assert [e["status"] for e in feed] == ["acked", "dismissed"]
    assert feed[0] == api.get(f"/v1/events/{first}").json()  # the fast path says the same
    missing = api.post("/v1/events/evt_nope/ack")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "event_not_found"


def test_a_late_committing_event_is_not_skipped(api: Api, backend: str) -> None:
    """Writer A stores an event first but commits last; the feed must still serve it."""
    if backend == "sqlite":
        pytest.skip("SQLite has one writer at a time: a second writer waits for A's commit")
    cid = store_candidate(api.sessions, "ats-1")
    slow = UnitOfWork(api.sessions)
    with slow:
        slow.events.add_if_new(event("ats-1", 1), "fp-1", candidate_id=cid)
        store_events(api.sessions, cid, "ats-1", range(2, 3))  # commits while A is open
        page = api.get("/v1/events").json()
        served = [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        with UnitOfWork(api.sessions) as naive:  # a cursor on seq alone would skip A's event
            assert [r.id for r in naive.events.since(None)] == ["evt_ats-1_2"]
            seq_cursor = naive.events.since(None)[0].seq
        slow.commit()
    with UnitOfWork(api.sessions) as naive:
        assert naive.events.since(seq_cursor) == []
    wait_until_served(api.sessions)
    rest = api.get("/v1/events", params={"cursor": cursor} if cursor else {}).json()
    served += [e["id"] for e in rest["events"]]
    assert sorted(served) == ["evt_ats-1_1", "evt_ats-1_2"]
    assert len(served) == len(set(served))


def test_concurrent_writers_never_make_the_feed_skip_or_repeat(api: Api) -> None:
    writers, per_writer = 4, 15
    ids = {w: store_candidate(api.sessions, f"ats-{w}") for w in range(writers)}
    done = threading.Event()
    failures: list[BaseException] = []

    def write(w: int) -> None:
        rng = random.Random(w)
        try:
            for n in range(per_writer):
                with UnitOfWork(api.sessions) as uow:
                    uow.events.add_if_new(event(f"ats-{w}", n), f"fp-{n}", candidate_id=ids[w])
                    time.sleep(rng.random() * 0.02)  # hold the transaction open a while
                    uow.commit()
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    served: list[str] = []
    cursor: str | None = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        finished = done.is_set()
        params: dict[str, object] = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = api.get("/v1/events", params=params).json()
        served.extend(e["id"] for e in page["events"])
        cursor = page["next_cursor"]
        if not any(t.is_alive() for t in threads):
            done.set()
        if finished and not page["events"] and len(served) >= writers * per_writer:
            break
        time.sleep(0.005)
    assert not failures
    expected = {f"evt_ats-{w}_{n}" for w in range(writers) for n in range(per_writer)}
    assert len(served) == len(set(served)), "an event was served twice"
    assert set(served) == expected, f"missing: {sorted(expected - set(served))[:5]}"
