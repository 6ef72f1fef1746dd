"""``medalist notice``: a complete, readable account of what is held on a person with several
sources, where each piece came from; the same document as JSON and through the API's
service."""

from __future__ import annotations

import json

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
from medalist.services import notices, review
from storage.unit_of_work import UnitOfWork


def test_the_notice_names_every_fact_source_and_event_with_where_it_came_from(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, site: SiteServer
) -> None:
    settings = settings_for(database_url, site)
    with uow:
        for person in people(site):
            uow.candidates.upsert(person)
        uow.commit()
    refresher(settings, session_factory).run(everyone=True)
    with uow:  # a review item about her, decided by a recruiter
        ada = uow.candidates.get_row("ats-ada-1815")
        assert ada is not None
        match, _ = uow.matches.add_pending(
            "feed:ada",
            {
                "full_name": "Ada Lovelace",
                "kind": "feed",
                "url": "https://news.example/ada-joins",
                "fetched_at": "2026-11-30T02:00:00Z",
            },
            candidate_id=ada.id,
            score=0.8,
            method="fuzzy",
            reasons=[],
        )
        uow.commit()
    review.decide(session_factory, match.id, "reject", decided_by="recruiter", actor="user:rita")

    result = CliRunner().invoke(cli, ["notice", "ats-ada-1815"], obj=settings)

    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("What we hold about Ada Lovelace (our reference ats-ada-1815)")
    for expected in (
        "name: Ada Lovelace",
        "email: ada@lovelace.example",
        "location: Marylebone, London",
        "skill: babbage-notation",
        "from our applicant tracking system (imported ",
        f"website {site.url}/ada/ (given in your application; added ",
        "orcid 0000-0002-1694-233X",
        "github countess-of-lovelace",
        f"from website {site.url}/ada/ (read 20",
        "Senior Software Engineer at Analytical Engines",
        "promotion: Senior Software Engineer at Analytical Engines [new]",
        f"evidence: from website {site.url}/ada/",
        "rejected by recruiter",
        "from feed https://news.example/ada-joins (read 2026-11-30T02:00:00Z)",
        "user:rita reject match:",
        "Your rights:",
        f"at most {settings.retention_days} days",
    ):
        assert expected in text, f"{expected!r} missing from:\n{text}"
    assert "copies kept: 1" in text, "the website's snapshot is listed"

    as_json = CliRunner().invoke(cli, ["notice", "ats-ada-1815", "--json"], obj=settings)
    document = json.loads(as_json.output)
    assert document == notices.notice(
        session_factory, "ats-ada-1815", settings=settings
    ).model_dump(mode="json") | {"generated_at": document["generated_at"]}
    crawled = [i for i in document["held"] if i["source"]["kind"] != "ats"]
    assert crawled and all(i["source"]["url"] and i["source"]["fetched_at"] for i in crawled)
    assert all(i["source"]["fetched_at"] for i in document["held"]), "every piece has a time"
    assert {s["kind"] for s in document["sources"]} == {"website", "orcid", "github"}


def test_no_notice_for_someone_not_held(database_url: str, site: SiteServer) -> None:
    settings = settings_for(database_url, site)
    result = CliRunner().invoke(cli, ["notice", "ats-nobody"], obj=settings)
    assert result.exit_code == 1
    assert "no stored candidate 'ats-nobody'" in result.output
