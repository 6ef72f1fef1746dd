"""A candidate whose sources answer far apart: the early answers wait on disk, not in memory,
and the candidate is applied once, with every answer, when its last source has answered."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from refresh_support import person_with
from sqlalchemy.orm import Session, sessionmaker

from enrichment.protocol import FetchStatus, Result, Target
from medalist import refresh
from medalist.refresh import Refresher, _Parked
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

PEOPLE = 12


def _answer(target: Target) -> Result:
    """``/a/N`` says Senior Software Engineer at Initech; ``/b/N`` adds Rust as a skill."""
    first = "/a/" in (target.url or "")
    record = {
        "kind": "website",
        "url": target.url,
        "full_name": f"Person Number{(target.url or '').rsplit('/', 1)[-1]}",
        "positions": [
            {"title": "Senior Software Engineer", "company": "Initech", "start": "2024-01"}
        ]
        if first
        else [],
        "skills": [] if first else ["Rust"],
    }
    return Result(
        source_id=target.source_id,
        kind=target.kind,
        url=target.url,
        status=FetchStatus.OK,
        http_status=200,
        records=[record],
    )


def _first_sources_first(targets: Iterable[Target], _: Settings) -> Iterator[Result]:
    """Every candidate's ``/a/`` source answers before any ``/b/`` source (one spider per kind
    running ahead of the other does this)."""
    planned = list(targets)
    for target in sorted(planned, key=lambda t: "/b/" in (t.url or "")):
        yield _answer(target)


def test_early_answers_wait_for_the_last_one_and_the_candidate_is_applied_once(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    with uow:
        for i in range(PEOPLE):
            uow.candidates.upsert(
                person_with(i, f"http://site.test/a/{i}", f"http://site.test/b/{i}")
            )
        uow.commit()
    summary = Refresher(
        Settings(database_url=database_url), session_factory, crawl=_first_sources_first
    ).run()

    assert summary.fetched == 2 * PEOPLE and summary.candidates == PEOPLE, summary.errors
    assert summary.linked == 2 * PEOPLE
    with uow:
        for i in range(PEOPLE):
            row = uow.candidates.get_row(f"c-{i}")
            assert row is not None and row.last_refreshed_at is not None
            stored = uow.candidates.to_domain(row)
            assert "Senior Software Engineer" in [p.title for p in stored.positions]
            assert "Rust" in stored.skills, "the late source's facts are applied with the early"
            events = uow.events.for_candidate(row.id)
            assert len([e for e in events if e.type == "promotion"]) == 1


def test_the_parked_file_gives_back_each_candidates_results_once_then_starts_again() -> None:
    parked = _Parked()
    a = Result(source_id="1", kind="website", url="http://a/", status=FetchStatus.OK)
    b = Result(source_id="2", kind="website", url="http://b/", status=FetchStatus.NOT_MODIFIED)
    c = Result(source_id="3", kind="github", url=None, status=FetchStatus.GONE, error="HTTP 404")
    parked.put("x", 1, a)
    parked.put("y", 3, c)
    parked.put("x", 2, b)
    assert sorted(parked.owners()) == ["x", "y"]
    assert parked.take("x") == [(1, a), (2, b)]
    assert parked.take("x") == [] and parked.owners() == ["y"]
    assert parked.take("y") == [(3, c)]
    assert parked._file.seek(0, 2) == 0, "nothing parked: the file is empty again"
    parked.put("z", 4, a)
    assert parked.take("z") == [(4, a)]
    parked.close()


def test_a_long_run_empties_the_enrichment_caches_as_it_goes(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Memory flat in the number of candidates: the per-person caches are emptied every
    ``CLEAR_CACHES_EVERY`` applied candidates."""
    calls: list[int] = []
    monkeypatch.setattr(refresh, "CLEAR_CACHES_EVERY", 4)
    monkeypatch.setattr(refresh.caches, "clear", lambda: calls.append(1) or 0)
    with uow:
        for i in range(PEOPLE):
            uow.candidates.upsert(person_with(i, f"http://site.test/a/{i}"))
        uow.commit()
    Refresher(
        Settings(database_url=database_url), session_factory, crawl=_first_sources_first
    ).run()
    assert len(calls) == PEOPLE // 4 - 1 or len(calls) == PEOPLE // 4, calls
