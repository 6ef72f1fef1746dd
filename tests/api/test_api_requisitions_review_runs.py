"""Requisitions and who qualifies; the review queue with both sides and who decided; runs."""

from __future__ import annotations

from api_support import store_candidate
from conftest import Api

from storage.unit_of_work import UnitOfWork


def test_requisition_upsert_read_and_qualifying_candidates(api: Api) -> None:
    api.put(
        "/v1/candidates/ats-1",
        json={
            "full_name": "Ada",
            "positions": [
                {"title": "Senior Software Engineer", "company": "Acme", "start": "2015-01"}
            ],
            "skills": ["python"],
        },
    )
    api.put(
        "/v1/candidates/ats-2",
        json={
            "full_name": "Bob",
            "positions": [{"title": "Junior Developer", "company": "Acme", "start": "2024-01"}],
        },
    )
    put = api.put(
        "/v1/reqs/R-9",
        json={"title": "Senior Backend Engineer", "min_years": 3, "skills": ["python"]},
    )
    assert put.status_code == 200
    assert put.json()["outcome"] == "created"
    assert put.json()["requisition"]["level"] == 3
    assert api.get("/v1/reqs/R-9").json()["title"] == "Senior Backend Engineer"

    ranked = api.get("/v1/reqs/R-9/candidates").json()
    assert [c["external_id"] for c in ranked["candidates"]] == ["ats-1"]
    assert ranked["candidates"][0]["qualified"] is True
    assert ranked["candidates"][0]["reasons"]
    everyone = api.get("/v1/reqs/R-9/candidates", params={"include_unqualified": "true"}).json()
    assert [c["external_id"] for c in everyone["candidates"]] == ["ats-1", "ats-2"]
    assert everyone["candidates"][1]["qualified"] is False

    bad = api.put("/v1/reqs/R-9", json={"title": "X", "level": 12})
    assert bad.status_code == 422 and "level" in bad.json()["error"]["message"]
    assert api.get("/v1/reqs/R-404/candidates").json()["error"]["code"] == "requisition_not_found"


def test_review_shows_both_sides_and_records_who_decided(api: Api) -> None:
    cid = store_candidate(api.sessions, "ats-1")
    with UnitOfWork(api.sessions) as uow:
        row, _ = uow.matches.add_pending(
            "team:https://acme.example/team#ada",
            {"full_name": "Ada L.", "kind": "team_page", "url": "https://acme.example/team"},
            candidate_id=cid,
            score=0.71,
            method="fuzzy",
            reasons=["surname: exact (+4.2)", "employer: different (-2.0)"],
        )
        uow.commit()
        match_id = row.id
    [item] = api.get("/v1/review").json()["items"]
    assert item["id"] == match_id
    assert item["profile"]["full_name"] == "Ada L."
    assert item["candidate"]["external_id"] == "ats-1"
    assert item["agreeing"] == ["surname: exact (+4.2)"]
    assert item["disagreeing"] == ["employer: different (-2.0)"]
    assert item["explanation"] == {
        "agreed": ["same surname"],
        "disagreed": ["different employer"],
        "held_back": [],
        "notes": [],
    }

    decided = api.post(f"/v1/review/{match_id}", json={"decision": "link"})
    assert decided.status_code == 200
    assert decided.json()["status"] == "linked"
    assert decided.json()["decided_by"] == "apikey:crm"
    assert api.get("/v1/review").json()["items"] == []
    assert api.post(f"/v1/review/{match_id + 99}", json={"decision": "reject"}).status_code == 404
    assert api.post(f"/v1/review/{match_id}", json={"decision": "maybe"}).status_code == 422


def test_runs_newest_first_and_one_run(api: Api) -> None:
    with UnitOfWork(api.sessions) as uow:
        first = uow.runs.start()
        uow.runs.finish(first.id, counts={"candidates": 2}, errors=["x: timeout"])
        second = uow.runs.start()
        uow.commit()
        ids = (first.id, second.id)
    runs = api.get("/v1/runs").json()["runs"]
    assert [r["id"] for r in runs] == [ids[1], ids[0]]
    one = api.get(f"/v1/runs/{ids[0]}").json()
    assert one["status"] == "finished" and one["counts"] == {"candidates": 2}
    assert one["errors"] == ["x: timeout"]
    assert api.get("/v1/runs/999999").json()["error"]["code"] == "run_not_found"
