"""Candidates through the API: upsert one or many (the import's checks and messages), the
record with provenance, erasure, and queued refreshes that the run's due query honours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from api_support import store_events
from conftest import Api

from medalist.services import candidates
from storage.unit_of_work import UnitOfWork

ADA = {
    "full_name": "Ada Lovelace",
    "emails": ["ada@example.com"],
    "location": "London, UK",
    "profiles": [{"kind": "github", "url": "https://github.com/adal"}],
    "positions": [{"title": "Senior Software Engineer", "company": "Acme", "start": "2019-03"}],
    "skills": ["python", "sql"],
}


def test_put_then_get_the_record(api: Api) -> None:
    created = api.put("/v1/candidates/ats-1", json=ADA)
    assert created.status_code == 200
    assert created.json()["created"] == 1
    assert api.put("/v1/candidates/ats-1", json=ADA).json()["unchanged"] == 1

    record = api.get("/v1/candidates/ats-1").json()
    assert record["full_name"] == "Ada Lovelace"
    assert record["level"] == 3
    position = record["positions"][0]
    assert (position["title"], position["level_name"]) == ("Senior Software Engineer", "senior")
    assert position["provenance"] == {"kind": "ats", "url": None, "fetched_at": None}
    assert [s["name"] for s in record["skills"]] == ["python", "sql"]
    [source] = record["sources"]
    assert source["kind"] == "github" and source["identifier"] == "adal"
    assert source["last_verified_at"] is None and "last_error" in source
    assert record["events"] == []


def test_the_record_lists_its_events(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    with UnitOfWork(api.sessions) as uow:
        row = uow.candidates.get_row("ats-1")
        assert row is not None
        cid = row.id
    ids = store_events(api.sessions, cid, "ats-1", range(2))
    assert [e["id"] for e in api.get("/v1/candidates/ats-1").json()["events"]] == ids


def test_the_record_holds_the_newest_events_and_links_the_feed(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    with UnitOfWork(api.sessions) as uow:
        row = uow.candidates.get_row("ats-1")
        assert row is not None
        cid = row.id
    ids = store_events(api.sessions, cid, "ats-1", range(5))
    api.post(f"/v1/events/{ids[3]}/ack")
    record = api.get("/v1/candidates/ats-1", params={"events": 2}).json()
    assert [e["id"] for e in record["events"]] == ids[3:]
    assert [e["status"] for e in record["events"]] == ["acked", "new"]
    assert record["events_total"] == 5
    assert record["events_feed"] == "/v1/events?candidate=ats-1"
    feed = api.get(record["events_feed"], params={"limit": 10}).json()
    assert [e["id"] for e in feed["events"]] == ids
    # the API's JSON (stored event text after the facts) says what the model says
    modelled = candidates.get_record(api.sessions, "ats-1", events_limit=2)
    assert record == modelled.model_dump(mode="json")
    none = api.get("/v1/candidates/ats-1", params={"events": 0}).json()
    assert none["events"] == [] and none["events_total"] == 5
    assert api.get("/v1/candidates/ats-1", params={"events": -1}).status_code == 422


def test_bad_records_get_the_import_messages(api: Api) -> None:
    bad = api.put("/v1/candidates/ats-1", json={"full_name": ""})
    assert bad.status_code == 422
    assert bad.json()["error"] == {
        "code": "invalid_input",
        "message": "field 'full_name': is required",
    }
    mismatch = api.put("/v1/candidates/ats-1", json={**ADA, "external_id": "ats-2"})
    assert mismatch.status_code == 422 and "differs" in mismatch.json()["error"]["message"]
    date = api.put(
        "/v1/candidates/ats-1",
        json={**ADA, "positions": [{"title": "X", "start": "last spring"}]},
    )
    assert date.status_code == 422
    assert date.json()["error"]["message"].startswith("field 'positions[0].start'")


def test_post_a_list_writes_the_good_and_reports_the_bad(api: Api) -> None:
    response = api.post(
        "/v1/candidates",
        json=[
            {**ADA, "external_id": "ats-1"},
            {"external_id": "ats-2"},
            {"external_id": "ats-3", "full_name": "Grace Hopper"},
            {"external_id": "ats-1", "full_name": "Ada again"},
        ],
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (2, 0, 0)
    assert [r["key"] for r in body["results"]] == ["ats-1", "ats-3"]
    assert body["errors"] == [
        {"index": 1, "external_id": "ats-2", "field": "full_name", "message": "is required"},
        {
            "index": 3,
            "external_id": "ats-1",
            "field": "external_id",
            "message": "'ats-1' appears again (first at index 0)",
        },
    ]
    assert api.get("/v1/candidates/ats-3").json()["full_name"] == "Grace Hopper"


def test_delete_erases_and_a_later_upsert_is_refused(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    erased = api.delete("/v1/candidates/ats-1")
    assert erased.status_code == 200
    assert erased.json()["external_id"] == "ats-1" and erased.json()["erased"] is True
    assert erased.json()["removed"]["candidate"] == 1 and erased.json()["suppressed"] >= 2
    assert api.get("/v1/candidates/ats-1").status_code == 404
    again = api.put("/v1/candidates/ats-1", json=ADA)
    assert again.status_code == 422
    assert "was erased" in again.json()["error"]["message"]
    assert api.delete("/v1/candidates/ats-1").status_code == 404


def test_refresh_is_queued_for_the_next_run(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    api.put("/v1/candidates/ats-2", json={**ADA, "full_name": "Other"})
    now = datetime.now(UTC)
    with UnitOfWork(api.sessions) as uow:
        for eid in ("ats-1", "ats-2"):
            row = uow.candidates.get_row(eid)
            assert row is not None
            uow.candidates.mark_refreshed(row.id, now - timedelta(minutes=5))
            for source in row.sources:
                source.last_verified_at = now - timedelta(minutes=5)
        uow.commit()
    with UnitOfWork(api.sessions) as uow:
        assert uow.candidates.due(now, refresh_days=30) == []

    queued = api.post("/v1/candidates/ats-2/refresh")
    assert queued.status_code == 202
    assert queued.json()["external_id"] == "ats-2"
    with UnitOfWork(api.sessions) as uow:
        assert [r.external_id for r in uow.candidates.due(now, refresh_days=30)] == ["ats-2"]
        row = uow.candidates.get_row("ats-2")
        assert row is not None
        uow.candidates.mark_refreshed(row.id, datetime.now(UTC) + timedelta(seconds=1))
        uow.commit()
    with UnitOfWork(api.sessions) as uow:
        assert uow.candidates.due(now, refresh_days=30) == []
    assert api.post("/v1/candidates/nobody/refresh").status_code == 404
