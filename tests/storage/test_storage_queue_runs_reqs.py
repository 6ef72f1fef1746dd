"""The review queue, runs, requisitions and erased people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from enrichment.model import Candidate, Requisition
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def test_review_queue_and_remembered_decisions(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert_many([Candidate("ats-1", "Ada"), Candidate("ats-2", "Ada B")])
        ids = uow.candidates.ids_for(["ats-1", "ats-2"])
        profile = {"full_name": "Ada King", "kind": "team_page"}
        first, new = uow.matches.add_pending(
            "team:acme#ada",
            profile,
            candidate_id=ids["ats-1"],
            score=0.7,
            method="name",
            reasons=["name similar"],
            now=NOW,
        )
        assert new
        _, new_again = uow.matches.add_pending(
            "team:acme#ada",
            profile,
            candidate_id=ids["ats-1"],
            score=0.7,
            method="name",
            reasons=[],
            now=NOW,
        )
        assert not new_again
        uow.matches.add_pending(
            "team:acme#ada",
            profile,
            candidate_id=ids["ats-2"],
            score=0.6,
            method="name",
            reasons=[],
            now=NOW + timedelta(seconds=1),
        )
        uow.commit()
    with uow:
        assert [m.candidate_id for m in uow.matches.pending()] == [ids["ats-1"], ids["ats-2"]]
        assert uow.matches.remembered("team:acme#ada") == []
        decided = uow.matches.decide(first.id, "link", decided_by="rita", now=NOW)
        assert decided is not None and decided.status == "linked"
        assert uow.matches.decide(999_999, "reject", decided_by="rita") is None
        uow.commit()
    with uow:
        assert [m.candidate_id for m in uow.matches.pending()] == [ids["ats-2"]]
        link = uow.matches.remembered_link("team:acme#ada")
        assert link is not None and link.candidate_id == ids["ats-1"] and link.decided_by == "rita"


def test_runs_start_finish_and_list(uow: UnitOfWork) -> None:
    with uow:
        first = uow.runs.start(NOW)
        uow.commit()
    with uow:
        uow.runs.finish(first.id, counts={"candidates": 3}, errors=["x: timeout"], now=NOW)
        second = uow.runs.start(NOW + timedelta(days=1))
        uow.commit()
    with uow:
        runs = uow.runs.list()
        assert [r.id for r in runs] == [second.id, first.id]
        assert runs[1].status == "finished" and runs[1].counts == {"candidates": 3}
        assert runs[1].errors == ["x: timeout"] and runs[0].status == "running"


def test_requisitions_upsert_classify_and_list_open(uow: UnitOfWork) -> None:
    reqs = [
        Requisition("R-9", "Senior Backend Engineer", skills=("python",), location="Remote"),
        Requisition("R-7", "Engineering Manager", level=5, min_years=6),
        Requisition("R-1", "Intern", status="closed"),
    ]
    with uow:
        assert set(uow.requisitions.upsert_many(reqs, NOW).values()) == {"created"}
        uow.commit()
    with uow:
        assert set(uow.requisitions.upsert_many(reqs, NOW).values()) == {"unchanged"}
        assert [r.req_id for r in uow.requisitions.list_open()] == ["R-7", "R-9"]
        r9 = uow.requisitions.get("R-9")
        assert r9 is not None and r9.level == 3  # classified from the title
        assert uow.requisitions.upsert(Requisition("R-9", "Staff Backend Engineer")) == "updated"
        uow.commit()
    with uow:
        r9 = uow.requisitions.get("R-9")
        assert r9 is not None and r9.level == 4 and r9.skills == ()


def test_erased_people_digests(uow: UnitOfWork) -> None:
    with uow:
        assert uow.erased.add([("external_id", "h1"), ("email", "h2")], NOW) == 2
        assert uow.erased.add([("email", "h2")], NOW) == 0
        uow.commit()
    with uow:
        assert uow.erased.find(["h2", "h3"]) == {"h2"}
