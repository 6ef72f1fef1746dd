"""What the run tests share: a crawler without politeness delays, and a candidate's events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

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
