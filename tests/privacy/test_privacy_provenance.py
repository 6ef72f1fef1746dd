"""Provenance: a location found by crawling says where it came from, in the record the API
serves and in the notice; a new ATS location is the ATS's again."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from medalist.services import candidates
from storage.repositories import Provenance
from storage.unit_of_work import UnitOfWork

READ = datetime(2026, 11, 26, 2, 14, 9, tzinfo=UTC)


def _ada(location: str) -> Candidate:
    return Candidate.from_dict(
        {"external_id": "ats-1", "full_name": "Ada Lovelace", "location": location}
    )


def test_a_crawled_location_keeps_its_source_until_the_ats_changes_it(
    uow: UnitOfWork, session_factory: sessionmaker[Session]
) -> None:
    with uow:
        uow.candidates.upsert(_ada("London, UK"))
        uow.commit()
    record = candidates.get_record(session_factory, "ats-1")
    assert record.location_provenance is not None and record.location_provenance.kind == "ats"

    with uow:
        row = uow.candidates.get_row("ats-1")
        assert row is not None
        uow.candidates.replace_facts(
            row.id,
            location="Leeds, UK",
            location_provenance=Provenance("website", "https://ada.example/", READ),
        )
        uow.commit()

    record = candidates.get_record(session_factory, "ats-1")
    assert record.location == "Leeds, UK"
    assert record.location_provenance is not None
    assert record.location_provenance.model_dump() == {
        "kind": "website",
        "url": "https://ada.example/",
        "fetched_at": "2026-11-26T02:14:09Z",
    }

    with uow:
        uow.candidates.upsert(_ada("Bristol, UK"))
        uow.commit()
    record = candidates.get_record(session_factory, "ats-1")
    assert record.location == "Bristol, UK"
    assert record.location_provenance is not None and record.location_provenance.kind == "ats"
