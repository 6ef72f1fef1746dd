"""Candidates: upsert, mapping back to the domain, due selection, opt-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from enrichment.dates import PartialDate
from enrichment.model import Application, Candidate, Education, Position, ProfileRef
from storage.repositories import Provenance
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def ada(**changes: object) -> Candidate:
    data: dict[str, object] = {
        "external_id": "ats-123",
        "full_name": "Ada Lovelace",
        "emails": ("ada@example.com",),
        "location": "London, UK",
        "profiles": (
            ProfileRef("website", url="https://ada.example/"),
            ProfileRef("orcid", id="0000-0002-1825-0097"),
        ),
        "positions": (Position("Software Engineer", "Acme", PartialDate(2019, 3)),),
        "skills": ("python", "sql"),
        "education": (Education("UCL", "BSc Computer Science", end=PartialDate(2015)),),
        "applications": (Application("R-7", "final interview", PartialDate(2024, 5, 1)),),
    }
    data.update(changes)
    return Candidate(**data)  # type: ignore[arg-type]


def test_upsert_creates_and_reads_back_the_same_candidate(uow: UnitOfWork) -> None:
    with uow:
        assert uow.candidates.upsert(ada(), NOW) == "created"
        uow.commit()
    with uow:
        assert uow.candidates.get("ats-123") == ada()
        row = uow.candidates.get_row("ats-123")
        assert row is not None
        assert row.created_at == NOW and row.created_at.tzinfo is not None
        position = row.positions[0]
        assert (position.level, position.level_name, position.track) == (2, "mid", "ic")
        assert position.is_current and position.start == "2019-03"
        assert position.source_kind is None  # the ATS import
        assert {(s.kind, s.locator, s.origin) for s in row.sources} == {
            ("website", "https://ada.example/", "ats"),
            ("orcid", "0000-0002-1825-0097", "ats"),
        }


def test_identical_upsert_changes_nothing(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(ada(), NOW)
        uow.commit()
    with uow:
        assert uow.candidates.upsert(ada(), NOW + timedelta(days=1)) == "unchanged"
        uow.commit()
    with uow:
        row = uow.candidates.get_row("ats-123")
        assert row is not None and row.updated_at == NOW
        assert len(row.positions) == 1 and len(row.skills) == 2 and len(row.sources) == 2


def test_changed_upsert_replaces_ats_facts_and_keeps_crawled_ones(uow: UnitOfWork) -> None:
    later = NOW + timedelta(days=1)
    with uow:
        uow.candidates.upsert(ada(), NOW)
        uow.commit()
    with uow:
        row = uow.candidates.get_row("ats-123")
        assert row is not None
        crawled = Provenance("jsonresume", "https://ada.example/resume.json", NOW)
        orcid = next(s for s in row.sources if s.kind == "orcid")
        uow.sources.record_fetch(orcid.id, status="ok", fetched_at=NOW, etag='"v1"')
        uow.candidates.replace_facts(
            row.id,
            positions=[
                (Position("Software Engineer", "Acme", PartialDate(2019, 3)), None),
                (Position("Senior Software Engineer", "Acme", PartialDate(2025, 1)), crawled),
            ],
            skills=[("python", None), ("sql", None), ("rust", crawled)],
        )
        uow.sources.add_for_candidate(row.id, ProfileRef("github", id="adal"))
        uow.commit()
    changed = ada(
        full_name="Ada King",
        positions=(Position("Engineer", "Acme", PartialDate(2019, 3)),),
        skills=("python",),
        profiles=(ProfileRef("orcid", id="0000-0002-1825-0097"),),
        applications=(),
    )
    with uow:
        assert uow.candidates.upsert(changed, later) == "updated"
        uow.commit()
    with uow:
        row = uow.candidates.get_row("ats-123")
        assert row is not None
        assert row.full_name == "Ada King" and row.updated_at == later
        assert [(p.title, p.source_kind) for p in row.positions] == [
            ("Senior Software Engineer", "jsonresume"),
            ("Engineer", None),
        ]
        assert sorted(s.name for s in row.skills) == ["python", "rust"]
        assert row.applications == []
        sources = {(s.kind, s.origin): s for s in row.sources}
        # the website left the ATS record; the crawled GitHub source stays; ORCID keeps its state
        assert set(sources) == {("orcid", "ats"), ("github", "crawl")}
        assert sources["orcid", "ats"].etag == '"v1"'
        ats_only = uow.candidates.to_domain(row, ats_only=True)
        assert [p.title for p in ats_only.positions] == ["Engineer"]


def test_upsert_many_reports_each_outcome(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(ada(), NOW)
        uow.candidates.upsert(ada(external_id="ats-2", full_name="Bo"), NOW)
        uow.commit()
    with uow:
        outcomes = uow.candidates.upsert_many(
            [ada(), ada(external_id="ats-2", full_name="Bob"), ada(external_id="ats-3")], NOW
        )
        uow.commit()
    assert outcomes == {"ats-123": "unchanged", "ats-2": "updated", "ats-3": "created"}
    with uow:
        assert uow.candidates.count() == 3
        assert uow.candidates.ids_for(["ats-2", "nobody"]).keys() == {"ats-2"}


def test_due_selects_never_refreshed_and_stale_but_never_opted_out(uow: UnitOfWork) -> None:
    with uow:
        for eid in ("never", "fresh", "stale", "opted-out", "no-sources"):
            uow.candidates.upsert(ada(external_id=eid), NOW)
        uow.candidates.upsert(ada(external_id="bare", profiles=()), NOW)
        uow.commit()
    with uow:
        ids = uow.candidates.ids_for(["fresh", "stale", "opted-out", "no-sources", "bare"])
        for eid, verified in (
            ("fresh", NOW - timedelta(days=3)),
            ("stale", NOW - timedelta(days=45)),
        ):
            for source in uow.sources.for_candidate(ids[eid]):
                uow.sources.record_fetch(source.id, status="ok", fetched_at=verified)
            uow.candidates.mark_refreshed(ids[eid], verified)
        uow.candidates.mark_refreshed(ids["bare"], NOW - timedelta(days=90))
        assert uow.candidates.set_opted_out("opted-out")
        assert not uow.candidates.set_opted_out("nobody")
        uow.commit()
    with uow:
        due = [row.external_id for row in uow.candidates.due(NOW, refresh_days=30)]
        assert due == ["never", "no-sources", "stale"]
        assert [r.external_id for r in uow.candidates.due(NOW, 30, limit=1)] == ["never"]
        # with refresh_days=0 everything verified before now is due, opted-out still never
        assert "opted-out" not in [r.external_id for r in uow.candidates.due(NOW, 0)]
        assert "fresh" in [r.external_id for r in uow.candidates.due(NOW, 0)]


def test_delete_removes_the_candidate_and_everything_hanging_off_it(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(ada(), NOW)
        row = uow.candidates.get_row("ats-123")
        assert row is not None
        uow.events.add_if_new({"id": "evt_1", "type": "new_skill"}, "fp", candidate_id=row.id)
        uow.commit()
    with uow:
        assert uow.candidates.delete("ats-123")
        uow.commit()
    with uow:
        assert uow.candidates.get("ats-123") is None
        assert uow.events.since() == []
        assert uow.sources.list_watched() == []
