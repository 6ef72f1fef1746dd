"""The streaming run under failure: hostile data in one candidate, NUL bytes, sources that all
fail, sources that went away, and a ``kill -9`` in the middle of the crawl. Real child-process
crawls of a loopback site, real SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from refresh_support import events_of, fast_crawl, page_of, person_with
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from medalist.demo.server import SiteServer
from medalist.refresh import Refresher
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def people_site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    for i in range(12):
        folder = root / f"p{i}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(
            page_of(f"Person Number{i}", "Senior Platform Engineer", "Globex"), encoding="utf-8"
        )
    nul = root / "nul"
    nul.mkdir()
    (nul / "index.html").write_text(
        page_of("Nul Person", "Senior Platform Engineer", "Globex", extra="\x00"),
        encoding="utf-8",
    )
    with SiteServer(root) as server:
        yield server


def _settings(database_url: str, **extra: object) -> Settings:
    return Settings(database_url=database_url, allow_hosts="127.0.0.1", **extra)  # type: ignore[arg-type]


def test_hostile_urls_and_nul_bytes_cost_only_their_own_source(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    people_site: SiteServer,
) -> None:
    with uow:
        uow.candidates.upsert(person_with(0, f"{people_site.url}/p0/"))
        uow.candidates.upsert(person_with("tel", "tel:+15551234", f"{people_site.url}/p1/"))
        uow.candidates.upsert(person_with("js", "javascript:alert(1)"))
        nul = person_with("nul", f"{people_site.url}/nul/")
        uow.candidates.upsert(nul)
        uow.commit()
    settings = _settings(database_url)
    summary = Refresher(settings, session_factory, crawl=fast_crawl(settings)).run()

    assert summary.failed == 2, summary.errors
    assert sum(summary.errors_by_kind.values()) == 2
    assert summary.fetched == 3
    assert [e["type"] for e in events_of(uow, "c-0")] == ["job_change"]
    (event,) = events_of(uow, "c-nul")
    assert event["after"]["title"] == "Senior Platform Engineer"
    with uow:
        row = uow.candidates.get_row("c-js")
        assert row is not None and row.last_refreshed_at is not None
        (source,) = row.sources
        assert source.last_status in ("refused", "error"), source.last_error
        assert "javascript" in (source.last_error or "")
        run = uow.runs.list()[0]
        assert run.status == "finished"
        assert sum(run.counts["errors_by_kind"].values()) == 2


def test_a_run_whose_sources_all_fail_exits_1_and_says_why(
    database_url: str, uow: UnitOfWork, people_site: SiteServer, medalist: object
) -> None:
    with uow:
        uow.candidates.upsert(person_with(0, f"{people_site.url}/missing-a/"))
        uow.candidates.upsert(person_with(1, "https://10.0.0.1/private/"))
        uow.commit()
    env = {
        **os.environ,
        "MEDALIST_DATABASE_URL": database_url,
        "MEDALIST_ALLOW_HOSTS": "127.0.0.1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "medalist", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "all 2 source(s) failed (1 gone, 1 refused)" in done.stderr
    assert "Traceback" not in done.stderr
    runs = subprocess.run(
        [sys.executable, "-m", "medalist", "runs", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    latest = json.loads(runs.stdout.splitlines()[0])
    assert latest["errors_by_kind"] == {"gone": 1, "refused": 1}


def test_profile_gone_is_one_event_per_candidate_listing_every_source(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    people_site: SiteServer,
) -> None:
    with uow:
        uow.candidates.upsert(
            person_with(0, f"{people_site.url}/gone-a/", f"{people_site.url}/gone-b/")
        )
        uow.commit()
    settings = _settings(database_url)
    for _ in range(3):
        Refresher(settings, session_factory, crawl=fast_crawl(settings)).run(everyone=True)
    events = events_of(uow, "c-0")
    assert [e["type"] for e in events] == ["profile_gone"]
    urls = sorted(s["url"] for s in events[0]["before"]["sources"])
    assert urls == [f"{people_site.url}/gone-a/", f"{people_site.url}/gone-b/"]


def _refreshed(uow: UnitOfWork, ids: list[str]) -> int:
    with uow:
        rows = [uow.candidates.get_row(i) for i in ids]
        return sum(1 for r in rows if r is not None and r.last_refreshed_at is not None)


def _twelve_people(uow: UnitOfWork, site: SiteServer, database_url: str) -> dict[str, str]:
    """Store c-0 ... c-11, each with a page on ``site``; the environment of a run for them."""
    with uow:
        for i in range(12):
            uow.candidates.upsert(person_with(i, f"{site.url}/p{i}/"))
        uow.commit()
    return {
        **os.environ,
        "MEDALIST_DATABASE_URL": database_url,
        "MEDALIST_ALLOW_HOSTS": "127.0.0.1",
    }


def test_kill_9_during_the_crawl_loses_only_what_was_in_flight(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    people_site: SiteServer,
) -> None:
    ids = [f"c-{i}" for i in range(12)]
    # the default politeness (one host: a delay between requests) makes the crawl slow enough
    # to be killed half-way
    env = _twelve_people(uow, people_site, database_url)
    run = subprocess.Popen(
        [sys.executable, "-m", "medalist", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while _refreshed(uow, ids) < 3 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    assert run.poll() is None, "the run ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    done_before = _refreshed(uow, ids)
    assert 3 <= done_before < 12
    fetched_before = len([p for p, _ in people_site.requests if p.startswith("/p")])
    time.sleep(1.5)  # the crawler child dies with its parent: no request after this
    settled = len([p for p, _ in people_site.requests if p.startswith("/p")])

    settings = _settings(database_url)
    summary = Refresher(settings, session_factory, crawl=fast_crawl(settings)).run()

    assert summary.candidates == 12 - done_before
    assert _refreshed(uow, ids) == 12
    for external_id in ids:
        assert [e["type"] for e in events_of(uow, external_id)] == ["job_change"], external_id
    with uow:
        killed, finished = uow.runs.list()[1], uow.runs.list()[0]
        assert killed.status == "killed" and finished.status == "finished"
    fetched_all = len([p for p, _ in people_site.requests if p.startswith("/p")])
    # a clean run fetches each page once; pages the killed run had fetched are not fetched
    # again (its results are read back), so the kill costs at most what was in flight
    assert settled - fetched_before <= 2
    assert fetched_all - 12 <= 2, (fetched_all, settled, done_before)


def test_kill_9_during_apply_rolls_back_that_candidate_and_the_next_run_adds_it_once(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    people_site: SiteServer,
) -> None:
    ids = [f"c-{i}" for i in range(12)]
    env = _twelve_people(uow, people_site, database_url)
    env["MEDALIST_HOST_DELAY"] = "0"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(Path(__file__).parent)])
    # killed right after the 4th event row is written, before that candidate's commit
    killed = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "kill_in_apply.py"), "4", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _refreshed(uow, ids) == 3, "three candidates were committed, the 4th was in flight"
    with uow:
        events = uow.session.execute(text("SELECT count(*) FROM events")).scalar_one()
        snapshots = uow.session.execute(text("SELECT count(*) FROM snapshots")).scalar_one()
    assert events == 3, "the 4th candidate's event was rolled back with its unit of work"
    assert snapshots == 3, "and so was its snapshot: nothing half-written"

    settings = _settings(database_url)
    summary = Refresher(settings, session_factory, crawl=fast_crawl(settings)).run()

    assert summary.candidates == 9 and summary.failed == 0, summary.errors
    assert _refreshed(uow, ids) == 12
    for external_id in ids:
        assert [e["type"] for e in events_of(uow, external_id)] == ["job_change"], external_id
    with uow:
        per_source = uow.session.execute(
            text("SELECT source_id, count(*) FROM snapshots GROUP BY source_id")
        ).all()
        statuses = [r.status for r in uow.runs.list()]
    assert len(per_source) == 12 and {n for _, n in per_source} == {1}
    assert statuses == ["finished", "killed"]
    # the killed run's fetched pages were read back, not fetched again
    assert len([p for p, _ in people_site.requests if p.startswith("/p")]) <= 12 + 2
