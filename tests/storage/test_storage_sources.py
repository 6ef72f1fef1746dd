"""Sources: watched many-person sources, fetch outcomes, crawler targets; snapshots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from enrichment.model import Candidate, Position, ProfileRecord, ProfileRef
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)


def test_watched_sources_add_list_remove(uow: UnitOfWork) -> None:
    with uow:
        row, new = uow.sources.add_watched("team_page", "https://acme.example/team")
        assert new and row.candidate_id is None
        again, new_again = uow.sources.add_watched("team_page", "https://acme.example/team")
        assert not new_again and again.id == row.id
        uow.sources.add_watched("feed", "https://acme.example/news.rss")
        with pytest.raises(ValueError):
            uow.sources.add_watched("github", "https://github.com/x")
        uow.commit()
    with uow:
        assert [s.kind for s in uow.sources.list_watched()] == ["team_page", "feed"]
        assert uow.sources.remove_watched("https://acme.example/team")
        assert not uow.sources.remove_watched("https://nowhere.example/")
        uow.commit()
    with uow:
        assert [s.url for s in uow.sources.list_watched()] == ["https://acme.example/news.rss"]


def test_fetch_outcomes_update_freshness_and_failure_counts(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(
            Candidate("ats-1", "Ada", profiles=(ProfileRef("github", id="adal"),))
        )
        (source,) = uow.sources.for_candidate(uow.candidates.ids_for(["ats-1"])["ats-1"])
        uow.sources.record_fetch(
            source.id, status="ok", fetched_at=NOW, etag='"a"', http_status=200
        )
        assert source.last_verified_at == NOW and source.etag == '"a"'
        later = NOW + timedelta(days=1)
        uow.sources.record_fetch(source.id, status="gone", fetched_at=later, http_status=404)
        uow.sources.record_fetch(source.id, status="gone", fetched_at=later, http_status=404)
        assert (source.gone_count, source.consecutive_failures) == (2, 2)
        assert source.last_verified_at == NOW and source.last_fetched_at == later
        uow.sources.record_fetch(source.id, status="error", fetched_at=later, error="timeout")
        assert source.last_error == "timeout" and source.consecutive_failures == 3
        uow.sources.record_fetch(source.id, status="not_modified", fetched_at=later)
        assert source.last_verified_at == later and source.consecutive_failures == 0
        assert source.etag == '"a"' and source.last_error is None
        with pytest.raises(ValueError):
            uow.sources.record_fetch(source.id, status="weird")
        assert uow.sources.as_target(source).to_dict() == {
            "source_id": str(source.id),
            "kind": "github",
            "url": None,
            "identifier": "adal",
            "etag": '"a"',
            "last_modified": None,
            "render": "auto",
        }
        uow.commit()


def test_snapshots_keep_what_a_fetch_yielded(uow: UnitOfWork) -> None:
    record = ProfileRecord(
        "Ada King",
        kind="website",
        url="https://ada.example/",
        positions=(Position("Senior Software Engineer", "Acme"),),
        fetched_at=NOW,
    )
    with uow:
        source, _ = uow.sources.add_watched("feed", "https://acme.example/news.rss")
        run = uow.runs.start(NOW)
        uow.snapshots.add(
            source.id, kind="feed", fetched_at=NOW, records=[record], url=source.url, run_id=run.id
        )
        uow.snapshots.add(source.id, kind="feed", fetched_at=NOW + timedelta(hours=1), records=[])
        uow.commit()
    with uow:
        latest = uow.snapshots.latest(source.id)
        assert latest is not None and latest.records == []
        oldest = uow.snapshots.for_source(source.id)[-1]
        assert ProfileRecord.from_dict(oldest.records[0]) == record
