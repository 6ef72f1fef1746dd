"""Minimal retention: an unchanged fetch adds no snapshot; the purge keeps only the snapshot
the diff needs, and not past MEDALIST_RETENTION_DAYS; it runs from the scheduler's registry
and from ``medalist purge``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from privacy_support import (
    people,
    refresher,
    settings_for,
    site_server,  # noqa: F401 (the fixture 'site')
)
from sqlalchemy.orm import Session, sessionmaker

from medalist.cli import cli
from medalist.demo.server import SiteServer
from medalist.scheduler import JOBS, PURGE_JOB, JobContext
from medalist.services import retention
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def test_a_page_fetched_again_unchanged_adds_no_snapshot(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, site: SiteServer
) -> None:
    settings = settings_for(database_url, site)
    with uow:
        uow.candidates.upsert(people(site)[1])
        uow.commit()
    refresher(settings, session_factory).run(everyone=True)
    with uow:
        assert uow.snapshots.count() == 1
        source = uow.candidates.get_row("ats-grace").sources[0]  # type: ignore[union-attr]
        first = uow.snapshots.latest(source.id)
        assert first is not None and first.records, "records, never the page body"
        assert "<html" not in str(first.records).lower()
        source.etag = source.last_modified = None  # a full GET, not a 304
        uow.commit()

    refresher(settings, session_factory).run(everyone=True)

    with uow:
        assert uow.snapshots.count() == 1, "same content hash: the snapshot is refreshed"
        latest = uow.snapshots.latest(source.id)
        assert latest is not None and latest.fetched_at >= first.fetched_at


def _source_with_snapshots(uow: UnitOfWork, url: str, times: list[datetime]) -> int:
    source, _ = uow.sources.add_watched("feed", url)
    source.etag = '"v1"'
    for i, when in enumerate(times):
        uow.snapshots.add(
            source.id,
            kind="feed",
            fetched_at=when,
            records=[{"full_name": f"Entry {i}"}],
            content_hash=f"sha256:{url}:{i}",
        )
    return source.id


def test_the_purge_keeps_only_the_newest_snapshot_and_none_past_the_retention(
    uow: UnitOfWork, session_factory: sessionmaker[Session]
) -> None:
    with uow:
        fresh = _source_with_snapshots(
            uow, "https://a.example/feed", [NOW - timedelta(days=d) for d in (9, 5, 1)]
        )
        stale = _source_with_snapshots(uow, "https://b.example/feed", [NOW - timedelta(days=40)])
        match, _ = uow.matches.add(
            "k-1",
            {"full_name": "A Stranger"},
            candidate_id=None,
            score=0.6,
            method="fuzzy",
            reasons=[],
            decision="review",
            status="rejected",
            decided_by="rita",
            now=NOW - timedelta(days=60),
        )
        uow.commit()

    purged = retention.purge(session_factory, retention_days=30, now=NOW)

    assert (purged.snapshots_superseded, purged.snapshots_expired) == (2, 1)
    assert purged.profiles_forgotten == 1
    with uow:
        kept = uow.snapshots.for_source(fresh)
        assert [s.records[0]["full_name"] for s in kept] == ["Entry 2"]
        assert uow.snapshots.for_source(stale) == []
        stale_source = uow.sources.get(stale)
        assert stale_source is not None and stale_source.etag is None, (
            "no 304 can be answered from a snapshot that is gone"
        )
        fresh_source = uow.sources.get(fresh)
        assert fresh_source is not None and fresh_source.etag == '"v1"'
        remembered = uow.matches.get(match.id)
        assert remembered is not None and remembered.profile == {}
        assert remembered.status == "rejected" and remembered.profile_key == "k-1"
    again = retention.purge(session_factory, retention_days=30, now=NOW)
    assert (again.snapshots_superseded, again.snapshots_expired) == (0, 0)


def test_the_purge_is_a_scheduled_job_and_a_command(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    import threading

    assert PURGE_JOB in JOBS and PURGE_JOB.id == "medalist.purge"
    with uow:
        _source_with_snapshots(
            uow, "https://a.example/feed", [datetime.now(UTC) - timedelta(hours=h) for h in (2, 1)]
        )
        uow.commit()
    settings = Settings(database_url=database_url)
    line = PURGE_JOB.body(JobContext(settings, session_factory, threading.Event()))
    assert line.startswith("purged 1 superseded and 0 expired snapshot(s)")

    result = CliRunner().invoke(cli, ["purge"], obj=settings)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("purged 0 superseded and 0 expired snapshot(s)")
