"""Watched many-person sources in a run: entries linked by matching, namesakes never linked,
uncertain entries queued for review once, a person's decision remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from refresh_support import events_of, fast_crawl
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from medalist.demo.server import SiteServer
from medalist.refresh import Refresher
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

TEAM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Our team | Northwind Robotics</title>
<meta property="og:site_name" content="Northwind Robotics"></head>
<body><h1>Meet the team</h1>
<div class="team">
  <div class="card"><h3>Priya Raman</h3><p class="title">Director of Engineering</p></div>
  <div class="card"><h3>Maria Garcia</h3><p class="title">Head of Sales</p></div>
  <div class="card"><h3>Tomasz Nowak</h3><p class="title">Senior Mechanical Engineer</p></div>
</div></body></html>
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteServer]:
    root = tmp_path / "site"
    root.mkdir()
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "team.html").write_text(TEAM)
    with SiteServer(root) as server:
        yield server


def _person(external_id: str, name: str, title: str, company: str, location: str) -> Candidate:
    return Candidate.from_dict(
        {
            "external_id": external_id,
            "full_name": name,
            "location": location,
            "positions": [{"title": title, "company": company, "start": "2019-01"}],
        }
    )


def _refresher(database_url: str, factory: sessionmaker[Session], site: SiteServer) -> Refresher:
    settings = Settings(database_url=database_url, allow_hosts="127.0.0.1")
    return Refresher(settings, factory, crawl=fast_crawl(settings))


def test_team_page_entries_link_by_matching_and_namesakes_wait_for_review(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    with uow:
        uow.candidates.upsert(
            _person("c-priya", "Priya Raman", "Engineering Manager", "Northwind Robotics Ltd", "")
        )
        uow.candidates.upsert(
            _person("c-maria1", "Maria Garcia", "Account Executive", "Initech", "")
        )
        uow.candidates.upsert(_person("c-maria2", "María García", "Sales Manager", "Globex", ""))
        uow.sources.add_watched("team_page", f"{site.url}/team.html")
        uow.commit()
    refresher = _refresher(database_url, session_factory, site)

    first = refresher.run()

    assert first.failed == 0, first.errors
    promotion = {e["type"]: e for e in events_of(uow, "c-priya")}["promotion"]
    assert promotion["after"]["title"] == "Director of Engineering"
    assert promotion["leveled_up"] is True
    assert promotion["evidence"][0]["kind"] == "team_page"
    assert events_of(uow, "c-maria1") == [] and events_of(uow, "c-maria2") == []
    with uow:
        pending = uow.matches.pending()
        assert all(row.profile.get("full_name") != "Priya Raman" for row in pending)
        names = [row.profile.get("full_name") for row in pending]
        assert names.count("Maria Garcia") <= 1

    second = refresher.run(everyone=True)

    assert second.events_new == 0
    assert second.review == 0, "an entry already waiting for review is not queued again"
    with uow:
        assert len(uow.matches.pending()) == len(pending)


def test_a_rejected_review_is_remembered(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    with uow:
        uow.candidates.upsert(_person("c-maria1", "Maria Garcia", "Head of Sales", "Initech", ""))
        uow.sources.add_watched("team_page", f"{site.url}/team.html")
        uow.commit()
    refresher = _refresher(database_url, session_factory, site)
    refresher.run()
    with uow:
        pending = [r for r in uow.matches.pending() if r.profile.get("full_name") == "Maria Garcia"]
        assert pending, "a name-and-title match without employer agreement waits for a person"
        uow.matches.decide(pending[0].id, "reject", decided_by="recruiter")
        uow.commit()

    refresher.run(everyone=True)

    with uow:
        again = [r for r in uow.matches.pending() if r.profile.get("full_name") == "Maria Garcia"]
        assert again == []
    assert events_of(uow, "c-maria1") == []


def test_a_linked_review_is_acted_on_by_the_next_run(
    database_url: str,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
) -> None:
    with uow:
        uow.candidates.upsert(_person("c-maria1", "Maria Garcia", "Sales Manager", "Initech", ""))
        uow.sources.add_watched("team_page", f"{site.url}/team.html")
        uow.commit()
    refresher = _refresher(database_url, session_factory, site)
    refresher.run()
    assert events_of(uow, "c-maria1") == []
    with uow:
        pending = [r for r in uow.matches.pending() if r.profile.get("full_name") == "Maria Garcia"]
        assert len(pending) == 1
        uow.matches.decide(pending[0].id, "link", decided_by="recruiter")
        uow.commit()

    refresher.run(everyone=True)

    events = {e["type"]: e for e in events_of(uow, "c-maria1")}
    assert events["job_change"]["after"]["company"] == "Northwind Robotics"
    assert events["job_change"]["after"]["title"] == "Head of Sales"
    assert events["job_change"]["match"]["method"] == "reviewer"
    with uow:
        assert uow.matches.pending() == []
