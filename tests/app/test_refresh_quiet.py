"""The quiet night: candidates whose sources all answered 304 are recorded together, in a few
statements, and only when nothing about them can have changed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from refresh_support import events_of, person_with
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from enrichment.protocol import FetchStatus, Result, Target
from medalist.refresh import Refresher
from medalist.settings import Settings
from storage.models import SnapshotRow, SourceRow
from storage.unit_of_work import UnitOfWork

PEOPLE = 40


def _page(target: Target, i: str) -> Result:
    record = {
        "kind": "website",
        "url": target.url,
        "full_name": f"Person Number{i}",
        "positions": [
            {"title": "Senior Software Engineer", "company": "Initech", "start": "2024-01"}
        ],
    }
    return Result(
        source_id=target.source_id,
        kind=target.kind,
        url=target.url,
        status=FetchStatus.OK,
        http_status=200,
        etag=f'"v1-{i}"',
        content_hash=f"hash-{i}",
        records=[record],
    )


def _scripted(status: FetchStatus) -> Any:
    """A crawl answering every target with a page (OK) or 304 (NOT_MODIFIED, no validators)."""

    def crawl(targets: Iterable[Target], _: Settings) -> Iterator[Result]:
        for target in targets:
            i = (target.url or "").rsplit("/", 1)[-1]
            if status is FetchStatus.OK:
                yield _page(target, i)
            else:
                yield Result(
                    source_id=target.source_id,
                    kind=target.kind,
                    url=target.url,
                    status=FetchStatus.NOT_MODIFIED,
                    http_status=304,
                )

    return crawl


def test_an_unchanged_night_records_304s_in_bulk_and_diffs_only_what_changed(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, engine: Engine
) -> None:
    with uow:
        for i in range(PEOPLE):
            uow.candidates.upsert(person_with(i, f"http://site.test/p/{i}"))
        uow.commit()
    settings = Settings(database_url=database_url)
    first = Refresher(settings, session_factory, crawl=_scripted(FetchStatus.OK)).run()
    assert first.fetched == PEOPLE and first.events_new == PEOPLE
    with uow:
        snapshots = uow.session.scalar(select(func.count()).select_from(SnapshotRow))
    # one person's ATS record changed since (an import): their stored title is older again
    with uow:
        changed = person_with(7, "http://site.test/p/7").to_dict()
        changed["positions"] = [{"title": "Engineer", "company": "Initech", "start": "2015-01"}]
        uow.candidates.upsert(Candidate.from_dict(changed))
        uow.commit()

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        second = Refresher(
            settings, session_factory, crawl=_scripted(FetchStatus.NOT_MODIFIED)
        ).run(everyone=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert second.not_modified == PEOPLE and second.failed == 0, second.errors
    assert second.candidates == PEOPLE
    # 39 quiet people are one batch; only the changed one is read, linked and diffed
    assert len(statements) < 60, f"{len(statements)} statements for {PEOPLE} quiet candidates"
    assert [e["type"] for e in events_of(uow, "c-7")].count("promotion") >= 1
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(SnapshotRow)) == snapshots, (
            "a 304 adds no snapshot"
        )
        sources = list(uow.session.scalars(select(SourceRow).order_by(SourceRow.id)))
        assert {s.last_status for s in sources} == {"not_modified"}
        assert all(s.etag and s.etag.startswith('"v1-') for s in sources), "validators kept"
        assert all(s.last_http_status == 304 and s.consecutive_failures == 0 for s in sources)
        rows = [uow.candidates.get_row(f"c-{i}") for i in range(PEOPLE)]
        assert all(
            r is not None
            and r.last_refreshed_at is not None
            and r.last_refreshed_at >= r.updated_at
            for r in rows
        ), "every quiet candidate is marked refreshed"
