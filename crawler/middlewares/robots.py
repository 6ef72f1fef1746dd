"""robots.txt, read as RFC 9309 says: an unreachable robots.txt means "disallow everything".

Scrapy's :class:`~scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware` allows everything
when robots.txt cannot be fetched. RFC 9309 (section 2.3.1.4) says a crawler must assume a
complete disallow when robots.txt is unreachable through a server (5xx) or network error, and
may crawl freely when it is simply missing (4xx). This middleware does that, and says which
case refused a request.

Rules match the *normalised* path as well as the spelled one: ``/a/../private/x``,
``/./private/x``, ``//private/x`` and ``/%70rivate/x`` all name ``/private/x`` to a server, so
``Disallow: /private/`` refuses them (RFC 3986 section 6.2.2: percent-encoding of unreserved
characters decoded and hex upper-cased, dot segments removed; duplicate slashes collapsed).

Every request that arrives while a host's robots.txt is on its way waits for its answer. Scrapy
2.13 to 2.19 have each waiter await the one pending ``Deferred`` itself (scrapy/scrapy#6802);
Twisted's ``Deferred.asFuture`` passes ``None`` on to the next callback, so every waiter after
the first read "no robots.txt" and was let through. Here each waiter gets its own ``Deferred``,
fired with the parser and passing it on.
"""

from __future__ import annotations

import re
import string
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.middlewares.guard import RequestRefused

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")


def _percent(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4: ``/a/b/../c/./d`` -> ``/a/c/d``."""
    output: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(output) > 1:
                output.pop()
        elif segment != ".":
            output.append(segment)
    if path.split("/")[-1] in (".", ".."):
        output.append("")
    result = "/".join(output)
    return result if result.startswith("/") else "/" + result


def normalised_path(path: str) -> str:
    """The path a server will most likely serve for ``path``, for matching robots rules."""
    path = _PERCENT.sub(_percent, path or "/")
    path = re.sub(r"/{2,}", "/", path)
    return remove_dot_segments(path)


def normalised_url(url: str) -> str:
    """``url`` with its path normalised (scheme, host and query kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=normalised_path(parts.path), fragment=""))


class Unreachable:
    """The parser standing in for a robots.txt that could not be read."""

    def __init__(self, reason: str):
        self.reason = reason

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> Any:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[Any] = Deferred()

        def hand_on(parser: Any) -> Any:
            waiter.callback(parser)
            return parser  # for the next waiter

        pending.addCallback(hand_on)
        return await maybe_deferred_to_future(waiter)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._settle(netloc, Unreachable(f"it answered HTTP {response.status}"))
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value("robotstxt/unreachable")
        self._settle(netloc, Unreachable(str(exc) or type(exc).__name__))

    def _settle(self, netloc: str, parser: Unreachable) -> None:
        waiting: Any = self._parsers[netloc]
        parsers: dict[str, Any] = self._parsers
        parsers[netloc] = parser
        if hasattr(waiting, "callback"):
            waiting.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, Unreachable):
            host = urlparse_cached(request).netloc
            raise RequestRefused(
                f"{request.url}: robots.txt of {host} could not be read ({rp.reason}); "
                "RFC 9309 says to assume it disallows everything until it can"
            )
        super().process_request_2(rp, request)
        normalised = normalised_url(request.url)
        if normalised != request.url:
            # A rule matches the path the server will serve, however it was spelled.
            super().process_request_2(rp, request.replace(url=normalised))
