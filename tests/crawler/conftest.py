"""Fixtures of the crawl tests: the loopback site (see ``crawl_loopback``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crawl_loopback import Reply, Site


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    server = Site()
    server.route(
        "/robots.txt",
        Reply(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
    )
    yield server
    server.close()
