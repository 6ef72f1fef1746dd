"""What the privacy tests share: a loopback site with a personal page and a team page, the
people on it, a run over it, and a dump of the whole database as text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate
from enrichment.protocol import Result, Target
from medalist.crawling import stream
from medalist.demo.server import SiteServer
from medalist.refresh import Crawl, Refresher
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork

SECRET = "privacy-test-secret-key"
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "RETRY_TIMES": "0"}

TEAM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Our team | Northwind Robotics</title>
<meta property="og:site_name" content="Northwind Robotics"></head>
<body><h1>Meet the team</h1>
<div class="team">
  <div class="card"><h3>Ada Lovelace</h3><p class="title">Principal Engineer</p></div>
  <div class="card"><h3>Priya Raman</h3><p class="title">Director of Engineering</p></div>
  <div class="card"><h3>Tomasz Nowak</h3><p class="title">Senior Mechanical Engineer</p></div>
</div></body></html>
"""


def person_page(name: str, title: str, company: str, email: str | None = None) -> str:
    """A personal page with a schema.org Person in JSON-LD."""
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": name,
        "jobTitle": title,
        "worksFor": {"@type": "Organization", "name": company},
    }
    if email:
        person["email"] = email
    return (
        "<!doctype html><html><head><title>" + name + "</title>"
        '<script type="application/ld+json">' + json.dumps(person) + "</script></head>"
        "<body><h1>" + name + "</h1></body></html>"
    )


@pytest.fixture(name="site")
def site_server(tmp_path: Path) -> Iterator[SiteServer]:
    """The loopback site, as the fixture ``site``: a test module imports ``site_server``
    (no conftest here: another folder's conftest module would be shadowed by it)."""
    with SiteServer(site_folder(tmp_path / "site")) as server:
        yield server


def site_folder(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "team.html").write_text(TEAM)
    for folder, page in {
        "ada": person_page(
            "Ada Lovelace", "Senior Software Engineer", "Analytical Engines", "ada@lovelace.example"
        ),
        "grace": person_page("Grace Hopper", "Rear Admiral", "US Navy"),
        "priya": person_page("Priya Raman", "Engineering Manager", "Northwind Robotics"),
    }.items():
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "index.html").write_text(page)
    return root


def people(site: SiteServer) -> list[Candidate]:
    """Ada (several sources and identifiers), Grace and Priya."""
    return [
        Candidate.from_dict(
            {
                "external_id": "ats-ada-1815",
                "full_name": "Ada Lovelace",
                "emails": ["ada@lovelace.example"],
                "location": "Marylebone, London",
                "profiles": [
                    {"kind": "website", "url": f"{site.url}/ada/"},
                    {"kind": "orcid", "id": "0000-0002-1694-233X"},
                    {"kind": "github", "id": "countess-of-lovelace"},
                ],
                "positions": [
                    {
                        "title": "Software Engineer",
                        "company": "Analytical Engines",
                        "start": "2019-03",
                    }
                ],
                "skills": ["babbage-notation"],
            }
        ),
        Candidate.from_dict(
            {
                "external_id": "ats-grace",
                "full_name": "Grace Hopper",
                "emails": ["grace@navy.example"],
                "profiles": [{"kind": "website", "url": f"{site.url}/grace/"}],
                "positions": [{"title": "Commander", "company": "US Navy", "start": "2015-01"}],
            }
        ),
        Candidate.from_dict(
            {
                "external_id": "ats-priya",
                "full_name": "Priya Raman",
                "profiles": [{"kind": "website", "url": f"{site.url}/priya/"}],
                "positions": [
                    {
                        "title": "Engineering Manager",
                        "company": "Northwind Robotics Ltd",
                        "start": "2019-01",
                    }
                ],
            }
        ),
    ]


#: What must not survive Ada's erasure anywhere in the database.
def ada_traces(site: SiteServer) -> list[str]:
    return [
        "Ada Lovelace",
        "ada@lovelace.example",
        "ats-ada-1815",
        f"{site.url}/ada",
        "0000-0002-1694-233X",
        "countess-of-lovelace",
        "Marylebone",
        "babbage-notation",
    ]


def settings_for(database_url: str, site: SiteServer) -> Settings:
    return Settings(
        database_url=database_url,
        allow_hosts="127.0.0.1",
        github_api=f"{site.url}/github",
        orcid_api=f"{site.url}/orcid",
        secret_key=SECRET,
    )


def fast_crawl(settings: Settings) -> Crawl:
    def run(targets: Iterable[Target], _: Settings) -> Iterator[Result]:
        return stream(targets, settings, scrapy_overrides=FAST)

    return run


def refresher(settings: Settings, sessions: sessionmaker[Session]) -> Refresher:
    return Refresher(settings, sessions, crawl=fast_crawl(settings))


def dump(engine: Engine) -> str:
    """The whole database as text: SQLite's ``iterdump``; on PostgreSQL every column of every
    row of every table of the schema, cast to text."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            return "\n".join(raw.driver_connection.iterdump())  # type: ignore[union-attr]
        finally:
            raw.close()
    lines: list[str] = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            columns = [c["name"] for c in inspect(connection).get_columns(table)]
            select_list = ", ".join(f'CAST("{c}" AS TEXT)' for c in columns)
            for row in connection.execute(text(f'SELECT {select_list} FROM "{table}"')):
                lines.append(f"{table}: " + " | ".join("" if v is None else str(v) for v in row))
    return "\n".join(lines)


def found_in(haystack: str, needles: Iterable[str]) -> list[str]:
    """The needles found in ``haystack``, as written, case-folded or as JSON escapes."""
    folded = haystack.casefold()
    found = []
    for needle in needles:
        forms = {needle.casefold(), json.dumps(needle)[1:-1].casefold()}
        if any(form in folded for form in forms):
            found.append(needle)
    return found


def store_everyone(uow: UnitOfWork, site: SiteServer) -> None:
    """The people, the watched team page and a webhook subscription."""
    with uow:
        for person in people(site):
            uow.candidates.upsert(person)
        uow.sources.add_watched("team_page", f"{site.url}/team.html")
        uow.webhooks.add("http://127.0.0.1:9/hook", "s3cret")
        uow.commit()
