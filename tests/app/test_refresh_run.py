"""A refresh run end to end: real crawl in a child process against a loopback site, real
storage on SQLite and PostgreSQL, real matching, diff and events."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from refresh_support import events_of, fast_crawl
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from medalist.demo.server import SiteServer
from medalist.refresh import Refresher
from medalist.settings import Settings, data_path
from storage.unit_of_work import UnitOfWork


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    shutil.copytree(data_path("demo", "site"), root)
    with SiteServer(root) as server:
        yield server


def _settings(database_url: str, site: SiteServer) -> Settings:
    return Settings(
        database_url=database_url,
        allow_hosts="127.0.0.1",
        github_api=f"{site.url}/github",
        orcid_api=f"{site.url}/orcid",
    )


ADA = {
    "external_id": "c-ada",
    "full_name": "Ada Quill",
    "location": "London, UK",
    "profiles": [{"kind": "website", "url": "{site}/ada/"}],
    "positions": [{"title": "Software Engineer", "company": "Acme Analytics", "start": "2019-03"}],
    "skills": ["python", "sql"],
}
GRACE = {
    "external_id": "c-grace",
    "full_name": "Grace Okafor",
    "location": "Berlin, Germany",
    "profiles": [{"kind": "jsonresume", "url": "{site}/grace/resume.json"}],
    "positions": [
        {"title": "Senior Software Engineer", "company": "Initech", "start": "2020-02"},
    ],
    "skills": ["go"],
}


def _store(uow: UnitOfWork, site: SiteServer, *people: dict[str, Any]) -> None:
    with uow:
        for person in people:
            data = dict(person)
            data["profiles"] = [
                {**p, "url": p["url"].replace("{site}", site.url)} for p in person["profiles"]
            ]
            uow.candidates.upsert(Candidate.from_dict(data))
        uow.commit()


def test_a_run_finds_a_promotion_and_a_job_change_and_a_second_run_adds_nothing(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    settings = _settings(database_url, site)
    _store(uow, site, ADA, GRACE)
    refresher = Refresher(settings, session_factory, crawl=fast_crawl(settings))

    first = refresher.run()

    assert first.failed == 0, first.errors
    assert first.fetched == 2
    ada = {e["type"]: e for e in events_of(uow, "c-ada")}
    assert ada["promotion"]["leveled_up"] is True
    assert ada["promotion"]["before"]["title"] == "Software Engineer"
    assert ada["promotion"]["after"]["title"] == "Senior Software Engineer"
    assert ada["promotion"]["evidence"][0]["url"] == f"{site.url}/ada/"
    grace = {e["type"]: e for e in events_of(uow, "c-grace")}
    assert grace["job_change"]["after"]["company"].startswith("Globex")
    assert grace["job_change"]["leveled_up"] is True
    assert "kubernetes" in {s.casefold() for s in grace["new_skill"]["after"]["skills"]}
    first_ids = {e["id"] for e in events_of(uow, "c-ada") + events_of(uow, "c-grace")}
    with uow:
        row = uow.candidates.get_row("c-ada")
        assert row is not None
        facts = sorted((p.title, p.company, p.start, p.end, p.source_kind) for p in row.positions)
        assert facts == [
            ("Senior Software Engineer", "Acme Analytics", "2025-01", None, "website"),
            ("Software Engineer", "Acme Analytics", "2019-03", "2024-12", None),
        ], "the page's role without an employer is the stored job, now ended"
        grace = uow.candidates.get_row("c-grace")
        assert grace is not None and grace.location == "Berlin, DE"

    second = refresher.run(everyone=True)

    assert second.events_new == 0
    assert second.not_modified == 2, "the second fetch is a conditional request answered 304"
    assert {e["id"] for e in events_of(uow, "c-ada") + events_of(uow, "c-grace")} == first_ids


def test_an_opted_out_person_is_never_fetched(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    settings = _settings(database_url, site)
    _store(uow, site, ADA, GRACE)
    with uow:
        uow.candidates.set_opted_out("c-grace")
        uow.commit()

    Refresher(settings, session_factory, crawl=fast_crawl(settings)).run(everyone=True)

    paths = [path for path, _ in site.requests]
    assert "/ada/" in paths
    assert not any(path.startswith("/grace") for path in paths)
    assert events_of(uow, "c-grace") == []


class _CrashAfterFirst(Refresher):
    """Dies (as a killed process would) after committing the first candidate."""

    done = 0

    def _refresh_one(self, *args: Any, **kwargs: Any) -> None:
        if self.done == 1:
            raise KeyboardInterrupt("killed mid-run")
        super()._refresh_one(*args, **kwargs)
        self.done += 1


def test_a_run_killed_midway_resumes_without_duplicateevents_of(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    settings = _settings(database_url, site)
    _store(uow, site, ADA, GRACE)

    with pytest.raises(KeyboardInterrupt):
        _CrashAfterFirst(settings, session_factory, crawl=fast_crawl(settings)).run()
    with uow:
        runs = uow.runs.list()
        assert runs[0].status == "failed"
    Refresher(settings, session_factory, crawl=fast_crawl(settings)).run()
    Refresher(settings, session_factory, crawl=fast_crawl(settings)).run(everyone=True)

    for external_id in ("c-ada", "c-grace"):
        events = events_of(uow, external_id)
        assert events, external_id
        keys = [(e["type"], (e["after"] or {}).get("title")) for e in events]
        assert len(keys) == len(set(keys)), f"duplicate events for {external_id}: {keys}"
