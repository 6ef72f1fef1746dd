"""What the run tests share: a crawler without politeness delays, and a candidate's events."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from enrichment.model import Candidate
from enrichment.protocol import Result, Target
from medalist.crawling import stream
from medalist.refresh import Crawl
from medalist.settings import Settings
from storage.repositories import EventRepository
from storage.unit_of_work import UnitOfWork

#: Scrapy settings for loopback tests: no AutoThrottle, no delay, no retries.
FAST = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "RETRY_TIMES": "0"}


def fast_crawl(settings: Settings) -> Crawl:
    """The real child-process crawl with ``settings``, minus the waiting."""

    def run(targets: Iterable[Target], _: Settings) -> Iterator[Result]:
        return stream(targets, settings, scrapy_overrides=FAST)

    return run


def events_of(uow: UnitOfWork, external_id: str) -> list[dict[str, Any]]:
    """A stored candidate's events, oldest first, as the contract's dictionaries."""
    with uow:
        row = uow.candidates.get_row(external_id)
        assert row is not None, external_id
        return [EventRepository.to_dict(e) for e in uow.events.for_candidate(row.id)]


def page_of(name: str, title: str, company: str, extra: str = "") -> str:
    """A personal page with a schema.org Person in JSON-LD."""
    person = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": name,
        "jobTitle": title + extra,
        "worksFor": {"@type": "Organization", "name": company},
    }
    return (
        "<!doctype html><html><head><title>" + name + "</title>"
        '<script type="application/ld+json">' + json.dumps(person) + "</script></head>"
        "<body><h1>" + name + "</h1></body></html>"
    )


def person_with(i: int | str, *urls: str) -> Candidate:
    """A stored Software Engineer at Initech with these website profiles."""
    return Candidate.from_dict(
        {
            "external_id": f"c-{i}",
            "full_name": f"Person Number{i}",
            "profiles": [{"kind": "website", "url": url} for url in urls],
            "positions": [{"title": "Software Engineer", "company": "Initech", "start": "2018-01"}],
        }
    )
